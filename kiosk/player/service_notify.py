"""systemd's notify protocol: READY=1 at the first painted slide, WATCHDOG=1 from the GUI thread, STOPPING=1 on quit.

The protocol is one datagram of ``NAME=value`` lines to the Unix socket named by
``$NOTIFY_SOCKET`` (a name starting with '@' is in the abstract namespace).
Without ``NOTIFY_SOCKET``, or off Linux, nothing is sent.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


def notify_address(environ: Mapping[str, str]) -> bytes | None:
    """The Unix datagram address ``$NOTIFY_SOCKET`` names, or None when it is unset or not a Unix socket."""
    name = environ.get("NOTIFY_SOCKET", "")
    if name.startswith("@"):
        return b"\0" + os.fsencode(name[1:])
    if name.startswith("/"):
        return os.fsencode(name)
    if name:  # e.g. systemd's "vsock:CID:PORT", which a display on a real machine does not get
        log.warning("NOTIFY_SOCKET=%s is not a Unix socket; no service notifications are sent", name)
    return None


def send_notify(message: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send ``message`` (``NAME=value`` lines) to the service manager; True when it was sent.

    Does nothing and returns False when ``NOTIFY_SOCKET`` is unset or the system is not Linux.
    """
    if not sys.platform.startswith("linux"):
        return False
    address = notify_address(os.environ if environ is None else environ)
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode("utf-8"), address)
    except OSError as exc:
        log.warning("cannot notify the service manager (%s): %s", message.splitlines()[0], exc)
        return False
    return True


def one_line(text: str) -> str:
    """``text`` on one line: a newline would start another field of the message."""
    return " ".join(text.split())


def watchdog_interval_ms(environ: Mapping[str, str], pid: int) -> int | None:
    """How often to ping: half of ``WATCHDOG_USEC``, in ms; None when no watchdog is asked of process ``pid``."""
    try:
        usec = int(environ.get("WATCHDOG_USEC", ""))
        watched = int(environ.get("WATCHDOG_PID", str(pid)))
    except ValueError:
        return None
    if usec <= 0 or watched != pid:
        return None
    return max(1, usec // 2000)


class ServiceNotifier(QObject):
    """Tells the service manager the player is up, still responsive, and stopping.

    The watchdog pings come from a QTimer on the GUI thread: a frozen event loop
    stops them, and systemd restarts the player rather than leave a still picture.
    """

    def __init__(
        self, ready_status: str = "", environ: Mapping[str, str] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._environ = dict(os.environ if environ is None else environ)
        self.enabled = sys.platform.startswith("linux") and notify_address(self._environ) is not None
        self.ready_status = ready_status
        self.ready_sent = False
        self._watchdog = QTimer(self)
        self._watchdog.setObjectName("systemd watchdog")
        self._watchdog.timeout.connect(self.ping)
        interval = watchdog_interval_ms(self._environ, os.getpid()) if self.enabled else None
        if interval is not None:
            self._watchdog.setInterval(interval)

    @property
    def ping_interval_ms(self) -> int | None:
        """The ping interval, or None when no watchdog is asked for."""
        return self._watchdog.interval() if self.enabled and self._watchdog.interval() > 0 else None

    def first_frame(self, _seconds: float = 0.0) -> None:
        """A frame observer: the first painted frame means the player is ready."""
        if not self.ready_sent:
            self.ready()

    def ready(self) -> None:
        """Send READY=1 (with the status line) and start the watchdog pings, which systemd expects from now on."""
        self.ready_sent = True
        if not self.enabled:
            return
        message = "READY=1" + (f"\nSTATUS={one_line(self.ready_status)}" if self.ready_status else "")
        if self._send(message):
            log.info("the service manager was told the player is ready")
        if self.ping_interval_ms is not None:
            self._watchdog.start()

    def ping(self) -> None:
        """Send WATCHDOG=1: the event loop is running."""
        self._send("WATCHDOG=1")

    def status(self, text: str) -> None:
        """Send a one-line status, shown by ``systemctl status``."""
        self._send(f"STATUS={one_line(text)}")

    def stopping(self) -> None:
        """Stop the pings and send STOPPING=1, as the player quits."""
        self._watchdog.stop()
        self._send("STOPPING=1\nSTATUS=quitting")

    def _send(self, message: str) -> bool:
        return self.enabled and send_notify(message, self._environ)
