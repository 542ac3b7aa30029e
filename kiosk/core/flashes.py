"""Counting flashes in a series of relative luminances, as WCAG 2.x defines a general flash.

A general flash is "a pair of opposing changes in relative luminance of 10% or more of the maximum
relative luminance where the relative luminance of the darker image is below 0.80". Success
criterion 2.3.1 allows no more than three of them in any one-second period. Here the series is one
screen area's mean relative luminance (0 black, 1 white) sampled over time; each change of at least
``CHANGE`` between a turning point and a later sample, the darker side below ``DARK_BELOW``, is a
transition, and two transitions make a flash.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

CHANGE = 0.10
"""The smallest change of relative luminance that counts: 10% of the maximum (1.0)."""
DARK_BELOW = 0.80
"""A change counts only while the darker of its two sides is below this relative luminance."""
WINDOW_S = 1.0
LIMIT_PER_SECOND = 3
"""WCAG 2.3.1 (Three Flashes or Below Threshold): no more than three flashes in any one second."""
_EPSILON_S = 1e-9
"""Sample times at exact fractions of a second must not put one change in two windows through rounding."""

Sample = tuple[float, float]
"""(seconds, relative luminance)."""


def relative_luminance(red: int, green: int, blue: int) -> float:
    """The WCAG relative luminance of an 8-bit sRGB colour: 0 for black, 1 for white."""
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def transitions(samples: Iterable[Sample], change: float = CHANGE, dark_below: float = DARK_BELOW) -> list[float]:
    """The times at which the luminance has changed by ``change`` or more since its last turning point.

    Successive transitions alternate in direction: a slow fade counts once, however many samples it
    spans; a flicker that never gets ``change`` away from its extreme does not count at all.
    """
    times: list[float] = []
    direction = 0  # +1 rising, -1 falling, 0 before the first transition
    lowest = highest = extreme = 0.0
    started = False
    for time_s, luminance in samples:
        if not started:
            lowest = highest = luminance
            started = True
            continue
        if direction == 0:
            lowest, highest = min(lowest, luminance), max(highest, luminance)
            if luminance - lowest >= change and lowest < dark_below:
                direction, extreme = 1, luminance
                times.append(time_s)
            elif highest - luminance >= change and luminance < dark_below:
                direction, extreme = -1, luminance
                times.append(time_s)
        elif direction > 0:
            if luminance > extreme:
                extreme = luminance  # still rising: the turning point moves up with it
            elif extreme - luminance >= change and luminance < dark_below:
                direction, extreme = -1, luminance
                times.append(time_s)
        elif luminance < extreme:
            extreme = luminance
        elif luminance - extreme >= change and extreme < dark_below:
            direction, extreme = 1, luminance
            times.append(time_s)
    return times


def count_flashes(samples: Iterable[Sample]) -> int:
    """How many whole flashes (pairs of opposing transitions) the series holds."""
    return len(transitions(samples)) // 2


def most_flashes_in_a_second(samples: Iterable[Sample], window_s: float = WINDOW_S) -> float:
    """The most flashes in any ``window_s`` (a half-open window): transitions in it, halved.

    A lone transition counts as half a flash: seven transitions in one second (3.5) are over a limit of
    three, and a steady three flashes a second gives exactly 3.
    """
    return _most_in_window(transitions(samples), window_s) / 2


def _most_in_window(times: Sequence[float], window_s: float) -> int:
    most, first = 0, 0
    for last, time_s in enumerate(times):
        while time_s - times[first] >= window_s - _EPSILON_S:
            first += 1
        most = max(most, last - first + 1)
    return most


def flashes_within_limit(samples: Iterable[Sample], limit: float = LIMIT_PER_SECOND) -> bool:
    """True when no one-second window of the series holds more than ``limit`` flashes."""
    return most_flashes_in_a_second(samples) <= limit


__all__ = [
    "CHANGE",
    "DARK_BELOW",
    "LIMIT_PER_SECOND",
    "count_flashes",
    "flashes_within_limit",
    "most_flashes_in_a_second",
    "relative_luminance",
    "transitions",
]
