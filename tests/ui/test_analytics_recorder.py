"""Engagement and proof of play as they land in the analytics database, driven by real keys, mouse and taps.

Players are built as ``kiosk run`` builds them, with ``analytics`` naming a database in the test's folder.
Attract mode and the recorder read fake clocks: a test moves them and calls ``attract.check()``, as the
timer would; the recorder is closed (as at quit) before its rows are read.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.core.navigator import HOME, Position
from kiosk.deck import Deck
from kiosk.player import attract_mode
from tests.core.clock import FakeClock
from tests.ui.conftest import figure, figures, statement, theme, title
from tests.ui.helpers import LEFT, fake_pointer_clock, settle
from tests.ui.test_mouse_navigation import Mouse

P = Position
Key = Qt.Key
LEFT_BUTTON = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
START = 1_800_000_000.0
ATTRACT = {"idle_timeout": 30, "warning": 0, "slide_duration": 60}
"""Auto-play's own timer never fires during a test: the clock decides when auto-play starts."""
COLUMNS = "kind, visit, theme, slide, language, via, seconds"


@pytest.fixture
def deck(deck_factory: Any) -> Deck:
    themes = [
        theme("alpha", [title("A1"), statement("A2")]),
        theme("beta", [figures("B1", figure(42, duration=0.2)), statement("B2")]),
    ]
    return deck_factory(themes, languages=["en", "fr"], attract=dict(ATTRACT))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """One fake clock for attract mode (built after this) and for the recorder (given by ``recorded``)."""
    clock = FakeClock(START)

    class ClockedAttractMode(attract_mode.AttractMode):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, clock=clock, **kwargs)

    monkeypatch.setattr(attract_mode, "AttractMode", ClockedAttractMode)
    return clock


@pytest.fixture
def recorded(make_player: Any, clock: FakeClock, tmp_path: Path) -> Iterator[Any]:
    """``recorded(deck, **args)``: a player logging to ``tmp_path/analytics.sqlite`` on ``clock``."""
    made: list[Any] = []

    def factory(deck: Deck, **overrides: Any) -> Any:
        values = {"windowed": False, "idle_timeout": None, "autoplay": False, "analytics": tmp_path / "a.sqlite"}
        player = make_player(deck, **{**values, **overrides})
        if player.analytics is not None:
            player.analytics.clock = clock
        made.append(player)
        return player

    yield factory
    for player in made:
        player.window.allow_quit()
        if player.attract is not None:
            player.attract.suspend()
        if player.analytics is not None:
            player.analytics.close()


def rows_of(player: Any) -> list[tuple[Any, ...]]:
    """The events the player wrote, once the recorder is closed as at quit (``deck`` rows left out)."""
    player.analytics.close()
    with sqlite3.connect(player.analytics.writer.path) as connection:
        found = connection.execute(f"SELECT {COLUMNS} FROM events WHERE kind != 'deck' ORDER BY id").fetchall()
    return [(*row[:-1], None if row[-1] is None else round(row[-1], 3)) for row in found]


def start_autoplay(player: Any, clock: FakeClock) -> None:
    clock.advance(ATTRACT["idle_timeout"])
    player.attract.check()
    assert player.autoplayer.running


def click(player: Any, point: QPoint) -> None:
    QTest.mouseClick(player.window.windowHandle(), LEFT_BUTTON, NO_MODIFIER, point)


def test_a_visit_driven_by_keys_and_a_swipe_lands_as_the_expected_rows(
    qtbot: Any, recorded: Any, deck: Deck, clock: FakeClock
) -> None:
    # GIVEN a kiosk playing by itself
    player = recorded(deck)
    stage = player.window.stage
    start_autoplay(player, clock)
    settle(qtbot, stage)
    clock.advance(4)
    # WHEN a visitor touches it, presses 1, switches language, swipes to the next slide, then walks away
    click(player, QPoint(640, 330))
    qtbot.waitUntil(lambda: player.controller.position == HOME)
    settle(qtbot, stage)
    clock.advance(2)
    QTest.keyClick(player.window, Key.Key_1)
    settle(qtbot, stage)
    clock.advance(3)
    QTest.keyClick(player.window, Key.Key_L)
    assert player.controller.language == "fr"
    clock.advance(2)
    Mouse(qtbot, stage, fake_pointer_clock(player)).drag(*LEFT)
    settle(qtbot, stage)
    assert player.controller.position == P(0, 1)
    clock.advance(7)
    start_autoplay(player, clock)
    settle(qtbot, stage)
    clock.advance(1)
    # THEN the log holds the visit with how each slide was reached, how long it stayed, and where it ended

    assert rows_of(player) == [
        ("autoplay_loop", None, None, None, "en", None, None),
        ("slide_view", None, "alpha", 1, "en", "autoplay", 4.0),
        ("visit_start", 1, None, None, None, None, None),
        ("theme_enter", 1, "alpha", None, None, "key", None),
        ("language", 1, None, None, "fr", None, None),
        ("slide_view", 1, "alpha", 1, "en", "key", 5.0),
        ("slide_view", 1, "alpha", 2, "fr", "swipe", 37.0),
        ("visit_end", 1, "alpha", 2, None, None, 44.0),
        ("autoplay_loop", None, None, None, "en", None, None),
        ("slide_view", None, "alpha", 1, "en", "autoplay", 1.0),
    ]


def test_without_attract_mode_a_visit_runs_from_the_first_input_to_quit_and_says_how_it_moved(
    qtbot: Any, recorded: Any, deck: Deck, clock: FakeClock
) -> None:
    player = recorded(deck, windowed=True)
    assert player.attract is None
    stage = player.window.stage
    clock.advance(10)
    home = stage.current_view()
    tile = home.tiles[1]
    click(player, tile.mapTo(player.window, tile.rect().center()))  # beta's tile on the home screen
    settle(qtbot, stage)
    clock.advance(3)
    next_button = player.window.navbar.next_button
    click(player, next_button.mapTo(player.window, next_button.rect().center()))
    settle(qtbot, stage)
    assert player.controller.position == P(1, 1)
    clock.advance(2)
    assert rows_of(player) == [
        ("visit_start", 1, None, None, None, None, None),
        ("theme_enter", 1, "beta", None, None, "home", None),
        ("slide_view", 1, "beta", 1, "en", "home", 3.0),
        ("slide_view", 1, "beta", 2, "en", "button", 2.0),
        ("visit_end", 1, "beta", 2, None, None, 5.0),
    ]


def test_a_figures_slide_whose_counters_all_finish_on_screen_is_recorded(qtbot: Any, recorded: Any, deck: Deck) -> None:
    player = recorded(deck, windowed=True)
    QTest.keyClick(player.window, Key.Key_2)
    settle(qtbot, player.window.stage)
    view = player.window.stage.current_view()
    qtbot.waitUntil(lambda: not any(counter.is_counting() for counter in view.counters))
    kinds = [(kind, theme_id, slide) for kind, _, theme_id, slide, *_ in rows_of(player)]
    assert ("counter_done", "beta", 1) in kinds


def test_analytics_false_in_the_deck_writes_nothing(
    qtbot: Any, recorded: Any, deck_factory: Any, tmp_path: Path
) -> None:
    deck = deck_factory([theme("alpha", [title("A1"), statement("A2")])], analytics=False)
    player = recorded(deck, windowed=True)
    assert player.analytics is None
    QTest.keyClick(player.window, Key.Key_Right)
    settle(qtbot, player.window.stage)
    assert player.controller.position == P(0, 0)
    assert list(tmp_path.glob("a.sqlite*")) == []


@pytest.mark.parametrize("where", ["read-only folder", "folder that cannot be made"])
def test_a_database_that_cannot_be_written_leaves_the_display_running_with_one_log_line(
    qtbot: Any, recorded: Any, deck: Deck, tmp_path: Path, caplog: pytest.LogCaptureFixture, where: str
) -> None:
    if where == "read-only folder":
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        if os.access(folder, os.W_OK):
            pytest.skip("folder permissions do not stop this user (root)")
        database = folder / "a.sqlite"
    else:
        (tmp_path / "a-file").write_text("not a folder")
        database = tmp_path / "a-file" / "a.sqlite"
    with caplog.at_level(logging.INFO, logger="kiosk.analytics_store"):
        player = recorded(deck, windowed=True, analytics=database)
        qtbot.waitUntil(lambda: not player.analytics.writer.enabled)
        for key in (Key.Key_Right, Key.Key_Right, Key.Key_L):
            QTest.keyClick(player.window, key)
            settle(qtbot, player.window.stage)
        player.analytics.close()
    assert player.controller.position == P(0, 1) and player.controller.language == "fr"
    assert player.window.isVisible()
    lines = [record.getMessage() for record in caplog.records if record.name == "kiosk.analytics_store"]
    assert len(lines) == 1 and "analytics off" in lines[0]


def test_the_seconds_of_an_unanswered_warning_count_neither_on_the_last_slide_nor_in_the_visit(
    qtbot: Any, recorded: Any, deck_factory: Any, clock: FakeClock
) -> None:
    # GIVEN a kiosk whose "still there?" warning lasts 10 s after 30 s without input
    themes = [theme("alpha", [title("A1"), statement("A2")])]
    warned = deck_factory(themes, attract={**ATTRACT, "warning": 10})
    player = recorded(warned)
    stage = player.window.stage
    # WHEN a visitor opens the first theme, reads it for a while, and walks away without answering the warning
    QTest.keyClick(player.window, Key.Key_1)
    settle(qtbot, stage)
    clock.advance(5)
    QTest.keyClick(player.window, Key.Key_Right)
    settle(qtbot, stage)
    clock.advance(30)
    player.attract.check()  # the warning shows
    assert not player.autoplayer.running
    clock.advance(10)
    player.attract.check()  # nobody answered: auto-play starts
    assert player.autoplayer.running
    settle(qtbot, stage)
    # THEN the last slide held the visitor 30 s, not 40, and the visit lasted 35 s
    rows = rows_of(player)
    visitor_views = [row for row in rows if row[0] == "slide_view" and row[1] == 1]
    assert [(row[2], row[3], row[6]) for row in visitor_views] == [("alpha", 1, 5.0), ("alpha", 2, 30.0)]
    assert [row for row in rows if row[0] == "visit_end"] == [("visit_end", 1, "alpha", 2, None, None, 35.0)]
