"""What a transition frame shows: the leaving and the arriving slide, side by side for a push (the way the finger
or the slides go) and blended for a fade; drawn from two pictures while a finger drags, from a picture of the leaving
slide and the live arriving one otherwise."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QVariantAnimation
from PySide6.QtGui import QImage, QPainter

from kiosk.core.navigator import Position
from kiosk.player.controller import Motion
from tests.ui.conftest import statement, theme
from tests.ui.helpers import go

P = Position
FADE_TOLERANCE = 1
"""Levels per channel: the overlay and the test blend the same pictures, each rounding on its own."""


@pytest.fixture
def deck(deck_factory: Any) -> Any:
    """Static slides of two themes (different backgrounds), so the leaving and arriving halves differ everywhere."""
    slides = [statement(f"Slide {n}", f"The body of slide {n}, long enough to cross the middle.") for n in range(3)]
    return deck_factory([theme("a", slides), theme("b", [statement("Other theme", "Its body.")])])


def rgb(image: QImage) -> QImage:
    return image.convertToFormat(QImage.Format.Format_RGB32)


def part(image: QImage, x: int, width: int) -> QImage:
    return rgb(image).copy(QRect(x, 0, width, image.height()))


def max_difference(first: QImage, second: QImage) -> int:
    first_rgb, second_rgb = rgb(first), rgb(second)  # held: constBits points into them
    a, b = bytes(first_rgb.constBits()), bytes(second_rgb.constBits())
    assert len(a) == len(b)
    return max(abs(x - y) for x, y in zip(a, b))


def held_frame(qtbot: Any, make_player: Any, deck: Any, motion: Motion, progress: float) -> tuple[Any, QImage, QImage]:
    """The overlay held at ``progress`` from slide (0, 1) to (1, 0): (frame, leaving picture, arriving picture)."""
    player = make_player(deck)
    stage = player.window.stage
    go(qtbot, player, P(0, 1))
    leaving = stage.current_view().grab().toImage()
    arriving_view = stage.view_for(P(1, 0))
    arriving = arriving_view.grab().toImage()
    stage.overlay.show_frame(leaving, arriving, motion, progress)
    frame = stage.overlay.grab().toImage()
    stage.overlay.cancel()
    assert not arriving_view.isVisible(), "the arriving slide is a picture until the transition ends"
    return frame, leaving, arriving


@pytest.mark.parametrize("progress", [0.25, 0.6])
def test_a_push_forward_shows_the_leaving_slide_going_left_and_the_arriving_one_following(
    qtbot: Any, make_player: Any, deck: Any, progress: float
) -> None:
    frame, leaving, arriving = held_frame(qtbot, make_player, deck, Motion.FORWARD, progress)
    width = frame.width()
    shift = round(width * progress)
    assert part(frame, 0, width - shift) == part(leaving, shift, width - shift)
    assert part(frame, width - shift, shift) == part(arriving, 0, shift)


@pytest.mark.parametrize("progress", [0.25, 0.6])
def test_a_push_back_shows_the_arriving_slide_coming_in_from_the_left(
    qtbot: Any, make_player: Any, deck: Any, progress: float
) -> None:
    frame, leaving, arriving = held_frame(qtbot, make_player, deck, Motion.BACKWARD, progress)
    width = frame.width()
    shift = round(width * progress)
    assert part(frame, 0, shift) == part(arriving, width - shift, shift)
    assert part(frame, shift, width - shift) == part(leaving, 0, width - shift)


def test_a_fade_draws_the_arriving_slide_over_the_leaving_one_at_the_progress(
    qtbot: Any, make_player: Any, deck: Any
) -> None:
    frame, leaving, arriving = held_frame(qtbot, make_player, deck, Motion.FADE, 0.4)
    expected = rgb(leaving)
    painter = QPainter(expected)
    painter.setOpacity(0.4)
    painter.drawImage(QPoint(0, 0), arriving)
    painter.end()
    assert max_difference(frame, expected) <= FADE_TOLERANCE
    assert max_difference(frame, leaving) > 10 and max_difference(frame, arriving) > 10, "a blend of both"


def held_live_frame(qtbot: Any, make_player: Any, deck: Any, motion: Motion, at: float) -> tuple[QImage, Any, Any]:
    """A real transition from (0, 1) to (1, 0), held ``at`` of its time: (stage frame, leaving picture, overlay)."""
    player = make_player(deck)
    stage = player.window.stage
    go(qtbot, player, P(0, 1))
    leaving = stage.current_view().grab().toImage()
    player.controller.go_to(P(1, 0), motion)
    animation = stage.overlay.findChild(QVariantAnimation)
    animation.pause()
    animation.setCurrentTime(round(animation.duration() * at))
    return stage.grab().toImage(), leaving, stage


@pytest.mark.parametrize("motion", [Motion.FORWARD, Motion.BACKWARD])
def test_a_push_moves_the_leaving_picture_and_the_live_arriving_slide_side_by_side(
    qtbot: Any, make_player: Any, deck: Any, motion: Motion
) -> None:
    frame, leaving, stage = held_live_frame(qtbot, make_player, deck, motion, 0.5)
    arriving_view = stage.current_view()
    assert arriving_view.isVisible(), "the arriving slide is live under the overlay"
    arriving = arriving_view.grab().toImage()
    width = frame.width()
    shift = round(width * float(stage.overlay.findChild(QVariantAnimation).currentValue()))
    assert 0 < shift < width
    if motion is Motion.FORWARD:
        assert part(frame, 0, width - shift) == part(leaving, shift, width - shift)
        assert part(frame, width - shift, shift) == part(arriving, 0, shift)
    else:
        assert part(frame, 0, shift) == part(arriving, width - shift, shift)
        assert part(frame, shift, width - shift) == part(leaving, 0, width - shift)
    stage.overlay.finish_now()
    assert arriving_view.geometry() == stage.rect(), "the arriving slide ends in its place"


def test_a_fade_shows_the_leaving_picture_fading_over_the_live_arriving_slide(
    qtbot: Any, make_player: Any, deck: Any
) -> None:
    frame, leaving, stage = held_live_frame(qtbot, make_player, deck, Motion.FADE, 0.5)
    progress = float(stage.overlay.findChild(QVariantAnimation).currentValue())
    arriving = stage.current_view().grab().toImage()
    expected = rgb(leaving)
    painter = QPainter(expected)
    painter.setOpacity(progress)
    painter.drawImage(QPoint(0, 0), arriving)
    painter.end()
    assert max_difference(frame, expected) <= FADE_TOLERANCE
    assert max_difference(frame, leaving) > 10 and max_difference(frame, arriving) > 10, "a blend of both"
    stage.overlay.finish_now()
