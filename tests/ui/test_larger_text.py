"""Larger text: every text of the bundled deck 1.5 times its designed size, or as large as fits but never below
the design, inside the slide and clear of every other text; and through the player, the heading grows 1.5 times.

The rule: a text is asked for at 1.5x its designed size (the size of the same text in the same slide as
designed). Where the reflowed layout has not the room, it is drawn at the largest size that fits, which for
the bundled deck is never below its designed size. A figure's number, which shrinks to its card as designed,
is never smaller than in the designed layout.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QWidget

from kiosk.core.access import LARGER_TEXT_FACTOR, AccessModes
from kiosk.deck import Deck
from kiosk.ui.counter import CounterLabel
from kiosk.ui.fit_text import FitText
from kiosk.ui.home import HomeView
from kiosk.ui.slides import create_slide_view
from tests.ui.conftest import statement, theme

SIZES = [(1920, 1080), (1080, 1920)]
LARGER = AccessModes(larger_text=True)
ROUNDING_PX = 1
"""Design units become whole pixels: 1.5 times a rounded size is within a pixel of the rounded 1.5x size."""


def drawn_height(text: FitText) -> float:
    """The height ``text`` takes, wrapped to its width at the font it is drawn with."""
    metrics = QFontMetricsF(text.fitted_font())
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRectF(0, 0, text.width(), 1_000_000), flags, text.text()).height()


def shown_texts(view: Any) -> list[QWidget]:
    return [widget for widget in view.text_widgets() if widget.isVisibleTo(view) and widget.text()]


def pixel_size(widget: QWidget) -> int:
    return widget.fitted_font().pixelSize() if isinstance(widget, FitText) else widget.font().pixelSize()


def layout_problems(name: str, larger: Any, designed: Any) -> list[str]:
    """Every way the larger-text view breaks the rule, measured against the same slide as designed."""
    problems = []
    texts, designed_texts = shown_texts(larger), shown_texts(designed)
    assert len(texts) == len(designed_texts), f"{name}: the same texts are shown"
    for widget, as_designed in zip(texts, designed_texts):
        label = f"{name}: {widget.text()[:30]!r}"
        if isinstance(widget, FitText):
            asked, designed_px = widget._preferred_px, as_designed._preferred_px
            if abs(asked - designed_px * LARGER_TEXT_FACTOR) > ROUNDING_PX:
                problems.append(f"{label} asked for at {asked} px, not 1.5 x {designed_px}")
            if pixel_size(widget) < designed_px:
                problems.append(f"{label} drawn at {pixel_size(widget)} px, below its designed {designed_px}")
            if drawn_height(widget) > widget.height() + 0.5:
                problems.append(f"{label} is clipped at the bottom of its box")
        else:
            assert isinstance(widget, CounterLabel)
            if pixel_size(widget) < pixel_size(as_designed):
                problems.append(f"{label} number at {pixel_size(widget)} px, below {pixel_size(as_designed)}")
        if not larger.rect().contains(widget.geometry()):
            problems.append(f"{label} leaves the slide: {widget.geometry()}")
    for first, second in itertools.combinations(texts, 2):
        if first.geometry().intersects(second.geometry()):
            problems.append(f"{name}: {first.text()[:20]!r} overlaps {second.text()[:20]!r}")
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_bundled_slide_is_larger_and_still_fits(qtbot: Any, loaded_bundled_deck: Deck, size: tuple) -> None:
    deck = loaded_bundled_deck
    problems: list[str] = []
    grown = 0
    for theme_ in deck.themes:
        for number, slide in enumerate(theme_.slides, start=1):
            views = []
            for access in (AccessModes(), LARGER):
                view = create_slide_view(deck, theme_, slide, deck.default_language, access=access)
                qtbot.addWidget(view)
                view.resize(*size)
                view.show()  # laid out as on screen: a hidden widget gets its resize events only when shown
                qtbot.waitExposed(view)
                view.finish_animations()
                views.append(view)
            designed, larger = views
            for language in deck.languages:
                for view in views:
                    view.set_language(language)
                problems += layout_problems(f"{theme_.id} {number} ({language})", larger, designed)
            for view in views:
                view.close()
                grown += sum(
                    pixel_size(a) >= round(b._preferred_px * LARGER_TEXT_FACTOR) - ROUNDING_PX
                    for a, b in zip(shown_texts(larger), shown_texts(designed))
                    if isinstance(a, FitText)
                )
    assert not problems, "\n".join(problems)
    assert grown > 0, "texts are drawn at 1.5x where they fit"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_home_screen_texts_are_larger_and_still_fit(qtbot: Any, loaded_bundled_deck: Deck, size: tuple) -> None:
    deck = loaded_bundled_deck
    designed, larger = HomeView(deck, deck.default_language), HomeView(deck, deck.default_language, access=LARGER)
    for view in (designed, larger):
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
    problems = []
    for language in deck.languages:
        for view in (designed, larger):
            view.set_language(language)
        pairs = [(larger.title, designed.title), (larger.subtitle, designed.subtitle)]
        pairs += [(a._title, b._title) for a, b in zip(larger.tiles, designed.tiles)]
        for widget, as_designed in pairs:
            label = f"{language}: {widget.text()[:30]!r}"
            if abs(widget._preferred_px - as_designed._preferred_px * LARGER_TEXT_FACTOR) > ROUNDING_PX:
                problems.append(f"{label} asked for at {widget._preferred_px} px")
            if pixel_size(widget) < as_designed._preferred_px:
                problems.append(f"{label} drawn at {pixel_size(widget)} px, below {as_designed._preferred_px}")
            if drawn_height(widget) > widget.height() + 0.5:
                problems.append(f"{label} is clipped")
        boxes = [larger.title.geometry(), larger.subtitle.geometry()]
        for page in range(larger.page_count()):
            larger.show_page(page)
            on_page = [tile.geometry() for tile in larger.tiles if tile.isVisibleTo(larger)]
            if any(not larger.rect().contains(tile) for tile in on_page):
                problems.append(f"{language}: a tile leaves the screen on page {page + 1}")
            if any(a.intersects(b) for a, b in itertools.combinations(boxes + on_page, 2)):
                problems.append(f"{language}: texts or tiles overlap on page {page + 1}")
    assert not problems, "\n".join(problems)


# -- through the player ------------------------------------------------------------------


def ink_rows(image: QImage, area: QRect) -> int:
    """How many rows of ``area`` hold light (text) pixels: the height of the ink of white text on the dark slide."""
    rows = 0
    for y in range(max(0, area.top()), min(image.height(), area.bottom() + 1)):
        if any(image.pixelColor(x, y).lightness() > 200 for x in range(max(0, area.left()), area.right(), 2)):
            rows += 1
    return rows


def heading_ink(stage: Any) -> int:
    view = stage.current_view()
    image = view.grab().toImage()
    return ink_rows(image, view.heading.geometry())


def test_toggling_larger_text_makes_the_heading_on_screen_one_and_a_half_times_taller(
    make_player: Any, deck_factory: Any, qtbot: Any
) -> None:
    # GIVEN a slide with a short heading (one line in both modes) shown in the player
    deck = deck_factory([theme("t", [statement("Short", "A short body.")])])
    player = make_player(deck)
    controller, stage = player.controller, player.window.stage
    controller.theme(0)
    qtbot.waitUntil(lambda: not stage.is_transitioning() and stage.shown_position == controller.position)
    before = heading_ink(stage)
    assert before > 0, "the heading is drawn"
    # WHEN the visitor switches larger text on
    with qtbot.waitSignal(controller.access_changed):
        controller.toggle_access("larger_text")
    qtbot.waitUntil(lambda: stage.current_view().access.larger_text and stage.current_view().isVisible())
    # THEN the heading's ink is 1.5 times as tall
    after = heading_ink(stage)
    assert after / before == pytest.approx(LARGER_TEXT_FACTOR, rel=0.08), (before, after)
    # AND switching it off again restores the designed size
    controller.toggle_access("larger_text")
    qtbot.waitUntil(lambda: not stage.current_view().access.larger_text and stage.current_view().isVisible())
    assert heading_ink(stage) == pytest.approx(before, abs=2)
