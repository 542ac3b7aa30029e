"""The presenter's talk timer on a fake clock: slide time against targets, pace, pause, reset, records."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.talk_timer import SlideRecord, SlideTimeState, TalkTimer
from tests.core.clock import FakeClock

TARGETS = {"a": 60.0, "b": 30.0, "c": 90.0}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timer(clock: FakeClock) -> TalkTimer:
    return TalkTimer(TARGETS, clock)


def test_time_on_the_slide_and_the_talk(clock: FakeClock, timer: TalkTimer) -> None:
    timer.show("a")
    clock.advance(20)
    assert timer.slide_elapsed_s() == 20 and timer.elapsed_s() == 20
    timer.show("b")
    clock.advance(5)
    assert timer.slide_elapsed_s() == 5 and timer.elapsed_s() == 25
    assert timer.slide_target_s() == 30


@pytest.mark.parametrize(
    ("seconds", "state"),
    [(0, SlideTimeState.NORMAL), (47.9, SlideTimeState.NORMAL), (48, SlideTimeState.AMBER),
     (60, SlideTimeState.AMBER), (60.1, SlideTimeState.RED)],
)  # fmt: skip
def test_the_slide_turns_amber_at_80_percent_and_red_past_its_target(
    clock: FakeClock, timer: TalkTimer, seconds: float, state: SlideTimeState
) -> None:
    timer.show("a")
    clock.advance(seconds)
    assert timer.slide_state() is state


def test_the_pace_counts_behind_only_once_a_target_has_passed(clock: FakeClock, timer: TalkTimer) -> None:
    timer.show("a")
    clock.advance(50)
    assert timer.pace_s() == 0, "within the first slide's target: on time"
    clock.advance(40)
    assert timer.pace_s() == 30, "90 s on a 60 s slide: 30 s behind"
    timer.show("b")
    clock.advance(10)
    assert timer.pace_s() == 30
    timer.show("c")
    assert timer.pace_s() == 100 - 90, "100 s spent where a and b planned 90 s"


def test_moving_on_early_puts_the_talk_ahead(clock: FakeClock, timer: TalkTimer) -> None:
    timer.show("a")
    clock.advance(10)
    timer.show("b")
    assert timer.pace_s() == -50


def test_pause_stops_every_count_and_resume_goes_on(clock: FakeClock, timer: TalkTimer) -> None:
    timer.show("a")
    clock.advance(10)
    timer.toggle_pause()
    assert timer.paused
    clock.advance(100)
    assert timer.elapsed_s() == 10 and timer.slide_elapsed_s() == 10
    timer.show("b")  # moving while paused starts the new visit at zero, still paused
    clock.advance(5)
    assert timer.slide_elapsed_s() == 0
    timer.toggle_pause()
    clock.advance(7)
    assert timer.slide_elapsed_s() == 7 and timer.elapsed_s() == 17


def test_reset_starts_from_zero(clock: FakeClock, timer: TalkTimer) -> None:
    timer.show("a")
    clock.advance(30)
    timer.reset()
    assert timer.elapsed_s() == 0 and timer.current is None
    assert all(record.visits == 0 and record.spent_s == 0 for record in timer.records())


def test_records_hold_time_and_visits_per_slide_in_talk_order(clock: FakeClock, timer: TalkTimer) -> None:
    for key, seconds in [("a", 40), ("b", 10), ("a", 5), ("c", 100), (None, 50)]:
        timer.show(key)
        clock.advance(seconds)
    assert timer.records() == [
        SlideRecord("a", 60, 45, 2),
        SlideRecord("b", 30, 10, 1),
        SlideRecord("c", 90, 100, 1),
    ]
    assert timer.elapsed_s() == 205, "time on the home screen counts for the talk, not for a slide"


def test_showing_the_same_slide_again_is_not_a_new_visit(clock: FakeClock, timer: TalkTimer) -> None:
    timer.show("a")
    clock.advance(10)
    timer.show("a")
    assert timer.slide_elapsed_s() == 10
    assert timer.records()[0].visits == 1


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", None]), st.floats(0, 1000), st.booleans()), max_size=30))
def test_slide_times_add_up_to_the_talk_time_off_the_home_screen(steps: list[tuple[str | None, float, bool]]) -> None:
    clock = FakeClock()
    timer = TalkTimer(TARGETS, clock)
    home = 0.0
    for key, seconds, pause in steps:
        timer.show(key)
        if pause:
            timer.toggle_pause()
        if key is None and not timer.paused:
            home += seconds
        clock.advance(seconds)
    total = sum(record.spent_s for record in timer.records())
    assert total + home == pytest.approx(timer.elapsed_s())
    assert timer.elapsed_s() >= 0 and timer.slide_elapsed_s() >= 0
