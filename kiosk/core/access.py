"""The visitor's display modes: reach mode, larger text and high contrast, and where each visit starts."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.deck.schema import AccessibilityOptions

LARGER_TEXT_FACTOR = 1.5
"""Text size in larger-text mode, against the designed size."""


@dataclass(frozen=True)
class AccessModes:
    """Which of the visitor's display modes are on."""

    reach: bool = False
    """Every control in the band a seated visitor reaches (see ``kiosk.core.reach``)."""
    larger_text: bool = False
    high_contrast: bool = False

    @property
    def text_factor(self) -> float:
        """How much larger than designed every text is drawn."""
        return LARGER_TEXT_FACTOR if self.larger_text else 1.0

    def toggled(self, mode: str) -> AccessModes:
        """These modes with ``mode`` ("reach", "larger_text" or "high_contrast") switched."""
        return replace(self, **{mode: not getattr(self, mode)})


def visit_start_modes(options: AccessibilityOptions, platform_high_contrast: bool = False) -> AccessModes:
    """The modes every visit starts in: the deck's choice, with high contrast also when the platform asks for it."""
    return AccessModes(
        reach=options.reach,
        larger_text=options.larger_text,
        high_contrast=options.high_contrast or platform_high_contrast,
    )


AS_DESIGNED = AccessModes()
"""No mode on: the slides as their authors designed them (renders, previews, the fit check)."""
