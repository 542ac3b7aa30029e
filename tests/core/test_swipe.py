"""The swipe recogniser on its own: pointer samples in, a gesture out. Pure tests, no Qt.

The screen is 1000 x 500 so shares are easy to read: the tap slop is 7.5 px, the
edge band 20 px (10 px top and bottom), the tap zones 120 px and a swipe 80 px.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.swipe import Gesture, SwipeTracker
from kiosk.deck.schema import TouchOptions

W, H = 1000, 500
Sample = tuple[float, float, float]  # x, y, seconds


def run(samples: Sequence[Sample], options: TouchOptions | None = None) -> Gesture:
    """Press at the first sample, move through the middle ones, release at the last."""
    tracker = SwipeTracker(W, H, options or TouchOptions())
    tracker.press(*samples[0])
    for sample in samples[1:-1]:
        tracker.move(*sample)
    return tracker.release(*samples[-1])


def drag(
    x0: float, x1: float, seconds: float, y0: float = 250, y1: float | None = None, steps: int = 10
) -> list[Sample]:
    """Evenly spaced samples of a straight drag from (x0, y0) to (x1, y1) over ``seconds``."""
    y1 = y0 if y1 is None else y1
    return [(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps, seconds * i / steps) for i in range(steps + 1)]


def hold_then(samples: list[Sample], hold_s: float) -> list[Sample]:
    """The same drag, released after the finger rests ``hold_s`` at its last point."""
    x, y, t = samples[-1]
    return [*samples, (x, y, t + hold_s)]


TABLE: dict[str, tuple[list[Sample], Gesture]] = {
    # a long swipe: a third of the screen, taking its time
    "long swipe left": (drag(700, 300, 0.5), Gesture.NEXT),
    "long swipe right": (drag(300, 700, 0.5), Gesture.PREVIOUS),
    "long slow swipe left, held before release": (hold_then(drag(700, 400, 1.0), 0.5), Gesture.NEXT),
    "swipe just past the distance": (hold_then(drag(500, 419, 1.0), 0.5), Gesture.NEXT),
    "slightly diagonal swipe": (drag(700, 300, 0.4, y0=200, y1=300), Gesture.NEXT),
    # a flick: short (5 %) but fast
    "short fast flick left": (drag(500, 450, 0.04, steps=4), Gesture.NEXT),
    "short fast flick right": (drag(500, 550, 0.04, steps=4), Gesture.PREVIOUS),
    "flick after a rest": (
        [(500, 250, 0.0), (490, 250, 0.05), (490, 250, 0.6), (470, 250, 0.62), (455, 250, 0.64)],
        Gesture.NEXT,
    ),
    # too short and too slow: the slide snaps back
    "short slow drag": (drag(500, 440, 1.0), Gesture.NONE),
    "short drag held before release": (hold_then(drag(500, 440, 0.05, steps=3), 0.5), Gesture.NONE),
    "fast but tiny flick (below the flick distance)": (drag(500, 485, 0.01, steps=3), Gesture.NONE),
    # taps
    "tap in the middle": ([(500, 250, 0.0), (500, 250, 0.1)], Gesture.TAP),
    "tap with a wobble inside the slop": ([(500, 250, 0.0), (505, 254, 0.05), (503, 251, 0.1)], Gesture.TAP),
    "tap in the right edge zone": ([(950, 250, 0.0), (950, 250, 0.1)], Gesture.TAP_NEXT),
    "tap at the right zone's inner edge": ([(880, 250, 0.0), (880, 250, 0.1)], Gesture.TAP_NEXT),
    "tap in the left edge zone": ([(50, 250, 0.0), (50, 250, 0.1)], Gesture.TAP_PREVIOUS),
    "tap at the left zone's inner edge": ([(120, 250, 0.0), (120, 250, 0.1)], Gesture.TAP_PREVIOUS),
    "tap just inside the middle": ([(121, 250, 0.0), (121, 250, 0.1)], Gesture.TAP),
    "long press without moving": ([(500, 250, 0.0), (500, 250, 2.0)], Gesture.TAP),
    # never a turn
    "vertical drag down": (drag(500, 500, 0.3, y0=100, y1=400), Gesture.NONE),
    "vertical fast flick up": (drag(500, 510, 0.03, y0=400, y1=100, steps=3), Gesture.NONE),
    "steep diagonal": (drag(500, 300, 0.4, y0=100, y1=400), Gesture.NONE),
    "swipe from the left edge band": (drag(10, 500, 0.3), Gesture.NONE),
    "swipe from the right edge band": (drag(990, 400, 0.3), Gesture.NONE),
    "swipe from the top edge band": (drag(700, 300, 0.3, y0=5, y1=5), Gesture.NONE),
    "swipe from the bottom edge band": (drag(700, 300, 0.3, y0=495, y1=495), Gesture.NONE),
    "fast flick from the edge band": (drag(15, 80, 0.03, steps=3), Gesture.NONE),
}


@pytest.mark.parametrize(("samples", "expected"), list(TABLE.values()), ids=list(TABLE))
def test_gesture_table(samples: list[Sample], expected: Gesture) -> None:
    # Times are shifted far from zero, as time.monotonic() values are.
    shifted = [(x, y, t + 12345.0) for x, y, t in samples]
    assert run(shifted) is expected


def test_a_drag_that_comes_back_is_no_tap_and_is_judged_by_where_it_ends() -> None:
    # moved away and back: not a tap (the finger travelled), and too short (and too slow) to turn
    there = drag(500, 300, 0.3)
    back = [(x, y, t + 0.3) for x, y, t in drag(300, 498, 0.6)[1:]]
    assert run(hold_then([*there, *back], 0.3)) is Gesture.NONE
    # the same out and back, ending far enough on the other side, turns that way
    further = [(x, y, t + 0.3) for x, y, t in drag(300, 700, 0.6)[1:]]
    assert run(hold_then([*there, *further], 0.3)) is Gesture.PREVIOUS


# -- thresholds from the deck ------------------------------------------------------------


@pytest.mark.parametrize(
    ("samples", "options", "default", "changed"),
    [
        pytest.param(
            drag(700, 400, 1.0), TouchOptions(swipe_distance=0.5), Gesture.NEXT, Gesture.NONE, id="swipe_distance up"
        ),
        pytest.param(
            drag(500, 450, 1.0), TouchOptions(swipe_distance=0.04), Gesture.NONE, Gesture.NEXT, id="swipe_distance down"
        ),
        pytest.param(
            drag(500, 450, 0.04, steps=4),
            TouchOptions(flick_speed=5.0),
            Gesture.NEXT,
            Gesture.NONE,
            id="flick_speed up",
        ),
        pytest.param(
            drag(500, 450, 0.2, steps=4),
            TouchOptions(flick_speed=0.2),
            Gesture.NONE,
            Gesture.NEXT,
            id="flick_speed down",
        ),
        pytest.param(
            drag(30, 500, 0.3), TouchOptions(edge_band=0.05), Gesture.PREVIOUS, Gesture.NONE, id="edge_band wider"
        ),
        pytest.param(
            drag(10, 500, 0.3), TouchOptions(edge_band=0.0), Gesture.NONE, Gesture.PREVIOUS, id="edge_band off"
        ),
        pytest.param(
            [(750, 250, 0), (750, 250, 0.1)],
            TouchOptions(tap_zone=0.3),
            Gesture.TAP,
            Gesture.TAP_NEXT,
            id="tap_zone wider right",
        ),
        pytest.param(
            [(250, 250, 0), (250, 250, 0.1)],
            TouchOptions(tap_zone=0.3),
            Gesture.TAP,
            Gesture.TAP_PREVIOUS,
            id="tap_zone wider left",
        ),
        pytest.param(
            [(950, 250, 0), (950, 250, 0.1)],
            TouchOptions(tap_zone=0.01),
            Gesture.TAP_NEXT,
            Gesture.TAP,
            id="tap_zone narrower",
        ),
    ],
)
def test_touch_options_change_the_outcome(
    samples: list[Sample], options: TouchOptions, default: Gesture, changed: Gesture
) -> None:
    assert run(samples) is default
    assert run(samples, options) is changed


# -- following the finger -----------------------------------------------------------------


def test_move_returns_the_follow_offset_only_once_the_drag_is_horizontal() -> None:
    tracker = SwipeTracker(W, H)
    tracker.press(500, 250, 0.0)
    assert tracker.active
    assert tracker.move(503, 252, 0.01) is None  # inside the tap slop
    assert not tracker.following
    assert tracker.move(506, 280, 0.02) is None  # moved, but mostly vertically
    assert not tracker.following
    assert tracker.move(560, 285, 0.03) == 60  # now horizontal: follow by the horizontal travel
    assert tracker.following
    assert tracker.move(420, 260, 0.04) == -80  # follows to the other side too
    assert tracker.move(420, 380, 0.05) == -80  # once following, it keeps following
    tracker.release(420, 380, 0.06)
    assert not tracker.active


def test_move_follows_a_plain_horizontal_drag_from_the_first_move_past_the_slop() -> None:
    tracker = SwipeTracker(W, H)
    tracker.press(600, 250, 0.0)
    offsets = [tracker.move(x, 250, i * 0.016) for i, x in enumerate((597, 593, 590, 580, 540), start=1)]
    assert offsets == [None, None, -10, -20, -60]


def test_a_drag_from_the_edge_band_never_follows() -> None:
    tracker = SwipeTracker(W, H)
    tracker.press(5, 250, 0.0)
    assert [tracker.move(x, 250, x / 1000) for x in (50, 200, 600)] == [None, None, None]
    assert not tracker.following
    assert tracker.release(600, 250, 0.7) is Gesture.NONE


def test_a_vertical_drag_never_follows() -> None:
    tracker = SwipeTracker(W, H)
    tracker.press(500, 100, 0.0)
    assert [tracker.move(505, y, y / 1000) for y in (150, 250, 400)] == [None, None, None]
    assert tracker.release(505, 400, 0.5) is Gesture.NONE


def test_without_a_press_nothing_happens() -> None:
    tracker = SwipeTracker(W, H)
    assert not tracker.active
    assert tracker.move(100, 100, 0.0) is None
    assert tracker.release(100, 100, 0.1) is Gesture.NONE


def test_cancel_forgets_the_sequence() -> None:
    tracker = SwipeTracker(W, H)
    tracker.press(700, 250, 0.0)
    tracker.move(500, 250, 0.1)
    assert tracker.following
    tracker.cancel()
    assert not tracker.active
    assert not tracker.following
    assert tracker.release(300, 250, 0.2) is Gesture.NONE


def test_one_tracker_serves_sequence_after_sequence() -> None:
    tracker = SwipeTracker(W, H)
    for samples, expected in (
        TABLE["long swipe left"],
        TABLE["tap in the middle"],
        TABLE["swipe from the left edge band"],
        TABLE["long swipe right"],
    ):
        tracker.press(*samples[0])
        for sample in samples[1:-1]:
            tracker.move(*sample)
        assert tracker.release(*samples[-1]) is expected


def test_the_slop_and_distances_are_shares_of_the_screen() -> None:
    # the same gestures on a screen four times larger, with every distance scaled
    big = SwipeTracker(4 * W, 4 * H)
    for samples, expected in TABLE.values():
        big.press(*(4 * samples[0][0], 4 * samples[0][1], samples[0][2]))
        for x, y, t in samples[1:-1]:
            big.move(4 * x, 4 * y, t)
        x, y, t = samples[-1]
        assert big.release(4 * x, 4 * y, t) is expected


def test_a_flick_to_the_right_never_turns_to_the_next_slide() -> None:
    # The finger drags slowly 6 % to the left (not enough to turn), then flicks back 3 % to the
    # right in 30 ms (1 screen width per second, above flick_speed). Whatever the flick means,
    # it went to the right: it must not show the next slide.
    samples = [(500, 250, 0.0), (480, 250, 0.2), (460, 250, 0.4), (440, 250, 0.6), (470, 250, 0.63)]
    assert run(samples) is not Gesture.NEXT


# -- properties --------------------------------------------------------------------------

MIRROR = {
    Gesture.NEXT: Gesture.PREVIOUS,
    Gesture.PREVIOUS: Gesture.NEXT,
    Gesture.TAP_NEXT: Gesture.TAP_PREVIOUS,
    Gesture.TAP_PREVIOUS: Gesture.TAP_NEXT,
    Gesture.TAP: Gesture.TAP,
    Gesture.NONE: Gesture.NONE,
}

coordinate_x = st.integers(min_value=0, max_value=W)
coordinate_y = st.integers(min_value=0, max_value=H)
time_step = st.integers(min_value=1, max_value=300).map(lambda ms: ms / 1000)
samples_strategy = st.lists(st.tuples(coordinate_x, coordinate_y, time_step), min_size=1, max_size=12).map(
    lambda steps: [(x, y, sum(dt for *_, dt in steps[: i + 1])) for i, (x, y, _) in enumerate(steps)]
)


@settings(max_examples=100, deadline=None)
@given(samples=samples_strategy)
def test_mirrored_input_gives_the_mirrored_gesture(samples: list[Sample]) -> None:
    mirrored = [(W - x, y, t) for x, y, t in samples]
    assert run(mirrored) is MIRROR[run(samples)]


@settings(max_examples=100, deadline=None)
@given(samples=samples_strategy)
def test_what_a_gesture_means_is_consistent_with_where_it_started_and_ended(samples: list[Sample]) -> None:
    gesture = run(samples)
    (x0, y0, _), (x1, y1, _) = samples[0], samples[-1]
    dx, dy = x1 - x0, y1 - y0
    band = TouchOptions().edge_band
    from_edge = x0 < W * band or x0 > W * (1 - band) or y0 < H * band or y0 > H * (1 - band)
    if gesture in (Gesture.NEXT, Gesture.PREVIOUS):
        assert not from_edge
        assert abs(dy) <= abs(dx) * 0.6
        assert (dx < 0) == (gesture is Gesture.NEXT)
        assert abs(dx) >= W * 0.02
    if gesture in (Gesture.TAP, Gesture.TAP_NEXT, Gesture.TAP_PREVIOUS):
        slop = min(W, H) * 0.015
        assert all(abs(x - x0) <= slop and abs(y - y0) <= slop for x, y, _ in samples)
    if not from_edge and abs(dy) <= abs(dx) * 0.6 and abs(dx) >= W * TouchOptions().swipe_distance:
        assert gesture is (Gesture.NEXT if dx < 0 else Gesture.PREVIOUS)


@settings(max_examples=100, deadline=None)
@given(samples=samples_strategy)
def test_the_slide_only_follows_drags_that_start_away_from_the_edges(samples: list[Sample]) -> None:
    tracker = SwipeTracker(W, H)
    tracker.press(*samples[0])
    x0, y0, _ = samples[0]
    band = TouchOptions().edge_band
    from_edge = x0 < W * band or x0 > W * (1 - band) or y0 < H * band or y0 > H * (1 - band)
    for x, y, t in samples[1:]:
        offset = tracker.move(x, y, t)
        if offset is not None:
            assert not from_edge
            assert offset == x - x0


# -- the distance threshold itself ---------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "swipe_distance", "threshold_px"),
    [(W, 0.08, 80), (1280, 0.1, 128), (1920, 0.05, 96), (720, 0.25, 180)],
    ids=["default on 1000 px", "0.1 on 1280 px", "0.05 on 1920 px", "0.25 on 720 px"],
)
@pytest.mark.parametrize(("sign", "turn"), [(-1, Gesture.NEXT), (1, Gesture.PREVIOUS)], ids=["left", "right"])
def test_a_slow_swipe_of_exactly_the_distance_turns_and_one_pixel_less_snaps_back(
    width: float, swipe_distance: float, threshold_px: int, sign: int, turn: Gesture
) -> None:
    # "A drag must cover" the share: the threshold itself counts. The pixel counts are exact
    # in floating point, as the tracker compares them (travel / width against the share).
    assert threshold_px / width == swipe_distance
    assert (threshold_px - 1) / width < swipe_distance
    options = TouchOptions(swipe_distance=swipe_distance)
    start = width / 2

    def swipe(travel_px: int) -> Gesture:
        # Slow, and held before release, so no flick can be what turns it.
        tracker = SwipeTracker(width, H, options)
        samples = hold_then(drag(start, start + sign * travel_px, 2.0, steps=20), 0.5)
        tracker.press(*samples[0])
        for sample in samples[1:-1]:
            tracker.move(*sample)
        return tracker.release(*samples[-1])

    assert swipe(threshold_px) is turn
    assert swipe(threshold_px - 1) is Gesture.NONE
