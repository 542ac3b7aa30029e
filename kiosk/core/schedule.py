"""Opening hours as a clock: is the display open at a moment, and when does that next change.

Pure Python, no Qt. Moments are naive ``datetime`` objects in the display's
local wall-clock time; entries are read as wall-clock times too, so across a
daylight-saving change an opening at 09:00 is still at 09:00 on the clock
(the number of real seconds to it may then be off by the shift; callers poll).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kiosk.deck.schema import OpeningHours, Schedule

WEEK = timedelta(days=7)
LOOK_BEHIND_DAYS = 2
"""An entry starts at most one day before the day it touches (``open`` may be 24:00, then it starts on the next)."""
LOOK_AHEAD_DAYS = 16
"""Two weeks and a margin: any stretch that ends, ends within a week, so the next change is always in sight."""


class OpeningState(enum.Enum):
    """Whether the display is within its opening hours."""

    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Stretch:
    """One uninterrupted open period, ``start`` included and ``end`` excluded."""

    start: datetime
    end: datetime

    def __contains__(self, moment: object) -> bool:
        return isinstance(moment, datetime) and self.start <= moment < self.end


class OpeningClock:
    """Answers questions about a weekly schedule at any local moment.

    Without a schedule (``None``) the display is always open. With one, it is open
    only inside its entries: an empty list of entries means always closed.
    Overlapping and touching entries join into one stretch, so a change is only
    reported where the state really flips (never at a shared midnight).
    """

    def __init__(self, schedule: Schedule | None) -> None:
        self.schedule = schedule

    def is_open(self, moment: datetime) -> bool:
        """True when ``moment`` is within the opening hours (an entry's open time counts, its close time does not)."""
        if self.schedule is None:
            return True
        return self._stretch_at(moment) is not None

    def state(self, moment: datetime) -> OpeningState:
        """OPEN or CLOSED at ``moment``."""
        return OpeningState.OPEN if self.is_open(moment) else OpeningState.CLOSED

    def next_change(self, moment: datetime) -> datetime | None:
        """The first moment after ``moment`` at which the state flips; None when it never does."""
        if self.schedule is None:
            return None
        current = self._stretch_at(moment)
        if current is not None:
            return None if _endless(current) else current.end
        return self.next_opening(moment)

    def next_opening(self, moment: datetime) -> datetime | None:
        """The first moment after ``moment`` at which the display opens; None when it never opens again.

        While open, this is the opening that follows the current stretch.
        """
        if self.schedule is None:
            return None
        for stretch in self._stretches(moment):
            if stretch.start > moment and not _endless(stretch):
                return stretch.start
        return None

    def next_closing(self, moment: datetime) -> datetime | None:
        """The first moment after ``moment`` at which the display closes; None when it never closes."""
        if self.schedule is None:
            return None
        for stretch in self._stretches(moment):
            if stretch.end > moment:
                return None if _endless(stretch) else stretch.end
        return None

    def _stretch_at(self, moment: datetime) -> Stretch | None:
        for stretch in self._stretches(moment):
            if moment in stretch:
                return stretch
            if stretch.start > moment:
                break
        return None

    def _stretches(self, moment: datetime) -> list[Stretch]:
        """The merged open stretches around ``moment``, in order (none without a schedule)."""
        hours = self.schedule.hours if self.schedule is not None else ()
        first = moment.date() - timedelta(days=LOOK_BEHIND_DAYS)
        periods = sorted(_periods(hours, first, LOOK_BEHIND_DAYS + LOOK_AHEAD_DAYS))
        merged: list[Stretch] = []
        for start, end in periods:
            if merged and start <= merged[-1].end:
                if end > merged[-1].end:
                    merged[-1] = Stretch(merged[-1].start, end)
            else:
                merged.append(Stretch(start, end))
        return merged


def _periods(hours: tuple[OpeningHours, ...], first: date, days: int) -> Iterator[tuple[datetime, datetime]]:
    """Every entry's concrete (start, end) on the ``days`` days from ``first``."""
    for offset in range(days):
        day = first + timedelta(days=offset)
        midnight = datetime.combine(day, time())
        for entry in hours:
            if day.weekday() in entry.days:
                start = midnight + timedelta(minutes=entry.open)
                end = midnight + timedelta(minutes=entry.close)
                if entry.close < entry.open:
                    end += timedelta(days=1)
                if end > start:  # "24:00" to "00:00" is empty
                    yield start, end


def _endless(stretch: Stretch) -> bool:
    # The schedule repeats every week, so a stretch covering a whole week never ends;
    # in the finite window it shows as one longer than a week.
    return stretch.end - stretch.start > WEEK


class ScheduleWatcher:
    """An OpeningClock read at "now", with the clock injected so tests can move time."""

    def __init__(self, schedule: Schedule | None = None, now: Callable[[], datetime] = datetime.now) -> None:
        self.now = now
        self.clock = OpeningClock(schedule)

    @property
    def schedule(self) -> Schedule | None:
        """The schedule being watched."""
        return self.clock.schedule

    def set_schedule(self, schedule: Schedule | None) -> None:
        """Watch ``schedule`` from now on (for a reloaded deck)."""
        self.clock = OpeningClock(schedule)

    def state(self) -> OpeningState:
        """OPEN or CLOSED now."""
        return self.clock.state(self.now())

    def is_open(self) -> bool:
        """True when open now."""
        return self.clock.is_open(self.now())

    def next_change(self) -> datetime | None:
        """The next moment the state flips, None when it never does."""
        return self.clock.next_change(self.now())

    def next_opening(self) -> datetime | None:
        """The next moment the display opens, None when it never does."""
        return self.clock.next_opening(self.now())

    def seconds_until_change(self) -> float | None:
        """Seconds from now to the next change (never negative), None when it never changes."""
        moment = self.now()
        change = self.clock.next_change(moment)
        if change is None:
            return None
        return max(0.0, (change - moment).total_seconds())


__all__ = ["OpeningClock", "OpeningState", "ScheduleWatcher", "Stretch"]
