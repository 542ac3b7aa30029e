"""Balanced headings: as many lines as the box needs, of even length, never one word alone on the last."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from kiosk.ui.fit_text import FitText

HEADING = "Belgium leads Europe in clinical trials per head of population"
CENTRED = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop


def wrapped_lines(text: str, font: QFont, width: float) -> list[str]:
    """The lines ``text`` breaks into at ``width``, as drawText with word wrap breaks it."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def widow_width(text: str, font: QFont) -> int:
    """A box width at which ``text`` wraps onto two lines with a single word on the last."""
    for width in range(2000, 300, -7):
        lines = wrapped_lines(text, font, width)
        if len(lines) == 2 and len(lines[-1].split()) == 1:
            return width
    raise AssertionError("no width leaves a widow; choose another text")


def shown(show_widget: Any, widget: FitText, width: int, height: int = 600) -> FitText:
    widget.set_preferred_pixel_size(48)
    return show_widget(widget, size=(width, height))


@pytest.mark.parametrize("alignment", [Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, CENTRED])
def test_a_balanced_heading_keeps_its_lines_and_leaves_no_word_alone(show_widget: Any, alignment: Any) -> None:
    heading = FitText(HEADING, balanced=True, alignment=alignment)
    heading.set_preferred_pixel_size(48)
    width = widow_width(HEADING, heading.fitted_font())
    shown(show_widget, heading, width)
    font = heading.fitted_font()
    full = wrapped_lines(HEADING, font, width)
    assert len(full[-1].split()) == 1, "the unbalanced text leaves a word alone"

    balanced = wrapped_lines(HEADING, font, heading.wrap_width())

    assert len(balanced) == len(full), "balancing never adds a line"
    assert len(balanced[-1].split()) >= 2
    assert " ".join(balanced) == " ".join(full), "no word is lost"
    assert heading.wrap_width() < width


def test_the_balanced_lines_stay_inside_the_box(show_widget: Any) -> None:
    heading = FitText(HEADING, balanced=True, alignment=CENTRED)
    heading.set_preferred_pixel_size(48)
    width = widow_width(HEADING, heading.fitted_font())
    shown(show_widget, heading, width)
    text_box = heading._text_rect()
    assert text_box.left() >= 0 and text_box.right() <= width
    assert abs(text_box.center().x() - width / 2) <= 0.5, "a centred heading is centred in its box"
    for line in wrapped_lines(HEADING, heading.fitted_font(), heading.wrap_width()):
        assert heading.fontMetrics().horizontalAdvance(line) <= width


def test_a_one_line_heading_is_left_as_it_is(show_widget: Any) -> None:
    heading = shown(show_widget, FitText("Short heading", balanced=True), 1200)
    assert heading.wrap_width() == 1200


def test_body_text_is_not_balanced(show_widget: Any) -> None:
    body = FitText(HEADING)
    body.set_preferred_pixel_size(48)
    width = widow_width(HEADING, body.fitted_font())
    shown(show_widget, body, width)
    assert body.wrap_width() == width


def test_a_new_text_is_balanced_again(show_widget: Any) -> None:
    heading = FitText("Short heading", balanced=True)
    heading.set_preferred_pixel_size(48)
    width = widow_width(HEADING, heading.fitted_font())
    shown(show_widget, heading, width)
    assert heading.wrap_width() == width
    heading.setText(HEADING)
    assert heading.wrap_width() < width
