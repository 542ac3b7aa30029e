"""The packaging files are well formed and agree with the app."""

from __future__ import annotations

import ast
import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.player.selfwatch import EXIT_RESTART
from tests.conftest import REPO

PACKAGING = REPO / "packaging"


def _ini(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((PACKAGING / name).read_text(encoding="utf-8"))
    return parser


def test_systemd_unit_restarts_on_failure_but_not_on_a_bad_command_line() -> None:
    unit = _ini("kiosk.service")
    service = unit["Service"]
    assert service["ExecStart"].endswith("kiosk run")
    assert service["Restart"] == "on-failure"
    # Under systemd an invalid deck plays the last good copy (or the setup screen): exit 1 does not happen.
    assert set(service["RestartPreventExitStatus"].split()) == {"2"}
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


def test_systemd_unit_waits_for_ready_and_watches_the_event_loop() -> None:
    service = _ini("kiosk.service")["Service"]
    assert service["Type"] == "notify", "started once the first slide is painted"
    assert service["NotifyAccess"] == "main"
    assert 0 < int(service["WatchdogSec"]) <= int(service["TimeoutStartSec"])
    assert service["Restart"] == "on-failure", "a watchdog timeout is a failure, restarted"


def test_fleet_units_run_the_swap_on_a_timer_and_the_player_plays_the_current_link() -> None:
    update = _ini("fleet/kiosk-update.service")["Service"]
    assert update["Type"] == "oneshot"
    assert update["ExecStart"].split()[0].endswith("/kiosk-swap.sh")
    assert update["ExecStart"].split()[-1] == "%h/decks"
    timer = _ini("fleet/kiosk-update.timer")
    assert timer["Timer"]["OnBootSec"] and timer["Timer"]["OnUnitInactiveSec"]
    assert timer["Install"]["WantedBy"] == "timers.target"
    drop_in = (PACKAGING / "fleet" / "kiosk-fleet.conf").read_text(encoding="utf-8").splitlines()
    exec_lines = [line for line in drop_in if line.startswith("ExecStart=")]
    assert exec_lines == ["ExecStart=", "ExecStart=/usr/bin/env kiosk run %h/decks/current"], "reset, then replaced"


def _with_exec_start(text: str, executable: str) -> str:
    """``text`` with each non-empty ExecStart= running ``executable`` (verify wants a program that exists)."""
    lines = []
    for line in text.splitlines():
        key, _, command = line.partition("=")
        if key == "ExecStart" and command:
            words = command.split()
            program = words[1] if words[0] == "/usr/bin/env" else words[0]
            rest = words[2:] if words[0] == "/usr/bin/env" else words[1:]
            line = "ExecStart=" + " ".join([executable if program == "kiosk" else program, *rest])
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_every_unit(tmp_path: Path) -> None:
    """``systemd-analyze verify --user`` on copies whose ExecStart points at this checkout's programs.

    It needs neither root nor a running systemd; it reports a misspelt key or value on stderr (and
    still exits 0), so stderr must stay empty.
    """
    kiosk_script = Path(sys.executable).with_name("kiosk")
    assert kiosk_script.is_file(), "the kiosk console script is installed beside the interpreter"
    units = tmp_path / "units"
    (units / "kiosk.service.d").mkdir(parents=True)
    (units / "kiosk.service").write_text(
        _with_exec_start((PACKAGING / "kiosk.service").read_text(encoding="utf-8"), str(kiosk_script)), "utf-8"
    )
    (units / "kiosk.service.d" / "fleet.conf").write_text(
        _with_exec_start((PACKAGING / "fleet" / "kiosk-fleet.conf").read_text(encoding="utf-8"), str(kiosk_script)),
        "utf-8",
    )
    update = (PACKAGING / "fleet" / "kiosk-update.service").read_text(encoding="utf-8")
    swap_script = str(PACKAGING / "fleet" / "kiosk-swap.sh")
    (units / "kiosk-update.service").write_text(update.replace("%h/.local/bin/kiosk-swap.sh", swap_script), "utf-8")
    shutil.copy(PACKAGING / "fleet" / "kiosk-update.timer", units)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    names = ["kiosk.service", "kiosk-update.service", "kiosk-update.timer"]
    result = subprocess.run(
        ["systemd-analyze", "verify", "--user", *names], cwd=units, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
@pytest.mark.parametrize("script", ["kiosk-swap.sh", "publish.sh"])
def test_fleet_scripts_pass_shellcheck(script: str) -> None:
    path = PACKAGING / "fleet" / script
    assert os.access(path, os.X_OK), f"{script} is executable"
    result = subprocess.run(["shellcheck", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout


def test_the_cage_unit_boots_into_the_deck_without_a_way_to_another_console() -> None:
    service = _ini("kiosk-cage.service")
    run = service["Service"]
    command = run["ExecStart"].split()
    assert command[0] == "/usr/bin/cage" and "-s" not in command[: command.index("--")], "no VT switching"
    assert command[command.index("--") + 1].endswith("/kiosk") and command[-2:] == ["run", "/home/kiosk/decks/current"]
    assert run["Type"] == "notify" and run["NotifyAccess"] == "all", "the player is cage's child"
    assert run["WatchdogSec"] and run["PAMName"] == "kiosk-cage" and run["TTYPath"] == "/dev/tty1"
    assert "2" in run["RestartPreventExitStatus"].split() and run["Restart"] == "on-failure"
    assert service["Unit"]["Conflicts"] == "getty@tty1.service"
    pam = (PACKAGING / "kiosk-cage.pam").read_text(encoding="utf-8")
    assert "pam_systemd.so" in pam


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_the_cage_unit(tmp_path: Path) -> None:
    """``systemd-analyze verify`` (system mode) on a copy whose compositor is a program that exists here."""
    text = (PACKAGING / "kiosk-cage.service").read_text(encoding="utf-8")
    stand_in = shutil.which("true")
    assert stand_in is not None
    (tmp_path / "kiosk-cage.service").write_text(text.replace("/usr/bin/cage", stand_in), "utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", "./kiosk-cage.service"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
