"""The display window: full screen on the chosen screen, cursor hidden, on top; or a normal window."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.core.access import AccessModes
from kiosk.player.controller import PlayerController
from kiosk.ui.navbar import NavBar
from kiosk.ui.palette import application_stylesheet, colours
from kiosk.ui.stage import SlideStage

log = logging.getLogger(__name__)

WINDOWED_SIZE = (1280, 720)
FrameObserver = Callable[[float], None]
"""Called after each painted frame with the seconds it took."""


class KioskWindow(QWidget):
    """Owns full screen, screen choice, cursor hiding and the kiosk lock; holds the stage."""

    resized = Signal()

    def __init__(
        self,
        controller: PlayerController,
        *,
        windowed: bool = False,
        screen_index: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.windowed = windowed
        self.frame_observers: list[FrameObserver] = []
        self._wanted_screen = self._screen_name(screen_index)
        self._quit_allowed = windowed
        self.setWindowTitle(controller.deck.title.get(controller.language, controller.deck.default_language))
        self._follow_contrast(controller.access)
        controller.access_changed.connect(self._follow_contrast)
        self.stage = SlideStage(controller, self)
        self.stage.theme_requested.connect(controller.theme)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage)
        self.navbar = NavBar(controller, auto_hide=not windowed, parent=self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screen_added)
            app.screenRemoved.connect(self._screen_removed)

    def _follow_contrast(self, modes: AccessModes) -> None:
        """The window's background, and in high contrast every control, menu and keypad on it, in the mode's colours.

        The application's style sheet stays as designed; the window's own sheet, which its children follow before the
        application's, carries the high-contrast one while that mode is on.
        """
        controls = application_stylesheet(high_contrast=True) if modes.high_contrast else ""
        self.setStyleSheet(f"{controls}\nKioskWindow {{ background: {colours(modes.high_contrast).background}; }}")

    # -- showing ------------------------------------------------------------

    def present(self) -> None:
        """Show the window: locked full screen in kiosk mode, a normal window otherwise."""
        if self.windowed:
            self.resize(*WINDOWED_SIZE)
            self.show()
            return
        self.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Window
        )
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        self._cover(self._target_screen())

    def _cover(self, screen: QScreen) -> None:
        """Cover ``screen`` whole: a bare X server or kiosk compositor ignores full-screen requests."""
        handle = self.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.setGeometry(screen.geometry())
        self.raise_()
        self.activateWindow()

    def toggle_full_screen(self) -> None:
        """In windowed mode, switch between full screen and a window."""
        if not self.windowed:
            return
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self.navbar.place(self.width(), self.height())
        self.resized.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt naming
        super().changeEvent(event)
        locked = not self.windowed and not self._quit_allowed
        if locked and event.type() == QEvent.Type.WindowStateChange and not self.isFullScreen():
            log.info("kiosk window left full screen; covering the screen again")
            QTimer.singleShot(0, lambda: self._cover(self._target_screen()))

    # -- screens ------------------------------------------------------------

    @staticmethod
    def _screen_name(index: int | None) -> str | None:
        screens = QGuiApplication.screens()
        if index is None or not screens:
            return None
        if not 0 <= index < len(screens):
            log.warning("there is no screen %d (screens: %d); using the primary screen", index, len(screens))
            return None
        return screens[index].name()

    def _target_screen(self) -> QScreen:
        for screen in QGuiApplication.screens():
            if screen.name() == self._wanted_screen:
                return screen
        return QGuiApplication.primaryScreen()

    def _screen_added(self, screen: QScreen) -> None:
        if not self.windowed and screen.name() == self._wanted_screen:
            log.info("screen %s is back; moving there", screen.name())
            self._cover(screen)

    def _screen_removed(self, screen: QScreen) -> None:
        if self.windowed or self.screen() is not screen:
            return
        remaining = [s for s in QGuiApplication.screens() if s is not screen]
        if remaining:
            log.warning("screen %s was removed; moving to %s", screen.name(), remaining[0].name())
            self._cover(remaining[0])

    # -- lock and frames ----------------------------------------------------

    def allow_quit(self) -> None:
        """Let the next close request through (the exit gesture or a service stop)."""
        self._quit_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        if self._quit_allowed:
            event.accept()
        else:
            log.info("close request ignored in kiosk mode")
            event.ignore()

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.UpdateRequest or not self.frame_observers:
            return super().event(event)
        start = time.perf_counter()
        handled = super().event(event)
        elapsed = time.perf_counter() - start
        for observer in self.frame_observers:
            observer(elapsed)
        return handled
