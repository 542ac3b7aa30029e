"""Checks the commands that open a deck share: every problem of a deck that did not load, and ``--lang``."""

from __future__ import annotations

import sys
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
