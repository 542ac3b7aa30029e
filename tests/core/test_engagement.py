"""Engagement figures from hand-placed events: medians, quartiles, shares, hours, left-from and proof of play."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from kiosk.core.engagement import Event, engagement, upper_quartile

ZONE = timezone(timedelta(hours=2))
"""The kiosk's local time: hours and days are counted in it, not in UTC."""
T = datetime(2024, 5, 3, 10, 0, tzinfo=ZONE).timestamp()
DAY = 86400.0


def booth_events(kiosk: str = "booth") -> list[Event]:
    """Four visits over two days and a little auto-play; every figure below is computed by hand from these."""

    def e(at: float, kind: str, **fields: object) -> Event:
        return Event(kiosk, at, kind, **fields)  # type: ignore[arg-type]

    return [
        e(T - 60, "deck", deck_version="1.2"),
        e(T - 50, "autoplay_loop", language="en"),
        e(T - 40, "slide_view", theme="research", slide=1, via="autoplay", seconds=8.0),
        e(T - 30, "slide_view", theme="research", slide=2, via="autoplay", seconds=8.0),
        e(T - 20, "autoplay_loop", language="fr"),
        e(T - 10, "slide_view", theme="research", slide=1, via="autoplay", seconds=8.5),
        # Visit 1, 10:00: research/1 10 s, research/2 20 s, French; walks away on research/2 after 40 s.
        e(T, "visit_start", visit=1),
        e(T + 10, "slide_view", visit=1, theme="research", slide=1, via="tap", seconds=10.0),
        e(T + 30, "slide_view", visit=1, theme="research", slide=2, via="swipe", seconds=20.0),
        e(T + 31, "language", visit=1, language="fr"),
        e(T + 40, "visit_end", visit=1, theme="research", slide=2, seconds=40.0),
        # Visit 2, 11:00: research/1 30 s; leaves there after 35 s.
        e(T + 3600, "visit_start", visit=2),
        e(T + 3630, "slide_view", visit=2, theme="research", slide=1, via="tap", seconds=30.0),
        e(T + 3635, "visit_end", visit=2, theme="research", slide=1, seconds=35.0),
        # Visit 3, 11:10: research/1 50 s, research/2 40 s, trials/1 6 s; leaves from the home screen after 120 s.
        e(T + 4200, "visit_start", visit=3),
        e(T + 4250, "slide_view", visit=3, theme="research", slide=1, via="tap", seconds=50.0),
        e(T + 4290, "slide_view", visit=3, theme="research", slide=2, via="swipe", seconds=40.0),
        e(T + 4296, "slide_view", visit=3, theme="trials", slide=1, via="home", seconds=6.0),
        e(T + 4320, "visit_end", visit=3, seconds=120.0),
        # Visit 4, the next day at 10:00: Dutch then French, research/1 70 s; leaves there after 80 s.
        e(T + DAY, "visit_start", visit=4),
        e(T + DAY + 2, "language", visit=4, language="nl"),
        e(T + DAY + 4, "language", visit=4, language="fr"),
        e(T + DAY + 74, "slide_view", visit=4, theme="research", slide=1, via="tap", seconds=70.0),
        e(T + DAY + 80, "visit_end", visit=4, theme="research", slide=1, seconds=80.0),
    ]


def test_per_slide_views_dwell_and_reach() -> None:
    figures = engagement("booth", booth_events(), ZONE)
    assert figures.visits == 4
    slides = {slide.key: slide for slide in figures.slides}
    assert list(slides) == ["research/1", "research/2", "trials/1"]
    # research/1: 10, 30, 50, 70 s: median 40; upper quartile at 3/4 of the way from the first to the last: 55.
    r1 = slides["research/1"]
    assert (r1.views, r1.median_dwell_s, r1.upper_quartile_dwell_s, r1.reached_share) == (4, 40.0, 55.0, 1.0)
    # research/2: 20, 40 s: median 30, upper quartile 35; two visits of four reached it.
    r2 = slides["research/2"]
    assert (r2.views, r2.median_dwell_s, r2.upper_quartile_dwell_s, r2.reached_share) == (2, 30.0, 35.0, 0.5)
    t1 = slides["trials/1"]
    assert (t1.views, t1.median_dwell_s, t1.upper_quartile_dwell_s, t1.reached_share) == (1, 6.0, 6.0, 0.25)


def test_visits_per_local_hour_and_day_with_their_median_length() -> None:
    figures = engagement("booth", booth_events(), ZONE)
    hours = {hour.label: (hour.visits, hour.median_visit_s) for hour in figures.hours if hour.visits}
    assert hours == {"10:00": (2, 60.0), "11:00": (2, 77.5)}, "visits 1 and 4 at 10 (40, 80 s), 2 and 3 at 11"
    assert len(figures.hours) == 24
    days = [(day.label, day.visits, day.median_visit_s) for day in figures.days]
    assert days == [("2024-05-03", 3, 40.0), ("2024-05-04", 1, 80.0)]
    assert figures.median_visit_s == 60.0


def test_where_visitors_left_languages_and_proof_of_play() -> None:
    figures = engagement("booth", booth_events(), ZONE)
    assert figures.left_from == (("research/1", 2, 0.5), ("home", 1, 0.25), ("research/2", 1, 0.25))
    assert figures.languages == (("fr", 2, 2), ("nl", 1, 1))
    played = {slide.key: (slide.autoplay_shown, slide.autoplay_s) for slide in figures.slides}
    assert played == {"research/1": (2, 16.5), "research/2": (1, 8.0), "trials/1": (0, 0.0)}
    assert figures.autoplay_loops == (("en", 1), ("fr", 1))
    assert figures.deck_versions == ("1.2",)


def test_visits_of_two_kiosks_with_the_same_numbers_stay_apart() -> None:
    figures = engagement("all", [*booth_events("booth"), *booth_events("lobby")], ZONE)
    assert figures.visits == 8
    assert {slide.key: slide.reached_share for slide in figures.slides}["research/2"] == 0.5


def test_a_visit_that_comes_back_to_a_slide_reaches_it_once() -> None:
    events = booth_events()
    back = Event("booth", T + 35, "slide_view", visit=1, theme="research", slide=1, via="key", seconds=5.0)
    slides = {slide.key: slide for slide in engagement("booth", [*events, back], ZONE).slides}
    assert (slides["research/1"].views, slides["research/1"].reached_share) == (5, 1.0)
    assert slides["research/1"].median_dwell_s == 30.0, "5, 10, 30, 50, 70 s"


def test_a_visit_whose_start_is_outside_the_period_still_counts_at_its_start() -> None:
    end = booth_events()[10]  # visit 1's end: 40 s long, so it began at 10:00
    figures = engagement("booth", [end], ZONE)
    assert (figures.visits, [(h.label, h.visits) for h in figures.hours if h.visits]) == (1, [("10:00", 1)])


@pytest.mark.parametrize(
    ("values", "expected"), [([], None), ([7.0], 7.0), ([1.0, 2.0, 3.0, 4.0, 5.0], 4.0), ([0.0, 8.0], 6.0)]
)
def test_upper_quartile(values: list[float], expected: float | None) -> None:
    assert upper_quartile(values) == expected
