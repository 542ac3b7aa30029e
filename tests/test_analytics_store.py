"""The analytics writer: durable under SIGKILL, pruning old rows, continuing visit numbers, and never raising.

Every test waits for the writer's own signals (its thread joined at close, counts it reports through a
pipe); none waits a fixed time.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.analytics_store import DATABASE_NAME, AnalyticsWriter, Event
from tests.conftest import REPO
from tests.core.clock import FakeClock

DAY = 86400.0
NOW = 1_750_000_000.0

CHILD = """
import os, sys, time
from pathlib import Path
from kiosk.analytics_store import AnalyticsWriter, Event

writer = AnalyticsWriter(Path(sys.argv[1]))
report = int(sys.argv[2])
sequence = 0
while True:
    for _ in range(100):
        sequence += 1
        writer.record(Event(time.time(), "slide_view", theme="t", slide=sequence, via="autoplay", seconds=0.5))
    os.write(report, f"{sequence} {time.time()!r} {writer.committed}\\n".encode())
    time.sleep(0.01)  # pacing: about 10,000 events a second, thousands of times what a busy kiosk logs
"""
KILL_AFTER = 5000
"""Events the child's writer must have committed (and the parent seen on disk) before it is killed; the child
also writes for two seconds at least, so that a second of its events lies well before the kill."""
LAST_SECOND = 1.0


def rows(database: Path, columns: str = "kind, visit, at") -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(f"SELECT {columns} FROM events ORDER BY id").fetchall()


def read_reports(stream: int, until: float) -> tuple[list[str], bool]:
    """Lines the child has written so far (waiting for at least one), and whether the pipe has closed."""
    ready, _, _ = select.select([stream], [], [], max(0.0, until - time.monotonic()))
    if not ready:
        raise AssertionError("the child reported nothing in time")
    data = os.read(stream, 65536)
    return data.decode().splitlines(), not data


def test_a_writer_killed_mid_stream_leaves_a_sound_database_missing_at_most_the_last_second(tmp_path: Path) -> None:
    # GIVEN a child process writing events through the real writer, reporting what it queued and what was committed
    database = tmp_path / DATABASE_NAME
    read_end, write_end = os.pipe()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(database), str(write_end)], pass_fds=(write_end,), env=env
    )
    os.close(write_end)
    reports: list[tuple[int, float, int]] = []
    pending = ""
    deadline = time.monotonic() + 60
    try:
        # WHEN enough events are confirmed on disk, the child is killed with SIGKILL while it keeps writing
        while not reports or reports[-1][2] < KILL_AFTER or reports[-1][1] - reports[0][1] < 2 * LAST_SECOND:
            lines, closed = read_reports(read_end, deadline)
            assert not closed, "the child stopped on its own"
            for line in lines:
                reports.append(tuple(float(part) for part in line.split()))  # type: ignore[arg-type]
        assert len(rows(database, "id")) >= KILL_AFTER
        # The kill comes at no particular moment of the writer's cycle: a while after the last commit seen.
        confirmed_at = reports[-1][1]
        while reports[-1][1] < confirmed_at + 1.5 * LAST_SECOND:
            lines, closed = read_reports(read_end, deadline)
            assert not closed, "the child stopped on its own"
            reports += [tuple(float(part) for part in line.split()) for line in lines]  # type: ignore[misc]
        killed_at = time.time()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
        while True:  # what the child reported before it died
            data = os.read(read_end, 65536)
            if not data:
                break
            pending += data.decode()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(read_end)
    reports += [tuple(float(part) for part in line.split()) for line in pending.splitlines() if line.count(" ") == 2]
    # THEN the reopened database is sound, holds every committed event with no gap, and misses only the last second
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sequences = [slide for (slide,) in rows(database, "slide")]
    assert sequences == list(range(1, len(sequences) + 1)), "whole batches only, in order"
    assert len(sequences) >= max(committed for _, _, committed in reports)
    older = [sequence for sequence, at, _ in reports if at <= killed_at - LAST_SECOND]
    assert older
    assert max(older) <= len(sequences), "an event queued more than a second before the kill is missing"


def test_old_events_are_pruned_at_start_and_a_day_later(tmp_path: Path) -> None:
    # GIVEN events 400, 364 and 10 days old
    database = tmp_path / DATABASE_NAME
    clock = FakeClock(NOW)
    AnalyticsWriter(database, clock=clock).close()
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO events (at, kind) VALUES (?, ?)",
            [(NOW - 400 * DAY, "old"), (NOW - 364 * DAY, "almost"), (NOW - 10 * DAY, "recent")],
        )
    # WHEN a writer keeping 365 days starts, and the next day goes by while it runs
    writer = AnalyticsWriter(database, keep_days=365, clock=clock)
    writer.record(Event(clock(), "deck"))
    assert writer.wait_committed(1, timeout_s=30)
    assert [kind for kind, _, _ in rows(database)] == ["almost", "recent", "deck"]
    clock.advance(2 * DAY)
    writer.record(Event(clock(), "deck"))
    writer.close()
    # THEN the year-old event went at start, and the one that aged past a year went a day later
    assert [kind for kind, _, _ in rows(database)] == ["recent", "deck", "deck"]


def test_visit_numbers_continue_the_count_of_the_file(tmp_path: Path) -> None:
    database = tmp_path / DATABASE_NAME
    first = AnalyticsWriter(database, clock=FakeClock(NOW))
    first.record(Event(NOW, "visit_start", visit=1))
    first.record(Event(NOW + 1, "visit_start", visit=2))
    first.record(Event(NOW + 2, "autoplay_loop"))
    first.close()
    second = AnalyticsWriter(database, clock=FakeClock(NOW))
    second.record(Event(NOW + 3, "visit_start", visit=1))
    second.close()
    assert [visit for _, visit, _ in rows(database)] == [1, 2, None, 3]
    with sqlite3.connect(database) as connection:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert meta["schema_version"] == "1" and meta["kiosk"] and meta["created"]


def test_a_corrupt_file_turns_analytics_off_with_one_line_and_is_left_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / DATABASE_NAME
    garbage = b"this is not a database, whatever its name says\n" * 200
    database.write_bytes(garbage)
    with caplog.at_level(logging.INFO, logger="kiosk.analytics_store"):
        writer = AnalyticsWriter(database)
        writer.record(Event(NOW, "deck"))
        writer.close()
        for _ in range(3):
            writer.record(Event(NOW, "deck"))  # after the failure: dropped, never raised
    assert not writer.enabled
    lines = [record for record in caplog.records if record.name == "kiosk.analytics_store"]
    assert len(lines) == 1 and "analytics off" in lines[0].getMessage()
    assert database.read_bytes() == garbage


@pytest.mark.parametrize("named", [True, False], ids=["--analytics PATH", "the data folder"])
def test_kiosk_run_logs_proof_of_play_where_it_is_told(tmp_path: Path, named: bool) -> None:
    from tests.test_cli_run import kiosk, kiosk_env

    env = kiosk_env(tmp_path)
    database = tmp_path / "elsewhere" / "log.sqlite" if named else Path(env["KIOSK_DATA_DIR"]) / DATABASE_NAME
    options = ["--analytics", str(database)] if named else []
    command = kiosk("run", "--windowed", "--autoplay", "--slide-duration", "0.3", "--exit-after", "2", *options)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    kinds = [kind for kind, _, _ in rows(database)]
    assert kinds[:2] == ["deck", "autoplay_loop"] and "slide_view" in kinds
    assert rows(database, "via")[2] == ("autoplay",)
    assert named is not (Path(env["KIOSK_DATA_DIR"]) / DATABASE_NAME).exists()
