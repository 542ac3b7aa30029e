"""The whole package type-checks with mypy, folder by folder as the layers are."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

PACKAGE = "kiosk"


def test_the_package_passes_mypy() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", PACKAGE],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
