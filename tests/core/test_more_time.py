"""The idle policy's "More time": the idle timeout doubles for the rest of the visit; the next auto-play ends it."""

from __future__ import annotations

import pytest

from kiosk.core.attract import IdlePolicy, Phase
from tests.core.clock import FakeClock

IDLE_S = 60.0
WARNING_S = 10.0


@pytest.fixture
def policy(clock: FakeClock) -> IdlePolicy:
    return IdlePolicy(IDLE_S, WARNING_S, clock)


def warned(policy: IdlePolicy, clock: FakeClock) -> None:
    """Let the idle timeout run out so the warning is up."""
    clock.advance(policy.next_deadline() - clock.now)  # type: ignore[operator]
    assert policy.update() is Phase.WARNING


def test_more_time_during_the_warning_doubles_the_idle_timeout(policy: IdlePolicy, clock: FakeClock) -> None:
    warned(policy, clock)
    policy.more_time()
    assert policy.phase is Phase.ACTIVE, "the warning goes"
    assert policy.extended
    assert policy.next_deadline() == clock.now + 2 * IDLE_S
    clock.advance(2 * IDLE_S - 0.001)
    assert policy.update() is Phase.ACTIVE, "no warning before twice the idle timeout"
    clock.advance(0.001)
    assert policy.update() is Phase.WARNING, "the next warning comes at twice the idle timeout"
    assert policy.warning_remaining_s() == WARNING_S, "the warning itself is as long as ever"


def test_the_extension_lasts_the_whole_visit(policy: IdlePolicy, clock: FakeClock) -> None:
    warned(policy, clock)
    policy.more_time()
    clock.advance(IDLE_S)
    policy.on_input()  # the visitor carries on touching
    assert policy.next_deadline() == clock.now + 2 * IDLE_S, "every input of the visit counts the doubled timeout"
    assert policy.idle_timeout_s == IDLE_S, "the configured timeout is unchanged"


def test_asking_again_extends_again_without_compounding(policy: IdlePolicy, clock: FakeClock) -> None:
    for _ in range(3):
        warned(policy, clock)
        policy.more_time()
        assert policy.next_deadline() == clock.now + 2 * IDLE_S


def test_the_next_autoplay_ends_the_visit_and_the_extension(policy: IdlePolicy, clock: FakeClock) -> None:
    warned(policy, clock)
    policy.more_time()
    clock.advance(2 * IDLE_S + WARNING_S)
    assert policy.update() is Phase.AUTOPLAY
    assert not policy.extended
    policy.on_input()  # the next visitor wakes the display
    assert policy.next_deadline() == clock.now + IDLE_S, "a new visit starts with the configured timeout"


def test_starting_autoplay_at_once_ends_the_extension_too(policy: IdlePolicy, clock: FakeClock) -> None:
    policy.more_time()
    policy.start_autoplay()
    policy.on_input()
    assert policy.next_deadline() == clock.now + IDLE_S
