"""Reduced motion: no counting and no sliding; counters show their final value on entering a slide."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt, QTimer
from PySide6.QtTest import QTest

from kiosk.core.navigator import Position
from tests.ui.conftest import figure, figures, statement, theme
from tests.ui.helpers import settle, wait_for_neighbours


@pytest.fixture
def reduced_deck(deck_factory: Any) -> Any:
    def make(option: bool) -> Any:
        return deck_factory(
            [
                theme(
                    "t",
                    [
                        statement("Before"),
                        figures(
                            "Figures",
                            figure(1234567, duration=3),
                            figure(5.7, decimals=1, duration=3, prefix="€", suffix=" billion"),
                            figure(99, duration=3, suffix="%"),
                        ),
                        statement("After"),
                    ],
                )
            ],
            reduced_motion=option,
        )

    return make


FINAL = ["1,234,567", "€5.7 billion", "99%"]


@pytest.mark.parametrize("how", ["deck option", "--reduced-motion"])
def test_counters_show_their_final_value_on_entry(qtbot: Any, reduced_deck: Any, make_player: Any, how: str) -> None:
    deck = reduced_deck(how == "deck option")
    player = make_player(deck, reduced_motion=how == "--reduced-motion")
    stage = player.window.stage
    assert player.controller.deck.reduced_motion
    player.controller.go_to(Position(0, 0))
    settle(qtbot, stage)
    QTest.keyClick(player.window, Qt.Key.Key_Right)
    settle(qtbot, stage, timeout_ms=1000)
    view = stage.current_view()
    assert [c.text() for c in view.counters] == FINAL
    assert not any(c.is_counting() for c in view.counters)
    assert view.busy_s() == 0
    assert all(text in view.visible_texts() for text in FINAL)
    wait_for_neighbours(qtbot, player)  # the stage's last step after a transition
    assert [c.text() for c in view.counters] == FINAL, "nothing counts afterwards either"
    assert not any(timer.isActive() for timer in view.findChildren(QTimer)), "nothing is due to count later"
    assert not any(a.state() == QAbstractAnimation.State.Running for a in view.findChildren(QAbstractAnimation))


def running_transition_ms(stage: Any) -> int:
    """The duration of the transition animation on screen now."""
    from PySide6.QtCore import QAbstractAnimation, QVariantAnimation

    running = [
        a for a in stage.overlay.findChildren(QVariantAnimation) if a.state() == QAbstractAnimation.State.Running
    ]
    assert len(running) == 1
    return running[0].duration()


@pytest.mark.parametrize(
    ("reduced", "key"),
    [(True, Qt.Key.Key_Right), (False, Qt.Key.Key_Right), (True, Qt.Key.Key_End)],
    ids=["reduced-next", "normal-next", "reduced-jump"],
)
def test_reduced_motion_fades_quickly_instead_of_pushing(
    qtbot: Any, reduced_deck: Any, make_player: Any, reduced: bool, key: Qt.Key
) -> None:
    from kiosk.ui.transitions import PUSH_MS, REDUCED_MOTION_FADE_MS

    player = make_player(reduced_deck(reduced))
    stage = player.window.stage
    finished: list[Position] = []
    stage.transition_finished.connect(finished.append)
    QTest.keyClick(player.window, key)
    assert stage.is_transitioning()
    assert running_transition_ms(stage) == (REDUCED_MOTION_FADE_MS if reduced else PUSH_MS)
    qtbot.waitUntil(lambda: bool(finished), timeout=2000)
    assert finished == [player.controller.position]


def test_without_reduced_motion_the_counters_count(qtbot: Any, reduced_deck: Any, make_player: Any) -> None:
    player = make_player(reduced_deck(False), time_scale=0.2)
    player.controller.go_to(Position(0, 1))
    settle(qtbot, player.window.stage)
    view = player.window.stage.current_view()
    assert view.counters[0].is_counting()
    assert view.counters[0].text() != FINAL[0]


def test_reduced_motion_never_shows_a_start_value(qtbot: Any, reduced_deck: Any, make_player: Any) -> None:
    player = make_player(reduced_deck(True))
    stage = player.window.stage
    player.controller.go_to(Position(0, 0))
    settle(qtbot, stage)
    QTest.keyClick(player.window, Qt.Key.Key_Right)
    assert stage.is_transitioning()
    view = stage.current_view()
    assert [c.text() for c in view.counters] == FINAL, "the incoming slide fades in with counters at 0"


def test_the_command_lines_reduced_motion_outlasts_a_reload(reduced_deck: Any, make_player: Any) -> None:
    # GIVEN a player started with --reduced-motion on a deck that does not ask for it
    deck = reduced_deck(False)
    player = make_player(deck, reduced_motion=True)
    assert player.controller.deck.reduced_motion
    # WHEN the deck is edited and reloaded THEN the player still counts nothing and slides nothing
    player.controller.replace_deck(reduced_deck(False))
    assert player.controller.deck.reduced_motion
