"""Colours, radii and alignments are written once, in kiosk/ui/palette.py, and the style sheet is filled in from it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kiosk
from kiosk.paths import resource
from kiosk.ui import palette

PACKAGE = Path(kiosk.__file__).parent
UI = PACKAGE / "ui"
PALETTE = UI / "palette.py"
COLOUR_LITERAL = re.compile(
    r"#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?\b"  # "#rrggbb" or "#aarrggbb"
    r"|QColor\(\s*\d"  # QColor(0, 0, 0)
    r"|Qt\.GlobalColor"
    r"|\brgba?\("  # style sheet rgb(...) / rgba(...)
)
CENTRED_DEFINITION = re.compile(r"^\s*CENTRED(?:_\w+)?\s*(?::[^=]*)?=", re.MULTILINE)


def colour_literals(text: str) -> list[str]:
    """The lines of ``text`` that write a colour down."""
    return [line.strip() for line in text.splitlines() if COLOUR_LITERAL.search(line)]


@pytest.mark.parametrize(
    "module", sorted(p for p in UI.rglob("*.py") if p != PALETTE), ids=lambda p: str(p.relative_to(UI))
)
def test_no_view_writes_a_colour_down(module: Path) -> None:
    assert colour_literals(module.read_text(encoding="utf-8")) == []


def test_the_style_sheet_file_holds_no_colour() -> None:
    assert colour_literals(resource("styles/kiosk.qss").read_text(encoding="utf-8")) == []


def test_the_running_application_gets_the_style_sheet_filled_in_from_the_palette() -> None:
    # A fresh process: the test session's QApplication already exists, so application() would not set one.
    shown = subprocess.run(
        [sys.executable, "-c", "from kiosk.app import application; print(application().styleSheet(), end='')"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    ).stdout
    template = resource("styles/kiosk.qss").read_text(encoding="utf-8")
    assert shown == palette.stylesheet(template)
    assert "$" not in shown
    for colour in (palette.TEXT, palette.BACKGROUND_DEEP, palette.OUTLINE, palette.CONTROL):
        assert colour in shown
    assert f"border-radius: {palette.CONTROL_RADIUS_PX}px" in shown


def test_alignments_are_defined_only_in_the_palette() -> None:
    defined_in = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if CENTRED_DEFINITION.search(p.read_text(encoding="utf-8"))
    )
    assert defined_in == ["ui/palette.py"]


RADIUS_DEFINITION = re.compile(r"^\s*\w*RADIUS\w*\s*(?::[^=]*)?=", re.MULTILINE)


def test_radii_are_defined_only_in_the_palette() -> None:
    defined_in = sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if RADIUS_DEFINITION.search(p.read_text(encoding="utf-8"))
    )
    assert defined_in == ["ui/palette.py"]
