"""Helpers the player tests import: waiting for the stage, moving the player, recording moves, pointer strokes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from kiosk.core.navigator import HOME, Position
from kiosk.player.controller import Motion
from tests.core.clock import FakeClock

Y = 330
"""A height in the middle of a 1280x720 stage, well above the navigation bar."""
LEFT = (QPoint(900, Y), QPoint(400, Y))
"""A stroke to the left across the middle of the stage: the next slide."""
RIGHT = (QPoint(380, Y), QPoint(880, Y))
"""A stroke to the right across the middle of the stage: the previous slide."""


def settle(qtbot: Any, stage: Any, timeout_ms: int = 3000) -> None:
    """Wait until no transition, drag or snap back is on screen."""
    qtbot.waitUntil(
        lambda: not stage.is_transitioning() and stage.overlay.isHidden() and not stage.is_dragging(),
        timeout=timeout_ms,
    )


def wait_for_neighbours(qtbot: Any, player: Any) -> None:
    """Wait until the stage holds the view on screen and both its neighbours (prepared just after a change)."""
    stage, navigator = player.window.stage, player.controller.navigator
    shown = stage.shown_position
    wanted = {shown, navigator.following(shown), navigator.preceding(shown)}
    qtbot.waitUntil(lambda: wanted <= set(stage.live_views()))


def go(qtbot: Any, player: Any, position: Position) -> None:
    """Put the player at ``position`` without any input, its neighbours prepared, as a visitor finds it."""
    player.controller.go_to(position, Motion.CUT)
    settle(qtbot, player.window.stage)
    wait_for_neighbours(qtbot, player)
    QApplication.processEvents()  # posted layout requests (the bar's dots) run, as they would before real input
    assert player.controller.position == position


def fake_pointer_clock(player: Any) -> FakeClock:
    """Give the player's pointer gestures a clock that moves only when a test (or its ``Pointer``) says so."""
    clock = FakeClock()
    player.pointer.clock = clock
    return clock


def assert_showing(player: Any, position: Position) -> None:
    """The controller is at ``position`` and the stage shows its view, with nothing over it."""
    stage = player.window.stage
    assert player.controller.position == position
    assert stage.shown_position == position
    assert stage.current_view().isVisible()
    assert stage.overlay.isHidden()
    assert not stage.is_dragging()


class Moves:
    """Every position change the controller announces."""

    def __init__(self, controller: Any) -> None:
        self.changes: list[tuple[Position, Position, Motion]] = []
        controller.position_changed.connect(self._record)

    def _record(self, old: Position, new: Position, motion: Motion) -> None:
        self.changes.append((old, new, motion))

    @property
    def targets(self) -> list[Position]:
        return [new for _, new, _ in self.changes]


def step_until_home(qtbot: Any, player: Any, step: Callable[[], None]) -> list[Position]:
    """Repeat ``step`` (one input that turns a slide), settling after each, until the player is home again.

    At most one step more than the deck has slides; returns the position shown after each step.
    """
    stage = player.window.stage
    shown = []
    for _ in range(player.controller.deck.slide_count + 1):
        step()
        settle(qtbot, stage)
        shown.append(stage.shown_position)
        if player.controller.position == HOME:
            break
    return shown


def assert_visits_every_slide_then_home(qtbot: Any, player: Any, step: Callable[[], None]) -> list[Position]:
    """``step`` repeated walks through every slide in reading order, then home; returns the positions shown."""
    moves = Moves(player.controller)
    shown = step_until_home(qtbot, player, step)
    every = player.controller.navigator.slides()
    assert len(every) == player.controller.deck.slide_count
    assert shown == [*every, HOME]
    assert moves.targets == [*every, HOME]
    return shown


class Pointer:
    """One pointer held down and moved on a target; subclasses say how it presses, moves, lets go.

    The time between two samples passes on ``clock`` (the player's pointer clock, see
    ``fake_pointer_clock``) and only the events already posted run: speeds are exact on any machine.
    """

    def __init__(self, qtbot: Any, clock: FakeClock) -> None:
        self.qtbot = qtbot
        self.clock = clock

    def pause(self, ms: float) -> None:
        """Let ``ms`` milliseconds pass between two samples."""
        self.clock.advance(ms / 1000)
        QApplication.processEvents()

    def press(self, point: QPoint) -> None:
        raise NotImplementedError

    def move(self, point: QPoint) -> None:
        raise NotImplementedError

    def release(self, point: QPoint) -> None:
        raise NotImplementedError

    def swipe(self, start: QPoint, end: QPoint, steps: int = 8, step_ms: int = 12) -> None:
        """Press, move in ``steps`` even steps ``step_ms`` apart, release at ``end``."""
        self.press(start)
        for i in range(1, steps + 1):
            self.pause(step_ms)
            self.move(start + (end - start) * (i / steps))
        self.pause(step_ms)
        self.release(end)

    def tap(self, point: QPoint, hold_ms: int = 60) -> None:
        """Press, hold ``hold_ms``, release at the same point."""
        self.press(point)
        self.pause(hold_ms)
        self.release(point)
