"""The exit PIN check, with a fake clock: right and wrong entries, the lockout, and where the PIN comes from."""

from __future__ import annotations

import logging

import pytest

from kiosk.core.pin_lock import PIN_ENV, PinLock, PinResult, exit_pin_from
from tests.core.clock import FakeClock

PIN = "2468"


@pytest.fixture
def lock(clock: FakeClock) -> PinLock:
    return PinLock(PIN, clock=clock)


def lock_out(lock: PinLock) -> PinResult:
    """Three wrong entries; returns what the last one answered."""
    results = [lock.try_pin("0000") for _ in range(3)]
    assert results[:2] == [PinResult.WRONG, PinResult.WRONG]
    return results[-1]


def test_the_right_pin_is_accepted(lock: PinLock) -> None:
    assert lock.enabled
    assert lock.try_pin(PIN) is PinResult.ACCEPTED
    assert lock.try_pin(PIN) is PinResult.ACCEPTED, "a right PIN does not use anything up"


@pytest.mark.parametrize("entry", ["1357", "", "246", "24680", "２４６８", "2468 "])
def test_anything_else_is_wrong(lock: PinLock, entry: str) -> None:
    assert lock.try_pin(entry) is PinResult.WRONG
    assert lock.locked_remaining_s() == 0


def test_three_wrong_pins_lock_for_60_seconds(lock: PinLock, clock: FakeClock) -> None:
    # GIVEN three wrong entries in a row
    assert lock_out(lock) is PinResult.LOCKED, "the third wrong entry already locks"
    # THEN even the right PIN is refused for 60 s
    assert lock.locked_remaining_s() == pytest.approx(60)
    assert lock.attempts_left == 0
    clock.advance(59.5)
    assert lock.try_pin(PIN) is PinResult.LOCKED
    assert lock.locked_remaining_s() == pytest.approx(0.5)


def test_unlocks_after_60_seconds_with_fresh_attempts(lock: PinLock, clock: FakeClock) -> None:
    lock_out(lock)
    clock.advance(60)
    assert lock.locked_remaining_s() == 0
    assert lock.attempts_left == 3
    assert lock.try_pin("0000") is PinResult.WRONG, "the count started over: one wrong entry does not lock again"
    assert lock.try_pin(PIN) is PinResult.ACCEPTED


def test_a_right_pin_resets_the_count(lock: PinLock) -> None:
    assert [lock.try_pin("1111"), lock.try_pin("2222")] == [PinResult.WRONG, PinResult.WRONG]
    assert lock.try_pin(PIN) is PinResult.ACCEPTED
    assert lock.attempts_left == 3
    assert [lock.try_pin("1111"), lock.try_pin("2222")] == [PinResult.WRONG, PinResult.WRONG]


def test_attempts_and_lockout_are_settable(clock: FakeClock) -> None:
    lock = PinLock(PIN, clock=clock, attempts=1, lockout_s=5)
    assert lock.try_pin("0000") is PinResult.LOCKED
    assert lock.locked_remaining_s() == pytest.approx(5)
    clock.advance(5)
    assert lock.try_pin(PIN) is PinResult.ACCEPTED


@pytest.mark.parametrize("pin", [None, ""])
def test_without_a_pin_the_exit_is_disabled(pin: str | None, clock: FakeClock) -> None:
    lock = PinLock(pin, clock=clock)
    assert not lock.enabled
    assert [lock.try_pin(entry) for entry in ("", "0000", "1234", "0000")] == [PinResult.DISABLED] * 4
    assert lock.locked_remaining_s() == 0


def test_the_environment_overrides_the_deck() -> None:
    assert exit_pin_from("2468", {PIN_ENV: "97531"}) == "97531"
    assert exit_pin_from(None, {PIN_ENV: "123456789012"}) == "123456789012"


def test_the_deck_pin_is_used_without_the_environment_variable() -> None:
    assert exit_pin_from("2468", {}) == "2468"
    assert exit_pin_from("2468", {PIN_ENV: ""}) == "2468", "an empty variable counts as unset"
    assert exit_pin_from(None, {"OTHER": "1234"}) is None


@pytest.mark.parametrize("value", ["123", "1234567890123", "12a4", "12 34", " 1234", "1234\n", "١٢٣٤"])
def test_an_invalid_environment_pin_is_ignored_with_a_warning(value: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.core.pin_lock"):
        assert exit_pin_from("2468", {PIN_ENV: value}) == "2468"
        assert exit_pin_from(None, {PIN_ENV: value}) is None
    assert PIN_ENV in caplog.text
    assert value.strip() not in caplog.text, "the value is never logged"


def test_the_module_imports_no_qt() -> None:
    from tests.deck.test_no_qt import _qt_modules_after

    assert _qt_modules_after("import kiosk.core.pin_lock") == []
