"""``kiosk run`` as a service manager runs it: a real process, diagnostics on exit, clean stops."""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from tests.conftest import REPO

DIAGNOSTIC_KEYS = {"first_paint_s", "frames", "frame_ms", "transitions", "peak_rss_mib", "errors"}
FIRST_TRANSITION = r"kiosk\.diagnostics: transition 1: "
"""The log line of the first finished transition: the player is up and playing."""


SERVICE_MANAGER_VARIABLES = {"KIOSK_SUPERVISED", "INVOCATION_ID", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"}
"""Set when the tests themselves run under systemd; a child would then behave as a supervised kiosk."""


def kiosk_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a kiosk subprocess: offscreen, temporary folders, and not under a service manager."""
    env = {key: value for key, value in os.environ.items() if key not in SERVICE_MANAGER_VARIABLES}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_LOG_DIR=str(tmp_path / "logs"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        KIOSK_DATA_DIR=str(tmp_path / "data"),
        PYTHONFAULTHANDLER="1",
    )
    return env


def kiosk(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", *args]


class LogLines:
    """A child's stream read line by line on a thread, so that a test can wait for one line with a timeout."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line)
        self._queue.put(None)  # end of the stream

    def wait_for(self, pattern: str, timeout_s: float) -> str:
        """The first line from now that matches ``pattern``; fails after ``timeout_s`` or at the end of the stream."""
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} in {timeout_s} s:\n{self.text()}") from None
            if line is None:
                raise AssertionError(f"the stream ended without a line matching {pattern!r}:\n{self.text()}")
            self.lines.append(line)
            if re.search(pattern, line):
                return line

    def rest(self, timeout_s: float) -> str:
        """Everything the stream held, once it has ended (within ``timeout_s``)."""
        self._reader.join(timeout_s)
        while not self._queue.empty():
            line = self._queue.get_nowait()
            if line is not None:
                self.lines.append(line)
        return self.text()

    def text(self) -> str:
        return "".join(self.lines)


def run_kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m kiosk ARGS`` to its end (30 s at most), with the environment of ``kiosk_env``."""
    return subprocess.run(kiosk(*args), env=kiosk_env(tmp_path), cwd=REPO, capture_output=True, text=True, timeout=30)


def check_diagnostics(path: Path, min_transitions: int) -> dict[str, object]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data.keys() >= DIAGNOSTIC_KEYS, f"missing: {DIAGNOSTIC_KEYS - data.keys()}"
    assert isinstance(data["first_paint_s"], float) and data["first_paint_s"] > 0
    assert isinstance(data["frames"], int) and data["frames"] > 0
    frame_ms = data["frame_ms"]
    assert isinstance(frame_ms, dict) and {"p50", "p95", "p99", "max"} <= frame_ms.keys()
    assert all(isinstance(frame_ms[k], (int, float)) and frame_ms[k] >= 0 for k in ("p50", "p95", "p99", "max"))
    assert frame_ms["p50"] <= frame_ms["p95"] <= frame_ms["p99"] <= frame_ms["max"]
    assert isinstance(data["transitions"], int) and data["transitions"] >= min_transitions
    assert isinstance(data["peak_rss_mib"], float) and data["peak_rss_mib"] > 0
    assert data["errors"] == 0
    return data


def test_autoplay_run_exits_cleanly_and_writes_diagnostics(bundled_deck: Path, tmp_path: Path) -> None:
    diagnostics = tmp_path / "d.json"
    args = ["run", str(bundled_deck), "--windowed", "--autoplay", "--slide-duration", "0.3"]
    args += ["--exit-after", "3", "--diagnostics", str(diagnostics)]
    result = run_kiosk(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    check_diagnostics(diagnostics, min_transitions=3)
    assert (tmp_path / "logs" / "kiosk.log").is_file(), "the log goes to KIOSK_LOG_DIR"


def test_sigterm_stops_cleanly_and_still_writes_diagnostics(bundled_deck: Path, tmp_path: Path) -> None:
    diagnostics = tmp_path / "d.json"
    args = ["run", str(bundled_deck), "--windowed", "--autoplay", "--slide-duration", "0.3"]
    args += ["--exit-after", "30", "--diagnostics", str(diagnostics)]
    process = subprocess.Popen(
        kiosk(*args),
        env=kiosk_env(tmp_path),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stderr = LogLines(process.stderr)  # type: ignore[arg-type]
        stderr.wait_for(FIRST_TRANSITION, timeout_s=20)
        assert process.poll() is None, "the player should still be running"
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=5)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = stderr.rest(timeout_s=5)
    assert process.returncode == 0, output
    assert took < 5
    assert "Traceback" not in output
    assert "signal 15 received; quitting" in output, "it quit on the signal, not on --exit-after"
    check_diagnostics(diagnostics, min_transitions=1)


@pytest.mark.parametrize(
    ("theme_text", "where"),
    [
        ("id: t\ntitle: T\nslides:\n  - kind: statment\n    heading: H\n", r"themes/t\.yaml:4:\d+"),
        ("id: t\ntitle: T\nslides: [ {kind: title, heading: H}\n", r"themes/t\.yaml:\d+:\d+"),
        ("id: t\ntitle: T\naccent: #ff0000\nslides:\n  - {kind: title, heading: H}\n", r"themes/t\.yaml:3:\d+"),
    ],
    ids=["unknown-kind", "yaml-syntax", "unquoted-colour"],
)
def test_an_invalid_deck_exits_1_with_a_located_message(tmp_path: Path, theme_text: str, where: str) -> None:
    deck = tmp_path / "deck"
    (deck / "themes").mkdir(parents=True)
    (deck / "deck.yaml").write_text("title: Broken\nthemes:\n  - themes/t.yaml\n", encoding="utf-8")
    (deck / "themes" / "t.yaml").write_text(theme_text, encoding="utf-8")
    result = run_kiosk(tmp_path, "run", str(deck), "--windowed", "--exit-after", "5")
    assert result.returncode == 1, result.stderr
    assert re.search(where + r": error: ", result.stderr), result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_an_unknown_language_exits_2(bundled_deck: Path, tmp_path: Path) -> None:
    result = run_kiosk(tmp_path, "run", str(bundled_deck), "--windowed", "--lang", "xx", "--exit-after", "5")
    assert result.returncode == 2, result.stderr
    assert "--lang xx" in result.stderr
    assert "Traceback" not in result.stderr
