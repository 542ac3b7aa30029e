"""``kiosk fleet-status FOLDER``: one row per collected status.json, with stale, older-deck and fallback flags."""

from __future__ import annotations

import json
import re
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

NEW_HASH, OLD_HASH, LOBBY_HASH = "a" * 64, "b" * 64, "c" * 64


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def status(
    host: str,
    written: float,
    title: str | None = "Fair",
    digest: str | None = NEW_HASH,
    modified: str | None = "2024-05-02T08:00:00+00:00",
    **extra: Any,
) -> dict[str, Any]:
    """A status.json as a kiosk writes it."""
    deck = {
        "title": title,
        "version": "v2" if title else None,
        "hash": digest,
        "modified": modified,
        "path": "/srv/deck/deck.yaml",
        "last_good_copy": extra.pop("last_good_copy", False),
    }
    return {
        "app_version": "0.1.0",
        "deck": deck,
        "last_reload": extra.pop("last_reload", None),
        "started": iso(written - 3600),
        "written": iso(written),
        "uptime_s": 3600.0,
        "errors": extra.pop("errors", 0),
        "memory_mib": 181.4,
        "host": host,
    }


def collected(folder: Path, now: float) -> Path:
    """A folder of status files as rsync would leave them: one sub-folder per kiosk, and two strays."""
    files = {
        "booth-a": status("booth-a", now - 30, last_reload={"time": iso(now - 50), "result": "ok", "errors": 0}),
        "booth-b": status("booth-b", now - 60, digest=OLD_HASH, modified="2024-04-01T08:00:00+00:00"),
        "booth-c": status("booth-c", now - 10 * 60),
        "lobby": status(
            "lobby",
            now - 20,
            title="Lobby",
            digest=LOBBY_HASH,
            last_good_copy=True,
            errors=4,
            last_reload={"time": iso(now - 40), "result": "rejected", "errors": 3},
        ),
        "new-pc": status("new-pc", now - 20, title=None, digest=None, modified=None),
    }
    for name, data in files.items():
        (folder / name).mkdir(parents=True)
        (folder / name / "status.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "broken").mkdir()
    (folder / "broken" / "status.json").write_text('{"app_version": "0.1', encoding="utf-8")
    (folder / "broken" / "diagnostics.json").write_text('{"frames": 3}', encoding="utf-8")
    return folder


def fleet_status(tmp_path: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    args = kiosk("fleet-status", str(folder))
    return subprocess.run(args, env=kiosk_env(tmp_path), cwd=REPO, capture_output=True, text=True, timeout=30)


def rows(output: str) -> dict[str, str]:
    """Each table line by its first column."""
    return {line.split()[0]: line for line in output.splitlines() if line.strip()}


def test_the_table_lists_every_kiosk_with_its_flags(tmp_path: Path) -> None:
    # GIVEN status files collected from five kiosks, one cut short and one that is no status at all
    folder = collected(tmp_path / "fleet", time.time())
    # WHEN the table is printed
    result = fleet_status(tmp_path, folder)
    # THEN it exits 0 with a header and one row per file
    assert result.returncode == 0, result.stderr
    table = rows(result.stdout)
    assert table["host"].split() == [
        "host",
        "deck",
        "version",
        "hash",
        "age",
        "errors",
        "memory",
        "last",
        "reload",
        "flags",
    ]
    assert set(table) == {"host", "booth-a", "booth-b", "booth-c", "lobby", "new-pc", "broken/status.json"} | {
        "broken/diagnostics.json"
    }
    # a kiosk showing the newest deck, written half a minute ago: no flag
    assert "Fair" in table["booth-a"] and "v2" in table["booth-a"] and NEW_HASH[:10] in table["booth-a"]
    assert NEW_HASH[:11] not in table["booth-a"], "the hash is shortened"
    age = re.search(r" (\d+) s ", table["booth-a"])
    assert age is not None and 29 <= int(age.group(1)) <= 89, "written 30 s before the table (on a loaded machine)"
    assert "181 MiB" in table["booth-a"] and "ok 20" in table["booth-a"]
    assert not any(flag in table["booth-a"] for flag in ("stale", "older deck", "last good copy", "setup screen"))
    # the same title with files changed earlier: an older deck
    assert table["booth-b"].endswith("older deck")
    # the newest deck, but written ten minutes ago: stale
    assert table["booth-c"].endswith("stale") and "10 min" in table["booth-c"]
    # a broken configured deck: the last good copy plays; its rejected reload and errors show
    assert "rejected, 3 errors" in table["lobby"] and table["lobby"].endswith("last good copy")
    assert "older deck" not in table["lobby"], "another title is another deck"
    # no deck at all yet
    assert table["new-pc"].endswith("setup screen")
    # files that cannot be read are listed as such
    assert "unreadable: not JSON" in table["broken/status.json"]
    assert "unreadable: not a kiosk status file" in table["broken/diagnostics.json"]


def test_an_empty_folder_says_so_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "fleet").mkdir()
    result = fleet_status(tmp_path, tmp_path / "fleet")
    assert result.returncode == 0 and "No status files" in result.stdout


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = fleet_status(tmp_path, tmp_path / "nowhere")
    assert result.returncode == 2 and "no such folder" in result.stderr
