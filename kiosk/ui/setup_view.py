"""The calm screen shown when no deck can be played yet: never a black screen, never a traceback."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QCloseEvent, QColor, QCursor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import BACKGROUND_DEEP, CENTRED_TOP, TEXT_FAINT, TEXT_SOFT
from kiosk.ui.scale import Scale
from kiosk.ui.slides.layout import centred_column, stack

log = logging.getLogger(__name__)

SETUP_MESSAGE = "This display is being set up."
"""In English: without a deck there is no deck language to speak."""
LOG_LINE = "Details are in the log: {log_file}"
WINDOWED_SIZE = (1280, 720)


class SetupView(QWidget):
    """A dark screen saying the display is being set up, and where the log with the details is.

    Full screen and deaf to close requests unless ``windowed`` (as the kiosk window), until ``allow_quit``.
    """

    def __init__(self, log_file: Path, *, windowed: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.windowed = windowed
        self._quit_allowed = windowed
        self.setWindowTitle("kiosk")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.message_label = FitText(
            SETUP_MESSAGE, self, weight=QFont.Weight.DemiBold, colour=TEXT_SOFT, alignment=CENTRED_TOP
        )
        self.log_label = FitText(LOG_LINE.format(log_file=log_file), self, colour=TEXT_FAINT, alignment=CENTRED_TOP)
        self.setAccessibleName(SETUP_MESSAGE)
        self.setAccessibleDescription(self.log_label.text())

    def present(self) -> None:
        """Show it: covering the primary screen without a frame, or as a normal window when ``windowed``."""
        if self.windowed:
            self.resize(*WINDOWED_SIZE)
            self.show()
            return
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        self.showFullScreen()

    def visible_texts(self) -> list[str]:
        """The texts on screen, top to bottom."""
        return [w.text() for w in (self.message_label, self.log_label) if w.text() and not w.isHidden()]

    def allow_quit(self) -> None:
        """Let the next close request through (a service stop, or a deck taking over)."""
        self._quit_allowed = True

    def relayout(self) -> None:
        """Place the two lines, centred, at the sizes the scale gives for this screen."""
        scale = Scale(max(1, self.width()), max(1, self.height()))
        m = scale.metrics
        inset = scale.px(m.margin)
        area = QRect(inset, inset, self.width() - 2 * inset, self.height() - 2 * inset)
        texts = [(self.message_label, scale.px(m.heading_font)), (self.log_label, scale.px(m.source_font))]
        stack(texts, centred_column(area, scale.px(m.text_width)), scale.px(m.gap), centre=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        if self._quit_allowed:
            event.accept()
        else:
            log.info("close request ignored while the display is being set up")
            event.ignore()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        self.relayout()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        QPainter(self).fillRect(self.rect(), QColor(BACKGROUND_DEEP))


__all__ = ["SetupView"]
