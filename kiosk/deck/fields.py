"""The one declaration of every deck field: each object of the deck format as a tuple of ``FieldSpec``.

The builder validates against these tables, and the README's tables and the JSON Schema for editors are
generated from them, so the documentation cannot drift from what is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One key of a deck object: its type, whether it is required, its default and meaning."""

    key: str
    type: str
    doc: str
    required: bool = False
    default: object = None
    minimum: float | None = None
    maximum: float | None = None
    attr: str | None = None

    @property
    def attribute(self) -> str:
        """The model attribute this key fills."""
        return self.attr or self.key


DECK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", "The deck's title, shown on the home screen.", required=True),
    FieldSpec("subtitle", "text", "A line under the title on the home screen.", default=""),
    FieldSpec(
        "version",
        "text",
        'The deck\'s own version, such as "2024-05 fair" (in quotes): each kiosk reports it in status.json.',
        default="",
    ),
    FieldSpec(
        "languages", "languages", "Language codes the deck is written in; the first is the default.", default=["en"]
    ),
    FieldSpec("themes", "theme files", "Theme files, relative to the deck folder, in the order shown.", required=True),
    FieldSpec("attract", "attract", "Idle and auto-play behaviour (see below).", default={}),
    FieldSpec("kiosk", "kiosk", "Kiosk-mode options (see below).", default={}),
    FieldSpec("touch", "touch", "Touch and swipe thresholds (see below).", default={}),
    FieldSpec("schedule", "schedule", "Opening hours; outside them a calm standby screen (see below).", default=None),
    FieldSpec(
        "reduced_motion", "boolean", "Show counters at their final value and fade instead of sliding.", default=False
    ),
    FieldSpec(
        "analytics",
        "analytics",
        "The local log of engagement and proof of play: false turns it off, or options (see below).",
        default={},
    ),
    FieldSpec(
        "accessibility",
        "accessibility",
        "How each visit starts (reach mode, larger text, high contrast) and where the screen hangs (see below).",
        default={},
    ),
)

ACCESSIBILITY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "reach",
        "boolean",
        "Start every visit in reach mode: every control in the band 0.4 m to 1.2 m above the floor.",
        default=False,
    ),
    FieldSpec("larger_text", "boolean", "Start every visit with text 1.5 times larger.", default=False),
    FieldSpec("high_contrast", "boolean", "Start every visit in high contrast (white on black).", default=False),
    FieldSpec(
        "screen_bottom",
        "number",
        "Metres from the floor to the lower edge of the picture (for reach mode); unset: see Accessibility.",
        default=None,
        minimum=0,
        maximum=5,
    ),
    FieldSpec(
        "screen_height",
        "number",
        "Metres from the lower to the upper edge of the picture as mounted; unset: the size the display reports.",
        default=None,
        minimum=0.1,
        maximum=5,
    ),
)

ANALYTICS_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("enabled", "boolean", "Record engagement and proof of play on this machine.", default=True),
    FieldSpec(
        "keep_days",
        "number",
        "Days events are kept; older ones are removed once a day.",
        default=365,
        minimum=1,
        maximum=36500,
    ),
)

ATTRACT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "idle_timeout",
        "number",
        "Seconds without input before the display plays itself.",
        default=60,
        minimum=1,
        maximum=86400,
    ),
    FieldSpec(
        "warning",
        "number",
        "Seconds of 'still there?' countdown before auto-play; 0 turns it off.",
        default=10,
        minimum=0,
        maximum=600,
    ),
    FieldSpec(
        "slide_duration", "number", "Default seconds per slide in auto-play.", default=8, minimum=0.5, maximum=3600
    ),
    FieldSpec("rotate_languages", "boolean", "Each loop of auto-play in the next language.", default=True),
)

KIOSK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "exit_hold",
        "number",
        "Seconds to press and hold the top-left corner to reach the exit keypad.",
        default=5,
        minimum=1,
        maximum=60,
    ),
    FieldSpec(
        "memory_limit_mib",
        "number",
        "Resident memory (MiB) above which the app restarts itself at the next auto-play, under a service manager.",
        default=1024,
        minimum=64,
        maximum=65536,
    ),
    FieldSpec(
        "exit_pin",
        "pin",
        "Digits that unlock the exit in kiosk mode (or KIOSK_EXIT_PIN); without one the exit is disabled.",
        default=None,
    ),
)

TOUCH_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "swipe_distance",
        "number",
        "Share of the screen width a drag must cover to turn the slide.",
        default=0.08,
        minimum=0.02,
        maximum=0.5,
    ),
    FieldSpec(
        "flick_speed",
        "number",
        "Screen widths per second that make a shorter drag a flick.",
        default=0.8,
        minimum=0.1,
        maximum=10,
    ),
    FieldSpec(
        "edge_band",
        "number",
        "Share of the screen at each edge where drags are left to the system.",
        default=0.02,
        minimum=0,
        maximum=0.2,
    ),
    FieldSpec(
        "tap_zone",
        "number",
        "Share of the width at the left and right edges where a tap goes back or forward.",
        default=0.12,
        minimum=0,
        maximum=0.4,
    ),
    FieldSpec(
        "controls_timeout",
        "number",
        "Seconds without input before the on-screen controls fade out in kiosk mode.",
        default=6,
        minimum=1,
        maximum=3600,
    ),
)

SCHEDULE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("hours", "opening hours", "A list of {days, open, close} entries, in local time.", required=True),
    FieldSpec(
        "when_closed",
        "closed display",
        "What shows outside the hours: standby (a calm slide) or black.",
        default="standby",
    ),
)

OPENING_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "days",
        "days",
        "Days this entry covers: mon ... sun, monday ... sunday, ranges such as mon-fri, or daily.",
        required=True,
    ),
    FieldSpec("open", "time", 'Opening time, "HH:MM" (24-hour).', required=True),
    FieldSpec("close", "time", 'Closing time, "HH:MM"; earlier than open means after midnight.', required=True),
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

THEME_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "identifier", "Unique name of the theme: lower-case letters, digits and '-'.", required=True),
    FieldSpec("title", "text", "The theme's title, on its home tile and slides.", required=True),
    FieldSpec("icon", "icon", "A qtawesome icon name such as fa6s.flask.", default="fa6s.circle-info"),
    FieldSpec("accent", "colour", "The theme's accent colour, '#rrggbb'.", default="#4da3ff"),
    FieldSpec("background", "image", "An image (SVG, PNG, JPEG) behind the theme's slides.", default=None),
    FieldSpec(
        "background_video",
        "video",
        "A video clip looping muted behind the theme's slides (needs the media extra; see Video).",
        default=None,
    ),
    FieldSpec("slides", "slides", "The theme's slides, in order (see slide kinds below).", required=True),
)

SLIDE_COMMON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("kind", "slide kind", "One of: title, statement, figures, image, qr, video.", required=True),
    FieldSpec("notes", "text", "Speaker notes, shown only on the presenter console.", default=""),
    FieldSpec(
        "duration",
        "number",
        "Seconds this slide stays in auto-play (default: attract.slide_duration).",
        default=None,
        minimum=0.5,
        maximum=3600,
    ),
)

SLIDE_KIND_FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "title": (
        FieldSpec("heading", "text", "The title.", required=True),
        FieldSpec("subtitle", "text", "A line under the title.", default=""),
    ),
    "statement": (
        FieldSpec("heading", "text", "The heading.", required=True),
        FieldSpec("body", "text", "The statement, a few short sentences.", required=True),
    ),
    "figures": (
        FieldSpec("heading", "text", "The heading above the figures.", required=True),
        FieldSpec("figures", "figures", "One to four headline figures (see below).", required=True),
    ),
    "image": (
        FieldSpec("image", "image", "The picture, relative to the deck folder.", required=True),
        FieldSpec("heading", "text", "An optional heading.", default=""),
        FieldSpec("caption", "text", "A line under the picture.", default=""),
    ),
    "qr": (
        FieldSpec("heading", "text", "The heading.", required=True),
        FieldSpec("url", "url", "The web address the QR code opens (http or https).", required=True),
        FieldSpec("caption", "text", "What the visitor gets by scanning it.", default=""),
    ),
    "video": (
        FieldSpec("video", "video", "The clip (MP4, WebM, MOV...), relative to the deck folder.", required=True),
        FieldSpec("heading", "text", "An optional heading.", default=""),
        FieldSpec("caption", "text", "A line under the video.", default=""),
        FieldSpec("poster", "image", "A picture shown until the clip plays, and if it cannot.", default=None),
        FieldSpec("loop", "boolean", "Play the clip again and again while the slide shows.", default=False),
        FieldSpec("muted", "boolean", "Play without sound.", default=True),
        FieldSpec("start", "number", "Seconds into the clip where it starts.", default=0, minimum=0, maximum=86400),
        FieldSpec(
            "end",
            "number",
            "Seconds into the clip where it stops (default: its end).",
            default=None,
            minimum=0.1,
            maximum=86400,
        ),
    ),
}

MAX_FIGURES_PER_SLIDE = 4
MAX_FIGURE_VALUE = 1e15

FIGURE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "value",
        "number",
        "The number the counter ends on.",
        required=True,
        minimum=-MAX_FIGURE_VALUE,
        maximum=MAX_FIGURE_VALUE,
    ),
    FieldSpec(
        "from",
        "number",
        "The number the counter starts from.",
        default=0,
        minimum=-MAX_FIGURE_VALUE,
        maximum=MAX_FIGURE_VALUE,
        attr="start",
    ),
    FieldSpec("decimals", "integer", "Digits after the decimal mark.", default=0, minimum=0, maximum=6),
    FieldSpec("prefix", "text", "Text before the number, such as '€'.", default=""),
    FieldSpec("suffix", "text", "Text after the number, such as ' billion' or '%'.", default=""),
    FieldSpec("label", "text", "What the number means, with its year.", required=True),
    FieldSpec(
        "source",
        "text",
        "Where the number comes from, short, with its year ('pharma.be, 2022'); a figure without one gets a warning.",
        default="",
    ),
    FieldSpec("duration", "number", "Seconds the counter takes to count up.", default=2, minimum=0, maximum=60),
)
