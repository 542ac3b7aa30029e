"""Reading aloud in the player: the bar's button and S turn it on, it says the slide shown and moves on with it.

The speaking tests use QtTextToSpeech's "mock" engine, which reports each word it would say
(``sayingWord``) without sound; they skip where PySide6-Addons or that engine is missing.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.core.navigator import Position
from kiosk.deck import Deck
from kiosk.player import attract_mode
from tests.core.clock import FakeClock
from tests.ui.conftest import DeckFactory, PlayerFactory, figure, figures, statement, theme
from tests.ui.helpers import go
from tests.ui.test_attract_mode import attract_clock


def mock_engine_missing() -> str:
    """Why the speaking tests cannot run here, or "" when they can."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:
        return f"QtTextToSpeech cannot be loaded (pip install 'kiosk[speech]'): {exc}"
    if "mock" not in QTextToSpeech.availableEngines():
        return "this QtTextToSpeech build has no mock engine"
    return ""


__all__ = ["attract_clock"]  # a fixture shared with the attract mode tests

needs_mock_engine = pytest.mark.skipif(bool(mock_engine_missing()), reason=mock_engine_missing() or "-")


@pytest.fixture
def deck(deck_factory: DeckFactory) -> Deck:
    money = figure(
        5.7,
        decimals=1,
        prefix={"en": "€", "fr": ""},
        suffix={"en": " billion", "fr": " milliards €"},
        label={"en": "invested", "fr": "investis"},
        source="pharma.be, 2023",
    )
    research = theme(
        "research",
        [
            statement({"en": "Faster", "fr": "Plus vite"}, {"en": "It grew.", "fr": "Elle a crû."}),
            figures({"en": "Money", "fr": "Argent"}, money),
        ],
        title={"en": "Research", "fr": "Recherche"},
    )
    return deck_factory([research], languages=["en", "fr"], title={"en": "Our story", "fr": "Notre histoire"})


def words_said(qtbot: Any, player: Any, action: Any, count: int = 3) -> list[str]:
    """Do ``action`` and return the first ``count`` words the engine says after it."""
    said: list[str] = []
    engine = player.speech.engine

    def heard(word: str, *_rest: Any) -> None:
        said.append(word)

    engine.sayingWord.connect(heard)
    try:
        action()
        qtbot.waitUntil(lambda: len(said) >= count, timeout=5000)
    finally:
        engine.sayingWord.disconnect(heard)
    return said[:count]


@needs_mock_engine
def test_the_button_reads_the_slide_and_speech_moves_on_with_the_slides(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, press: Any
) -> None:
    # GIVEN a visitor on the first slide, the read-aloud button on the bar
    player = make_player(deck, speech_engine="mock")
    go(qtbot, player, Position(0, 0))
    button = player.window.navbar.speak_button
    assert button.isVisible()
    assert button.accessibleName() == "Read aloud"

    # WHEN they touch it THEN the slide is read: theme, heading, body
    assert words_said(qtbot, player, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton)) == [
        "Research",
        "Faster",
        "It",
    ]
    assert player.speech.text == "Research. Faster. It grew."
    assert button.isChecked()

    # WHEN they go on THEN the next slide is read from its start, the figure in words
    assert words_said(qtbot, player, lambda: press(player.window, Qt.Key.Key_Right), count=2) == ["Research", "Money"]
    assert player.speech.text == ("Research. Money. Five point seven billion euros invested. Source: pharma.be, 2023.")

    # WHEN they switch to French THEN the same slide is read in French
    assert words_said(qtbot, player, lambda: press(player.window, Qt.Key.Key_L), count=2) == ["Recherche", "Argent"]
    assert player.speech.text == (
        "Recherche. Argent. Cinq virgule sept milliards d'euros investis. Source : pharma.be, 2023."
    )

    # WHEN they touch the button again THEN speech stops
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: player.speech.engine.state().name == "Ready")
    assert not button.isChecked()
    assert not player.speech.enabled


@needs_mock_engine
def test_s_turns_speech_on_and_off_with_a_voice_for_the_language(
    qtbot: Any,
    make_player: PlayerFactory,
    deck_factory: DeckFactory,
    press: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # GIVEN a deck in American English and French (the mock engine has en_GB first, en_US, and no French)
    deck = deck_factory([theme("t", [statement("Faster", "It grew.")], title="Research")], languages=["en-US", "fr"])
    player = make_player(deck, speech_engine="mock")
    go(qtbot, player, Position(0, 0))

    # WHEN S is pressed THEN the slide is read in the American voice
    assert words_said(qtbot, player, lambda: press(player.window, Qt.Key.Key_S), count=2) == ["Research", "Faster"]
    assert player.window.navbar.speak_button.isChecked()
    assert player.speech.engine.locale().name() == "en_US"

    # WHEN the language has no voice THEN the engine's voice reads it, and a warning says so
    with caplog.at_level(logging.WARNING, logger="kiosk.player.speech"):
        words_said(qtbot, player, lambda: press(player.window, Qt.Key.Key_L), count=1)
    assert "speech: no voice for fr; the engine's default voice reads it" in caplog.messages

    # WHEN S is pressed again THEN speech stops
    press(player.window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: player.speech.engine.state().name == "Ready")
    assert not player.speech.enabled
    assert not player.window.navbar.speak_button.isChecked()


IDLE_S, WARNING_S = 30, 5
"""The idle timeout and warning of ``player_with_visits``."""


def player_with_visits(make_player: PlayerFactory, deck: Deck) -> Any:
    """A player with speech on the mock engine and attract mode (build it after ``attract_clock``)."""
    options = dataclasses.replace(deck.attract, idle_timeout=IDLE_S, warning=WARNING_S)
    return make_player(dataclasses.replace(deck, attract=options), speech_engine="mock", idle_timeout=IDLE_S)


def end_the_visit(qtbot: Any, player: Any, clock: FakeClock) -> None:
    """Nobody touches the screen past the idle timeout and the warning: auto-play starts, and speech is off and
    silent, the button showing it."""
    for seconds in (IDLE_S, WARNING_S):
        clock.advance(seconds)
        player.attract.check()
    assert player.attract.phase is attract_mode.Phase.AUTOPLAY
    assert not player.speech.enabled
    assert not player.window.navbar.speak_button.isChecked()
    qtbot.waitUntil(lambda: player.speech.engine.state().name == "Ready")
    player.attract.suspend()


@needs_mock_engine
def test_speech_turns_off_when_the_attract_loop_starts(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, press: Any, attract_clock: FakeClock
) -> None:
    # GIVEN a visitor listening, in a player with an idle timeout, on a clock the test moves
    player = player_with_visits(make_player, deck)
    go(qtbot, player, Position(0, 0))
    words_said(qtbot, player, lambda: press(player.window, Qt.Key.Key_S), count=1)
    assert player.speech.enabled

    # WHEN nobody touches the screen past the idle timeout and the warning THEN the visit is over: speech is off
    end_the_visit(qtbot, player, attract_clock)


def test_without_an_engine_there_is_no_control_and_one_log_line_says_why(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, press: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.player.speech"):
        player = make_player(deck, speech_engine="no-such-engine")
    go(qtbot, player, Position(0, 0))

    assert not player.window.navbar.speak_button.isVisible()
    press(player.window, Qt.Key.Key_S)
    assert not player.speech.enabled
    lines = [record.getMessage() for record in caplog.records if record.name == "kiosk.player.speech"]
    assert len(lines) == 1
    assert lines[0].startswith("speech unavailable: ")
