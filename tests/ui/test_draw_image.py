"""Pictures keep their proportions: a background covers the slide by cropping, never by stretching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.ui.slides.base import draw_image, read_scaled

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


@pytest.mark.parametrize(("suffix", "cover"), [("jpg", True), ("jpg", False), ("png", True), ("png", False)])
def test_a_bitmap_is_read_at_the_size_it_is_drawn_and_keeps_its_proportions(
    qapp: Any, tmp_path: Path, suffix: str, cover: bool
) -> None:
    # GIVEN a large 2:1 photograph-like bitmap: a red disc on white
    source = QImage(2400, 1200, QImage.Format.Format_RGB32)
    source.fill(QColor("white"))
    painter = QPainter(source)
    painter.setBrush(QColor("red"))
    painter.drawEllipse(1200 - 240, 600 - 240, 480, 480)
    painter.end()
    path = tmp_path / f"photo.{suffix}"
    assert source.save(str(path))
    # WHEN it is read for a tall box
    mode = Qt.AspectRatioMode.KeepAspectRatioByExpanding if cover else Qt.AspectRatioMode.KeepAspectRatio
    read = read_scaled(path, QSize(200, 400), mode)
    # THEN only the size drawn was made, in the picture's proportions, and the disc is still round
    assert read.size() == (QSize(800, 400) if cover else QSize(200, 100))
    width, height = red_extent(read)
    assert abs(width - height) <= 4


def test_an_unreadable_bitmap_is_reported_not_drawn(qapp: Any, tmp_path: Path) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(b"not a picture")
    image = QImage(100, 100, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    assert not draw_image(painter, path, QRectF(0, 0, 100, 100))
    painter.end()
