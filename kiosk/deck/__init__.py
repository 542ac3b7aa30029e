"""The deck model: loading, validating and describing a deck (plain Python, no Qt).

Everything a deck is and how its files are read and checked lives here: the safe YAML
loader, the model (schema), the field tables (FieldSpec, the source of the README tables
and the JSON Schema), the builder that validates, and localised text. Modules here import only the
standard library, PyYAML and each other: nothing from the rest of kiosk, and no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.deck.builder import DeckBuilder
from kiosk.deck.errors import DeckError, Mark, Problem, Severity
from kiosk.deck.schema import Deck
from kiosk.deck.text import LocalizedText

DECK_FILE_NAME = "deck.yaml"

__all__ = [
    "Deck",
    "DeckError",
    "LoadResult",
    "LocalizedText",
    "Mark",
    "Problem",
    "Severity",
    "deck_file_for",
    "load_deck",
]


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading a deck: the deck when it is valid, and every problem found."""

    deck: Deck | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that make the deck invalid."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that do not (notices, which only inform, are neither)."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    def require(self) -> Deck:
        """The deck, or DeckError carrying every problem."""
        if self.deck is None:
            raise DeckError(self.errors or self.problems)
        return self.deck


def deck_file_for(path: Path) -> Path:
    """The deck.yaml that ``path`` names: the file itself or the one inside a folder."""
    return path / DECK_FILE_NAME if path.is_dir() else path


def load_deck(path: Path) -> LoadResult:
    """Load and validate the deck at ``path`` (a folder or its deck.yaml); never raises for bad content."""
    builder = DeckBuilder(deck_file_for(Path(path)))
    deck = builder.build()
    files = [builder.display_name(builder.deck_file), *(p.mark.file for p in builder.problems)]
    order = {name: index for index, name in enumerate(dict.fromkeys(files))}
    problems = sorted(builder.problems, key=lambda p: (order[p.mark.file], p.mark.line, p.mark.column))
    if any(p.is_error for p in problems):
        deck = None
    return LoadResult(deck, tuple(problems))
