"""What several commands share: the problems of a deck that did not load, `--lang`, and `--csv`/`--plot` files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.deck import Deck, LoadResult


def report_invalid_deck(deck_file: Path, result: LoadResult, point_to_validate: bool = True) -> None:
    """Write every problem of a deck that did not load to stderr, then (by default) where to find details."""
    for problem in result.problems:
        sys.stderr.write(f"{problem}\n")
    if point_to_validate:
        sys.stderr.write(f"{deck_file}: the deck is invalid; run `kiosk validate` for details\n")


def language_is_unknown(command: str, language: str | None, deck: Deck) -> bool:
    """True, with one usage error line on stderr, when ``--lang language`` names none of the deck's languages."""
    if language is None or language in deck.languages:
        return False
    sys.stderr.write(
        f"kiosk {command}: error: --lang {language}: the deck's languages are {', '.join(deck.languages)}\n"
    )
    return True


def write_table_and_chart(
    command: str,
    csv_path: Path | None,
    write_csv: Callable[[Path], None],
    plot_path: Path | None,
    write_plot: Callable[[Path], bool],
) -> bool:
    """Write the ``--csv`` table and the ``--plot`` chart that were asked for; False, with one error line, on failure.

    ``write_csv`` raises OSError when the file cannot be written; ``write_plot`` returns False.
    """
    if csv_path is not None:
        try:
            write_csv(csv_path)
        except OSError as exc:
            sys.stderr.write(f"kiosk {command}: error: cannot write {csv_path}: {exc.strerror}\n")
            return False
        sys.stdout.write(f"CSV written to {csv_path}\n")
    if plot_path is not None:
        if not write_plot(plot_path):
            sys.stderr.write(f"kiosk {command}: error: cannot write {plot_path}\n")
            return False
        sys.stdout.write(f"Chart written to {plot_path}\n")
    return True
