"""Lays every slide out offscreen in each language and orientation and warns about text too long for its box.

A text that does not fit shrinks (see FitText) and a figure's number shrinks to its card's width;
past a point this stops being legible from a few metres, so ``kiosk validate`` names the text,
the language and the orientation where it happens. The same is done with larger text (1.5x), where a
text may shrink only down to its designed size: below that, or off the slide, it is named too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.access import AccessModes
from kiosk.deck import Deck, Mark, Problem, Severity
from kiosk.deck.schema import Slide
from kiosk.ui.fit_text import FitText
from kiosk.ui.scale import DESIGN_LANDSCAPE, DESIGN_PORTRAIT, Scale
from kiosk.ui.slides import create_slide_view
from kiosk.ui.slides.base import SlideView

log = logging.getLogger(__name__)

SIZES = (DESIGN_LANDSCAPE, DESIGN_PORTRAIT)
SMALLEST_SHARE = 0.6
"""The smallest size a text may shrink to, as a share of the size it is designed at."""
LARGER_TEXT = AccessModes(larger_text=True)
TEXT_KEYS = ("heading", "subtitle", "body", "caption")
"""The slide's own texts, each a view attribute of the same name as its YAML key."""


@dataclass(frozen=True)
class _Checked:
    """One text of a laid-out view: what to call it, the YAML key it comes from, and whether it fits."""

    name: str
    key: str
    text: str
    fits: bool


def widget_application() -> QApplication:
    """The QApplication the views need, created (on the current platform) only when none exists."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(["kiosk"])
    if not isinstance(app, QApplication):
        raise RuntimeError("the fit check needs a QApplication, not a GUI-only application")
    return app


def check_fit(deck: Deck) -> list[Problem]:
    """A warning for every text of ``deck`` that cannot fit its box at the smallest size, and for every text that
    with larger text would shrink below its designed size or leave the slide, per language and size."""
    widget_application()
    problems: list[Problem] = []
    for theme in deck.themes:
        for slide in theme.slides:
            for width, height in SIZES:
                designed = create_slide_view(deck, theme, slide, deck.default_language)
                larger = create_slide_view(deck, theme, slide, deck.default_language, access=LARGER_TEXT)
                try:
                    for view in (designed, larger):
                        view.resize(width, height)
                    problems += _check_view(deck, slide, designed, larger, width, height)
                finally:
                    designed.deleteLater()
                    larger.deleteLater()
    return problems


def _check_view(
    deck: Deck, slide: Slide, designed: SlideView, larger: SlideView, width: int, height: int
) -> list[Problem]:
    orientation = Scale(width, height).orientation.value
    where = f"in {{language}}, {orientation} ({width}x{height}): shorten it"
    problems: list[Problem] = []
    warned: set[tuple[str, str]] = set()
    for language in deck.languages:
        for view in (designed, larger):
            view.set_language(language)  # lays the view out again for the current size
        checks = [(checked, "does not fit at the smallest size") for checked in _texts(designed, designed)]
        checks += [
            (checked, f"does not fit at its designed size with larger text ({LARGER_TEXT.text_factor:g}x)")
            for checked in _texts(larger, designed)
        ]
        for checked, trouble in checks:
            # A language without its own translation shows the first language's text: one warning is enough,
            # and a text too long as designed is not named again for larger text.
            if checked.fits or (checked.name, checked.text) in warned:
                continue
            warned.add((checked.name, checked.text))
            mark = slide.key_marks.get(checked.key) or slide.origin or Mark("?", 0, 0)
            message = f"{checked.name} {trouble} {where.format(language=language)}"
            problems.append(Problem(mark, Severity.WARNING, message))
    return problems


def _texts(view: SlideView, designed: SlideView) -> Iterator[_Checked]:
    """The shown texts of a laid-out view, each with whether it fits: as designed, at the smallest size; with
    larger text, at its designed size (a number: at least as large as its label) and inside the slide."""
    share = SMALLEST_SHARE if view is designed else 1 / view.access.text_factor
    for key in TEXT_KEYS:
        widget = getattr(view, key, None)
        if isinstance(widget, FitText) and _shown(widget, view):
            yield _Checked(key, key, widget.text(), widget.fits_at_share(share) and _inside(widget, view))
    counters = getattr(view, "counters", [])
    labels: list[FitText] = getattr(view, "labels", [])
    sources: list[FitText] = getattr(view, "sources", [])
    # A number shrunk below its label's size no longer reads as the slide's headline; with larger text, below its
    # label's larger size. (Not "below its own designed size": the designed size depends on how many cards share a
    # row, so a shorter number, larger as designed, would be flagged sooner.)
    label_px = view.scale.px(view.scale.designed_metrics.label_font * view.access.text_factor)
    for number, (counter, label, source) in enumerate(zip(counters, labels, sources), start=1):
        fits = counter.font().pixelSize() >= label_px and _inside(counter, view)
        yield _Checked(f"figure {number} number", "figures", counter.final_text(), fits)
        for part, widget in (("label", label), ("source", source)):
            if _shown(widget, view):
                fits = widget.fits_at_share(share) and _inside(widget, view)
                yield _Checked(f"figure {number} {part}", "figures", widget.text(), fits)


def _shown(widget: FitText, view: QWidget) -> bool:
    return bool(widget.text()) and widget.isVisibleTo(view)


def _inside(widget: QWidget, view: QWidget) -> bool:
    """True when ``widget`` lies wholly on the slide (nothing of it cut off by the screen's edge)."""
    return view.rect().contains(widget.geometry())
