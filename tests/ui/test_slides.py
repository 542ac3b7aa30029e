"""Slide views on their own: long text fits, a broken picture shows a placeholder, figures fit their cards."""

from __future__ import annotations

import random
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage

from kiosk.deck import load_deck
from kiosk.ui.fit_text import FitText
from kiosk.ui.palette import TEXT_FAINT
from kiosk.ui.slides import create_slide_view
from kiosk.ui.slides.figures import FiguresSlideView
from tests.ui.conftest import figure, figures, statement, theme

SIZES = [(1920, 1080), (1080, 1920)]
WORDS = ["the", "Belgian", "biotech", "sector", "invests", "in", "research", "trials", "manufacturing", "vaccines"]


def show_view(qtbot: Any, deck: Any, theme_index: int, slide_index: int, size: tuple[int, int], lang: str = "") -> Any:
    theme_ = deck.themes[theme_index]
    view = create_slide_view(deck, theme_, theme_.slides[slide_index], lang or deck.default_language)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.finish_animations()
    return view


def needed_height(text: FitText) -> float:
    """The height ``text`` takes, wrapped to its width at the font it is drawn with."""
    metrics = QFontMetricsF(text.fitted_font())
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRectF(0, 0, text.width(), 1_000_000), flags, text.text()).height()


def assert_fits(text: FitText, view: Any) -> None:
    assert text.isVisible()
    assert needed_height(text) <= text.height() + 0.5, f"{text.text()[:30]!r} is clipped"
    assert view.rect().contains(text.geometry()), "the text lies inside the slide"


# -- text fitting -------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_300_word_statement_still_fits(qtbot: Any, deck_factory: Any, size: tuple[int, int]) -> None:
    words = " ".join(random.Random(300).choice(WORDS) for _ in range(300))
    deck = deck_factory([theme("t", [statement("A heading over a very long statement", words)])])
    view = show_view(qtbot, deck, 0, 0, size)
    assert len(view.body.text().split()) == 300
    assert view.body.fitted_font().pixelSize() < view.body._preferred_px, "so long a text has to shrink"
    for text in (view.heading, view.body):
        assert_fits(text, view)
    assert view.heading.geometry().bottom() < view.body.geometry().top(), "heading and body do not overlap"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_one_very_long_word_shrinks_to_fit_the_width(qtbot: Any, deck_factory: Any, size: tuple[int, int]) -> None:
    deck = deck_factory([theme("t", [statement("Word", "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4)])])
    view = show_view(qtbot, deck, 0, 0, size)
    metrics = QFontMetricsF(view.body.fitted_font())
    assert metrics.horizontalAdvance(view.body.text()) <= view.body.width() + 0.5
    assert_fits(view.body, view)


@pytest.mark.parametrize("size", [*SIZES, (1280, 720), (720, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_bundled_slide_fits_in_every_language(qtbot: Any, bundled_deck: Any, size: tuple[int, int]) -> None:
    deck = load_deck(bundled_deck).require()
    for t, theme_ in enumerate(deck.themes):
        for s in range(len(theme_.slides)):
            view = show_view(qtbot, deck, t, s, size)
            for language in deck.languages:
                view.set_language(language)
                for text in view.findChildren(FitText):
                    if text.isVisible() and text.text():
                        assert_fits(text, view)
            view.close()


# -- figures --------------------------------------------------------------------


@pytest.mark.parametrize("size", [*SIZES, (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_four_wide_counters_fit_their_cards(qtbot: Any, deck_factory: Any, size: tuple[int, int]) -> None:
    wide = [
        figure(999_999_999_999_999, prefix="€", suffix=" billion"),
        figure(-123456789.123456, decimals=6, suffix=" units"),
        figure(12345.5, decimals=1, prefix="about "),
        figure(7, suffix="%"),
    ]
    deck = deck_factory([theme("t", [figures("Four wide figures", *wide)])], languages=["en", "fr"])
    view = show_view(qtbot, deck, 0, 0, size)
    assert isinstance(view, FiguresSlideView)
    for language in ("en", "fr"):
        view.set_language(language)
        view.grab()  # paint, so the cards are placed
        assert len(view._cards) == 4
        for counter, card in zip(view.counters, view._cards):
            assert card.contains(counter.geometry()), f"{counter.text()!r} overflows its card"
            advance = QFontMetricsF(counter.font()).horizontalAdvance(counter.text())
            assert advance <= counter.contentsRect().width(), f"{counter.text()!r} is clipped"
        cards = view._cards
        assert not any(cards[a].intersects(cards[b]) for a in range(4) for b in range(a + 1, 4))


# -- pictures -------------------------------------------------------------------


def _faint_pixels(image: QImage, rect: Any) -> int:
    """Pixels close to the placeholder's text colour inside ``rect``."""
    faint = QColor(TEXT_FAINT)
    count = 0
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right(), 2):
            pixel = QColor(image.pixel(x, y))
            distance = abs(pixel.red() - faint.red()) + abs(pixel.green() - faint.green())
            if distance + abs(pixel.blue() - faint.blue()) < 40:
                count += 1
    return count


def image_deck(deck_factory: Any, picture: bytes) -> Any:
    slide = {"kind": "image", "image": "pictures/photo.png", "heading": "A photo", "caption": "Its caption"}
    return deck_factory(
        [theme("t", [slide])],
        files={"pictures/photo.png": picture},
        languages=["en", "fr"],
    )


@pytest.mark.parametrize(
    "garbage",
    [b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 64, b"", b"not a picture at all"],
    ids=["png-header", "empty", "text"],
)
def test_a_corrupt_image_shows_the_placeholder(qtbot: Any, deck_factory: Any, garbage: bytes) -> None:
    deck = image_deck(deck_factory, garbage)
    view = show_view(qtbot, deck, 0, 0, (1280, 720))
    image = view.grab().toImage()
    assert not image.isNull()
    assert view.image_missing
    assert view.placeholder.isVisible()
    assert view.placeholder.text() == "Image not available: photo.png"
    inner = view.placeholder.geometry().adjusted(12, 12, -12, -12)
    assert _faint_pixels(image, inner) > 20, "the placeholder's text should be drawn"
    assert [t for t in view.visible_texts() if t in ("A photo", "Its caption")] == ["A photo", "Its caption"]
    view.set_language("fr")
    view.grab()
    assert view.placeholder.text() == "Image indisponible : photo.png"


def test_a_valid_image_shows_no_placeholder(qtbot: Any, deck_factory: Any, tmp_path: Any) -> None:
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("#ff0000"))
    path = tmp_path / "red.png"
    assert picture.save(str(path))
    deck = image_deck(deck_factory, path.read_bytes())
    view = show_view(qtbot, deck, 0, 0, (1280, 720))
    image = view.grab().toImage()
    assert not view.image_missing
    assert not view.placeholder.isVisible()
    centre = view._picture.center()
    assert QColor(image.pixel(centre.x(), centre.y())) == QColor("#ff0000")


def test_a_corrupt_image_in_the_player_does_not_stop_it(qtbot: Any, deck_factory: Any, make_player: Any) -> None:
    from PySide6.QtTest import QTest

    from tests.ui.helpers import settle

    deck = deck_factory(
        [
            theme(
                "t",
                [
                    statement("Before"),
                    {"kind": "image", "image": "pictures/photo.png", "heading": "A photo"},
                    statement("After"),
                ],
            )
        ],
        files={"pictures/photo.png": b"\x89PNG broken"},
    )
    player = make_player(deck, time_scale=0.2)
    for _ in range(3):
        QTest.keyClick(player.window, Qt.Key.Key_Right)
        settle(qtbot, player.window.stage)
    assert player.window.stage.current_view().visible_texts()[1] == "After"
    QTest.keyClick(player.window, Qt.Key.Key_Left)
    settle(qtbot, player.window.stage)
    view = player.window.stage.current_view()
    player.window.grab()
    assert view.image_missing and view.placeholder.isVisible()


# -- what visible_texts reports --------------------------------------------------


def test_visible_texts_are_the_texts_of_visible_widgets(qtbot: Any, deck_factory: Any) -> None:
    deck = deck_factory(
        [
            theme(
                "t",
                [
                    {"kind": "title", "heading": "Opening", "subtitle": "Sub"},
                    figures("Numbers", figure(5)),
                    {"kind": "image", "image": "pictures/photo.png", "heading": "A photo"},
                ],
                title="Theme title",
            )
        ],
        files={"pictures/photo.png": b"broken"},
    )
    problems = []
    for index in range(3):
        view = show_view(qtbot, deck, 0, index, (1280, 720))
        view.grab()
        shown = {w.text() for w in view.findChildren(FitText) if w.isVisible() and w.text()}
        shown |= {c.text() for c in getattr(view, "counters", [])}
        if set(view.visible_texts()) != shown:
            problems.append((type(view).__name__, sorted(set(view.visible_texts()) ^ shown)))
    assert not problems
