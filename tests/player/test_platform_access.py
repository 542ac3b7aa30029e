"""The platform's reduced-motion setting as each desktop keeps it, read with the desktop faked.

GNOME (gsettings) and macOS (defaults) answer through a program, faked here with ``subprocess.run``;
Windows answers through ``SystemParametersInfoW``, faked with a ``user32`` that fills in its answer.
A `kiosk run` with a fake gsettings on PATH shows the whole way, from the program to the log.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.player.platform_access import SPI_GETCLIENTAREAANIMATION, MotionSetting, read_reduced_motion
from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env
from tests.test_other_platforms import Tripwire


class FakeProgram:
    """``subprocess.run`` answering as gsettings or defaults would, recording each command and its timeout."""

    def __init__(self, stdout: str = "", returncode: int = 0, raises: Exception | None = None) -> None:
        self.stdout, self.returncode, self.raises = stdout, returncode, raises
        self.calls: list[tuple[list[str], float | None]] = []

    def __call__(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append((command, kwargs.get("timeout")))
        if self.raises is not None:
            raise self.raises
        return subprocess.CompletedProcess(command, self.returncode, self.stdout, "")


@pytest.fixture
def on(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``on(platform, program)``: pretend to run on ``platform`` with its settings program answering as ``program``."""

    def pretend(platform: str, program: FakeProgram | None) -> None:
        monkeypatch.setattr(sys, "platform", platform)
        monkeypatch.setattr("shutil.which", lambda name: None if program is None else f"/usr/bin/{name}")
        monkeypatch.setattr(subprocess, "run", program if program is not None else Tripwire("subprocess.run"))

    return pretend


@pytest.mark.parametrize(
    ("answer", "reduced"), [("false\n", True), ("true\n", False)], ids=["animations off", "animations on"]
)
def test_on_gnome_animations_off_means_reduced_motion(on: Any, answer: str, reduced: bool) -> None:
    gsettings = FakeProgram(answer)
    on("linux", gsettings)

    setting = read_reduced_motion()

    assert setting == MotionSetting(reduced, f"GNOME enable-animations {answer.strip()}")
    command, timeout = gsettings.calls[0]
    assert command == ["/usr/bin/gsettings", "get", "org.gnome.desktop.interface", "enable-animations"]
    assert timeout is not None and timeout <= 2


@pytest.mark.parametrize(
    "program",
    [
        pytest.param(None, id="no gsettings"),
        pytest.param(FakeProgram("", returncode=1), id="no such schema"),
        pytest.param(FakeProgram(raises=subprocess.TimeoutExpired("gsettings", 2)), id="gsettings hangs"),
    ],
)
def test_on_linux_without_an_answer_the_setting_is_unknown_and_nothing_raises(
    on: Any, program: FakeProgram | None
) -> None:
    on("linux", program)
    assert read_reduced_motion().reduced is None


@pytest.mark.parametrize(("animations", "reduced"), [(0, True), (1, False)], ids=["animations off", "animations on"])
def test_on_windows_client_area_animation_off_means_reduced_motion_and_no_program_runs(
    on: Any, monkeypatch: pytest.MonkeyPatch, animations: int, reduced: bool
) -> None:
    asked: list[int] = []

    class User32:
        @staticmethod
        def SystemParametersInfoW(action: int, _param: int, answer: Any, _flags: int) -> int:  # noqa: N802
            asked.append(action)
            answer._obj.value = animations  # what Windows writes into the BOOL it is given
            return 1

    monkeypatch.setattr(ctypes, "WinDLL", lambda name: User32() if name == "user32" else None, raising=False)
    on("win32", None)

    assert read_reduced_motion().reduced is reduced
    assert asked == [SPI_GETCLIENTAREAANIMATION]


@pytest.mark.parametrize(
    ("program", "reduced"),
    [
        pytest.param(FakeProgram("1\n"), True, id="reduce motion on"),
        pytest.param(FakeProgram("0\n"), False, id="reduce motion off"),
        pytest.param(FakeProgram("", returncode=1), False, id="never set"),
    ],
)
def test_on_macos_reduce_motion_is_read_with_defaults(on: Any, program: FakeProgram, reduced: bool) -> None:
    on("darwin", program)

    assert read_reduced_motion().reduced is reduced
    command, timeout = program.calls[0]
    assert command == ["/usr/bin/defaults", "read", "com.apple.universalaccess", "reduceMotion"]
    assert timeout is not None and timeout <= 2


def test_kiosk_run_follows_gnome_animations_off_after_its_first_frame(bundled_deck: Path, tmp_path: Path) -> None:
    # GIVEN a desktop where GNOME's animations are off (a gsettings that says so, first on PATH)
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    gsettings = bin_folder / "gsettings"
    gsettings.write_text('#!/bin/sh\necho "$@" >> "$(dirname "$0")/asked"\necho false\n', encoding="utf-8")
    gsettings.chmod(0o755)
    env = kiosk_env(tmp_path)
    env["PATH"] = f"{bin_folder}:{env.get('PATH', '')}"

    # WHEN the kiosk runs for a moment
    done = subprocess.run(
        kiosk("run", str(bundled_deck), "--windowed", "--exit-after", "3"),
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )

    # THEN it asked gsettings once and played with reduced motion, and the log says why
    assert done.returncode == 0, done.stderr
    assert (bin_folder / "asked").read_text(encoding="utf-8") == "get org.gnome.desktop.interface enable-animations\n"
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "the platform asks for reduced motion (GNOME enable-animations false): no counting, no sliding" in log
    assert log.index("the platform asks for reduced motion") > log.index("playing ")
