"""Keyboard and presentation clicker controls, mapped onto the controller."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.player.controller import PlayerController
from kiosk.ui.window import KioskWindow

Key = Qt.Key
NEXT_KEYS = {Key.Key_Right, Key.Key_Down, Key.Key_PageDown, Key.Key_Space, Key.Key_Return, Key.Key_Enter}
PREVIOUS_KEYS = {Key.Key_Left, Key.Key_Up, Key.Key_PageUp, Key.Key_Backspace}
THEME_KEYS = {getattr(Key, f"Key_{n}"): n - 1 for n in range(1, 10)}
QUIT_KEYS = {Key.Key_Escape}


class KeyboardControls(QObject):
    """Turns key presses on the window into navigation; clickers send PageUp/PageDown or arrows."""

    def __init__(self, window: KioskWindow, controller: PlayerController) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            action = self.action_for(event)
            if action is not None:
                action()
                return True
        return False

    def action_for(self, event: QKeyEvent) -> Callable[[], object] | None:
        """What a key press does, or None when the key means nothing here."""
        key = Key(event.key())
        modifiers = event.modifiers()
        controller = self.controller
        if modifiers & Qt.KeyboardModifier.ControlModifier and key in (Key.Key_Q, Key.Key_W):
            return self._quit
        if modifiers & Qt.KeyboardModifier.AltModifier and key == Key.Key_F4:
            return self._quit
        if key in NEXT_KEYS:
            return controller.next
        if key in PREVIOUS_KEYS:
            return controller.previous
        if key == Key.Key_Home:
            return controller.home
        if key == Key.Key_End:
            return controller.last
        if key in THEME_KEYS and THEME_KEYS[key] < len(controller.deck.themes):
            index = THEME_KEYS[key]
            return lambda: controller.theme(index)
        if key == Key.Key_L:
            return controller.next_language
        if key in (Key.Key_F, Key.Key_F11):
            return self.window.toggle_full_screen
        if key in QUIT_KEYS:
            return self._quit
        return None

    def _quit(self) -> None:
        """Quit in windowed mode; in kiosk mode the key is swallowed (the exit needs the gesture)."""
        if self.window.windowed:
            QApplication.quit()
