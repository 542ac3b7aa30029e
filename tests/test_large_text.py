"""Large text leaves ink: a heading and a counter, rendered by a process started as ``kiosk`` starts.

Qt's text drawing depends on settings read once per process (glyph cache
sizes among them), so this runs ``kiosk render`` in a fresh process rather
than in the test's own, whose QApplication pytest-qt created.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from PySide6.QtGui import QColor, QImage

from tests.conftest import REPO

ACCENT = "#f2b134"
SIZE = (1920, 1080)


def write_deck(folder: Path) -> None:
    slide = {
        "kind": "figures",
        "heading": "Investing in research",
        "figures": [{"value": 5.7, "decimals": 1, "prefix": "€", "suffix": " bn", "label": "R&D", "source": "x, 2022"}],
    }
    theme = {"id": "t", "title": "Theme", "accent": ACCENT, "slides": [slide]}
    (folder / "themes").mkdir(parents=True)
    (folder / "themes" / "t.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), encoding="utf-8")
    deck = {"title": "Ink", "themes": ["themes/t.yaml"]}
    (folder / "deck.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")


def ink_rows(image: QImage, colour: QColor, tolerance: int = 40) -> list[int]:
    """The rows (every other one) holding pixels of ``colour``, away from the left accent bar."""
    rows = []
    for y in range(0, image.height(), 2):
        for x in range(image.width() // 20, image.width(), 3):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red()) < tolerance
                and abs(c.green() - colour.green()) < tolerance
                and abs(c.blue() - colour.blue()) < tolerance
            ):
                rows.append(y)
                break
    return rows


def test_a_rendered_heading_and_counter_leave_ink(tmp_path: Path) -> None:
    deck, out = tmp_path / "deck", tmp_path / "out"
    write_deck(deck)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "render", str(deck), "--out", str(out), "--size", "{}x{}".format(*SIZE)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out / "001-t-01.png")).convertToFormat(QImage.Format.Format_RGB32)
    assert (image.width(), image.height()) == SIZE

    white_rows = ink_rows(image, QColor("#ffffff"))
    accent_rows = ink_rows(image, QColor(ACCENT))
    # The heading is white text, tens of pixels tall, in the upper part of the slide.
    assert len([y for y in white_rows if y < SIZE[1] // 3]) * 2 >= 30, "the heading is not drawn"
    # The counter is accent text over a hundred pixels tall: far more accent rows than the card's thin rule.
    assert len(accent_rows) * 2 >= 80, "the counter is not drawn"
