"""One view per slide kind, and the factory that picks it."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

from kiosk.deck.schema import Deck, Slide, Theme
from kiosk.ui.slides.base import PlaceholderSlideView, SlideView
from kiosk.ui.slides.figures import FiguresSlideView
from kiosk.ui.slides.image import ImageSlideView
from kiosk.ui.slides.qr import QrSlideView
from kiosk.ui.slides.text_slides import StatementSlideView, TitleSlideView

log = logging.getLogger(__name__)

VIEW_CLASSES: dict[str, type[SlideView]] = {
    "title": TitleSlideView,
    "statement": StatementSlideView,
    "figures": FiguresSlideView,
    "image": ImageSlideView,
    "qr": QrSlideView,
}


def create_slide_view(
    deck: Deck, theme: Theme, slide: Slide, language: str, parent: QWidget | None = None
) -> SlideView:
    """The view for ``slide``; a neutral one when its own view cannot be built."""
    view_class = VIEW_CLASSES.get(slide.kind, SlideView)
    try:
        # Built without a parent, so a view that fails half-way leaves nothing behind on the stage.
        view = view_class(deck, theme, slide, language, None)
        if parent is not None:
            view.setParent(parent)
        return view
    except Exception:
        log.exception("slide %s of theme %r could not be built; showing a neutral slide", slide.origin, theme.id)
        return PlaceholderSlideView(deck, theme, slide, language, parent)


__all__ = ["SlideView", "create_slide_view"]
