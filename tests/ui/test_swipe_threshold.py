"""The swipe distance on a shown player: a mouse drag of exactly the threshold turns the slide, one pixel less does not.

The pointer's clock is a fake that moves only when the test says so: the drag is slow and
rests before the release, so no flick (a speed) can be what turns the slide, however loaded
the machine is.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.core.navigator import Position
from kiosk.deck import Deck
from tests.core.clock import FakeClock
from tests.ui.conftest import statement, theme
from tests.ui.helpers import Moves, Y, assert_showing, go, settle

SWIPE_DISTANCE = 0.1
"""A share that is a whole number of pixels on the 1280 px stage, so "exactly" is exact."""
STEPS = 8
STEP_S = 0.1
REST_S = 0.5
"""Longer than the flick's velocity window: a pointer resting this long before release is not flicking."""
START = Position(0, 1)
LEFT_BUTTON = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def clock(player: Any) -> FakeClock:
    """The clock the pointer gestures read, standing still unless advanced."""
    fake = FakeClock()
    player.pointer.clock = fake
    return fake


@pytest.fixture
def player(qtbot: Any, make_player: Any, deck_factory: Any) -> Any:
    """A three-slide deck with a swipe distance of a tenth of the width, shown on its middle slide."""
    deck: Deck = deck_factory(
        [theme("t", [statement("One"), statement("Two"), statement("Three")])],
        touch={"swipe_distance": SWIPE_DISTANCE},
    )
    shown = make_player(deck, time_scale=0.25)
    go(qtbot, shown, START)
    return shown


def threshold_px(player: Any) -> int:
    """The fewest pixels of travel that turn a slide on this stage, as the tracker compares them."""
    width = max(1, player.window.stage.width())
    share = player.controller.deck.touch.swipe_distance
    pixels = round(width * share)
    assert pixels / width == share, "the stage width times the share should be a whole number of pixels"
    assert (pixels - 1) / width < share
    return pixels


def slow_drag(player: Any, clock: FakeClock, travel: int) -> None:
    """Press in the middle of the stage, drag ``travel`` px (negative: left) slowly, rest, release."""
    stage = player.window.stage
    start = QPoint(stage.width() // 2, Y)
    QTest.mousePress(stage, LEFT_BUTTON, NO_MODIFIER, start)
    for i in range(1, STEPS + 1):
        clock.advance(STEP_S)
        QTest.mouseMove(stage, start + QPoint(round(travel * i / STEPS), 0))
    end = start + QPoint(travel, 0)
    assert stage.is_dragging(), "the slide follows the pointer"
    clock.advance(REST_S)
    QTest.mouseRelease(stage, LEFT_BUTTON, NO_MODIFIER, end)


DIRECTIONS = [
    pytest.param(-1, Position(0, 2), id="left: next slide"),
    pytest.param(1, Position(0, 0), id="right: previous slide"),
]


@pytest.mark.parametrize(("sign", "expected"), DIRECTIONS)
def test_a_drag_of_exactly_the_swipe_distance_turns_the_slide(
    qtbot: Any, player: Any, clock: FakeClock, sign: int, expected: Position
) -> None:
    moves = Moves(player.controller)
    slow_drag(player, clock, sign * threshold_px(player))
    assert moves.targets == [expected]
    settle(qtbot, player.window.stage)
    assert_showing(player, expected)


@pytest.mark.parametrize("sign", [pytest.param(-1, id="left"), pytest.param(1, id="right")])
def test_a_drag_one_pixel_short_of_the_swipe_distance_snaps_back(
    qtbot: Any, player: Any, clock: FakeClock, sign: int
) -> None:
    moves = Moves(player.controller)
    slow_drag(player, clock, sign * (threshold_px(player) - 1))
    assert moves.changes == []
    settle(qtbot, player.window.stage)
    assert moves.changes == []
    assert_showing(player, START)
