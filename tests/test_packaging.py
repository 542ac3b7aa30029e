"""The packaging files are well formed and agree with the app."""

from __future__ import annotations

import ast
import configparser

from kiosk.player.selfwatch import EXIT_RESTART
from tests.conftest import REPO

PACKAGING = REPO / "packaging"


def _ini(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((PACKAGING / name).read_text(encoding="utf-8"))
    return parser


def test_systemd_unit_restarts_on_failure_but_not_on_an_invalid_deck() -> None:
    unit = _ini("kiosk.service")
    service = unit["Service"]
    assert service["ExecStart"].endswith("kiosk run")
    assert service["Restart"] == "on-failure"
    assert set(service["RestartPreventExitStatus"].split()) == {"1", "2"}
    assert str(EXIT_RESTART) not in service["RestartPreventExitStatus"].split()
    assert unit["Install"]["WantedBy"]


def test_desktop_entry_runs_the_player() -> None:
    entry = _ini("kiosk.desktop")["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "kiosk"


def test_pyinstaller_spec_is_valid_python_that_bundles_the_deck() -> None:
    source = (PACKAGING / "kiosk.spec").read_text(encoding="utf-8")
    ast.parse(source)
    assert "slides" in source and "resources" in source and "qtawesome" in source
