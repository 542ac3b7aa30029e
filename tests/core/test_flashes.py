"""Counting flashes in synthetic luminance series: the WCAG 2.x general flash and its three-a-second limit."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from kiosk.core.flashes import (
    count_flashes,
    flashes_within_limit,
    most_flashes_in_a_second,
    relative_luminance,
    transitions,
)

FPS = 60


def square_wave(hz: float, low: float, high: float, seconds: float = 2.0, fps: int = FPS) -> list[tuple[float, float]]:
    """A screen area switching between ``low`` and ``high`` ``hz`` times a second (a flash each period)."""
    frames = round(seconds * fps)
    return [(i / fps, high if math.floor(2 * hz * i / fps) % 2 else low) for i in range(frames + 1)]


def sine(hz: float, low: float, high: float, seconds: float = 2.0, fps: int = FPS) -> list[tuple[float, float]]:
    middle, swing = (low + high) / 2, (high - low) / 2
    return [(i / fps, middle - swing * math.cos(2 * math.pi * hz * i / fps)) for i in range(round(seconds * fps) + 1)]


def test_the_relative_luminance_of_black_white_and_grey_is_wcags() -> None:
    assert relative_luminance(0, 0, 0) == 0
    assert relative_luminance(255, 255, 255) == pytest.approx(1)
    assert relative_luminance(119, 119, 119) == pytest.approx(0.184, abs=0.001)  # the 4.5:1 grey on white


@pytest.mark.parametrize("wave", [square_wave, sine], ids=["square", "sine"])
def test_three_flashes_a_second_pass_and_four_fail(wave: Callable[..., list[tuple[float, float]]]) -> None:
    three = wave(3, 0.05, 0.6)
    four = wave(4, 0.05, 0.6)
    assert most_flashes_in_a_second(three) == 3
    assert flashes_within_limit(three)
    assert most_flashes_in_a_second(four) == 4
    assert not flashes_within_limit(four)


def test_flicker_smaller_than_a_tenth_of_the_range_is_no_flash() -> None:
    assert transitions(square_wave(10, 0.30, 0.39)) == []
    assert flashes_within_limit(square_wave(10, 0.30, 0.39))


def test_flicker_between_two_bright_levels_is_no_flash() -> None:
    # The darker side is at 0.8 or above: WCAG does not count it, however fast.
    assert transitions(square_wave(10, 0.82, 0.98)) == []


def test_a_slow_fade_in_and_out_is_one_flash_not_one_per_frame() -> None:
    # Black to white over 0.3 s, white for 0.2 s, back to black over 0.3 s: one flash.
    series = [(i / FPS, min(1.0, i / 18, max(0.0, (48 - i) / 18))) for i in range(61)]
    assert count_flashes(series) == 1
    assert most_flashes_in_a_second(series) == 1


def test_a_single_change_is_half_a_flash() -> None:
    series = [(i / FPS, 0.05 if i < 10 else 0.9) for i in range(60)]
    assert len(transitions(series)) == 1
    assert count_flashes(series) == 0
    assert most_flashes_in_a_second(series) == 0.5


def test_flashes_spread_over_more_than_a_second_are_counted_per_second() -> None:
    # Two flashes, then a pause of a second, then two more: never more than two in any one second.
    burst = square_wave(4, 0.05, 0.6, seconds=0.5)
    later = [(t + 1.5, luminance) for t, luminance in burst]
    assert count_flashes(burst + later) == 4
    assert most_flashes_in_a_second(burst + later) == 2
