"""Reading the analytics databases the kiosks record (read-only), for ``kiosk stats``; no Qt.

The layout is the recorder's: a ``meta`` table (``schema_version``, ``kiosk``)
and an ``events`` table with one row per event. Reading never writes: the
database is opened read-only, so a kiosk recording at the same time is not
disturbed and a collected copy is not changed.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.engagement import Event

DATABASE_NAME = "analytics.sqlite"
SCHEMA_VERSION = 1
"""The newest layout this kiosk reads."""
BUSY_TIMEOUT_S = 5.0

_COLUMNS = "at, kind, visit, theme, slide, language, via, seconds, deck_version"


class AnalyticsReadError(Exception):
    """An analytics database cannot be read (missing, corrupt, not an analytics database, or from a newer kiosk)."""


@dataclass(frozen=True)
class KioskLog:
    """The events of one database between two times, and the kiosk that recorded them."""

    path: Path
    kiosk: str
    events: tuple[Event, ...]


def read_log(path: Path, since: float | None = None, until: float | None = None) -> KioskLog:
    """The events of the database at ``path`` with ``since <= at < until`` (Unix times; None: no limit)."""
    if not path.is_file():
        raise AnalyticsReadError(f"cannot read {path}: no such file")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise AnalyticsReadError(f"cannot read {path}: {exc}") from None
    try:
        with closing(connection):
            meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            version = int(meta.get("schema_version", SCHEMA_VERSION))
            if version > SCHEMA_VERSION:
                raise AnalyticsReadError(f"cannot read {path}: it was written by a newer kiosk (layout {version})")
            kiosk = str(meta.get("kiosk") or path.stem)
            query = f"SELECT {_COLUMNS} FROM events WHERE at >= ? AND at < ? ORDER BY at, id"
            low = float("-inf") if since is None else since
            high = float("inf") if until is None else until
            events = tuple(
                Event(kiosk, float(row[0]), str(row[1]), *_optional(row[2:]))
                for row in connection.execute(query, (low, high))
            )
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise AnalyticsReadError(f"cannot read {path}: {exc}") from None
    return KioskLog(path, kiosk, events)


def _optional(cells: tuple[object, ...]) -> tuple[int | None, str | None, int | None, str | None, str | None,
                                                   float | None, str | None]:  # fmt: skip
    """The nullable columns typed as ``Event`` holds them (visit, theme, slide, language, via, seconds, deck)."""
    visit, theme, slide, language, via, seconds, deck = cells
    return (
        None if visit is None else int(str(visit)),
        None if theme is None else str(theme),
        None if slide is None else int(str(slide)),
        None if language is None else str(language),
        None if via is None else str(via),
        None if seconds is None else float(str(seconds)),
        None if deck is None else str(deck),
    )
