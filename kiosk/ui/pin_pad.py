"""The exit keypad: a full-window overlay where staff type the PIN that ends kiosk mode."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QFrame, QPushButton, QWidget

from kiosk.core.pin_lock import PinLock, PinResult
from kiosk.core.strings import text
from kiosk.deck.schema import MAX_PIN_DIGITS
from kiosk.ui.fit_text import FitText
from kiosk.ui.icons import icon
from kiosk.ui.palette import (
    ALERT_TEXT,
    BACKGROUND,
    BACKGROUND_DEEP,
    CARD_RADIUS,
    CENTRED,
    CONFIRM,
    CONFIRM_PRESSED,
    CONTROL,
    CONTROL_DISABLED,
    CONTROL_PRESSED,
    KEY_RADIUS,
    OUTLINE,
    TEXT,
    TEXT_FAINT,
    font,
)
from kiosk.ui.scale import Orientation, Scale, minimum_touch_target

log = logging.getLogger(__name__)

INACTIVITY_TIMEOUT_S = 30.0
"""The keypad closes itself after this long without input, so a visitor cannot leave it up."""
LOCK_TICK_MS = 1000
DIM_OPACITY = 0.82
# Design units (scale.py turns them into pixels).
KEY_SIZE = 140
KEY_GAP = 18
CARD_WIDTH = 1000
"""The card's width when the keys sit below the text (portrait)."""
TEXT_WIDTH = 640
"""The text column's width when the keys sit beside it (landscape)."""
DOTS_HEIGHT = 64
BORDER_WIDTH = 2
"""The outline of the card and of the cancel button."""
LINE_HEIGHT = 1.3
PROMPT_LINES = 2
KEY_FONT_SHARE = 0.4
"""A key's digit (or icon) as a share of the key's height."""
DOT_SHARE = 0.35
"""An entered-digit dot as a share of the dots row's height."""

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


class PinDots(QWidget):
    """A sunken field with one dot per entered digit: how many, never which."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.count = 0
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_count(self, count: int) -> None:
        """Show ``count`` dots."""
        self.count = count
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(OUTLINE))
        painter.setBrush(QColor(BACKGROUND_DEEP))
        radius = self.height() / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), radius, radius)
        if self.count <= 0:
            return
        dot = self.height() * DOT_SHARE
        step = min(dot * 2, (self.width() - self.height()) / self.count)
        x = (self.width() - step * (self.count - 1)) / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TEXT))
        for _ in range(self.count):
            painter.drawEllipse(QRectF(x - dot / 2, (self.height() - dot) / 2, dot, dot))
            x += step


class PinPad(QWidget):
    """Dims the window and asks for the exit PIN on big keys; takes all input while open.

    OK checks the entry with ``lock``: a right PIN emits ``accepted``; a wrong one
    says so and clears; a lockout disables the keys and counts down. Cancel,
    Escape or ``inactivity_s`` without input emit ``cancelled``. Either way the
    keypad hides itself.
    """

    accepted = Signal()
    cancelled = Signal()

    def __init__(
        self, lock: PinLock, language: str, parent: QWidget, *, inactivity_s: float = INACTIVITY_TIMEOUT_S
    ) -> None:
        super().__init__(parent)
        self.lock = lock
        self.language = language
        self.inactivity_s = inactivity_s
        self._entry = ""
        self._message_key: str | None = None
        self._disabled_logged = False
        self.card = QFrame(self)
        self.card.setObjectName("pinCard")
        self.prompt = FitText("", self.card, weight=QFont.Weight.DemiBold, alignment=Qt.AlignmentFlag.AlignCenter)
        self.dots = PinDots(self.card)
        self.message_line = FitText("", self.card, colour=ALERT_TEXT, alignment=CENTRED)
        self.digit_buttons = {d: self._button(d, d, self._digit_clicked(d)) for d in "0123456789"}
        self.clear_button = self._button("clear", "", self.backspace)
        self.clear_button.setIcon(icon("backspace", TEXT))
        self.ok_button = self._button("ok", "", self.submit)
        self.ok_button.setIcon(icon("confirm", TEXT))
        self.cancel_button = self._button("cancel", "", self.cancel)
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

    def _button(self, name: str, label: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(label, self.card)
        button.setObjectName(name)
        button.setAccessibleName(label or name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(action)
        return button

    def _digit_clicked(self, digit: str) -> Callable[[], None]:
        return lambda: self.type_digit(digit)

    # -- public state -----------------------------------------------------------

    def is_open(self) -> bool:
        """True while the keypad is up."""
        return not self.isHidden()

    def message(self) -> str:
        """The message line shown under the dots ("" when there is none)."""
        return self.message_line.text()

    def entered_length(self) -> int:
        """How many digits have been typed so far."""
        return len(self._entry)

    def set_language(self, language: str) -> None:
        """Show the keypad's words in ``language``."""
        self.language = language
        self.prompt.setText(text("enter_pin", language))
        self.cancel_button.setText(text("cancel", language))
        self.cancel_button.setAccessibleName(text("cancel", language))
        self.clear_button.setAccessibleName(text("delete_digit", language))
        self.ok_button.setAccessibleName(text("confirm_pin", language))
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

    # -- entry ------------------------------------------------------------------

    def type_digit(self, digit: str) -> None:
        """Add ``digit`` to the entry (ignored while locked or when the entry is full)."""
        if self._is_locked() or len(self._entry) >= MAX_PIN_DIGITS:
            return
        if self._message_key == "wrong_pin":
            self._set_message(None)
        self._set_entry(self._entry + digit)

    def backspace(self) -> None:
        """Remove the last digit typed."""
        self._set_entry(self._entry[:-1])

    def submit(self) -> None:
        """Check the entry: accept, say it was wrong, or show the lockout."""
        if not self._entry and not self._is_locked():
            return
        result = self.lock.try_pin(self._entry)
        self._set_entry("")
        if result is PinResult.ACCEPTED:
            self._close()
            self.accepted.emit()
        elif result is PinResult.WRONG:
            self._set_message("wrong_pin")
        elif result is PinResult.LOCKED:
            self._show_lock()
            self._lock_tick.start()
        else:
            self.cancel()

    def _set_entry(self, entry: str) -> None:
        self._entry = entry
        self.dots.show_count(len(entry))

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
        scale = Scale(width, height)
        m = scale.metrics
        target = minimum_touch_target(self, scale)
        pad, gap, edge = scale.px(m.gap), scale.px(KEY_GAP), scale.px(m.margin) // 2
        prompt_h = scale.px(m.body_font * LINE_HEIGHT * PROMPT_LINES)
        dots_h = max(target * 2 // 3, scale.px(DOTS_HEIGHT))
        message_h = scale.px(m.label_font * LINE_HEIGHT)
        text_h = prompt_h + dots_h + message_h + target + 3 * gap
        sideways = scale.orientation is Orientation.LANDSCAPE
        fixed = 2 * pad + 3 * gap + (0 if sideways else text_h + gap)
        # The keys shrink to fit a short window, but never below a touch target.
        key = max(target, min(scale.px(KEY_SIZE), (height - 2 * edge - fixed) // 4))
        keys_w, keys_h = 3 * key + 2 * gap, 4 * key + 3 * gap
        if sideways:
            text_w = min(scale.px(TEXT_WIDTH), width - 2 * edge - 4 * pad - keys_w)
            card_w, card_h = text_w + keys_w + 4 * pad, max(keys_h, text_h) + 2 * pad
            text_x, keys_x, keys_y = pad, text_w + 3 * pad, pad
            cancel = QRect(text_x, card_h - pad - target, text_w, target)
        else:
            card_w = min(width - 2 * edge, max(keys_w + 2 * pad, scale.px(CARD_WIDTH)))
            card_h = text_h + keys_h + gap + 2 * pad
            text_w, text_x, keys_x = card_w - 2 * pad, pad, (card_w - keys_w) // 2
            keys_y = pad + prompt_h + dots_h + message_h + 3 * gap
            cancel = QRect(keys_x, keys_y + keys_h + gap, keys_w, target)
        field_x, field_w = (text_x, text_w) if sideways else (keys_x, keys_w)
        self.prompt.set_preferred_pixel_size(scale.px(m.body_font))
        self.prompt.setGeometry(text_x, pad, text_w, prompt_h)
        self.dots.setGeometry(field_x, pad + prompt_h + gap, field_w, dots_h)
        self.message_line.set_preferred_pixel_size(scale.px(m.label_font))
        self.message_line.setGeometry(text_x, pad + prompt_h + dots_h + 2 * gap, text_w, message_h)
        self._place_keys(keys_x, keys_y, key, gap)
        self.cancel_button.setGeometry(cancel)
        self.cancel_button.setFont(font(scale.px(m.label_font)))
        self.card.setGeometry(QRect((width - card_w) // 2, max(0, (height - card_h) // 2), card_w, card_h))
        self.setStyleSheet(self._style(scale.px(CARD_RADIUS), scale.px(KEY_RADIUS), scale.px(BORDER_WIDTH)))

    def _place_keys(self, left: int, top: int, key: int, gap: int) -> None:
        special = {"<": self.clear_button, ">": self.ok_button}
        for row, labels in enumerate(("123", "456", "789", "<0>")):
            for column, label in enumerate(labels):
                button = special.get(label) or self.digit_buttons[label]
                button.setGeometry(left + column * (key + gap), top + row * (key + gap), key, key)
                button.setFont(font(round(key * KEY_FONT_SHARE), QFont.Weight.DemiBold))
                button.setIconSize(QSize(round(key * KEY_FONT_SHARE), round(key * KEY_FONT_SHARE)))

    @staticmethod
    def _style(card_radius: int, key_radius: int, border: int) -> str:
        return (
            f"#pinCard {{ background: {BACKGROUND}; border: {border}px solid {OUTLINE};"
            f" border-radius: {card_radius}px; }}"
            f"QPushButton {{ color: {TEXT}; background: {CONTROL}; border: none; border-radius: {key_radius}px; }}"
            f"QPushButton:pressed {{ background: {CONTROL_PRESSED}; }}"
            f"QPushButton:disabled {{ color: {TEXT_FAINT}; background: {CONTROL_DISABLED}; }}"
            f"QPushButton#ok {{ background: {CONFIRM}; }}"
            f"QPushButton#ok:pressed {{ background: {CONFIRM_PRESSED}; }}"
            f"QPushButton#ok:disabled {{ background: {CONTROL_DISABLED}; }}"
            f"QPushButton#cancel {{ background: transparent; border: {border}px solid {OUTLINE}; }}"
            f"QPushButton#cancel:pressed {{ background: {CONTROL_PRESSED}; }}"
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        dim = QColor(BACKGROUND_DEEP)
        dim.setAlphaF(DIM_OPACITY)
        painter.fillRect(self.rect(), dim)
