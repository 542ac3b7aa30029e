"""On-screen controls: home, previous, next, the accessibility and language menus, and progress dots for the theme.

In reach mode the bar, and the menus it opens, stay inside the band a seated visitor reaches (``kiosk.core.reach``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEasingCurve, QPropertyAnimation, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QGraphicsOpacityEffect, QHBoxLayout, QMenu, QToolButton, QWidget
from shiboken6 import Shiboken

from kiosk.core.access import AccessModes
from kiosk.core.navigator import Position
from kiosk.core.reach import ReachBand, mounting, reach_band, reported_height_m
from kiosk.core.strings import text
from kiosk.deck.schema import AccessibilityOptions
from kiosk.deck.text import language_names
from kiosk.player.controller import Motion, PlayerController
from kiosk.ui.focus_ring import FocusRingButton
from kiosk.ui.icons import icon
from kiosk.ui.palette import AS_DESIGNED_COLOURS, TEXT, Colours, colours, font
from kiosk.ui.scale import Scale, control_bar_height, minimum_touch_target
from kiosk.ui.touch_menu import TouchMenu, show_tick

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
ACCESS_ICON = "fa6s.universal-access"
ACCESS_MODES = ("larger_text", "high_contrast", "reach")
"""The display modes the accessibility menu switches, in its order (after Read aloud)."""
MODE_WORDS = {"larger_text": "larger_text", "high_contrast": "high_contrast", "reach": "within_reach"}
"""Each mode's item in the player's strings."""


def reach_band_of(picture: QWidget, access: AccessModes, options: AccessibilityOptions) -> ReachBand | None:
    """Where the controls go on ``picture`` (the window, or a view as large) in reach mode, in its own rows; None
    when reach mode is off. The band holds at least the control bar and a row of touch targets above it."""
    if not access.reach:
        return None
    scale = Scale(max(1, picture.width()), max(1, picture.height()))
    need = control_bar_height(picture, scale) + minimum_touch_target(picture, scale) + scale.px(scale.metrics.gap)
    screen = picture.screen()
    reported = None
    if screen is not None:
        size_mm, size_px = screen.physicalSize(), screen.size()
        reported = reported_height_m(
            (size_mm.width(), size_mm.height()),
            (size_px.width(), size_px.height()),
            (picture.width(), picture.height()),
        )
    where = mounting(options.screen_bottom, options.screen_height, reported)
    return reach_band(picture.height(), need, where)


class ProgressDots(QWidget):
    """One dot per slide of the current theme; the current one is larger and in the accent colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.current = -1
        self.accent = QColor(TEXT)
        self.colours: Colours = AS_DESIGNED_COLOURS
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
            painter.setBrush(self.accent if current else QColor(self.colours.text_faint))
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
        self.access_button = self._button("access_menu", self.open_access_menu, ACCESS_ICON)
        self.access_button.setCheckable(True)  # pressed while a display mode is on
        self.dots = ProgressDots(self)
        self._row = layout = QHBoxLayout(self)
        layout.addWidget(self.home_button)
        layout.addStretch(1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.dots)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        layout.addWidget(self.access_button)
        layout.addWidget(self.speak_button)
        layout.addWidget(self.language_button)
        self.language_menu = TouchMenu(self)
        self.access_menu = TouchMenu(self)
        self.read_aloud_action = self._menu_item(lambda: None)
        self.read_aloud_action.setVisible(False)  # offered only where speech works: see offer_speech
        self.mode_actions = {mode: self._menu_item(self._toggler(mode)) for mode in ACCESS_MODES}
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
        controller.access_changed.connect(self._on_access)
        self._on_position(controller.position, controller.position, Motion.CUT)
        self._on_language(controller.language)
        self._on_access(controller.access)
        if auto_hide:
            self._idle.start(round(controller.deck.touch.controls_timeout * 1000))

    def _button(self, role: str, action: object, icon_name: str | None = None) -> QToolButton:
        button = FocusRingButton(self)
        button.setObjectName(role)
        button.setIcon(icon(icon_name or role, TEXT))
        button.setAutoRaise(True)
        button.clicked.connect(action)  # type: ignore[arg-type]
        return button

    def _menu_item(self, action: Callable[[], None]) -> QAction:
        item = QAction(self.access_menu)
        item.setCheckable(True)
        item.triggered.connect(lambda _checked=False: action())
        self.access_menu.addAction(item)
        return item

    def _toggler(self, mode: str) -> Callable[[], None]:
        return lambda: self.controller.toggle_access(mode)

    # -- sizing -------------------------------------------------------------

    def place(self, window_width: int, window_height: int) -> None:
        """Size the bar for a window of the given size and put it at the bottom."""
        scale = Scale(max(1, window_width), max(1, window_height))
        target = minimum_touch_target(self, scale)
        for button in self._buttons():
            button.setFixedSize(target, target)
            button.setIconSize(QSize(round(target * ICON_SHARE), round(target * ICON_SHARE)))
        self.language_button.setFixedSize(round(target * LANGUAGE_BUTTON_WIDTH), target)
        self.language_button.setFont(font(round(target * ICON_SHARE * LANGUAGE_LABEL_SHARE)))
        self.dots.dot = max(MIN_DOT_PX, scale.px(DOT_SIZE))
        self.dots.gap = max(MIN_DOT_PX, scale.px(DOT_GAP))
        margin = scale.px(scale.metrics.margin) // 2
        self._row.setContentsMargins(margin // 2, margin // 4, margin // 2, margin // 4)
        height = control_bar_height(self, scale)
        band = self.reach_band()
        self.setGeometry(0, (window_height if band is None else band.bottom) - height, window_width, height)
        for menu in (self.language_menu, self.access_menu):
            menu.size_for(scale.px(scale.metrics.label_font), target)
        self.raise_()

    def reach_band(self) -> ReachBand | None:
        """Where the controls go in the window in reach mode (rows of the window); None when reach mode is off."""
        window = self.parentWidget()
        if window is None:
            return None
        return reach_band_of(window, self.controller.access, self.controller.deck.accessibility)

    def _buttons(self) -> tuple[QToolButton, ...]:
        return (
            self.home_button,
            self.previous_button,
            self.next_button,
            self.access_button,
            self.speak_button,
            self.language_button,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        colour = QColor(colours(self.controller.access.high_contrast).background_deep)
        colour.setAlphaF(BAR_OPACITY)
        painter.fillRect(self.rect(), colour)

    # -- state --------------------------------------------------------------

    def _on_position(self, _old: Position, new: Position, _motion: object) -> None:
        deck = self.controller.deck
        if new.is_home or new.theme is None:
            self.dots.show_progress(0, -1, TEXT)
        else:
            theme = deck.themes[new.theme]
            self.dots.colours = chosen = colours(self.controller.access.high_contrast)
            self.dots.show_progress(len(theme.slides), new.slide, chosen.accent(theme.accent))
        self._describe_progress()

    def _describe_progress(self) -> None:
        language, dots = self.controller.language, self.dots
        dots.setAccessibleName(text("progress", language))
        counted = text("slide_of", language, number=dots.current + 1, count=dots.count) if dots.count else ""
        dots.setAccessibleDescription(counted)

    def _on_language(self, language: str) -> None:
        self.language_button.setVisible(len(self.controller.deck.languages) > 1)
        self.language_button.setText(language.upper())
        for button in self._buttons():
            # Each button's object name is also its key in the player's strings.
            name = text(button.objectName(), language)
            button.setAccessibleName(name)
            button.setToolTip(name)
        self.access_button.setAccessibleDescription(text("access_menu_description", language))
        self.access_menu.setTitle(text("access_menu", language))
        self.access_menu.setAccessibleName(text("access_menu", language))
        self.read_aloud_action.setText(text("speak", language))
        for mode, item in self.mode_actions.items():
            item.setText(text(MODE_WORDS[mode], language))
        self._describe_progress()

    def _on_access(self, modes: AccessModes) -> None:
        """A display mode switched: the menu's items and the button show it, and the bar moves into or out of reach."""
        for mode, item in self.mode_actions.items():
            show_tick(item, getattr(modes, mode))
        self.access_button.setChecked(any(getattr(modes, mode) for mode in ACCESS_MODES))
        self._on_position(self.controller.position, self.controller.position, None)  # the dots' colours
        self.update()
        window = self.parentWidget()
        if window is not None:
            self.place(window.width(), window.height())

    def offer_speech(self, toggle: Callable[[], None]) -> None:
        """Show the read-aloud button, which calls ``toggle``; it stays pressed while speech is on."""
        self.speak_button.clicked.disconnect()
        self.speak_button.clicked.connect(lambda _checked=False: toggle())
        self.speak_button.show()
        self.read_aloud_action.triggered.disconnect()
        self.read_aloud_action.triggered.connect(lambda _checked=False: toggle())
        self.read_aloud_action.setVisible(True)

    def show_speaking(self, on: bool) -> None:
        """Show the read-aloud button pressed (``on``) or not, and its item in the accessibility menu ticked."""
        self.speak_button.setChecked(on)
        show_tick(self.read_aloud_action, on)

    def open_access_menu(self) -> None:
        """Show the accessibility menu: Read aloud (where speech works), Larger text, High contrast, Within reach,
        each ticked while on; choosing one switches it at once."""
        self._on_access(self.controller.access)  # a click toggled the button itself: show the modes again
        self.access_menu.open_over(self.access_button, self.reach_band(), self.parentWidget())

    def open_language_menu(self) -> None:
        """Show the languages, each in its own name; choosing one switches at once."""
        menu = self.language_menu
        menu.clear()
        for code, name in language_names(self.controller.deck.languages).items():
            action = QAction(name, menu)
            action.setCheckable(True)
            show_tick(action, code == self.controller.language)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.controller.set_language(c))
            menu.addAction(action)
        menu.open_over(self.language_button, self.reach_band(), self.parentWidget())
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
