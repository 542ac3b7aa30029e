"""The exit gesture as staff do it: hold the top-left corner with the mouse or a finger.

The hold is timed on a fake clock that moves only when a test says so, and the
test looks at it (``check()``) as the gesture's timer would: whether a press lasted
long enough never depends on how loaded the machine is. One test lets the real
clock and timer do it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.player.exit_gesture import CornerHold
from kiosk.ui.scale import Scale, minimum_touch_target
from tests.core.clock import FakeClock

HOLD_S = 0.3
CORNER = QPoint(5, 5)
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
REAL_HOLD_TIMEOUT_MS = 10_000
"""How long the one real-time test may wait for its hold: generous, for a loaded machine."""


class Held(list[bool]):
    """Every ``held`` a corner hold emits."""

    def __init__(self, hold: CornerHold) -> None:
        super().__init__()
        hold.held.connect(lambda: self.append(True))


@pytest.fixture
def window(show_widget: Callable[..., QWidget]) -> QWidget:
    return show_widget(QWidget())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def hold(window: QWidget, clock: FakeClock) -> Iterator[CornerHold]:
    gesture = CornerHold(window, hold_s=HOLD_S, corner_side=lambda: corner_side(window), clock=clock)
    yield gesture
    QTest.mouseRelease(window, LEFT, NO_MODIFIER, CORNER)  # QTest keeps button state between tests


@pytest.fixture
def held(hold: CornerHold) -> Held:
    return Held(hold)


def corner_side(window: QWidget) -> int:
    return minimum_touch_target(window, Scale(window.width(), window.height()))


def wait_out(hold: CornerHold, clock: FakeClock) -> None:
    """Let twice the hold time pass on the clock, and look as the timer would."""
    clock.advance(HOLD_S * 2)
    hold.check()


# -- mouse ---------------------------------------------------------------------


def test_holding_the_corner_emits_held_on_the_real_clock(qtbot: Any, window: QWidget) -> None:
    hold = CornerHold(window, hold_s=HOLD_S, corner_side=lambda: corner_side(window))
    try:
        with qtbot.waitSignal(hold.held, timeout=REAL_HOLD_TIMEOUT_MS):
            QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
            assert hold.is_holding()
        assert not hold.is_holding(), "the hold ends when it is held"
    finally:
        QTest.mouseRelease(window, LEFT, NO_MODIFIER, CORNER)


def test_holding_the_corner_emits_held_after_hold_s_and_not_before(
    window: QWidget, hold: CornerHold, held: Held, clock: FakeClock
) -> None:
    QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
    assert hold.is_holding()
    clock.advance(HOLD_S - 0.001)
    hold.check()  # as a timer firing a little early would
    assert held == [] and hold.is_holding()
    clock.advance(0.001)
    hold.check()
    assert held == [True]
    assert not hold.is_holding()
    clock.advance(HOLD_S * 2)
    hold.check()
    assert held == [True], "one hold, one held"


def test_the_whole_corner_square_counts(window: QWidget, hold: CornerHold, held: Held, clock: FakeClock) -> None:
    inside = corner_side(window) - 2
    assert hold.corner().width() == corner_side(window)
    QTest.mousePress(window, LEFT, NO_MODIFIER, QPoint(inside, inside))
    wait_out(hold, clock)
    assert held == [True]


def test_releasing_early_cancels(window: QWidget, hold: CornerHold, held: Held, clock: FakeClock) -> None:
    QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
    clock.advance(HOLD_S / 3)
    QTest.mouseRelease(window, LEFT, NO_MODIFIER, CORNER)
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []


@pytest.mark.parametrize("where", ["middle", "just outside", "top right", "bottom left"])
def test_a_press_elsewhere_does_nothing(
    window: QWidget, hold: CornerHold, held: Held, clock: FakeClock, where: str
) -> None:
    side = corner_side(window)
    point = {
        "middle": QPoint(window.width() // 2, window.height() // 2),
        "just outside": QPoint(side + 2, 5),
        "top right": QPoint(window.width() - 5, 5),
        "bottom left": QPoint(5, window.height() - 5),
    }[where]
    QTest.mousePress(window, LEFT, NO_MODIFIER, point)
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []


def test_sliding_out_of_the_corner_cancels(window: QWidget, hold: CornerHold, held: Held, clock: FakeClock) -> None:
    QTest.mousePress(window, LEFT, NO_MODIFIER, CORNER)
    QTest.mouseMove(window, QPoint(corner_side(window) // 2, corner_side(window) // 2))
    assert hold.is_holding(), "moving inside the square keeps the hold"
    QTest.mouseMove(window, QPoint(corner_side(window) * 2, 5))
    QTest.mouseMove(window, CORNER)
    assert not hold.is_holding(), "coming back does not start a new hold"
    wait_out(hold, clock)
    assert held == []


def test_the_right_button_does_not_count(window: QWidget, hold: CornerHold, held: Held, clock: FakeClock) -> None:
    QTest.mousePress(window, Qt.MouseButton.RightButton, NO_MODIFIER, CORNER)
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []
    QTest.mouseRelease(window, Qt.MouseButton.RightButton, NO_MODIFIER, CORNER)


def test_a_press_on_a_child_in_the_corner_counts_and_still_reaches_it(
    qtbot: Any, window: QWidget, hold: CornerHold, held: Held, clock: FakeClock
) -> None:
    # GIVEN a button sitting in the corner (the gesture must only look, never take the press)
    button = QPushButton("home", window)
    button.setGeometry(0, 0, corner_side(window), corner_side(window))
    button.show()
    QTest.mousePress(button, LEFT, NO_MODIFIER, CORNER)
    assert button.isDown(), "the button saw the press"
    wait_out(hold, clock)
    assert held == [True]
    with qtbot.waitSignal(button.clicked, timeout=1000):
        QTest.mouseRelease(button, LEFT, NO_MODIFIER, CORNER)


# -- touch ---------------------------------------------------------------------


@pytest.mark.parametrize("accepts_touch", [False, True], ids=["plain window", "touch-accepting window"])
def test_a_finger_held_in_the_corner_emits_held(
    window: QWidget, hold: CornerHold, held: Held, clock: FakeClock, touchscreen: QPointingDevice, accepts_touch: bool
) -> None:
    window.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, accepts_touch)
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    assert hold.is_holding()
    wait_out(hold, clock)
    assert held == [True]
    QTest.touchEvent(window, touchscreen).release(0, CORNER, window).commit()


def test_lifting_the_finger_early_cancels(
    window: QWidget, hold: CornerHold, held: Held, clock: FakeClock, touchscreen: QPointingDevice
) -> None:
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    assert hold.is_holding()
    clock.advance(HOLD_S / 3)
    QTest.touchEvent(window, touchscreen).release(0, CORNER, window).commit()
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []


def test_a_finger_sliding_out_cancels(
    window: QWidget, hold: CornerHold, held: Held, clock: FakeClock, touchscreen: QPointingDevice
) -> None:
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    outside = QPoint(corner_side(window) * 3, corner_side(window) * 3)
    QTest.touchEvent(window, touchscreen).move(0, outside, window).commit()
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []
    QTest.touchEvent(window, touchscreen).release(0, outside, window).commit()


@pytest.mark.parametrize("accepts_touch", [False, True], ids=["plain window", "touch-accepting window"])
@pytest.mark.parametrize("where", ["middle", "corner"])
def test_a_second_finger_cancels(
    window: QWidget,
    hold: CornerHold,
    held: Held,
    clock: FakeClock,
    touchscreen: QPointingDevice,
    accepts_touch: bool,
    where: str,
) -> None:
    window.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, accepts_touch)
    QTest.touchEvent(window, touchscreen).press(0, CORNER, window).commit()
    second = QPoint(window.width() // 2, window.height() // 2) if where == "middle" else CORNER + QPoint(10, 10)
    # move(), not stationary(): QTest sends a stationary point without its position
    QTest.touchEvent(window, touchscreen).move(0, CORNER, window).press(1, second, window).commit()
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []
    QTest.touchEvent(window, touchscreen).release(0, CORNER, window).release(1, second, window).commit()


def test_a_touch_elsewhere_does_nothing(
    window: QWidget, hold: CornerHold, held: Held, clock: FakeClock, touchscreen: QPointingDevice
) -> None:
    middle = QPoint(window.width() // 2, window.height() // 2)
    QTest.touchEvent(window, touchscreen).press(0, middle, window).commit()
    assert not hold.is_holding()
    wait_out(hold, clock)
    assert held == []
    QTest.touchEvent(window, touchscreen).release(0, middle, window).commit()
