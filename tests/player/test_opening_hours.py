"""The opening-hours controller: ``closed`` and ``opened`` fire when the injected clock crosses the hours."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.schedule import OpeningState, ScheduleWatcher
from kiosk.deck import Deck, load_deck
from kiosk.deck.schema import OpeningHours, Schedule
from kiosk.player.opening_hours import MAX_CHECK_INTERVAL_MS, OpeningHoursController

MONDAY = datetime(2024, 1, 1)  # a Monday
OFFICE = Schedule(hours=(OpeningHours(days=(0, 1, 2, 3, 4), open=9 * 60, close=17 * 60),))


class MovableClock:
    """A ``now`` that stays put until the test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def set(self, hours: int, minutes: int = 0, seconds: float = 0, day: int = 0) -> None:
        self.moment = MONDAY + timedelta(days=day, hours=hours, minutes=minutes, seconds=seconds)


@pytest.fixture(scope="module")
def plain_deck(bundled_deck: Path) -> Deck:
    return load_deck(bundled_deck).require()


@pytest.fixture
def office_deck(plain_deck: Deck) -> Deck:
    return dataclasses.replace(plain_deck, schedule=OFFICE)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(MONDAY + timedelta(hours=8))


@pytest.fixture
def controller(office_deck: Deck, clock: MovableClock) -> Iterator[OpeningHoursController]:
    made = OpeningHoursController(office_deck, ScheduleWatcher(now=clock))
    yield made
    made.stop()


def test_the_first_check_before_opening_announces_closed(qtbot: QtBot, controller: OpeningHoursController) -> None:
    assert controller.is_open  # assumed open until the first check
    with qtbot.waitSignal(controller.closed, timeout=100), qtbot.assertNotEmitted(controller.opened):
        controller.check()
    assert controller.state is OpeningState.CLOSED
    assert controller.next_opening() == MONDAY + timedelta(hours=9)


def test_the_first_check_while_open_announces_nothing(
    qtbot: QtBot, controller: OpeningHoursController, clock: MovableClock
) -> None:
    clock.set(10)
    with qtbot.assertNotEmitted(controller.closed), qtbot.assertNotEmitted(controller.opened):
        controller.check()
    assert controller.is_open


def test_a_day_of_opening_hours(qtbot: QtBot, controller: OpeningHoursController, clock: MovableClock) -> None:
    # GIVEN a closed display at 08:00 on a Monday
    controller.check()
    assert not controller.is_open
    # WHEN the clock reaches the last moment before nine THEN nothing happens
    clock.set(8, 59, 59.999)
    with qtbot.assertNotEmitted(controller.opened):
        controller.check()
    # WHEN it strikes nine THEN the display opens, once
    clock.set(9)
    with qtbot.waitSignal(controller.opened, timeout=100):
        controller.check()
    with qtbot.assertNotEmitted(controller.opened), qtbot.assertNotEmitted(controller.closed):
        controller.check()
    # WHEN it strikes five THEN it closes
    clock.set(16, 59, 59)
    with qtbot.assertNotEmitted(controller.closed):
        controller.check()
    clock.set(17)
    with qtbot.waitSignal(controller.closed, timeout=100):
        controller.check()
    # AND over the weekend it stays closed until Monday
    clock.set(12, day=5)
    with qtbot.assertNotEmitted(controller.opened):
        controller.check()
    clock.set(9, day=7)
    with qtbot.waitSignal(controller.opened, timeout=100):
        controller.check()


def test_the_timer_is_armed_for_the_next_change_but_never_longer_than_a_minute(
    controller: OpeningHoursController, clock: MovableClock
) -> None:
    controller.check()  # 08:00, an hour before opening
    remaining = controller.next_check_ms()
    assert remaining is not None
    assert MAX_CHECK_INTERVAL_MS - 1000 < remaining <= MAX_CHECK_INTERVAL_MS
    clock.set(8, 59, 59.5)
    controller.check()
    remaining = controller.next_check_ms()
    assert remaining is not None
    assert 0 < remaining < 1000


def test_the_timer_checks_by_itself_when_the_change_is_due(
    qtbot: QtBot, controller: OpeningHoursController, clock: MovableClock
) -> None:
    clock.set(8, 59, 59.8)
    controller.check()
    clock.set(9)  # by the time the timer fires, the injected clock has passed nine
    with qtbot.waitSignal(controller.opened, timeout=2000):
        pass


def test_a_reloaded_deck_without_hours_opens_at_once_and_stops_the_timer(
    qtbot: QtBot, controller: OpeningHoursController, plain_deck: Deck
) -> None:
    controller.check()
    assert not controller.is_open
    with qtbot.waitSignal(controller.opened, timeout=100):
        controller.replace_deck(plain_deck)
    assert controller.deck is plain_deck
    assert controller.next_check_ms() is None


def test_a_reloaded_deck_with_other_hours_closes_at_once(
    qtbot: QtBot, controller: OpeningHoursController, clock: MovableClock, office_deck: Deck
) -> None:
    clock.set(10)
    controller.check()
    mornings = Schedule(hours=(OpeningHours(days=(0,), open=6 * 60, close=9 * 60),), when_closed="black")
    with qtbot.waitSignal(controller.closed, timeout=100):
        controller.replace_deck(dataclasses.replace(office_deck, schedule=mornings))
    assert controller.next_opening() == MONDAY + timedelta(days=7, hours=6)


def test_without_a_schedule_it_is_open_and_never_checks_again(qtbot: QtBot, plain_deck: Deck) -> None:
    controller = OpeningHoursController(plain_deck)
    with qtbot.assertNotEmitted(controller.closed):
        controller.check()
    assert controller.is_open
    assert controller.next_check_ms() is None
    assert controller.next_opening() is None
