"""A theme's background: gradient, faded picture and accent bar, opaque, painted once and shared by its slides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter

from kiosk.deck.schema import Theme
from kiosk.deck.text import LocalizedText
from kiosk.ui.palette import BACKGROUND, BACKGROUND_DEEP, mix
from kiosk.ui.scale import Scale
from kiosk.ui.slides import base
from kiosk.ui.slides.base import BACKGROUND_IMAGE_OPACITY, draw_image, theme_background

# Bright shapes, one half-transparent, over a field left transparent: every way the picture meets the gradient.
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 90">'
    '<circle cx="50" cy="45" r="30" fill="#ffcc00"/>'
    '<rect x="90" y="20" width="50" height="50" fill="#33ddff" fill-opacity="0.5"/></svg>'
)
SIZE = QSize(320, 180)
TOLERANCE = 2
"""Rounding of the fade in 8-bit channels."""


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    base._BACKGROUNDS.clear()
    yield
    base._BACKGROUNDS.clear()


def make_theme(tmp_path: Path, accent: str = "#e4572e", picture: bool = True, name: str = "t") -> Theme:
    path = tmp_path / f"{name}.svg"
    path.write_text(SVG, encoding="utf-8")
    return Theme(id=name, title=LocalizedText({"en": name}), accent=accent, background=path if picture else None)


def reference(theme: Theme, size: QSize) -> QImage:
    """The background drawn the plain way: gradient, then the picture translucent over it, then the bar."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(BACKGROUND))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    gradient = QLinearGradient(0, 0, size.width(), size.height())
    gradient.setColorAt(0.0, mix(BACKGROUND, theme.accent, 0.10))
    gradient.setColorAt(0.55, QColor(BACKGROUND))
    gradient.setColorAt(1.0, QColor(BACKGROUND_DEEP))
    painter.fillRect(image.rect(), gradient)
    if theme.background is not None:
        layer = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        layer.fill(QColor(0, 0, 0, 0))
        layer_painter = QPainter(layer)
        layer_painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_image(layer_painter, theme.background, QRectF(layer.rect()), cover=True)
        layer_painter.end()
        painter.setOpacity(BACKGROUND_IMAGE_OPACITY)
        painter.drawImage(0, 0, layer)
        painter.setOpacity(1.0)
    scale = Scale(size.width(), size.height())
    painter.fillRect(QRect(0, 0, scale.px(scale.metrics.accent_bar), size.height()), QColor(theme.accent))
    painter.end()
    return image


def largest_difference(first: QImage, second: QImage) -> int:
    a = first.convertToFormat(QImage.Format.Format_RGB32)
    b = second.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            worst = max(worst, abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue()))
    return worst


@pytest.mark.parametrize("picture", [True, False])
def test_the_background_looks_as_the_picture_drawn_translucent_over_the_gradient(
    qapp: Any, tmp_path: Path, picture: bool
) -> None:
    theme = make_theme(tmp_path, picture=picture)
    painted = theme_background(theme, SIZE)
    assert largest_difference(painted, reference(theme, SIZE)) <= TOLERANCE


def test_the_picture_is_faded_not_left_out(qapp: Any, tmp_path: Path) -> None:
    with_picture = theme_background(make_theme(tmp_path, name="with"), SIZE)
    without = theme_background(make_theme(tmp_path, picture=False, name="without"), SIZE)
    centre = (50 * SIZE.width() // 160, 45 * SIZE.height() // 90)  # the yellow circle
    shown, plain = with_picture.pixelColor(*centre), without.pixelColor(*centre)
    assert shown.red() > plain.red() + 40, "the circle shows through"
    assert shown.red() < 200, "but faded: the gradient shows through it"


def test_the_background_is_opaque(qapp: Any, tmp_path: Path) -> None:
    background = theme_background(make_theme(tmp_path), SIZE)
    assert not background.hasAlphaChannel(), "an opaque background is copied, never blended"


def test_one_background_is_kept_and_shared(qapp: Any, tmp_path: Path) -> None:
    first, second = make_theme(tmp_path, name="first"), make_theme(tmp_path, accent="#2e86e4", name="second")
    a = theme_background(first, SIZE)
    assert theme_background(first, SIZE).cacheKey() == a.cacheKey(), "slides of one theme share one background"
    theme_background(second, SIZE)
    assert len(base._BACKGROUNDS) == 1
    assert theme_background(first, SIZE).cacheKey() != a.cacheKey(), "painted again after another theme's"


def test_a_new_size_paints_a_new_background(qapp: Any, tmp_path: Path) -> None:
    theme = make_theme(tmp_path)
    small: QImage = theme_background(theme, SIZE)
    large = theme_background(theme, QSize(400, 300))
    assert (small.width(), large.width()) == (320, 400)
