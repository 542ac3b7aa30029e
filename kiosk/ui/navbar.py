"""On-screen controls: home, previous, next, language, and progress dots for the current theme."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPoint, QPropertyAnimation, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGraphicsOpacityEffect, QHBoxLayout, QMenu, QToolButton, QWidget
from shiboken6 import Shiboken

from kiosk.core.navigator import Position
from kiosk.core.strings import text
from kiosk.deck.text import language_names
from kiosk.player.controller import Motion, PlayerController
from kiosk.ui.focus_ring import FocusRingButton
from kiosk.ui.icons import icon
from kiosk.ui.palette import BACKGROUND_DEEP, TEXT, TEXT_FAINT, font
from kiosk.ui.scale import Scale, control_bar_height, minimum_touch_target

FADE_MS = 400
BAR_OPACITY = 0.78
DOT_SIZE = 14
DOT_GAP = 14
"""Design units: a progress dot's diameter and the space between two dots."""
MIN_DOT_PX = 6
"""Dots stay visible on the smallest windows."""
LANGUAGE_BUTTON_WIDTH = 2.0
ICON_SHARE = 0.5
"""The icon's share of its button."""
LANGUAGE_LABEL_SHARE = 0.6
"""The language code's letters, as a share of the icon size."""


class ProgressDots(QWidget):
    """One dot per slide of the current theme; the current one is larger and in the accent colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.current = -1
        self.accent = QColor(TEXT)
        self.dot = DOT_SIZE
        self.gap = DOT_GAP
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_progress(self, count: int, current: int, accent: str) -> None:
        """Show ``count`` dots with dot ``current`` marked."""
        self.count, self.current, self.accent = count, current, QColor(accent)
        self.setMinimumWidth(max(1, count) * (self.dot + self.gap))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        if self.count <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        step = self.dot + self.gap
        x = (self.width() - self.count * step + self.gap) / 2
        y = self.height() / 2
        for index in range(self.count):
            current = index == self.current
            size = self.dot * (1.4 if current else 1.0)
            painter.setBrush(self.accent if current else QColor(TEXT_FAINT))
            painter.drawEllipse(QRectF(x + (self.dot - size) / 2, y - size / 2, size, size))
            x += step


class NavBar(QWidget):
    """A bar at the bottom of the screen; it fades out after a while without input in kiosk mode."""

    language_menu_opened = Signal(QMenu)

    def __init__(self, controller: PlayerController, auto_hide: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.auto_hide = auto_hide
        self.setObjectName("navbar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.home_button = self._button("home", controller.home)
        self.previous_button = self._button("previous", controller.previous)
        self.next_button = self._button("next", controller.next)
        self.language_button = self._button("language", self.open_language_menu)
        self.language_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.speak_button = self._button("speak", lambda: None)
        self.speak_button.setCheckable(True)
        self.speak_button.hide()  # offered only where speech works: see offer_speech
        self.dots = ProgressDots(self)
        self._row = layout = QHBoxLayout(self)
        layout.addWidget(self.home_button)
        layout.addStretch(1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.dots)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        layout.addWidget(self.speak_button)
        layout.addWidget(self.language_button)
        self.language_menu = QMenu(self)
        self._effect: QGraphicsOpacityEffect | None = None
        # One animation for the bar's whole life: a display left on for months fades it many times a day.
        self._fade = QPropertyAnimation(self)
        self._fade.setPropertyName(b"opacity")
        self._fade.setDuration(FADE_MS)
        self._fade.setEasingCurve(QEasingCurve.Type.InOutQuad)
        self._fade.finished.connect(self._faded)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.fade_out)
        controller.position_changed.connect(self._on_position)
        controller.language_changed.connect(self._on_language)
        controller.deck_changed.connect(
            lambda _deck: self._on_position(controller.position, controller.position, Motion.CUT)
        )
        self._on_position(controller.position, controller.position, Motion.CUT)
        self._on_language(controller.language)
        if auto_hide:
            self._idle.start(round(controller.deck.touch.controls_timeout * 1000))

    def _button(self, role: str, action: object) -> QToolButton:
        button = FocusRingButton(self)
        button.setObjectName(role)
        button.setIcon(icon(role, TEXT))
        button.setAutoRaise(True)
        button.clicked.connect(action)  # type: ignore[arg-type]
        return button

    # -- sizing -------------------------------------------------------------

    def place(self, window_width: int, window_height: int) -> None:
        """Size the bar for a window of the given size and put it at the bottom."""
        scale = Scale(max(1, window_width), max(1, window_height))
        target = minimum_touch_target(self, scale)
        buttons = (self.home_button, self.previous_button, self.next_button, self.speak_button, self.language_button)
        for button in buttons:
            button.setFixedSize(target, target)
            button.setIconSize(QSize(round(target * ICON_SHARE), round(target * ICON_SHARE)))
        self.language_button.setFixedSize(round(target * LANGUAGE_BUTTON_WIDTH), target)
        self.language_button.setFont(font(round(target * ICON_SHARE * LANGUAGE_LABEL_SHARE)))
        self.dots.dot = max(MIN_DOT_PX, scale.px(DOT_SIZE))
        self.dots.gap = max(MIN_DOT_PX, scale.px(DOT_GAP))
        margin = scale.px(scale.metrics.margin) // 2
        self._row.setContentsMargins(margin // 2, margin // 4, margin // 2, margin // 4)
        height = control_bar_height(self, scale)
        self.setGeometry(0, window_height - height, window_width, height)
        self.language_menu.setFont(font(scale.px(scale.metrics.label_font)))
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        colour = QColor(BACKGROUND_DEEP)
        colour.setAlphaF(BAR_OPACITY)
        painter.fillRect(self.rect(), colour)

    # -- state --------------------------------------------------------------

    def _on_position(self, _old: Position, new: Position, _motion: object) -> None:
        deck = self.controller.deck
        if new.is_home or new.theme is None:
            self.dots.show_progress(0, -1, TEXT)
        else:
            theme = deck.themes[new.theme]
            self.dots.show_progress(len(theme.slides), new.slide, theme.accent)
        self._describe_progress()

    def _describe_progress(self) -> None:
        language, dots = self.controller.language, self.dots
        dots.setAccessibleName(text("progress", language))
        counted = text("slide_of", language, number=dots.current + 1, count=dots.count) if dots.count else ""
        dots.setAccessibleDescription(counted)

    def _on_language(self, language: str) -> None:
        self.language_button.setVisible(len(self.controller.deck.languages) > 1)
        self.language_button.setText(language.upper())
        buttons = (self.home_button, self.previous_button, self.next_button, self.speak_button, self.language_button)
        for button in buttons:
            # Each button's object name is also its key in the player's strings.
            name = text(button.objectName(), language)
            button.setAccessibleName(name)
            button.setToolTip(name)
        self._describe_progress()

    def offer_speech(self, toggle: Callable[[], None]) -> None:
        """Show the read-aloud button, which calls ``toggle``; it stays pressed while speech is on."""
        self.speak_button.clicked.disconnect()
        self.speak_button.clicked.connect(lambda _checked=False: toggle())
        self.speak_button.show()

    def show_speaking(self, on: bool) -> None:
        """Show the read-aloud button pressed (``on``) or not."""
        self.speak_button.setChecked(on)

    def open_language_menu(self) -> None:
        """Show the languages, each in its own name; choosing one switches at once."""
        menu = self.language_menu
        menu.clear()
        for code, name in language_names(self.controller.deck.languages).items():
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setChecked(code == self.controller.language)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.controller.set_language(c))
            menu.addAction(action)
        below = self.language_button.mapToGlobal(QPoint(0, 0))
        menu.popup(QPoint(below.x(), below.y() - menu.sizeHint().height()))
        self.language_menu_opened.emit(menu)

    # -- fading -------------------------------------------------------------

    def user_active(self) -> None:
        """Input happened: show the bar and restart the fade-out countdown."""
        if not self.isVisible() or self._effect is not None:
            self._fade_to(1.0)
        if self.auto_hide:
            self._idle.start(round(self.controller.deck.touch.controls_timeout * 1000))

    def fade_out(self) -> None:
        """Fade the bar away (kiosk mode, nobody touching)."""
        if self.auto_hide and self.isVisible():
            self._fade_to(0.0)

    def is_fading(self) -> bool:
        """True while the bar fades in or out."""
        return self._fade.state() == QPropertyAnimation.State.Running

    def _fade_to(self, opacity: float) -> None:
        self._fade.stop()  # a fade under way turns round from where it is
        if self._effect is None:
            self._effect = QGraphicsOpacityEffect(self)
            self._effect.setOpacity(0.0 if not self.isVisible() else 1.0)
            self.setGraphicsEffect(self._effect)
        self.show()
        self._fade.setTargetObject(self._effect)
        self._fade.setStartValue(self._effect.opacity())
        self._fade.setEndValue(opacity)
        self._fade.start()

    def _faded(self) -> None:
        # The effect renders the bar offscreen on every repaint: keep it only while fading.
        # Deleting it detaches it from the bar, and the animation, which holds its target weakly, lets go.
        if self._effect is not None:
            Shiboken.delete(self._effect)
            self._effect = None
        self.setVisible(float(self._fade.endValue()) > 0)
