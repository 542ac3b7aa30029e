"""The deck model needs no Qt: importing and using it loads neither PySide6, qtpy nor qtawesome."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import kiosk.deck
from tests.conftest import REPO

QT_PREFIXES = ("PySide6", "qtpy", "qtawesome", "shiboken6")


def _qt_modules_after(code: str) -> list[str]:
    """The Qt modules in sys.modules after running ``code`` in a fresh interpreter."""
    probe = (
        f"{code}\n"
        "import json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {QT_PREFIXES!r})))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env, cwd=REPO
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _deck_modules() -> list[str]:
    return sorted(f"kiosk.deck.{info.name}" for info in pkgutil.iter_modules(kiosk.deck.__path__))


def test_the_deck_package_has_the_modules_this_test_imports() -> None:
    assert {"kiosk.deck.loader", "kiosk.deck.builder", "kiosk.deck.schema", "kiosk.deck.errors"} <= set(_deck_modules())


def test_importing_kiosk_deck_and_all_its_modules_loads_no_qt() -> None:
    imports = "\n".join(f"import {name}" for name in ["kiosk.deck", *_deck_modules()])
    assert _qt_modules_after(imports) == []


def test_validating_a_deck_with_icons_loads_no_qt() -> None:
    # The icon check reads qtawesome's charmaps from disk; it must not import qtawesome (or Qt).
    code = (
        "from kiosk.deck import load_deck\n"
        "from kiosk.deck.icons import icon_problem\n"
        f"load_deck(__import__('pathlib').Path({str(REPO / 'slides')!r}))\n"
        "assert icon_problem('fa6s.flsk') is not None\n"
    )
    assert _qt_modules_after(code) == []


def test_the_command_line_loads_qt_only_to_open_pictures() -> None:
    # `kiosk validate` opens pictures and lays text out as the player does (Qt, offscreen), but only
    # for a deck whose YAML is valid: a deck that fails to load, `kiosk schema` and the parser load no Qt.
    code = (
        "import contextlib, io, pathlib, tempfile\n"
        "from kiosk.cli import main\n"
        "broken = pathlib.Path(tempfile.mkdtemp()) / 'deck.yaml'\n"
        "broken.write_text('title: [unclosed\\n', encoding='utf-8')\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        "    assert main(['validate', str(broken)]) == 1\n"
        "    assert main(['schema']) == 0\n"
        "    assert main(['--version']) == 0\n"
    )
    assert _qt_modules_after(code) == []


def test_the_probe_does_see_qt_when_it_is_imported() -> None:
    # Guards the tests above against passing vacuously.
    assert "PySide6" in _qt_modules_after("import PySide6.QtCore")
