"""Recognises swipes, flicks and taps from pointer positions over time; no Qt.

Both touch and mouse input feed the same tracker, so a finger and a mouse drag
behave alike. Distances are shares of the screen, so the thresholds hold on any
screen size.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from kiosk.deck.schema import TouchOptions

HORIZONTAL_RATIO = 0.6
"""A drag is horizontal when its vertical travel is at most this share of its horizontal travel."""
TAP_SLOP = 0.015
"""Share of the shorter screen side a finger may wander and still tap."""
FLICK_MIN_DISTANCE = 0.02
"""A flick still has to travel this share of the width."""
VELOCITY_WINDOW_S = 0.1
"""Only the last tenth of a second counts for a flick's speed."""


class Gesture(enum.Enum):
    """What a finished pointer sequence means."""

    NEXT = "next"  # swipe or flick to the left
    PREVIOUS = "previous"  # swipe or flick to the right
    TAP = "tap"  # a tap in the middle: for whatever is under the finger
    TAP_NEXT = "tap-next"  # a tap in the right edge zone
    TAP_PREVIOUS = "tap-previous"  # a tap in the left edge zone
    NONE = "none"  # a drag that was too short, vertical or from the edge band: snap back


@dataclass
class SwipeTracker:
    """Follows one pointer from press to release on a screen of ``width`` x ``height``."""

    width: float
    height: float
    options: TouchOptions = field(default_factory=TouchOptions)
    _start: tuple[float, float, float] | None = None
    _samples: list[tuple[float, float, float]] = field(default_factory=list)
    _from_edge: bool = False
    _moved: bool = False
    _following: bool = False

    @property
    def active(self) -> bool:
        """True between press and release."""
        return self._start is not None

    @property
    def following(self) -> bool:
        """True once the drag is horizontal and the slide follows the finger."""
        return self._following

    def press(self, x: float, y: float, t: float) -> None:
        """A finger or button went down at (x, y) at time ``t`` (seconds)."""
        band = self.options.edge_band
        self._start = (x, y, t)
        self._samples = [(x, y, t)]
        self._moved = False
        self._following = False
        self._from_edge = (
            x < self.width * band
            or x > self.width * (1 - band)
            or y < self.height * band
            or y > self.height * (1 - band)
        )

    def move(self, x: float, y: float, t: float) -> float | None:
        """The pointer moved; returns the horizontal offset the slide should follow, or None."""
        if self._start is None:
            return None
        self._samples.append((x, y, t))
        self._samples = [s for s in self._samples if t - s[2] <= VELOCITY_WINDOW_S * 2] or [(x, y, t)]
        dx, dy = x - self._start[0], y - self._start[1]
        if abs(dx) > self._slop() or abs(dy) > self._slop():
            self._moved = True
        if not self._following and self._moved and not self._from_edge and self._horizontal(dx, dy):
            self._following = True
        return dx if self._following else None

    def release(self, x: float, y: float, t: float) -> Gesture:
        """The pointer went up; what the whole sequence meant."""
        if self._start is None:
            return Gesture.NONE
        self.move(x, y, t)
        start_x, start_y, _ = self._start
        self._start = None
        dx, dy = x - start_x, y - start_y
        if not self._moved:
            return self._tap(x)
        if self._from_edge or not self._horizontal(dx, dy):
            return Gesture.NONE
        distance = abs(dx) / self.width
        velocity = self._velocity(t)
        # A short drag turns only when flicked in its own direction: a flick back undoes it.
        flicked = abs(velocity) >= self.options.flick_speed and velocity * dx > 0
        if distance >= self.options.swipe_distance or (distance >= FLICK_MIN_DISTANCE and flicked):
            return Gesture.NEXT if dx < 0 else Gesture.PREVIOUS
        return Gesture.NONE

    def cancel(self) -> None:
        """Forget the sequence (the system took the pointer away)."""
        self._start = None
        self._following = False

    def _tap(self, x: float) -> Gesture:
        zone = self.options.tap_zone
        if x >= self.width * (1 - zone):
            return Gesture.TAP_NEXT
        if x <= self.width * zone:
            return Gesture.TAP_PREVIOUS
        return Gesture.TAP

    def _slop(self) -> float:
        return min(self.width, self.height) * TAP_SLOP

    @staticmethod
    def _horizontal(dx: float, dy: float) -> bool:
        return abs(dy) <= abs(dx) * HORIZONTAL_RATIO

    def _velocity(self, now: float) -> float:
        """Horizontal velocity over the last moments, in screen widths per second (negative: leftwards).

        Movements shorter than a flick's minimum distance count as still: the jitter of
        a finger lifting must not read as a flick.
        """
        recent = [s for s in self._samples if now - s[2] <= VELOCITY_WINDOW_S]
        if len(recent) < 2:
            recent = self._samples[-2:]
        if len(recent) < 2:
            return 0.0
        (x0, _, t0), (x1, _, t1) = recent[0], recent[-1]
        travel = (x1 - x0) / self.width
        if abs(travel) < FLICK_MIN_DISTANCE:
            return 0.0
        return travel / max(t1 - t0, 1e-3)
