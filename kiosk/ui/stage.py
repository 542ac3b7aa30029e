"""The stage: shows the current slide, builds only it and its neighbours, and runs transitions."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.navigator import Position
from kiosk.player.controller import Motion, PlayerController
from kiosk.player.ready_wait import ReadyWait
from kiosk.ui.home import HomeView
from kiosk.ui.slides import SlideView, create_slide_view
from kiosk.ui.snapshot import TransitionPictures, painted_picture, picture_of, prepare_first_paint
from kiosk.ui.transitions import PUSH_MS, TransitionOverlay, duration_ms

log = logging.getLogger(__name__)

View = SlideView | HomeView
PREPARE_DELAY_MS = 60
"""Neighbours are built this long after a slide settles: never between the app's start and its first frame."""


class _Drag:
    """A slide being dragged by a finger or the mouse: pictures taken once at the start."""

    def __init__(self, current: QImage) -> None:
        self.current = current
        self.neighbours: dict[Motion, QImage] = {}
        self.motion = Motion.CUT
        self.progress = 0.0


class SlideStage(QWidget):
    """Follows the controller's position; only the current slide and its neighbours exist as widgets."""

    theme_requested = Signal(int)
    transition_finished = Signal(Position)
    """The position now shown, once its transition has ended."""

    def __init__(self, controller: PlayerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.time_scale = 1.0
        self._views: dict[Position, View] = {}
        self._shown = controller.position
        self.overlay = TransitionOverlay(self)
        self._pictures = TransitionPictures(self)
        self.overlay.finished.connect(self._transition_done)
        self.overlay.snapped_back.connect(self._snapped_back)
        self._drag: _Drag | None = None
        controller.position_changed.connect(self._on_position)
        controller.language_changed.connect(self._on_language)
        controller.deck_changed.connect(self._on_deck)
        controller.access_changed.connect(self._on_access)
        controller.motion_reduced.connect(self._on_access)  # views hold the deck: rebuilt with its reduced motion
        self._prepare = QTimer(self)
        self._prepare.setSingleShot(True)
        self._prepare.timeout.connect(self._prepare_neighbours)
        self._ready_wait = ReadyWait(self)  # a video's first frame is decoded before its transition starts
        controller.home_pages = self.home_pages
        self._show_at_once(self._shown)

    # -- queries ----------------------------------------------------------

    @property
    def shown_position(self) -> Position:
        """The position whose view is on screen (the target while a transition runs)."""
        return self._shown

    def current_view(self) -> View:
        """The view on screen."""
        return self.view_for(self._shown)

    def live_views(self) -> dict[Position, View]:
        """The views that exist now (the current one and its neighbours)."""
        return dict(self._views)

    def is_transitioning(self) -> bool:
        """True while a transition is running."""
        return self.overlay.is_running()

    def shows_placeholder(self) -> bool:
        """True when the slide on screen could not be built and a neutral one stands in for it."""
        return bool(getattr(self.current_view(), "is_placeholder", False))

    def busy_s(self) -> float:
        """Seconds until the current slide's transition and animations end."""
        return self.current_view().busy_s()

    def home_pages(self) -> HomeView | None:
        """The home view while it is on screen: Next and Previous turn its pages before leaving it."""
        view = self._views.get(self._shown)
        return view if isinstance(view, HomeView) else None

    # -- views ------------------------------------------------------------

    def view_for(self, position: Position) -> View:
        """The view of ``position``, built when it does not exist yet."""
        view = self._views.get(position)
        if view is None:
            view = self._build(position)
            view.setGeometry(self.rect())
            view.hide()
            self._views[position] = view
        return view

    def _build(self, position: Position) -> View:
        deck, language = self.controller.deck, self.controller.language
        if position.is_home:
            home = HomeView(deck, language, self, access=self.controller.access)
            home.theme_chosen.connect(self.theme_requested)
            return home
        assert position.theme is not None
        theme = deck.themes[position.theme]
        return create_slide_view(
            deck, theme, theme.slides[position.slide], language, self, access=self.controller.access
        )

    def _neighbours(self, position: Position) -> set[Position]:
        navigator = self.controller.navigator
        return {position, navigator.following(position), navigator.preceding(position)}

    def _prune(self) -> None:
        keep = self._neighbours(self._shown)
        for position in list(self._views):
            if position not in keep:
                view = self._views.pop(position)
                view.hide()
                view.deleteLater()

    def _prepare_neighbours(self) -> None:
        for position in self._neighbours(self._shown):
            self.view_for(position)

    # -- changes ----------------------------------------------------------

    def _show_at_once(self, position: Position) -> None:
        self.overlay.finish_now()
        for other in self._views.values():
            other.hide()
        self._shown = position
        view = self.view_for(position)
        view.leave()
        view.show()
        view.enter(self.time_scale)
        self._prune()
        self._prepare.start(round(PREPARE_DELAY_MS * self.time_scale))

    # -- dragging -----------------------------------------------------------

    def drag_to(self, offset_px: float) -> None:
        """Let the slide follow a finger ``offset_px`` to the right (negative: to the left)."""
        if self.overlay.is_running() and self._drag is None:
            self.overlay.finish_now()
        if self._drag is None:
            self._drag = _Drag(picture_of(self.current_view()))
        drag = self._drag
        motion = Motion.FORWARD if offset_px < 0 else Motion.BACKWARD
        if motion not in drag.neighbours:
            navigator = self.controller.navigator
            target = navigator.following(self._shown) if motion is Motion.FORWARD else navigator.preceding(self._shown)
            view = self.view_for(target)
            self._ready(view)
            drag.neighbours[motion] = painted_picture(view)
        drag.motion = motion
        drag.progress = min(1.0, abs(offset_px) / max(1, self.width()))
        self.overlay.show_frame(drag.current, drag.neighbours[motion], motion, drag.progress)

    def drag_release(self) -> None:
        """The finger let go without turning the slide: it slides back into place."""
        if self._drag is not None:
            self.overlay.snap_back(PUSH_MS * self.time_scale)

    def is_dragging(self) -> bool:
        """True while a slide follows a finger or returns to its place."""
        return self._drag is not None

    def _snapped_back(self) -> None:
        self._drag = None

    def _finish_from_drag(self, new: Position, motion: Motion) -> bool:
        """Complete a drag that turned the slide, starting where the finger left it."""
        drag, self._drag = self._drag, None
        if drag is None or drag.motion is not motion or motion not in drag.neighbours:
            self.overlay.cancel()
            return False
        old_view = self.current_view()
        new_view = self.view_for(new)
        old_view.leave()
        old_view.hide()
        self._ready(new_view)
        new_view.show()
        self._shown = new
        duration = duration_ms(motion, self.controller.deck.reduced_motion, self.time_scale)
        self.overlay.start(drag.current, drag.neighbours[motion], motion, duration, drag.progress)
        return True

    # -- changes ----------------------------------------------------------

    def _ready(self, view: View) -> None:
        """Put a view in the state it shows as it arrives: counters at their start, or final with reduced motion."""
        view.leave()
        if self.controller.deck.reduced_motion:
            view.finish_animations()

    def _on_position(self, old: Position, new: Position, motion: Motion, waited: bool = False) -> None:
        if self._ready_wait.cancel():
            old = self._shown  # the slide still on screen while the one we waited for was being prepared
        self._prepare.stop()
        if self._drag is not None and self._finish_from_drag(new, motion):
            return
        self.overlay.finish_now()
        self._prepare.stop()  # finishing the last transition asked for neighbours of a slide we are leaving
        if new == self._shown and motion is not Motion.CUT:
            return
        reduced = self.controller.deck.reduced_motion
        if reduced and motion is not Motion.CUT:
            motion = Motion.FADE
        duration = duration_ms(motion, reduced, self.time_scale)
        if duration <= 0 or not self.isVisible() or old not in self._views:
            self._show_at_once(new)
            self.transition_finished.emit(new)
            return
        old_view = self._views[old]
        new_view = self.view_for(new)
        if not waited and self._ready_wait.wait(new_view, lambda: self._on_position(old, new, motion, waited=True)):
            return
        self._ready(new_view)
        before = self._pictures.shown(old_view)
        prepare_first_paint(new_view)  # its background and large texts made now, not in the transition's first frame
        old_view.leave()
        old_view.hide()
        new_view.show()
        self._shown = new
        self.overlay.start_over(before, new_view, motion, duration)

    def _transition_done(self) -> None:
        view = self.current_view()
        view.enter(self.time_scale)
        self._prune()
        self._prepare.start(round(PREPARE_DELAY_MS * self.time_scale))
        self.transition_finished.emit(self._shown)

    def _on_language(self, language: str) -> None:
        for view in self._views.values():
            view.set_language(language)

    def _on_deck(self, deck: object) -> None:
        """A new deck: every view is rebuilt (the position is restored by the controller)."""
        self._drag = None
        self._ready_wait.cancel()
        self.overlay.cancel()
        for view in self._views.values():
            view.hide()
            view.deleteLater()
        self._views.clear()

    def _on_access(self, modes: object) -> None:
        """Larger text, high contrast or reach mode switched: every view is rebuilt in the new modes, in place."""
        self._on_deck(self.controller.deck)
        self._show_at_once(self._shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        for view in self._views.values():
            view.setGeometry(self.rect())
        self._drag = None
        self.overlay.finish_now()
        super().resizeEvent(event)
