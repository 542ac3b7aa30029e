"""The standby screen: title, "Closed" and when it opens again, dim and whole on any screen; or black and asleep."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QRect, QTime
from PySide6.QtGui import QImage

from kiosk.deck import Deck, load_deck
from kiosk.deck.schema import OpeningHours, Schedule
from kiosk.ui.standby_view import StandbyView

NBSP = "\u00a0"
MONDAY_EVENING = datetime(2024, 1, 1, 20, 0)  # a Monday
TUESDAY_NINE = datetime(2024, 1, 2, 9, 0)
NEXT_MONDAY_NINE = datetime(2024, 1, 8, 9, 0)
OFFICE_HOURS = (OpeningHours(days=(0, 1, 2, 3, 4), open=9 * 60, close=17 * 60),)
SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
DIM_LIMIT = 160
"""No pixel of the standby screen may be brighter than this grey level (of 255)."""
DRIFT_STEPS = 60

ViewFactory = Callable[..., StandbyView]


def with_schedule(deck: Deck, when_closed: str = "standby") -> Deck:
    return dataclasses.replace(deck, schedule=Schedule(hours=OFFICE_HOURS, when_closed=when_closed))


@pytest.fixture(scope="module")
def deck(bundled_deck: Path) -> Deck:
    return with_schedule(load_deck(bundled_deck).require())


@pytest.fixture
def make_view(show_widget: Callable[..., StandbyView], deck: Deck) -> ViewFactory:
    """``make_view(language, next_opening, size=..., now=..., deck=...)`` -> a shown StandbyView."""

    def factory(
        language: str = "en",
        next_opening: datetime | None = TUESDAY_NINE,
        size: tuple[int, int] = SIZES["landscape"],
        now: datetime | Callable[[], datetime] = MONDAY_EVENING,
        shown_deck: Deck = deck,
    ) -> StandbyView:
        clock = now if callable(now) else (lambda: now)
        return show_widget(StandbyView(shown_deck, language, next_opening, now=clock), size)

    return factory


def short_time(language: str, hour: int, minute: int = 0) -> str:
    return QLocale(language).toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def brightest_grey(image: QImage) -> int:
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return max(bytes(grey.constBits()))


# -- what it says ------------------------------------------------------------------


def test_it_shows_the_title_closed_and_tomorrows_opening_in_english(make_view: ViewFactory, deck: Deck) -> None:
    view = make_view("en")
    title, closed, reopens = view.visible_texts()
    assert title == deck.title.get("en")
    assert closed == "Closed"
    assert reopens == f"Open again tomorrow at{NBSP}{short_time('en', 9)}"
    assert "9:00" in reopens


def test_it_speaks_french_after_a_language_change(make_view: ViewFactory, deck: Deck) -> None:
    view = make_view("en")
    view.set_language("fr")
    assert view.visible_texts() == [deck.title.get("fr"), "Fermé", f"Réouverture demain à{NBSP}09:00"]


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("en", "Open again on Monday at", ""),
        ("fr", "Réouverture lundi à", ""),
        ("nl", "Weer open op maandag om", f"{NBSP}uur"),
        ("de", "Wieder geöffnet am Montag um", f"{NBSP}Uhr"),
    ],
)
def test_an_opening_after_tomorrow_is_named_by_its_weekday(
    make_view: ViewFactory, language: str, before: str, after: str
) -> None:
    friday_evening = datetime(2024, 1, 5, 18, 0)
    view = make_view(language, NEXT_MONDAY_NINE, now=friday_evening)
    assert view.visible_texts()[-1] == f"{before}{NBSP}{short_time(language, 9)}{after}"


def test_an_opening_later_today_says_today(make_view: ViewFactory) -> None:
    view = make_view("en", datetime(2024, 1, 1, 9, 30), now=datetime(2024, 1, 1, 6, 0))
    assert view.visible_texts()[-1] == f"Open again today at{NBSP}{short_time('en', 9, 30)}"


def test_tomorrow_becomes_today_after_midnight(make_view: ViewFactory) -> None:
    clock = {"now": MONDAY_EVENING}
    view = make_view("en", now=lambda: clock["now"])
    assert view.visible_texts()[-1].startswith("Open again tomorrow at")
    clock["now"] = datetime(2024, 1, 2, 0, 1)
    view.drift()  # the minute tick also brings the day word up to date
    assert view.visible_texts()[-1].startswith("Open again today at")


def test_without_a_next_opening_only_the_title_and_closed_show(make_view: ViewFactory, deck: Deck) -> None:
    view = make_view("en", None)
    assert view.visible_texts() == [deck.title.get("en"), "Closed"]
    view.set_next_opening(TUESDAY_NINE)
    assert len(view.visible_texts()) == 3


# -- how it looks --------------------------------------------------------------------


@pytest.mark.parametrize("orientation", SIZES)
@pytest.mark.parametrize("language", ["en", "fr", "nl", "de"])
def test_every_text_is_whole_inside_the_screen_wherever_it_drifts(
    make_view: ViewFactory, orientation: str, language: str
) -> None:
    size = SIZES[orientation]
    view = make_view(language, NEXT_MONDAY_NINE, size=size, now=datetime(2024, 1, 5, 18, 0))
    screen = QRect(0, 0, *size)
    positions = set()
    for _ in range(DRIFT_STEPS):
        for widget in (view.title_label, view.closed_label, view.reopens_label):
            assert screen.contains(widget.geometry()), (widget.text(), widget.geometry())
            needed = widget.needed_height(widget.width(), widget.fitted_font().pixelSize())
            assert needed <= widget.height() + 1, widget.text()
        positions.add(view.closed_label.geometry().topLeft().toTuple())
        view.drift()
    assert len(positions) > DRIFT_STEPS // 2  # it really moves


@pytest.mark.parametrize("orientation", SIZES)
def test_the_standby_screen_renders_dim_at_full_hd(make_view: ViewFactory, orientation: str, tmp_path: Path) -> None:
    size = SIZES[orientation]
    view = make_view("en", size=size)
    picture = view.grab()
    assert picture.size().toTuple() == size
    assert picture.save(str(tmp_path / f"closed-{orientation}.png"))
    image = picture.toImage()
    assert 0 < brightest_grey(image) <= DIM_LIMIT  # something is drawn, and nothing glares


@pytest.mark.parametrize("orientation", SIZES)
def test_black_mode_paints_only_black_and_shows_no_text(make_view: ViewFactory, deck: Deck, orientation: str) -> None:
    view = make_view("en", size=SIZES[orientation], shown_deck=with_schedule(deck, "black"))
    assert view.black
    assert view.visible_texts() == []
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    assert not any(bytes(image.constBits()))


def test_a_reloaded_deck_can_turn_standby_into_black(make_view: ViewFactory, deck: Deck) -> None:
    view = make_view("en")
    view.set_deck(with_schedule(deck, "black"))
    assert view.visible_texts() == []
    view.set_deck(deck)
    assert view.visible_texts()[1] == "Closed"
