"""The presenter's clock: time on the whole talk and on each slide, against per-slide targets; no Qt.

A talk is a sequence of visits to slides. Each slide has a target (its
``duration``, else the deck's auto-play time). The timer reads an injected
clock, so tests move time by hand; it can be paused (time while paused counts
nowhere) and reset. It also keeps, per slide, the time spent and the number of
visits: what a rehearsal record is made of.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

AMBER_SHARE = 0.8
"""A slide's timer turns amber once this share of its target has passed."""


class SlideTimeState(enum.Enum):
    """How the time on the current slide compares with its target."""

    NORMAL = "normal"
    AMBER = "amber"  # 80 % of the target or more
    RED = "red"  # past the target


@dataclass(frozen=True)
class SlideRecord:
    """Time spent on one slide over a talk, its target and how many times it was shown."""

    key: Hashable
    target_s: float
    spent_s: float
    visits: int


class TalkTimer:
    """Times a talk slide by slide against targets, with pause and reset.

    ``targets`` maps every slide's key (any hashable, e.g. a Position) to its
    target in seconds, in the talk's order: the pace compares the time spent
    with the targets of the slides passed so far.
    """

    def __init__(self, targets: Mapping[Hashable, float], clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._order = list(targets)
        self._targets = dict(targets)
        self.reset()

    # -- input --------------------------------------------------------------------

    def reset(self) -> None:
        """Start again from zero, running, with no slide shown yet."""
        self._spent: dict[Hashable, float] = {}
        self._visits: dict[Hashable, int] = {}
        self._current: Hashable | None = None
        self._elapsed_before = 0.0  # talk time banked before the running stretch
        self._slide_before = 0.0  # this visit's time banked before the running stretch
        self._since: float | None = self._clock()

    def show(self, key: Hashable | None) -> None:
        """The slide ``key`` is now on screen (None: no slide, e.g. the home screen); a new visit starts."""
        self._bank()
        if key == self._current:
            return
        self._current = key
        self._slide_before = 0.0
        if key is not None:
            self._visits[key] = self._visits.get(key, 0) + 1

    def pause(self) -> None:
        """Stop counting until ``resume``."""
        self._bank()
        self._since = None

    def resume(self) -> None:
        """Count again from now."""
        if self._since is None:
            self._since = self._clock()

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused (the presenter's P key)."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    # -- queries ------------------------------------------------------------------

    @property
    def paused(self) -> bool:
        """True while the timer does not count."""
        return self._since is None

    @property
    def current(self) -> Hashable | None:
        """The key of the slide on screen, None when none is."""
        return self._current

    def elapsed_s(self) -> float:
        """Time on the whole talk, pauses left out."""
        return self._elapsed_before + self._running()

    def slide_elapsed_s(self) -> float:
        """Time on the current visit of the current slide (0 when no slide is shown)."""
        return self._slide_before + self._running() if self._current is not None else 0.0

    def slide_target_s(self) -> float | None:
        """The current slide's target, None when no slide is shown."""
        return self._targets.get(self._current) if self._current is not None else None

    def slide_state(self) -> SlideTimeState:
        """NORMAL, AMBER from 80 % of the target on, RED past it."""
        target = self.slide_target_s()
        if not target:
            return SlideTimeState.NORMAL
        spent = self.slide_elapsed_s()
        if spent > target:
            return SlideTimeState.RED
        return SlideTimeState.AMBER if spent >= AMBER_SHARE * target else SlideTimeState.NORMAL

    def pace_s(self) -> float:
        """Seconds behind the plan (negative: ahead).

        The plan allows the targets of every slide before the current one, plus
        the current slide's time up to its target: lingering on a slide only
        counts as behind once its target has passed.
        """
        if self._current is None or self._current not in self._targets:
            return 0.0
        index = self._order.index(self._current)
        planned = sum(self._targets[key] for key in self._order[:index])
        target = self._targets[self._current]
        planned += min(self.slide_elapsed_s(), target)
        return self.elapsed_s() - planned

    def records(self) -> list[SlideRecord]:
        """Every slide of the talk, in order: target, time spent over all its visits, and visits."""
        spent = dict(self._spent)
        if self._current is not None:
            spent[self._current] = spent.get(self._current, 0.0) + self._running()
        return [
            SlideRecord(key, self._targets[key], spent.get(key, 0.0), self._visits.get(key, 0)) for key in self._order
        ]

    # -- inside -------------------------------------------------------------------

    def _running(self) -> float:
        return max(0.0, self._clock() - self._since) if self._since is not None else 0.0

    def _bank(self) -> None:
        """Move the running stretch into the talk's and the current slide's totals."""
        stretch = self._running()
        self._elapsed_before += stretch
        if self._current is not None:
            self._slide_before += stretch
            self._spent[self._current] = self._spent.get(self._current, 0.0) + stretch
        if self._since is not None:
            self._since = self._clock()
