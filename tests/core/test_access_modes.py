"""The visitor's display modes: toggling one leaves the others, and each visit starts as the deck says."""

from __future__ import annotations

from kiosk.core.access import LARGER_TEXT_FACTOR, AccessModes, visit_start_modes
from kiosk.deck.schema import AccessibilityOptions


def test_toggling_one_mode_leaves_the_others() -> None:
    modes = AccessModes(high_contrast=True).toggled("larger_text")
    assert modes == AccessModes(larger_text=True, high_contrast=True)
    assert modes.toggled("larger_text") == AccessModes(high_contrast=True)


def test_larger_text_is_one_and_a_half_times_the_design() -> None:
    assert AccessModes().text_factor == 1.0
    assert AccessModes(larger_text=True).text_factor == LARGER_TEXT_FACTOR == 1.5


def test_a_visit_starts_in_the_decks_modes_and_the_platforms_high_contrast() -> None:
    assert visit_start_modes(AccessibilityOptions()) == AccessModes()
    assert visit_start_modes(AccessibilityOptions(reach=True, larger_text=True)) == AccessModes(
        reach=True, larger_text=True
    )
    assert visit_start_modes(AccessibilityOptions(), platform_high_contrast=True) == AccessModes(high_contrast=True)
