"""Keeps the screen from blanking in kiosk mode, each platform its own way, where it has one.

Linux: org.freedesktop.ScreenSaver on the D-Bus session bus. Windows: ``SetThreadExecutionState``
(the display and the system stay on while the app runs). macOS: ``caffeinate``, tied to this process.
"""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002
"""Windows execution-state flags (winbase.h)."""


class ScreenSaverInhibitor:
    """Holds a screensaver inhibition for as long as the kiosk runs; quietly does nothing where it cannot."""

    def __init__(self) -> None:
        self._cookie: int | None = None
        self._windows_held = False
        self._caffeinate: subprocess.Popen[bytes] | None = None

    def inhibit(self, reason: str = "kiosk display") -> bool:
        """Ask the system not to blank the screen; True when it agreed."""
        try:
            if sys.platform.startswith("linux"):
                return self._inhibit_dbus(reason)
            if sys.platform == "win32":
                return self._inhibit_windows()
            if sys.platform == "darwin":
                return self._inhibit_macos()
        except Exception:  # a screen that blanks is a nuisance, never a reason to stop
            log.warning("the screensaver could not be inhibited", exc_info=True)
        return False

    def release(self) -> None:
        """Let the screen blank again (at exit)."""
        if self._cookie is not None:
            try:
                from PySide6.QtDBus import QDBusConnection, QDBusInterface

                QDBusInterface(SERVICE, PATH, SERVICE, QDBusConnection.sessionBus()).call("UnInhibit", self._cookie)
            except ImportError:
                pass
            self._cookie = None
        if self._windows_held:
            _set_thread_execution_state(ES_CONTINUOUS)
            self._windows_held = False
        if self._caffeinate is not None:
            self._caffeinate.terminate()
            self._caffeinate.wait()
            self._caffeinate = None

    def _inhibit_dbus(self, reason: str) -> bool:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface
        except ImportError:
            return False
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            log.debug("no D-Bus session: the screensaver is not inhibited")
            return False
        interface = QDBusInterface(SERVICE, PATH, SERVICE, bus)
        if not interface.isValid():
            log.debug("no screensaver service on D-Bus")
            return False
        reply = interface.call("Inhibit", "kiosk", reason)
        arguments = reply.arguments()
        if arguments:
            self._cookie = int(arguments[0])
            log.info("screensaver inhibited")
            return True
        return False

    def _inhibit_windows(self) -> bool:
        self._windows_held = _set_thread_execution_state(ES_CONTINUOUS | ES_SYSTEM_REQUIRED | ES_DISPLAY_REQUIRED)
        if self._windows_held:
            log.info("display kept on (SetThreadExecutionState)")
        return self._windows_held

    def _inhibit_macos(self) -> bool:
        caffeinate = shutil.which("caffeinate")
        if caffeinate is None:
            return False
        # -d: the display stays on; -w: caffeinate ends with this process, even if it is killed.
        self._caffeinate = subprocess.Popen([caffeinate, "-d", "-w", str(os.getpid())])
        log.info("display kept on (caffeinate)")
        return True


def _set_thread_execution_state(flags: int) -> bool:
    """Call Windows' SetThreadExecutionState; True when it succeeded (it returns the previous state, 0 on failure)."""
    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]  # exists on Windows only
    kernel32.SetThreadExecutionState.argtypes = [ctypes.c_uint32]
    kernel32.SetThreadExecutionState.restype = ctypes.c_uint32
    return bool(kernel32.SetThreadExecutionState(flags))
