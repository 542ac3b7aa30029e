"""The kiosk lock: in kiosk mode no key or close request ends the app; in a window the quit keys do."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.deck import Deck
from tests.ui.conftest import statement, theme

Key = Qt.Key
Mod = Qt.KeyboardModifier
QUIT_KEYS = [
    pytest.param(Key.Key_Escape, Mod.NoModifier, id="Esc"),
    pytest.param(Key.Key_F4, Mod.AltModifier, id="Alt+F4"),
    pytest.param(Key.Key_Q, Mod.ControlModifier, id="Ctrl+Q"),
    pytest.param(Key.Key_W, Mod.ControlModifier, id="Ctrl+W"),
]


@pytest.fixture
def deck(deck_factory: Any) -> Deck:
    return deck_factory([theme("t", [statement("One"), statement("Two")])])


class QuitSpy:
    """Records every way the application could be asked to end, without ending the test's application."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        self.about_to_quit = False
        app = QApplication.instance()
        app.aboutToQuit.connect(self._about_to_quit)
        self._app = app
        for name in ("quit", "exit", "closeAllWindows"):
            monkeypatch.setattr(QApplication, name, staticmethod(lambda *_a, _n=name: self.calls.append(_n)))

    def _about_to_quit(self) -> None:
        self.about_to_quit = True

    def disconnect(self) -> None:
        self._app.aboutToQuit.disconnect(self._about_to_quit)


@pytest.fixture
def quit_spy(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Iterator[QuitSpy]:
    spy = QuitSpy(monkeypatch)
    yield spy
    spy.disconnect()


@pytest.fixture
def kiosk_window(make_player: Any, deck: Deck) -> Iterator[Any]:
    """A kiosk-mode player's window (shown as a window, not full screen)."""
    player = make_player(deck, windowed=False, idle_timeout=None, autoplay=False)
    assert not player.window.windowed
    yield player.window
    player.attract.suspend()
    player.window.allow_quit()  # so that the test can close it


@pytest.fixture
def windowed_window(make_player: Any, deck: Deck) -> Any:
    return make_player(deck, windowed=True).window


# -- kiosk mode ---------------------------------------------------------------------


@pytest.mark.parametrize(("key", "modifier"), QUIT_KEYS)
def test_quit_keys_do_not_close_the_kiosk(
    qtbot: Any, kiosk_window: Any, quit_spy: QuitSpy, key: Key, modifier: Mod
) -> None:
    QTest.keyClick(kiosk_window, key, modifier)
    QApplication.processEvents()  # a quit posted for later would run now
    assert kiosk_window.isVisible()
    assert quit_spy.calls == [], "the key asked the application to quit"
    assert not quit_spy.about_to_quit


def test_every_quit_key_together_does_not_close_the_kiosk(qtbot: Any, kiosk_window: Any, quit_spy: QuitSpy) -> None:
    for _ in range(3):
        QTest.keyClick(kiosk_window, Key.Key_Escape)
        QTest.keyClick(kiosk_window, Key.Key_F4, Mod.AltModifier)
        QTest.keyClick(kiosk_window, Key.Key_Q, Mod.ControlModifier)
        QTest.keyClick(kiosk_window, Key.Key_W, Mod.ControlModifier)
    QApplication.processEvents()
    assert kiosk_window.isVisible()
    assert quit_spy.calls == [] and not quit_spy.about_to_quit


def test_close_is_refused_in_kiosk_mode(qtbot: Any, kiosk_window: Any, quit_spy: QuitSpy) -> None:
    assert kiosk_window.close() is False, "close() reports the refusal"
    QApplication.processEvents()
    assert kiosk_window.isVisible()
    assert not quit_spy.about_to_quit


def test_a_close_request_from_the_window_system_is_refused(qtbot: Any, kiosk_window: Any, qapp: Any) -> None:
    """What a window manager's close button, or QApplication.quit() asking every window, sends."""
    about_to_quit: list[bool] = []

    def record() -> None:
        about_to_quit.append(True)

    qapp.aboutToQuit.connect(record)
    try:
        kiosk_window.windowHandle().close()
        QApplication.closeAllWindows()
        QApplication.processEvents()
    finally:
        qapp.aboutToQuit.disconnect(record)
    assert kiosk_window.isVisible()
    assert not about_to_quit


def test_allow_quit_lets_the_window_close(qtbot: Any, kiosk_window: Any) -> None:
    kiosk_window.allow_quit()
    assert kiosk_window.close() is True
    qtbot.waitUntil(lambda: not kiosk_window.isVisible(), timeout=1000)


def test_the_kiosk_covers_the_screen_again_when_it_leaves_full_screen(qtbot: Any, kiosk_window: Any) -> None:
    kiosk_window.present()
    try:
        qtbot.waitUntil(kiosk_window.isFullScreen, timeout=2000)
    except Exception:  # noqa: BLE001 - pytest-qt raises its own TimeoutError
        pytest.skip("this Qt platform plugin does not put windows in full screen, so leaving it cannot be tested")
    screen = kiosk_window.screen().geometry()
    assert kiosk_window.geometry() == screen
    kiosk_window.showNormal()
    assert not kiosk_window.isFullScreen()
    qtbot.waitUntil(kiosk_window.isFullScreen, timeout=2000)
    assert kiosk_window.geometry() == screen
    assert kiosk_window.isVisible()


def test_a_windowed_player_may_leave_full_screen(qtbot: Any, windowed_window: Any, kiosk_window: Any) -> None:
    # A kiosk window leaving full screen just after it tells when a window that re-covers the screen has done so.
    windowed_window.showFullScreen()
    kiosk_window.present()
    try:
        qtbot.waitUntil(lambda: windowed_window.isFullScreen() and kiosk_window.isFullScreen(), timeout=2000)
    except Exception:  # noqa: BLE001 - pytest-qt raises its own TimeoutError
        pytest.skip("this Qt platform plugin does not put windows in full screen, so leaving it cannot be tested")
    windowed_window.showNormal()
    kiosk_window.showNormal()
    qtbot.waitUntil(kiosk_window.isFullScreen, timeout=5000)
    assert not windowed_window.isFullScreen(), "only kiosk mode re-covers the screen"


# -- windowed mode ---------------------------------------------------------------------


@pytest.mark.parametrize(("key", "modifier"), QUIT_KEYS)
def test_quit_keys_quit_a_windowed_player(
    qtbot: Any, windowed_window: Any, quit_spy: QuitSpy, key: Key, modifier: Mod
) -> None:
    QTest.keyClick(windowed_window, key, modifier)
    assert quit_spy.calls == ["quit"]


def test_a_windowed_player_closes_when_asked(qtbot: Any, windowed_window: Any) -> None:
    assert windowed_window.close() is True
    assert not windowed_window.isVisible()
