"""``kiosk render`` as a real process on a machine with no display: the PNGs it writes, and the folders it cannot."""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

SIZE = (480, 270)
SLIDE_NAMES = ["001-t-01.png", "002-t-02.png", "003-t-03.png"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
"""Samples per pixel for each PNG colour type."""
DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    """A three-slide deck in one theme, ``t``."""
    folder = tmp_path / "deck"
    (folder / "themes").mkdir(parents=True)
    (folder / "deck.yaml").write_text("title: Render\nthemes: [themes/t.yaml]\n", encoding="utf-8")
    (folder / "themes" / "t.yaml").write_text(
        "id: t\ntitle: T\nslides:\n"
        "  - {kind: title, heading: Welcome, subtitle: To the test}\n"
        "  - {kind: statement, heading: Two, body: The second slide.}\n"
        "  - {kind: statement, heading: Three, body: The third slide.}\n",
        encoding="utf-8",
    )
    return folder


def render(tmp_path: Path, deck: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``kiosk render DECK --out OUT --size 480x270`` with no display of any kind in its environment."""
    env = kiosk_env(tmp_path)
    for name in DISPLAY_VARIABLES:
        env.pop(name, None)
    args = ["render", str(deck), "--out", str(out), "--size", "x".join(map(str, SIZE))]
    return subprocess.run(kiosk(*args), env=env, cwd=REPO, capture_output=True, text=True, timeout=60)


def png_size(path: Path) -> tuple[int, int]:
    """The width and height of a complete, uncorrupted PNG file; AssertionError for anything else."""
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path.name} is not a PNG"
    chunks: list[tuple[bytes, bytes]] = []
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        assert offset + 12 <= len(data), f"{path.name} is cut short"
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        assert offset + 12 + length <= len(data), f"{path.name} is cut short"
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"{path.name}: chunk {kind!r} is damaged"
        chunks.append((kind, body))
        offset += 12 + length
    kinds = [kind for kind, _ in chunks]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds, f"{path.name}: chunks {kinds}"
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[0][1][:10])
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    row_bytes = 1 + width * CHANNELS[colour_type] * depth // 8  # each row starts with its filter byte
    assert len(pixels) == height * row_bytes, f"{path.name}: the image data does not fill {width}x{height}"
    return width, height


def test_render_writes_valid_pngs_without_any_display(deck: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "png"
    result = render(tmp_path, deck, out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == f"3 slides written to {out}"
    assert sorted(path.name for path in out.iterdir()) == SLIDE_NAMES
    for name in SLIDE_NAMES:
        assert (out / name).stat().st_size > 0
        assert png_size(out / name) == SIZE


def test_an_output_folder_that_cannot_be_made_is_one_error_line_and_exit_1(deck: Path, tmp_path: Path) -> None:
    # GIVEN an --out path under a regular file, so the folder cannot be made whoever runs the command
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "png"
    result = render(tmp_path, deck, out)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("kiosk render: error: ") and str(out) in lines[0]
    assert result.stdout == ""
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_png_that_cannot_be_saved_is_an_error_and_is_not_counted(deck: Path, tmp_path: Path) -> None:
    # GIVEN a folder standing where the first slide's PNG should go
    out = tmp_path / "out"
    (out / SLIDE_NAMES[0]).mkdir(parents=True)
    result = render(tmp_path, deck, out)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [f"kiosk render: error: cannot write {out / SLIDE_NAMES[0]}"], result.stderr
    assert result.stdout.strip() == f"2 slides written to {out}"
    assert (out / SLIDE_NAMES[0]).is_dir()
    for name in SLIDE_NAMES[1:]:
        assert png_size(out / name) == SIZE, "the other slides are still written"
