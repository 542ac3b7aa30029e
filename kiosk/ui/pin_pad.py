"""The exit keypad: a full-window overlay where staff type the PIN that ends kiosk mode."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.pin_lock import PinLock, PinResult
from kiosk.core.reach import ReachBand
from kiosk.core.strings import text
from kiosk.deck.schema import MAX_PIN_DIGITS
from kiosk.ui.palette import BACKGROUND_DEEP
from kiosk.ui.pin_card import PinCard, card_style
from kiosk.ui.scale import Scale

log = logging.getLogger(__name__)

INACTIVITY_TIMEOUT_S = 30.0
"""The keypad closes itself after this long without input, so a visitor cannot leave it up."""
LOCK_TICK_MS = 1000
DIM_OPACITY = 0.82

Key = Qt.Key
DIGIT_KEYS = {getattr(Key, f"Key_{n}"): str(n) for n in range(10)}
OK_KEYS = {Key.Key_Return, Key.Key_Enter}
KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease}
ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.Wheel,
}
"""Input that counts as someone still using the keypad."""
POINTER_EVENTS = ACTIVITY_EVENTS | {
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.TouchEnd,
}


class PinPad(QWidget):
    """Dims the window and asks for the exit PIN on big keys; takes all input while open.

    OK checks the entry with ``lock``: a right PIN emits ``accepted``; a wrong one
    says so and clears; a lockout disables the keys and counts down. Cancel,
    Escape or ``inactivity_s`` without input emit ``cancelled``. Either way the
    keypad hides itself. With ``offer_present`` (the booth) the right PIN first shows
    two choices: Exit emits ``accepted``, Present emits ``present_chosen``.
    """

    accepted = Signal()
    cancelled = Signal()
    present_chosen = Signal()

    def __init__(
        self,
        lock: PinLock,
        language: str,
        parent: QWidget,
        *,
        inactivity_s: float = INACTIVITY_TIMEOUT_S,
        offer_present: bool = False,
    ) -> None:
        super().__init__(parent)
        self.lock = lock
        self.offer_present = offer_present
        self.language = language
        self.inactivity_s = inactivity_s
        self.reach_band: Callable[[], ReachBand | None] = lambda: None
        """Where the keys go in reach mode (rows of the parent window), or None when reach mode is off."""
        self._entry = ""
        self._message_key: str | None = None
        self._disabled_logged = False
        self.card = PinCard(self)
        self.prompt, self.dots, self.message_line = self.card.prompt, self.card.dots, self.card.message_line
        self.digit_buttons = self.card.digit_buttons
        self.clear_button, self.ok_button = self.card.clear_button, self.card.ok_button
        self.cancel_button = self.card.cancel_button
        self.present_button, self.exit_button = self.card.present_button, self.card.exit_button
        self.present_button.clicked.connect(self.choose_present)
        self.exit_button.clicked.connect(self.choose_exit)
        for digit, button in self.digit_buttons.items():
            button.clicked.connect(self._digit_clicked(digit))
        self.clear_button.clicked.connect(self.backspace)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(round(inactivity_s * 1000))
        self._idle.timeout.connect(self._timed_out)
        self._lock_tick = QTimer(self)
        self._lock_tick.setInterval(LOCK_TICK_MS)
        self._lock_tick.timeout.connect(self._show_lock)
        self.set_language(language)
        # The dimmed backdrop takes the clicks, touches and wheel turns aimed at the slides beneath it.
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        self.hide()
        parent.installEventFilter(self)

    def _digit_clicked(self, digit: str) -> Callable[[], None]:
        return lambda: self.type_digit(digit)

    # -- public state -----------------------------------------------------------

    def is_open(self) -> bool:
        """True while the keypad is up."""
        return not self.isHidden()

    def message(self) -> str:
        """The message line shown under the dots ("" when there is none)."""
        return self.message_line.text()

    def is_choosing(self) -> bool:
        """True while the right PIN has been typed and the keypad offers Present and Exit."""
        return self.is_open() and self.card.choosing

    def entered_length(self) -> int:
        """How many digits have been typed so far."""
        return len(self._entry)

    def set_language(self, language: str) -> None:
        """Show the keypad's words in ``language``."""
        self.language = language
        self.prompt.setText(text("pin_choose" if self.card.choosing else "enter_pin", language))
        for button, key in ((self.present_button, "present_talk"), (self.exit_button, "exit_kiosk")):
            button.setText(text(key, language))
            button.setAccessibleName(text(key, language))
        self.cancel_button.setText(text("cancel", language))
        self.cancel_button.setAccessibleName(text("cancel", language))
        self.clear_button.setAccessibleName(text("delete_digit", language))
        self.ok_button.setAccessibleName(text("confirm_pin", language))
        self.dots.setAccessibleName(text("pin_entry", language))
        self.dots.setAccessibleDescription(text("digits_entered", language, count=len(self._entry)))
        self.setAccessibleName(self.prompt.text())
        if self._message_key == "locked_for":
            self._show_lock()
        else:
            self._set_message(self._message_key)

    # -- opening and closing ----------------------------------------------------

    def open(self) -> None:
        """Put the keypad up (again); with no PIN configured it only logs, once."""
        if not self.lock.enabled:
            if not self._disabled_logged:
                log.warning("the exit corner was held, but no exit PIN is set (kiosk.exit_pin or KIOSK_EXIT_PIN)")
                self._disabled_logged = True
            return
        if not self.is_open():
            self._set_entry("")
            self._set_message(None)
            self._show_lock()
            self.place()
            self.show()
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            log.info("exit keypad opened")
        self.raise_()
        self._idle.start()
        if self._is_locked():
            self._lock_tick.start()

    def cancel(self) -> None:
        """Close without leaving kiosk mode."""
        if self.is_open():
            self._close()
            log.info("exit keypad cancelled")
            self.cancelled.emit()

    def _timed_out(self) -> None:
        log.info("exit keypad closed after %g s without input", self.inactivity_s)
        self.cancel()

    def _close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle.stop()
        self._lock_tick.stop()
        self._set_entry("")
        self.hide()
        if self.card.choosing:
            self.card.show_choices(False)
            self.set_language(self.language)

    # -- entry ------------------------------------------------------------------

    def type_digit(self, digit: str) -> None:
        """Add ``digit`` to the entry (ignored while locked or when the entry is full)."""
        if self.card.choosing or self._is_locked() or len(self._entry) >= MAX_PIN_DIGITS:
            return
        if self._message_key == "wrong_pin":
            self._set_message(None)
        self._set_entry(self._entry + digit)

    def backspace(self) -> None:
        """Remove the last digit typed."""
        self._set_entry(self._entry[:-1])

    def submit(self) -> None:
        """Check the entry: accept, say it was wrong, or show the lockout."""
        if self.card.choosing or (not self._entry and not self._is_locked()):
            return
        result = self.lock.try_pin(self._entry)
        self._set_entry("")
        if result is PinResult.ACCEPTED and self.offer_present:
            self.card.show_choices(True)
            self.set_language(self.language)
            self.place()
            log.info("exit PIN accepted: offering Present and Exit")
        elif result is PinResult.ACCEPTED:
            self._close()
            self.accepted.emit()
        elif result is PinResult.WRONG:
            self._set_message("wrong_pin")
        elif result is PinResult.LOCKED:
            self._show_lock()
            self._lock_tick.start()
        else:
            self.cancel()

    def choose_present(self) -> None:
        """Present (only offered after the right PIN): close and emit ``present_chosen``."""
        if self.is_choosing():
            self._close()
            log.info("present chosen on the keypad")
            self.present_chosen.emit()

    def choose_exit(self) -> None:
        """Exit (only offered after the right PIN): close and emit ``accepted``."""
        if self.is_choosing():
            self._close()
            self.accepted.emit()

    def _set_entry(self, entry: str) -> None:
        self._entry = entry
        self.dots.show_count(len(entry))
        self.dots.setAccessibleDescription(text("digits_entered", self.language, count=len(entry)))

    def _set_message(self, key: str | None, **values: object) -> None:
        self._message_key = key
        self.message_line.setText(text(key, self.language, **values) if key else "")

    def _is_locked(self) -> bool:
        return self.lock.locked_remaining_s() > 0

    def _show_lock(self) -> None:
        remaining = self.lock.locked_remaining_s()
        locked = remaining > 0
        for button in (*self.digit_buttons.values(), self.clear_button, self.ok_button):
            button.setEnabled(not locked)
        if locked:
            self._set_message("locked_for", seconds=math.ceil(remaining))
        else:
            self._lock_tick.stop()
            self._set_message(None)

    # -- input ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        kind = event.type()
        if watched is self.parentWidget() and kind == QEvent.Type.Resize:
            self.place()
            return False
        if not self.is_open() or not isinstance(watched, QWidget):
            return False
        top = self.window()
        if watched is not top and not top.isAncestorOf(watched):
            return False
        if kind in KEY_EVENTS and isinstance(event, QKeyEvent):
            # Every key is used up here, so none reaches the slides' keyboard controls underneath.
            if kind == QEvent.Type.KeyPress:
                self._idle.start()
                self._key(event.key())
            return True
        if kind not in POINTER_EVENTS:
            return False
        if kind in ACTIVITY_EVENTS:
            self._idle.start()
        # Pointer input aimed beneath the keypad is used up: the release of the very hold
        # that opened it still goes to the widget that got the press, and must not turn the slide.
        return not (watched is self or self.isAncestorOf(watched))

    def _key(self, key: int) -> None:
        if key in DIGIT_KEYS:
            self.type_digit(DIGIT_KEYS[key])
        elif key == Key.Key_Backspace:
            self.backspace()
        elif key == Key.Key_Delete:
            self._set_entry("")
        elif key in OK_KEYS:
            self.submit()
        elif key == Key.Key_Escape:
            self.cancel()

    # -- drawing ----------------------------------------------------------------

    def place(self) -> None:
        """Cover the parent and lay the card out: keys beside the text on a wide screen, below it on a tall one."""
        parent = self.parentWidget()
        if parent is None:
            return
        width, height = max(1, parent.width()), max(1, parent.height())
        self.setGeometry(0, 0, width, height)
        self.card.lay_out(width, height, self.reach_band())
        self.setStyleSheet(card_style(Scale(width, height)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        dim = QColor(BACKGROUND_DEEP)
        dim.setAlphaF(DIM_OPACITY)
        painter.fillRect(self.rect(), dim)
