"""The rehearsal history: recorded ``kiosk present`` runs in one SQLite file (WAL mode); no Qt.

The store takes the database's path; the command line and the presenter find
it in the data folder (``kiosk.paths.data_folder``). Recording never stops a
talk: a corrupt or unwritable database is logged in one line and the run is
not kept.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from kiosk.core.rehearsals import RehearsalRun, RehearsalSlide, run_from_records
from kiosk.core.talk_timer import TalkTimer
from kiosk.deck import Deck

log = logging.getLogger(__name__)

DATABASE_NAME = "rehearsals.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 5.0
"""How long a write waits for another process holding the database (a second console, the history command)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    deck_title TEXT NOT NULL,
    deck_path TEXT NOT NULL,
    language TEXT NOT NULL,
    total_s REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS slides (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    heading TEXT NOT NULL,
    target_s REAL NOT NULL,
    spent_s REAL NOT NULL,
    visits INTEGER NOT NULL,
    PRIMARY KEY (run_id, position)
);
CREATE INDEX IF NOT EXISTS runs_by_deck ON runs (deck_path, started_at);
"""


class RehearsalStoreError(Exception):
    """The rehearsal database cannot be read (corrupt, unreadable, or from a newer kiosk)."""


class RehearsalStore:
    """Recorded rehearsal runs in the SQLite file at ``path`` (created on the first record)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def record(self, run: RehearsalRun) -> RehearsalRun | None:
        """Keep ``run``; return it with its id, or None (logged in one line) when the database cannot take it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connection() as connection, connection:
                cursor = connection.execute(
                    "INSERT INTO runs (started_at, ended_at, deck_title, deck_path, language, total_s)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        run.started_at.isoformat(),
                        run.ended_at.isoformat(),
                        run.deck_title,
                        run.deck_path,
                        run.language,
                        run.total_s,
                    ),
                )
                run_id = cursor.lastrowid
                connection.executemany(
                    "INSERT INTO slides (run_id, position, key, heading, target_s, spent_s, visits)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (run_id, number, slide.key, slide.heading, slide.target_s, slide.spent_s, slide.visits)
                        for number, slide in enumerate(run.slides)
                    ],
                )
        except (sqlite3.Error, OSError, RehearsalStoreError) as exc:
            log.warning("rehearsal not recorded: cannot write %s: %s", self.path, exc)
            return None
        return dataclasses.replace(run, id=run_id)

    def runs(self, limit: int | None = None, deck_path: str | None = None) -> list[RehearsalRun]:
        """The recorded runs, newest first (only ``deck_path``'s when given, at most ``limit``).

        No database yet means no runs; RehearsalStoreError when it cannot be read.
        """
        if not self.path.exists():
            return []
        query = "SELECT id, started_at, ended_at, deck_title, deck_path, language, total_s FROM runs"
        parameters: list[object] = []
        if deck_path is not None:
            query += " WHERE deck_path = ?"
            parameters.append(deck_path)
        query += " ORDER BY started_at DESC, id DESC"
        if limit is not None:
            query += " LIMIT ?"
            parameters.append(limit)
        try:
            with self._connection() as connection:
                rows = connection.execute(query, parameters).fetchall()
                return [self._run(connection, row) for row in rows]
        except (sqlite3.Error, ValueError) as exc:
            raise RehearsalStoreError(f"cannot read {self.path}: {exc}") from exc

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A connection to a database in WAL mode with the current schema."""
        with closing(sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)) as connection:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")  # readers never block the console writing
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise RehearsalStoreError(f"{self.path} was written by a newer kiosk (schema {version})")
            if version < SCHEMA_VERSION:
                with connection:
                    connection.executescript(_SCHEMA)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            yield connection

    @staticmethod
    def _run(connection: sqlite3.Connection, row: tuple[object, ...]) -> RehearsalRun:
        run_id, started_at, ended_at, deck_title, deck_path, language, total_s = row
        slides = connection.execute(
            "SELECT key, heading, target_s, spent_s, visits FROM slides WHERE run_id = ? ORDER BY position",
            (run_id,),
        ).fetchall()
        return RehearsalRun(
            started_at=datetime.fromisoformat(str(started_at)),
            ended_at=datetime.fromisoformat(str(ended_at)),
            deck_title=str(deck_title),
            deck_path=str(deck_path),
            language=str(language),
            total_s=float(str(total_s)),
            slides=tuple(RehearsalSlide(str(k), str(h), float(t), float(s), int(v)) for k, h, t, s, v in slides),
            id=int(str(run_id)),
        )


def record_talk(
    store: RehearsalStore,
    deck: Deck,
    language: str,
    timer: TalkTimer,
    started_at: datetime,
    ended_at: datetime | None = None,
) -> RehearsalRun | None:
    """Record the talk ``timer`` timed (its keys are ``Position``s of ``deck``); the run kept, or None.

    The presenter calls this on quit. ``ended_at`` defaults to now, in ``started_at``'s time zone.
    """
    end = ended_at if ended_at is not None else datetime.now(started_at.tzinfo)
    run = run_from_records(deck, language, timer.records(), started_at, end, timer.elapsed_s())
    return store.record(run)
