"""Engagement figures and proof of play from the events a kiosk recorded; pure (no Qt, no database).

``engagement`` turns the events of one kiosk, or of several merged, into
``Engagement`` figures; ``engagement_report`` writes them as plain-text tables
for ``kiosk stats``. Hours and days are local, in the time zone given.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

AUTOPLAY = "autoplay"
HOME = "home"
"""What the left-from table calls the home screen (a visit that ended there has no theme)."""
HOURS = 24


@dataclass(frozen=True)
class Event:
    """One recorded event (a row of the analytics database's ``events`` table) and the kiosk it came from."""

    kiosk: str
    at: float
    kind: str
    visit: int | None = None
    theme: str | None = None
    slide: int | None = None
    language: str | None = None
    via: str | None = None
    seconds: float | None = None
    deck_version: str | None = None


@dataclass(frozen=True)
class SlideFigures:
    """What visitors and auto-play did with one slide."""

    theme: str
    slide: int
    views: int
    median_dwell_s: float | None
    upper_quartile_dwell_s: float | None
    visits_reached: int
    reached_share: float
    left_from: int
    left_from_share: float
    autoplay_shown: int
    autoplay_s: float

    @property
    def key(self) -> str:
        """``theme/slide``, as the tables name it."""
        return f"{self.theme}/{self.slide}"


@dataclass(frozen=True)
class PeriodFigures:
    """Visits that began in one hour of the day or on one day, and their median length."""

    label: str
    visits: int
    median_visit_s: float | None


@dataclass(frozen=True)
class Engagement:
    """The figures of one kiosk, or of several merged (``kiosk`` then names them all)."""

    kiosk: str
    events: int
    first: datetime | None
    last: datetime | None
    visits: int
    median_visit_s: float | None
    slides: tuple[SlideFigures, ...]
    hours: tuple[PeriodFigures, ...]
    """One row per hour of the day, 0 to 23, also hours without a visit."""
    days: tuple[PeriodFigures, ...]
    left_from: tuple[tuple[str, int, float], ...]
    """Where visits ended: ``theme/slide`` (or ``home``), visits, share of visits; most left-from first."""
    languages: tuple[tuple[str, int, int], ...]
    """Languages chosen: language, times chosen, visits that chose it."""
    autoplay_loops: tuple[tuple[str, int], ...]
    """Auto-play loops begun, per language of the loop."""
    deck_versions: tuple[str, ...]


def median(values: Sequence[float]) -> float | None:
    """The median of ``values``; None when there are none."""
    return statistics.median(values) if values else None


def upper_quartile(values: Sequence[float]) -> float | None:
    """The 75th percentile of ``values``, interpolated between the values around it; None when there are none."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=4, method="inclusive")[2]


def engagement(kiosk: str, events: Iterable[Event], zone: tzinfo | None = None) -> Engagement:
    """The figures of ``events`` (from one kiosk or several), hours and days in ``zone`` (default: local time)."""
    rows = sorted(events, key=lambda event: event.at)

    def local(at: float) -> datetime:
        return datetime.fromtimestamp(at, zone).astimezone(zone)

    starts: dict[tuple[str, int], float] = {}
    lengths: dict[tuple[str, int], float] = {}
    ends: Counter[str] = Counter()
    dwell: defaultdict[tuple[str, int], list[float]] = defaultdict(list)
    reached: defaultdict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    shown: Counter[tuple[str, int]] = Counter()
    shown_s: defaultdict[tuple[str, int], float] = defaultdict(float)
    chosen: Counter[str] = Counter()
    chosen_by: defaultdict[str, set[tuple[str, int]]] = defaultdict(set)
    loops: Counter[str] = Counter()
    decks: list[str] = []
    for event in rows:
        visit = (event.kiosk, event.visit) if event.visit is not None else None
        if event.kind == "visit_start" and visit is not None:
            starts.setdefault(visit, event.at)
        elif event.kind == "visit_end" and visit is not None:
            lengths[visit] = event.seconds or 0.0
            # A visit whose start fell before the period (or was not kept) began its length before its end.
            starts.setdefault(visit, event.at - (event.seconds or 0.0))
            ends[_place(event.theme, event.slide)] += 1
        elif event.kind == "slide_view" and event.theme is not None and event.slide is not None:
            slide = (event.theme, event.slide)
            if event.via == AUTOPLAY or visit is None:
                shown[slide] += 1
                shown_s[slide] += event.seconds or 0.0
            else:
                dwell[slide].append(event.seconds or 0.0)
                reached[slide].add(visit)
                starts.setdefault(visit, event.at - (event.seconds or 0.0))
        elif event.kind == "language" and event.language:
            chosen[event.language] += 1
            if visit is not None:
                chosen_by[event.language].add(visit)
        elif event.kind == "autoplay_loop":
            loops[event.language or "?"] += 1
        elif event.kind == "deck" and event.deck_version and event.deck_version not in decks:
            decks.append(event.deck_version)

    visits = len(starts)
    left_by_slide = {key: count for key, count in ends.items() if key != HOME}
    slides = tuple(
        SlideFigures(
            theme=slide[0],
            slide=slide[1],
            views=len(dwell[slide]),
            median_dwell_s=median(dwell[slide]),
            upper_quartile_dwell_s=upper_quartile(dwell[slide]),
            visits_reached=len(reached[slide]),
            reached_share=_share(len(reached[slide]), visits),
            left_from=left_by_slide.get(f"{slide[0]}/{slide[1]}", 0),
            left_from_share=_share(left_by_slide.get(f"{slide[0]}/{slide[1]}", 0), visits),
            autoplay_shown=shown[slide],
            autoplay_s=shown_s[slide],
        )
        for slide in sorted({*dwell, *shown})
    )
    by_hour: defaultdict[int, list[tuple[str, int]]] = defaultdict(list)
    by_day: defaultdict[date, list[tuple[str, int]]] = defaultdict(list)
    for visit, at in starts.items():
        by_hour[local(at).hour].append(visit)
        by_day[local(at).date()].append(visit)

    def period(label: str, members: list[tuple[str, int]]) -> PeriodFigures:
        return PeriodFigures(label, len(members), median([lengths[v] for v in members if v in lengths]))

    return Engagement(
        kiosk=kiosk,
        events=len(rows),
        first=local(rows[0].at) if rows else None,
        last=local(rows[-1].at) if rows else None,
        visits=visits,
        median_visit_s=median(list(lengths.values())),
        slides=slides,
        hours=tuple(period(f"{hour:02d}:00", by_hour[hour]) for hour in range(HOURS)),
        days=tuple(period(day.isoformat(), by_day[day]) for day in sorted(by_day)),
        left_from=tuple((key, count, _share(count, visits)) for key, count in _most_first(ends)),
        languages=tuple((language, count, len(chosen_by[language])) for language, count in _most_first(chosen)),
        autoplay_loops=tuple(_most_first(loops)),
        deck_versions=tuple(decks),
    )


def _place(theme: str | None, slide: int | None) -> str:
    """Where a visit ended, as the tables name it: ``theme/slide``, or ``home`` for the home screen."""
    if theme is None:
        return HOME
    return theme if slide is None else f"{theme}/{slide}"


def _share(count: int, whole: int) -> float:
    return count / whole if whole else 0.0


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    """``counts`` most first, ties by name so the order is the same on every run."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def engagement_report(figures: Engagement) -> str:
    """``figures`` as plain-text tables: slides, hours, days, left-from, languages and proof of play."""
    span = f"{figures.first:%Y-%m-%d %H:%M} to {figures.last:%Y-%m-%d %H:%M}" if figures.first and figures.last else ""
    lines = [
        f"{figures.kiosk}: {_count(figures.visits, 'visit')}, median length {seconds_text(figures.median_visit_s)} s, "
        f"{_count(figures.events, 'event')}, {span}"
    ]
    if figures.deck_versions:
        lines.append(f"Deck versions shown: {', '.join(figures.deck_versions)}")
    visited = [slide for slide in figures.slides if slide.views]
    lines += ["", "Slides seen by visitors"]
    lines += table(
        ("slide", "views", "median s", "upper quartile s", "visits reached"),
        [
            (s.key, str(s.views), seconds_text(s.median_dwell_s), seconds_text(s.upper_quartile_dwell_s),
             percent(s.reached_share))
            for s in visited
        ],
    )  # fmt: skip
    lines += ["", "Visits per hour of day"]
    lines += table(
        ("hour", "visits", "median visit s"),
        [(p.label, str(p.visits), seconds_text(p.median_visit_s)) for p in figures.hours if p.visits],
    )
    lines += ["", "Visits per day"]
    lines += table(
        ("day", "visits", "median visit s"),
        [(p.label, str(p.visits), seconds_text(p.median_visit_s)) for p in figures.days],
    )
    lines += ["", "Where visitors left"]
    lines += table(("left from", "visits", "share"), [(k, str(n), percent(s)) for k, n, s in figures.left_from])
    lines += ["", "Languages chosen"]
    lines += table(("language", "times", "visits"), [(k, str(n), str(v)) for k, n, v in figures.languages])
    played = [slide for slide in figures.slides if slide.autoplay_shown]
    lines += ["", "Proof of play (auto-play)"]
    lines += table(
        ("slide", "times shown", "total s"), [(s.key, str(s.autoplay_shown), f"{s.autoplay_s:.1f}") for s in played]
    )
    loops = ", ".join(f"{language} {count}" for language, count in figures.autoplay_loops)
    total = sum(count for _, count in figures.autoplay_loops)
    lines.append(f"Auto-play loops: {total}" + (f" ({loops})" if loops else ""))
    return "\n".join(lines) + "\n"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Aligned columns, the first to the left and the others to the right; ``(none)`` for no rows."""
    if not rows:
        return ["  (none)"]
    widths = [max(len(header), *(len(row[index]) for row in rows)) for index, header in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        first, *others = cells
        return "  " + "  ".join(
            [first.ljust(widths[0]), *(c.rjust(w) for c, w in zip(others, widths[1:], strict=True))]
        )

    return [line(headers).rstrip(), *(line(row).rstrip() for row in rows)]


def seconds_text(seconds: float | None) -> str:
    """Seconds with one decimal, or ``-`` when there is no value."""
    return "-" if seconds is None else f"{seconds:.1f}"


def percent(share: float) -> str:
    """A share as a whole percentage."""
    return f"{share * 100:.0f}%"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
