"""Fixtures for the video tests: clips made once per session with Qt Multimedia's encoder, and a broken one.

Import the fixtures a test module uses from here (``from tests.media.fixtures import clips``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.media.clips import clip_picture, make_clip

RED, BLUE, GREEN = "#c02020", "#2040c0", "#20a040"
POSTER_COLOUR = "#e0c000"
CLIP_SIZE = (320, 180)


@dataclass(frozen=True)
class Clips:
    """Clips made for the session: each a solid colour with a moving white band."""

    folder: Path
    red: Path
    blue: Path
    green_long: Path
    """Two seconds (the others one)."""
    broken: Path
    """An .mp4 that holds no video."""
    poster: Path
    """A yellow picture, a poster for any of them."""

    def files(self) -> dict[str, bytes]:
        """Every clip as deck_factory ``files``: clips/red.mp4, clips/blue.mp4, ..., clips/poster.png."""
        return {
            f"clips/{path.name}": path.read_bytes()
            for path in (self.red, self.blue, self.green_long, self.broken, self.poster)
        }


@pytest.fixture(scope="session")
def clips(qapp: Any, tmp_path_factory: pytest.TempPathFactory) -> Clips:
    """The session's clips (made in a few seconds)."""
    folder = tmp_path_factory.mktemp("clips")
    broken = folder / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"not a video at all" * 64)
    poster = folder / "poster.png"
    clip_picture(*CLIP_SIZE, POSTER_COLOUR, 0.0).save(str(poster))
    return Clips(
        folder=folder,
        red=make_clip(folder / "red.mp4", 1.0, CLIP_SIZE, colour=RED),
        blue=make_clip(folder / "blue.mp4", 1.0, CLIP_SIZE, colour=BLUE),
        green_long=make_clip(folder / "green_long.mp4", 2.0, CLIP_SIZE, colour=GREEN),
        broken=broken,
        poster=poster,
    )


def video(name: str, **extra: Any) -> dict[str, Any]:
    """A video slide of ``clips/<name>`` as a YAML-ready dict."""
    return {"kind": "video", "video": f"clips/{name}", **extra}


def near(colour: Any, wanted: str, tolerance: int = 48) -> bool:
    """True when the QColor ``colour`` is within ``tolerance`` of ``wanted`` in each channel (video is lossy)."""
    from PySide6.QtGui import QColor

    target = QColor(wanted)
    return all(
        abs(a - b) <= tolerance
        for a, b in zip((colour.red(), colour.green(), colour.blue()), (target.red(), target.green(), target.blue()))
    )
