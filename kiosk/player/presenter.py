"""The presenter's timing and screens: a talk timer fed by the controller, its keys, its tick; draws nothing.

The audience window and the presenter console both follow the one controller;
the ``Presenter`` turns its position changes into a ``TalkTimer``'s visits,
handles P (pause) and R (reset) on every window it watches, ends the talk on
the first quit key, and ticks once a second so the console's clocks move.
``PresenterScreens`` puts the two windows on their screens and moves them when
screens come and go.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.core import strings
from kiosk.core.navigator import Position
from kiosk.core.rehearsals import PREVIOUS_FOR_TREND, RunComparison, Trend
from kiosk.core.talk_timer import SlideRecord, TalkTimer
from kiosk.player.controller import Motion, PlayerController

log = logging.getLogger(__name__)

TICK_MS = 1000
"""The console's clocks move once a second."""
ON_TIME_MARGIN_S = 30.0
"""Within this many seconds of the plan the talk reads "on time" (the pace is shown in whole minutes)."""


# -- pure helpers -------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenChoice:
    """Where the windows go: the audience window's screen (None: no audience window) and the console's."""

    audience: str | None
    console: str


def choose_screens(names: Sequence[str], primary: str, wanted_audience: str | None = None) -> ScreenChoice:
    """Screens by name for the audience window and the console.

    With two screens or more the audience gets ``wanted_audience`` when it is
    connected, else the first screen that is not the primary; the console gets
    the primary, or another screen when the audience has the primary. With one
    screen the console is alone on it.
    """
    if not names:
        return ScreenChoice(None, primary)
    console = primary if primary in names else names[0]
    if len(names) < 2:
        return ScreenChoice(None, console)
    if wanted_audience in names:
        audience = wanted_audience
    else:
        audience = next(name for name in names if name != console)
    if audience == console:
        console = next(name for name in names if name != audience)
    return ScreenChoice(audience, console)


def slide_targets(controller: PlayerController) -> dict[Hashable, float]:
    """Every slide's target in seconds, in the talk's order: its ``duration``, else the deck's auto-play time."""
    deck = controller.deck
    targets: dict[Hashable, float] = {}
    for position in controller.navigator.slides():
        assert position.theme is not None
        targets[position] = deck.slide_duration(deck.themes[position.theme].slides[position.slide])
    return targets


def clock_text(seconds: float) -> str:
    """A duration as ``m:ss`` (``h:mm:ss`` from an hour on), rounded down to the second."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def pace_sentence(pace_s: float, language: str) -> str:
    """The whole-talk pace as a sentence: on time within half a minute, else whole minutes behind or ahead."""
    if abs(pace_s) < ON_TIME_MARGIN_S:
        return strings.text("presenter_pace_on_time", language)
    minutes = max(1, round(abs(pace_s) / 60))
    key = "presenter_pace_behind" if pace_s > 0 else "presenter_pace_ahead"
    return strings.text(key, language, minutes=minutes)


TREND_KEYS = {
    Trend.TIGHTER: "presenter_trend_tighter",
    Trend.STEADY: "presenter_trend_steady",
    Trend.LONGER: "presenter_trend_longer",
}


def history_lines(comparison: RunComparison, language: str) -> list[str]:
    """How the run compares with the deck's earlier runs: the total against their mean and the trend, or that
    it is the first recorded run."""
    mean = comparison.previous_mean_total_s
    if comparison.trend is Trend.FIRST or mean is None:
        return [strings.text("presenter_first_run", language)]
    count = min(len(comparison.previous), PREVIOUS_FOR_TREND)
    total = clock_text(comparison.last.total_s)
    if count == 1:
        against = strings.text("presenter_previous_run", language, mean=clock_text(mean), time=total)
    else:
        against = strings.text("presenter_previous_runs", language, count=count, mean=clock_text(mean), time=total)
    return [against, strings.text(TREND_KEYS[comparison.trend], language)]


# -- the talk -----------------------------------------------------------------------


class Presenter(QObject):
    """Owns the talk timer, fed by the controller's position; P pauses, R resets, a quit key ends the talk."""

    timing_changed = Signal()
    """The timer was paused, resumed or reset, or the slide changed."""
    tick = Signal()
    """A second has passed: the clocks on screen move."""
    ended = Signal()
    """The talk is over (the first quit key, or the windows closing); ``records`` holds it."""

    def __init__(
        self,
        controller: PlayerController,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
        parent: QObject | None = None,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.now = now
        self.timer = TalkTimer(slide_targets(controller), clock)
        self.is_ended = False
        self.records: list[SlideRecord] = []
        self.on_end: list[Callable[[TalkTimer], RunComparison | None]] = []
        """Called once with the stopped timer when the talk ends (the rehearsal store); what one returns, how
        the run compares with the deck's earlier runs, goes into the summary."""
        self.comparison: RunComparison | None = None
        """The ended talk against the deck's earlier runs; None until recorded, or when it could not be."""
        self._ticker = QTimer(self)
        self._ticker.setInterval(tick_ms)
        self._ticker.timeout.connect(self.tick)
        controller.position_changed.connect(self._on_position)
        self._show(controller.position)

    def start(self) -> None:
        """Start the once-a-second tick."""
        self._ticker.start()

    def stop(self) -> None:
        """Stop the tick (the talk's times stay as they are)."""
        self._ticker.stop()

    def is_ticking(self) -> bool:
        """True while the once-a-second tick runs."""
        return self._ticker.isActive()

    def _show(self, position: Position) -> None:
        self.timer.show(None if position.is_home else position)

    def _on_position(self, _old: Position, new: Position, _motion: Motion) -> None:
        if self.is_ended:
            return
        self._show(new)
        self.timing_changed.emit()

    def toggle_pause(self) -> None:
        """Pause the talk's timer, or let it run again (P)."""
        if self.is_ended:
            return
        self.timer.toggle_pause()
        log.info("talk timer %s", "paused" if self.timer.paused else "running again")
        self.timing_changed.emit()

    def reset(self) -> None:
        """Start timing the talk again from zero, on the slide now shown (R)."""
        if self.is_ended:
            return
        self.timer.reset()
        self._show(self.controller.position)
        log.info("talk timer reset")
        self.timing_changed.emit()

    def end_talk(self) -> None:
        """End the talk once: stop the timer, keep its records, tell whoever records rehearsals."""
        if self.is_ended:
            return
        self.timer.pause()
        self.records = self.timer.records()
        self.is_ended = True
        self.stop()
        for record in self.on_end:
            try:
                comparison = record(self.timer)
            except Exception:  # a store that cannot write must not keep the presenter from closing
                log.exception("the talk could not be recorded")
                continue
            if comparison is not None:
                self.comparison = comparison
        for line in self.summary_lines(self.controller.language):
            log.info("talk summary: %s", line)
        self.ended.emit()

    # -- what the console shows ---------------------------------------------------------

    def slide_number(self, position: Position) -> int:
        """``position``'s number in the talk, from 1 (0 for the home screen)."""
        slides = self.controller.navigator.slides()
        return slides.index(position) + 1 if position in slides else 0

    def long_slides(self) -> list[SlideRecord]:
        """The slides that took longer than their target over the talk, in order."""
        records = self.records if self.is_ended else self.timer.records()
        return [record for record in records if record.spent_s > record.target_s]

    def summary_lines(self, language: str) -> list[str]:
        """The end-of-talk summary: the talk's time, each slide that ran long (or that none did), then how the talk
        compares with the deck's earlier runs once it is recorded."""
        lines = [strings.text("presenter_summary", language, time=clock_text(self.timer.elapsed_s()))]
        long = self.long_slides()
        for record in long:
            assert isinstance(record.key, Position)
            lines.append(
                strings.text(
                    "presenter_ran_long",
                    language,
                    number=self.slide_number(record.key),
                    spent=clock_text(record.spent_s),
                    target=clock_text(record.target_s),
                )
            )
        if not long:
            lines.append(strings.text("presenter_none_long", language))
        if self.comparison is not None:
            lines.extend(history_lines(self.comparison, language))
        return lines

    # -- keys ---------------------------------------------------------------------------

    def watch(self, window: QWidget) -> None:
        """Handle P, R and the first quit key on ``window``; call it after its KeyboardControls to see keys first."""
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, modifiers = event.key(), event.modifiers()
        if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            if not self.is_ended and _is_quit(key, modifiers):
                self.end_talk()
                return True
            return False
        if key == Qt.Key.Key_P:
            self.toggle_pause()
            return True
        if key == Qt.Key.Key_R:
            self.reset()
            return True
        if key == Qt.Key.Key_Escape and not self.is_ended:
            self.end_talk()  # the summary shows; the next Esc closes
            return True
        return False


def _is_quit(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    return (control and key in (Qt.Key.Key_Q, Qt.Key.Key_W)) or (alt and key == Qt.Key.Key_F4)


# -- screens ------------------------------------------------------------------------


class PresenterScreens(QObject):
    """Puts the audience window and the console on their screens, and moves them as screens come and go.

    A screen unplugged mid-talk never ends it: with one screen left the
    console stays (its current slide stands in for the audience view) and the
    audience window hides until a second screen is back.
    """

    def __init__(
        self, console: QWidget, audience: QWidget | None, wanted_audience: str | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.console = console
        self.audience = audience
        self.wanted_audience = wanted_audience
        self.choice: ScreenChoice | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self.screen_added)
            app.screenRemoved.connect(self.screen_removed)

    def place(self, screens: Sequence[QScreen] | None = None) -> ScreenChoice:
        """Show each window full screen on its screen among ``screens`` (default: every connected screen)."""
        screens = list(QGuiApplication.screens() if screens is None else screens)
        by_name = {screen.name(): screen for screen in screens}
        primary = QGuiApplication.primaryScreen()
        primary_name = primary.name() if primary is not None and primary.name() in by_name else ""
        choice = choose_screens(list(by_name), primary_name or next(iter(by_name), ""), self.wanted_audience)
        self.choice = choice
        if choice.console in by_name:
            _cover(self.console, by_name[choice.console])
        if self.audience is not None:
            if choice.audience is not None:
                _cover(self.audience, by_name[choice.audience])
            else:
                self.audience.hide()
        log.info("presenter console on %s; audience window on %s", choice.console, choice.audience or "no screen")
        return choice

    def screen_added(self, screen: QScreen) -> None:
        """A screen was plugged in: the audience window goes there when it had none, or back to the screen asked for."""
        log.info("screen %s added", screen.name())
        self.place()

    def screen_removed(self, screen: QScreen) -> None:
        """A screen was unplugged: place the windows on the screens left; the talk goes on."""
        remaining = [other for other in QGuiApplication.screens() if other is not screen]
        log.warning("screen %s removed; %d screen(s) left", screen.name(), len(remaining))
        if remaining:
            self.place(remaining)


def _cover(window: QWidget, screen: QScreen) -> None:
    """Show ``window`` full screen on ``screen``."""
    handle = window.windowHandle()
    if handle is not None:
        handle.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
