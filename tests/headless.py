"""The offline commands (``kiosk stats``, ``kiosk rehearsals``) as real processes with no display, and their charts."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QImage

from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env
from tests.test_render_process import DISPLAY_VARIABLES


def headless_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    """The environment of ``kiosk_env`` with ``KIOSK_DATA_DIR`` set to ``data_dir`` and no display of any kind."""
    env = kiosk_env(tmp_path)
    env["KIOSK_DATA_DIR"] = str(data_dir)
    for name in DISPLAY_VARIABLES:
        env.pop(name, None)
    return env


def run_headless(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m kiosk ARGS`` to its end (60 s at most) in ``env``, its output as text."""
    return subprocess.run(kiosk(*args), env=env, cwd=REPO, capture_output=True, text=True, timeout=60)


def colour_shares(path: Path) -> Callable[[str], float]:
    """The share of the picture at ``path`` in a given colour, sampled at every other pixel each way."""
    image = QImage(str(path))
    colours: dict[int, int] = {}
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours[rgb] = colours.get(rgb, 0) + 1
    sampled = sum(colours.values())

    def share(colour: str) -> float:
        return colours.get(QColor(colour).rgb() & 0xFFFFFF, 0) / sampled

    return share
