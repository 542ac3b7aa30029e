"""The player's own words: a complete table of whole sentences, and never two languages in one line on screen."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from kiosk.core.strings import FALLBACK_LANGUAGE, PLAYER_LANGUAGES, STRINGS, player_language, speaks, text
from kiosk.deck import Deck
from kiosk.ui.standby_view import StandbyView
from tests.ui.conftest import DeckFactory, statement, theme

NBSP = "\u00a0"
FRIDAY_EVENING = datetime(2024, 1, 5, 18, 0)
SATURDAY_NINE = datetime(2024, 1, 6, 9, 0)
MONDAY_NINE = datetime(2024, 1, 8, 9, 0)
FRIDAY_NINE_THIRTY_PM = datetime(2024, 1, 5, 21, 30)
UNSPOKEN = ["es", "it", "pl", "pt-BR"]
"""Deck languages the player has no words in (QLocale knows each, with its own weekday names and time format)."""

ViewFactory = Callable[..., StandbyView]


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def short_time(locale: str, hour: int, minute: int = 0) -> str:
    clock = QLocale(locale).toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)
    return clock.replace(" ", NBSP)


@pytest.fixture
def make_view(show_widget: Callable[..., StandbyView], deck_factory: DeckFactory) -> ViewFactory:
    """``make_view(language, next_opening)`` -> the standby screen of a deck written in ``language`` only."""

    def factory(language: str, next_opening: datetime, now: datetime = FRIDAY_EVENING) -> StandbyView:
        deck: Deck = deck_factory([theme("t", [statement("Uno")])], languages=[language], title={language: "Lobby"})
        return show_widget(StandbyView(deck, deck.default_language, next_opening, now=lambda: now), (1280, 720))

    return factory


# -- the table -----------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_key_is_a_whole_text_in_every_player_language_with_the_same_placeholders(key: str) -> None:
    values = STRINGS[key]
    assert set(values) == PLAYER_LANGUAGES
    english = placeholders(values[FALLBACK_LANGUAGE])
    for language, value in values.items():
        assert value.strip(), (key, language)
        assert value == value.strip(), (key, language)
        assert placeholders(value) == english, (key, language)


def test_the_player_speaks_its_languages_and_their_regional_variants() -> None:
    assert {"en", "fr", "nl", "de"} <= PLAYER_LANGUAGES
    for code in ("fr", "fr-BE", "nl-BE", "de-CH", "en-GB", "en_US", "DE"):
        assert speaks(code), code
    for code in ("es", "es-ES", "it", "pt-BR", "frr", ""):
        assert not speaks(code), code
    assert player_language("fr-BE") == "fr"
    assert player_language("es") == FALLBACK_LANGUAGE
    assert text("closed", "nl-BE") == "Gesloten"
    assert text("closed", "es") == "Closed"


# -- the standby screen ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "next_opening", "expected"),
    [
        ("en", MONDAY_NINE, f"Open again on Monday at{NBSP}{short_time('en', 9)}"),
        ("en", SATURDAY_NINE, f"Open again tomorrow at{NBSP}{short_time('en', 9)}"),
        ("en", FRIDAY_NINE_THIRTY_PM, f"Open again today at{NBSP}{short_time('en', 21, 30)}"),
        ("fr", MONDAY_NINE, f"Réouverture lundi à{NBSP}{short_time('fr', 9)}"),
        ("fr", SATURDAY_NINE, f"Réouverture demain à{NBSP}{short_time('fr', 9)}"),
        ("fr", FRIDAY_NINE_THIRTY_PM, f"Réouverture aujourd’hui à{NBSP}{short_time('fr', 21, 30)}"),
        ("nl", MONDAY_NINE, f"Weer open op maandag om{NBSP}{short_time('nl', 9)}{NBSP}uur"),
        ("nl", SATURDAY_NINE, f"Morgen weer open om{NBSP}{short_time('nl', 9)}{NBSP}uur"),
        ("nl", FRIDAY_NINE_THIRTY_PM, f"Vandaag weer open om{NBSP}{short_time('nl', 21, 30)}{NBSP}uur"),
        ("de", MONDAY_NINE, f"Wieder geöffnet am Montag um{NBSP}{short_time('de', 9)}{NBSP}Uhr"),
        ("de", SATURDAY_NINE, f"Morgen wieder geöffnet um{NBSP}{short_time('de', 9)}{NBSP}Uhr"),
        ("de", FRIDAY_NINE_THIRTY_PM, f"Heute wieder geöffnet um{NBSP}{short_time('de', 21, 30)}{NBSP}Uhr"),
    ],
)
def test_the_reopening_line_is_one_whole_sentence_in_the_decks_language(
    make_view: ViewFactory, language: str, next_opening: datetime, expected: str
) -> None:
    view = make_view(language, next_opening)
    assert view.visible_texts() == ["Lobby", text("closed", language), expected]


@pytest.mark.parametrize("language", UNSPOKEN)
@pytest.mark.parametrize("next_opening", [MONDAY_NINE, SATURDAY_NINE, FRIDAY_NINE_THIRTY_PM])
def test_a_deck_language_the_player_lacks_gets_all_english_sentences(
    make_view: ViewFactory, language: str, next_opening: datetime
) -> None:
    # GIVEN a deck written only in a language the player has no words in
    view = make_view(language, next_opening)
    # THEN "Closed" and the reopening line are English through and through: sentence, weekday and time format
    english = make_view("en", next_opening)
    assert view.visible_texts() == ["Lobby", "Closed", english.reopening_text()]
    foreign = QLocale(language)
    assert foreign.dayName(1, QLocale.FormatType.LongFormat) not in view.reopening_text()
    if next_opening == MONDAY_NINE:
        assert view.reopening_text() == f"Open again on Monday at{NBSP}{short_time('en', 9)}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr-BE", f"Réouverture lundi à{NBSP}{short_time('fr-BE', 9)}"),
        ("de-CH", f"Wieder geöffnet am Montag um{NBSP}{short_time('de-CH', 9)}{NBSP}Uhr"),
        ("en-GB", f"Open again on Monday at{NBSP}{short_time('en-GB', 9)}"),
    ],
)
def test_a_regional_deck_language_reads_in_its_language_with_its_regions_time(
    make_view: ViewFactory, language: str, expected: str
) -> None:
    assert make_view(language, MONDAY_NINE).reopening_text() == expected


# -- controls: no English left behind ----------------------------------------------------


@pytest.fixture
def kiosk_player(make_player: Any, loaded_bundled_deck: Deck) -> Iterator[Any]:
    """The bundled deck (en, fr, nl, de) as ``kiosk run`` plays it: kiosk mode, with the exit keypad."""
    player = make_player(loaded_bundled_deck, windowed=False, idle_timeout=None, autoplay=False)
    yield player
    player.attract.suspend()
    player.window.allow_quit()


def button_words(player: Any) -> set[str]:
    """Every name, tooltip and label of every button in the window, the keypad's included."""
    words = set()
    for button in player.window.findChildren(QAbstractButton):
        words |= {button.accessibleName(), button.toolTip(), button.text()}
    return words - {""}


def test_after_a_language_change_every_control_speaks_it(qtbot: Any, kiosk_player: Any) -> None:
    # GIVEN the player in kiosk mode, in English, with the exit keypad up
    window, navbar, pad = kiosk_player.window, kiosk_player.window.navbar, kiosk_player.exit_pad
    pad.open()
    named = (navbar.home_button, navbar.previous_button, navbar.next_button, navbar.language_button)
    assert [b.accessibleName() for b in named] == ["Home", "Previous", "Next", "Language"]
    # WHEN a visitor presses the language key until German shows
    while kiosk_player.controller.language != "de":
        QTest.keyClick(window, Qt.Key.Key_L)
    # THEN the bar's and the keypad's buttons are named and labelled in German
    assert [b.accessibleName() for b in named] == ["Startseite", "Zurück", "Weiter", "Sprache"]
    assert [b.toolTip() for b in named] == ["Startseite", "Zurück", "Weiter", "Sprache"]
    assert [b.accessibleName() for b in (pad.clear_button, pad.ok_button, pad.cancel_button)] == [
        "Letzte Ziffer löschen",
        "Bestätigen",
        "Abbrechen",
    ]
    # AND no button anywhere says anything but German, a digit, the language code or the deck's own German text
    deck = kiosk_player.controller.deck
    german = {values["de"] for values in STRINGS.values()}
    allowed = german | set("0123456789") | {"DE"} | {t.title.get("de") for t in deck.themes}
    assert button_words(kiosk_player) <= allowed, button_words(kiosk_player) - allowed
    pad.cancel()


def test_a_deck_language_the_player_lacks_gets_english_controls(make_player: Any, deck_factory: DeckFactory) -> None:
    deck = deck_factory([theme("t", [statement("Uno"), statement("Dos")])], languages=["es"], title="Museo")
    navbar = make_player(deck).window.navbar
    named = (navbar.home_button, navbar.previous_button, navbar.next_button)
    assert [b.toolTip() for b in named] == ["Home", "Previous", "Next"]
