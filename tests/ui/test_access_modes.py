"""Switching a display mode rebuilds what is on screen in place, and the next visit starts afresh."""

from __future__ import annotations

from typing import Any

from kiosk.core.access import AccessModes
from tests.ui.conftest import statement, theme


def test_switching_a_mode_rebuilds_the_slide_on_screen_in_the_new_mode(player: Any, press: Any, qtbot: Any) -> None:
    controller, stage = player.controller, player.window.stage
    controller.theme(0)
    qtbot.waitUntil(lambda: not stage.is_transitioning() and stage.shown_position == controller.position)
    before = stage.current_view()
    assert before.access == AccessModes()
    with qtbot.waitSignal(controller.access_changed) as changed:
        controller.toggle_access("larger_text")
    assert changed.args == [AccessModes(larger_text=True)]
    after = stage.current_view()
    assert after is not before and after.isVisible() and after.access == AccessModes(larger_text=True)
    assert stage.shown_position == controller.position
    assert all(view.access == AccessModes(larger_text=True) for view in stage.live_views().values())


def test_the_end_of_a_visit_restores_the_decks_modes(make_player: Any, deck_factory: Any) -> None:
    deck = deck_factory([theme("a", [statement("One")])], accessibility={"reach": True})
    player = make_player(deck)
    controller = player.controller
    assert controller.access == AccessModes(reach=True)
    controller.set_access(AccessModes(larger_text=True, high_contrast=True))
    controller.end_visit_access()
    assert controller.access == AccessModes(reach=True)
