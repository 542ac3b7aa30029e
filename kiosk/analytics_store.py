"""The local event log of engagement and proof of play: one SQLite file (WAL mode), written off the GUI thread; no Qt.

The GUI thread only appends events to a queue; a worker thread writes them in batches, one transaction each,
at least once a second and at close, and prunes old rows once a day. Nothing personal is recorded and nothing
leaves the machine. A database that cannot be written (full disk, read-only folder, corrupt file) turns
analytics off with one log line: the display never stops for it.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import socket
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

DATABASE_NAME = "analytics.sqlite"
SCHEMA_VERSION = 1
FLUSH_INTERVAL_S = 0.5
"""The worker gathers events this long after the first of a batch, then commits them together."""
PRUNE_INTERVAL_S = 24 * 3600.0
DEFAULT_KEEP_DAYS = 365.0
BUSY_TIMEOUT_S = 5.0
"""How long a write waits for a reader holding the database (``kiosk stats``)."""
MAX_PENDING = 100_000
"""Events waiting beyond this (a worker stuck on a lock) are dropped rather than filling the memory."""
CLOSE_TIMEOUT_S = 5.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    kind TEXT NOT NULL,
    visit INTEGER,
    theme TEXT,
    slide INTEGER,
    language TEXT,
    via TEXT,
    seconds REAL,
    deck_version TEXT,
    deck_hash TEXT
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE INDEX IF NOT EXISTS events_kind ON events (kind, at);
"""
_INSERT = (
    "INSERT INTO events (at, kind, visit, theme, slide, language, via, seconds, deck_version, deck_hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class AnalyticsError(Exception):
    """The analytics database cannot be used (written by a newer kiosk, or not in WAL mode)."""


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """One row of the events table; ``visit`` counts from 1 in this run (the writer continues the file's count).

    ``deck_hash`` may be a callable: it is called on the writer thread (hashing reads every deck file).
    """

    at: float
    kind: str
    visit: int | None = None
    theme: str | None = None
    slide: int | None = None
    language: str | None = None
    via: str | None = None
    seconds: float | None = None
    deck_version: str | None = None
    deck_hash: str | Callable[[], str] | None = None


_CLOSE = object()


class AnalyticsWriter:
    """Writes events to the database at ``path`` from a worker thread; ``record`` never blocks or raises.

    ``clock`` gives Unix time, for pruning rows older than ``keep_days``.
    """

    def __init__(
        self,
        path: Path,
        keep_days: float = DEFAULT_KEEP_DAYS,
        clock: Callable[[], float] = time.time,
        flush_interval_s: float = FLUSH_INTERVAL_S,
    ) -> None:
        self.path = path
        self.keep_days = keep_days
        self.clock = clock
        self.flush_interval_s = flush_interval_s
        self.committed = 0
        """Events committed to the file so far (read by tests and benchmarks)."""
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._enabled = True
        self._closing = threading.Event()
        self._progress = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="kiosk-analytics", daemon=True)
        self._thread.start()

    @property
    def enabled(self) -> bool:
        """False once the database turned out not to be writable; events are then dropped."""
        return self._enabled

    def record(self, event: Event) -> None:
        """Queue ``event`` for the worker: O(1), no I/O, safe from any thread."""
        if self._enabled and not self._closing.is_set() and self._queue.qsize() < MAX_PENDING:
            self._queue.put(event)

    def wait_committed(self, count: int, timeout_s: float) -> bool:
        """Wait until ``count`` events are committed (for tests and benchmarks); False when analytics is off first."""
        with self._progress:
            self._progress.wait_for(lambda: self.committed >= count or not self._enabled, timeout_s)
        return self.committed >= count

    def close(self, timeout_s: float = CLOSE_TIMEOUT_S) -> None:
        """Write what is queued and stop the worker (at quit); safe to call twice."""
        if self._thread.is_alive():
            self._queue.put(_CLOSE)
            self._closing.set()
            self._thread.join(timeout_s)

    # -- the worker thread ------------------------------------------------------

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        try:
            connection = self._open()
            visit_base = int(connection.execute("SELECT COALESCE(MAX(visit), 0) FROM events").fetchone()[0])
            next_prune = self._prune(connection)
            while True:
                try:
                    first = self._queue.get(timeout=max(1.0, next_prune - self.clock()))
                except queue.Empty:
                    next_prune = self._prune(connection)
                    continue
                if first is not _CLOSE:
                    self._closing.wait(self.flush_interval_s)  # gather a batch: one transaction for many events
                batch, closing = self._drain(first)
                self._write(connection, batch, visit_base)
                if self.clock() >= next_prune:
                    next_prune = self._prune(connection)
                if closing:
                    return
        except (sqlite3.Error, OSError, AnalyticsError, ValueError) as exc:
            self._turn_off(exc)
        finally:
            if connection is not None:
                connection.close()

    def _drain(self, first: object) -> tuple[list[Event], bool]:
        batch: list[Event] = []
        closing = False
        item = first
        while True:
            if item is _CLOSE:
                closing = True
            elif isinstance(item, Event):
                batch.append(item)
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return batch, closing

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        try:
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise AnalyticsError(f"{self.path} cannot be put in WAL mode (journal mode {mode})")
            connection.execute("PRAGMA synchronous = NORMAL")  # WAL: a commit survives the process being killed
            with connection:
                connection.executescript(SCHEMA)
                row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is not None and int(row[0]) > SCHEMA_VERSION:
                    raise AnalyticsError(f"{self.path} was written by a newer kiosk (schema {row[0]})")
                created = datetime.now(UTC).isoformat(timespec="seconds")
                connection.executemany(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    [("schema_version", str(SCHEMA_VERSION)), ("kiosk", socket.gethostname()), ("created", created)],
                )
        except BaseException:
            connection.close()
            raise
        return connection

    def _write(self, connection: sqlite3.Connection, batch: list[Event], visit_base: int) -> None:
        if not batch:
            return
        rows = [
            (
                e.at,
                e.kind,
                None if e.visit is None else e.visit + visit_base,
                e.theme,
                e.slide,
                e.language,
                e.via,
                e.seconds,
                e.deck_version,
                e.deck_hash() if callable(e.deck_hash) else e.deck_hash,
            )
            for e in batch
        ]
        with connection:
            connection.executemany(_INSERT, rows)
        with self._progress:
            self.committed += len(rows)
            self._progress.notify_all()

    def _prune(self, connection: sqlite3.Connection) -> float:
        """Delete rows older than ``keep_days``; returns the clock time of the next pruning."""
        now = self.clock()
        with connection:
            removed = connection.execute("DELETE FROM events WHERE at < ?", (now - self.keep_days * 86400,)).rowcount
        if removed:
            log.info("analytics: removed %d events older than %g days", removed, self.keep_days)
        return now + PRUNE_INTERVAL_S

    def _turn_off(self, exc: BaseException) -> None:
        with self._progress:
            self._enabled = False
            self._progress.notify_all()
        log.warning("analytics off: cannot write %s: %s", self.path, exc)
        while True:  # what was queued is dropped
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return


def default_database() -> Path:
    """Where the analytics database lives unless ``--analytics`` moves it: the data folder."""
    from kiosk.paths import data_folder

    return data_folder() / DATABASE_NAME
