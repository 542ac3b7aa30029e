"""A short soak in the normal run: kiosk mode auto-playing as fast as it can for a few seconds, without an error.

The long run (10,000 transitions, with memory growth) is ``tests/perf/test_soak.py``, on demand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

EXIT_AFTER_S = 6
SLIDE_S = 0.05
MIN_TRANSITIONS = 20


def test_a_short_soak_in_kiosk_mode_has_no_errors(bundled_deck: Path, tmp_path: Path) -> None:
    diagnostics = tmp_path / "soak.json"
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "INVOCATION_ID", "KIOSK_SUPERVISED"):
        env.pop(name, None)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        KIOSK_LOG_DIR=str(tmp_path / "logs"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        PYTHONFAULTHANDLER="1",
    )
    argv = [sys.executable, "-m", "kiosk", "run", str(bundled_deck), "--autoplay"]
    argv += ["--slide-duration", str(SLIDE_S), "--exit-after", str(EXIT_AFTER_S), "--diagnostics", str(diagnostics)]
    result = subprocess.run(
        argv, env=env, cwd=REPO, capture_output=True, text=True, timeout=EXIT_AFTER_S + 30, stdin=subprocess.DEVNULL
    )
    log = tmp_path / "logs" / "kiosk.log"
    context = f"stderr:\n{result.stderr[-3000:]}"
    assert result.returncode == 0, context
    assert diagnostics.is_file(), context
    data = json.loads(diagnostics.read_text(encoding="utf-8"))
    assert data["errors"] == 0, context
    assert data["transitions"] >= MIN_TRANSITIONS, f"only {data['transitions']} transitions\n{context}"
    assert "Traceback" not in result.stderr
    assert log.is_file() and " ERROR " not in log.read_text(encoding="utf-8")
    assert data["rss_mib_at_transition"].get("1", 0) > 0, "memory is sampled at the first transition"
