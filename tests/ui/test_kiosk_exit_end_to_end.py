"""Kiosk mode's only way out, end to end: ``kiosk run DECK`` in this process, the corner held, the PIN typed.

``kiosk.cli.main`` runs its real event loop; the staff member's input is played from a timer
once that loop runs, through the window's QWindow as a real mouse sends it, and the test
asserts on what ``main`` returns.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QThread, QTimer, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

import kiosk.app
from kiosk.cli import main
from kiosk.core.pin_lock import PIN_ENV
from kiosk.core.strings import text
from kiosk.deck.fields import KIOSK_FIELDS
from kiosk.player.exit_gesture import CornerHold

Driver = Callable[[Any], None]

DECK_PIN = "2468"
ENV_PIN = "1357"
WRONG_PIN = "9753"
CORNER = QPoint(4, 4)
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
GAVE_UP = 97
DRIVER_FAILED = 98
GUARD_MS = 60_000
"""The longest a run may take before the test gives up on it (the runs here take seconds)."""
STRAY_ENVIRONMENT = ("KIOSK_SUPERVISED", "INVOCATION_ID", "NOTIFY_SOCKET", "WATCHDOG_USEC")


(EXIT_HOLD_SPEC,) = [field for field in KIOSK_FIELDS if field.key == "exit_hold"]
EXIT_HOLD_S = float(EXIT_HOLD_SPEC.minimum)  # type: ignore[arg-type]
"""The shortest ``kiosk.exit_hold`` the deck format accepts, to keep the tests quick."""
OPENS_WITHIN_MS = round(float(EXIT_HOLD_SPEC.default) * 900)  # type: ignore[arg-type]
"""Nine tenths of the default hold: the deck's exit_hold, not the default, is what counts."""


def write_deck(folder: Path, exit_pin: str | None) -> Path:
    """A two-slide deck with the quickest exit hold and, when given, an exit PIN; returns its folder."""
    (folder / "themes").mkdir(parents=True)
    kiosk_keys = f"  exit_hold: {EXIT_HOLD_S:g}\n" + (f'  exit_pin: "{exit_pin}"\n' if exit_pin else "")
    (folder / "deck.yaml").write_text(f"title: Lobby\nkiosk:\n{kiosk_keys}themes: [themes/t.yaml]\n", encoding="utf-8")
    (folder / "themes" / "t.yaml").write_text(
        "id: t\ntitle: T\nslides:\n"
        "  - {kind: statement, heading: One, body: First.}\n"
        "  - {kind: statement, heading: Two, body: Second.}\n",
        encoding="utf-8",
    )
    return folder


class InProcessKiosk:
    """Runs ``kiosk.cli.main`` here with a driver played inside its event loop; records the app's exit requests."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.players: list[Any] = []
        self.exits: list[int] = []
        self._driver: Driver | None = None
        self._failures: list[BaseException] = []
        build_player = kiosk.app.build_player

        def build_and_drive(*args: Any, **kwargs: Any) -> Any:
            player = build_player(*args, **kwargs)
            self.players.append(player)
            driver = self._driver
            if driver is not None:
                QTimer.singleShot(0, lambda: self._start(driver, player))
            return player

        def exit_recorded(code: int = 0) -> None:
            self.exits.append(code)
            QCoreApplication.exit(code)

        monkeypatch.setattr(kiosk.app, "build_player", build_and_drive)
        monkeypatch.setattr(QApplication, "exit", staticmethod(exit_recorded))

    def run(self, argv: Sequence[str], driver: Driver) -> int:
        """``main(argv)`` with ``driver(player)`` called once the player's event loop runs; returns main's code."""
        self._driver = driver
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(lambda: QCoreApplication.exit(GAVE_UP))
        guard.start(GUARD_MS)
        # run_app installs process-wide hooks (uncaught exceptions, Qt messages); the test's come back after.
        hooks = sys.excepthook, threading.excepthook
        message_handler = qInstallMessageHandler(None)
        qInstallMessageHandler(message_handler)
        try:
            code = main(list(argv))
        finally:
            guard.stop()
            self._driver = None
            sys.excepthook, threading.excepthook = hooks
            qInstallMessageHandler(message_handler)
        if self._failures:
            raise self._failures[0]
        assert code != GAVE_UP, f"main did not return within {GUARD_MS} ms"
        return code

    def _start(self, driver: Driver, player: Any) -> None:
        if QThread.currentThread().loopLevel() == 0:  # something processed events before the loop began
            QTimer.singleShot(0, lambda: self._start(driver, player))
            return
        try:
            driver(player)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test once main returns
            self._failures.append(exc)
            QCoreApplication.exit(DRIVER_FAILED)


@contextmanager
def in_process_kiosk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[InProcessKiosk]:
    """An ``InProcessKiosk`` with throw-away log and state folders; afterwards every window, signal handler,
    socket and log handler ``kiosk run`` left behind is gone."""
    for name, folder in {
        "KIOSK_LOG_DIR": "logs",
        "XDG_STATE_HOME": "state",
        "XDG_CONFIG_HOME": "config",
        "XDG_CACHE_HOME": "cache",
        "XDG_DATA_HOME": "data",
    }.items():
        monkeypatch.setenv(name, str(tmp_path / folder))
    for name in (*STRAY_ENVIRONMENT, PIN_ENV):
        monkeypatch.delenv(name, raising=False)
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    wakeup_fd = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup_fd)
    root = logging.getLogger()
    root_level = root.level
    runner = InProcessKiosk(monkeypatch)
    try:
        yield runner
    finally:
        for player in runner.players:
            window = player.window
            window.allow_quit()
            window.close()
            window.deleteLater()
        app = QApplication.instance()
        reader, writer, notifier = getattr(app, "_kiosk_signal_sockets", (None, None, None))
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.deleteLater()
            reader.close()
            writer.close()
            del app._kiosk_signal_sockets  # type: ignore[union-attr]
        signal.set_wakeup_fd(wakeup_fd)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        for handler in [h for h in root.handlers if getattr(h, "_kiosk", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(root_level)


@pytest.fixture
def kiosk_runner(qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[InProcessKiosk]:
    with in_process_kiosk(monkeypatch, tmp_path) as runner:
        yield runner


# -- a staff member at the screen ------------------------------------------------------------


def corner_hold(player: Any) -> CornerHold:
    hold = player.window.findChild(CornerHold)
    assert hold is not None, "kiosk mode has an exit corner"
    return hold


def press_corner(window: QWidget) -> None:
    QTest.mousePress(window.windowHandle(), LEFT, NO_MODIFIER, CORNER)


def release_corner(window: QWidget) -> None:
    QTest.mouseRelease(window.windowHandle(), LEFT, NO_MODIFIER, CORNER)


def tap(window: QWidget, button: QWidget) -> None:
    """A click in the middle of ``button``, sent to the window as the mouse sends it."""
    assert button.isVisible() and button.isEnabled(), button.objectName()
    point = button.mapTo(window, button.rect().center())
    QTest.mouseClick(window.windowHandle(), LEFT, NO_MODIFIER, point)


def type_pin(window: QWidget, pad: Any, digits: str) -> None:
    """Tap each digit on the keypad, then OK."""
    for count, digit in enumerate(digits, start=1):
        tap(window, pad.digit_buttons[digit])
        assert pad.entered_length() == count, f"the tap on {digit} reached its key"
    tap(window, pad.ok_button)


def choose_exit(window: QWidget, pad: Any, exits: list[int]) -> None:
    """After the right PIN the keypad offers Present and Exit, and nothing has ended yet: tap Exit."""
    assert pad.is_choosing() and exits == [], "the right PIN offers a choice before anything happens"
    tap(window, pad.exit_button)


def hold_until_the_keypad_opens(qtbot: Any, player: Any) -> float:
    """Hold the corner until the keypad is up; returns how long that took, in seconds."""
    window, pad = player.window, player.exit_pad
    pressed = time.monotonic()
    press_corner(window)
    qtbot.waitUntil(pad.isVisible, timeout=OPENS_WITHIN_MS)
    took = time.monotonic() - pressed
    release_corner(window)
    assert pad.is_open(), "releasing the hold that opened it leaves the keypad up"
    return took


def open_keypad_like_staff(qtbot: Any, player: Any, exits: list[int]) -> None:
    """A press released early opens nothing; a hold of exit_hold opens the keypad, and not sooner."""
    window, pad, hold = player.window, player.exit_pad, corner_hold(player)
    qtbot.waitExposed(window)
    assert window.isFullScreen() and not window.windowed, "kiosk run without --windowed is kiosk mode"
    press_corner(window)
    assert hold.is_holding() and not pad.is_open()
    release_corner(window)
    assert not hold.is_holding(), "letting go early ends the hold"
    # However long this lasts, a hold the release did not end shows: the keypad opens during it,
    # or less than exit_hold after the next press.
    qtbot.wait(round(EXIT_HOLD_S * 1000 / 2))
    assert not pad.is_open(), "a press released early opens nothing"
    took = hold_until_the_keypad_opens(qtbot, player)
    assert took >= EXIT_HOLD_S, f"the keypad opened after {took:.3f} s of holding"
    assert exits == []


# -- the tests -------------------------------------------------------------------------------


def test_the_deck_pin_typed_on_the_keypad_ends_kiosk_mode_with_exit_code_0(
    qtbot: Any, kiosk_runner: InProcessKiosk, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "deck", exit_pin=DECK_PIN)

    def staff(player: Any) -> None:
        open_keypad_like_staff(qtbot, player, kiosk_runner.exits)
        pad = player.exit_pad
        type_pin(player.window, pad, WRONG_PIN)
        assert pad.is_open() and pad.message() == text("wrong_pin", pad.language)
        assert kiosk_runner.exits == [], "a wrong PIN does not end kiosk mode"
        type_pin(player.window, pad, DECK_PIN)
        choose_exit(player.window, pad, kiosk_runner.exits)
        assert kiosk_runner.exits == [0], "Exit after the right PIN ends the event loop at once"

    assert kiosk_runner.run(["run", str(deck)], staff) == 0
    assert kiosk_runner.exits == [0]


def test_the_environment_pin_typed_on_the_keypad_ends_kiosk_mode_with_exit_code_0(
    qtbot: Any, kiosk_runner: InProcessKiosk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a deck without a PIN, and the PIN in the environment only
    deck = write_deck(tmp_path / "deck", exit_pin=None)
    monkeypatch.setenv(PIN_ENV, ENV_PIN)

    def staff(player: Any) -> None:
        open_keypad_like_staff(qtbot, player, kiosk_runner.exits)
        type_pin(player.window, player.exit_pad, ENV_PIN)
        choose_exit(player.window, player.exit_pad, kiosk_runner.exits)
        assert kiosk_runner.exits == [0], "Exit after the right PIN ends the event loop at once"

    assert kiosk_runner.run(["run", str(deck)], staff) == 0
    assert kiosk_runner.exits == [0]


def test_without_any_pin_holding_the_corner_never_opens_a_keypad(
    qtbot: Any, kiosk_runner: InProcessKiosk, tmp_path: Path
) -> None:
    deck = write_deck(tmp_path / "deck", exit_pin=None)
    done = 42

    def staff(player: Any) -> None:
        window, pad, hold = player.window, player.exit_pad, corner_hold(player)
        qtbot.waitExposed(window)
        for _ in range(2):  # held long enough, twice: the gesture is seen, and nothing opens
            with qtbot.waitSignal(hold.held, timeout=OPENS_WITHIN_MS):
                press_corner(window)
            release_corner(window)
            QCoreApplication.processEvents()
            assert not pad.is_open()
        assert kiosk_runner.exits == [], "kiosk mode goes on"
        QApplication.exit(done)  # the test's own way out

    assert kiosk_runner.run(["run", str(deck)], staff) == done
    assert kiosk_runner.exits == [done]
