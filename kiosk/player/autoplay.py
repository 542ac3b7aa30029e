"""Auto-play: every slide of every theme in order, looping, each for its duration (a video slide: to its end)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, QTimer, SignalInstance

from kiosk.core.navigator import HOME
from kiosk.deck.schema import VideoSlide
from kiosk.player import video_support
from kiosk.player.controller import Motion, PlayerController

VIDEO_CHECK_S = 0.5
"""A video slide without a duration of its own is asked this soon how much of its clip is left to play."""
ANIMATION_BUDGET_S = 4.0
"""Seconds a slide's transition and counters take at full speed; shorter slides compress them."""


def time_scale_for(slide_duration_s: float | None) -> float:
    """How much to speed up transitions and counters so they fit in ``slide_duration_s``."""
    if slide_duration_s is None:
        return 1.0
    return min(1.0, slide_duration_s / ANIMATION_BUDGET_S)


@runtime_checkable
class PlayingStage(Protocol):
    """What auto-play needs of the stage: when a slide has arrived, how long it stays busy, and its speed."""

    transition_finished: SignalInstance
    time_scale: float

    def busy_s(self) -> float:
        """Seconds until the slide on show has finished animating."""

    def shows_placeholder(self) -> bool:
        """True when the slide on show could not be built."""


class AutoPlayer(QObject):
    """Advances the controller on a timer; never cuts a counter animation short."""

    def __init__(self, controller: PlayerController, stage: QObject, slide_duration_s: float | None = None) -> None:
        if not isinstance(stage, PlayingStage):
            raise TypeError(f"{type(stage).__name__} cannot play slides")
        super().__init__(stage)
        self.controller = controller
        self.stage = stage
        self.slide_duration_s = slide_duration_s
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._advance)
        self.running = False
        stage.transition_finished.connect(self._schedule)

    def start(self) -> None:
        """Go back to the start and play: the first slide of the first theme, then on."""
        self.running = True
        self.stage.time_scale = time_scale_for(self.slide_duration_s)
        first = self.controller.navigator.following(HOME)
        if not self.controller.go_to(first, Motion.FADE):
            self._schedule()

    def stop(self) -> None:
        """Stop playing; the slide on screen stays."""
        self.running = False
        self._timer.stop()
        self.stage.time_scale = 1.0

    def _current_duration_s(self) -> float:
        if self.slide_duration_s is not None:
            return self.slide_duration_s
        position = self.controller.position
        if position.is_home or position.theme is None:
            return self.controller.deck.attract.slide_duration
        slide = self.controller.deck.themes[position.theme].slides[position.slide]
        if isinstance(slide, VideoSlide) and slide.duration is None and not slide.loop and video_support.multimedia():
            return VIDEO_CHECK_S  # a clip plays to its end: the stage's busy time says how long it has left
        return self.controller.deck.slide_duration(slide)

    def _schedule(self, *_: object) -> None:
        if not self.running:
            return
        if self.stage.shows_placeholder():
            self._timer.start(0)  # a slide that could not be built is skipped
        else:
            self._timer.start(round(self._current_duration_s() * 1000))

    def _advance(self) -> None:
        if not self.running:
            return
        busy = self.stage.busy_s()
        if busy > 0:
            self._timer.start(max(1, round(busy * 1000)))
            return
        wraps = self.controller.navigator.following(self.controller.position) == HOME
        if wraps and self.controller.deck.attract.rotate_languages:
            self.controller.next_language()
        if not self.controller.advance_autoplay():
            self._schedule()  # a one-slide deck: nowhere to go, so no transition will re-arm the timer
