"""Where the visitor is in the deck: a pure state machine, no Qt.

A position is the home screen or one slide of one theme. Next and previous walk
the slides of every theme in order; past the last slide of the last theme (or
before the first slide of the first) lies the home screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    """The home screen (``theme is None``) or slide ``slide`` of theme ``theme``."""

    theme: int | None = None
    slide: int = 0

    @property
    def is_home(self) -> bool:
        """True for the home screen."""
        return self.theme is None


HOME = Position()
Listener = Callable[[Position, Position], None]


class Navigator:
    """Holds the current position for a deck whose themes have the given slide counts."""

    def __init__(self, slide_counts: Sequence[int], start: Position = HOME) -> None:
        self._counts = tuple(max(0, count) for count in slide_counts)
        self._position = start if self.is_valid(start) else HOME
        self._listeners: list[Listener] = []

    # -- queries ----------------------------------------------------------

    @property
    def position(self) -> Position:
        """Where the visitor is now."""
        return self._position

    @property
    def slide_counts(self) -> tuple[int, ...]:
        """How many slides each theme holds."""
        return self._counts

    def is_valid(self, position: Position) -> bool:
        """True when ``position`` exists in this deck."""
        if position.is_home:
            return position.slide == 0
        assert position.theme is not None
        return 0 <= position.theme < len(self._counts) and 0 <= position.slide < self._counts[position.theme]

    def slides(self) -> list[Position]:
        """Every slide position in reading order (home excluded)."""
        return [Position(theme, slide) for theme, count in enumerate(self._counts) for slide in range(count)]

    def following(self, position: Position) -> Position:
        """The position after ``position``: the next slide, the next theme, or home after the last."""
        order = self.slides()
        if position.is_home:
            return order[0] if order else HOME
        index = order.index(position) + 1
        return order[index] if index < len(order) else HOME

    def preceding(self, position: Position) -> Position:
        """The position before ``position``: home before the first slide, the last slide before home."""
        order = self.slides()
        if position.is_home:
            return order[-1] if order else HOME
        index = order.index(position) - 1
        return order[index] if index >= 0 else HOME

    # -- moves ------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(old, new)`` after every change of position."""
        self._listeners.append(listener)

    def go_to(self, position: Position) -> bool:
        """Move to ``position``; False (and no change) when it does not exist or is the current one."""
        if not self.is_valid(position) or position == self._position:
            return False
        old = self._position
        self._position = position
        for listener in list(self._listeners):
            listener(old, position)
        return True

    def next(self) -> bool:
        """Go forward one slide (into the next theme, or home after the last)."""
        return self.go_to(self.following(self._position))

    def previous(self) -> bool:
        """Go back one slide (into the previous theme, or home before the first)."""
        return self.go_to(self.preceding(self._position))

    def home(self) -> bool:
        """Go to the home screen."""
        return self.go_to(HOME)

    def theme(self, index: int) -> bool:
        """Go to the first slide of theme ``index``."""
        return self.go_to(Position(index, 0))

    def last(self) -> bool:
        """Go to the last slide of the deck."""
        order = self.slides()
        return bool(order) and self.go_to(order[-1])

    def replace_deck(self, slide_counts: Sequence[int], keep: Position | None = None, announce: bool = True) -> None:
        """Take a new deck's shape; stay at ``keep`` (default: here) when it still exists, else go home.

        With ``announce`` False the listeners are not called: the caller announces the change itself.
        """
        self._counts = tuple(max(0, count) for count in slide_counts)
        wanted = self._position if keep is None else keep
        old = self._position
        self._position = wanted if self.is_valid(wanted) else HOME
        if announce:
            for listener in list(self._listeners):
                listener(old, self._position)
