"""Outside opening hours in a kiosk-mode player: the standby screen covers everything and input does nothing.

The opening hours read a movable clock (9:00 to 17:00 on weekdays); a test moves
it and asks the opening-hours controller to look, as its timer would at that moment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.attract import Phase
from kiosk.core.navigator import HOME, Position
from kiosk.core.schedule import ScheduleWatcher
from kiosk.core.strings import text
from kiosk.deck import Deck
from kiosk.deck.schema import OpeningHours, Schedule
from kiosk.player import opening_hours
from kiosk.player.controller import Motion
from tests.ui.conftest import statement, theme, title
from tests.ui.helpers import settle

MONDAY = datetime(2024, 1, 1)  # a Monday
OFFICE = Schedule(hours=(OpeningHours(days=(0, 1, 2, 3, 4), open=9 * 60, close=17 * 60),))
DIRECT = Qt.FindChildOption.FindDirectChildrenOnly
ATTRACT = {"idle_timeout": 1, "warning": 1, "slide_duration": 0.5}


class MovableClock:
    """A ``now`` that stays put until the test moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    """The time the opening hours of players built after it read: Monday 08:00 until moved."""
    moved = MovableClock(MONDAY + timedelta(hours=8))
    monkeypatch.setattr(opening_hours, "ScheduleWatcher", lambda: ScheduleWatcher(now=moved))
    return moved


@pytest.fixture
def deck(deck_factory: Any) -> Deck:
    made = deck_factory(
        [theme("alpha", [title("A1"), statement("A2", "Body A2")], title="Alpha")],
        title="Lobby",
        attract=ATTRACT,
    )
    return dataclasses.replace(made, schedule=OFFICE)


@pytest.fixture
def kiosk_player(make_player: Any) -> Iterator[Any]:
    """``kiosk_player(deck)``: a player built in kiosk mode, shown as a 1280x720 window."""
    made: list[Any] = []

    def factory(deck: Deck) -> Any:
        player = make_player(deck, windowed=False, idle_timeout=None, autoplay=False, time_scale=0.1)
        made.append(player)
        return player

    yield factory
    for player in made:  # let the window close at teardown (kiosk mode refuses otherwise)
        player.window.allow_quit()
        player.attract.suspend()
        player.closed.hours.stop()


def tap(window: Any, device: QPointingDevice, point: QPoint) -> None:
    handle = window.windowHandle()
    QTest.touchEvent(handle, device).press(0, point).commit()
    QApplication.processEvents()
    QTest.touchEvent(handle, device).release(0, point).commit()


def test_closed_the_standby_screen_covers_the_window_and_input_does_nothing(
    qtbot: Any, clock: MovableClock, kiosk_player: Any, deck: Deck, touchscreen: QPointingDevice
) -> None:
    # GIVEN a kiosk player started at 08:00, before opening
    player = kiosk_player(deck)
    window, controller, standby = player.window, player.controller, player.standby.view
    # THEN the standby screen covers the whole window, saying when it opens
    assert standby.isVisible()
    assert standby.geometry() == window.rect()
    assert standby.visible_texts()[:2] == ["Lobby", text("closed", "en")]
    assert standby.next_opening == MONDAY + timedelta(hours=9)
    assert controller.position == HOME
    # AND attract mode rests: no idle timer runs
    assert player.attract.phase is Phase.ACTIVE
    assert not player.autoplayer.running
    assert not any(timer.isActive() for timer in player.attract.findChildren(QTimer, options=DIRECT))
    # WHEN a visitor presses a key and taps where the home screen's first tile is
    home = window.stage.current_view()
    QTest.keyClick(window, Qt.Key.Key_Return)
    tap(window, touchscreen, home.tiles[0].mapTo(window, home.tiles[0].rect().center()))
    # THEN nothing behind the standby screen moved
    assert controller.position == HOME
    assert standby.isVisible()
    assert not player.attract_cards.warning.isVisible()
    # AND a resize keeps it covering the window
    window.resize(1000, 700)
    qtbot.waitUntil(lambda: standby.geometry() == window.rect(), timeout=2000)


def test_at_opening_time_the_standby_screen_goes_and_the_player_answers_again(
    qtbot: Any, clock: MovableClock, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(deck)
    window, controller, closed = player.window, player.controller, player.closed
    assert player.standby.view.isVisible()
    # WHEN nine strikes
    clock.moment = MONDAY + timedelta(hours=9)
    with qtbot.waitSignal(closed.opened, timeout=1000):
        closed.hours.check()
    # THEN the standby screen is gone and keys act on the slides again
    assert not player.standby.view.isVisible()
    assert controller.position == HOME
    controller.go_to(Position(0, 0), Motion.CUT)
    settle(qtbot, window.stage)
    QTest.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: controller.position == Position(0, 1), timeout=2000)
    settle(qtbot, window.stage)
    # WHEN five strikes, the visitor on a slide is taken home under the standby screen
    clock.moment = MONDAY + timedelta(hours=17)
    with qtbot.waitSignal(closed.closed, timeout=1000):
        closed.hours.check()
    assert player.standby.view.isVisible()
    assert controller.position == HOME
    assert player.standby.view.next_opening == MONDAY + timedelta(days=1, hours=9)
    settle(qtbot, window.stage)
