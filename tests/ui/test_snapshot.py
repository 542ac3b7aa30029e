"""Transition pictures: read back from the screen without what is stacked over the slide, and buffers reused."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.navigator import Position
from kiosk.ui.snapshot import TransitionPictures, blank_picture, copy_from_screen, covered_region, picture_of
from tests.ui.conftest import statement, theme
from tests.ui.helpers import go, settle

P = Position
Key = Qt.Key


@pytest.fixture
def deck(deck_factory: Any) -> Any:
    """Static slides (no counters), so a picture taken now and one taken later agree pixel for pixel."""
    slides = [statement(f"Slide {n}", f"The body of slide {n}.") for n in range(3)]
    return deck_factory([theme("a", slides), theme("b", [statement("Other theme", "Its body.")])])


def rgb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def same_pixels(first: QImage, second: QImage) -> bool:
    return rgb(first) == rgb(second)


def paint_a_frame(window: QWidget) -> None:
    """Paint the window into its backing store now, as the next frame would: what is on screen is up to date."""
    window.repaint()


def test_a_picture_of_the_slide_on_screen_matches_a_fresh_paint(qtbot: Any, make_player: Any, deck: Any) -> None:
    player = make_player(deck)
    go(qtbot, player, P(0, 1))
    view = player.window.stage.current_view()
    paint_a_frame(player.window)
    picture = blank_picture(view)
    assert copy_from_screen(view, picture), "the offscreen backing store is an image and can be read"
    assert same_pixels(picture, view.grab().toImage())


def test_widgets_stacked_over_the_slide_are_left_out(qtbot: Any, make_player: Any, deck: Any) -> None:
    player = make_player(deck)
    go(qtbot, player, P(0, 1))
    window, view = player.window, player.window.stage.current_view()
    card = QLabel("A CARD OVER THE SLIDE", window)
    card.setStyleSheet("background: #ff00ff; color: black;")
    card.setGeometry(QRect(200, 300, 500, 120))
    card.show()
    card.raise_()
    paint_a_frame(window)
    assert not covered_region(view).isEmpty()
    on_screen = window.grab().toImage()
    ratio = on_screen.devicePixelRatio()
    assert rgb(on_screen).pixelColor(round(250 * ratio), round(350 * ratio)).name() == "#ff00ff", "the card is shown"

    picture = picture_of(view)

    assert same_pixels(picture, view.grab().toImage()), "the picture shows the slide under the card"


def test_a_change_not_yet_painted_is_in_the_picture(qtbot: Any, make_player: Any, deck: Any) -> None:
    player = make_player(deck)
    go(qtbot, player, P(0, 0))
    paint_a_frame(player.window)
    view = player.window.stage.current_view()
    before = view.grab().toImage()
    view.theme_label.setText("A HEADING CHANGED JUST NOW")  # repainted at the next frame, not yet

    picture = picture_of(view)

    assert not same_pixels(picture, before)
    assert same_pixels(picture, view.grab().toImage())


def test_a_hidden_widget_is_painted_instead(qtbot: Any, make_player: Any, deck: Any) -> None:
    player = make_player(deck)
    stage = player.window.stage
    go(qtbot, player, P(0, 0))
    hidden = stage.view_for(P(0, 1))
    assert not hidden.isVisible()
    assert not copy_from_screen(hidden, blank_picture(hidden))
    assert same_pixels(picture_of(hidden), hidden.grab().toImage())


def test_a_transition_starts_from_what_was_on_screen(qtbot: Any, make_player: Any, deck: Any) -> None:
    player = make_player(deck)
    stage = player.window.stage
    go(qtbot, player, P(0, 1))
    paint_a_frame(player.window)
    leaving = stage.current_view().grab().toImage()

    QTest.keyClick(player.window, Key.Key_Right)

    assert stage.is_transitioning()
    # No event has run since the key press: the push is at its start, all old slide.
    assert same_pixels(stage.overlay.grab().toImage(), leaving)
    settle(qtbot, stage)


def test_buffers_are_reused_between_close_transitions_and_given_back_after(qtbot: Any, show_widget: Any) -> None:
    widget = show_widget(QWidget(), size=(320, 200))
    widget.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    widget.setStyleSheet("background: #204060;")
    pictures = TransitionPictures(keep_ms=150)

    first = pictures.shown(widget).cacheKey() >> 32  # the serial number of the pixel data
    second = pictures.shown(widget).cacheKey() >> 32

    assert first == second, "the same pixels are painted over, not a new buffer"
    assert pictures.holds_buffers()
    qtbot.waitUntil(lambda: not pictures.holds_buffers(), timeout=2000)


def test_a_buffer_of_another_size_is_replaced(show_widget: Any) -> None:
    widget = show_widget(QWidget(), size=(320, 200))
    pictures = TransitionPictures()
    small = pictures.shown(widget)
    widget.resize(400, 300)
    large = pictures.shown(widget)
    ratio = widget.devicePixelRatioF()
    assert (small.width(), large.width()) == (round(320 * ratio), round(400 * ratio))
