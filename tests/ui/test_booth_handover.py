"""Handing the booth to a presenter and back: corner hold, PIN, Present; the talk; the locked attract loop again.

The player is built as ``kiosk run`` builds it in kiosk mode (full screen, locked, attract mode on), and
staff input goes through the window's QWindow as a real mouse sends it. Attract mode and the handover
read a fake clock: attract mode's is given through its constructor's default (``build_player`` makes it
deep inside), the handover's through its ``clock``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app import build_player
from kiosk.core.navigator import HOME, Position
from kiosk.core.pin_lock import PIN_ENV
from kiosk.core.strings import text
from kiosk.paths import DATA_DIR_VARIABLE
from kiosk.player.attract_mode import AttractMode
from kiosk.player.handover import BoothHandover
from kiosk.rehearsal_store import DATABASE_NAME, RehearsalStore
from kiosk.ui.presenter_console import PresenterConsole
from tests.core.clock import FakeClock
from tests.ui.conftest import DeckFactory, player_args, statement, theme
from tests.ui.helpers import settle
from tests.ui.test_kiosk_exit_end_to_end import (
    DECK_PIN,
    EXIT_HOLD_S,
    WRONG_PIN,
    hold_until_the_keypad_opens,
    tap,
    type_pin,
)

IDLE_TIMEOUT_S = 60
WARNING_S = 10
Key = Qt.Key


class Booth:
    """A kiosk-mode player on fake clocks, with the app's exit requests recorded instead of obeyed."""

    def __init__(self, qtbot: Any, player: Any, attract_clock: FakeClock, talk_clock: FakeClock) -> None:
        self.qtbot, self.player = qtbot, player
        self.window, self.controller, self.pad = player.window, player.controller, player.exit_pad
        self.attract: AttractMode = player.attract
        self.attract_clock, self.talk_clock = attract_clock, talk_clock
        handover = self.window.findChild(BoothHandover)
        assert handover is not None, "kiosk mode can hand the display to a presenter"
        handover.clock = talk_clock
        self.handover: BoothHandover = handover
        self.exits: list[int] = []

    def unlock(self, pin: str = DECK_PIN) -> None:
        """Hold the corner until the keypad opens, then tap ``pin`` and OK."""
        hold_until_the_keypad_opens(self.qtbot, self.player)
        type_pin(self.window, self.pad, pin)

    def present(self) -> PresenterConsole:
        """Unlock, tap Present; returns the console once it is up."""
        self.unlock()
        assert self.pad.is_choosing()
        with self.qtbot.waitSignal(self.handover.started, timeout=2000):
            tap(self.window, self.pad.present_button)
        console = consoles()[0]
        self.qtbot.waitExposed(console)
        return console

    def attract_would_start(self) -> bool:
        """Let the attract clock pass the idle timeout and its warning: does attract mode warn or play?"""
        fired: list[str] = []
        self.attract.warning_shown.connect(lambda _s: fired.append("warning"))
        self.attract.autoplay_started.connect(lambda: fired.append("autoplay"))
        self.attract_clock.advance(IDLE_TIMEOUT_S + WARNING_S + 1)
        self.attract.check()
        self.attract.check()
        return bool(fired)


def consoles() -> list[PresenterConsole]:
    """The presenter consoles now on screen."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, PresenterConsole) and w.isVisible()]


def attract_timer_running(attract: AttractMode) -> bool:
    """True while attract mode's own timers run (the idle countdown, the warning's countdown)."""
    own = attract.findChildren(QTimer, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return any(timer.isActive() for timer in own)


@pytest.fixture
def booth(qtbot: Any, deck_factory: DeckFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Booth]:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    monkeypatch.delenv(PIN_ENV, raising=False)
    attract_clock, talk_clock = FakeClock(), FakeClock()
    monkeypatch.setattr(AttractMode.__init__, "__defaults__", (None, attract_clock))
    deck = deck_factory(
        [theme("a", [statement("One", notes="Greet the room."), statement("Two"), statement("Three")])],
        kiosk={"exit_pin": DECK_PIN, "exit_hold": EXIT_HOLD_S},
        attract={"idle_timeout": IDLE_TIMEOUT_S, "warning": WARNING_S},
    )
    player = build_player(deck, player_args(windowed=False))
    booth = Booth(qtbot, player, attract_clock, talk_clock)
    monkeypatch.setattr(QApplication, "exit", staticmethod(booth.exits.append))
    qtbot.addWidget(player.window, before_close_func=lambda w: w.allow_quit())
    player.window.present()
    qtbot.waitExposed(player.window)
    yield booth
    for console in consoles():
        console.allow_close()
        console.close()
    booth.pad.cancel()
    booth.attract.suspend()
    player.closed.hours.stop()
    player.window.stage.overlay.finish_now()


def assert_back_in_the_locked_attract_loop(booth: Booth, press: Callable[..., None]) -> None:
    """No console, the locked window on its home screen, attract mode counting idle time from now."""
    assert consoles() == [] and not booth.handover.is_presenting()
    window = booth.window
    assert window.isVisible() and window.isFullScreen() and not window.windowed
    settle(booth.qtbot, window.stage)
    assert booth.controller.position == HOME and window.stage.shown_position == HOME
    assert attract_timer_running(booth.attract), "the idle countdown runs again"
    booth.attract_clock.advance(IDLE_TIMEOUT_S - 1)
    booth.attract.check()
    assert not booth.attract.warning_up, "the countdown started when the talk ended, not before"
    booth.attract_clock.advance(2)
    with booth.qtbot.waitSignal(booth.attract.warning_shown, timeout=2000):
        booth.attract.check()
    # Still kiosk mode: Esc and a close request do nothing; only the corner and the PIN lead out.
    press(window, Key.Key_Escape)
    assert not window.close() and window.isVisible()
    QCoreApplication.processEvents()
    assert booth.exits == []


# -- the tests -------------------------------------------------------------------------------


def test_present_opens_a_locked_console_that_follows_the_audience_window(
    booth: Booth, press: Callable[..., None]
) -> None:
    console = booth.present()
    # THEN the console takes the only screen, locked as the kiosk is, and the display is the audience view
    assert console.isFullScreen() and not console.windowed
    flags = console.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert not console.close() and console.isVisible(), "the console does not close on request"
    press(console, Key.Key_F)
    assert console.isFullScreen(), "F does not take the console out of full screen"
    assert not booth.window.windowed and booth.pad.lock.enabled
    press(booth.window, Key.Key_Escape)  # on the audience window Esc still does nothing
    assert booth.handover.is_presenting() and console.isVisible()
    # WHEN the presenter moves on
    press(console, Key.Key_Right)
    press(console, Key.Key_PageDown)
    settle(booth.qtbot, booth.window.stage)
    # THEN the console and the audience view show the same slide
    assert booth.controller.position == Position(0, 1)
    assert booth.window.stage.shown_position == Position(0, 1)
    assert console.current.position == Position(0, 1) and console.next.position == Position(0, 2)
    assert console.position_label.text() == "Slide 2 of 3"
    assert booth.exits == []


def test_attract_mode_rests_while_presenting(booth: Booth, press: Callable[..., None]) -> None:
    console = booth.present()
    press(console, Key.Key_Right)
    assert not attract_timer_running(booth.attract)
    assert not booth.attract_would_start(), "no warning and no auto-play during a talk"
    assert booth.controller.position == Position(0, 0)


def test_ending_the_talk_records_it_and_returns_to_the_locked_attract_loop(
    booth: Booth, press: Callable[..., None], tmp_path: Path
) -> None:
    console = booth.present()
    press(console, Key.Key_Right)
    booth.talk_clock.advance(5)
    with booth.qtbot.waitSignal(booth.handover.finished, timeout=2000):
        press(console, Key.Key_Escape)  # the console's end key
    runs = RehearsalStore(tmp_path / "data" / DATABASE_NAME).runs()
    assert len(runs) == 1, "the talk is recorded as kiosk present records it"
    assert_back_in_the_locked_attract_loop(booth, press)


def test_a_talk_nobody_touches_for_the_idle_timeout_returns_to_the_attract_loop(
    booth: Booth, press: Callable[..., None]
) -> None:
    console = booth.present()
    booth.talk_clock.advance(IDLE_TIMEOUT_S - 1)
    booth.handover.check()
    assert booth.handover.is_presenting()
    press(console, Key.Key_Right)  # input on the console starts the idle time again
    booth.talk_clock.advance(IDLE_TIMEOUT_S - 1)
    booth.handover.check()
    assert booth.handover.is_presenting(), "input on the console keeps the talk going"
    booth.talk_clock.advance(1)
    with booth.qtbot.waitSignal(booth.handover.finished, timeout=2000):
        booth.handover.check()
    assert_back_in_the_locked_attract_loop(booth, press)


def test_a_wrong_pin_never_offers_present(booth: Booth, press: Callable[..., None]) -> None:
    booth.unlock(WRONG_PIN)
    pad = booth.pad
    assert pad.is_open() and not pad.is_choosing()
    assert pad.message() == text("wrong_pin", pad.language)
    assert not pad.present_button.isVisible() and not pad.exit_button.isVisible()
    press(booth.window, Key.Key_Return)
    pad.choose_present()  # even asked directly, nothing happens before the right PIN
    pad.choose_exit()
    assert not booth.handover.is_presenting() and consoles() == [] and booth.exits == []
    for _ in range(2):  # up to the lockout, which holds for the right PIN too
        type_pin(booth.window, pad, WRONG_PIN)
    assert pad.message() == text("locked_for", pad.language, seconds=60)
    assert not pad.ok_button.isEnabled()
    pad.submit()
    assert not pad.is_choosing() and not pad.present_button.isVisible()
    pad.cancel()


def test_exit_after_the_pin_still_quits_with_0(booth: Booth) -> None:
    booth.unlock()
    assert booth.exits == [], "the right PIN alone leaves nothing yet"
    tap(booth.window, booth.pad.exit_button)
    assert booth.exits == [0]
    assert not booth.handover.is_presenting()
