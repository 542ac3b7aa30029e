"""The one controller every view follows: position, language and deck, announced by signals."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from kiosk.core.access import AccessModes, visit_start_modes
from kiosk.core.navigator import HOME, Navigator, Position
from kiosk.deck.schema import Deck

log = logging.getLogger(__name__)


class Motion(enum.Enum):
    """How a change of slide is shown."""

    FORWARD = "forward"  # push towards the left
    BACKWARD = "backward"  # push towards the right
    FADE = "fade"  # cross-fade, for auto-play and jumps
    CUT = "cut"  # no animation


def slide_counts(deck: Deck) -> list[int]:
    """The navigator's view of a deck: how many slides each theme has."""
    return [len(theme.slides) for theme in deck.themes]


class HomePages(Protocol):
    """The pages of the home screen: Next and Previous turn them before they leave home."""

    def has_next_page(self) -> bool: ...
    def has_previous_page(self) -> bool: ...
    def next_page(self) -> None: ...
    def previous_page(self) -> None: ...


class PlayerController(QObject):
    """Owns the navigator and the language; views listen to its signals and never to each other."""

    position_changed = Signal(Position, Position, Motion)
    """(old, new, how it is shown): after every move, and after a new deck even where the position stays."""
    language_changed = Signal(str)
    """The new language, only when it changes."""
    deck_changed = Signal(Deck)
    """The new deck, before the position and language it brings are announced."""
    access_changed = Signal(AccessModes)
    """The visitor's display modes (reach, larger text, high contrast), only when they change."""
    motion_reduced = Signal(Deck)
    """The same deck, now with reduced motion (the platform asked for it after the start); not a new deck."""

    def __init__(self, deck: Deck, language: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.language = language if language in deck.languages else deck.default_language
        self.navigator = Navigator(slide_counts(deck))
        self.platform_high_contrast = False
        """Set by whoever reads the platform's accessibility settings: every visit then starts in high contrast."""
        self.reduced_motion_asked = False
        """True once the platform or the command line asked for reduced motion: every deck, reloaded ones too, then
        plays with it."""
        self.access = visit_start_modes(deck.accessibility)
        self._motion = Motion.CUT
        self.home_pages: Callable[[], HomePages | None] | None = None
        """Gives the home screen's pages while it is shown (set by whoever shows it)."""
        self.navigator.subscribe(self._announce)

    @property
    def position(self) -> Position:
        """The current position."""
        return self.navigator.position

    def _announce(self, old: Position, new: Position) -> None:
        self.position_changed.emit(old, new, self._motion)

    def _move(self, motion: Motion, action: Callable[[], bool]) -> bool:
        self._motion = motion
        try:
            return action()
        finally:
            self._motion = Motion.CUT

    def turns_home_page(self, forward: bool) -> bool:
        """True when Next (``forward``) or Previous would turn a page of the home screen instead of leaving it."""
        return self._home_pages_to_turn(forward) is not None

    def _home_pages_to_turn(self, forward: bool) -> HomePages | None:
        pages = self.home_pages() if self.home_pages is not None and self.position.is_home else None
        if pages is None or not (pages.has_next_page() if forward else pages.has_previous_page()):
            return None
        return pages

    def next(self) -> bool:
        """One slide forward; on the home screen first its next page, when there is one."""
        pages = self._home_pages_to_turn(forward=True)
        if pages is not None:
            pages.next_page()
            return True
        return self._move(Motion.FORWARD, self.navigator.next)

    def previous(self) -> bool:
        """One slide back; on the home screen first its previous page, when there is one."""
        pages = self._home_pages_to_turn(forward=False)
        if pages is not None:
            pages.previous_page()
            return True
        return self._move(Motion.BACKWARD, self.navigator.previous)

    def home(self) -> bool:
        """To the home screen."""
        return self._move(Motion.FADE, self.navigator.home)

    def theme(self, index: int) -> bool:
        """To the first slide of theme ``index``."""
        return self._move(Motion.FADE, lambda: self.navigator.theme(index))

    def last(self) -> bool:
        """To the last slide."""
        return self._move(Motion.FADE, self.navigator.last)

    def go_to(self, position: Position, motion: Motion = Motion.FADE) -> bool:
        """To ``position`` with ``motion``."""
        return self._move(motion, lambda: self.navigator.go_to(position))

    def advance_autoplay(self) -> bool:
        """The next slide of auto-play: every slide in order, looping past the end without home."""
        following = self.navigator.following(self.position)
        if following == HOME:
            following = self.navigator.following(HOME)
        return self.go_to(following, Motion.FADE)

    def set_language(self, language: str) -> None:
        """Switch every text and number format to ``language`` (one the deck declares)."""
        if language in self.deck.languages and language != self.language:
            self.language = language
            self.language_changed.emit(language)

    def next_language(self) -> str:
        """Switch to the deck's next language, wrapping round; returns it."""
        languages = self.deck.languages
        self.set_language(languages[(languages.index(self.language) + 1) % len(languages)])
        return self.language

    def set_access(self, modes: AccessModes) -> None:
        """Switch the visitor's display modes; every view follows."""
        if modes != self.access:
            self.access = modes
            self.access_changed.emit(modes)

    def toggle_access(self, mode: str) -> None:
        """Switch one display mode ("reach", "larger_text" or "high_contrast") on or off."""
        self.set_access(self.access.toggled(mode))

    def end_visit_access(self) -> None:
        """The visitor has gone: the next visit starts in the deck's (and the platform's) modes."""
        self.set_access(visit_start_modes(self.deck.accessibility, self.platform_high_contrast))

    def reduce_motion(self) -> None:
        """The platform or the command line asks for reduced motion: the same deck plays on without counting or sliding
        (not a reload), and so does every deck reloaded after it."""
        self.reduced_motion_asked = True
        if not self.deck.reduced_motion:
            self.deck = replace(self.deck, reduced_motion=True)
            self.motion_reduced.emit(self.deck)

    def replace_deck(self, deck: Deck) -> None:
        """Play ``deck`` from now on, staying on the same theme (by id) and slide where they still exist."""
        if self.reduced_motion_asked:
            deck = replace(deck, reduced_motion=True)
        keep = self._same_place_in(deck)
        old = self.position
        # The whole new state is in place before anyone hears of it: listeners read both.
        self.deck = deck
        self.navigator.replace_deck(slide_counts(deck), keep, announce=False)
        language_changed = self.language not in deck.languages
        if language_changed:
            self.language = deck.default_language
        self.deck_changed.emit(deck)
        if language_changed:
            self.language_changed.emit(self.language)
        self.position_changed.emit(old, self.position, Motion.CUT)

    def _same_place_in(self, deck: Deck) -> Position:
        position = self.position
        if position.theme is None:
            return HOME
        theme_id = self.deck.themes[position.theme].id
        for index, theme in enumerate(deck.themes):
            if theme.id == theme_id and theme.slides:
                return Position(index, min(position.slide, len(theme.slides) - 1))
        return HOME
