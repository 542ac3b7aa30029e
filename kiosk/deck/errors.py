"""Problems found in a deck, each tied to a file, a line and a column."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How bad a problem is: errors make a deck invalid, warnings do not; a notice only informs."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Mark:
    """A position in a deck file; line and column count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One message for a deck author, printed as ``FILE:LINE:COL: error: MESSAGE``."""

    mark: Mark
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.mark}: {self.severity.value}: {one_line(self.message)}"

    @property
    def is_error(self) -> bool:
        """True when this problem makes the deck invalid."""
        return self.severity is Severity.ERROR


def one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped, so a message stays on one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class DeckError(Exception):
    """A deck (or one of its files) that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
