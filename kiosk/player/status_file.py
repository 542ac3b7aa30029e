"""status.json in the state folder: what this kiosk shows and how it is doing, for ``kiosk fleet-status``.

Rewritten every minute and at each reload, atomically (a temporary file renamed over it), so a
collector copying it away at any moment gets a whole file.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk import __version__
from kiosk.deck import Deck
from kiosk.diagnostics import current_rss_mib
from kiosk.player.last_good import DeckFiles

log = logging.getLogger(__name__)

STATUS_FILE_NAME = "status.json"
REWRITE_INTERVAL_MS = 60_000


def iso_time(seconds: float) -> str:
    """``seconds`` since the epoch as an ISO 8601 time in UTC, to the second."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


class StatusFile(QObject):
    """Keeps ``status.json`` up to date: app and deck versions, deck hash, last reload, uptime, errors, memory."""

    def __init__(
        self,
        path: Path,
        errors: Callable[[], int],
        *,
        clock: Callable[[], float] = time.time,
        memory: Callable[[], float] = current_rss_mib,
        host: Callable[[], str] = socket.gethostname,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._errors = errors
        self._clock = clock
        self._memory = memory
        self._host = host
        self.started = clock()
        self._deck: dict[str, object] = {
            "title": None,
            "version": None,
            "hash": None,
            "modified": None,
            "path": None,
            "last_good_copy": False,
        }
        self._last_reload: dict[str, object] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REWRITE_INTERVAL_MS)
        self._timer.timeout.connect(self.write)

    def start(self) -> None:
        """Write now, then every minute."""
        self.write()
        self._timer.start()

    def stop(self) -> None:
        """No more rewrites (the file stays)."""
        self._timer.stop()

    def show_deck(self, deck: Deck, deck_file: Path, files: DeckFiles, digest: str, last_good_copy: bool) -> None:
        """The deck on screen changed: record it (``files`` hash to ``digest``) and rewrite."""
        language = deck.default_language
        modified = files.modified()
        self._deck = {
            "title": deck.title.get(language, language),
            "version": deck.version.get(language, language) or None,
            "hash": digest,
            "modified": None if modified is None else iso_time(modified),
            "path": str(deck_file),
            "last_good_copy": last_good_copy,
        }
        self.write()

    def reload_finished(self, ok: bool, errors: int = 0) -> None:
        """A reload of the configured deck was accepted (``ok``) or rejected with ``errors``; rewrite."""
        self._last_reload = {"time": iso_time(self._clock()), "result": "ok" if ok else "rejected", "errors": errors}
        self.write()

    def summary(self) -> dict[str, object]:
        """The status as written."""
        now = self._clock()
        return {
            "app_version": __version__,
            "deck": dict(self._deck),
            "last_reload": self._last_reload,
            "started": iso_time(self.started),
            "written": iso_time(now),
            "uptime_s": round(now - self.started, 1),
            "errors": self._errors(),
            "memory_mib": round(self._memory(), 1),
            "host": self._host(),
        }

    def write(self) -> None:
        """Write the status atomically: a temporary file beside it, renamed over it."""
        text = json.dumps(self.summary(), indent=2, ensure_ascii=False) + "\n"
        temporary = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with temporary.open("w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except OSError as exc:
            log.warning("cannot write %s: %s", self.path, exc)
