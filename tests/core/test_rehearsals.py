"""Rehearsal history: the SQLite store, the talk timer turned into a run, and the last run compared with the others."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.core.navigator import Position
from kiosk.core.rehearsals import (
    RehearsalRun,
    RehearsalSlide,
    Trend,
    compare,
    comparison_table,
    summary_lines,
)
from kiosk.core.talk_timer import TalkTimer
from kiosk.deck import Deck, load_deck
from kiosk.rehearsal_store import RehearsalStore, record_talk
from tests.core.clock import FakeClock

BRUSSELS = timezone(timedelta(hours=2))
DAY_ONE = datetime(2024, 5, 3, 14, 0, tzinfo=BRUSSELS)


def a_run(
    started_at: datetime,
    spent: tuple[float, float, float],
    deck_path: str = "/decks/booth",
    total_s: float | None = None,
) -> RehearsalRun:
    """A run of three slides whose targets are 60, 30 and 90 s; a slide with no time had no visit."""
    slides = tuple(
        RehearsalSlide(key, heading, target, time, 1 if time else 0)
        for key, heading, target, time in zip(
            ("research/1", "research/2", "trials/1"), ("Welcome", "Faster", "Trials"), (60.0, 30.0, 90.0), spent
        )
    )
    return RehearsalRun(
        started_at=started_at,
        ended_at=started_at + timedelta(seconds=sum(spent)),
        deck_title="Booth talk",
        deck_path=deck_path,
        language="en",
        total_s=sum(spent) if total_s is None else total_s,
        slides=slides,
    )


@pytest.fixture
def store(tmp_path: Path) -> RehearsalStore:
    return RehearsalStore(tmp_path / "data" / "rehearsals.sqlite")


@pytest.fixture
def deck(tmp_path: Path) -> Deck:
    """Two themes: ``research`` with two slides, ``trials`` with one; headings in English and French."""
    folder = tmp_path / "deck"
    (folder / "themes").mkdir(parents=True)
    (folder / "deck.yaml").write_text(
        "title: {en: Booth talk, fr: Exposé du stand}\nlanguages: [en, fr]\n"
        "themes: [themes/research.yaml, themes/trials.yaml]\n",
        encoding="utf-8",
    )
    (folder / "themes" / "research.yaml").write_text(
        "id: research\ntitle: {en: Research, fr: Recherche}\nslides:\n"
        "  - {kind: title, heading: {en: Welcome, fr: Bienvenue}, duration: 60}\n"
        "  - {kind: statement, heading: {en: Faster, fr: Plus vite}, body: B, duration: 30}\n",
        encoding="utf-8",
    )
    (folder / "themes" / "trials.yaml").write_text(
        "id: trials\ntitle: {en: Trials, fr: Essais}\nslides:\n"
        "  - {kind: statement, heading: {en: Trials, fr: Essais}, body: C, duration: 90}\n",
        encoding="utf-8",
    )
    return load_deck(folder).require()


# -- the store -------------------------------------------------------------------------


def test_a_recorded_run_reads_back_as_it_was_with_an_id(store: RehearsalStore) -> None:
    run = a_run(DAY_ONE, (70.0, 25.0, 95.5), total_s=200.25)
    kept = store.record(run)
    assert kept is not None and kept.id is not None
    assert store.runs() == [kept]
    (read,) = store.runs()
    assert read.started_at == DAY_ONE and read.started_at.utcoffset() == timedelta(hours=2)
    assert [slide.key for slide in read.slides] == ["research/1", "research/2", "trials/1"]
    assert read.slides[2] == RehearsalSlide("trials/1", "Trials", 90.0, 95.5, 1)


def test_the_database_is_in_wal_mode(store: RehearsalStore) -> None:
    store.record(a_run(DAY_ONE, (60, 30, 90)))
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_runs_come_newest_first_whatever_order_they_were_recorded_in(store: RehearsalStore) -> None:
    days = [DAY_ONE + timedelta(days=n) for n in (1, 3, 0, 2)]
    for day in days:
        store.record(a_run(day, (60, 30, 90)))
    assert [run.started_at for run in store.runs()] == sorted(days, reverse=True)
    assert [run.started_at for run in store.runs(limit=2)] == sorted(days, reverse=True)[:2]


def test_runs_of_one_deck_leave_the_others_out(store: RehearsalStore) -> None:
    store.record(a_run(DAY_ONE, (60, 30, 90), deck_path="/decks/booth"))
    store.record(a_run(DAY_ONE + timedelta(hours=1), (60, 30, 90), deck_path="/decks/lobby"))
    assert [run.deck_path for run in store.runs(deck_path="/decks/booth")] == ["/decks/booth"]


def test_no_database_yet_means_no_runs_and_no_file(store: RehearsalStore) -> None:
    assert store.runs() == []
    assert not store.path.exists()


def test_a_corrupt_database_is_logged_once_and_the_talk_goes_on(
    store: RehearsalStore, caplog: pytest.LogCaptureFixture
) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"this is no database " * 100)
    with caplog.at_level(logging.WARNING):
        assert store.record(a_run(DAY_ONE, (60, 30, 90))) is None
    assert len(caplog.records) == 1
    assert "rehearsal not recorded" in caplog.records[0].getMessage()
    assert str(store.path) in caplog.records[0].getMessage()


def test_a_database_in_an_unwritable_place_is_logged_and_the_talk_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    store = RehearsalStore(tmp_path / "a-file" / "rehearsals.sqlite")
    with caplog.at_level(logging.WARNING):
        assert store.record(a_run(DAY_ONE, (60, 30, 90))) is None
    assert [record.levelno for record in caplog.records] == [logging.WARNING]


# -- from the talk timer ---------------------------------------------------------------


def test_the_talk_timer_becomes_a_run_keyed_by_theme_and_slide_number(
    deck: Deck, store: RehearsalStore, clock: FakeClock
) -> None:
    positions = [Position(0, 0), Position(0, 1), Position(1, 0)]
    timer = TalkTimer({position: deck.slide_duration(deck.themes[position.theme or 0].slides[position.slide])
                       for position in positions}, clock)  # fmt: skip
    timer.show(Position(0, 0))
    clock.advance(70)
    timer.show(Position(0, 1))
    clock.advance(20)
    timer.show(Position(0, 0))
    clock.advance(5)
    timer.show(Position(1, 0))
    clock.advance(80)
    timer.show(None)  # back to the home screen: counts for the talk, not for a slide
    clock.advance(10)
    kept = record_talk(store, deck, "fr", timer, DAY_ONE, DAY_ONE + timedelta(minutes=3, seconds=5))
    assert kept is not None
    (read,) = store.runs()
    assert read == kept
    assert read.deck_title == "Exposé du stand" and read.language == "fr"
    assert read.deck_path == str(deck.root.resolve())
    assert read.total_s == 185
    assert read.slides == (
        RehearsalSlide("research/1", "Bienvenue", 60.0, 75.0, 2),
        RehearsalSlide("research/2", "Plus vite", 30.0, 20.0, 1),
        RehearsalSlide("trials/1", "Essais", 90.0, 80.0, 1),
    )


# -- the comparison --------------------------------------------------------------------


def history() -> list[RehearsalRun]:
    """Five runs of one deck, newest first, and one run of another deck in between."""
    return [
        a_run(DAY_ONE + timedelta(days=4), (75, 28, 100)),  # last: total 203
        a_run(DAY_ONE + timedelta(days=3), (80, 40, 100)),  # 220
        a_run(DAY_ONE + timedelta(days=2, hours=1), (10, 10, 10), deck_path="/decks/lobby"),
        a_run(DAY_ONE + timedelta(days=2), (90, 35, 105)),  # 230
        a_run(DAY_ONE + timedelta(days=1), (70, 0, 100)),  # 170; research/2 skipped (no visit)
        a_run(DAY_ONE, (100, 50, 150)),  # 300: beyond the three runs the total is compared with
    ]


def test_each_slide_against_its_target_and_the_mean_of_earlier_runs() -> None:
    comparison = compare(history())
    first, second, third = comparison.slides
    assert (first.spent_s, first.target_s, first.over_s) == (75, 60, 15)
    assert first.previous_mean_s == (80 + 90 + 70 + 100) / 4
    assert second.over_s == -2
    assert second.previous_mean_s == (40 + 35 + 50) / 3, "a run that skipped the slide does not count"
    assert (third.over_s, third.previous_mean_s) == (10, (100 + 105 + 100 + 150) / 4)
    assert [slide.key for slide in comparison.long_slides] == ["research/1", "trials/1"]
    assert len(comparison.previous) == 4, "the other deck's run is left out"


def test_the_total_is_compared_with_the_mean_of_the_previous_three_runs() -> None:
    comparison = compare(history())
    assert comparison.previous_mean_total_s == pytest.approx((220 + 230 + 170) / 3)
    assert comparison.over_s == 203 - 180
    # 203 against 206.67: within 5 %, so steady.
    assert comparison.trend is Trend.STEADY
    # The totals 170, 230, 220, 203 (oldest first) against 0..3: slope (-1.5*170 - 0.5*230 + 0.5*220 + 1.5*203) / 5.
    assert comparison.trend_s_per_run == pytest.approx((-1.5 * 170 - 0.5 * 230 + 0.5 * 220 + 1.5 * 203) / 5)


@pytest.mark.parametrize(
    ("last_total", "trend"),
    [(196.0, Trend.TIGHTER), (200.0, Trend.STEADY), (213.0, Trend.STEADY), (218.0, Trend.LONGER)],
)
def test_tighter_or_longer_past_five_percent_of_the_mean(last_total: float, trend: Trend) -> None:
    runs = history()
    runs[0] = a_run(runs[0].started_at, (75, 28, 100), total_s=last_total)
    # The previous three average 206.67 s: 5 % either side is 196.33 to 217.
    assert compare(runs).trend is trend


def test_a_first_run_has_nothing_to_compare_with() -> None:
    comparison = compare([a_run(DAY_ONE, (75, 28, 100))])
    assert comparison.trend is Trend.FIRST
    assert comparison.previous_mean_total_s is None and comparison.trend_s_per_run is None
    assert all(slide.previous_mean_s is None for slide in comparison.slides)


def test_the_table_shows_each_slide_the_total_and_the_long_slides() -> None:
    table = comparison_table(compare(history()))
    lines = table.splitlines()
    assert lines[0] == "Last rehearsal: Booth talk (en), 2024-05-07 14:00 to 14:03"
    row = next(line for line in lines if line.startswith("research/1"))
    assert row.split() == ["research/1", "Welcome", "1:15", "1:00", "+0:15", "1:25", "long"]
    row = next(line for line in lines if line.startswith("research/2"))
    assert row.split() == ["research/2", "Faster", "0:28", "0:30", "-0:02", "0:42"]
    total = next(line for line in lines if line.startswith("total"))
    assert total.split() == ["total", "3:23", "3:00", "+0:23", "3:27"]
    assert "Over target: research/1 +0:15, trials/1 +0:10" in lines
    assert "Against the previous 3 runs (3:27): -0:04, steady" in lines


def test_the_console_summary_names_the_plan_and_the_slides_over_target() -> None:
    assert summary_lines(compare([a_run(DAY_ONE, (50, 30, 100))])) == [
        "Talk: 3:00 for a plan of 3:00 (±0:00)",
        "Over target: trials/1 +0:10",
    ]
    assert summary_lines(compare([a_run(DAY_ONE, (50, 30, 80))]))[1] == "Every slide within its target"
