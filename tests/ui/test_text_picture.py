"""Large text is painted once into a picture and copied afterwards: the same pixels, painted again only on change."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from kiosk.core.navigator import Position
from kiosk.deck.schema import Figure
from kiosk.deck.text import LocalizedText
from kiosk.ui import text_picture
from kiosk.ui.counter import CounterLabel
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import font
from kiosk.ui.snapshot import prepare_first_paint
from kiosk.ui.text_picture import LARGEST_CACHED_GLYPH_PX, TextPicture
from tests.ui.conftest import statement, theme, title
from tests.ui.helpers import go, settle

LARGE_PX = 3 * LARGEST_CACHED_GLYPH_PX
"""A size Qt fills as outlines at every paint (a 4K heading)."""
SMALL_PX = LARGEST_CACHED_GLYPH_PX // 2
FLAGS = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
TEXT = "Ångström, €5.7 billion in R&D (gÿ)"


class PaintCounter:
    """Counts the texts painted from glyphs (not copied from a picture); ``grab`` paints a widget as a frame does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.texts: list[str] = []
        original = text_picture._draw_text

        def counting(painter: QPainter, rect: QRectF, flags: int, text: str, font: QFont, colour: QColor) -> None:
            self.texts.append(text)
            original(painter, rect, flags, text, font, colour)

        monkeypatch.setattr(text_picture, "_draw_text", counting)


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> PaintCounter:
    return PaintCounter(monkeypatch)


def drawn(pixels: int, through_picture: bool, offset: tuple[int, int] = (13, 7)) -> QImage:
    image = QImage(1800, 700, QImage.Format.Format_RGB32)
    image.fill(QColor("#102030"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.translate(*offset)
    rect, text_font, colour = QRectF(0, 0, 1700, 650), font(pixels, QFont.Weight.Bold), QColor("#f5b335")
    clip = QRect(0, 0, 1700, 650)  # a widget's rect: Qt clips what the widget paints to it
    painter.setClipRect(clip)
    if through_picture:
        TextPicture().draw(painter, rect, FLAGS, TEXT, text_font, colour, clip)
    else:
        painter.setFont(text_font)
        painter.setPen(colour)
        painter.drawText(rect, FLAGS, TEXT)
    painter.end()
    return image


@pytest.mark.parametrize("pixels", [LARGE_PX, SMALL_PX])
def test_a_text_through_its_picture_has_the_pixels_of_the_text_drawn_directly(qapp: Any, pixels: int) -> None:
    direct, through = drawn(pixels, through_picture=False), drawn(pixels, through_picture=True)
    assert direct == through
    assert direct != drawn(pixels, through_picture=False, offset=(0, 0)), "the text is there to compare"


def test_large_text_is_painted_once_and_copied_at_each_repaint(
    qtbot: Any, show_widget: Any, painted: PaintCounter
) -> None:
    widget = show_widget(FitText(TEXT, balanced=True), size=(1600, 600))
    widget.set_preferred_pixel_size(LARGE_PX)
    widget.grab()
    assert painted.texts == [TEXT] and widget.holds_picture()
    widget.grab()
    widget.grab()
    assert painted.texts == [TEXT], "copied from the picture"
    widget.setText("Another heading")
    widget.grab()
    assert painted.texts == [TEXT, "Another heading"], "a new text is painted anew"


def test_small_text_is_drawn_by_qt_with_no_picture(qtbot: Any, show_widget: Any, painted: PaintCounter) -> None:
    widget = show_widget(FitText(TEXT), size=(1600, 600))
    widget.set_preferred_pixel_size(SMALL_PX)
    widget.grab()
    widget.grab()
    assert painted.texts == [TEXT, TEXT], "Qt's glyph cache draws it quickly: no picture to hold"
    assert not widget.holds_picture()


def test_a_hidden_text_gives_its_picture_back(qtbot: Any, show_widget: Any) -> None:
    widget = show_widget(FitText(TEXT), size=(1600, 600))
    widget.set_preferred_pixel_size(LARGE_PX)
    widget.grab()
    assert widget.holds_picture()
    widget.hide()
    assert not widget.holds_picture()


def test_a_counter_keeps_its_text_at_rest_as_a_picture_and_draws_the_count_directly(
    qtbot: Any, show_widget: Any, painted: PaintCounter
) -> None:
    figure = Figure(value=5.7, decimals=1, prefix=LocalizedText.plain("€"), duration=0.3)
    counter = show_widget(CounterLabel(figure, "en"))
    counter.set_pixel_size(LARGE_PX)
    counter.grab()
    counter.grab()
    assert painted.texts == ["€5.7"], "the final value is painted once"
    with qtbot.waitSignal(counter.finished, timeout=5000):
        counter.start()
    counter.grab()
    assert painted.texts == ["€5.7", "€5.7"], "the values in between were drawn as they came; the final one anew"


def test_a_slide_arriving_in_a_transition_shows_its_large_texts_without_painting_them_again(
    qtbot: Any, make_player: Any, deck_factory: Any, painted: PaintCounter
) -> None:
    deck = deck_factory([theme("a", [statement("First", "One."), title("A large heading", "A subtitle")])])
    player = make_player(deck, size=(1920, 1080))  # the heading above Qt's glyph cache, as on a 4K screen
    stage = player.window.stage
    go(qtbot, player, Position(0, 0))
    arriving = stage.view_for(Position(0, 1))
    arriving.resize(stage.size())
    prepare_first_paint(arriving)
    prepared = list(painted.texts)
    large = [w for w in arriving.findChildren(FitText) if w.holds_picture()]
    assert large, "the heading is large enough to be kept as a picture"
    player.controller.next()
    settle(qtbot, stage)
    arriving.grab()
    repainted = painted.texts[len(prepared) :]
    assert not {w.text() for w in large} & set(repainted), "prepared before the transition, copied after it"
