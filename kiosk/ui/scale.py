"""The one place that maps design units to pixels.

Slides are designed on a 1920x1080 canvas in landscape and 1080x1920 in
portrait; every size in the views is given in those design units and turned
into pixels here, so a deck looks the same on any screen.

Larger text (the visitor's display mode) asks for every text at 1.5 times its
designed size and reflows the layout for it (see ``larger_text_metrics``). A text
that still has not the room shrinks, together with the texts it shares the room
with, to the largest size that fits; ``kiosk validate`` warns, naming language and
orientation, wherever that would be below the designed size. The bundled deck
never needs it; a text is never cut off for it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class Orientation(enum.Enum):
    """Which way the screen stands."""

    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


TOUCH_TARGET_MM = 15
TOUCH_TARGET_FALLBACK = 0.09
"""Share of the shorter screen side used for a touch target when the physical size is unknown."""
TOUCH_TARGET_VISIBLE = 0.065
"""Share of the shorter side a control needs to be seen from a few metres, whatever its millimetres."""
PLAUSIBLE_DPI = (40.0, 600.0)

DESIGN_LANDSCAPE = (1920, 1080)
DESIGN_PORTRAIT = (1080, 1920)


@dataclass(frozen=True)
class Metrics:
    """Design-unit sizes for one orientation (fonts in pixels at the design size)."""

    margin: float
    gap: float
    accent_bar: float
    icon: float
    heading_font: float
    title_font: float
    subtitle_font: float
    body_font: float
    counter_font: float
    label_font: float
    source_font: float
    text_width: float
    figures_per_row: int
    decor: float = 1.0
    """Share of their designed size given to icons, pictures, codes and the padding of cards (less in larger text,
    for the texts)."""


LANDSCAPE_METRICS = Metrics(
    margin=110,
    gap=48,
    accent_bar=12,
    icon=84,
    heading_font=70,
    title_font=104,
    subtitle_font=46,
    body_font=46,
    counter_font=132,
    label_font=34,
    source_font=24,
    text_width=1500,
    figures_per_row=4,
)
# Portrait screens stack figures and use larger text: the height is there to be used.
PORTRAIT_METRICS = Metrics(
    margin=80,
    gap=64,
    accent_bar=14,
    icon=110,
    heading_font=84,
    title_font=112,
    subtitle_font=58,
    body_font=60,
    counter_font=150,
    label_font=52,
    source_font=36,
    text_width=920,
    figures_per_row=1,
)


LARGER_TEXT_ROW_SHARE = 0.5
"""In larger text, figures side by side: this share of the designed number per row (4 -> 2 in landscape)."""
LARGER_TEXT_DECOR_SHARE = 0.75
"""In larger text, icons, pictures, codes and the padding of cards give way to the text: this share of their
designed size."""
LARGER_TEXT_MARGIN_SHARE = 0.5
"""In larger text, the margins round a slide give their room to the text: this share of the designed margin."""


def larger_text_metrics(metrics: Metrics, factor: float, design_width: int) -> Metrics:
    """``metrics`` with every font ``factor`` times its designed size and the layout reflowed for it: the text
    column as wide as the margins allow, fewer figures per row and smaller icons."""
    if factor == 1.0:
        return metrics
    margin = metrics.margin * LARGER_TEXT_MARGIN_SHARE
    return replace(
        metrics,
        margin=margin,
        icon=metrics.icon * LARGER_TEXT_DECOR_SHARE,
        decor=metrics.decor * LARGER_TEXT_DECOR_SHARE,
        heading_font=metrics.heading_font * factor,
        title_font=metrics.title_font * factor,
        subtitle_font=metrics.subtitle_font * factor,
        body_font=metrics.body_font * factor,
        counter_font=metrics.counter_font * factor,
        label_font=metrics.label_font * factor,
        source_font=metrics.source_font * factor,
        text_width=max(metrics.text_width, design_width - 2 * margin),
        figures_per_row=max(1, round(metrics.figures_per_row * LARGER_TEXT_ROW_SHARE)),
    )


@dataclass(frozen=True)
class Scale:
    """Converts design units to pixels for a screen (or render target) of a given size.

    ``text_factor`` is the visitor's larger text (``AccessModes.text_factor``): every font of ``metrics``
    is that many times its designed size, and the layout sizes around the texts reflow for it.
    """

    width: int
    height: int
    text_factor: float = 1.0

    @property
    def orientation(self) -> Orientation:
        """Portrait when the screen is taller than wide."""
        return Orientation.PORTRAIT if self.height > self.width else Orientation.LANDSCAPE

    @property
    def metrics(self) -> Metrics:
        """The design sizes for this orientation, texts at ``text_factor`` times their designed size."""
        return larger_text_metrics(self.designed_metrics, self.text_factor, self.design_size[0])

    @property
    def designed_metrics(self) -> Metrics:
        """The design sizes for this orientation as the slides were designed (text factor 1)."""
        return PORTRAIT_METRICS if self.orientation is Orientation.PORTRAIT else LANDSCAPE_METRICS

    @property
    def design_size(self) -> tuple[int, int]:
        """The design canvas for this orientation, in design units."""
        return DESIGN_PORTRAIT if self.orientation is Orientation.PORTRAIT else DESIGN_LANDSCAPE

    @property
    def factor(self) -> float:
        """Pixels per design unit: the design canvas fitted inside the screen."""
        design_w, design_h = self.design_size
        return min(self.width / design_w, self.height / design_h)

    def px(self, units: float) -> int:
        """Design units to whole pixels, never below one."""
        return max(1, round(units * self.factor))


def minimum_touch_target(widget: object, scale: Scale) -> int:
    """Pixels for a 15 mm touch target on ``widget``'s screen (9% of the shorter side when DPI is unknown)."""
    screen = widget.screen() if hasattr(widget, "screen") else None  # type: ignore[attr-defined]
    dpi = screen.physicalDotsPerInch() if screen is not None else 0.0
    low, high = PLAUSIBLE_DPI
    fallback = round(min(scale.width, scale.height) * TOUCH_TARGET_FALLBACK)
    if low <= dpi <= high:
        visible = round(min(scale.width, scale.height) * TOUCH_TARGET_VISIBLE)
        return max(round(TOUCH_TARGET_MM / 25.4 * dpi), visible)
    return fallback


def control_bar_height(widget: object, scale: Scale) -> int:
    """The height of the control bar at the bottom of the screen: a touch target and a quarter margin."""
    return minimum_touch_target(widget, scale) + scale.px(scale.designed_metrics.margin) // 4
