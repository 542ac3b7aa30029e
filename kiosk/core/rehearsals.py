"""Rehearsal runs and how the last one compares with its targets and with earlier runs; no Qt, no files.

A run is one recorded ``kiosk present`` talk: when, which deck, which language,
and per slide (keyed "theme-id/slide-number", e.g. "research/2") the target,
the time spent and the visits. ``compare`` turns the newest run and the runs
before it into figures; ``comparison_table`` and ``summary_lines`` put those
figures into words for the terminal and the presenter console.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import fmean

from kiosk.core.navigator import Position
from kiosk.core.talk_timer import SlideRecord
from kiosk.deck import Deck

log = logging.getLogger(__name__)

PREVIOUS_FOR_TREND = 3
"""The last run's total is compared with the mean of this many runs before it."""
STEADY_SHARE = 0.05
"""A total within this share of the previous runs' mean counts as steady, neither tighter nor longer."""


@dataclass(frozen=True)
class RehearsalSlide:
    """One slide of a run: its key ("theme-id/slide-number"), heading, target, time spent and visits."""

    key: str
    heading: str
    target_s: float
    spent_s: float
    visits: int


@dataclass(frozen=True)
class RehearsalRun:
    """One recorded talk; ``id`` is None until a store has kept it."""

    started_at: datetime
    ended_at: datetime
    deck_title: str
    deck_path: str
    language: str
    total_s: float
    slides: tuple[RehearsalSlide, ...]
    id: int | None = None

    @property
    def target_s(self) -> float:
        """The sum of every slide's target: the planned length of the talk."""
        return sum(slide.target_s for slide in self.slides)


def slide_key(deck: Deck, position: Position) -> str | None:
    """The "theme-id/slide-number" key of ``position`` in ``deck`` (slides counted from 1); None for home or a gap."""
    if position.theme is None or not 0 <= position.theme < len(deck.themes):
        return None
    theme = deck.themes[position.theme]
    return f"{theme.id}/{position.slide + 1}" if 0 <= position.slide < len(theme.slides) else None


def run_from_records(
    deck: Deck,
    language: str,
    records: Sequence[SlideRecord],
    started_at: datetime,
    ended_at: datetime,
    total_s: float,
) -> RehearsalRun:
    """A run from a talk timer's records, whose keys are ``Position``s of ``deck``.

    A record whose position is not in the deck (it changed during the talk) is left out with a log line.
    """
    slides = []
    for record in records:
        position = record.key
        key = slide_key(deck, position) if isinstance(position, Position) else None
        if key is None or not isinstance(position, Position) or position.theme is None:
            log.warning("rehearsal: %r is no slide of the deck; its %.0f s are left out", position, record.spent_s)
            continue
        theme = deck.themes[position.theme]
        slide = theme.slides[position.slide]
        heading = slide.heading.get(language, deck.default_language) or theme.title.get(language, deck.default_language)
        slides.append(RehearsalSlide(key, heading, record.target_s, record.spent_s, record.visits))
    return RehearsalRun(
        started_at=started_at,
        ended_at=ended_at,
        deck_title=deck.title.get(language, deck.default_language),
        deck_path=deck_identity(deck),
        language=language,
        total_s=total_s,
        slides=tuple(slides),
    )


def deck_identity(deck: Deck) -> str:
    """What tells one deck's runs from another's: the absolute path of its folder."""
    return str(deck.root.resolve())


class Trend(enum.Enum):
    """How the last run's total compares with the mean of the runs before it."""

    FIRST = "first"  # no earlier run to compare with
    TIGHTER = "tighter"
    STEADY = "steady"
    LONGER = "longer"


@dataclass(frozen=True)
class SlideComparison:
    """One slide of the last run: its time against its target and against the mean of earlier runs."""

    key: str
    heading: str
    spent_s: float
    target_s: float
    previous_mean_s: float | None
    """Mean time of the earlier runs that showed this slide; None when none did."""

    @property
    def over_s(self) -> float:
        """Seconds past the target (negative: under it)."""
        return self.spent_s - self.target_s

    @property
    def runs_long(self) -> bool:
        """True when the slide took longer than its target."""
        return self.spent_s > self.target_s


@dataclass(frozen=True)
class RunComparison:
    """The last run against its targets and the runs before it, as figures."""

    last: RehearsalRun
    previous: tuple[RehearsalRun, ...]
    """Earlier runs of the same deck, newest first."""
    slides: tuple[SlideComparison, ...]
    previous_mean_total_s: float | None
    """Mean total of up to ``PREVIOUS_FOR_TREND`` runs before the last; None when there is none."""
    trend: Trend
    trend_s_per_run: float | None
    """Slope of the totals of the last run and those before it (up to ``PREVIOUS_FOR_TREND``), oldest first."""

    @property
    def long_slides(self) -> tuple[SlideComparison, ...]:
        """The slides of the last run that took longer than their target."""
        return tuple(slide for slide in self.slides if slide.runs_long)

    @property
    def over_s(self) -> float:
        """Seconds the last run took beyond the sum of its targets (negative: under it)."""
        return self.last.total_s - self.last.target_s


def compare(runs: Sequence[RehearsalRun]) -> RunComparison:
    """Compare the newest of ``runs`` (newest first) with its targets and with the older runs of the same deck."""
    if not runs:
        raise ValueError("no run to compare")
    last = runs[0]
    previous = tuple(run for run in runs[1:] if run.deck_path == last.deck_path)
    slides = tuple(
        SlideComparison(slide.key, slide.heading, slide.spent_s, slide.target_s, _previous_mean(slide.key, previous))
        for slide in last.slides
    )
    recent = previous[:PREVIOUS_FOR_TREND]
    mean_total = fmean(run.total_s for run in recent) if recent else None
    if mean_total is None:
        trend = Trend.FIRST
    elif last.total_s < mean_total * (1 - STEADY_SHARE):
        trend = Trend.TIGHTER
    elif last.total_s > mean_total * (1 + STEADY_SHARE):
        trend = Trend.LONGER
    else:
        trend = Trend.STEADY
    totals = [run.total_s for run in reversed((last, *recent))]
    return RunComparison(last, previous, slides, mean_total, trend, _slope(totals))


def _previous_mean(key: str, previous: Sequence[RehearsalRun]) -> float | None:
    # Only runs that showed the slide count: a talk stopped early should not make a slide look quick.
    times = [slide.spent_s for run in previous for slide in run.slides if slide.key == key and slide.visits > 0]
    return fmean(times) if times else None


def _slope(values: Sequence[float]) -> float | None:
    """The least-squares slope of ``values`` against 0, 1, 2...; None for fewer than two values."""
    if len(values) < 2:
        return None
    mean_x, mean_y = (len(values) - 1) / 2, fmean(values)
    spread = sum((x - mean_x) ** 2 for x in range(len(values)))
    return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread


def clock_time(seconds: float) -> str:
    """``seconds`` as m:ss (h:mm:ss from an hour on), rounded to the second."""
    total = round(abs(seconds))
    hours, rest = divmod(total, 3600)
    text = f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"
    return f"-{text}" if seconds < 0 and total else text


def signed_time(seconds: float) -> str:
    """A difference as +m:ss or -m:ss (±0:00 when it rounds to nothing)."""
    if round(seconds) == 0:
        return "±0:00"
    return f"+{clock_time(seconds)}" if seconds > 0 else clock_time(seconds)


def run_heading(run: RehearsalRun) -> str:
    """One line naming a run: deck, language, date and times."""
    start, end = run.started_at, run.ended_at
    return f"{run.deck_title} ({run.language}), {start:%Y-%m-%d %H:%M} to {end:%H:%M}"


def summary_lines(comparison: RunComparison) -> list[str]:
    """A few lines for the presenter console on quit: the total against the plan, the long slides, the trend."""
    last = comparison.last
    lines = [
        f"Talk: {clock_time(last.total_s)} for a plan of {clock_time(last.target_s)} ({signed_time(comparison.over_s)})"
    ]
    long_slides = comparison.long_slides
    if long_slides:
        named = ", ".join(f"{slide.key} {signed_time(slide.over_s)}" for slide in long_slides)
        lines.append(f"Over target: {named}")
    else:
        lines.append("Every slide within its target")
    mean = comparison.previous_mean_total_s
    if mean is not None:
        count = min(len(comparison.previous), PREVIOUS_FOR_TREND)
        runs = "run" if count == 1 else f"{count} runs"
        difference = signed_time(last.total_s - mean)
        lines.append(f"Against the previous {runs} ({clock_time(mean)}): {difference}, {comparison.trend.value}")
    return lines


def comparison_table(comparison: RunComparison) -> str:
    """The last run against its targets and earlier runs, as a plain-text table for the terminal."""
    headings = ("slide", "heading", "time", "target", "diff", "before", "")
    rows = [
        (
            slide.key,
            _shorten(slide.heading, 36),
            clock_time(slide.spent_s),
            clock_time(slide.target_s),
            signed_time(slide.over_s),
            "" if slide.previous_mean_s is None else clock_time(slide.previous_mean_s),
            "long" if slide.runs_long else "",
        )
        for slide in comparison.slides
    ]
    last = comparison.last
    mean = comparison.previous_mean_total_s
    total = ("total", "", clock_time(last.total_s), clock_time(last.target_s), signed_time(comparison.over_s))
    rows.append((*total, "" if mean is None else clock_time(mean), ""))
    widths = [max(len(row[column]) for row in (headings, *rows)) for column in range(len(headings))]
    right = {2, 3, 4, 5}  # figures line up on the right
    lines = [f"Last rehearsal: {run_heading(last)}", ""]
    for number, row in enumerate((headings, *rows)):
        if number == len(rows):  # the total: a rule above it
            lines.append("-" * (sum(widths) + 2 * (len(widths) - 1)))
        pairs = enumerate(zip(row, widths, strict=True))
        cells = [cell.rjust(width) if column in right else cell.ljust(width) for column, (cell, width) in pairs]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    if comparison.previous:
        shown = _count(len(comparison.previous), "earlier run")
        recent = min(len(comparison.previous), PREVIOUS_FOR_TREND)
        lines.append(
            f"'before': per slide, the mean of the {shown} that showed it; for the total, of the last {recent}."
        )
    lines.extend(summary_lines(comparison))
    if comparison.trend_s_per_run is not None:
        lines.append(f"Trend over the last runs: {signed_time(comparison.trend_s_per_run)} per run")
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
