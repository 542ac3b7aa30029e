"""A still picture of one position of the deck, as the audience sees it once its counters have finished."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.core.navigator import Position
from kiosk.deck.schema import Deck
from kiosk.ui.home import HomeView
from kiosk.ui.slides import SlideView, create_slide_view

DESIGN_ASPECT = 16 / 9
"""Previews keep the slides' landscape proportions (the design canvas)."""


class SlidePreview(QWidget):
    """Shows the view of one position (a slide or the home screen) with every animation at its end; no input."""

    def __init__(self, deck: Deck, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.language = language
        self.position: Position | None = None
        self.view: SlideView | HomeView | None = None

    def show_position(self, position: Position) -> None:
        """Show ``position``, built afresh in the current language, final values at once."""
        if position == self.position and self.view is not None:
            return
        self.position = position
        self._rebuild()

    def set_language(self, language: str) -> None:
        """Show the same position in ``language``."""
        self.language = language
        if self.view is not None:
            self.view.set_language(language)
            self.view.finish_animations()

    # A still picture: a finger's swipe on it turns the slide when it lets go, without following the finger.
    def drag_to(self, offset_px: float) -> None:
        """Nothing follows the finger on a preview."""

    def drag_release(self) -> None:
        """Nothing to put back."""

    def is_dragging(self) -> bool:
        """Never: the preview does not follow a finger."""
        return False

    def visible_texts(self) -> list[str]:
        """The texts the preview shows, in reading order."""
        return self.view.visible_texts() if self.view is not None else []

    def _rebuild(self) -> None:
        if self.view is not None:
            self.view.hide()
            self.view.deleteLater()
            self.view = None
        position = self.position
        if position is None:
            return
        if position.is_home:
            view: SlideView | HomeView = HomeView(self.deck, self.language, self)
        else:
            assert position.theme is not None
            theme = self.deck.themes[position.theme]
            view = create_slide_view(self.deck, theme, theme.slides[position.slide], self.language, self)
        view.setEnabled(False)  # a picture: the console's keys and clicks are not for it
        self.view = view
        self._place()
        view.show()
        view.finish_animations()

    def _place(self) -> None:
        if self.view is None:
            return
        size = QSize(self.width(), round(self.width() / DESIGN_ASPECT))
        if size.height() > self.height():
            size = QSize(round(self.height() * DESIGN_ASPECT), self.height())
        x, y = (self.width() - size.width()) // 2, (self.height() - size.height()) // 2
        self.view.setGeometry(x, y, max(1, size.width()), max(1, size.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._place()
