"""Transitions under rapid input: the screen always ends on the controller's position, with no backlog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt, QVariantAnimation
from PySide6.QtTest import QTest

from kiosk.core.navigator import HOME, Position
from kiosk.ui.home import HomeView
from kiosk.ui.transitions import PUSH_MS
from tests.ui.helpers import settle, wait_for_neighbours

Key = Qt.Key
MAX_LIVE_VIEWS = 3


def reading_order(player: Any) -> list[Position]:
    """Home, then every slide in order: what next walks through, looping."""
    deck = player.deck
    return [HOME] + [Position(t, s) for t, theme in enumerate(deck.themes) for s in range(len(theme.slides))]


def visible_views(stage: Any) -> list[Position]:
    return [position for position, view in stage.live_views().items() if view.isVisible()]


def assert_consistent(player: Any) -> None:
    """One view on screen, the one for the controller's position, and no transition left over."""
    stage = player.window.stage
    assert not stage.is_transitioning()
    assert stage.overlay.isHidden(), "the transition overlay should be gone"
    assert stage.shown_position == player.controller.position
    assert visible_views(stage) == [player.controller.position], "exactly one view should be visible"
    assert len(stage.live_views()) <= MAX_LIVE_VIEWS
    assert stage.current_view().geometry() == stage.rect()


def expected_texts(player: Any, position: Position) -> list[str]:
    """The texts a freshly built view of ``position`` shows (built off screen, for comparison)."""
    from kiosk.ui.slides import create_slide_view

    if position.is_home:
        view: Any = HomeView(player.deck, player.controller.language)
    else:
        assert position.theme is not None
        theme = player.deck.themes[position.theme]
        view = create_slide_view(player.deck, theme, theme.slides[position.slide], player.controller.language)
    view.finish_animations()
    try:
        return view.visible_texts()
    finally:
        view.deleteLater()


def test_twenty_rights_with_no_wait_end_on_the_right_slide(qtbot: Any, player: Any) -> None:
    window, stage = player.window, player.window.stage
    finished: list[Position] = []
    order = reading_order(player)
    for _ in range(20):
        QTest.keyClick(window, Key.Key_Right)
    expected = order[20 % len(order)]
    assert player.controller.position == expected
    stage.transition_finished.connect(finished.append)
    # No backlog: what is left after the last key is one transition, no longer than one push
    running = [
        a for a in stage.overlay.findChildren(QVariantAnimation) if a.state() == QAbstractAnimation.State.Running
    ]
    assert [a.duration() <= PUSH_MS for a in running] == [True], "the burst left a backlog"
    settle(qtbot, stage, timeout_ms=2000)
    assert finished == [expected], "at most one transition should run after the burst"
    assert_consistent(player)
    view = stage.current_view()
    if hasattr(view, "finish_animations"):
        view.finish_animations()
    assert view.visible_texts() == expected_texts(player, expected)
    wait_for_neighbours(qtbot, player)  # prepared just after the transition
    assert len(stage.live_views()) <= MAX_LIVE_VIEWS
    assert set(stage.live_views()) <= {expected, order[(20 + 1) % len(order)], order[(20 - 1) % len(order)]}


def test_alternating_right_left_quickly_ends_consistent(qtbot: Any, player: Any) -> None:
    window, stage = player.window, player.window.stage
    QTest.keyClick(window, Key.Key_2)
    settle(qtbot, stage)
    start = player.controller.position
    for _ in range(15):
        QTest.keyClick(window, Key.Key_Right)
        QTest.keyClick(window, Key.Key_Left)
        assert len(stage.live_views()) <= MAX_LIVE_VIEWS
    QTest.keyClick(window, Key.Key_Right)
    settle(qtbot, stage, timeout_ms=2000)
    assert player.controller.position == Position(start.theme, start.slide + 1)
    assert_consistent(player)


def frames_painted(window: Any) -> Callable[[], int]:
    """A counter of the frames ``window`` paints from now on."""
    frames: list[float] = []
    window.frame_observers.append(frames.append)
    return lambda: len(frames)


@pytest.mark.parametrize("pause_frames", [0, 2], ids=["no pause", "two frames between keys"])
def test_mixed_bursts_with_short_pauses_end_consistent(qtbot: Any, player: Any, pause_frames: int) -> None:
    window, stage = player.window, player.window.stage
    painted = frames_painted(window)
    keys = [Key.Key_Right] * 4 + [Key.Key_3, Key.Key_Left, Key.Key_End, Key.Key_Home, Key.Key_1, Key.Key_Right]
    for key in keys * 2:
        QTest.keyClick(window, key)
        if pause_frames:  # the visitor pauses while the transition under way moves on screen
            until = painted() + pause_frames
            qtbot.waitUntil(lambda: painted() >= until or not stage.is_transitioning())  # noqa: B023
        assert len(visible_views(stage)) == 1
    settle(qtbot, stage, timeout_ms=2000)
    assert player.controller.position == Position(0, 1)
    assert_consistent(player)


def test_a_burst_across_home_and_back(qtbot: Any, player: Any) -> None:
    window, stage = player.window, player.window.stage
    order = reading_order(player)
    for _ in range(len(order) + 3):
        QTest.keyClick(window, Key.Key_Left)
    settle(qtbot, stage, timeout_ms=2000)
    assert player.controller.position == order[-3]
    assert_consistent(player)


def test_the_overlay_covers_the_stage_while_a_transition_runs(qtbot: Any, player: Any) -> None:
    window, stage = player.window, player.window.stage
    QTest.keyClick(window, Key.Key_Right)
    assert stage.is_transitioning()
    assert stage.overlay.isVisible() and stage.overlay.geometry() == stage.rect()
    assert visible_views(stage) == [player.controller.position]
    settle(qtbot, stage)
    assert_consistent(player)


def test_resizing_during_a_transition_ends_it_cleanly(qtbot: Any, player: Any) -> None:
    window, stage = player.window, player.window.stage
    QTest.keyClick(window, Key.Key_Right)
    QTest.keyClick(window, Key.Key_Right)
    assert stage.is_transitioning()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: stage.width() == 1024)
    settle(qtbot, stage)
    assert_consistent(player)
    assert all(view.geometry() == stage.rect() for view in stage.live_views().values())


def test_no_view_is_built_while_an_interrupting_transition_runs(qtbot: Any, player: Any) -> None:
    window, stage = player.window, player.window.stage
    QTest.keyClick(window, Key.Key_1)
    settle(qtbot, stage)
    wait_for_neighbours(qtbot, player)
    painted = frames_painted(window)
    QTest.keyClick(window, Key.Key_Right)  # a push to (0, 1) ...
    qtbot.waitUntil(lambda: painted() >= 3 or not stage.is_transitioning())
    assert stage.is_transitioning(), "the push was over before the jump (else this test tests nothing)"
    QTest.keyClick(window, Key.Key_3)  # ... cut short by a jump to (2, 0), a 600 ms fade
    assert stage.is_transitioning()
    built = set(stage.live_views())
    # What the fade ends with, before the neighbours of (2, 0) are prepared: a view built while it
    # animated would still be there, as it neighbours (2, 0).
    at_the_end: list[set[Position]] = []
    stage.transition_finished.connect(lambda _position: at_the_end.append(set(stage.live_views())))
    settle(qtbot, stage)
    assert at_the_end, "the fade ran to its end"
    assert at_the_end[0] <= built, "views were built while the transition was animating"
