"""Reach mode's band: the rows of the picture a visitor in a wheelchair can reach, from where the screen hangs.

The band is 0.4 m to 1.2 m above the floor. EN 301 549 V3.2.1 (clause 8.3.3, stationary ICT, after the US
ADA and Section 508 reach ranges) puts essential controls no higher than 1 220 mm and no lower than 380 mm
above the floor of the access space, for an unobstructed forward or side reach; the band keeps a couple of
centimetres inside both limits. ISO 21542 (building accessibility) asks for controls between 0.8 m and 1.1 m,
which lies inside the band.

The deck states the mounting (``accessibility.screen_bottom`` and ``screen_height`` in metres); a missing height
is taken from the size the display reports when that is believable, and whatever is still unknown is assumed
(``ASSUMED_BOTTOM_M``, ``ASSUMED_HEIGHT_M``). The window is taken as the picture, also when it does not
cover the whole screen.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

log = logging.getLogger(__name__)

REACH_LOW_M = 0.4
REACH_HIGH_M = 1.2
"""The band, in metres above the floor (EN 301 549 clause 8.3.3: 380 mm to 1 220 mm, kept a little inside)."""
ASSUMED_BOTTOM_M = 0.8
"""Unstated ``screen_bottom``: a floor-standing touch totem or kiosk, whose picture usually starts 0.75 m to
0.9 m above the floor (at a desk's height, so that a standing visitor does not stoop)."""
ASSUMED_HEIGHT_M = 1.0
"""Unstated ``screen_height``, and no believable size from the display: a 46-inch screen standing upright
(1.02 m tall). With the assumed bottom the band is then the lower 40 % of the picture, whatever its pixels;
on the landscape screens of the same totems (0.5 m to 0.7 m tall) more would be in reach, so 40 % errs on the
side of reach."""
PLAUSIBLE_HEIGHT_M = (0.1, 3.0)
"""A display reporting a height outside this range reports nonsense (projectors and some TVs do)."""
PLAUSIBLE_DPI = (40.0, 600.0)
DENSITY_TOLERANCE = 0.15
"""Square pixels: the horizontal and vertical densities a display reports agree within this share, or its size
is not believable (a rotated panel reporting its unrotated size)."""
ROUNDING = 1e-6


@dataclass(frozen=True)
class Mounting:
    """Where the picture hangs: its lower edge above the floor and its height, in metres."""

    bottom_m: float
    height_m: float
    bottom_assumed: bool = False
    height_assumed: bool = False

    @property
    def top_m(self) -> float:
        """The picture's upper edge above the floor."""
        return self.bottom_m + self.height_m


@dataclass(frozen=True)
class ReachBand:
    """Rows ``top`` (included) to ``bottom`` (excluded) of the picture, counted from its top, where the controls go.

    ``fallback`` says why the band is not the reach range itself ("" when it is).
    """

    top: int
    bottom: int
    fallback: str = ""

    @property
    def height(self) -> int:
        """How many rows the band holds."""
        return self.bottom - self.top

    def holds(self, top: int, height: int) -> bool:
        """True when rows ``top`` to ``top + height`` lie inside the band."""
        return self.top <= top and top + height <= self.bottom


def reported_height_m(
    size_mm: tuple[float, float], size_px: tuple[int, int], picture_px: tuple[int, int]
) -> float | None:
    """The screen's height in metres from the physical size it reports (``size_mm``, for ``size_px`` pixels), or
    None when that is not believable, or when the picture (``picture_px``, the window) is larger than the screen."""
    (width_mm, height_mm), (width_px, height_px) = size_mm, size_px
    if min(width_mm, height_mm) <= 0 or min(width_px, height_px) <= 0:
        return None
    if picture_px[0] > width_px or picture_px[1] > height_px:
        return None
    across, down = width_px / (width_mm / 25.4), height_px / (height_mm / 25.4)
    low, high = PLAUSIBLE_DPI
    if not (low <= across <= high and low <= down <= high) or abs(across / down - 1) > DENSITY_TOLERANCE:
        return None
    height_m = height_mm / 1000
    shortest, tallest = PLAUSIBLE_HEIGHT_M
    return height_m if shortest <= height_m <= tallest else None


def mounting(
    screen_bottom: float | None, screen_height: float | None, reported_height: float | None = None
) -> Mounting:
    """The mounting from the deck's ``screen_bottom`` and ``screen_height`` (metres, None when unstated), the height
    the display reports (None when unknown or not believable), and the assumptions for the rest."""
    height = screen_height if screen_height is not None else reported_height
    return Mounting(
        bottom_m=screen_bottom if screen_bottom is not None else ASSUMED_BOTTOM_M,
        height_m=height if height is not None and height > 0 else ASSUMED_HEIGHT_M,
        bottom_assumed=screen_bottom is None,
        height_assumed=height is None or height <= 0,
    )


def reach_band(picture_px: int, minimum_px: int, where: Mounting) -> ReachBand:
    """The band of a picture ``picture_px`` rows tall mounted as ``where`` says, at least ``minimum_px`` rows tall.

    When no part of the picture is in reach, or too little for ``minimum_px`` (a row of controls), the band is
    the strip of ``minimum_px`` rows nearest to reach: the lowest rows of a screen hung high, the highest of one
    hung very low, else the rows round the reachable ones; a warning is logged once for each mounting.
    """
    rows = max(1, picture_px)
    if minimum_px >= rows:  # a picture no taller than a row of controls (or a view not yet sized): all of it
        return ReachBand(0, rows)
    minimum = max(1, minimum_px)
    per_m = rows / where.height_m
    # Whole rows inside the band; a hair of slack so that 0.6 * 1920 rows is 1152, not 1153.
    top = min(rows, max(0, math.ceil((where.top_m - REACH_HIGH_M) * per_m - ROUNDING)))
    bottom = max(0, min(rows, math.floor((where.top_m - REACH_LOW_M) * per_m + ROUNDING)))
    if bottom - top >= minimum:
        return ReachBand(top, bottom)
    if where.bottom_m >= REACH_HIGH_M:
        band = ReachBand(rows - minimum, rows, f"the picture starts {where.bottom_m:g} m above the floor")
    elif where.top_m <= REACH_LOW_M:
        band = ReachBand(0, minimum, f"the picture ends {where.top_m:g} m above the floor")
    else:
        start = max(0, min(rows - minimum, (top + bottom - minimum) // 2))
        band = ReachBand(start, start + minimum, "too little of the picture is in reach for a row of controls")
    _warn_once(where, band.fallback)
    return band


_warned: set[tuple[Mounting, str]] = set()


def _warn_once(where: Mounting, why: str) -> None:
    # Every layout asks again (each resize, each view): the log says it once per mounting.
    if (where, why) in _warned:
        return
    _warned.add((where, why))
    log.warning(
        "reach mode: %s, outside the reach of %g m to %g m; the controls go where the picture comes nearest",
        why,
        REACH_LOW_M,
        REACH_HIGH_M,
    )


__all__ = ["Mounting", "ReachBand", "mounting", "reach_band", "reported_height_m"]
