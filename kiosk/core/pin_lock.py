"""The exit PIN check: right or wrong, and a lockout after too many wrong tries; no Qt."""

from __future__ import annotations

import enum
import hmac
import logging
import time
from collections.abc import Callable, Mapping

from kiosk.deck.schema import PIN_PATTERN

log = logging.getLogger(__name__)

PIN_ENV = "KIOSK_EXIT_PIN"
DEFAULT_ATTEMPTS = 3
DEFAULT_LOCKOUT_S = 60.0


class PinResult(enum.Enum):
    """What one PIN entry led to."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # too many wrong tries: no entry is checked until the lockout ends
    DISABLED = "disabled"  # no PIN is configured, so the exit cannot be unlocked


class PinLock:
    """Checks entries against ``pin``; ``attempts`` wrong ones in a row lock it for ``lockout_s`` seconds.

    The entry that uses up the last attempt already answers LOCKED. Attempts
    start over after a right PIN or once the lockout has passed.
    """

    def __init__(
        self,
        pin: str | None,
        clock: Callable[[], float] = time.monotonic,
        attempts: int = DEFAULT_ATTEMPTS,
        lockout_s: float = DEFAULT_LOCKOUT_S,
    ) -> None:
        self._pin = pin.encode() if pin else None
        self._clock = clock
        self.attempts = max(1, attempts)
        self.lockout_s = lockout_s
        self._wrong = 0
        self._locked_until: float | None = None

    @property
    def enabled(self) -> bool:
        """True when a PIN is configured, so the exit can be unlocked at all."""
        return self._pin is not None

    @property
    def attempts_left(self) -> int:
        """Wrong entries still allowed before the lockout (0 while locked)."""
        if self.locked_remaining_s() > 0:
            return 0
        return self.attempts - self._wrong

    def locked_remaining_s(self) -> float:
        """Seconds until entries are checked again; 0 when not locked."""
        if self._locked_until is None:
            return 0.0
        remaining = self._locked_until - self._clock()
        if remaining <= 0:
            self._locked_until = None
            self._wrong = 0
            return 0.0
        return remaining

    def try_pin(self, entry: str) -> PinResult:
        """Check ``entry``; a wrong one counts towards the lockout."""
        if self._pin is None:
            return PinResult.DISABLED
        if self.locked_remaining_s() > 0:
            return PinResult.LOCKED
        # compare_digest takes the same time wherever the first wrong digit is.
        if hmac.compare_digest(entry.encode(), self._pin):
            self._wrong = 0
            log.info("exit PIN accepted")
            return PinResult.ACCEPTED
        self._wrong += 1
        if self._wrong >= self.attempts:
            self._locked_until = self._clock() + self.lockout_s
            log.warning("%d wrong exit PINs; the keypad is locked for %g s", self._wrong, self.lockout_s)
            return PinResult.LOCKED
        log.info("wrong exit PIN (%d of %d)", self._wrong, self.attempts)
        return PinResult.WRONG


def exit_pin_from(deck_pin: str | None, environ: Mapping[str, str]) -> str | None:
    """The exit PIN: ``KIOSK_EXIT_PIN`` when it is 4 to 12 digits, else the deck's ``kiosk.exit_pin``."""
    value = environ.get(PIN_ENV)
    if value:
        if PIN_PATTERN.fullmatch(value):
            return value
        # Never log the value: it may be a real PIN with a typo.
        log.warning("%s is set but is not 4 to 12 digits; ignoring it", PIN_ENV)
    return deck_pin or None
