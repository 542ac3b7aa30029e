"""The idle policy: from the last input, a warning, then auto-play; any input wakes it. No Qt.

Time comes from an injected clock, so tests move it by hand and the Qt wrapper
only has to arm one timer for ``next_deadline()``.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable


class Phase(enum.Enum):
    """What the display is doing with respect to its visitors."""

    ACTIVE = "active"  # someone is using it
    WARNING = "warning"  # "still there?" countdown
    AUTOPLAY = "autoplay"  # playing itself


class InputOutcome(enum.Enum):
    """What an input did to the policy, and so whether it may act on the screen as well."""

    PASS = "pass"  # ordinary input: let it act
    DISMISSED = "dismissed"  # closed the warning: the visitor carries on, the touch is used up
    WOKE = "woke"  # stopped auto-play: show home, the touch is used up


MORE_TIME_FACTOR = 2.0
""""More time" multiplies the idle timeout by this for the rest of the visit."""


class IdlePolicy:
    """Tracks the last input and says when to warn and when to start auto-play.

    A visitor who asks for more time (``more_time``) gets the idle timeout doubled until their visit ends,
    that is until the next auto-play.
    """

    def __init__(
        self,
        idle_timeout_s: float,
        warning_s: float,
        clock: Callable[[], float] = time.monotonic,
        start_in_autoplay: bool = False,
    ) -> None:
        self.idle_timeout_s = idle_timeout_s
        self.warning_s = warning_s
        self._clock = clock
        self._last_input = clock()
        self._factor = 1.0
        self.phase = Phase.AUTOPLAY if start_in_autoplay else Phase.ACTIVE

    @property
    def last_input(self) -> float:
        """The clock time of the last input."""
        return self._last_input

    @property
    def visit_idle_timeout_s(self) -> float:
        """The idle timeout for the present visit: the configured one, doubled after "More time"."""
        return self.idle_timeout_s * self._factor

    @property
    def extended(self) -> bool:
        """True when this visit was given more time."""
        return self._factor != 1.0

    def more_time(self) -> None:
        """The visitor asked for more time: it counts as input, and the idle timeout doubles until the visit ends."""
        self._factor = MORE_TIME_FACTOR
        self._last_input = self._clock()
        self.phase = Phase.ACTIVE

    def reconfigure(self, idle_timeout_s: float, warning_s: float) -> None:
        """New timings (after a deck reload); the last input is kept."""
        self.idle_timeout_s, self.warning_s = idle_timeout_s, warning_s

    def on_input(self) -> InputOutcome:
        """Any touch, click or key: the idle time starts again."""
        self._last_input = self._clock()
        previous, self.phase = self.phase, Phase.ACTIVE
        if previous is Phase.AUTOPLAY:
            return InputOutcome.WOKE
        if previous is Phase.WARNING:
            return InputOutcome.DISMISSED
        return InputOutcome.PASS

    def start_autoplay(self) -> None:
        """Play at once (``--autoplay``), as if the idle time had run out."""
        self._enter_autoplay()

    def _enter_autoplay(self) -> None:
        # The visit is over: the next visitor starts with the configured idle timeout.
        self.phase = Phase.AUTOPLAY
        self._factor = 1.0

    def update(self) -> Phase:
        """Move on to the phase the clock says it is; returns it."""
        if self.phase is Phase.AUTOPLAY:
            return self.phase
        # Compared as clock times, the same sums next_deadline() gives, so both agree to the last bit.
        now = self._clock()
        idle_timeout_s = self.visit_idle_timeout_s
        if now >= self._last_input + idle_timeout_s + self.warning_s:
            self._enter_autoplay()
        elif now >= self._last_input + idle_timeout_s and self.warning_s > 0:
            self.phase = Phase.WARNING
        else:  # also after a longer timeout was configured during the warning
            self.phase = Phase.ACTIVE
        return self.phase

    def next_deadline(self) -> float | None:
        """The clock time of the next change of phase, or None while auto-playing."""
        if self.phase is Phase.AUTOPLAY:
            return None
        if self.phase is Phase.ACTIVE and self.warning_s > 0:
            return self._last_input + self.visit_idle_timeout_s
        return self._last_input + self.visit_idle_timeout_s + self.warning_s

    def warning_remaining_s(self) -> float:
        """Seconds left on the warning countdown (0 outside the warning)."""
        if self.phase is not Phase.WARNING:
            return 0.0
        remaining = self._last_input + self.visit_idle_timeout_s + self.warning_s - self._clock()
        return min(self.warning_s, max(0.0, remaining))
