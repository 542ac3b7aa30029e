"""Never black at boot: under a service manager a broken deck plays the last good copy, or a calm setup screen."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.deck import load_deck
from kiosk.player import last_good
from kiosk.player.last_good import deck_files, last_good_folder, load_last_good, save_last_good
from tests.conftest import REPO
from tests.test_cli_run import LogLines, kiosk, kiosk_env

GOOD_THEME = "id: t\ntitle: T\nslides:\n  - {kind: statement, heading: One, body: First.}\n"
BROKEN_THEME = "id: t\ntitle: T\nslides:\n  - {kind: statment, heading: One}\n"
PROBLEM_LINE = r"themes/t.yaml:4:\d+: error: unknown slide kind 'statment'"


def write_deck(folder: Path, theme: str = GOOD_THEME, title: str = "Fair") -> Path:
    """A one-theme deck; ``theme`` is the theme file's text."""
    (folder / "themes").mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(f"title: {title}\nthemes: [themes/t.yaml]\n", encoding="utf-8")
    (folder / "themes" / "t.yaml").write_text(theme, encoding="utf-8")
    return folder


def environment(tmp_path: Path, supervised: bool) -> dict[str, str]:
    env = kiosk_env(tmp_path)
    for name in ("KIOSK_SUPERVISED", "INVOCATION_ID", "NOTIFY_SOCKET"):
        env.pop(name, None)
    if supervised:
        env["KIOSK_SUPERVISED"] = "1"
    return env


def run(tmp_path: Path, deck: Path, supervised: bool) -> subprocess.CompletedProcess[str]:
    """``kiosk run DECK --windowed --exit-after 3``, under a service manager or not."""
    args = kiosk("run", str(deck), "--windowed", "--exit-after", "3")
    env = environment(tmp_path, supervised)
    return subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, timeout=60)


def state(tmp_path: Path) -> Path:
    return tmp_path / "logs"  # KIOSK_LOG_DIR in kiosk_env


# -- kiosk run -----------------------------------------------------------------------


def test_supervised_an_invalid_deck_plays_the_last_good_copy(tmp_path: Path) -> None:
    # GIVEN a deck that played once, so a copy was kept
    deck = write_deck(tmp_path / "deck")
    first = run(tmp_path, deck, supervised=True)
    assert first.returncode == 0, first.stderr
    assert (last_good_folder(state(tmp_path)) / "deck.yaml").is_file()
    # WHEN the deck is broken and the kiosk starts again under a service manager
    write_deck(deck, BROKEN_THEME)
    result = run(tmp_path, deck, supervised=True)
    # THEN it names the problem, says it plays the last good copy, plays it and exits cleanly
    assert result.returncode == 0, result.stderr
    assert re.search(PROBLEM_LINE, result.stderr), result.stderr
    assert "playing the last good copy" in result.stderr
    assert f"playing {last_good_folder(state(tmp_path)) / 'deck.yaml'}" in result.stderr
    assert "Traceback" not in result.stderr
    status = json.loads((state(tmp_path) / "status.json").read_text(encoding="utf-8"))
    assert status["deck"]["last_good_copy"] is True and status["deck"]["title"] == "Fair"


def test_supervised_a_missing_deck_plays_the_last_good_copy(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck")
    assert run(tmp_path, deck, supervised=True).returncode == 0
    result = run(tmp_path, tmp_path / "gone", supervised=True)
    assert result.returncode == 0, result.stderr
    assert "playing the last good copy" in result.stderr


def test_supervised_with_no_copy_shows_the_setup_screen_and_exits_0(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", BROKEN_THEME)
    result = run(tmp_path, deck, supervised=True)
    assert result.returncode == 0, result.stderr
    assert re.search(PROBLEM_LINE, result.stderr), result.stderr
    assert "there is no last good copy" in result.stderr and "showing the setup screen" in result.stderr
    assert "Traceback" not in result.stderr


def test_not_supervised_an_invalid_deck_still_exits_1(tmp_path: Path) -> None:
    # GIVEN a copy kept from an earlier good run: a person at a terminal is still told, not fobbed off
    deck = write_deck(tmp_path / "deck")
    assert run(tmp_path, deck, supervised=False).returncode == 0
    write_deck(deck, BROKEN_THEME)
    result = run(tmp_path, deck, supervised=False)
    assert result.returncode == 1, result.stderr
    assert re.search(PROBLEM_LINE, result.stderr), result.stderr
    assert "the deck is invalid" in result.stderr
    assert "last good copy" not in result.stderr


def test_a_fixed_deck_replaces_the_setup_screen_within_seconds(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", BROKEN_THEME)
    args = kiosk("run", str(deck), "--windowed", "--exit-after", "60")
    process = subprocess.Popen(
        args, env=environment(tmp_path, True), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        stderr = LogLines(process.stderr)  # type: ignore[arg-type]
        stderr.wait_for("showing the setup screen", timeout_s=30)
        write_deck(deck)  # the booth builder fixes the theme file
        stderr.wait_for("last good copy of the deck kept", timeout_s=20)
        stderr.wait_for(rf"playing {deck / 'deck.yaml'} \(1 themes, 1 slides\)", timeout_s=20)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.returncode == 0
    assert (last_good_folder(state(tmp_path)) / "themes" / "t.yaml").read_text(encoding="utf-8") == GOOD_THEME


# -- the setup screen --------------------------------------------------------------------


def test_the_setup_screen_is_dark_and_names_the_log(tmp_path: Path, qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor

    from kiosk.ui.palette import BACKGROUND_DEEP
    from kiosk.ui.setup_view import SETUP_MESSAGE, SetupView

    log_file = tmp_path / "state" / "kiosk.log"
    view = SetupView(log_file, windowed=True)
    qtbot.addWidget(view)
    view.present()
    qtbot.waitExposed(view)
    texts = view.visible_texts()
    assert texts == [SETUP_MESSAGE, f"Details are in the log: {log_file}"]
    assert SETUP_MESSAGE == "This display is being set up."
    picture = view.grab().toImage()
    assert picture.pixelColor(2, 2) == QColor(BACKGROUND_DEEP)
    # every text sits inside the screen, the message above the log line
    message, log_line = view.message_label.geometry(), view.log_label.geometry()
    assert view.rect().contains(message) and view.rect().contains(log_line)
    assert message.bottom() < log_line.top()


def test_the_setup_screen_ignores_close_requests_in_kiosk_mode(tmp_path: Path, qtbot: QtBot) -> None:
    from kiosk.ui.setup_view import SetupView

    view = SetupView(tmp_path / "kiosk.log", windowed=False)
    qtbot.addWidget(view)
    view.present()
    qtbot.waitExposed(view)
    assert view.close() is False and view.isVisible()
    view.allow_quit()
    assert view.close() is True


# -- the copy ------------------------------------------------------------------------


def test_the_copy_holds_only_the_decks_files_and_validates(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck")
    (deck / "notes.txt").write_text("not part of the deck", encoding="utf-8")
    (deck / "themes" / "draft.yaml").write_text(BROKEN_THEME, encoding="utf-8")
    files = deck_files(load_deck(deck).require(), deck / "deck.yaml")
    assert save_last_good(files, tmp_path / "state")
    copy = last_good_folder(tmp_path / "state")
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()) == [
        "deck.yaml",
        "themes/t.yaml",
    ]
    kept = load_last_good(tmp_path / "state")
    assert kept is not None and kept.deck is not None
    assert deck_files(kept.deck, copy / "deck.yaml").digest() == files.digest(), "the copy hashes as the deck"


def test_a_deck_over_the_size_limit_leaves_the_previous_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = write_deck(tmp_path / "deck", title="First")
    assert save_last_good(deck_files(load_deck(deck).require(), deck / "deck.yaml"), tmp_path / "state")
    write_deck(deck, title="Second")
    files = deck_files(load_deck(deck).require(), deck / "deck.yaml")
    monkeypatch.setattr(last_good, "MAX_COPY_BYTES", files.total_bytes - 1)
    assert not save_last_good(files, tmp_path / "state")
    kept = load_last_good(tmp_path / "state")
    assert kept is not None and kept.deck is not None
    assert kept.deck.title.get("en") == "First"
    leftovers = [p.name for p in (tmp_path / "state").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    # within the limit, the new deck replaces the copy and the old version is gone
    monkeypatch.undo()
    assert save_last_good(files, tmp_path / "state")
    kept = load_last_good(tmp_path / "state")
    assert kept is not None and kept.deck is not None and kept.deck.title.get("en") == "Second"
    assert len([p for p in (tmp_path / "state").iterdir() if p.name.startswith("last-good-deck-")]) == 1
