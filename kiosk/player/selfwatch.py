"""Self-watch: the app samples its own memory and, under a service manager, restarts itself when it grows too big.

The restart happens only when the display next returns to auto-play, where the
position does not matter: the process exits with EXIT_RESTART and the service
manager (systemd's Restart=on-failure, see packaging/) starts it afresh.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QTimer

from kiosk.diagnostics import current_rss_mib
from kiosk.exit_codes import EXIT_RESTART
from kiosk.memory import forget_module_sources

log = logging.getLogger(__name__)

SAMPLE_INTERVAL_MS = 60_000


def under_service_manager(environ: Mapping[str, str] = os.environ) -> bool:
    """True when systemd (or KIOSK_SUPERVISED=1) runs the app and will restart it."""
    return bool(environ.get("INVOCATION_ID") or environ.get("KIOSK_SUPERVISED") == "1")


class MemoryWatch(QObject):
    """Records RSS every minute and as auto-play starts; past the ceiling it logs and asks for a restart then."""

    def __init__(
        self,
        ceiling_mib: float,
        restart: Callable[[int], None],
        sample: Callable[[], float] = current_rss_mib,
        supervised: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ceiling_mib = ceiling_mib
        self._restart = restart
        self._sample = sample
        self.supervised = under_service_manager() if supervised is None else supervised
        self.over_ceiling = False
        self.last_mib = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(SAMPLE_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> float:
        """Sample the memory now, after dropping the module sources later imports left (``kiosk.memory``); in MiB."""
        forget_module_sources()
        self.last_mib = self._sample()
        log.info("memory: %.1f MiB resident", self.last_mib)
        if self.last_mib > self.ceiling_mib and not self.over_ceiling:
            self.over_ceiling = True
            action = "restarting at the next auto-play" if self.supervised else "no service manager to restart it"
            log.warning("memory %.1f MiB is above the ceiling of %.0f MiB; %s", self.last_mib, self.ceiling_mib, action)
        return self.last_mib

    def allow_autoplay(self) -> bool:
        """Called as auto-play is about to start: restart instead when over the ceiling and supervised.

        It samples afresh first (reading RSS is cheap): the minute's sample may be older
        than the growth, and the first auto-play may come before any sample at all.
        """
        self.check()
        if self.over_ceiling and self.supervised:
            log.warning("restarting to release memory (exit code %d)", EXIT_RESTART)
            self._restart(EXIT_RESTART)
            return False
        return True
