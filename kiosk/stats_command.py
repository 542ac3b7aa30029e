"""``kiosk stats``: engagement figures and proof of play from the analytics databases, as text, CSV and a PNG."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from kiosk.paths import data_folder

if TYPE_CHECKING:  # read by `kiosk stats` only: `kiosk run` starts without them (sqlite3, statistics)
    from kiosk.analytics_read import KioskLog
    from kiosk.core.engagement import Engagement, Event

PROGRESS_FROM = 4
"""From this many databases the reading is shown on stderr even when it is no terminal (a log, a CI job)."""
ALL_KIOSKS = "all kiosks"
CSV_COLUMNS = (
    "kiosk", "theme", "slide", "views", "median_dwell_s", "upper_quartile_dwell_s", "visits_reached",
    "reached_share", "left_from", "left_from_share", "autoplay_shown", "autoplay_s",
)  # fmt: skip


class Progress:
    """One line on ``stream`` that says which database is being read, rewritten in place; silent when not ``shown``."""

    def __init__(self, stream: TextIO, total: int, shown: bool) -> None:
        self._stream, self._total, self._shown, self._width = stream, total, shown, 0

    def step(self, index: int, path: Path) -> None:
        """Say that database ``index`` (from 1), at ``path``, is being read."""
        if self._shown:
            text = f"reading {index}/{self._total}: {path}"
            self._stream.write("\r" + text.ljust(self._width))
            self._stream.flush()
            self._width = len(text)

    def say(self, text: str) -> None:
        """Write ``text`` as a line of its own on the stream (over the progress line, which the next step redraws)."""
        if self._width:
            self._stream.write("\r" + " " * self._width + "\r")
            self._width = 0
        self._stream.write(text + "\n")

    def done(self) -> None:
        """End the line, so what follows on the stream starts on its own."""
        if self._shown:
            self._stream.write("\r" + f"read {self._total} databases".ljust(self._width) + "\n")
            self._stream.flush()


def local_day(text: str) -> date:
    """A ``--since``/``--until`` day written YYYY-MM-DD; argparse's error for anything else."""
    try:  # the length check: fromisoformat also takes 20240503 and week dates
        return date.fromisoformat(text if len(text) == len("YYYY-MM-DD") else "not a date")
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date such as 2024-05-03") from None


def day_start(day: date) -> float:
    """The Unix time of local midnight at the start of ``day``."""
    return datetime.combine(day, time()).astimezone().timestamp()


def add_stats_parser(commands: Any) -> None:
    """The ``kiosk stats`` subcommand and its options."""
    stats = commands.add_parser("stats", help="engagement figures and proof of play from the analytics log")
    stats.add_argument("databases", nargs="*", type=Path, metavar="DB", help="databases (default: this machine's)")
    stats.add_argument("--since", type=local_day, metavar="DATE", help="events from this local day on (YYYY-MM-DD)")
    stats.add_argument("--until", type=local_day, metavar="DATE", help="events up to this local day, included")
    stats.add_argument("--csv", type=Path, metavar="FILE", help="write one row per kiosk and slide as CSV")
    stats.add_argument("--plot", type=Path, metavar="FILE.png", help="draw dwell per slide and visits per hour")
    stats.set_defaults(handler=stats_command)


def stats_command(args: argparse.Namespace) -> int:
    """Print the figures per kiosk and for all together, write the CSV and the chart when asked; the exit code."""
    from kiosk.analytics_read import DATABASE_NAME, AnalyticsReadError, read_log
    from kiosk.command_checks import write_table_and_chart
    from kiosk.core.engagement import engagement_report

    since: date | None = args.since
    until: date | None = args.until
    if since and until and since > until:
        sys.stderr.write(f"kiosk stats: error: --since {since} is after --until {until}\n")
        return EXIT_USAGE
    given: list[Path] = list(args.databases)
    paths = given or [data_folder() / DATABASE_NAME]
    low = day_start(since) if since is not None else None
    high = day_start(until + timedelta(days=1)) if until is not None else None
    progress = Progress(sys.stderr, len(paths), sys.stderr.isatty() or len(paths) >= PROGRESS_FROM)
    logs: list[KioskLog] = []
    failed = False
    for index, path in enumerate(paths, start=1):
        progress.step(index, path)
        if not given and not path.exists():
            continue  # nothing recorded on this machine yet
        try:
            logs.append(read_log(path, low, high))
        except AnalyticsReadError as exc:
            progress.say(f"kiosk stats: error: {exc}")
            failed = True
    progress.done()
    status = EXIT_INVALID if failed else EXIT_OK
    figures = merged_figures(logs)
    if not figures:
        sys.stdout.write(f"No events recorded yet{_period(since, until)}.\n")
        return status
    for index, kiosk in enumerate(figures):
        sys.stdout.write(("\n" if index else "") + engagement_report(kiosk))
    written = write_table_and_chart(
        "stats", args.csv, lambda path: write_csv(figures, path), args.plot, lambda path: write_plot(figures[-1], path)
    )
    return status if written else EXIT_INVALID


def merged_figures(logs: Sequence[KioskLog]) -> list[Engagement]:
    """The figures of each kiosk (databases of one kiosk merged, by name), then of all together when more than one.

    An event found in two databases of one kiosk (the same file collected twice) counts once.
    """
    from kiosk.core.engagement import engagement

    by_kiosk: dict[str, dict[Event, None]] = {}
    for log in logs:
        by_kiosk.setdefault(log.kiosk, {}).update(dict.fromkeys(log.events))
    figures = [engagement(kiosk, events) for kiosk, events in sorted(by_kiosk.items()) if events]
    if len(figures) > 1:
        everything = [event for events in by_kiosk.values() for event in events]
        figures.append(engagement(f"All {len(figures)} kiosks", everything))
    return figures


def _period(since: date | None, until: date | None) -> str:
    if since and until:
        return f" from {since} to {until}"
    if since:
        return f" since {since}"
    return f" until {until}" if until else ""


def write_csv(figures: Sequence[Engagement], path: Path) -> None:
    """One row per kiosk and slide (then per slide for all kiosks together), for spreadsheets."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        merged = len(figures) > 1
        for index, kiosk in enumerate(figures):
            name = ALL_KIOSKS if merged and index == len(figures) - 1 else kiosk.kiosk
            for s in kiosk.slides:
                writer.writerow([
                    name, s.theme, s.slide, s.views, _decimal(s.median_dwell_s), _decimal(s.upper_quartile_dwell_s),
                    s.visits_reached, f"{s.reached_share:.3f}", s.left_from, f"{s.left_from_share:.3f}",
                    s.autoplay_shown, f"{s.autoplay_s:.1f}",
                ])  # fmt: skip


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def write_plot(figures: Engagement, path: Path) -> bool:
    """Draw dwell per slide and visits per hour into the PNG ``path`` offscreen; False when it cannot be written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a chart needs no display
    try:
        from kiosk.app import application
        from kiosk.ui.stats_plot import save_engagement_plot
    except ImportError:  # Qt or a system library it needs is missing: the tables and the CSV still stand
        return False
    application()
    return save_engagement_plot(figures, path)
