"""The presenter console: this slide and the next, the speaker notes, the clocks and the pace.

It follows the same controller as the audience window; the keys, clickers and
touch of the player move both. Its current-slide pane stands in for the
audience view when only one screen is connected.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from kiosk.core import strings
from kiosk.core.navigator import Position
from kiosk.player.controller import Motion, PlayerController
from kiosk.player.presenter import Presenter
from kiosk.ui.palette import BACKGROUND_DEEP, TEXT, TEXT_FAINT, TEXT_SOFT, font
from kiosk.ui.scale import Scale
from kiosk.ui.slide_preview import DESIGN_ASPECT, SlidePreview
from kiosk.ui.talk_clocks import TalkClocks

log = logging.getLogger(__name__)

CURRENT_SHARE = 0.6
"""The current slide's column takes this share of the console's width; the next slide and the clocks the rest."""
NOTES_SIZES = (0.6, 0.8, 1.0, 1.25, 1.5, 2.0)
"""The notes' text sizes the +/- keys step through, as multiples of the slides' body text."""
NOTES_START = NOTES_SIZES.index(1.0)
NOTES_FONT_SHARE = 0.8
"""Notes at step 1.0 use this share of the slides' body text size: several lines fit under the current slide."""
HEADER_LINE = 1.6
"""The header's height, in lines of its font."""
WALL_CLOCK_FORMAT = "%H:%M"


def _label(parent: QWidget, colour: str, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(f"color: {colour};")
    label.setWordWrap(wrap)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


class PresenterConsole(QWidget):
    """The presenter's window: current and next slide, notes, slide n/N and theme, wall clock and talk clocks.

    ``locked`` (a talk at a kiosk-mode booth): frameless and on top, it neither closes nor leaves full screen
    on request; the talk's end key ends the talk, and whoever opened the console closes it.
    """

    resized = Signal()

    def __init__(
        self, controller: PlayerController, presenter: Presenter, parent: QWidget | None = None, *, locked: bool = False
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.presenter = presenter
        self.windowed = not locked  # `kiosk present` is not kiosk mode: the player's quit keys close it
        self._close_allowed = not locked
        if locked:
            self.setWindowFlags(
                Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Window
            )
        self.notes_step = NOTES_START
        language = controller.language
        self.setWindowTitle(controller.deck.title.get(language, controller.deck.default_language))
        self.setStyleSheet(f"background: {BACKGROUND_DEEP};")
        self.position_label = _label(self, TEXT)
        self.theme_label = _label(self, TEXT_SOFT)
        self.wall_clock = _label(self, TEXT)
        self.wall_clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.current = SlidePreview(controller.deck, language, self)
        self.next_label = _label(self, TEXT_FAINT)
        self.next = SlidePreview(controller.deck, language, self)
        self.notes_label = _label(self, TEXT_FAINT)
        self.notes = _label(self, TEXT, wrap=True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_area = QScrollArea(self)
        self.notes_area.setWidget(self.notes)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clocks = TalkClocks(presenter.timer, language, self)
        self.summary = _label(self, TEXT, wrap=True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.summary.hide()
        controller.position_changed.connect(self._on_position)
        controller.language_changed.connect(self._on_language)
        presenter.timing_changed.connect(self.refresh_clocks)
        presenter.tick.connect(self.refresh_clocks)
        presenter.ended.connect(self._show_summary)
        self._show_position(controller.position)
        self._relayout()

    # -- what it shows --------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The language of the slides, the notes and the console's words (the audience's)."""
        return self.controller.language

    def notes_text(self) -> str:
        """The notes shown for the current slide (a short line when it has none)."""
        return self.notes.text()

    def _slide_notes(self, position: Position) -> str:
        if position.is_home or position.theme is None:
            return ""
        deck = self.controller.deck
        slide = deck.themes[position.theme].slides[position.slide]
        return slide.notes.get(self.language, deck.default_language).strip()

    def _show_position(self, position: Position) -> None:
        self.current.show_position(position)
        self.next.show_position(self.controller.navigator.following(position))
        self._show_words(position)
        self.refresh_clocks()

    def _show_words(self, position: Position) -> None:
        language, deck = self.language, self.controller.deck
        number, count = self.presenter.slide_number(position), deck.slide_count
        if position.is_home or position.theme is None:
            self.position_label.setText(strings.text("presenter_home", language))
            self.theme_label.setText("")
        else:
            self.position_label.setText(strings.text("presenter_slide_of", language, number=number, count=count))
            self.theme_label.setText(deck.themes[position.theme].title.get(language, deck.default_language))
        self.next_label.setText(strings.text("presenter_next", language))
        self.notes_label.setText(strings.text("presenter_notes", language))
        for widget, key in (
            (self, "presenter_console"),
            (self.current, "presenter_current"),
            (self.next, "presenter_next"),
            (self.notes_area, "presenter_notes"),
        ):
            widget.setAccessibleName(strings.text(key, language))
        notes = self._slide_notes(position)
        self.notes.setText(notes or strings.text("presenter_no_notes", language))
        self.notes.setStyleSheet(f"color: {TEXT if notes else TEXT_FAINT};")
        self.notes_area.verticalScrollBar().setValue(0)
        self._relayout()  # the header's widths follow its words

    def refresh_clocks(self) -> None:
        """Move the wall clock and the talk's clocks to now."""
        self.wall_clock.setText(self.presenter.now().strftime(WALL_CLOCK_FORMAT))
        self.clocks.refresh(self.presenter.is_ended)

    def _on_position(self, _old: Position, new: Position, _motion: Motion) -> None:
        self._show_position(new)

    def _on_language(self, language: str) -> None:
        self.current.set_language(language)
        self.next.set_language(language)
        self.clocks.set_language(language)
        self._show_words(self.controller.position)
        if self.presenter.is_ended:
            self._show_summary()
        self.refresh_clocks()

    def _show_summary(self) -> None:
        lines = [*self.presenter.summary_lines(self.language), strings.text("presenter_quit_again", self.language)]
        self.summary.setText("\n".join(lines))
        self.summary.setGeometry(self.notes_area.geometry())
        self.notes_area.hide()
        self.notes_label.hide()
        self.summary.show()
        self.refresh_clocks()

    # -- keys and window ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """+ and - make the notes larger and smaller (the player's keys are handled before they get here)."""
        if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.resize_notes(1)
        elif event.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.resize_notes(-1)
        else:
            super().keyPressEvent(event)

    def resize_notes(self, steps: int) -> None:
        """Make the notes ``steps`` sizes larger (negative: smaller), within the sizes there are."""
        self.notes_step = max(0, min(len(NOTES_SIZES) - 1, self.notes_step + steps))
        self._relayout()

    def notes_pixel_size(self) -> int:
        """The notes' text size in pixels."""
        return self.notes.font().pixelSize()

    def toggle_full_screen(self) -> None:
        """Switch between full screen and a window (F, F11); a locked console stays full screen."""
        if not self.windowed:
            return
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def allow_close(self) -> None:
        """Let the next close request through (a locked console, once its talk has ended)."""
        self._close_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        if not self._close_allowed:
            log.info("close request ignored: the console is locked at the booth")
            event.ignore()
            return
        self.presenter.end_talk()  # recorded and logged; the window is going, so no summary is shown
        event.accept()

    # -- layout -------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._relayout()
        self.resized.emit()

    def _relayout(self) -> None:
        scale = Scale(max(1, self.width()), max(1, self.height()))
        m = scale.metrics
        gap = scale.px(m.gap)
        header_font = scale.px(m.subtitle_font)
        header_h = round(header_font * HEADER_LINE)
        label_font = font(scale.px(m.label_font), QFont.Weight.DemiBold)
        self.position_label.setFont(font(header_font, QFont.Weight.Bold, tabular=True))
        self.theme_label.setFont(font(header_font))
        self.wall_clock.setFont(font(header_font, QFont.Weight.Bold, tabular=True))
        self.next_label.setFont(label_font)
        self.notes_label.setFont(label_font)
        notes_px = round(scale.px(m.body_font) * NOTES_FONT_SHARE * NOTES_SIZES[self.notes_step])
        self.notes.setFont(font(notes_px))
        self.summary.setFont(font(scale.px(m.subtitle_font)))
        self.clocks.set_sizes(scale)

        width, height = self.width(), self.height()
        inner = QRect(gap, gap // 2, max(1, width - 2 * gap), max(1, height - gap))
        # Header: slide n/N, the theme's title, and the wall clock at the right.
        clock_w = self.wall_clock.fontMetrics().horizontalAdvance("00:00") + gap
        self.wall_clock.setGeometry(inner.right() - clock_w, inner.top(), clock_w, header_h)
        number_w = self.position_label.fontMetrics().horizontalAdvance(self.position_label.text()) + gap
        self.position_label.setGeometry(inner.left(), inner.top(), number_w, header_h)
        theme_x = inner.left() + number_w
        self.theme_label.setGeometry(theme_x, inner.top(), max(1, inner.right() - clock_w - theme_x), header_h)
        top = inner.top() + header_h + gap // 2
        # Left: the current slide, then the notes under it.
        left_w = round((inner.width() - gap) * CURRENT_SHARE)
        current_h = min(round(left_w / DESIGN_ASPECT), round((inner.bottom() - top) * CURRENT_SHARE))
        self.current.setGeometry(inner.left(), top, min(left_w, round(current_h * DESIGN_ASPECT)), current_h)
        label_h = round(scale.px(m.label_font) * HEADER_LINE)
        notes_top = top + current_h + gap // 2
        self.notes_label.setGeometry(inner.left(), notes_top, left_w, label_h)
        notes_rect = QRect(inner.left(), notes_top + label_h, left_w, max(1, inner.bottom() - notes_top - label_h))
        self.notes_area.setGeometry(notes_rect)
        self.summary.setGeometry(notes_rect)
        # Right: the next slide, smaller, then the clocks.
        right_x = inner.left() + left_w + gap
        right_w = max(1, inner.right() - right_x)
        self.next_label.setGeometry(right_x, top, right_w, label_h)
        next_h = round(right_w / DESIGN_ASPECT)
        self.next.setGeometry(right_x, top + label_h, right_w, next_h)
        clocks_top = top + label_h + next_h + gap // 2
        self.clocks.setGeometry(right_x, clocks_top, right_w, max(1, inner.bottom() - clocks_top))
