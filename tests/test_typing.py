"""The Qt-free core (deck model, navigation, idle policy, gestures, schedule, PIN lock) type-checks."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

CORE = [
    "kiosk/deck",
    "kiosk/player/navigator.py",
    "kiosk/player/swipe.py",
    "kiosk/player/attract.py",
    "kiosk/player/schedule.py",
    "kiosk/player/pin_lock.py",
]


def test_the_core_passes_mypy() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", *CORE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
