"""Memory self-watch through the real wiring: a process over its ceiling restarts (75) only under a service manager."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kiosk.deck.fields import KIOSK_FIELDS
from kiosk.player.selfwatch import EXIT_RESTART
from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

SUPERVISION_VARIABLES = ("KIOSK_SUPERVISED", "INVOCATION_ID")


def lowest_memory_limit() -> float:
    """The smallest ``kiosk.memory_limit_mib`` the deck format accepts."""
    (spec,) = [field for field in KIOSK_FIELDS if field.key == "memory_limit_mib"]
    assert spec.minimum is not None
    return spec.minimum


@pytest.fixture
def small_ceiling_deck(tmp_path: Path) -> Path:
    """A two-slide deck whose memory ceiling is the lowest allowed, below what any Qt player uses."""
    folder = tmp_path / "deck"
    (folder / "themes").mkdir(parents=True)
    (folder / "deck.yaml").write_text(
        f"title: Ceiling\nkiosk:\n  memory_limit_mib: {lowest_memory_limit():g}\nthemes: [themes/t.yaml]\n",
        encoding="utf-8",
    )
    (folder / "themes" / "t.yaml").write_text(
        "id: t\ntitle: T\nslides:\n"
        "  - {kind: statement, heading: One, body: First.}\n"
        "  - {kind: statement, heading: Two, body: Second.}\n",
        encoding="utf-8",
    )
    return folder


def run_player(tmp_path: Path, deck: Path, exit_after: float, **environ: str) -> subprocess.CompletedProcess[str]:
    """``kiosk run DECK --windowed --autoplay --exit-after S`` with no service manager in sight but ``environ``."""
    env = kiosk_env(tmp_path)
    for name in SUPERVISION_VARIABLES:
        env.pop(name, None)
    env.update(environ)
    args = ["run", str(deck), "--windowed", "--autoplay", "--exit-after", f"{exit_after:g}"]
    return subprocess.run(kiosk(*args), env=env, cwd=REPO, capture_output=True, text=True, timeout=60)


def test_supervised_over_the_ceiling_restarts_at_the_first_autoplay(small_ceiling_deck: Path, tmp_path: Path) -> None:
    # GIVEN a ceiling below what the app uses, under a service manager
    # WHEN the player starts in auto-play (and would otherwise run for 20 s)
    result = run_player(tmp_path, small_ceiling_deck, exit_after=20, KIOSK_SUPERVISED="1")
    # THEN it exits at once with the code that asks the service manager for a restart
    assert result.returncode == EXIT_RESTART == 75, result.stderr
    assert "restarting to release memory" in result.stderr
    assert "nobody around: playing the deck" not in result.stderr, "auto-play does not start before the restart"
    assert "Traceback" not in result.stderr


def test_unsupervised_over_the_ceiling_only_warns_and_plays_on(small_ceiling_deck: Path, tmp_path: Path) -> None:
    # GIVEN the same ceiling, but no KIOSK_SUPERVISED and no INVOCATION_ID: nobody would restart the app
    result = run_player(tmp_path, small_ceiling_deck, exit_after=3)
    # THEN it says so, plays, and exits cleanly at --exit-after
    assert result.returncode == 0, result.stderr
    assert "above the ceiling" in result.stderr and "no service manager to restart it" in result.stderr
    assert "nobody around: playing the deck" in result.stderr
    assert "restarting to release memory" not in result.stderr
    assert "Traceback" not in result.stderr
