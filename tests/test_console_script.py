"""The installed ``kiosk`` command as operators type it, and the exit code ``kiosk run`` hands back to its caller."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk import __version__
from kiosk.deck import deck_file_for
from kiosk.paths import default_deck
from tests.test_cli_run import kiosk_env
from tests.ui.test_kiosk_exit_end_to_end import InProcessKiosk, in_process_kiosk, write_deck

SCRIPT = shutil.which("kiosk", path=str(Path(sys.executable).parent))
STOP_WATCHDOG_S = 30
"""The longest the bare ``kiosk`` may take to start or to stop before the test gives up on it."""
needs_script = pytest.mark.skipif(SCRIPT is None, reason="the kiosk console script is not installed next to Python")


def run_script(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed ``kiosk ARGS``, run from a folder of its own (not the source tree), offscreen."""
    assert SCRIPT is not None
    cwd = tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    return subprocess.run([SCRIPT, *args], env=kiosk_env(tmp_path), cwd=cwd, capture_output=True, text=True, timeout=60)


def log_text(tmp_path: Path) -> str:
    """What the run wrote to its log file in KIOSK_LOG_DIR."""
    return (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


# -- the console script -------------------------------------------------------------------


@needs_script
def test_kiosk_version_prints_the_package_version(tmp_path: Path) -> None:
    result = run_script(tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"kiosk {__version__}\n"


@needs_script
def test_kiosk_with_no_arguments_plays_the_bundled_deck_in_kiosk_mode_until_stopped(tmp_path: Path) -> None:
    assert SCRIPT is not None
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    process = subprocess.Popen(
        [SCRIPT], env=kiosk_env(tmp_path), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(STOP_WATCHDOG_S, process.kill)  # a hung player ends the stream, and the test
    watchdog.start()
    try:
        assert process.stderr is not None
        seen = []
        for line in process.stderr:  # wait for the log line that says it plays, however long start-up takes
            seen.append(line)
            if " kiosk.app: playing " in line:
                break
        assert process.poll() is None, "".join(seen)
        process.send_signal(signal.SIGTERM)  # as a service manager stops it
        _, rest = process.communicate(timeout=STOP_WATCHDOG_S)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, "".join(seen) + rest
    assert f"playing {deck_file_for(default_deck())} " in seen[-1]
    assert "Traceback" not in "".join(seen) + rest


@needs_script
def test_kiosk_with_options_only_plays_the_bundled_deck(tmp_path: Path) -> None:
    result = run_script(tmp_path, "--windowed", "--exit-after", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"playing {deck_file_for(default_deck())} " in log_text(tmp_path)


@needs_script
def test_kiosk_with_a_deck_plays_that_deck(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "my-deck", exit_pin=None)
    result = run_script(tmp_path, str(deck), "--windowed", "--exit-after", "1")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    log = log_text(tmp_path)
    assert f"playing {deck / 'deck.yaml'} (1 themes, 2 slides)" in log
    assert str(deck_file_for(default_deck())) not in log


# -- the exit code, in process ------------------------------------------------------------


@pytest.fixture
def kiosk_runner(qapp: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[InProcessKiosk]:
    with in_process_kiosk(monkeypatch, tmp_path) as runner:
        yield runner


@pytest.mark.parametrize("code", [3, 75])
def test_kiosk_run_returns_the_code_the_app_exits_with(kiosk_runner: InProcessKiosk, tmp_path: Path, code: int) -> None:
    deck = write_deck(tmp_path / "deck", exit_pin=None)

    def app_exits(player: Any) -> None:
        assert player.window.isVisible()
        QApplication.instance().exit(code)

    assert kiosk_runner.run(["run", str(deck), "--windowed"], app_exits) == code
    assert kiosk_runner.exits == [code]
