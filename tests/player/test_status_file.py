"""status.json: what a kiosk shows and how it is doing, always a whole file, its deck hash following the files."""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk import __version__
from kiosk.deck import Deck, load_deck
from kiosk.player.last_good import deck_files
from kiosk.player.status_file import STATUS_FILE_NAME, StatusFile
from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

STATUS_KEYS = {
    "app_version",
    "deck",
    "last_reload",
    "started",
    "written",
    "uptime_s",
    "errors",
    "memory_mib",
    "host",
}
DECK_KEYS = {"title", "version", "hash", "modified", "path", "last_good_copy"}


class FakeClock:
    """Seconds since the epoch that move only when the test says so."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def write_deck(folder: Path, version: str = "2024-05", body: str = "First.") -> Path:
    """A one-theme deck with a version, in ``folder``."""
    (folder / "themes").mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(
        f'title: Fair booth\nversion: "{version}"\nthemes: [themes/t.yaml]\n', encoding="utf-8"
    )
    (folder / "themes" / "t.yaml").write_text(
        f"id: t\ntitle: T\nslides:\n  - {{kind: statement, heading: One, body: {body}}}\n", encoding="utf-8"
    )
    return folder / "deck.yaml"


def loaded(deck_file: Path) -> Deck:
    return load_deck(deck_file).require()


def test_status_names_the_deck_its_version_hash_and_the_kiosk(tmp_path: Path, qtbot: QtBot) -> None:
    # GIVEN a status file with a fake clock, a fixed memory figure and host name
    clock = FakeClock(1_700_000_000.0)
    status = StatusFile(
        tmp_path / "state" / STATUS_FILE_NAME, lambda: 3, clock=clock, memory=lambda: 123.45, host=lambda: "booth-7"
    )
    deck_file = write_deck(tmp_path / "deck")
    deck = loaded(deck_file)
    files = deck_files(deck, deck_file)
    # WHEN the deck is shown, 90 s after the start
    clock.now += 90
    status.show_deck(deck, deck_file, files, files.digest(), last_good_copy=False)
    # THEN status.json holds every field, with the deck's own values
    data = json.loads(status.path.read_text(encoding="utf-8"))
    assert set(data) == STATUS_KEYS and set(data["deck"]) == DECK_KEYS
    assert data["app_version"] == __version__
    assert data["deck"]["title"] == "Fair booth" and data["deck"]["version"] == "2024-05"
    assert data["deck"]["hash"] == files.digest() and len(data["deck"]["hash"]) == 64
    assert data["deck"]["path"] == str(deck_file) and data["deck"]["last_good_copy"] is False
    assert data["uptime_s"] == 90 and data["errors"] == 3 and data["memory_mib"] == 123.5
    assert data["host"] == "booth-7" and data["started"] == "2023-11-14T22:13:20+00:00"
    assert data["last_reload"] is None


def test_a_rejected_reload_is_recorded_with_its_error_count(tmp_path: Path, qtbot: QtBot) -> None:
    clock = FakeClock(1_700_000_000.0)
    status = StatusFile(tmp_path / STATUS_FILE_NAME, lambda: 0, clock=clock)
    status.reload_finished(False, 2)
    data = json.loads(status.path.read_text(encoding="utf-8"))
    assert data["last_reload"] == {"time": "2023-11-14T22:13:20+00:00", "result": "rejected", "errors": 2}
    status.reload_finished(True)
    assert json.loads(status.path.read_text(encoding="utf-8"))["last_reload"]["result"] == "ok"


def test_the_file_is_never_seen_half_written(tmp_path: Path, qtbot: QtBot) -> None:
    # GIVEN a status file being rewritten over and over
    status = StatusFile(tmp_path / STATUS_FILE_NAME, lambda: 0)
    deck_file = write_deck(tmp_path / "deck", body="A long body. " * 400)  # a bigger file takes longer to write
    deck = loaded(deck_file)
    files = deck_files(deck, deck_file)
    status.show_deck(deck, deck_file, files, files.digest(), last_good_copy=False)
    stop = threading.Event()
    bad: list[str] = []
    reads = [0]

    def read_repeatedly() -> None:
        while not stop.is_set():
            text = status.path.read_text(encoding="utf-8")
            reads[0] += 1
            try:
                json.loads(text)
            except json.JSONDecodeError:
                bad.append(text[:80])

    reader = threading.Thread(target=read_repeatedly)
    reader.start()
    try:
        # WHEN it is rewritten many times while a collector reads it
        for _ in range(300):
            status.write()
    finally:
        stop.set()
        reader.join()
    # THEN every read found a whole JSON document
    assert reads[0] > 10, "the reader should have read while the file was rewritten"
    assert bad == []


def test_the_deck_hash_changes_when_a_theme_file_changes(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "deck")
    before = deck_files(loaded(deck_file), deck_file).digest()
    assert deck_files(loaded(deck_file), deck_file).digest() == before, "the same files give the same hash"
    write_deck(tmp_path / "deck", body="Second.")  # only the theme file differs
    assert deck_files(loaded(deck_file), deck_file).digest() != before


def test_kiosk_run_writes_status_json_at_start(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "deck", version="fair-3")
    env = kiosk_env(tmp_path)
    for name in ("KIOSK_SUPERVISED", "INVOCATION_ID", "NOTIFY_SOCKET"):
        env.pop(name, None)
    args = kiosk("run", str(deck_file.parent), "--windowed", "--exit-after", "2")
    result = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "logs" / STATUS_FILE_NAME).read_text(encoding="utf-8"))
    assert set(data) == STATUS_KEYS
    assert data["deck"]["title"] == "Fair booth" and data["deck"]["version"] == "fair-3"
    assert data["deck"]["hash"] == deck_files(loaded(deck_file), deck_file).digest()
    assert data["deck"]["last_good_copy"] is False and data["memory_mib"] > 0
