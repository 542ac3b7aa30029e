"""Large letters are cached as images up to the player's largest text size, unless the operator says otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk.app import GLYPH_CACHE_MAX_PX
from kiosk.ui.scale import LANDSCAPE_METRICS, PORTRAIT_METRICS
from tests.conftest import REPO

PROBE = "import os; from kiosk.app import application; application(); print(os.environ['QT_MAX_CACHED_GLYPH_SIZE'])"


def glyph_limit_in_a_new_app(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "QT_MAX_CACHED_GLYPH_SIZE"}
    environment.update({"QT_QPA_PLATFORM": "offscreen", **env})
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=environment, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_app_caches_letters_as_large_as_its_text() -> None:
    assert glyph_limit_in_a_new_app() == str(GLYPH_CACHE_MAX_PX)


def test_an_operator_setting_is_kept() -> None:
    assert glyph_limit_in_a_new_app(QT_MAX_CACHED_GLYPH_SIZE="96") == "96"


@pytest.mark.parametrize("metrics", [LANDSCAPE_METRICS, PORTRAIT_METRICS], ids=["landscape", "portrait"])
def test_every_text_size_at_1080p_is_cached(metrics: object) -> None:
    # The design sizes are the pixel sizes on a 1080p screen: all of them should be drawn from the cache.
    sizes = [value for name, value in vars(metrics).items() if name.endswith("_font")]
    assert sizes and max(sizes) <= GLYPH_CACHE_MAX_PX
