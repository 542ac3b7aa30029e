"""Pictures keep their proportions: a background covers the slide by cropping, never by stretching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.ui.slides.base import draw_image

# A 2:1 picture: a red circle in the middle of a white field.
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
    '<rect width="200" height="100" fill="white"/><circle cx="100" cy="50" r="20" fill="red"/></svg>'
)


def red_extent(image: QImage) -> tuple[int, int]:
    """Width and height of the red area."""
    xs, ys = [], []
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.red() > 200 and colour.green() < 80:
                xs.append(x)
                ys.append(y)
    return max(xs) - min(xs), max(ys) - min(ys)


@pytest.mark.parametrize("cover", [True, False])
def test_an_svg_keeps_its_proportions_in_a_tall_box(qapp: Any, tmp_path: Path, cover: bool) -> None:
    # GIVEN a wide picture and a tall target
    path = tmp_path / "wide.svg"
    path.write_text(SVG, encoding="utf-8")
    image = QImage(200, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("black"))
    # WHEN it is drawn to cover the target, or to fit inside it
    painter = QPainter(image)
    assert draw_image(painter, path, QRectF(0, 0, 200, 400), cover=cover)
    painter.end()
    # THEN the circle is still round
    width, height = red_extent(image)
    assert abs(width - height) <= 4
