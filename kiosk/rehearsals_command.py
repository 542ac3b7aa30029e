"""``kiosk rehearsals``: the last recorded run against its targets and earlier runs, as text, CSV and a PNG chart."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.command_checks import write_table_and_chart
from kiosk.core.rehearsals import RehearsalRun, compare, comparison_table
from kiosk.deck import deck_file_for
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK
from kiosk.paths import data_folder
from kiosk.rehearsal_store import DATABASE_NAME, RehearsalStore, RehearsalStoreError

CSV_COLUMNS = (
    "run_id", "started_at", "ended_at", "deck_title", "deck_path", "language", "run_total_s",
    "slide", "heading", "target_s", "spent_s", "over_s", "visits",
)  # fmt: skip


def rehearsals_command(args: argparse.Namespace) -> int:
    """Print the comparison, and write the CSV and the chart when asked; returns the exit code."""
    store = RehearsalStore(data_folder() / DATABASE_NAME)
    try:
        newest = store.runs(limit=1)
        deck_path = _deck_identity(args.deck) if args.deck is not None else (newest[0].deck_path if newest else None)
        runs = store.runs(limit=args.last, deck_path=deck_path) if deck_path is not None else []
        others = len(store.runs()) - len(store.runs(deck_path=deck_path)) if runs and args.deck is None else 0
    except RehearsalStoreError as exc:
        sys.stderr.write(f"kiosk rehearsals: error: {exc}\n")
        return EXIT_INVALID
    if not runs:
        where = f" for {args.deck}" if args.deck is not None else ""
        sys.stdout.write(f"No rehearsal recorded yet{where}: 'kiosk present' records every run.\n")
        return EXIT_OK
    sys.stdout.write(comparison_table(compare(runs)))
    if others:
        shown = "1 run of another deck is" if others == 1 else f"{others} runs of other decks are"
        sys.stdout.write(f"({shown} not shown: choose a deck with --deck.)\n")
    written = write_table_and_chart(
        "rehearsals", args.csv, lambda path: write_csv(runs, path), args.plot, lambda path: write_plot(runs, path)
    )
    return EXIT_OK if written else EXIT_INVALID


def _deck_identity(deck: Path) -> str:
    """The identity runs of ``deck`` (a folder or its deck.yaml) were recorded under: its folder's absolute path."""
    return str(deck_file_for(deck).parent.resolve())


def write_csv(runs: Sequence[RehearsalRun], path: Path) -> None:
    """One row per run and slide, oldest run first, for spreadsheets."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        for run in reversed(runs):
            for slide in run.slides:
                writer.writerow([
                    run.id, run.started_at.isoformat(), run.ended_at.isoformat(), run.deck_title, run.deck_path,
                    run.language, f"{run.total_s:.1f}", slide.key, slide.heading, f"{slide.target_s:.1f}",
                    f"{slide.spent_s:.1f}", f"{slide.spent_s - slide.target_s:.1f}", slide.visits,
                ])  # fmt: skip


def write_plot(runs: Sequence[RehearsalRun], path: Path) -> bool:
    """Draw the chart of ``runs`` (newest first) into the PNG ``path`` offscreen; False when it cannot be written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a chart needs no display
    from kiosk.app import application
    from kiosk.ui.rehearsal_plot import save_rehearsal_plot

    application()
    return save_rehearsal_plot(runs, path)
