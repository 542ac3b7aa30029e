"""Text stays legible over the themes' background pictures: WCAG 2.x contrast of every text against what lies under it.

Each slide of the bundled deck is shown at both design sizes and, in every
language, grabbed with its texts hidden: what is left is the background
(gradient, picture, cards, QR code) exactly as the viewer sees it behind the
text. Every pixel sampled under a text's rectangle is compared with the text's
colour; all but the rarest specks must reach the WCAG AA ratio. In high contrast (the visitor's display
mode) every text, large or not, must reach 7:1 (WCAG AAA for body text) against everything beneath it, on
the slides and on the home screen, also with larger text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QWidget

from kiosk.core.access import AccessModes
from kiosk.deck import Deck, load_deck
from kiosk.paths import resource
from kiosk.ui.fit_text import FitText
from kiosk.ui.home import HomeView
from kiosk.ui.palette import (
    HIGH_CONTRAST_COLOURS,
    TEXT,
    TEXT_FAINT,
    TEXT_SOFT,
    Colours,
    high_contrast_accent,
    stylesheet,
)
from kiosk.ui.slides import create_slide_view

THEMES = ["research", "clinical-trials", "biomanufacturing", "take-away"]
SIZES = [(1920, 1080), (1080, 1920)]
NORMAL_TEXT = 4.5
"""WCAG 2.x AA minimum for body-size text."""
LARGE_TEXT = 3.0
"""WCAG 2.x AA minimum for large text: here bold text of 24 px and more."""
LARGE_PIXELS = 24
HIGH_CONTRAST_TEXT = 7.0
"""WCAG 2.x AAA minimum for body-size text: in high contrast every text, large or not, reaches it."""
STRIDE = 3
"""Sample every third pixel in both directions: thin lines of the pictures are still hit."""
SPECKS = 0.002
"""Share of the sampled pixels allowed below the ratio (antialiased edges of cards and icons)."""


# -- WCAG 2.x -------------------------------------------------------------------------


def linear_channel(value: int) -> float:
    """An 8-bit sRGB channel as linear light (the sRGB transfer function inverted)."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


LINEAR = [linear_channel(value) for value in range(256)]


def relative_luminance(colour: QColor | str) -> float:
    """WCAG relative luminance, 0 for black to 1 for white."""
    c = QColor(colour)
    return 0.2126 * LINEAR[c.red()] + 0.7152 * LINEAR[c.green()] + 0.0722 * LINEAR[c.blue()]


def contrast_ratio(first: QColor | str, second: QColor | str) -> float:
    """WCAG contrast ratio between two colours, from 1 (same) to 21 (black on white)."""
    return luminance_contrast(relative_luminance(first), relative_luminance(second))


def luminance_contrast(first: float, second: float) -> float:
    """The contrast ratio of two relative luminances, in either order."""
    lighter, darker = max(first, second), min(first, second)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_ratio_of_known_pairs() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0), "the order does not matter"
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01), "the lightest grey passing AA"
    assert contrast_ratio("#0b1d33", "#0b1d33") == pytest.approx(1.0)
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert relative_luminance("#00ff00") == pytest.approx(0.7152)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=0.0001)


def test_the_palette_itself_passes_on_the_plain_background() -> None:
    for colour in (TEXT, TEXT_SOFT, TEXT_FAINT):
        assert contrast_ratio(colour, "#0b1d33") >= NORMAL_TEXT


# -- texts and what lies under them ----------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One text widget of a slide: what it is, the colour it is drawn in, the ratio it needs."""

    widget: QWidget
    role: str
    colour: str
    minimum: float


def is_large(font: QFont) -> bool:
    return font.pixelSize() >= LARGE_PIXELS and font.weight() >= QFont.Weight.Bold


def texts_of(view: Any, high_contrast: Colours | None = None) -> list[Text]:
    """Every text widget of ``view`` with its colour by role: headings white, counters and theme label accent
    (with ``high_contrast``, that palette's colours, and 7:1 for every text)."""
    accent, text, soft, faint = view.theme.accent, TEXT, TEXT_SOFT, TEXT_FAINT
    normal, large = NORMAL_TEXT, LARGE_TEXT
    if high_contrast is not None:
        accent, text, soft, faint = (
            high_contrast_accent(accent),
            high_contrast.text,
            high_contrast.text_soft,
            high_contrast.text_faint,
        )
        normal = large = HIGH_CONTRAST_TEXT
    texts = [Text(view.theme_label, "theme label", accent, normal)]
    heading = getattr(view, "heading", None)
    if heading is not None:
        texts.append(Text(heading, "heading", text, large if is_large(heading.fitted_font()) else normal))
    for name in ("subtitle", "body", "caption"):
        if getattr(view, name, None) is not None:
            texts.append(Text(getattr(view, name), name, soft, normal))
    if getattr(view, "address", None) is not None:
        texts.append(Text(view.address, "address", faint, normal))
    for counter in getattr(view, "counters", []):
        texts.append(Text(counter, "counter", accent, large if is_large(counter.font()) else normal))
    texts += [Text(label, "label", soft, normal) for label in getattr(view, "labels", [])]
    texts += [Text(source, "source", faint, normal) for source in getattr(view, "sources", [])]
    known = {id(text.widget) for text in texts}
    unknown = [type(widget).__name__ for widget in view.text_widgets() if id(widget) not in known]
    assert not unknown, f"give these texts of a {view.slide.kind} slide a colour in texts_of: {unknown}"
    return texts


def shown_text(widget: QWidget, view: QWidget) -> bool:
    return widget.isVisibleTo(view) and bool(widget.text()) and not widget.geometry().isEmpty()  # type: ignore[attr-defined]


def background_without_texts(view: Any, texts: list[Text]) -> QImage:
    """The slide as rendered with every text hidden (then shown again)."""
    shown = [text.widget for text in texts if text.widget.isVisibleTo(view)]
    for widget in shown:
        widget.hide()
    image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert not any(widget.isVisibleTo(view) for widget in shown), "the texts stayed hidden while grabbing"
    for widget in shown:
        widget.show()
    return image


def luminances_under(image: QImage, widget: QWidget) -> list[float]:
    """Relative luminance of every STRIDE-th pixel of ``image`` inside ``widget``'s rectangle."""
    return luminances_in(image, widget.geometry())


def luminances_in(image: QImage, area: QRect) -> list[float]:
    """Relative luminance of every STRIDE-th pixel of ``image`` inside ``area``."""
    rect = area.intersected(image.rect())
    data = image.constBits()
    line = image.bytesPerLine()
    result = []
    for y in range(rect.top(), rect.bottom() + 1, STRIDE):
        row = y * line
        for x in range(rect.left(), rect.right() + 1, STRIDE):
            at = row + 4 * x  # Format_RGB32 is 0xffRRGGBB: bytes B, G, R, A in memory
            result.append(0.2126 * LINEAR[data[at + 2]] + 0.7152 * LINEAR[data[at + 1]] + 0.0722 * LINEAR[data[at]])
    return result


def worst_ratio(colour: str, luminances: list[float]) -> float:
    """The contrast that all but SPECKS of the pixels reach (the most similar background, specks aside)."""
    text = relative_luminance(colour)
    ratios = sorted(luminance_contrast(text, value) for value in luminances)
    return ratios[math.floor(len(ratios) * SPECKS)]


@dataclass(frozen=True)
class Measure:
    slide: str
    role: str
    ratio: float
    minimum: float


def measure_slide(view: Any, name: str, high_contrast: Colours | None = None) -> list[Measure]:
    texts = [text for text in texts_of(view, high_contrast) if shown_text(text.widget, view)]
    image = background_without_texts(view, texts)
    return [
        Measure(name, text.role, worst_ratio(text.colour, luminances_under(image, text.widget)), text.minimum)
        for text in texts
    ]


@pytest.fixture(scope="module")
def deck(bundled_deck: Path) -> Deck:
    return load_deck(bundled_deck).require()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("theme_id", THEMES)
def test_every_text_stands_out_from_its_background(qtbot: Any, deck: Deck, theme_id: str, size: tuple) -> None:
    theme = next(theme for theme in deck.themes if theme.id == theme_id)
    assert theme.background is not None, f"the theme {theme.id} has a background picture"
    measures: list[Measure] = []
    for number, slide in enumerate(theme.slides, start=1):
        view = create_slide_view(deck, theme, slide, deck.default_language)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()  # shown, a view keeps the layout it has; a hidden one is laid out again by every grab
        qtbot.waitExposed(view)
        view.finish_animations()
        for language in deck.languages:
            view.set_language(language)
            measures += measure_slide(view, f"{theme.id} {number} ({slide.kind}, {language})")
        view.close()
    assert measures, "every slide has texts to measure"
    failures = [m for m in measures if m.ratio < m.minimum]
    assert not failures, "\n".join(f"{m.slide}: {m.role} {m.ratio:.2f} < {m.minimum}" for m in failures)
    for minimum in sorted({m.minimum for m in measures}):
        worst = min((m for m in measures if m.minimum == minimum), key=lambda m: m.ratio)
        print(f"{theme.id} {size[0]}x{size[1]}: {worst.ratio:.2f} >= {minimum} ({worst.role}, {worst.slide})")


# -- high contrast ---------------------------------------------------------------------


def test_the_high_contrast_palette_reaches_7_to_1_in_every_pairing() -> None:
    hc = HIGH_CONTRAST_COLOURS
    for text in (hc.text, hc.text_soft, hc.text_faint):
        for ground in (hc.background, hc.background_deep, hc.control, hc.control_highlight):
            assert contrast_ratio(text, ground) >= HIGH_CONTRAST_TEXT, (text, ground)


@pytest.mark.parametrize("accent", ["#f2b134", "#35cbb8", "#ff7a8a", "#7cb7ff", "#1f3a93", "#8b0000", "#000000"])
def test_a_themes_accent_is_lightened_to_7_to_1_on_black(accent: str) -> None:
    light = high_contrast_accent(accent)
    assert contrast_ratio(light, HIGH_CONTRAST_COLOURS.background) >= HIGH_CONTRAST_TEXT
    if contrast_ratio(accent, HIGH_CONTRAST_COLOURS.background) >= HIGH_CONTRAST_TEXT:
        assert light == QColor(accent).name(), "an accent light enough already is kept as it is"


def test_the_high_contrast_style_sheet_gives_the_controls_and_menus_7_to_1() -> None:
    sheet = stylesheet(resource("styles/kiosk.qss").read_text(encoding="utf-8"), high_contrast=True)
    hc = HIGH_CONTRAST_COLOURS
    assert f"color: {hc.text}" in sheet and f"background: {hc.background_deep}" in sheet
    assert f"background: {hc.control}" in sheet, "a selected menu item"
    assert TEXT_SOFT not in sheet and "rgba" not in sheet, "nothing of the designed palette is left"
    assert contrast_ratio(hc.text, hc.control) >= HIGH_CONTRAST_TEXT
    for high_contrast in (False, True):
        checked = stylesheet(resource("styles/kiosk.qss").read_text(encoding="utf-8"), high_contrast)
        rule = checked.split("QToolButton:checked {")[-1].split("}")[0]
        assert "border:" in rule and "solid" in rule, "a button that stays on is outlined, not only shaded"


def drawn_colour(widget: QWidget) -> str:
    """The colour a text widget paints its text in: a fitted text's own, a counter's from its style sheet."""
    if isinstance(widget, FitText):
        return widget.colour().name()
    return widget.styleSheet().split("color:")[1].split(";")[0].strip()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("larger_text", [False, True], ids=["high-contrast", "high-contrast-larger-text"])
def test_in_high_contrast_every_text_reaches_7_to_1_against_everything_beneath_it(
    qtbot: Any, deck: Deck, size: tuple, larger_text: bool
) -> None:
    access = AccessModes(high_contrast=True, larger_text=larger_text)
    measures: list[Measure] = []
    for theme in deck.themes:
        for number, slide in enumerate(theme.slides, start=1):
            view = create_slide_view(deck, theme, slide, deck.default_language, access=access)
            qtbot.addWidget(view)
            view.resize(*size)
            view.show()
            qtbot.waitExposed(view)
            view.finish_animations()
            for text in texts_of(view, HIGH_CONTRAST_COLOURS):
                assert QColor(drawn_colour(text.widget)).name() == QColor(text.colour).name(), text.role
            for language in deck.languages:
                view.set_language(language)
                measures += measure_slide(
                    view, f"{theme.id} {number} ({slide.kind}, {language})", HIGH_CONTRAST_COLOURS
                )
            view.close()
    assert len({m.slide for m in measures}) == deck.slide_count * len(deck.languages), "every slide is measured"
    failures = [m for m in measures if m.ratio < HIGH_CONTRAST_TEXT]
    assert not failures, "\n".join(f"{m.slide}: {m.role} {m.ratio:.2f} < {HIGH_CONTRAST_TEXT}" for m in failures)
    worst = min(measures, key=lambda m: m.ratio)
    print(f"high contrast {size[0]}x{size[1]}: {worst.ratio:.2f} >= {HIGH_CONTRAST_TEXT} ({worst.role}, {worst.slide})")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_home_screen_in_high_contrast_reaches_7_to_1(qtbot: Any, deck: Deck, size: tuple) -> None:
    view = HomeView(deck, deck.default_language, access=AccessModes(high_contrast=True))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    hc = HIGH_CONTRAST_COLOURS
    ratios = []
    for language in deck.languages:
        view.set_language(language)
        for page in range(view.page_count()):
            view.show_page(page)
            texts = [(view.title, hc.text), (view.subtitle, hc.text_soft)]
            texts += [(tile._title, hc.text) for tile in view.tiles if tile.isVisibleTo(view)]
            for widget, colour in texts:
                assert widget.colour().name() == QColor(colour).name()
            areas = [QRect(widget.mapTo(view, QPoint(0, 0)), widget.size()) for widget, _ in texts]
            for widget, _ in texts:
                widget.hide()
            image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
            for widget, _ in texts:
                widget.show()
            ratios += [
                (worst_ratio(colour, luminances_in(image, area)), f"{language} {widget.text()[:20]!r}")
                for (widget, colour), area in zip(texts, areas)
            ]
    failures = [(ratio, name) for ratio, name in ratios if ratio < HIGH_CONTRAST_TEXT]
    assert not failures, failures
    print(f"home in high contrast {size[0]}x{size[1]}: {min(ratios)[0]:.2f} >= {HIGH_CONTRAST_TEXT}")
