"""Fleet updates: the real publish.sh and kiosk-swap.sh on temporary folders, and a player following the swaps.

The scripts run with bash as the kiosk-update timer runs them, validating with this
checkout's ``kiosk`` (the console script beside the interpreter, first on PATH).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import build_player
from kiosk.core.navigator import HOME
from kiosk.deck import load_deck
from tests.conftest import REPO
from tests.ui.conftest import player_args

FLEET = REPO / "packaging" / "fleet"
SWAP = FLEET / "kiosk-swap.sh"
PUBLISH = FLEET / "publish.sh"
SHOWN_WITHIN_MS = 2000
"""A swapped deck is on screen this soon: the reloader's settle time plus loading a small deck."""


def write_deck(folder: Path, title: str, themes: dict[str, list[str]] | None = None) -> Path:
    """A valid deck titled ``title``; ``themes`` maps theme ids to slide headings."""
    themes = themes or {"alpha": ["A1", "A2"], "beta": ["B1"]}
    (folder / "themes").mkdir(parents=True, exist_ok=True)
    listed = "".join(f"  - themes/{theme_id}.yaml\n" for theme_id in themes)
    (folder / "deck.yaml").write_text(f"title: {title}\nthemes:\n{listed}", encoding="utf-8")
    for theme_id, headings in themes.items():
        lines = [f"id: {theme_id}", f"title: Theme {theme_id}", "slides:"]
        lines += [f"  - {{kind: statement, heading: {heading}, body: Body.}}" for heading in headings]
        (folder / "themes" / f"{theme_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def deliver(decks: Path, title: str, themes: dict[str, list[str]] | None = None) -> Path:
    """Put a deck into ``decks/incoming`` as rsync leaves it (old files gone)."""
    incoming = decks / "incoming"
    if incoming.exists():
        subprocess.run(["rm", "-rf", str(incoming)], check=True)
    return write_deck(incoming, title, themes)


def fleet_env() -> dict[str, str]:
    """This checkout's kiosk first on PATH; JOURNAL_STREAM keeps the script's messages out of the host's syslog."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["JOURNAL_STREAM"] = "0:0"
    env.pop("KIOSK", None)
    env.pop("KIOSK_KEEP", None)
    return env


def swap(decks: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run kiosk-swap.sh on ``decks`` to its end."""
    command = ["bash", str(SWAP), *args, str(decks)]
    return subprocess.run(command, env=fleet_env(), capture_output=True, text=True, timeout=120)


def versions(decks: Path) -> list[str]:
    """The installed version folders, oldest first."""
    return sorted(p.name for p in decks.iterdir() if p.is_dir() and re.fullmatch(r"\d{8}T[\d.]+Z-[0-9a-f]{12}", p.name))


def shown_title(decks: Path) -> str:
    """The title of the deck ``current`` leads to."""
    return load_deck(decks / "current").require().title.get("en", "en")


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    return folder


# -- kiosk-swap.sh -----------------------------------------------------------------------------


def test_a_valid_deck_becomes_current_through_a_symlink_to_its_version(decks: Path) -> None:
    deliver(decks, "Version one")
    result = swap(decks)
    assert result.returncode == 0, result.stderr
    current = decks / "current"
    assert current.is_symlink(), "current is a link, so that one rename swaps it"
    (version,) = versions(decks)
    assert os.readlink(current) == version
    assert shown_title(decks) == "Version one"
    assert f"now showing {version}" in result.stderr
    assert not list(decks.glob("current.new")) and not list(decks.glob(".*.partial"))


def test_the_same_deck_delivered_again_installs_nothing(decks: Path) -> None:
    deliver(decks, "Version one")
    assert swap(decks).returncode == 0
    before = versions(decks)
    result = swap(decks)
    assert result.returncode == 0, result.stderr
    assert versions(decks) == before
    assert "already on screen" in result.stderr


def test_an_invalid_deck_leaves_current_and_logs_the_validation_lines(decks: Path) -> None:
    deliver(decks, "Version one")
    assert swap(decks).returncode == 0
    before = os.readlink(decks / "current")
    incoming = deliver(decks, "Version two")
    beta = incoming / "themes" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("heading: B1", "heading: B1, colour: red"), "utf-8")

    result = swap(decks)

    assert result.returncode == 1, result.stderr
    assert os.readlink(decks / "current") == before
    assert shown_title(decks) == "Version one"
    assert versions(decks) == [before], "the rejected copy is removed"
    assert f"is invalid; {before} stays on screen" in result.stderr
    assert re.search(r"^kiosk-swap: themes/beta\.yaml:4:\d+: error: unknown key 'colour'", result.stderr, re.M), (
        result.stderr
    )


def test_a_half_copied_deck_missing_a_theme_file_never_becomes_current(decks: Path) -> None:
    # GIVEN the first deck arriving, cut off before its second theme file
    incoming = deliver(decks, "Version one")
    (incoming / "themes" / "beta.yaml").unlink()
    # WHEN the timer runs the swap
    result = swap(decks)
    # THEN nothing is installed
    assert result.returncode == 1, result.stderr
    assert not (decks / "current").exists() and not (decks / "current").is_symlink()
    assert versions(decks) == []
    assert re.search(r"^kiosk-swap: deck\.yaml:\d+:\d+: error: .*themes/beta\.yaml", result.stderr, re.M), result.stderr

    # AND once the copy completes, the next run installs it
    write_deck(incoming, "Version one")
    assert swap(decks).returncode == 0
    assert shown_title(decks) == "Version one"


def test_old_versions_beyond_the_last_three_are_pruned(decks: Path) -> None:
    installed = []
    for number in range(1, 6):
        deliver(decks, f"Version {number}")
        result = swap(decks)
        assert result.returncode == 0, result.stderr
        installed.append(os.readlink(decks / "current"))
    assert versions(decks) == installed[-3:]
    assert os.readlink(decks / "current") == installed[-1]
    assert shown_title(decks) == "Version 5"


def test_with_git_the_clone_is_pulled_fast_forward_then_swapped(tmp_path: Path, decks: Path) -> None:
    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=git_env)

    git_env = dict(
        os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t"
    )
    origin, desk = tmp_path / "origin.git", tmp_path / "desk"
    git("init", "--quiet", "--bare", str(origin), cwd=tmp_path)
    git("clone", "--quiet", str(origin), str(desk), cwd=tmp_path)
    write_deck(desk, "From git one")
    git("add", "-A", cwd=desk)
    git("commit", "--quiet", "-m", "one", cwd=desk)
    git("push", "--quiet", "origin", "HEAD", cwd=desk)
    git("clone", "--quiet", str(origin), str(decks / "repo"), cwd=tmp_path)

    write_deck(desk, "From git two")
    git("commit", "--quiet", "-am", "two", cwd=desk)
    git("push", "--quiet", "origin", "HEAD", cwd=desk)
    result = swap(decks, "--git")

    assert result.returncode == 0, result.stderr
    assert shown_title(decks) == "From git two", "pulled before the swap"
    assert not (decks / "current" / ".git").exists(), "the version holds the deck, not the repository"


# -- publish.sh --------------------------------------------------------------------------------


@pytest.fixture
def fake_ssh(tmp_path: Path) -> Path:
    """An ssh stand-in for rsync: runs the remote command in ``homes/<host>``, as ssh runs it in the home folder."""
    script = tmp_path / "fake-ssh"
    script.write_text(
        "#!/usr/bin/env bash\n"
        'user=""\n'
        'if [[ $1 == -l ]]; then user="$2@"; shift 2; fi\n'  # rsync passes user@host as -l user host
        'home="$FAKE_HOMES/$user$1"\n'
        "shift\n"
        'mkdir -p "$home" && cd "$home" && exec sh -c "$*"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


@pytest.mark.skipif(subprocess.run(["which", "rsync"], capture_output=True).returncode != 0, reason="no rsync")
def test_publish_validates_then_sends_to_every_host_and_each_kiosk_swaps_it_in(tmp_path: Path, fake_ssh: Path) -> None:
    homes = tmp_path / "homes"
    hosts = tmp_path / "hosts"
    hosts.write_text("# lobby\nkiosk@lobby\n\nkiosk@hall  # the hall\n", encoding="utf-8")
    env = dict(fleet_env(), RSYNC_RSH=str(fake_ssh), FAKE_HOMES=str(homes))
    deck = write_deck(tmp_path / "deck", "Published")

    # GIVEN an invalid deck: nothing is sent
    broken = write_deck(tmp_path / "broken", "Broken")
    (broken / "themes" / "beta.yaml").unlink()
    result = subprocess.run(["bash", str(PUBLISH), str(broken), str(hosts)], env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "nothing was published" in result.stderr
    assert not homes.exists()

    # WHEN a valid deck is published
    result = subprocess.run(["bash", str(PUBLISH), str(deck), str(hosts)], env=env, capture_output=True, text=True)

    # THEN it lands in decks/incoming of both hosts, and each one's swap installs it
    assert result.returncode == 0, result.stderr
    for host in ("kiosk@lobby", "kiosk@hall"):
        kiosk_decks = homes / host / "decks"
        assert (kiosk_decks / "incoming" / "themes" / "beta.yaml").is_file()
        assert swap(kiosk_decks).returncode == 0
        assert shown_title(kiosk_decks) == "Published"


# -- a running player ----------------------------------------------------------------------------


@pytest.fixture
def player_on_current(qtbot: Any, decks: Path) -> Iterator[Any]:
    """A shown windowed player on ``decks/current``, built as ``kiosk run ~/decks/current`` builds it."""
    deliver(decks, "Version one")
    assert swap(decks).returncode == 0
    deck_path = decks / "current"
    player = build_player(load_deck(deck_path).require(), player_args(), deck_path=deck_path)
    assert player.reloader is not None
    qtbot.addWidget(player.window)
    player.window.resize(1280, 720)
    player.window.show()
    qtbot.waitExposed(player.window)
    player.loaded = []
    player.rejected = []
    player.reloader.deck_loaded.connect(lambda deck: player.loaded.append(deck.title.get("en", "en")))
    player.reloader.deck_rejected.connect(player.rejected.append)
    yield player
    player.window.stage.overlay.finish_now()


def on_screen(player: Any) -> list[str]:
    return player.window.stage.current_view().visible_texts()


def test_a_running_player_shows_each_swapped_version_and_never_an_invalid_one(
    qtbot: Any, decks: Path, player_on_current: Any
) -> None:
    player = player_on_current
    assert player.controller.position == HOME
    assert "Version one" in on_screen(player)

    # WHEN a new version is swapped in under the running player
    deliver(decks, "Version two")
    assert swap(decks).returncode == 0
    # THEN its title is on screen within two seconds
    qtbot.waitUntil(lambda: "Version two" in on_screen(player), timeout=SHOWN_WITHIN_MS)

    # WHEN an invalid version arrives, and after it a valid one
    incoming = deliver(decks, "Invalid version")
    (incoming / "themes" / "alpha.yaml").unlink()
    assert swap(decks).returncode == 1
    deliver(decks, "Version three")
    assert swap(decks).returncode == 0
    qtbot.waitUntil(lambda: "Version three" in on_screen(player), timeout=SHOWN_WITHIN_MS)

    # THEN the player went from one valid version to the next; the invalid one never reached it
    assert player.loaded == ["Version two", "Version three"]
    assert player.rejected == []
