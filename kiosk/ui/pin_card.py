"""The exit keypad's card: the prompt, the dots of the entry, the message line and the keys, laid out for the screen.

The card only shows and lays out; the keypad (``pin_pad``) decides what the keys do and what the lines say.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QPushButton, QWidget

from kiosk.core.reach import ReachBand
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
CHOICE_FONT_SHARE = 0.22
"""A choice button's words as a share of its height, before they shrink to fit its width."""
KEY_ROWS: tuple[str, ...] = ("123", "456", "789", "<0>")
WIDE_KEY_ROWS: tuple[str, ...] = ("12345<", "67890>")
"""The keys, row by row ("<" deletes, ">" confirms); in reach mode two wide rows where four do not fit the band."""
PRESENT_ICON = "fa6s.person-chalkboard"
EXIT_ICON = "fa6s.right-from-bracket"


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


class PinCard(QFrame):
    """The keypad's card: the prompt, the entered-digit dots, the message line, the keys and the cancel button;
    at the booth, after the right PIN, the two choices (Present, Exit) in place of the keys."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("pinCard")
        self.prompt = FitText("", self, weight=QFont.Weight.DemiBold, alignment=Qt.AlignmentFlag.AlignCenter)
        self.dots = PinDots(self)
        self.message_line = FitText("", self, colour=ALERT_TEXT, alignment=CENTRED)
        self.digit_buttons = {d: self._button(d, d) for d in "0123456789"}
        self.clear_button = self._button("clear", "")
        self.clear_button.setIcon(icon("backspace", TEXT))
        self.ok_button = self._button("ok", "")
        self.ok_button.setIcon(icon("confirm", TEXT))
        self.cancel_button = self._button("cancel", "")
        # After the right PIN at the booth the keys give way to two choices, each the size of half the keys.
        self.present_button = self._button("present", "")
        self.present_button.setIcon(icon(PRESENT_ICON, TEXT))
        self.exit_button = self._button("exit", "")
        self.exit_button.setIcon(icon(EXIT_ICON, TEXT))
        self.choosing = False
        self.show_choices(False)

    def show_choices(self, choosing: bool) -> None:
        """Show the two choices (Present, Exit) in place of the dots and keys, or the keys again."""
        self.choosing = choosing
        for button in (*self.digit_buttons.values(), self.clear_button, self.ok_button, self.dots):
            button.setVisible(not choosing)
        self.present_button.setVisible(choosing)
        self.exit_button.setVisible(choosing)

    def _button(self, name: str, label: str) -> QPushButton:
        button = QPushButton(label, self)
        button.setObjectName(name)
        button.setAccessibleName(label or name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def lay_out(self, width: int, height: int, band: ReachBand | None = None) -> None:
        """Size the card and centre it in a ``width`` x ``height`` keypad: keys beside the text on a wide screen,
        below it on a tall one. With a reach ``band`` the keys, the choices and Cancel go inside it (on two wide
        rows when four do not fit), the prompt above them."""

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
        rows = KEY_ROWS
        if band is not None:  # the pressable part, keys and Cancel, in the band
            below_keys = 2 * pad + (0 if sideways else gap + target)
            if 4 * target + 3 * gap + below_keys > band.height:
                rows = WIDE_KEY_ROWS
            key = max(target, min(key, (band.height - below_keys - (len(rows) - 1) * gap) // len(rows)))
        columns = len(rows[0])
        keys_w, keys_h = columns * key + (columns - 1) * gap, len(rows) * key + (len(rows) - 1) * gap
        if sideways:
            text_w = min(scale.px(TEXT_WIDTH), width - 2 * edge - 4 * pad - keys_w)
            card_w, card_h = text_w + keys_w + 4 * pad, max(keys_h, text_h) + 2 * pad
            # In reach mode the keys sit at the card's foot, level with Cancel.
            text_x, keys_x, keys_y = pad, text_w + 3 * pad, pad if band is None else card_h - pad - keys_h
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
        self._place_keys(keys_x, keys_y, key, gap, rows)
        if not sideways:  # the choices may use the card's width, as the text does
            keys_x, keys_w = text_x, text_w
        self._place_choices(QRect(keys_x, keys_y, keys_w, keys_h), gap)
        self.cancel_button.setGeometry(cancel)
        self.cancel_button.setFont(font(scale.px(m.label_font)))
        top = max(0, (height - card_h) // 2)
        if band is not None:  # the card's foot a margin above the band's, or lower as far as the keys need
            lowest = band.top + card_h - min(keys_y, cancel.y())  # the card's foot with its first key at band.top
            top = max(0, min(band.bottom, max(band.bottom - edge, lowest)) - card_h)
        self.setGeometry(QRect((width - card_w) // 2, top, card_w, card_h))

    def _place_keys(self, left: int, top: int, key: int, gap: int, rows: tuple[str, ...]) -> None:
        special = {"<": self.clear_button, ">": self.ok_button}
        for row, labels in enumerate(rows):
            for column, label in enumerate(labels):
                button = special.get(label) or self.digit_buttons[label]
                button.setGeometry(left + column * (key + gap), top + row * (key + gap), key, key)
                button.setFont(font(round(key * KEY_FONT_SHARE), QFont.Weight.DemiBold))
                button.setIconSize(QSize(round(key * KEY_FONT_SHARE), round(key * KEY_FONT_SHARE)))

    def _place_choices(self, area: QRect, gap: int) -> None:
        height = (area.height() - gap) // 2
        icon_px = round(height * CHOICE_FONT_SHARE)
        buttons = (self.present_button, self.exit_button)
        # One size for both, shrunk until the icon and the longest words in this language fit inside a button.
        size, room = icon_px, area.width() - icon_px - 2 * gap
        while size > 1 and max(_advance(size, b.text()) for b in buttons) > room:
            size -= 1
        for row, button in enumerate(buttons):
            button.setGeometry(area.left(), area.top() + row * (height + gap), area.width(), height)
            button.setIconSize(QSize(icon_px, icon_px))
            button.setFont(font(size, QFont.Weight.DemiBold))


def _advance(pixel_size: int, words: str) -> int:
    return QFontMetrics(font(pixel_size, QFont.Weight.DemiBold)).horizontalAdvance(words)


def card_style(scale: Scale) -> str:
    """The style sheet of the card and its buttons, with radii and borders in pixels for ``scale``."""
    card_radius, key_radius, border = scale.px(CARD_RADIUS), scale.px(KEY_RADIUS), scale.px(BORDER_WIDTH)
    return (
        f"#pinCard {{ background: {BACKGROUND}; border: {border}px solid {OUTLINE};"
        f" border-radius: {card_radius}px; }}"
        f"QPushButton {{ color: {TEXT}; background: {CONTROL}; border: none; border-radius: {key_radius}px; }}"
        f"QPushButton:pressed {{ background: {CONTROL_PRESSED}; }}"
        f"QPushButton:disabled {{ color: {TEXT_FAINT}; background: {CONTROL_DISABLED}; }}"
        f"QPushButton#ok {{ background: {CONFIRM}; }}"
        f"QPushButton#ok:pressed {{ background: {CONFIRM_PRESSED}; }}"
        f"QPushButton#ok:disabled {{ background: {CONTROL_DISABLED}; }}"
        f"QPushButton#present {{ background: {CONFIRM}; }}"
        f"QPushButton#present:pressed {{ background: {CONFIRM_PRESSED}; }}"
        f"QPushButton#cancel {{ background: transparent; border: {border}px solid {OUTLINE}; }}"
        f"QPushButton#cancel:pressed {{ background: {CONTROL_PRESSED}; }}"
    )
