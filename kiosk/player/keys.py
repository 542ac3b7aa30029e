"""Keyboard and presentation clicker controls, mapped onto the controller.

Tab and Shift+Tab move the focus through the on-screen controls (a two-switch device sends Tab and Enter);
while a control has the focus, Enter and Space press it, and otherwise they turn the slide as ever.
T, C and R switch the display modes the accessibility menu offers: larger text, high contrast, reach mode.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from shiboken6 import Shiboken

from kiosk.player.controller import PlayerController


@functools.cache
def key_tables() -> dict[str, frozenset[Qt.Key] | dict[Qt.Key, int] | dict[Qt.Key, str]]:
    """The key groups, built at the first key press: touching Qt.Key builds a Python enum of
    several hundred members, which is start-up time a kiosk would spend before its first frame."""
    key = Qt.Key
    return {
        "next": frozenset(
            {key.Key_Right, key.Key_Down, key.Key_PageDown, key.Key_Space, key.Key_Return, key.Key_Enter}
        ),
        "previous": frozenset({key.Key_Left, key.Key_Up, key.Key_PageUp, key.Key_Backspace}),
        "themes": {getattr(key, f"Key_{n}"): n - 1 for n in range(1, 10)},
        "quit": frozenset({key.Key_Escape}),
        "press": frozenset({key.Key_Space, key.Key_Return, key.Key_Enter, key.Key_Select}),
        "access": {key.Key_T: "larger_text", key.Key_C: "high_contrast", key.Key_R: "reach"},
    }


@runtime_checkable
class PlayerWindow(Protocol):
    """What the keys need of the window beyond being a widget: its mode, and a way to switch it."""

    windowed: bool

    def toggle_full_screen(self) -> None:
        """Switch between full screen and a window (windowed mode only)."""


class KeyboardControls(QObject):
    """Turns key presses on the window into navigation; clickers send PageUp/PageDown or arrows."""

    def __init__(self, window: QWidget, controller: PlayerController) -> None:
        if not isinstance(window, PlayerWindow):
            raise TypeError(f"{type(window).__name__} has no windowed mode to switch")
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.toggle_speech: Callable[[], object] | None = None
        """What S does: turn reading aloud on or off (None where speech is unavailable)."""
        window.installEventFilter(self)
        # The window itself holds the focus until a Tab: else Qt would focus the first control on activation.
        window.setFocus(Qt.FocusReason.OtherFocusReason)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Keys go to the focused control, not the window: watch it too while it has the focus.
        if old is not None and old is not self.window and Shiboken.isValid(old):
            old.removeEventFilter(self)
        if new is not None and new is not self.window and self.window.isAncestorOf(new):
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Hide and watched is not self.window and isinstance(watched, QWidget):
            if watched.hasFocus():  # the control goes (its view left, the bar faded): Enter means Next again
                self.window.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is not self.window and self._press_focused(watched, event):
                return True
            action = self.action_for(event)
            if action is not None:
                action()
                return True
        return False

    def _press_focused(self, watched: QObject, event: QKeyEvent) -> bool:
        """Enter or Space on a control reached with Tab presses it; True when it did."""
        press_keys: frozenset[Qt.Key] = key_tables()["press"]  # type: ignore[assignment]
        if not isinstance(watched, QAbstractButton) or not watched.hasFocus() or event.isAutoRepeat():
            return False
        if Qt.Key(event.key()) not in press_keys or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        watched.click()
        return True

    def action_for(self, event: QKeyEvent) -> Callable[[], object] | None:
        """What a key press does, or None when the key means nothing here."""
        Key = Qt.Key  # noqa: N806 - reads like the enum it is
        tables = key_tables()
        next_keys, previous_keys, quit_keys = tables["next"], tables["previous"], tables["quit"]
        theme_keys: dict[Qt.Key, int] = tables["themes"]  # type: ignore[assignment]
        access_keys: dict[Qt.Key, str] = tables["access"]  # type: ignore[assignment]
        key = Key(event.key())
        modifiers = event.modifiers()
        controller = self.controller
        if modifiers & Qt.KeyboardModifier.ControlModifier and key in (Key.Key_Q, Key.Key_W):
            return self._quit
        if modifiers & Qt.KeyboardModifier.AltModifier and key == Key.Key_F4:
            return self._quit
        if key in next_keys:
            return controller.next
        if key in previous_keys:
            return controller.previous
        if key == Key.Key_Home:
            return controller.home
        if key == Key.Key_End:
            return controller.last
        if key in theme_keys and theme_keys[key] < len(controller.deck.themes):
            index = theme_keys[key]
            return lambda: controller.theme(index)
        if key == Key.Key_L:
            return controller.next_language
        if key == Key.Key_S and self.toggle_speech is not None:
            return self.toggle_speech
        held = modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        if key in access_keys and not held:
            mode = access_keys[key]
            return lambda: controller.toggle_access(mode)
        if key in (Key.Key_F, Key.Key_F11):
            return self.window.toggle_full_screen
        if key in quit_keys:
            return self._quit
        return None

    def _quit(self) -> None:
        """Quit in windowed mode; in kiosk mode the key is swallowed (the exit needs the gesture)."""
        if self.window.windowed:
            QApplication.quit()
