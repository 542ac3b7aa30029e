"""The deck's immutable model: the Deck, its themes, slide kinds, figures and options (frozen dataclasses).

The keys that fill them are declared in ``fields``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from kiosk.deck.errors import Mark
from kiosk.deck.text import EMPTY_TEXT, LocalizedText

MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
PIN_PATTERN = re.compile(rf"[0-9]{{{MIN_PIN_DIGITS},{MAX_PIN_DIGITS}}}")
"""An exit PIN: 4 to 12 ASCII digits, in the deck and in KIOSK_EXIT_PIN alike."""


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A headline number that counts up when its slide appears."""

    value: float
    start: float = 0.0
    decimals: int = 0
    prefix: LocalizedText = EMPTY_TEXT
    suffix: LocalizedText = EMPTY_TEXT
    label: LocalizedText = EMPTY_TEXT
    source: LocalizedText = EMPTY_TEXT
    duration: float = 2.0


@dataclass(frozen=True, kw_only=True)
class Slide:
    """What every slide has; one subclass per kind adds the rest."""

    kind: ClassVar[str] = ""
    heading: LocalizedText = EMPTY_TEXT
    notes: LocalizedText = EMPTY_TEXT
    duration: float | None = None
    origin: Mark | None = field(default=None, compare=False)
    key_marks: Mapping[str, Mark] = field(default_factory=dict, compare=False)
    """Where each of the slide's keys stands, for checks made after loading (images, text fit)."""


@dataclass(frozen=True, kw_only=True)
class TitleSlide(Slide):
    """A large title, opening a theme."""

    kind: ClassVar[str] = "title"
    subtitle: LocalizedText = EMPTY_TEXT


@dataclass(frozen=True, kw_only=True)
class StatementSlide(Slide):
    """A heading and a short statement."""

    kind: ClassVar[str] = "statement"
    body: LocalizedText = EMPTY_TEXT


@dataclass(frozen=True, kw_only=True)
class FiguresSlide(Slide):
    """A heading and one to four animated figures."""

    kind: ClassVar[str] = "figures"
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ImageSlide(Slide):
    """A picture with an optional heading and caption."""

    kind: ClassVar[str] = "image"
    image: Path | None = None
    caption: LocalizedText = EMPTY_TEXT


@dataclass(frozen=True, kw_only=True)
class QrSlide(Slide):
    """A QR code for a web address, so a visitor can take the story home on a phone."""

    kind: ClassVar[str] = "qr"
    url: str = ""
    caption: LocalizedText = EMPTY_TEXT


@dataclass(frozen=True, kw_only=True)
class VideoSlide(Slide):
    """A video clip with an optional heading and caption, and a poster picture shown until it plays."""

    kind: ClassVar[str] = "video"
    video: Path | None = None
    caption: LocalizedText = EMPTY_TEXT
    poster: Path | None = None
    loop: bool = False
    muted: bool = True
    start: float = 0.0
    end: float | None = None
    """Seconds into the clip where it starts and stops playing (None: its end)."""


SLIDE_CLASSES: dict[str, type[Slide]] = {
    cls.kind: cls for cls in (TitleSlide, StatementSlide, FiguresSlide, ImageSlide, QrSlide, VideoSlide)
}


@dataclass(frozen=True, kw_only=True)
class Theme:
    """A group of slides on one subject, with its own colour and icon."""

    id: str
    title: LocalizedText
    icon: str = "fa6s.circle-info"
    accent: str = "#4da3ff"
    background: Path | None = None
    background_video: Path | None = None
    """A muted clip looping behind the theme's slides, over the background picture."""
    slides: tuple[Slide, ...] = ()
    origin: Mark | None = field(default=None, compare=False)
    key_marks: Mapping[str, Mark] = field(default_factory=dict, compare=False)
    """Where each of the theme file's top-level keys stands."""


@dataclass(frozen=True, kw_only=True)
class AttractOptions:
    """How the display behaves when nobody touches it."""

    idle_timeout: float = 60
    warning: float = 10
    slide_duration: float = 8
    rotate_languages: bool = True


@dataclass(frozen=True, kw_only=True)
class KioskOptions:
    """Kiosk-mode options."""

    exit_pin: str | None = None
    exit_hold: float = 5
    memory_limit_mib: float = 1024


@dataclass(frozen=True)
class OpeningHours:
    """One entry of the schedule: on ``days`` (0 = Monday), from ``open`` to ``close`` (minutes after midnight)."""

    days: tuple[int, ...]
    open: int
    close: int


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """When the display is open; outside these hours it shows standby or black."""

    hours: tuple[OpeningHours, ...]
    when_closed: str = "standby"


@dataclass(frozen=True, kw_only=True)
class TouchOptions:
    """Thresholds for swipes, flicks and taps, as shares of the screen."""

    swipe_distance: float = 0.08
    flick_speed: float = 0.8
    edge_band: float = 0.02
    tap_zone: float = 0.12
    controls_timeout: float = 6


@dataclass(frozen=True, kw_only=True)
class AnalyticsOptions:
    """Whether the local event log records, and how long it keeps events."""

    enabled: bool = True
    keep_days: float = 365


@dataclass(frozen=True, kw_only=True)
class AccessibilityOptions:
    """How the display starts for each visit, and where it hangs (for reach mode)."""

    reach: bool = False
    larger_text: bool = False
    high_contrast: bool = False
    screen_bottom: float | None = None
    """Metres from the floor to the lower edge of the picture; None when not stated."""
    screen_height: float | None = None
    """Metres from the lower to the upper edge of the picture as it stands; None: what the display reports."""


@dataclass(frozen=True, kw_only=True)
class Deck:
    """A whole, validated deck: the title, its languages and its themes."""

    root: Path
    title: LocalizedText
    subtitle: LocalizedText = EMPTY_TEXT
    version: LocalizedText = EMPTY_TEXT
    """The author's name for this edition of the deck (reported by each kiosk, not shown)."""
    languages: tuple[str, ...] = ("en",)
    themes: tuple[Theme, ...] = ()
    attract: AttractOptions = AttractOptions()
    kiosk: KioskOptions = KioskOptions()
    touch: TouchOptions = TouchOptions()
    schedule: Schedule | None = None
    reduced_motion: bool = False
    analytics: AnalyticsOptions = AnalyticsOptions()
    accessibility: AccessibilityOptions = AccessibilityOptions()
    languages_origin: Mark | None = field(default=None, compare=False)
    """Where deck.yaml lists the languages (for messages about them)."""

    @property
    def default_language(self) -> str:
        """The first language the deck declares."""
        return self.languages[0]

    @property
    def slide_count(self) -> int:
        """How many slides all themes hold together."""
        return sum(len(theme.slides) for theme in self.themes)

    def slide_duration(self, slide: Slide) -> float:
        """Seconds a slide stays in auto-play."""
        return slide.duration if slide.duration is not None else self.attract.slide_duration
