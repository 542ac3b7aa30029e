"""Reach mode's band: where on the picture the controls go, for the ways a screen can hang."""

from __future__ import annotations

import logging

import pytest

from kiosk.core.reach import (
    ASSUMED_BOTTOM_M,
    ASSUMED_HEIGHT_M,
    Mounting,
    ReachBand,
    mounting,
    reach_band,
    reported_height_m,
)

ROW = 200
"""A row of controls, in pixels."""


def test_a_portrait_totem_reaches_from_the_bottom_up_to_1_2_metres() -> None:
    # 1.2 m of picture from 0.5 m up: 1.2 m is 0.5 m below its top edge, 0.5/1.2 of 1920 rows down.
    band = reach_band(1920, ROW, mounting(0.5, 1.2))
    assert band == ReachBand(800, 1920)


def test_a_landscape_screen_at_0_9_metres_reaches_its_lower_part() -> None:
    # 0.7 m of picture from 0.9 m up: its top is at 1.6 m, 1.2 m is 0.4/0.7 of 1080 rows down.
    band = reach_band(1080, ROW, mounting(0.9, 0.7))
    assert band == ReachBand(618, 1080)
    assert band.height == 462


def test_a_screen_hung_low_keeps_the_controls_above_0_4_metres() -> None:
    # 0.7 m of picture from 0.1 m up: everything from its top (0.8 m) down to 0.4 m, the lowest 0.3 m left out.
    band = reach_band(1050, ROW, mounting(0.1, 0.7))
    assert band == ReachBand(0, 600)


def test_an_unknown_mounting_is_a_totem_whose_lower_40_percent_is_in_reach() -> None:
    assumed = mounting(None, None)
    assert assumed == Mounting(ASSUMED_BOTTOM_M, ASSUMED_HEIGHT_M, bottom_assumed=True, height_assumed=True)
    assert reach_band(1920, ROW, assumed) == ReachBand(1152, 1920)
    assert reach_band(1080, ROW, assumed) == ReachBand(648, 1080)
    assert reach_band(720, ROW, assumed) == ReachBand(432, 720)


def test_the_deck_wins_over_the_display_and_the_display_over_the_assumption() -> None:
    assert mounting(0.5, 1.2, reported_height=0.6) == Mounting(0.5, 1.2)
    assert mounting(0.5, None, reported_height=0.6) == Mounting(0.5, 0.6)
    assert mounting(None, None, reported_height=0.6) == Mounting(ASSUMED_BOTTOM_M, 0.6, bottom_assumed=True)
    assert mounting(1.0, None) == Mounting(1.0, ASSUMED_HEIGHT_M, height_assumed=True)


def test_a_screen_hung_above_reach_puts_the_controls_on_its_lowest_rows_and_says_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    high = mounting(1.35, 0.68)
    with caplog.at_level(logging.WARNING, logger="kiosk.core.reach"):
        first = reach_band(1080, ROW, high)
        again = reach_band(1080, ROW, high)
    assert (first.top, first.bottom) == (1080 - ROW, 1080)
    assert "1.35 m above the floor" in first.fallback
    assert again == first
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, "one warning however often the layout asks"
    assert "reach mode" in warnings[0].getMessage()


def test_a_screen_below_reach_puts_the_controls_on_its_highest_rows() -> None:
    band = reach_band(1080, ROW, mounting(0.02, 0.3))
    assert (band.top, band.bottom) == (0, ROW)
    assert band.fallback


def test_a_sliver_in_reach_grows_to_a_row_round_it() -> None:
    # 1.1 m to 2.1 m: only the lowest 0.1 m (100 rows) is in reach, less than a row of controls.
    band = reach_band(1000, 250, mounting(1.1, 1.0))
    assert band.height == 250
    assert band.top <= 900 and band.bottom >= 1000 - 100, "the rows in reach are in the band"
    assert band.bottom <= 1000


def test_a_picture_no_taller_than_a_row_of_controls_is_all_band_and_no_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.core.reach"):
        band = reach_band(300, 500, mounting(1.6, 0.5))
    assert band == ReachBand(0, 300)
    assert caplog.records == [], "a view not yet sized is no mounting to warn about"


@pytest.mark.parametrize(
    ("size_mm", "size_px", "picture_px", "expected"),
    [
        ((535.0, 952.0), (1080, 1920), (1080, 1920), 0.952),  # a 43-inch screen standing upright
        ((952.0, 535.0), (1920, 1080), (1280, 720), 0.535),  # a window on a landscape 43-inch screen
        ((952.0, 535.0), (1080, 1920), (1080, 1920), None),  # rotated, but reporting its unrotated size
        ((531.0, 299.0), (1080, 1920), (1080, 1920), None),  # a 24-inch one too: 52 dpi across, 163 down
        ((0.0, 0.0), (1920, 1080), (1920, 1080), None),  # no size reported
        ((160.0, 90.0), (1920, 1080), (1920, 1080), None),  # 300 dpi across, 300 down: fine, but 9 cm is no kiosk
        ((203.2, 203.2), (800, 800), (1920, 1080), None),  # a window larger than the screen it is on
        ((4000.0, 2250.0), (1920, 1080), (1920, 1080), None),  # a projector's idea of its size: 12 dpi
    ],
)
def test_the_size_a_display_reports_is_used_only_when_believable(
    size_mm: tuple[float, float], size_px: tuple[int, int], picture_px: tuple[int, int], expected: float | None
) -> None:
    assert reported_height_m(size_mm, size_px, picture_px) == expected


def test_a_band_says_which_rows_it_holds() -> None:
    band = ReachBand(100, 300)
    assert band.holds(100, 200)
    assert not band.holds(99, 10)
    assert not band.holds(250, 51)
