"""The idle policy on its own, with a hand-moved clock: active, the "still there?" warning, auto-play."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.attract import IdlePolicy, InputOutcome, Phase
from tests.core.clock import FakeClock

IDLE_S = 60.0
WARNING_S = 10.0


@pytest.fixture
def policy(clock: FakeClock) -> IdlePolicy:
    return IdlePolicy(IDLE_S, WARNING_S, clock)


ROUNDING_S = 1e-9


def expected_phase(idle_s: float, idle_timeout_s: float, warning_s: float) -> Phase:
    """What the phase must be after ``idle_s`` seconds without input (the policy's contract)."""
    if idle_s >= idle_timeout_s + warning_s:
        return Phase.AUTOPLAY
    if idle_s >= idle_timeout_s and warning_s > 0:
        return Phase.WARNING
    return Phase.ACTIVE


# -- the way through the phases -------------------------------------------------


def test_it_starts_active_and_stays_active_before_the_idle_timeout(policy: IdlePolicy, clock: FakeClock) -> None:
    assert policy.phase is Phase.ACTIVE
    assert policy.last_input == clock.now
    clock.advance(IDLE_S - 0.001)
    assert policy.update() is Phase.ACTIVE


def test_active_then_warning_at_the_idle_timeout_then_autoplay_after_the_warning(
    policy: IdlePolicy, clock: FakeClock
) -> None:
    clock.advance(IDLE_S)
    assert policy.update() is Phase.WARNING, "the warning starts exactly at the idle timeout"
    clock.advance(WARNING_S - 0.001)
    assert policy.update() is Phase.WARNING
    clock.advance(0.001)
    assert policy.update() is Phase.AUTOPLAY, "auto-play starts exactly at idle timeout + warning"


def test_autoplay_lasts_without_input(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S + WARNING_S)
    assert policy.update() is Phase.AUTOPLAY
    clock.advance(24 * 3600)
    assert policy.update() is Phase.AUTOPLAY


def test_a_long_jump_of_the_clock_goes_straight_to_autoplay(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S + WARNING_S + 5)
    assert policy.update() is Phase.AUTOPLAY


def test_warning_zero_skips_the_warning(clock: FakeClock) -> None:
    policy = IdlePolicy(IDLE_S, 0, clock)
    clock.advance(IDLE_S - 0.001)
    assert policy.update() is Phase.ACTIVE
    assert policy.next_deadline() == pytest.approx(clock.now + 0.001)
    clock.advance(0.001)
    assert policy.update() is Phase.AUTOPLAY, "no warning phase in between"
    assert policy.warning_remaining_s() == 0.0


def test_start_in_autoplay(clock: FakeClock) -> None:
    policy = IdlePolicy(IDLE_S, WARNING_S, clock, start_in_autoplay=True)
    assert policy.phase is Phase.AUTOPLAY
    assert policy.update() is Phase.AUTOPLAY
    assert policy.next_deadline() is None


def test_start_autoplay_plays_at_once(policy: IdlePolicy) -> None:
    policy.start_autoplay()
    assert policy.phase is Phase.AUTOPLAY
    assert policy.update() is Phase.AUTOPLAY
    assert policy.next_deadline() is None


# -- input -------------------------------------------------------------------------


def test_input_while_active_passes_and_restarts_the_idle_time(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S - 1)
    assert policy.on_input() is InputOutcome.PASS
    assert policy.last_input == clock.now
    clock.advance(IDLE_S - 1)
    assert policy.update() is Phase.ACTIVE, "the idle time counts from the last input"
    clock.advance(1)
    assert policy.update() is Phase.WARNING


def test_input_during_the_warning_dismisses_it_with_a_fresh_timer(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S + WARNING_S / 2)
    assert policy.update() is Phase.WARNING
    assert policy.on_input() is InputOutcome.DISMISSED
    assert policy.phase is Phase.ACTIVE
    assert policy.next_deadline() == clock.now + IDLE_S, "a whole idle timeout again, not the rest of the old one"
    clock.advance(WARNING_S)  # the moment auto-play would have started
    assert policy.update() is Phase.ACTIVE
    clock.advance(IDLE_S - WARNING_S)
    assert policy.update() is Phase.WARNING


def test_input_during_autoplay_wakes(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S + WARNING_S + 30)
    assert policy.update() is Phase.AUTOPLAY
    assert policy.on_input() is InputOutcome.WOKE
    assert policy.phase is Phase.ACTIVE
    assert policy.on_input() is InputOutcome.PASS, "only the first input wakes"
    assert policy.next_deadline() == clock.now + IDLE_S


def test_input_after_start_autoplay_wakes(policy: IdlePolicy) -> None:
    policy.start_autoplay()
    assert policy.on_input() is InputOutcome.WOKE
    assert policy.phase is Phase.ACTIVE


# -- deadlines and the countdown ------------------------------------------------------


def test_next_deadline_in_each_phase(policy: IdlePolicy, clock: FakeClock) -> None:
    start = clock.now
    assert policy.next_deadline() == start + IDLE_S, "active: the warning is next"
    clock.advance(IDLE_S)
    policy.update()
    assert policy.next_deadline() == start + IDLE_S + WARNING_S, "warning: auto-play is next"
    clock.advance(WARNING_S)
    policy.update()
    assert policy.next_deadline() is None, "auto-play: nothing until an input"


def test_next_deadline_does_not_move_with_the_clock(policy: IdlePolicy, clock: FakeClock) -> None:
    deadline = policy.next_deadline()
    clock.advance(IDLE_S / 3)
    policy.update()
    assert policy.next_deadline() == deadline


def test_warning_remaining_counts_down(policy: IdlePolicy, clock: FakeClock) -> None:
    assert policy.warning_remaining_s() == 0.0, "no countdown while active"
    clock.advance(IDLE_S)
    policy.update()
    assert policy.warning_remaining_s() == pytest.approx(WARNING_S)
    clock.advance(3.5)
    assert policy.warning_remaining_s() == pytest.approx(WARNING_S - 3.5)
    clock.advance(WARNING_S)  # past the end, before update() moves on
    assert policy.warning_remaining_s() == 0.0, "never negative"
    policy.update()
    assert policy.warning_remaining_s() == 0.0, "no countdown during auto-play"


# -- new timings ----------------------------------------------------------------------


def test_reconfigure_keeps_the_last_input_and_uses_the_new_timings(policy: IdlePolicy, clock: FakeClock) -> None:
    start = policy.last_input
    clock.advance(20)
    policy.reconfigure(30, 5)
    assert (policy.idle_timeout_s, policy.warning_s) == (30, 5)
    assert policy.last_input == start, "a reload is not an input"
    assert policy.next_deadline() == start + 30
    clock.advance(10)  # 30 s idle
    assert policy.update() is Phase.WARNING
    assert policy.warning_remaining_s() == pytest.approx(5)
    clock.advance(5)
    assert policy.update() is Phase.AUTOPLAY


def test_reconfigure_to_a_shorter_timeout_moves_on_at_the_next_update(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(40)
    assert policy.update() is Phase.ACTIVE
    policy.reconfigure(20, 10)
    assert policy.update() is Phase.AUTOPLAY, "40 s idle is already past 20 + 10"


def test_reconfigure_to_no_warning_during_the_warning_plays_at_once(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S + 1)
    assert policy.update() is Phase.WARNING
    policy.reconfigure(IDLE_S, 0)
    assert policy.next_deadline() == policy.last_input + IDLE_S
    assert policy.update() is Phase.AUTOPLAY


def test_reconfigure_to_a_longer_timeout_during_the_warning_goes_back_to_active(
    policy: IdlePolicy, clock: FakeClock
) -> None:
    clock.advance(IDLE_S + 1)
    assert policy.update() is Phase.WARNING
    policy.reconfigure(IDLE_S * 5, WARNING_S)  # a deck reload with idle_timeout 300
    assert policy.update() is Phase.ACTIVE, "61 s idle is well below the new 300 s timeout"
    assert policy.warning_remaining_s() == 0.0


def test_reconfigure_keeps_autoplay_running(policy: IdlePolicy, clock: FakeClock) -> None:
    clock.advance(IDLE_S + WARNING_S)
    assert policy.update() is Phase.AUTOPLAY
    policy.reconfigure(IDLE_S * 10, WARNING_S)
    assert policy.update() is Phase.AUTOPLAY, "auto-play stops only for a visitor"


# -- property: the phase always follows the time since the last input -------------------

OUTCOME_IN = {Phase.ACTIVE: InputOutcome.PASS, Phase.WARNING: InputOutcome.DISMISSED, Phase.AUTOPLAY: InputOutcome.WOKE}
"""What an input does in each phase."""
EPSILON_S = 1e-6
"""Far below any timing, far above the rounding of clock arithmetic."""
STEP = st.one_of(
    st.tuples(st.just("input"), st.just(0.0)),
    st.tuples(st.just("to deadline"), st.just(0.0)),
    st.tuples(st.just("advance"), st.floats(min_value=0.0, max_value=40.0, allow_nan=False)),
    st.tuples(st.just("update"), st.just(0.0)),
)


@settings(max_examples=300, deadline=None)
@given(
    idle_timeout=st.floats(min_value=1.0, max_value=30.0),
    warning=st.one_of(st.just(0.0), st.floats(min_value=0.5, max_value=20.0)),
    steps=st.lists(STEP, max_size=60),
)
def test_the_phase_always_matches_the_time_since_the_last_input(
    idle_timeout: float, warning: float, steps: list[tuple[str, float]]
) -> None:
    clock = FakeClock()
    policy = IdlePolicy(idle_timeout, warning, clock)
    for action, amount in steps:
        if action == "advance":
            clock.advance(amount)
            continue
        before = policy.update()
        if action == "to deadline":
            deadline = policy.next_deadline()
            if deadline is None:
                continue
            clock.now = deadline + EPSILON_S
            assert policy.update() is not before, "the phase changes at the deadline"
        if action == "input":
            assert policy.on_input() is OUTCOME_IN[before]
            assert policy.phase is Phase.ACTIVE
            assert policy.last_input == clock.now
        idle = clock.now - policy.last_input
        phase = policy.update()
        # Within a rounding of a threshold, the sum and the difference of clock times may disagree.
        if min(abs(idle - idle_timeout), abs(idle - idle_timeout - warning)) > ROUNDING_S:
            assert phase is expected_phase(idle, idle_timeout, warning), (idle, phase)
        # The deadline lies ahead and is exactly where the next phase begins.
        deadline = policy.next_deadline()
        if phase is Phase.AUTOPLAY:
            assert deadline is None
        else:
            # (not strictly ahead: the clock may stand exactly on it, a rounding below the threshold)
            assert deadline is not None and deadline >= clock.now
            idle_at_deadline = deadline - policy.last_input
            assert expected_phase(idle_at_deadline + EPSILON_S, idle_timeout, warning) is not phase
            assert expected_phase(idle_at_deadline - EPSILON_S, idle_timeout, warning) is phase
        remaining = policy.warning_remaining_s()
        if phase is Phase.WARNING:
            assert 0 < remaining <= warning
            assert remaining == pytest.approx(idle_timeout + warning - idle)
        else:
            assert remaining == 0.0
