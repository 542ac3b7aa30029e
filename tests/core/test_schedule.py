"""Opening hours as a clock: open and closed at the right moments, and the next change found across the week."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.schedule import OpeningClock, OpeningState, ScheduleWatcher
from kiosk.deck.schema import OpeningHours, Schedule
from tests.conftest import REPO

MONDAY = date(2024, 1, 1)  # a Monday; the week runs to Sunday 7 January
WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
TICK = timedelta(microseconds=1)


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def entry(days: tuple[int, ...], open_at: str, close_at: str) -> OpeningHours:
    return OpeningHours(days=days, open=minutes(open_at), close=minutes(close_at))


def clock_for(*entries: OpeningHours) -> OpeningClock:
    return OpeningClock(Schedule(hours=entries))


def at(day: int, clock: str, seconds: float = 0) -> datetime:
    """``day`` days after Monday 1 January 2024 (7 is the next Monday), at ``clock``, plus ``seconds``."""
    return datetime.combine(MONDAY + timedelta(days=day), datetime.min.time()) + timedelta(
        minutes=minutes(clock), seconds=seconds
    )


OFFICE = clock_for(entry(WEEKDAYS, "09:00", "17:00"))
SATURDAY_NIGHT = clock_for(entry((SAT,), "22:00", "02:00"))


# -- open or closed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(MON, "08:59", 59.999999), False),
        (at(MON, "09:00"), True),  # the opening minute is open
        (at(MON, "12:00"), True),
        (at(MON, "16:59", 59.999999), True),
        (at(MON, "17:00"), False),  # the closing minute is closed
        (at(WED, "03:00"), False),
        (at(FRI, "16:30"), True),
        (at(SAT, "12:00"), False),
        (at(SUN, "12:00"), False),
        (at(MON + 7, "10:00"), True),  # the next week is the same
    ],
)
def test_weekday_hours_are_open_from_the_opening_minute_until_just_before_closing(
    moment: datetime, expected: bool
) -> None:
    assert OFFICE.is_open(moment) is expected
    assert OFFICE.state(moment) is (OpeningState.OPEN if expected else OpeningState.CLOSED)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(SAT, "21:59", 59.999999), False),
        (at(SAT, "22:00"), True),
        (at(SAT, "23:59", 59.999999), True),
        (at(SUN, "00:00"), True),  # Sunday is not in the entry's days, but Saturday's night runs into it
        (at(SUN, "01:59", 59.999999), True),
        (at(SUN, "02:00"), False),
        (at(SUN, "22:30"), False),
        (at(FRI, "01:00"), False),
    ],
)
def test_an_entry_closing_before_it_opens_runs_past_midnight_into_the_next_day(
    moment: datetime, expected: bool
) -> None:
    assert SATURDAY_NIGHT.is_open(moment) is expected


def test_a_sunday_night_entry_runs_into_the_monday_of_the_next_week_and_year() -> None:
    clock = clock_for(entry((SUN,), "20:00", "03:00"))
    new_year = datetime(2023, 12, 31, 23, 0)  # a Sunday
    assert clock.is_open(new_year)
    assert clock.is_open(datetime(2024, 1, 1, 2, 59))
    assert not clock.is_open(datetime(2024, 1, 1, 3, 0))
    assert clock.next_change(new_year) == datetime(2024, 1, 1, 3, 0)


def test_24_00_closes_at_the_end_of_the_day() -> None:
    clock = clock_for(entry((MON,), "08:00", "24:00"))
    assert clock.is_open(at(MON, "23:59", 59.999999))
    assert not clock.is_open(at(TUE, "00:00"))
    assert clock.next_change(at(MON, "12:00")) == at(TUE, "00:00")


def test_opening_at_24_00_is_the_next_midnight() -> None:
    clock = clock_for(entry((MON,), "24:00", "02:00"))
    assert not clock.is_open(at(MON, "23:59"))
    assert clock.is_open(at(TUE, "00:00"))
    assert not clock.is_open(at(TUE, "02:00"))
    assert clock.next_opening(at(MON, "08:00")) == at(TUE, "00:00")


def test_an_entry_from_24_00_to_00_00_is_empty() -> None:
    clock = clock_for(entry((MON,), "24:00", "00:00"))
    assert not clock.is_open(at(TUE, "00:00"))
    assert clock.next_opening(at(MON, "12:00")) is None


def test_overlapping_entries_are_open_over_their_union_and_change_only_at_its_ends() -> None:
    clock = clock_for(entry((MON,), "09:00", "13:00"), entry((MON,), "12:00", "17:00"))
    assert clock.is_open(at(MON, "12:30"))
    assert clock.is_open(at(MON, "16:00"))
    assert clock.next_change(at(MON, "10:00")) == at(MON, "17:00")
    assert clock.next_change(at(MON, "08:00")) == at(MON, "09:00")


def test_touching_entries_do_not_flicker_closed_where_they_meet() -> None:
    clock = clock_for(
        entry((MON,), "09:00", "12:00"),
        entry((MON,), "12:00", "24:00"),
        entry((TUE,), "00:00", "02:00"),
    )
    assert clock.is_open(at(MON, "12:00"))
    assert clock.is_open(at(TUE, "00:00"))
    assert clock.next_change(at(MON, "10:00")) == at(TUE, "02:00")


def test_a_night_entry_overlapping_the_next_days_entry_joins_it() -> None:
    clock = clock_for(entry((SAT,), "22:00", "02:00"), entry((SUN,), "01:00", "05:00"))
    assert clock.next_change(at(SAT, "23:00")) == at(SUN, "05:00")


# -- the next change --------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(MON, "08:00"), at(MON, "09:00")),
        (at(MON, "09:00"), at(MON, "17:00")),
        (at(MON, "10:00"), at(MON, "17:00")),
        (at(MON, "17:00"), at(TUE, "09:00")),
        (at(FRI, "18:00"), at(MON + 7, "09:00")),  # over the weekend, into the next week
        (at(SAT, "12:00"), at(MON + 7, "09:00")),
        (at(SUN, "23:59"), at(MON + 7, "09:00")),
    ],
)
def test_next_change_is_the_next_opening_or_closing(moment: datetime, expected: datetime) -> None:
    assert OFFICE.next_change(moment) == expected


def test_next_change_after_a_night_entry_is_the_next_saturday() -> None:
    assert SATURDAY_NIGHT.next_change(at(SAT, "23:00")) == at(SUN, "02:00")
    assert SATURDAY_NIGHT.next_change(at(SUN, "02:00")) == at(SAT + 7, "22:00")
    assert SATURDAY_NIGHT.next_change(at(MON, "00:00")) == at(SAT, "22:00")


def test_next_opening_while_open_is_the_one_after_this_stretch() -> None:
    assert OFFICE.next_opening(at(MON, "10:00")) == at(TUE, "09:00")
    assert OFFICE.next_opening(at(MON, "09:00")) == at(TUE, "09:00")
    assert OFFICE.next_opening(at(FRI, "10:00")) == at(MON + 7, "09:00")


def test_next_opening_while_closed_is_the_next_change() -> None:
    assert OFFICE.next_opening(at(FRI, "17:00")) == at(MON + 7, "09:00")
    assert OFFICE.next_opening(at(WED, "06:00")) == at(WED, "09:00")


def test_next_closing() -> None:
    assert OFFICE.next_closing(at(MON, "10:00")) == at(MON, "17:00")
    assert OFFICE.next_closing(at(SAT, "10:00")) == at(MON + 7, "17:00")


def test_a_daily_entry_closing_a_minute_before_it_opens_closes_for_that_minute() -> None:
    clock = clock_for(entry(EVERY_DAY, "06:00", "05:59"))
    assert clock.is_open(at(WED, "05:58"))
    assert not clock.is_open(at(WED, "05:59"))
    assert clock.next_change(at(WED, "05:00")) == at(WED, "05:59")
    assert clock.next_change(at(WED, "05:59")) == at(WED, "06:00")


# -- no change, ever ----------------------------------------------------------------


def test_without_a_schedule_the_display_is_always_open() -> None:
    clock = OpeningClock(None)
    for day in range(7):
        assert clock.is_open(at(day, "03:00"))
    assert clock.next_change(at(MON, "03:00")) is None
    assert clock.next_opening(at(MON, "03:00")) is None
    assert clock.next_closing(at(MON, "03:00")) is None


@pytest.mark.parametrize(
    "entries",
    [
        (entry(EVERY_DAY, "00:00", "24:00"),),
        (entry(EVERY_DAY, "00:00", "12:00"), entry(EVERY_DAY, "12:00", "24:00")),
        (entry(EVERY_DAY, "12:00", "12:01"), entry(EVERY_DAY, "12:01", "12:00")),
        (entry(WEEKDAYS, "00:00", "24:00"), entry((SAT, SUN), "00:00", "24:00")),
    ],
)
def test_hours_covering_the_whole_week_never_change(entries: tuple[OpeningHours, ...]) -> None:
    clock = clock_for(*entries)
    for day in range(7):
        assert clock.is_open(at(day, "00:00"))
        assert clock.next_change(at(day, "13:37")) is None
        assert clock.next_opening(at(day, "13:37")) is None
        assert clock.next_closing(at(day, "13:37")) is None


def test_a_schedule_without_entries_is_always_closed() -> None:
    clock = OpeningClock(Schedule(hours=()))
    assert not clock.is_open(at(MON, "12:00"))
    assert clock.next_change(at(MON, "12:00")) is None
    assert clock.next_opening(at(MON, "12:00")) is None


# -- a property: the state flips exactly at next_change, and nowhere before -----------

times = st.integers(min_value=0, max_value=1440)
opening_hours = st.builds(
    lambda days, open_at, close_at: OpeningHours(days=tuple(sorted(days)), open=open_at, close=close_at),
    st.sets(st.integers(min_value=0, max_value=6), min_size=1),
    times,
    times,
).filter(lambda item: item.open != item.close)
schedules = st.builds(lambda hours: Schedule(hours=tuple(hours)), st.lists(opening_hours, max_size=4))
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))


SHARES = 1_000_000


@given(schedules, moments, st.integers(min_value=0, max_value=SHARES - 1))
def test_the_state_flips_exactly_at_next_change(schedule: Schedule, moment: datetime, share: int) -> None:
    clock = OpeningClock(schedule)
    now_open = clock.is_open(moment)
    change = clock.next_change(moment)
    if change is None:
        for hour in range(0, 8 * 24, 5):
            assert clock.is_open(moment + timedelta(hours=hour)) is now_open
        return
    assert moment < change <= moment + timedelta(days=7)
    assert clock.is_open(change) is not now_open
    assert clock.is_open(change - TICK) is now_open
    assert clock.is_open(moment + (change - moment) * share // SHARES) is now_open  # anywhere before the change
    if not now_open:
        assert clock.next_opening(moment) == change


@given(schedules, moments)
def test_next_opening_is_a_moment_the_display_opens(schedule: Schedule, moment: datetime) -> None:
    clock = OpeningClock(schedule)
    opening = clock.next_opening(moment)
    if opening is not None:
        assert opening > moment
        assert clock.is_open(opening)
        assert not clock.is_open(opening - TICK)


# -- the watcher ----------------------------------------------------------------------


class MovableClock:
    """A ``now`` that stays put until the test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def test_the_watcher_answers_for_the_injected_now() -> None:
    now = MovableClock(at(MON, "08:59", 30))
    watcher = ScheduleWatcher(Schedule(hours=(entry(WEEKDAYS, "09:00", "17:00"),)), now=now)
    assert watcher.state() is OpeningState.CLOSED
    assert watcher.seconds_until_change() == 30
    assert watcher.next_opening() == at(MON, "09:00")
    now.moment = at(MON, "09:00")
    assert watcher.state() is OpeningState.OPEN
    assert watcher.is_open()
    assert watcher.seconds_until_change() == 8 * 3600
    assert watcher.next_change() == at(MON, "17:00")


def test_the_watcher_follows_a_new_schedule_and_never_changes_without_one() -> None:
    now = MovableClock(at(SAT, "12:00"))
    watcher = ScheduleWatcher(Schedule(hours=(entry(WEEKDAYS, "09:00", "17:00"),)), now=now)
    assert watcher.state() is OpeningState.CLOSED
    watcher.set_schedule(None)
    assert watcher.schedule is None
    assert watcher.state() is OpeningState.OPEN
    assert watcher.seconds_until_change() is None


def test_the_schedule_module_loads_no_qt() -> None:
    probe = (
        "import json, sys\n"
        "import kiosk.core.schedule\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtpy'))))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env, cwd=REPO
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout.strip().splitlines()[-1]) == []
