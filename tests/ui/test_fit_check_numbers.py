"""The fit check with larger text: a figure's number may give room to its enlarged label, never fall below it."""

from __future__ import annotations

from kiosk.ui.fit_check import check_fit
from tests.ui.conftest import DeckFactory, figure, figures, theme

PORTRAIT_LARGER = "with larger text (1.5x) in en, portrait (1080x1920): shorten it"


def test_a_number_that_larger_text_would_shrink_below_its_label_is_named(deck_factory: DeckFactory) -> None:
    # GIVEN a number that fits as designed but, beside 1.5x labels in portrait, only below their size
    long_number = figure(999_999_999_999, suffix=" billion euros")
    deck = deck_factory([theme("t", [figures("Money", long_number)])])
    # WHEN the deck's layout is checked THEN that number is named, for larger text in portrait only
    assert [p.message for p in check_fit(deck)] == [
        f"figure 1 number does not fit at its designed size {PORTRAIT_LARGER}"
    ]


def test_numbers_that_only_lose_their_single_row_with_larger_text_are_not_named(deck_factory: DeckFactory) -> None:
    # GIVEN three figures in one row as designed, two rows with larger text: each number smaller than as designed in
    # French, still far above its enlarged label
    money = figure(2.5, decimals=1, suffix={"en": " million", "fr": " M€"})
    share = figure(96, suffix={"en": "%", "fr": " %"})
    deck = deck_factory([theme("t", [figures("A year", figure(48000), money, share)])], languages=["en", "fr"])
    # WHEN the deck's layout is checked THEN nothing is named
    assert check_fit(deck) == []
