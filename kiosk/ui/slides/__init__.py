"""One view per slide kind, and the factory that picks it."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtWidgets import QWidget

from kiosk.core.access import AS_DESIGNED, AccessModes
from kiosk.deck.schema import Deck, Slide, Theme
from kiosk.ui.slides.base import PlaceholderSlideView, SlideView

log = logging.getLogger(__name__)

VIEW_MODULES: dict[str, tuple[str, str]] = {
    "title": ("kiosk.ui.slides.text_slides", "TitleSlideView"),
    "statement": ("kiosk.ui.slides.text_slides", "StatementSlideView"),
    "figures": ("kiosk.ui.slides.figures", "FiguresSlideView"),
    "image": ("kiosk.ui.slides.image", "ImageSlideView"),
    "qr": ("kiosk.ui.slides.qr", "QrSlideView"),
    "video": ("kiosk.ui.slides.video", "VideoSlideView"),
}
"""Each kind's view, imported when first needed: the home screen paints before any slide
module (or segno, for QR codes) is loaded."""


def view_class(kind: str) -> type[SlideView]:
    """The view class for slides of ``kind`` (the neutral view for an unknown kind)."""
    if kind not in VIEW_MODULES:
        return SlideView
    module_name, class_name = VIEW_MODULES[kind]
    return getattr(importlib.import_module(module_name), class_name)  # type: ignore[no-any-return]


def create_slide_view(
    deck: Deck,
    theme: Theme,
    slide: Slide,
    language: str,
    parent: QWidget | None = None,
    *,
    access: AccessModes = AS_DESIGNED,
) -> SlideView:
    """The view for ``slide`` in the visitor's display modes; a neutral one when its own view cannot be built."""
    view_cls = view_class(slide.kind)
    try:
        # Built without a parent, so a view that fails half-way leaves nothing behind on the stage.
        view = view_cls(deck, theme, slide, language, None, access=access)
        if parent is not None:
            view.setParent(parent)
        return view
    except Exception:
        log.exception("slide %s of theme %r could not be built; showing a neutral slide", slide.origin, theme.id)
        return PlaceholderSlideView(deck, theme, slide, language, parent, access=access)


__all__ = ["SlideView", "create_slide_view"]
