"""Windows and macOS laptops: nothing Linux-only runs there, each platform keeps the display on its own way,
and the folders come from Qt's standard locations."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import socket
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import log_folder
from kiosk.memory import return_large_buffers
from kiosk.player import screen_power
from kiosk.player.screensaver import ES_CONTINUOUS, ES_DISPLAY_REQUIRED, ES_SYSTEM_REQUIRED, ScreenSaverInhibitor
from kiosk.player.service_notify import ServiceNotifier, send_notify
from tests.conftest import REPO
from tests.test_cli_run import kiosk_env

POSIX_ONLY_MODULES = ("resource", "fcntl", "termios", "pwd", "grp")
"""Standard modules that Windows does not have."""


class Tripwire(types.ModuleType):
    """A module (or callable) that fails the test when anything is taken from it or it is called."""

    def __init__(self, name: str) -> None:
        super().__init__(name)

    def __getattr__(self, attribute: str) -> object:
        raise AssertionError(f"{self.__name__}.{attribute} was used")

    def __call__(self, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"{self.__name__} was called with {args}")


@pytest.fixture
def nothing_linux_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fails the test on a subprocess, a D-Bus call, a C library loaded through ctypes or a Unix socket."""
    monkeypatch.setitem(sys.modules, "PySide6.QtDBus", Tripwire("PySide6.QtDBus"))
    monkeypatch.setattr(subprocess, "Popen", Tripwire("subprocess.Popen"))
    monkeypatch.setattr(subprocess, "run", Tripwire("subprocess.run"))
    monkeypatch.setattr(ctypes, "CDLL", Tripwire("ctypes.CDLL"))
    monkeypatch.setattr(ctypes.util, "find_library", Tripwire("ctypes.util.find_library"))
    monkeypatch.setattr(socket, "socket", Tripwire("socket.socket"))
    yield


class FakeKernel32:
    """Records the execution states asked of Windows."""

    def __init__(self) -> None:
        self.states: list[int] = []
        self.SetThreadExecutionState = FakeFunction(self.states)


class FakeFunction:
    """A C function as ctypes gives it (argtypes, restype), recording its one argument."""

    def __init__(self, calls: list[int]) -> None:
        self.calls = calls
        self.argtypes: list[object] = []
        self.restype: object = None

    def __call__(self, flags: int) -> int:
        self.calls.append(flags)
        return ES_CONTINUOUS  # the previous state: non-zero is success


class FakeQtPlatform:
    """Stands in for QGuiApplication where only the platform plugin's name is asked."""

    def __init__(self, name: str) -> None:
        self._name = name

    def platformName(self) -> str:  # noqa: N802 - Qt's name
        return self._name


def test_on_windows_the_display_stays_on_and_nothing_linux_only_runs(
    monkeypatch: pytest.MonkeyPatch, nothing_linux_only: None
) -> None:
    kernel32 = FakeKernel32()
    monkeypatch.setattr(ctypes, "WinDLL", lambda name: kernel32 if name == "kernel32" else None, raising=False)
    monkeypatch.setattr(screen_power, "QGuiApplication", FakeQtPlatform("windows"))
    monkeypatch.setattr(sys, "platform", "win32")

    inhibitor = ScreenSaverInhibitor()
    assert inhibitor.inhibit() is True
    assert kernel32.states == [ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED]
    inhibitor.release()
    assert kernel32.states[-1] == ES_CONTINUOUS, "released: the display may sleep again"

    assert return_large_buffers() is False
    assert screen_power.request_screen_sleep(True) is None
    assert send_notify("READY=1", {"NOTIFY_SOCKET": "/run/systemd/notify"}) is False
    assert (
        ServiceNotifier(environ={"NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "2000000"}).enabled is False
    )


def test_on_macos_caffeinate_keeps_the_display_on_while_the_app_runs(
    monkeypatch: pytest.MonkeyPatch, nothing_linux_only: None
) -> None:
    started: list[list[str]] = []

    class FakeCaffeinate:
        def __init__(self, command: list[str]) -> None:
            started.append(command)
            self.stopped = False

        def terminate(self) -> None:
            self.stopped = True

        def wait(self) -> int:
            return 0

    monkeypatch.setattr(subprocess, "Popen", FakeCaffeinate)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(screen_power, "QGuiApplication", FakeQtPlatform("cocoa"))
    monkeypatch.setattr(sys, "platform", "darwin")

    inhibitor = ScreenSaverInhibitor()
    assert inhibitor.inhibit() is True
    assert started == [["/usr/bin/caffeinate", "-d", "-w", str(os.getpid())]]
    process = inhibitor._caffeinate
    inhibitor.release()
    assert isinstance(process, FakeCaffeinate) and process.stopped

    assert return_large_buffers() is False
    assert screen_power.request_screen_sleep(True) is None


def test_every_module_imports_without_the_posix_only_standard_modules(tmp_path: Path) -> None:
    # A module that imports one of them at the top would stop `kiosk` before it starts on Windows.
    modules = sorted(
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for path in (REPO / "kiosk").rglob("*.py")
        if path.name != "__main__.py"
    )
    script = (
        "import importlib, sys\n"
        f"for name in {POSIX_ONLY_MODULES!r}:\n"
        "    sys.modules[name] = None\n"
        f"for module in {modules!r}:\n"
        "    importlib.import_module(module)\n"
        "from kiosk.diagnostics import current_rss_mib, peak_rss_mib\n"
        "print(peak_rss_mib(), current_rss_mib() > 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=kiosk_env(tmp_path), cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0.0", "True"]


def test_the_log_folder_comes_from_qt_standard_locations(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QStandardPaths

    monkeypatch.delenv("KIOSK_LOG_DIR", raising=False)
    state = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericStateLocation)
    assert QStandardPaths.isTestModeEnabled()
    assert log_folder() == Path(state) / "kiosk"
    monkeypatch.setenv("KIOSK_LOG_DIR", "/srv/kiosk-logs")
    assert log_folder() == Path("/srv/kiosk-logs")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
def test_on_linux_the_log_folder_still_follows_xdg_state_home(tmp_path: Path) -> None:
    environment = kiosk_env(tmp_path)
    environment.pop("KIOSK_LOG_DIR")
    script = "from kiosk.logs import log_folder; print(log_folder())"
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == str(tmp_path / "state" / "kiosk"), done.stderr
