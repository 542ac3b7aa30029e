"""What ``kiosk run`` leaves until its first slide is on screen: the speech engine's probe, the read-aloud button
and the two-finger hold come just after the first frame."""

from __future__ import annotations

from typing import Any

from kiosk.app import build_player
from tests.ui.conftest import WINDOW_SIZE, figure, figures, player_args, statement, theme
from tests.ui.test_speech import needs_mock_engine


def deck_with_speech(deck_factory: Any) -> Any:
    research = theme("research", [statement("Faster", "It grew."), figures("Money", figure(5.7, decimals=1))])
    return deck_factory([research])


@needs_mock_engine
def test_reading_aloud_is_offered_once_the_first_slide_is_painted(qtbot: Any, deck_factory: Any) -> None:
    # GIVEN a player built as kiosk run builds it
    player = build_player(
        deck_with_speech(deck_factory), player_args(speech_engine="mock", speech_after_first_frame=True)
    )
    window = player.window
    qtbot.addWidget(window, before_close_func=lambda w: w.allow_quit())

    # THEN nothing about speech exists before the window has painted
    assert player.speech is None and player.two_finger_hold is None
    assert player.diagnostics.first_paint_s is None

    # WHEN the window is shown and paints
    window.resize(*WINDOW_SIZE)
    window.show()
    qtbot.waitUntil(lambda: player.speech is not None, timeout=5000)

    # THEN speech came after the first frame, and its button and the two-finger hold are there
    assert player.diagnostics.first_paint_s is not None
    assert player.speech.available
    assert player.two_finger_hold is not None
    qtbot.waitUntil(lambda: window.navbar.speak_button.isVisibleTo(window))
    assert window.frame_observers == [player.diagnostics.frame], "the one-shot observer is gone"


def test_a_player_built_for_tests_has_speech_at_once(qtbot: Any, deck_factory: Any) -> None:
    player = build_player(deck_with_speech(deck_factory), player_args(speech_engine="no-such-engine"))
    qtbot.addWidget(player.window, before_close_func=lambda w: w.allow_quit())
    assert player.speech is not None and not player.speech.available
    assert player.two_finger_hold is not None
