"""Keeps the screen from blanking in kiosk mode through org.freedesktop.ScreenSaver, where it exists."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class ScreenSaverInhibitor:
    """Holds a screensaver inhibition for as long as the kiosk runs; quietly does nothing without D-Bus."""

    def __init__(self) -> None:
        self._cookie: int | None = None

    def inhibit(self, reason: str = "kiosk display") -> bool:
        """Ask the session not to blank the screen; True when it agreed."""
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

    def release(self) -> None:
        """Let the screen blank again (at exit)."""
        if self._cookie is None:
            return
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface

            QDBusInterface(SERVICE, PATH, SERVICE, QDBusConnection.sessionBus()).call("UnInhibit", self._cookie)
        except ImportError:
            pass
        self._cookie = None
