"""The built appliance: packaging/build.sh makes a one-folder app that validates, renders and plays on its own.

Runs only where PyInstaller is installed (a build takes about 15 s on two cores); skipped elsewhere.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.deck import load_deck
from tests.conftest import REPO
from tests.test_cli_run import kiosk_env

pytestmark = pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="needs PyInstaller")

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The built program, and how ``packaging/build.sh`` went."""
    folder = tmp_path_factory.mktemp("build")
    environment = kiosk_env(folder)
    environment.update(KIOSK_DIST_DIR=str(folder / "dist"), KIOSK_BUILD_DIR=str(folder / "work"), PYTHON=sys.executable)
    done = subprocess.run(
        ["bash", str(REPO / "packaging" / "build.sh")],
        env=environment,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return folder / "dist" / "kiosk" / "kiosk", done


def run_built(program: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The built program with ARGS, offscreen, with no display and throw-away folders, from another folder."""
    environment = kiosk_env(tmp_path)
    environment.update(KIOSK_DATA_DIR=str(tmp_path / "data"))
    for name in DISPLAY_VARIABLES:
        environment.pop(name, None)
    return subprocess.run(
        [str(program), *args], env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def test_the_build_script_builds_and_checks_the_program(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    program, done = built
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the built program validates, renders and plays the bundled deck" in done.stdout
    assert program.is_file()


def test_the_built_program_carries_the_bundled_deck_and_renders_it(
    built: tuple[Path, subprocess.CompletedProcess[str]], bundled_deck: Path, tmp_path: Path
) -> None:
    program, _ = built
    slides = load_deck(bundled_deck).require().slide_count

    validated = run_built(program, tmp_path, "validate")
    assert validated.returncode == 0, validated.stderr
    assert f"valid: 4 themes, {slides} slides" in validated.stdout

    rendered = run_built(program, tmp_path, "render", "--out", str(tmp_path / "png"), "--size", "640x360")
    assert rendered.returncode == 0, rendered.stderr
    assert len(list((tmp_path / "png").glob("*.png"))) == slides


def test_the_built_program_plays_and_passes_the_doctor(
    built: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    program, _ = built
    played = run_built(program, tmp_path, "run", "--windowed", "--exit-after", "1")
    assert played.returncode == 0, played.stderr
    assert (tmp_path / "logs" / "kiosk.log").is_file()

    checked = run_built(program, tmp_path, "doctor")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert [line.split()[:2] for line in checked.stdout.splitlines()][2:4] == [["OK", "images"], ["OK", "fonts"]]
