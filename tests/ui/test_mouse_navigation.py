"""Navigation with a mouse (a mouse drag behaves like a swipe) and with a clicker's keys alone.

The time between mouse events passes on the pointer gestures' fake clock, so a
flick is as fast and a slow drag as slow as the test says, however loaded the machine is.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.navigator import HOME, Position
from kiosk.player.controller import Motion
from kiosk.player.pointer import PointerGestures
from kiosk.ui.home import HomeView
from tests.core.clock import FakeClock
from tests.ui.helpers import (
    LEFT,
    RIGHT,
    Moves,
    Pointer,
    Y,
    assert_showing,
    assert_visits_every_slide_then_home,
    fake_pointer_clock,
    go,
    settle,
    step_until_home,
)

P = Position
LEFT_BUTTON = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def time_scale() -> float:
    """Transitions run at a tenth of their length, to keep the tests quick; the pointer is timed on a fake clock."""
    return 0.1


class Mouse(Pointer):
    """The left mouse button on ``target`` (the stage, or the window's QWindow), in its coordinates.

    Qt 6's QTest.mouseMove carries the buttons held since mousePress, as a real drag does
    (test_a_mouse_move_after_a_press_carries_the_left_button checks it).
    """

    def __init__(self, qtbot: Any, target: Any, clock: FakeClock) -> None:
        super().__init__(qtbot, clock)
        self.target = target

    def press(self, point: QPoint) -> None:
        QTest.mousePress(self.target, LEFT_BUTTON, NO_MODIFIER, point)

    def move(self, point: QPoint) -> None:
        QTest.mouseMove(self.target, point)

    def release(self, point: QPoint) -> None:
        QTest.mouseRelease(self.target, LEFT_BUTTON, NO_MODIFIER, point)

    drag = Pointer.swipe
    click = Pointer.tap


@pytest.fixture
def clock(player: Any) -> FakeClock:
    """The clock the player's pointer gestures read; the test's mouse moves it."""
    return fake_pointer_clock(player)


@pytest.fixture
def mouse(qtbot: Any, player: Any, clock: FakeClock) -> Mouse:
    """The mouse on the stage."""
    return Mouse(qtbot, player.window.stage, clock)


class MoveButtons(QObject):
    """Records the buttons every mouse move to ``widget`` carries (installed last, so asked first)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.buttons: list[Qt.MouseButton] = []
        QApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if watched is self.widget and event.type() == QEvent.Type.MouseMove:
            self.buttons.append(event.buttons())  # type: ignore[attr-defined]
        return False

    def remove(self) -> None:
        QApplication.instance().removeEventFilter(self)  # type: ignore[union-attr]


def test_a_mouse_move_after_a_press_carries_the_left_button(qtbot: Any, player: Any, mouse: Mouse) -> None:
    stage = player.window.stage
    go(qtbot, player, P(0, 1))
    recorder = MoveButtons(stage)
    try:
        mouse.press(QPoint(900, Y))
        mouse.move(QPoint(800, Y))
        mouse.move(QPoint(700, Y))
        assert stage.is_dragging()
        mouse.release(QPoint(700, Y))
    finally:
        recorder.remove()
    assert recorder.buttons == [LEFT_BUTTON, LEFT_BUTTON]


# -- drags -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "direction", "expected", "motion"),
    [
        pytest.param(P(0, 1), LEFT, P(0, 2), Motion.FORWARD, id="left: next slide"),
        pytest.param(P(1, 4), LEFT, P(2, 0), Motion.FORWARD, id="left: into the next theme"),
        pytest.param(HOME, LEFT, P(0, 0), Motion.FORWARD, id="left on home: first slide"),
        pytest.param(P(0, 1), RIGHT, P(0, 0), Motion.BACKWARD, id="right: previous slide"),
        pytest.param(HOME, RIGHT, P(3, 0), Motion.BACKWARD, id="right on home: last slide"),
    ],
)
def test_a_mouse_drag_turns_exactly_one_slide(
    qtbot: Any,
    player: Any,
    mouse: Mouse,
    start: Position,
    direction: tuple[QPoint, QPoint],
    expected: Position,
    motion: Motion,
) -> None:
    go(qtbot, player, start)
    moves = Moves(player.controller)
    mouse.drag(*direction)
    assert moves.changes == [(start, expected, motion)]
    settle(qtbot, player.window.stage)
    assert_showing(player, expected)
    assert moves.changes == [(start, expected, motion)]


def test_a_drag_through_the_window_on_the_slide_texts_turns_the_slide(
    qtbot: Any, player: Any, clock: FakeClock
) -> None:
    # Pressed through the QWindow, the press lands on whatever child is under the pointer (a text
    # of the slide), as a real mouse press does; the stage's filter still sees it.
    go(qtbot, player, P(1, 1))
    window = player.window
    under = window.childAt(LEFT[0])
    assert under is not None and window.stage.isAncestorOf(under)
    moves = Moves(player.controller)
    Mouse(qtbot, window.windowHandle(), clock).drag(*LEFT)
    assert moves.targets == [P(1, 2)]
    settle(qtbot, window.stage)
    assert_showing(player, P(1, 2))


def test_a_short_fast_mouse_flick_turns_the_slide(qtbot: Any, player: Any, mouse: Mouse) -> None:
    go(qtbot, player, P(2, 1))
    moves = Moves(player.controller)
    mouse.press(QPoint(700, Y))
    mouse.pause(20)
    mouse.move(QPoint(685, Y))
    mouse.pause(250)  # rests a moment, then flicks within a few milliseconds: 88 px in all (6.9 %)
    for x in (670, 650, 630):
        mouse.move(QPoint(x, Y))
    mouse.release(QPoint(612, Y))
    assert moves.targets == [P(2, 2)]
    settle(qtbot, player.window.stage)
    assert_showing(player, P(2, 2))


def test_a_short_slow_mouse_drag_follows_then_snaps_back(qtbot: Any, player: Any, mouse: Mouse) -> None:
    go(qtbot, player, P(0, 3))
    stage = player.window.stage
    moves = Moves(player.controller)
    mouse.press(QPoint(600, Y))
    for x in range(610, 680, 10):  # 70 px to the right in 10 px steps, 70 ms apart
        mouse.pause(70)
        mouse.move(QPoint(x, Y))
    assert stage.is_dragging()
    assert stage.overlay.isVisible()
    mouse.pause(150)
    mouse.release(QPoint(670, Y))
    assert moves.changes == []
    settle(qtbot, stage)
    assert moves.changes == []
    assert_showing(player, P(0, 3))


def test_while_dragging_with_the_mouse_the_slide_follows_it(qtbot: Any, player: Any, mouse: Mouse) -> None:
    go(qtbot, player, P(0, 1))
    stage = player.window.stage
    mouse.press(QPoint(300, Y))
    mouse.move(QPoint(320, Y))
    mouse.move(QPoint(450, Y))  # 150 px to the right
    assert stage.is_dragging()
    assert stage.overlay.isVisible()
    first = stage.overlay.grab().toImage()
    mouse.move(QPoint(550, Y))  # 250 px to the right
    second = stage.overlay.grab().toImage()
    # the current slide moved 100 px further right with the pointer
    for row in (150, Y, 500):
        assert [second.pixel(x + 100, row) for x in range(200, 1100, 7)] == [
            first.pixel(x, row) for x in range(200, 1100, 7)
        ]
    # the previous slide comes in from the left edge
    incoming = stage.live_views()[P(0, 0)].grab().toImage()
    for row in (150, Y, 500):
        assert [second.pixel(x, row) for x in range(0, 250, 5)] == [
            incoming.pixel(x + 1030, row) for x in range(0, 250, 5)
        ]
    mouse.release(QPoint(550, Y))
    settle(qtbot, stage)
    assert_showing(player, P(0, 0))


# -- clicks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [pytest.param(1240, P(1, 3), id="right edge zone: next"), pytest.param(40, P(1, 1), id="left edge zone: previous")],
)
def test_a_click_in_an_edge_zone_turns_the_slide(
    qtbot: Any, player: Any, mouse: Mouse, x: int, expected: Position
) -> None:
    go(qtbot, player, P(1, 2))
    moves = Moves(player.controller)
    mouse.click(QPoint(x, Y))
    assert moves.targets == [expected]
    settle(qtbot, player.window.stage)
    assert_showing(player, expected)


def test_a_click_in_the_middle_does_not_turn_and_is_announced(qtbot: Any, player: Any, mouse: Mouse) -> None:
    go(qtbot, player, P(1, 2))
    gestures = player.window.stage.findChild(PointerGestures)
    assert gestures is not None
    moves = Moves(player.controller)
    with qtbot.waitSignal(gestures.tapped, timeout=1000) as tapped:
        mouse.click(QPoint(640, Y))
    assert tapped.args[0].toPoint() == QPoint(640, Y)
    QApplication.processEvents()
    assert moves.changes == []
    assert_showing(player, P(1, 2))


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_click_on_a_home_tile_opens_that_theme_once(qtbot: Any, player: Any, index: int) -> None:
    window = player.window
    home = window.stage.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[index]
    clicks: list[int] = []
    tile.clicked.connect(lambda *_: clicks.append(1))
    moves = Moves(player.controller)
    # through the QWindow, so Qt delivers the click to the tile (or its title) under the pointer
    QTest.mouseClick(window.windowHandle(), LEFT_BUTTON, NO_MODIFIER, tile.mapTo(window, tile.rect().center()))
    assert moves.changes == [(HOME, P(index, 0), Motion.FADE)]
    settle(qtbot, window.stage)
    assert_showing(player, P(index, 0))
    assert len(clicks) == 1
    assert moves.changes == [(HOME, P(index, 0), Motion.FADE)]


# -- nothing happens ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(QPoint(640, 100), QPoint(650, 560), id="vertical drag"),
        pytest.param(QPoint(10, Y), QPoint(600, Y), id="from the left edge band"),
        pytest.param(QPoint(1275, Y), QPoint(500, Y), id="from the right edge band"),
    ],
)
def test_mouse_drags_that_are_not_swipes_change_nothing(
    qtbot: Any, player: Any, mouse: Mouse, start: QPoint, end: QPoint
) -> None:
    go(qtbot, player, P(2, 2))
    stage = player.window.stage
    moves = Moves(player.controller)
    mouse.press(start)
    for i in range(1, 7):
        mouse.pause(12)
        mouse.move(start + (end - start) * (i / 6))
        assert not stage.is_dragging()
        assert stage.overlay.isHidden()
    mouse.release(end)
    QApplication.processEvents()
    assert moves.changes == []
    assert_showing(player, P(2, 2))


def test_hovering_and_right_button_drags_change_nothing(qtbot: Any, player: Any, mouse: Mouse) -> None:
    go(qtbot, player, P(2, 2))
    stage = player.window.stage
    moves = Moves(player.controller)
    for x in range(900, 300, -100):  # hover: no button
        mouse.move(QPoint(x, Y))
        assert not stage.is_dragging()
    right = Qt.MouseButton.RightButton
    QTest.mousePress(stage, right, NO_MODIFIER, QPoint(900, Y))
    for x in range(850, 300, -100):
        mouse.pause(10)
        QTest.mouseMove(stage, QPoint(x, Y))
        assert not stage.is_dragging()
    QTest.mouseRelease(stage, right, NO_MODIFIER, QPoint(350, Y))
    QApplication.processEvents()
    assert moves.changes == []
    assert_showing(player, P(2, 2))


# -- the whole deck ------------------------------------------------------------------------


def test_a_mouse_alone_visits_every_slide_and_returns_home(qtbot: Any, player: Any, mouse: Mouse) -> None:
    assert_visits_every_slide_then_home(qtbot, player, lambda: mouse.drag(*LEFT, steps=5, step_ms=10))


def test_a_clicker_alone_visits_every_slide_and_returns_home(qtbot: Any, player: Any) -> None:
    # A presentation clicker sends PageDown; the window gets the key as a keyboard sends it.
    window, stage = player.window, player.window.stage
    moves = Moves(player.controller)
    shown = step_until_home(qtbot, player, lambda: QTest.keyClick(window, Qt.Key.Key_PageDown))
    every = player.controller.navigator.slides()
    assert shown == [*every, HOME]
    assert moves.targets == [*every, HOME]
    assert all(motion is Motion.FORWARD for *_, motion in moves.changes)
    # and PageUp walks back the same way
    moves.changes.clear()
    for _ in range(3):
        QTest.keyClick(window, Qt.Key.Key_PageUp)
        settle(qtbot, stage)
    assert moves.targets == [every[-1], every[-2], every[-3]]
