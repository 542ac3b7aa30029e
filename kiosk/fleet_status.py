"""``kiosk fleet-status FOLDER``: one line per kiosk from the status.json files collected into FOLDER.

Flags: ``stale`` when a status was written more than five minutes ago; ``older deck`` when another kiosk
shows a deck of the same title whose files were changed later (the newest ``deck.modified`` wins, its
hash is the current one); ``last good copy`` and ``setup screen`` when the configured deck is broken.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

STALE_AFTER_S = 5 * 60
HASH_CHARS = 10
COLUMNS = ("host", "deck", "version", "hash", "age", "errors", "memory", "last reload", "flags")


@dataclass(frozen=True)
class KioskStatus:
    """One collected status file: its content, or why it could not be read."""

    source: Path
    data: dict[str, Any] | None
    problem: str = ""

    @property
    def deck(self) -> dict[str, Any]:
        """The ``deck`` part of the status (empty when unreadable)."""
        deck = (self.data or {}).get("deck")
        return deck if isinstance(deck, dict) else {}


def read_status(path: Path) -> KioskStatus:
    """The status in ``path``; a file that is not a kiosk status is kept with its problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return KioskStatus(path, None, f"unreadable: {getattr(exc, 'strerror', None) or exc}")
    except json.JSONDecodeError as exc:
        return KioskStatus(path, None, f"unreadable: not JSON (line {exc.lineno})")
    if not isinstance(data, dict) or "app_version" not in data or "written" not in data:
        return KioskStatus(path, None, "unreadable: not a kiosk status file")
    return KioskStatus(path, data)


def collect(folder: Path) -> list[KioskStatus]:
    """Every ``*.json`` under ``folder``, read, in path order."""
    return [read_status(path) for path in sorted(folder.rglob("*.json")) if path.is_file()]


def _seconds(text: object) -> float | None:
    try:
        return datetime.fromisoformat(str(text)).timestamp()
    except ValueError:
        return None


def current_hashes(statuses: list[KioskStatus]) -> dict[str, str]:
    """For each deck title, the hash of the deck whose files were changed last."""
    newest: dict[str, tuple[float, str]] = {}
    for status in statuses:
        deck = status.deck
        title, digest, modified = deck.get("title"), deck.get("hash"), _seconds(deck.get("modified"))
        if not (isinstance(title, str) and isinstance(digest, str) and modified is not None):
            continue
        if title not in newest or modified > newest[title][0]:
            newest[title] = (modified, digest)
    return {title: digest for title, (_, digest) in newest.items()}


def age_text(seconds: float) -> str:
    """A short age: 45 s, 12 min, 3 h, 2 d."""
    if seconds < 90:
        return f"{max(0, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    if seconds < 36 * 3600:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} d"


def row(status: KioskStatus, folder: Path, current: dict[str, str], now: float) -> tuple[str, ...]:
    """One table row for ``status``."""
    data = status.data
    if data is None:
        name = status.source.relative_to(folder).as_posix()
        return (name, "", "", "", "", "", "", "", status.problem)
    deck = status.deck
    flags = []
    written = _seconds(data.get("written"))
    age = "?" if written is None else age_text(now - written)
    if written is None or now - written > STALE_AFTER_S:
        flags.append("stale")
    title, digest = deck.get("title"), deck.get("hash")
    if title is None:
        flags.append("setup screen")
    elif current.get(str(title), digest) != digest:
        flags.append("older deck")
    if deck.get("last_good_copy"):
        flags.append("last good copy")
    reload = data.get("last_reload")
    if isinstance(reload, dict):
        errors = f", {reload.get('errors')} errors" if reload.get("result") != "ok" else ""
        last_reload = f"{reload.get('result')}{errors} {reload.get('time', '')}".strip()
    else:
        last_reload = "-"
    memory = data.get("memory_mib")
    return (
        str(data.get("host") or status.source.parent.name),
        str(title or "-"),
        str(deck.get("version") or "-"),
        str(digest or "-")[:HASH_CHARS],
        age,
        str(data.get("errors", "?")),
        f"{memory:.0f} MiB" if isinstance(memory, (int, float)) else "?",
        last_reload,
        ", ".join(flags),
    )


def fleet_table(folder: Path, now: float | None = None) -> str:
    """The table of every status under ``folder`` as text, columns aligned."""
    statuses = collect(folder)
    if not statuses:
        return f"No status files (*.json) under {folder}.\n"
    now = time.time() if now is None else now
    current = current_hashes(statuses)
    rows = [COLUMNS, *(row(status, folder, current, now) for status in statuses)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS))]
    return "".join("  ".join(cell.ljust(width) for cell, width in zip(r, widths)).rstrip() + "\n" for r in rows)
