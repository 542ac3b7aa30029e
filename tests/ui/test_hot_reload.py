"""Hot reload of a running player: the deck folder is edited while it plays, as an operator does it.

The deck is written as YAML text (so that the lines of the error messages are
known) into ``tmp_path``; the player is built with ``deck_path=`` as ``kiosk run``
builds it, which attaches a DeckReloader. Tests marked "watcher" rely on the file
system watcher and the settle timer alone: the 5 s rescan is pushed out of reach.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import build_player
from kiosk.core.navigator import HOME, Position
from kiosk.deck import load_deck
from kiosk.player import reload as reload_module
from kiosk.player.controller import Motion
from tests.ui.conftest import player_args
from tests.ui.helpers import settle

P = Position
SIZE = (1280, 720)
WAIT_MS = 4000
"""Longer than the 500 ms settle time with room for a slow machine; shorter than the 5 s rescan."""

DECK_YAML = "title: Reload deck\nthemes:\n  - themes/alpha.yaml\n  - themes/beta.yaml\n"


def theme_yaml(theme_id: str, headings: list[str]) -> str:
    """A theme of statement slides; slide ``i`` (0-based) has its heading on line ``5 + 3 * i``."""
    lines = [f"id: {theme_id}", f"title: Theme {theme_id}", "slides:"]
    for heading in headings:
        lines += ["  - kind: statement", f"    heading: {heading}", f"    body: Body of {heading}"]
    return "\n".join(lines) + "\n"


def write_deck(folder: Path, beta: list[str] | None = None, deck_yaml: str = DECK_YAML) -> Path:
    (folder / "themes").mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(deck_yaml, encoding="utf-8")
    (folder / "themes" / "alpha.yaml").write_text(theme_yaml("alpha", ["A1", "A2"]), encoding="utf-8")
    (folder / "themes" / "beta.yaml").write_text(theme_yaml("beta", beta or ["B1", "B2", "B3"]), encoding="utf-8")
    return folder


@pytest.fixture
def watcher_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Push the periodic rescan out of reach: only the watcher and the settle timer can reload."""
    monkeypatch.setattr(reload_module, "RESCAN_MS", 10**9)


@pytest.fixture
def reloading_player(qtbot: Any) -> Iterator[Callable[[Path], Any]]:
    """``reloading_player(deck_path)``: a shown windowed player whose deck reloads from ``deck_path``, its files
    watched (from the first frame on)."""
    made: list[Any] = []

    def factory(deck_path: Path) -> Any:
        deck = load_deck(deck_path).require()
        player = build_player(deck, player_args(), deck_path=deck_path)
        assert player.reloader is not None
        window = player.window
        qtbot.addWidget(window)
        window.stage.time_scale = 0.1
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(player.reloader.is_watching)
        player.loaded = []
        player.rejected = []
        player.reloader.deck_loaded.connect(player.loaded.append)
        player.reloader.deck_rejected.connect(player.rejected.append)
        player.built_at = time.monotonic()
        made.append(player)
        return player

    yield factory
    for player in made:
        player.window.stage.overlay.finish_now()


def on_screen(player: Any) -> list[str]:
    return player.window.stage.current_view().visible_texts()


def go(qtbot: Any, player: Any, position: Position) -> None:
    player.controller.go_to(position, Motion.CUT)
    settle(qtbot, player.window.stage)
    assert player.controller.position == position


def theme_id(player: Any) -> str | None:
    position = player.controller.position
    return None if position.theme is None else player.controller.deck.themes[position.theme].id


def edit(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` in place (the file keeps its inode, as ``echo >`` does)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# -- valid edits -------------------------------------------------------------------------


def test_a_valid_edit_reloads_through_the_watcher_and_keeps_the_position(
    qtbot: Any, tmp_path: Path, reloading_player: Any, watcher_only: None
) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    assert "B2" in on_screen(player)

    edited = time.monotonic()
    edit(folder / "themes" / "beta.yaml", "heading: B2", "heading: B2 edited")
    qtbot.waitUntil(lambda: "B2 edited" in on_screen(player), timeout=WAIT_MS)

    took = time.monotonic() - edited
    assert took >= reload_module.SETTLE_MS / 1000 - 0.05, "the reload waited for the edit to settle"
    assert len(player.loaded) == 1 and not player.rejected
    assert player.controller.position == P(1, 1) and theme_id(player) == "beta"
    assert player.controller.deck is player.loaded[0]
    assert "B2" not in on_screen(player)


def test_the_position_follows_the_theme_by_id_when_themes_are_reordered(
    qtbot: Any, tmp_path: Path, reloading_player: Any
) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 2))
    (folder / "deck.yaml").write_text(
        "title: Reload deck\nthemes:\n  - themes/beta.yaml\n  - themes/alpha.yaml\n", encoding="utf-8"
    )
    assert player.reloader.reload_if_changed() is not None
    settle(qtbot, player.window.stage)
    assert player.controller.position == P(0, 2), "beta is first now; still its third slide"
    assert theme_id(player) == "beta"
    assert "B3" in on_screen(player)


def test_a_slide_that_is_gone_leaves_the_visitor_on_the_last_slide_of_the_theme(
    qtbot: Any, tmp_path: Path, reloading_player: Any
) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 2))
    (folder / "themes" / "beta.yaml").write_text(theme_yaml("beta", ["B1 new"]), encoding="utf-8")
    player.reloader.reload_if_changed()
    settle(qtbot, player.window.stage)
    assert player.controller.position == P(1, 0)
    assert "B1 new" in on_screen(player)


def test_a_theme_that_is_gone_sends_the_visitor_home(qtbot: Any, tmp_path: Path, reloading_player: Any) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    (folder / "deck.yaml").write_text("title: Reload deck\nthemes:\n  - themes/alpha.yaml\n", encoding="utf-8")
    with qtbot.captureExceptions():  # the navigation bar raises on the way (see the next test)
        player.reloader.reload_if_changed()
        settle(qtbot, player.window.stage)
    assert player.controller.position == HOME
    assert on_screen(player) == ["Reload deck", "Theme alpha"]
    assert player.window.navbar.dots.count == 0, "the bar shows no theme's dots on the home screen"


@pytest.mark.parametrize("themes", [["alpha"], ["beta"]], ids=["the-current-theme-removed", "an-earlier-theme-removed"])
def test_removing_a_theme_while_a_later_theme_shows_raises_nothing(
    qtbot: Any, tmp_path: Path, reloading_player: Any, themes: list[str]
) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    listed = "".join(f"  - themes/{name}.yaml\n" for name in themes)
    (folder / "deck.yaml").write_text(f"title: Reload deck\nthemes:\n{listed}", encoding="utf-8")
    with qtbot.captureExceptions() as exceptions:
        assert player.reloader.reload_if_changed().deck is not None
        settle(qtbot, player.window.stage)
    assert [str(value) for _, value, _ in exceptions] == []


def test_nothing_changed_means_no_reload(tmp_path: Path, reloading_player: Any) -> None:
    player = reloading_player(write_deck(tmp_path / "deck"))
    assert player.reloader.reload_if_changed() is None
    assert player.loaded == []


def test_a_valid_edit_with_warnings_reloads(
    qtbot: Any, tmp_path: Path, reloading_player: Any, caplog: Any, watcher_only: None
) -> None:
    """Warnings (here a heading without its French text) are for the operator; the deck still plays."""
    deck_yaml = DECK_YAML.replace("title: Reload deck\n", "title: Reload deck\nlanguages: [en, fr]\n")
    folder = write_deck(tmp_path / "deck", deck_yaml=deck_yaml)
    assert not load_deck(folder).warnings
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    caplog.set_level(logging.WARNING, logger="kiosk.player.reload")

    edit(folder / "themes" / "beta.yaml", "heading: B2", "heading: {en: B2 in English only}")
    edited = load_deck(folder)
    assert edited.deck is not None and [str(w) for w in edited.warnings] == [
        "themes/beta.yaml:8:14: warning: 'heading' has no 'fr' translation; it falls back to 'en'"
    ]
    qtbot.waitUntil(lambda: "B2 in English only" in on_screen(player), timeout=WAIT_MS)

    assert len(player.loaded) == 1 and not player.rejected
    assert player.controller.position == P(1, 1)
    assert any("'heading' has no 'fr' translation" in r.getMessage() for r in caplog.records), "logged for the operator"


# -- invalid edits -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("heading: B2", "heading: [B2", r"themes/beta\.yaml:9:\d+: error: not valid YAML"),
        ("heading: B2", "heading: B2\n    colour: red", r"themes/beta\.yaml:9:5: error: unknown key 'colour'"),
        ("id: beta", "id: Beta Theme", r"themes/beta\.yaml:1:\d+: error: "),
    ],
    ids=["broken-yaml", "unknown-key", "bad-id"],
)
def test_an_invalid_edit_is_rejected_and_the_old_deck_stays(
    qtbot: Any, tmp_path: Path, reloading_player: Any, caplog: Any, old: str, new: str, where: str
) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    before, deck = on_screen(player), player.controller.deck
    caplog.set_level(logging.INFO, logger="kiosk.player.reload")

    edit(folder / "themes" / "beta.yaml", old, new)
    result = player.reloader.reload_if_changed()

    assert result is not None and result.deck is None
    assert player.rejected == [result] and player.loaded == []
    QApplication.processEvents()
    assert player.controller.deck is deck
    assert player.controller.position == P(1, 1)
    assert on_screen(player) == before
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("still showing the last good deck" in message for message in errors)
    assert any(re.search(where, message) for message in errors), errors


def test_a_fix_after_a_rejected_edit_reloads(qtbot: Any, tmp_path: Path, reloading_player: Any) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    beta = folder / "themes" / "beta.yaml"
    edit(beta, "heading: B2", "heading: [B2")
    player.reloader.reload_if_changed()
    assert len(player.rejected) == 1
    edit(beta, "heading: [B2", "heading: B2 fixed")
    player.reloader.reload_if_changed()
    settle(qtbot, player.window.stage)
    assert len(player.loaded) == 1
    assert "B2 fixed" in on_screen(player)
    assert player.controller.position == P(1, 1)


def test_an_invalid_edit_seen_by_the_watcher_is_rejected(
    qtbot: Any, tmp_path: Path, reloading_player: Any, caplog: Any, watcher_only: None
) -> None:
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 1))
    before = on_screen(player)
    caplog.set_level(logging.ERROR, logger="kiosk.player.reload")
    edit(folder / "themes" / "beta.yaml", "heading: B2", "heading: B2\n    colour: red")
    qtbot.waitUntil(lambda: len(player.rejected) == 1, timeout=WAIT_MS)
    assert on_screen(player) == before
    assert any(re.search(r"themes/beta\.yaml:9:5: error: ", r.getMessage()) for r in caplog.records)


# -- how editors and deploy scripts write -----------------------------------------------------


def test_delete_and_recreate_of_a_theme_file_reloads(
    qtbot: Any, tmp_path: Path, reloading_player: Any, watcher_only: None
) -> None:
    """Editors that save by deleting the file and writing a new one: the watch on the old file is gone."""
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 0))
    beta = folder / "themes" / "beta.yaml"
    beta.unlink()
    beta.write_text(theme_yaml("beta", ["B1 recreated", "B2", "B3"]), encoding="utf-8")
    qtbot.waitUntil(lambda: "B1 recreated" in on_screen(player), timeout=WAIT_MS)
    assert len(player.loaded) == 1 and not player.rejected
    assert player.controller.position == P(1, 0)

    # AND the new file is watched in turn: a second edit in place is seen too
    edit(beta, "B1 recreated", "B1 again")
    qtbot.waitUntil(lambda: "B1 again" in on_screen(player), timeout=WAIT_MS)
    assert len(player.loaded) == 2


def test_a_write_to_a_temporary_file_renamed_over_the_theme_reloads(
    qtbot: Any, tmp_path: Path, reloading_player: Any, watcher_only: None
) -> None:
    """Editors that save atomically: write beside the file, then rename over it."""
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 0))
    temporary = folder / "themes" / ".beta.yaml.swp"
    temporary.write_text(theme_yaml("beta", ["B1 renamed", "B2", "B3"]), encoding="utf-8")
    os.replace(temporary, folder / "themes" / "beta.yaml")
    qtbot.waitUntil(lambda: "B1 renamed" in on_screen(player), timeout=WAIT_MS)
    assert len(player.loaded) == 1 and not player.rejected


def test_a_symlink_swapped_to_a_new_folder_reloads_its_content(
    qtbot: Any, tmp_path: Path, reloading_player: Any
) -> None:
    """A deploy script: ``current -> v1`` replaced atomically by ``current -> v2``."""
    write_deck(tmp_path / "v1")
    write_deck(tmp_path / "v2", beta=["B1 of v2", "B2 of v2", "B3 of v2"])
    current = tmp_path / "current"
    current.symlink_to("v1", target_is_directory=True)
    player = reloading_player(current)
    go(qtbot, player, P(1, 1))
    assert "B2" in on_screen(player)

    swap = tmp_path / "current.new"
    swap.symlink_to("v2", target_is_directory=True)
    os.replace(swap, current)
    assert current.resolve() == (tmp_path / "v2").resolve()

    # The watcher sees the link change in the parent folder; the rescan would find it as well.
    qtbot.waitUntil(lambda: "B2 of v2" in on_screen(player), timeout=reload_module.RESCAN_MS + WAIT_MS)
    assert len(player.loaded) == 1 and not player.rejected
    assert player.controller.position == P(1, 1)


def test_the_rescan_finds_a_symlink_swap_on_its_own(qtbot: Any, tmp_path: Path, reloading_player: Any) -> None:
    """With the watcher's signals cut off, the periodic rescan alone notices the swap (sped up here)."""
    write_deck(tmp_path / "v1")
    write_deck(tmp_path / "v2", beta=["B1 of v2", "B2", "B3"])
    current = tmp_path / "current"
    current.symlink_to("v1", target_is_directory=True)
    player = reloading_player(current)
    reloader = player.reloader
    reloader._watcher.blockSignals(True)  # only the rescan remains
    reloader._rescan.setInterval(reload_module.SETTLE_MS * 2)  # each poll that sees a change restarts the settle
    reloader._rescan.start()
    go(qtbot, player, P(1, 0))
    swap = tmp_path / "current.new"
    swap.symlink_to("v2", target_is_directory=True)
    os.replace(swap, current)
    qtbot.waitUntil(lambda: "B1 of v2" in on_screen(player), timeout=WAIT_MS)
    assert len(player.loaded) == 1


def test_after_a_symlink_swap_the_watcher_sees_edits_in_the_new_folder(
    qtbot: Any, tmp_path: Path, reloading_player: Any, watcher_only: None
) -> None:
    write_deck(tmp_path / "v1")
    write_deck(tmp_path / "v2", beta=["B1 of v2", "B2", "B3"])
    current = tmp_path / "current"
    current.symlink_to("v1", target_is_directory=True)
    player = reloading_player(current)
    go(qtbot, player, P(1, 0))
    swap = tmp_path / "current.new"
    swap.symlink_to("v2", target_is_directory=True)
    os.replace(swap, current)
    qtbot.waitUntil(lambda: "B1 of v2" in on_screen(player), timeout=WAIT_MS)
    edit(tmp_path / "v2" / "themes" / "beta.yaml", "B1 of v2", "B1 edited in v2")
    qtbot.waitUntil(lambda: "B1 edited in v2" in on_screen(player), timeout=WAIT_MS)
    assert len(player.loaded) == 2 and not player.rejected


def test_rapid_successive_writes_cause_one_reload(
    qtbot: Any, tmp_path: Path, reloading_player: Any, watcher_only: None
) -> None:
    """rsync or a slow editor writing in steps, each within the settle time of the last.

    Each write waits until a quarter of the settle time has run on the settle timer itself (not on
    the wall clock), so six writes span more than the settle time, however loaded the machine.
    """
    folder = write_deck(tmp_path / "deck")
    player = reloading_player(folder)
    go(qtbot, player, P(1, 0))
    beta = folder / "themes" / "beta.yaml"
    watcher, settle_timer = player.reloader._watcher, player.reloader._settle
    gap_ms = reload_module.SETTLE_MS // 4
    for step in range(1, 7):
        with qtbot.waitSignal(watcher.fileChanged, timeout=WAIT_MS):
            beta.write_text(theme_yaml("beta", [f"B1 step {step}", "B2", "B3"]), encoding="utf-8")
        assert player.loaded == [], f"reloaded before the writes settled (after step {step})"
        assert settle_timer.remainingTime() > reload_module.SETTLE_MS - gap_ms, "each write starts the settle again"
        qtbot.waitUntil(lambda: settle_timer.remainingTime() <= reload_module.SETTLE_MS - gap_ms, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(player.loaded) == 1, timeout=WAIT_MS)
    assert "B1 step 6" in on_screen(player)
    # no settle is left pending, and none would find anything to reload
    qtbot.waitUntil(lambda: not player.reloader._settle.isActive(), timeout=WAIT_MS)
    assert len(player.loaded) == 1, "one reload for the whole burst"
    assert player.reloader.reload_if_changed() is None


def test_files_are_watched_from_the_first_frame_and_an_edit_before_it_is_not_missed(qtbot: Any, tmp_path: Path) -> None:
    folder = write_deck(tmp_path / "deck")
    deck = load_deck(folder).require()
    player = build_player(deck, player_args(), deck_path=folder)
    qtbot.addWidget(player.window)
    reloader = player.reloader
    loaded: list[Any] = []
    reloader.deck_loaded.connect(loaded.append)
    assert not reloader.is_watching(), "Qt's file watcher starts after the first frame, not before it"
    (folder / "themes" / "beta.yaml").write_text(theme_yaml("beta", ["Edited early", "B2", "B3"]), encoding="utf-8")
    player.window.resize(*SIZE)
    player.window.show()
    qtbot.waitUntil(reloader.is_watching, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(loaded) == 1, timeout=WAIT_MS)
    headings = [slide.heading.get("en") for theme in loaded[0].themes for slide in theme.slides]
    assert "Edited early" in headings
    player.window.stage.overlay.finish_now()
