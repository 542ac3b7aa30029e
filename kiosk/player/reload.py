"""Hot reload: watch the deck folder and replace the deck when a valid edit has settled."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.deck import Deck, LoadResult, deck_file_for, load_deck

log = logging.getLogger(__name__)

SETTLE_MS = 500
"""Editors and rsync write in several steps: wait this long after the last change."""
RESCAN_MS = 5000
"""Also look every few seconds, for changes the watcher cannot see (a folder swapped behind a link)."""


class DeckReloader(QObject):
    """Reloads the deck after changes settle; only a fully valid deck is passed on.

    An invalid deck is rejected with the same FILE:LINE:COL messages as
    ``kiosk validate``, written to the log, and the last good deck stays.
    ``current`` is None while no deck plays yet (the setup screen): the first valid deck is passed on.
    With ``watch_now`` False the files are watched from ``start_watching`` on (the player calls it after its
    first frame: Qt's file watcher takes about 20 ms to start); the deck is compared with its state at
    construction then, so an edit in between is not missed.
    """

    deck_loaded = Signal(Deck)
    deck_rejected = Signal(LoadResult)

    def __init__(
        self, deck_path: Path, current: Deck | None, parent: QObject | None = None, *, watch_now: bool = True
    ) -> None:
        super().__init__(parent)
        self.deck_path = Path(deck_path)
        self.deck_file = deck_file_for(self.deck_path)
        self.current = current
        self._fingerprint = self._snapshot()
        self._watcher: QFileSystemWatcher | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.reload_if_changed)
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self._poll)
        if watch_now:
            self.start_watching()

    def is_watching(self) -> bool:
        """True once the deck's files are watched."""
        return self._watcher is not None

    def start_watching(self) -> None:
        """Watch the deck's files and folders from now on, and reload when they changed since construction."""
        if self._watcher is not None:
            return
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._rescan.start()
        self._watch()
        self._poll()

    def _watched_paths(self) -> list[Path]:
        folder = self.deck_file.parent
        paths = [folder, folder.parent, self.deck_file]
        try:
            paths += [p for p in folder.rglob("*") if p.is_dir() or p.suffix.lower() in (".yaml", ".yml")]
        except OSError:
            pass
        return paths

    def _watch(self) -> None:
        """(Re)watch every file and folder of the deck: files replaced by editors drop out of the watcher."""
        if self._watcher is None:
            return
        # Resolved paths too: after a symlinked folder is swapped, the same name leads elsewhere.
        wanted = {str(p) for p in self._watched_paths() if p.exists()}
        wanted |= {str(p.resolve()) for p in self._watched_paths() if p.exists()}
        current = set(self._watcher.files()) | set(self._watcher.directories())
        if stale := current - wanted:
            self._watcher.removePaths(list(stale))
        if fresh := wanted - current:
            self._watcher.addPaths(list(fresh))

    def _snapshot(self) -> tuple[tuple[str, int, int, str], ...]:
        """Names, sizes, times and link targets of the deck's files: cheap to compare."""
        folder = self.deck_file.parent
        entries = []
        try:
            target = str(folder.resolve())
            for path in sorted(folder.rglob("*")):
                stat = path.stat()
                entries.append((str(path), stat.st_size, stat.st_mtime_ns, target))
        except OSError:
            entries.append(("?", 0, 0, ""))
        return tuple(entries)

    def _changed(self, _path: str) -> None:
        self._settle.start()

    def _poll(self) -> None:
        if self._snapshot() != self._fingerprint:
            self._settle.start()

    def reload_if_changed(self) -> LoadResult | None:
        """Reload now if anything changed since the last load; returns the result, or None when unchanged."""
        self._watch()
        snapshot = self._snapshot()
        if snapshot == self._fingerprint:
            return None
        self._fingerprint = snapshot
        return self.reload()

    def reload(self) -> LoadResult:
        """Load the deck now; announce it when valid, log every problem when not."""
        result = load_deck(self.deck_file)
        if result.deck is None:
            log.error("the edited deck is invalid; still showing the last good deck:")
            for problem in result.problems:
                log.error("%s", problem)
            self.deck_rejected.emit(result)
            return result
        for problem in result.warnings:
            log.warning("%s", problem)
        # Passed on even when equal: an image may have changed under the same name.
        log.info("deck reloaded: %d themes, %d slides", len(result.deck.themes), result.deck.slide_count)
        self.current = result.deck
        self.deck_loaded.emit(result.deck)
        return result
