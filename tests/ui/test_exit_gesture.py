"""The exit gesture as staff do it: hold the top-left corner with the mouse or a finger."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.ui.exit_gesture import CornerHold
from kiosk.ui.scale import Scale, minimum_touch_target

HOLD_S = 0.3
CORNER = QPoint(5, 5)
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
QUIET_MS = round(HOLD_S * 1000 * 2)
"""How long to watch for a ``held`` that must not come."""


@pytest.fixture
def window(show_widget: Callable[..., QWidget]) -> QWidget:
    return show_widget(QWidget())


@pytest.fixture
def hold(window: QWidget) -> Iterator[CornerHold]:
    gesture = CornerHold(window, hold_s=HOLD_S)
    yield gesture
    QTest.mouseRelease(window, LEFT, NO_MODIFIER, CORNER)  # QTest keeps button state between tests


def corner_side(window: QWidget) -> int:
    return minimum_touch_target(window, Scale(window.width(), window.height()))


# -- mouse ---------------------------------------------------------------------


def test_holding_the_corner_emits_held(qtbot: Any, window: QWidget, hold: CornerHold) -> None:
    with qtbot.waitSignal(hold.held, timeout=QUIET_MS * 3):
        QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
        assert hold.is_holding()


def test_the_whole_corner_square_counts(qtbot: Any, window: QWidget, hold: CornerHold) -> None:
    inside = corner_side(window) - 2
    assert hold.corner().width() == corner_side(window)
    with qtbot.waitSignal(hold.held, timeout=QUIET_MS * 3):
        QTest.mousePress(window, LEFT, NO_MODIFIER, QPoint(inside, inside))


def test_releasing_early_cancels(qtbot: Any, window: QWidget, hold: CornerHold) -> None:
    QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
    qtbot.wait(round(HOLD_S * 1000 / 3))
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.mouseRelease(window, LEFT, NO_MODIFIER, CORNER)
    assert not hold.is_holding()


@pytest.mark.parametrize("where", ["middle", "just outside", "top right", "bottom left"])
def test_a_press_elsewhere_does_nothing(qtbot: Any, window: QWidget, hold: CornerHold, where: str) -> None:
    side = corner_side(window)
    point = {
        "middle": QPoint(window.width() // 2, window.height() // 2),
        "just outside": QPoint(side + 2, 5),
        "top right": QPoint(window.width() - 5, 5),
        "bottom left": QPoint(5, window.height() - 5),
    }[where]
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.mousePress(window, LEFT, NO_MODIFIER, point)
    assert not hold.is_holding()


def test_sliding_out_of_the_corner_cancels(qtbot: Any, window: QWidget, hold: CornerHold) -> None:
    QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
    QTest.mouseMove(window, QPoint(corner_side(window) // 2, corner_side(window) // 2))
    assert hold.is_holding(), "moving inside the square keeps the hold"
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.mouseMove(window, QPoint(corner_side(window) * 2, 5))
    QTest.mouseMove(window, CORNER)
    assert not hold.is_holding(), "coming back does not start a new hold"


def test_the_right_button_does_not_count(qtbot: Any, window: QWidget, hold: CornerHold) -> None:
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.mousePress(window, Qt.MouseButton.RightButton, NO_MODIFIER, CORNER)
    QTest.mouseRelease(window, Qt.MouseButton.RightButton, NO_MODIFIER, CORNER)


def test_a_press_on_a_child_in_the_corner_counts_and_still_reaches_it(
    qtbot: Any, window: QWidget, hold: CornerHold
) -> None:
    # GIVEN a button sitting in the corner (the gesture must only look, never take the press)
    button = QPushButton("home", window)
    button.setGeometry(0, 0, corner_side(window), corner_side(window))
    button.show()
    with qtbot.waitSignal(hold.held, timeout=QUIET_MS * 3):
        QTest.mousePress(button, LEFT, NO_MODIFIER, CORNER)
        assert button.isDown(), "the button saw the press"
    with qtbot.waitSignal(button.clicked, timeout=1000):
        QTest.mouseRelease(button, LEFT, NO_MODIFIER, CORNER)


# -- touch ---------------------------------------------------------------------


@pytest.mark.parametrize("accepts_touch", [False, True], ids=["plain window", "touch-accepting window"])
def test_a_finger_held_in_the_corner_emits_held(
    qtbot: Any, window: QWidget, hold: CornerHold, touchscreen: QPointingDevice, accepts_touch: bool
) -> None:
    window.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, accepts_touch)
    with qtbot.waitSignal(hold.held, timeout=QUIET_MS * 3):
        QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    QTest.touchEvent(window, touchscreen).release(0, CORNER, window).commit()


def test_lifting_the_finger_early_cancels(
    qtbot: Any, window: QWidget, hold: CornerHold, touchscreen: QPointingDevice
) -> None:
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    assert hold.is_holding()
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.touchEvent(window, touchscreen).release(0, CORNER, window).commit()


def test_a_finger_sliding_out_cancels(
    qtbot: Any, window: QWidget, hold: CornerHold, touchscreen: QPointingDevice
) -> None:
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    outside = QPoint(corner_side(window) * 3, corner_side(window) * 3)
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.touchEvent(window, touchscreen).move(0, outside, window).commit()
    QTest.touchEvent(window, touchscreen).release(0, outside, window).commit()


@pytest.mark.parametrize("accepts_touch", [False, True], ids=["plain window", "touch-accepting window"])
@pytest.mark.parametrize("where", ["middle", "corner"])
def test_a_second_finger_cancels(
    qtbot: Any, window: QWidget, hold: CornerHold, touchscreen: QPointingDevice, accepts_touch: bool, where: str
) -> None:
    window.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, accepts_touch)
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    second = QPoint(window.width() // 2, window.height() // 2) if where == "middle" else CORNER + QPoint(10, 10)
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        # move(), not stationary(): QTest sends a stationary point without its position
        QTest.touchEvent(window, touchscreen).move(0, CORNER, window).press(1, second, window).commit()
    assert not hold.is_holding()
    QTest.touchEvent(window, touchscreen).release(0, CORNER, window).release(1, second, window).commit()


def test_a_touch_elsewhere_does_nothing(
    qtbot: Any, window: QWidget, hold: CornerHold, touchscreen: QPointingDevice
) -> None:
    middle = QPoint(window.width() // 2, window.height() // 2)
    with qtbot.assertNotEmitted(hold.held, wait=QUIET_MS):
        QTest.touchEvent(window, touchscreen).press(0, middle, window).commit()
    QTest.touchEvent(window, touchscreen).release(0, middle, window).commit()
