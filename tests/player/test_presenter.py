"""The presenter's timing and screens: the talk timer follows the controller, P and R, the end of the talk, screens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.core.navigator import HOME, Position
from kiosk.core.talk_timer import TalkTimer
from kiosk.player import presenter as presenter_module
from kiosk.player.controller import Motion, PlayerController
from kiosk.player.presenter import (
    Presenter,
    PresenterScreens,
    ScreenChoice,
    choose_screens,
    clock_text,
    pace_sentence,
)
from tests.core.clock import FakeClock
from tests.ui.conftest import DeckFactory, deck_factory, statement, theme  # noqa: F401 - the fixture


class KeyTarget(QWidget):
    """A window the presenter watches, standing in for the console or the audience window."""

    def __init__(self) -> None:
        super().__init__()
        self.unhandled: list[int] = []

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt naming
        self.unhandled.append(event.key())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def controller(deck_factory: DeckFactory) -> PlayerController:  # noqa: F811 - the imported fixture
    deck = deck_factory(
        [theme("a", [statement("One", duration=60), statement("Two", duration=30)]), theme("b", [statement("Three")])],
        attract={"slide_duration": 90},
    )
    return PlayerController(deck)


@pytest.fixture
def presenter(controller: PlayerController, clock: FakeClock) -> Iterator[Presenter]:
    made = Presenter(controller, clock)
    yield made
    made.stop()


@pytest.fixture
def window(qtbot: Any, presenter: Presenter) -> KeyTarget:
    target = KeyTarget()
    qtbot.addWidget(target)
    presenter.watch(target)
    return target


# -- screens, as a pure choice -----------------------------------------------------


@pytest.mark.parametrize(
    ("names", "primary", "wanted", "choice"),
    [
        ([], "eDP-1", None, ScreenChoice(None, "eDP-1")),
        (["eDP-1"], "eDP-1", None, ScreenChoice(None, "eDP-1")),
        (["eDP-1"], "eDP-1", "HDMI-1", ScreenChoice(None, "eDP-1")),
        (["eDP-1", "HDMI-1"], "eDP-1", None, ScreenChoice("HDMI-1", "eDP-1")),
        (["HDMI-1", "eDP-1"], "eDP-1", None, ScreenChoice("HDMI-1", "eDP-1")),
        (["eDP-1", "HDMI-1", "DP-2"], "eDP-1", "DP-2", ScreenChoice("DP-2", "eDP-1")),
        (["eDP-1", "HDMI-1"], "eDP-1", "eDP-1", ScreenChoice("eDP-1", "HDMI-1")),
        (["eDP-1", "HDMI-1"], "eDP-1", "gone", ScreenChoice("HDMI-1", "eDP-1")),
    ],
)
def test_the_audience_gets_a_screen_that_is_not_the_primary_unless_one_is_asked_for(
    names: list[str], primary: str, wanted: str | None, choice: ScreenChoice
) -> None:
    assert choose_screens(names, primary, wanted) == choice


class FakeScreen:
    """A connected screen as the placement reads it: a name and a geometry."""

    def __init__(self, name: str, x: int) -> None:
        self._name = name
        self._geometry = QRect(x, 0, 1920, 1080)

    def name(self) -> str:
        return self._name

    def geometry(self) -> QRect:
        return self._geometry


class FakeScreens:
    """Stands in for QGuiApplication's list of screens, which the offscreen platform cannot grow."""

    def __init__(self, *screens: FakeScreen) -> None:
        self.connected = list(screens)
        self.covered: dict[QWidget, str] = {}

    def screens(self) -> list[FakeScreen]:
        return list(self.connected)

    def primaryScreen(self) -> FakeScreen:  # noqa: N802 - Qt naming
        return self.connected[0]

    def cover(self, window: QWidget, screen: FakeScreen) -> None:
        self.covered[window] = screen.name()
        window.show()


def test_screens_unplugged_and_plugged_back_move_the_windows_and_never_end_the_talk(
    qtbot: Any, presenter: Presenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a laptop screen and a projector, the console and the audience window placed on them
    laptop, projector = FakeScreen("eDP-1", 0), FakeScreen("HDMI-1", 1920)
    screens = FakeScreens(laptop, projector)
    console, audience = QWidget(), QWidget()
    qtbot.addWidget(console)
    qtbot.addWidget(audience)
    placement = PresenterScreens(console, audience, None)
    monkeypatch.setattr(presenter_module, "QGuiApplication", screens)
    monkeypatch.setattr(presenter_module, "_cover", screens.cover)
    placement.place()
    assert screens.covered == {console: "eDP-1", audience: "HDMI-1"}
    # WHEN the projector's cable is pulled mid-talk
    screens.connected.remove(projector)
    placement.screen_removed(projector)  # type: ignore[arg-type]
    # THEN the console stays on the laptop, the audience window waits hidden, and the talk goes on
    assert console.isVisible() and not audience.isVisible()
    assert placement.choice == ScreenChoice(None, "eDP-1")
    assert not presenter.is_ended
    # WHEN it is plugged back in, the audience window goes back to it
    screens.connected.append(projector)
    placement.screen_added(projector)  # type: ignore[arg-type]
    assert audience.isVisible() and screens.covered[audience] == "HDMI-1"


def test_on_one_real_screen_the_console_is_alone_and_losing_it_changes_nothing(
    qtbot: Any, presenter: Presenter
) -> None:
    from PySide6.QtGui import QGuiApplication

    console, audience = QWidget(), QWidget()
    qtbot.addWidget(console)
    qtbot.addWidget(audience)
    placement = PresenterScreens(console, audience, None)
    only = QGuiApplication.screens()[0]
    assert placement.place([only]) == ScreenChoice(None, only.name())
    assert console.isVisible() and not audience.isVisible()
    placement.screen_removed(only)
    assert console.isVisible() and not presenter.is_ended


# -- the talk ----------------------------------------------------------------------


def test_the_timer_follows_the_controller_slide_by_slide(
    controller: PlayerController, presenter: Presenter, clock: FakeClock
) -> None:
    timer = presenter.timer
    assert timer.current is None, "the home screen is no slide"
    controller.go_to(Position(0, 0), Motion.CUT)
    clock.advance(20)
    assert timer.current == Position(0, 0) and timer.slide_target_s() == 60
    controller.next()
    clock.advance(5)
    assert timer.current == Position(0, 1) and timer.slide_elapsed_s() == 5 and timer.elapsed_s() == 25
    controller.next()
    assert timer.slide_target_s() == 90, "a slide without its own duration gets the deck's auto-play time"
    controller.go_to(HOME)
    assert timer.current is None


def test_p_pauses_and_resumes_the_timer_and_r_resets_it(
    controller: PlayerController, presenter: Presenter, clock: FakeClock, window: KeyTarget
) -> None:
    controller.go_to(Position(0, 0), Motion.CUT)
    clock.advance(10)
    QTest.keyClick(window, Qt.Key.Key_P)
    clock.advance(100)
    assert presenter.timer.paused and presenter.timer.elapsed_s() == 10
    QTest.keyClick(window, Qt.Key.Key_P)
    clock.advance(5)
    assert not presenter.timer.paused and presenter.timer.elapsed_s() == 15
    QTest.keyClick(window, Qt.Key.Key_R)
    assert presenter.timer.elapsed_s() == 0
    clock.advance(3)
    assert presenter.timer.current == Position(0, 0), "after a reset the slide on screen is timed again"
    assert presenter.timer.slide_elapsed_s() == 3
    assert window.unhandled == [], "P and R are the presenter's: nothing else sees them"


def test_the_first_esc_ends_the_talk_once_and_the_next_is_left_to_the_player(
    controller: PlayerController, presenter: Presenter, clock: FakeClock, window: KeyTarget
) -> None:
    recorded: list[TalkTimer] = []
    presenter.on_end.append(recorded.append)
    controller.go_to(Position(0, 1), Motion.CUT)
    clock.advance(45)
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert presenter.is_ended and recorded == [presenter.timer]
    clock.advance(60)
    assert presenter.timer.elapsed_s() == 45, "an ended talk's time stands still"
    assert [(r.key, r.spent_s) for r in presenter.long_slides()] == [(Position(0, 1), 45)]
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.unhandled == [Qt.Key.Key_Escape], "the second Esc goes on to the player's quit"
    assert len(recorded) == 1


def test_a_store_that_fails_does_not_keep_the_talk_from_ending(presenter: Presenter) -> None:
    def broken(_timer: TalkTimer) -> None:
        raise OSError("disk full")

    presenter.on_end.append(broken)
    presenter.end_talk()
    assert presenter.is_ended


def test_the_clock_ticks_every_interval(qtbot: Any, controller: PlayerController) -> None:
    quick = Presenter(controller, FakeClock(), tick_ms=10)
    quick.start()
    with qtbot.waitSignal(quick.tick, timeout=2000):
        pass
    quick.end_talk()
    assert not quick.is_ticking()


# -- words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.9, "0:59"), (61, "1:01"), (3600 + 62, "1:01:02"), (-5, "0:00")]
)
def test_durations_read_minutes_and_seconds(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


@pytest.mark.parametrize(
    ("pace", "language", "sentence"),
    [
        (0, "en", "The talk is on time."),
        (29, "en", "The talk is on time."),
        (-29, "en", "The talk is on time."),
        (30, "en", "The talk is 1 min behind."),
        (125, "en", "The talk is 2 min behind."),
        (-65, "en", "The talk is 1 min ahead."),
        (125, "fr", "L’exposé a 2 min de retard."),
        (-125, "de", "Der Vortrag liegt 2 Min. voraus."),
    ],
)
def test_the_pace_is_a_whole_sentence_in_minutes(pace: float, language: str, sentence: str) -> None:
    assert pace_sentence(pace, language) == sentence
