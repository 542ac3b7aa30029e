"""Engagement and proof of play: the player's signals turned into the analytics log's events; draws nothing.

A visit runs from the first input after auto-play (or after the previous visit, or since the start) to the
return to auto-play, or to quit. How the visitor reached a slide (``via``) is the kind of the last input
that navigated: the input side tells the recorder (``note_input``, ``gesture``) before it moves the controller.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

from kiosk.analytics_store import AnalyticsWriter, Event
from kiosk.core.attract import Phase
from kiosk.core.navigator import HOME, Position
from kiosk.core.swipe import Gesture
from kiosk.deck import DECK_FILE_NAME
from kiosk.deck.schema import Deck
from kiosk.player.attract_mode import AttractMode
from kiosk.player.autoplay import AutoPlayer
from kiosk.player.controller import Motion, PlayerController
from kiosk.player.input_hub import input_hub
from kiosk.player.last_good import deck_files

log = logging.getLogger(__name__)

VIA_SWIPE, VIA_TAP, VIA_KEY, VIA_BUTTON, VIA_HOME, VIA_AUTOPLAY = "swipe", "tap", "key", "button", "home", "autoplay"
"""How a slide was reached: a swipe or flick, a tap in an edge zone, a key or clicker, a button of the
navigation bar, a theme's tile on the home screen, or auto-play."""
ANALYTICS = 35
"""The input hub priority of the recorder: it only observes, after the closed-hours cover (which hides the
player) and before attract mode uses up the touch that wakes it."""
VISIT_STARTING_INPUT = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress, QEvent.Type.Wheel}
)
"""Inputs that begin a visit (a mouse moving over the window does not)."""


@dataclasses.dataclass(frozen=True)
class _ShownSlide:
    theme: str
    slide: int
    language: str
    via: str
    visit: int | None
    since: float


def deck_digest(deck: Deck) -> Callable[[], str]:
    """The deck's files hash as status.json reports it, computed when called (on the writer's thread)."""
    return lambda: deck_files(deck, deck.root / DECK_FILE_NAME).digest()


class EngagementRecorder(QObject):
    """Listens to the controller, auto-play, attract mode and the input side; writes events to ``writer``.

    ``clock`` gives Unix time (tests move a fake one).
    """

    def __init__(
        self,
        controller: PlayerController,
        autoplayer: AutoPlayer,
        writer: AnalyticsWriter,
        attract: AttractMode | None = None,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.autoplayer = autoplayer
        self.writer = writer
        self.clock = clock
        self.via = VIA_KEY
        """The kind of the last input that may navigate."""
        self._visits = 0
        self._visit: int | None = None
        self._visit_since = 0.0
        self._last_input = 0.0
        self._away_since: float | None = None
        """When the visitor had surely gone: set as auto-play is about to start, for the visit's last slide and end."""
        self._visitor_place: tuple[str | None, int | None] = (None, None)
        self._shown: _ShownSlide | None = None
        self._reentering_via: str | None = None
        self.attract = attract
        self._autoplaying = False
        self._closed = False
        controller.position_changed.connect(self._moved)
        controller.language_changed.connect(self._language_changed)
        controller.deck_changed.connect(self._deck_changed)
        if attract is not None:
            attract.woke.connect(self._woke)
            attract.autoplay_started.connect(self._autoplay_started)
            attract.autoplay_ended.connect(self._autoplay_ended)
        input_hub().add(self.eventFilter, ANALYTICS)
        self._record_deck(controller.deck)
        self._moved(HOME, controller.position, Motion.CUT)

    # -- the input side tells how ------------------------------------------------

    def note_input(self, via: str) -> None:
        """The next move, if any, is made by input of kind ``via`` (the navigation bar's buttons say so)."""
        self.via = via

    def gesture(self, gesture: Gesture, on_button: bool) -> None:
        """A pointer sequence ended as ``gesture``; ``on_button`` when a button under the finger takes it."""
        if gesture in (Gesture.NEXT, Gesture.PREVIOUS):
            self.via = VIA_SWIPE
        elif on_button and self.controller.position.is_home:
            self.via = VIA_HOME
        elif gesture is not Gesture.NONE:
            self.via = VIA_TAP

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if kind in VISIT_STARTING_INPUT and watched.isWidgetType():
            self._last_input = self.clock()
            if kind == QEvent.Type.KeyPress:
                self.via = VIA_KEY
            # During auto-play the input wakes the display: attract mode says so, and the visit starts then.
            if self._visit is None and not self.autoplayer.running:
                self._start_visit()
        return False

    def counters_done(self) -> None:
        """Every counter of the figures slide on screen reached its final value."""
        shown = self._shown
        if shown is not None:
            self._record("counter_done", theme=shown.theme, slide=shown.slide, visit=self._visit)

    # -- visits -----------------------------------------------------------------

    def _start_visit(self) -> None:
        self._visits += 1
        self._visit = self._visits
        self._visit_since = self.clock()
        self._record("visit_start", visit=self._visit)

    def walked_away(self) -> bool:
        """Auto-play is about to start: the visitor was gone by the time the "still there?" warning began.

        Nobody answered the warning, so its seconds are not counted on the visit's last slide
        nor in the visit's length (the idle time before it is: the visitor may have been reading).
        Always lets auto-play start (it is one of attract mode's ``before_autoplay`` checks).
        """
        if self._visit is not None:
            warning_s = self.controller.deck.attract.warning
            self._away_since = max(self._last_input, self._visit_since, self.clock() - warning_s)
        return True

    def _end_visit(self) -> None:
        if self._visit is None:
            return
        theme, slide = self._visitor_place
        end = self._away_since if self._away_since is not None else self.clock()
        self._record("visit_end", visit=self._visit, theme=theme, slide=slide, seconds=end - self._visit_since)
        self._visit = None
        self._away_since = None

    def _woke(self) -> None:
        if self._visit is None:
            self._start_visit()

    def _autoplay_started(self) -> None:
        self._end_visit()
        self._autoplaying = True
        self._record("autoplay_loop", language=self.controller.language)

    def _autoplay_ended(self) -> None:
        self._autoplaying = False

    # -- what is shown ----------------------------------------------------------

    def _moved(self, old: Position, new: Position, _motion: Motion) -> None:
        self._leave()
        autoplay = self.autoplayer.running
        via = VIA_AUTOPLAY if autoplay else self.via
        reentering, self._reentering_via = self._reentering_via, None
        if reentering is not None:
            via = reentering
        if new.is_home or new.theme is None:
            if not autoplay:
                self._visitor_place = (None, None)
            return
        deck = self.controller.deck
        theme_id, number = deck.themes[new.theme].id, new.slide + 1
        if not autoplay:
            self._visitor_place = (theme_id, number)
            if reentering is None and old.theme != new.theme and self._visit is not None:
                self._record("theme_enter", visit=self._visit, theme=theme_id, via=via)
        elif self._autoplaying and reentering is None and old != HOME:
            # Past the last slide auto-play starts over (its first loop is announced by attract mode).
            navigator = self.controller.navigator
            if new == navigator.following(HOME) and navigator.following(old) == HOME:
                self._record("autoplay_loop", language=self.controller.language)
        # The language the slide is shown in as it arrives: auto-play switches it just before a new loop.
        visit = None if autoplay else self._visit
        self._shown = _ShownSlide(theme_id, number, self.controller.language, via, visit, self.clock())

    def _leave(self) -> None:
        shown, self._shown = self._shown, None
        if shown is not None:
            self._record(
                "slide_view",
                visit=shown.visit,
                theme=shown.theme,
                slide=shown.slide,
                language=shown.language,
                via=shown.via,
                seconds=self._left_at(shown) - shown.since,
            )

    def _left_at(self, shown: _ShownSlide) -> float:
        """When ``shown`` was left: now, or, for a visit's last slide, when the visitor had gone."""
        now = self.clock()
        if shown.visit is not None and self._away_since is not None:
            return max(shown.since, min(now, self._away_since))
        return now

    def _language_changed(self, language: str) -> None:
        # Auto-play's own switches (also the one back to the first language as it begins) and a reloaded
        # deck's fallback are not a visitor's choice.
        starting_autoplay = self.attract is not None and self.attract.phase is Phase.AUTOPLAY
        if (
            self._visit is not None
            and not self.autoplayer.running
            and not starting_autoplay
            and not self._reentering_via
        ):
            self._record("language", visit=self._visit, language=language)

    def _deck_changed(self, deck: Deck) -> None:
        shown = self._shown
        self._leave()
        self._reentering_via = shown.via if shown is not None else self.via
        self._record_deck(deck)

    def _record_deck(self, deck: Deck) -> None:
        version = deck.version.get(deck.default_language, deck.default_language) or None
        self.writer.record(Event(self.clock(), "deck", deck_version=version, deck_hash=deck_digest(deck)))

    def _record(
        self,
        kind: str,
        *,
        visit: int | None = None,
        theme: str | None = None,
        slide: int | None = None,
        language: str | None = None,
        via: str | None = None,
        seconds: float | None = None,
    ) -> None:
        self.writer.record(Event(self.clock(), kind, visit, theme, slide, language, via, seconds))

    # -- quit -------------------------------------------------------------------

    def close(self) -> None:
        """At quit: the slide on screen is left, the visit ends, and everything queued is written."""
        if self._closed:
            return
        self._closed = True
        self._leave()
        self._end_visit()
        self.writer.close()
