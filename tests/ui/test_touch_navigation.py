"""Navigation with a finger on a real (test) touch screen: swipes, flicks, taps and drags on the stage.

Touch points go through Qt's window system interface with a registered touch
screen device, so Qt routes them as it routes a real finger. The time between
points passes on the pointer gestures' fake clock, so a flick is as fast and a
slow drag as slow as the test says, however loaded the machine is.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

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
)

P = Position


@pytest.fixture
def time_scale() -> float:
    """Transitions run at a tenth of their length, to keep the tests quick; the gestures are timed on a fake clock."""
    return 0.1


class Finger(Pointer):
    """One finger on the touch screen, in window coordinates.

    Points go to the QWindow: QTest's QWidget overload of touchEvent maps them to
    global coordinates without the window frame's offset.
    """

    def __init__(self, qtbot: Any, window: Any, device: QPointingDevice, clock: FakeClock) -> None:
        super().__init__(qtbot, clock)
        self.window, self.device = window.windowHandle(), device

    def press(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).press(0, point).commit()

    def move(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).move(0, point).commit()

    def release(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).release(0, point).commit()


@pytest.fixture
def finger(qtbot: Any, player: Any, touchscreen: QPointingDevice) -> Finger:
    assert touchscreen.type() == QInputDevice.DeviceType.TouchScreen
    return Finger(qtbot, player.window, touchscreen, fake_pointer_clock(player))


# -- swipes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "direction", "expected", "motion"),
    [
        pytest.param(P(0, 1), LEFT, P(0, 2), Motion.FORWARD, id="left: next slide"),
        pytest.param(P(0, 4), LEFT, P(1, 0), Motion.FORWARD, id="left: into the next theme"),
        pytest.param(HOME, LEFT, P(0, 0), Motion.FORWARD, id="left on home (over a tile): first slide"),
        pytest.param(P(3, 0), LEFT, HOME, Motion.FORWARD, id="left on the last slide: home"),
        pytest.param(P(0, 1), RIGHT, P(0, 0), Motion.BACKWARD, id="right: previous slide"),
        pytest.param(P(1, 0), RIGHT, P(0, 4), Motion.BACKWARD, id="right: into the previous theme"),
        pytest.param(P(0, 0), RIGHT, HOME, Motion.BACKWARD, id="right on the first slide: home"),
    ],
)
def test_a_swipe_turns_exactly_one_slide(
    qtbot: Any,
    player: Any,
    finger: Finger,
    start: Position,
    direction: tuple[QPoint, QPoint],
    expected: Position,
    motion: Motion,
) -> None:
    go(qtbot, player, start)
    moves = Moves(player.controller)
    finished: list[Position] = []
    player.window.stage.transition_finished.connect(finished.append)
    finger.swipe(*direction)
    assert moves.changes == [(start, expected, motion)]
    settle(qtbot, player.window.stage)
    assert_showing(player, expected)
    # handled once, as touch: nothing came later (no mouse events synthesised from the touch)
    QApplication.processEvents()
    assert moves.changes == [(start, expected, motion)]
    assert finished == [expected]


def test_a_short_fast_flick_turns_the_slide(qtbot: Any, player: Any, finger: Finger) -> None:
    go(qtbot, player, P(1, 1))
    moves = Moves(player.controller)
    # the finger rests a moment after touching, then flicks to the left within a few
    # milliseconds: 88 px in all (6.9 % of the width, under the swipe distance)
    finger.press(QPoint(700, Y))
    finger.pause(20)
    finger.move(QPoint(685, Y))
    finger.pause(250)
    for x in (670, 650, 630):
        finger.move(QPoint(x, Y))
    finger.release(QPoint(612, Y))
    assert moves.targets == [P(1, 2)]
    settle(qtbot, player.window.stage)
    assert_showing(player, P(1, 2))


def test_a_short_fast_flick_to_the_right_goes_back(qtbot: Any, player: Any, finger: Finger) -> None:
    go(qtbot, player, P(1, 1))
    moves = Moves(player.controller)
    finger.press(QPoint(600, Y))
    finger.pause(20)
    finger.move(QPoint(615, Y))
    finger.pause(250)
    for x in (630, 650, 670):
        finger.move(QPoint(x, Y))
    finger.release(QPoint(688, Y))
    assert moves.targets == [P(1, 0)]


def test_a_short_slow_drag_follows_the_finger_then_snaps_back(qtbot: Any, player: Any, finger: Finger) -> None:
    go(qtbot, player, P(0, 1))
    stage = player.window.stage
    moves = Moves(player.controller)
    finger.press(QPoint(700, Y))
    for x in range(690, 630, -10):  # 70 px in 10 px steps, 70 ms apart: slow and short
        finger.pause(70)
        finger.move(QPoint(x, Y))
    assert stage.is_dragging()
    assert stage.overlay.isVisible()
    finger.pause(150)  # the finger rests before it lets go
    finger.release(QPoint(630, Y))
    assert moves.changes == []
    settle(qtbot, stage)  # the snap back animation ends
    assert moves.changes == []
    assert_showing(player, P(0, 1))


def test_while_dragging_the_slide_follows_the_finger(qtbot: Any, player: Any, finger: Finger) -> None:
    go(qtbot, player, P(0, 0))
    stage = player.window.stage
    finger.press(QPoint(900, Y))
    finger.pause(16)
    finger.move(QPoint(880, Y))
    finger.pause(16)
    finger.move(QPoint(700, Y))  # 200 px to the left
    finger.pause(16)
    assert stage.is_dragging()
    assert stage.overlay.isVisible()
    assert stage.overlay.geometry() == stage.rect()
    first = stage.overlay.grab().toImage()
    finger.move(QPoint(500, Y))  # 400 px to the left
    finger.pause(16)
    assert stage.is_dragging()
    second = stage.overlay.grab().toImage()
    # The current slide moved exactly 200 px further left, with the finger ...
    for row in (120, Y, 560):
        assert [second.pixel(x - 200, row) for x in range(300, 1000, 7)] == [
            first.pixel(x, row) for x in range(300, 1000, 7)
        ]
    assert [second.pixel(x, Y) for x in range(0, 1280, 7)] != [first.pixel(x, Y) for x in range(0, 1280, 7)]
    # ... and the next slide comes in from the right edge, 400 px of it showing.
    incoming = stage.live_views()[P(0, 1)].grab().toImage()
    for row in (120, Y, 560):
        assert [second.pixel(x, row) for x in range(884, 1280, 7)] == [
            incoming.pixel(x - 880, row) for x in range(884, 1280, 7)
        ]
    finger.release(QPoint(500, Y))
    settle(qtbot, stage)
    assert_showing(player, P(0, 1))


# -- taps ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        pytest.param(1240, P(0, 3), id="right edge zone: next"),
        pytest.param(1150, P(0, 3), id="inside the right zone: next"),
        pytest.param(40, P(0, 1), id="left edge zone: previous"),
        pytest.param(130, P(0, 1), id="inside the left zone: previous"),
    ],
)
def test_a_tap_in_an_edge_zone_turns_the_slide(
    qtbot: Any, player: Any, finger: Finger, x: int, expected: Position
) -> None:
    go(qtbot, player, P(0, 2))
    moves = Moves(player.controller)
    finger.tap(QPoint(x, Y))
    assert moves.targets == [expected]
    settle(qtbot, player.window.stage)
    assert_showing(player, expected)


def test_a_tap_in_the_middle_does_not_turn_and_is_announced(qtbot: Any, player: Any, finger: Finger) -> None:
    go(qtbot, player, P(0, 2))
    stage = player.window.stage
    gestures = stage.findChild(PointerGestures)
    assert gestures is not None
    moves = Moves(player.controller)
    with qtbot.waitSignal(gestures.tapped, timeout=1000) as tapped:
        finger.tap(QPoint(640, Y))
    assert tapped.args[0].toPoint() == QPoint(640, Y)
    QApplication.processEvents()
    assert moves.changes == []
    assert_showing(player, P(0, 2))


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a_tap_on_a_home_tile_opens_that_theme(qtbot: Any, player: Any, finger: Finger, index: int) -> None:
    stage = player.window.stage
    home = stage.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[index]
    moves = Moves(player.controller)
    finger.tap(tile.mapTo(player.window, tile.rect().center()))
    assert moves.changes == [(HOME, P(index, 0), Motion.FADE)]
    settle(qtbot, stage)
    assert_showing(player, P(index, 0))
    assert moves.changes == [(HOME, P(index, 0), Motion.FADE)]


def test_a_tap_on_the_next_button_of_the_bar_turns_one_slide(qtbot: Any, player: Any, finger: Finger) -> None:
    go(qtbot, player, P(1, 3))
    button = player.window.navbar.next_button
    assert button.isVisible()
    moves = Moves(player.controller)
    finger.tap(button.mapTo(player.window, button.rect().center()))
    qtbot.waitUntil(lambda: moves.changes != [], timeout=1000)
    settle(qtbot, player.window.stage)
    assert moves.targets == [P(1, 4)]


# -- drags that mean nothing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param(QPoint(640, 100), QPoint(660, 560), id="vertical drag down"),
        pytest.param(QPoint(640, 560), QPoint(630, 100), id="vertical drag up"),
        pytest.param(QPoint(10, Y), QPoint(600, Y), id="from the left edge band"),
        pytest.param(QPoint(1272, Y), QPoint(600, Y), id="from the right edge band"),
        pytest.param(QPoint(900, 6), QPoint(300, 6), id="along the top edge band"),
    ],
)
def test_drags_that_are_not_swipes_change_nothing(
    qtbot: Any, player: Any, finger: Finger, start: QPoint, end: QPoint
) -> None:
    go(qtbot, player, P(1, 2))
    stage = player.window.stage
    moves = Moves(player.controller)
    finger.press(start)
    for i in range(1, 7):
        finger.pause(12)
        finger.move(start + (end - start) * (i / 6))
        assert not stage.is_dragging()  # the slide never follows
        assert stage.overlay.isHidden()
    finger.release(end)
    QApplication.processEvents()
    assert moves.changes == []
    assert_showing(player, P(1, 2))


# -- the whole deck ------------------------------------------------------------------------


def test_a_finger_alone_visits_every_slide_and_returns_home(qtbot: Any, player: Any, finger: Finger) -> None:
    shown = assert_visits_every_slide_then_home(qtbot, player, lambda: finger.swipe(*LEFT, steps=5, step_ms=10))
    assert set(player.controller.navigator.slides()) <= set(shown)


# -- a real bug ----------------------------------------------------------------------------


def test_a_swipe_during_a_snap_back_finishes_its_transition(qtbot: Any, player: Any, finger: Finger) -> None:
    stage = player.window.stage
    stage.time_scale = 1.0  # a snap back of its real length
    go(qtbot, player, P(0, 1))
    finished: list[Position] = []
    stage.transition_finished.connect(finished.append)
    snapped: list[int] = []
    stage.overlay.snapped_back.connect(lambda: snapped.append(1))
    # A swipe that wanders off downwards: the slide followed the finger 800 px, then snaps back
    # (about 250 ms).
    finger.press(QPoint(1100, 100))
    for x, y in ((1080, 100), (800, 110), (300, 120), (300, 660)):
        finger.pause(12)
        finger.move(QPoint(x, y))
    finger.release(QPoint(300, 660))  # 800 px left but 560 px down: not a swipe
    assert player.controller.position == P(0, 1)
    assert stage.is_dragging()  # snapping back
    # The visitor swipes again at once, and the figures slide comes in.
    finger.press(LEFT[0])
    assert snapped == []  # the snap back was still running (else this test tests nothing)
    for x in (880, 700, 500):
        finger.pause(5)
        finger.move(QPoint(x, Y))
    finger.release(LEFT[1])
    assert player.controller.position == P(0, 2)
    settle(qtbot, stage)
    assert stage.shown_position == P(0, 2)
    QApplication.processEvents()
    assert finished == [P(0, 2)]
    view = stage.current_view()
    assert view.busy_s() > 0  # its counters are counting up
