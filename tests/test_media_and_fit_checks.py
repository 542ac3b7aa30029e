"""``kiosk validate`` opens every picture as the player will and lays every slide out; ``kiosk render`` exits 1
when a slide would show a placeholder. Each runs as a real process with no display."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from pathlib import Path

from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
HUGE = 30000
GOOD_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="80" height="45"/></svg>\n'
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän"
"""One German word too wide for a portrait screen's column even at the smallest size, but not for landscape's."""


def png_chunk(kind: bytes, body: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC of type and data."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` RGBA pixels and holds none: enough for a reader to learn its size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", b"") + png_chunk(b"IEND", b"")


def small_png() -> bytes:
    """A complete 2 x 2 grey PNG."""
    rows = b"".join(b"\x00" + b"\x80" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows))
        + png_chunk(b"IEND", b"")
    )


def entity_bomb_svg() -> str:
    """An SVG whose internal entities expand to millions of characters, which Qt refuses to read."""
    entities = ['<!ENTITY e0 "expand">'] + [f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 8)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [\n' + "\n".join(entities) + "\n]>\n"
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><text y="40">&e7;</text></svg>\n'
    )


def write_deck(folder: Path, theme: str, files: dict[str, str | bytes], languages: str = "[en]") -> Path:
    """A deck folder with one theme file (``theme``, the text of themes/t.yaml) and the given extra files."""
    (folder / "themes").mkdir(parents=True)
    (folder / "deck.yaml").write_text(
        f"title: Checks\nlanguages: {languages}\nthemes: [themes/t.yaml]\n", encoding="utf-8"
    )
    (folder / "themes" / "t.yaml").write_text(theme, encoding="utf-8")
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


IMAGE_THEME = """\
id: t
title: T
background: images/background.svg
slides:
  - kind: statement
    heading: First
    body: The first slide.
  - kind: image
    heading: A picture
    image: images/picture.png
"""
BACKGROUND_KEY = (3, 1)
IMAGE_KEY = (10, 5)
"""Line and column of the 'background:' and 'image:' keys in IMAGE_THEME."""


def run_kiosk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk ARGS`` as a process with no display of any kind in its environment."""
    env = kiosk_env(tmp_path)
    for name in DISPLAY_VARIABLES:
        env.pop(name, None)
    return subprocess.run(kiosk(*args), env=env, cwd=REPO, capture_output=True, text=True, timeout=120)


def validate_json(tmp_path: Path, deck: Path) -> tuple[int, list[dict[str, object]]]:
    """The exit code of ``kiosk validate DECK --format json`` and its problems."""
    done = run_kiosk(tmp_path, "validate", str(deck), "--format", "json")
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


def test_a_bitmap_over_the_allocation_limit_is_an_error_at_its_key(tmp_path: Path) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImageReader

    # GIVEN an image slide whose PNG declares 30000 x 30000 pixels (3.6 GB decoded)
    deck = write_deck(
        tmp_path / "deck",
        IMAGE_THEME,
        {"images/background.svg": GOOD_SVG, "images/picture.png": png_header(HUGE, HUGE)},
    )
    assert QImageReader(str(deck / "images/picture.png")).size() == QSize(HUGE, HUGE)
    # WHEN the deck is validated
    done = run_kiosk(tmp_path, "validate", str(deck))
    code, problems = validate_json(tmp_path, deck)
    # THEN it is invalid, with one error at the 'image:' key that says why and what to do
    assert done.returncode == code == 1
    assert [(p["severity"], p["line"], p["column"]) for p in problems] == [("error", *IMAGE_KEY)]
    message = f"'picture.png': {HUGE} x {HUGE} px is over the 256 MB image limit; scale it down"
    assert problems[0]["message"] == message
    line, column = IMAGE_KEY
    assert done.stderr.splitlines() == [f"themes/t.yaml:{line}:{column}: error: {message}"]
    assert "invalid: 1 error" in done.stdout


def test_an_svg_background_qt_refuses_is_an_error_at_its_key(tmp_path: Path) -> None:
    # GIVEN a theme whose background SVG expands entities past what Qt accepts
    deck = write_deck(
        tmp_path / "deck",
        IMAGE_THEME,
        {"images/background.svg": entity_bomb_svg(), "images/picture.png": small_png()},
    )
    # WHEN the deck is validated
    code, problems = validate_json(tmp_path, deck)
    # THEN the 'background:' key carries the error
    assert code == 1
    assert problems == [
        {
            "file": (deck / "themes/t.yaml").as_posix(),
            "line": BACKGROUND_KEY[0],
            "column": BACKGROUND_KEY[1],
            "severity": "error",
            "message": "'background.svg': the SVG cannot be read (entities are not allowed)",
        }
    ]


def test_a_file_that_is_no_image_is_an_error_in_the_github_format_too(tmp_path: Path) -> None:
    # GIVEN a "PNG" that holds text
    deck = write_deck(
        tmp_path / "deck", IMAGE_THEME, {"images/background.svg": GOOD_SVG, "images/picture.png": "not a picture\n"}
    )
    # WHEN the deck is validated for GitHub Actions
    done = run_kiosk(tmp_path, "validate", str(deck), "--format", "github")
    # THEN the annotation points at the 'image:' key
    assert done.returncode == 1
    line, column = IMAGE_KEY
    assert done.stdout.splitlines() == [
        f"::error file={(deck / 'themes/t.yaml').as_posix().replace(':', '%3A')},line={line},col={column}::"
        "'picture.png': not an image Qt can read (PNG, JPEG, SVG...)"
    ]


def test_good_pictures_and_harmless_entities_pass(tmp_path: Path) -> None:
    # GIVEN a real PNG and an SVG with one short internal entity, as some drawing programs write them
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [ <!ENTITY ns "http://www.w3.org/2000/svg"> ]>\n'
        '<svg xmlns="&ns;" width="160" height="90"><rect width="80" height="45"/></svg>\n'
    )
    deck = write_deck(tmp_path / "deck", IMAGE_THEME, {"images/background.svg": svg, "images/picture.png": small_png()})
    # WHEN the deck is validated
    code, problems = validate_json(tmp_path, deck)
    # THEN Qt opens both, as the player does, and nothing is reported
    assert (code, problems) == (0, [])


def test_render_exits_1_and_names_the_slide_whose_picture_cannot_be_shown(tmp_path: Path) -> None:
    # GIVEN a deck that loads but whose second slide's picture is over Qt's limit
    deck = write_deck(
        tmp_path / "deck",
        IMAGE_THEME,
        {"images/background.svg": GOOD_SVG, "images/picture.png": png_header(HUGE, HUGE)},
    )
    out = tmp_path / "out"
    # WHEN it is rendered
    done = run_kiosk(tmp_path, "render", str(deck), "--out", str(out), "--size", "480x270")
    # THEN both slides are written, but the command fails and says which slide shows a placeholder and why
    assert done.returncode == 1, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["001-t-01.png", "002-t-02.png"]
    errors = [line for line in done.stderr.splitlines() if line.startswith("kiosk render: error:")]
    assert errors == [
        "kiosk render: error: slide 2 (theme 't', slide 2 (themes/t.yaml:8:5)) shows a placeholder: its image "
        f"'picture.png': {HUGE} x {HUGE} px is over the 256 MB image limit; scale it down"
    ]


def test_render_of_good_pictures_exits_0(tmp_path: Path) -> None:
    deck = write_deck(
        tmp_path / "deck", IMAGE_THEME, {"images/background.svg": GOOD_SVG, "images/picture.png": small_png()}
    )
    done = run_kiosk(tmp_path, "render", str(deck), "--out", str(tmp_path / "out"), "--size", "480x270")
    assert done.returncode == 0, done.stderr
    assert "placeholder" not in done.stderr


def test_a_heading_too_long_for_portrait_in_one_language_is_a_warning_naming_both(tmp_path: Path) -> None:
    # GIVEN a heading whose German text is one word wider than a portrait screen's text column
    theme = (
        "id: t\ntitle: T\nslides:\n"
        "  - kind: statement\n"
        f"    heading: {{en: Insurance, de: {LONG_WORD}}}\n"
        "    body: {en: A short body., de: Ein kurzer Text.}\n"
    )
    deck = write_deck(tmp_path / "deck", theme, {}, languages="[en, de]")
    # WHEN the deck is validated
    code, problems = validate_json(tmp_path, deck)
    # THEN it stays valid, with one warning at the 'heading:' key naming the language and the orientation
    assert code == 0
    assert [(p["severity"], p["line"], p["column"], p["message"]) for p in problems] == [
        (
            "warning",
            5,
            5,
            "heading does not fit at the smallest size in de, portrait (1080x1920): shorten it",
        )
    ]


def test_the_bundled_deck_validates_without_errors_or_fit_warnings(tmp_path: Path) -> None:
    code, problems = validate_json(tmp_path, REPO / "slides")
    assert code == 0
    assert [p for p in problems if p["severity"] == "error" or "does not fit" in str(p["message"])] == []


def test_validate_prints_no_qt_or_log_noise(tmp_path: Path) -> None:
    # GIVEN a deck with pictures Qt refuses (Qt and the slide views both have something to say about them)
    deck = write_deck(
        tmp_path / "deck",
        IMAGE_THEME,
        {"images/background.svg": entity_bomb_svg(), "images/picture.png": "not a picture\n"},
    )
    # WHEN it is validated
    done = run_kiosk(tmp_path, "validate", str(deck))
    # THEN stderr holds one line per problem and nothing else
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 2, done.stderr
    assert all(": error: " in line for line in done.stderr.splitlines()), done.stderr


def test_without_qt_validate_still_checks_the_yaml_and_says_what_it_skipped(tmp_path: Path) -> None:
    # GIVEN a machine where Qt cannot be loaded (a PySide6 that fails to import stands first on the path)
    fake = tmp_path / "no-qt" / "PySide6"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("libEGL.so.1: cannot open shared object file")\n')
    deck = write_deck(
        tmp_path / "deck", IMAGE_THEME, {"images/background.svg": GOOD_SVG, "images/picture.png": small_png()}
    )
    env = kiosk_env(tmp_path)
    env["PYTHONPATH"] = str(fake.parent)
    # WHEN the deck is validated
    done = subprocess.run(kiosk("validate", str(deck)), env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    # THEN it is still valid, with one warning instead of a traceback
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "deck.yaml:1:1: warning: pictures and text fit were not checked: Qt cannot be loaded here "
        "(libEGL.so.1: cannot open shared object file)"
    ]
