"""Navigation as a visitor does it: keys and clicks on the kiosk window, checked on what the screen shows."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.core.navigator import HOME, Position
from kiosk.ui.home import HomeView
from tests.ui.conftest import statement, theme
from tests.ui.helpers import settle

Key = Qt.Key
THEMES = 3
SLIDES = 3


@pytest.fixture
def nav_player(deck_factory: Any, make_player: Any) -> Any:
    """Three themes of three statement slides headed 'T<theme> S<slide>' (1-based)."""
    deck = deck_factory(
        [
            theme(f"t{t}", [statement(f"T{t} S{s}", f"Body {t}.{s}") for s in range(1, SLIDES + 1)], title=f"Theme {t}")
            for t in range(1, THEMES + 1)
        ],
        title="Nav deck",
        subtitle="Choose a theme",
    )
    return make_player(deck, time_scale=0.1)


def on_screen(player: Any) -> list[str]:
    """The texts of the view on screen, after any transition has ended."""
    return player.window.stage.current_view().visible_texts()


def heading(player: Any) -> str:
    """'HOME' on the home screen, else the heading of the slide on screen."""
    view = player.window.stage.current_view()
    if isinstance(view, HomeView):
        return "HOME"
    return view.visible_texts()[1]


def step(qtbot: Any, player: Any, key: Key) -> str:
    from PySide6.QtTest import QTest

    QTest.keyClick(player.window, key)
    settle(qtbot, player.window.stage)
    return heading(player)


def test_starts_on_the_home_screen(nav_player: Any) -> None:
    assert on_screen(nav_player) == ["Nav deck", "Choose a theme", "Theme 1", "Theme 2", "Theme 3"]
    assert nav_player.controller.position == HOME


@pytest.mark.parametrize("key", [Key.Key_Right, Key.Key_PageDown, Key.Key_Space, Key.Key_Down, Key.Key_Return])
def test_next_keys(qtbot: Any, nav_player: Any, key: Key) -> None:
    assert step(qtbot, nav_player, key) == "T1 S1"
    assert step(qtbot, nav_player, key) == "T1 S2"
    assert on_screen(nav_player) == ["Theme 1", "T1 S2", "Body 1.2"]


@pytest.mark.parametrize("key", [Key.Key_Left, Key.Key_PageUp, Key.Key_Up, Key.Key_Backspace])
def test_previous_keys(qtbot: Any, nav_player: Any, key: Key) -> None:
    assert step(qtbot, nav_player, Key.Key_2) == "T2 S1"
    assert step(qtbot, nav_player, key) == "T1 S3", "before a theme's first slide comes the previous theme's last"
    assert step(qtbot, nav_player, key) == "T1 S2"


def test_walk_the_whole_deck_forward_and_back(qtbot: Any, nav_player: Any) -> None:
    expected = [f"T{t} S{s}" for t in range(1, THEMES + 1) for s in range(1, SLIDES + 1)]
    forward = [step(qtbot, nav_player, Key.Key_Right) for _ in expected]
    assert forward == expected, "next crosses from each theme's last slide to the next theme's first"
    assert step(qtbot, nav_player, Key.Key_Right) == "HOME", "after the last slide next goes home"
    assert step(qtbot, nav_player, Key.Key_Right) == "T1 S1", "from home next starts again"
    assert step(qtbot, nav_player, Key.Key_Left) == "HOME", "before the first slide lies home"
    backward = [step(qtbot, nav_player, Key.Key_Left) for _ in expected]
    assert backward == expected[::-1]


def test_home_and_end_keys(qtbot: Any, nav_player: Any) -> None:
    assert step(qtbot, nav_player, Key.Key_End) == "T3 S3"
    assert nav_player.controller.position == Position(2, 2)
    assert step(qtbot, nav_player, Key.Key_Home) == "HOME"
    assert step(qtbot, nav_player, Key.Key_Home) == "HOME"
    assert on_screen(nav_player)[0] == "Nav deck"


@pytest.mark.parametrize(("key", "expected"), [(Key.Key_1, "T1 S1"), (Key.Key_2, "T2 S1"), (Key.Key_3, "T3 S1")])
def test_theme_keys(qtbot: Any, nav_player: Any, key: Key, expected: str) -> None:
    step(qtbot, nav_player, Key.Key_End)
    assert step(qtbot, nav_player, key) == expected
    assert on_screen(nav_player)[0] == f"Theme {expected[1]}"


def test_a_theme_key_beyond_the_deck_does_nothing(qtbot: Any, nav_player: Any) -> None:
    step(qtbot, nav_player, Key.Key_2)
    assert step(qtbot, nav_player, Key.Key_4) == "T2 S1"
    assert step(qtbot, nav_player, Key.Key_9) == "T2 S1"
    assert not nav_player.window.stage.is_transitioning()


def test_unmapped_keys_do_nothing(qtbot: Any, nav_player: Any) -> None:
    step(qtbot, nav_player, Key.Key_1)
    for key in (Key.Key_A, Key.Key_Z, Key.Key_Tab, Key.Key_0):
        assert step(qtbot, nav_player, key) == "T1 S1"


@pytest.mark.parametrize("index", range(THEMES))
def test_clicking_a_home_tile_opens_its_theme(qtbot: Any, nav_player: Any, index: int) -> None:
    stage = nav_player.window.stage
    home = stage.current_view()
    assert isinstance(home, HomeView)
    tile = home.tiles[index]
    assert tile.isVisible() and tile.width() > 100 and tile.height() > 50
    assert stage.rect().contains(tile.geometry()), "the tile lies on screen"
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    settle(qtbot, stage)
    assert heading(nav_player) == f"T{index + 1} S1"
    assert nav_player.controller.position == Position(index, 0)


def test_home_tiles_do_not_overlap_and_meet_the_touch_target(nav_player: Any) -> None:
    home = nav_player.window.stage.current_view()
    rects = [tile.geometry() for tile in home.tiles]
    for a in range(len(rects)):
        for b in range(a + 1, len(rects)):
            assert not rects[a].intersects(rects[b])
    shorter = min(home.width(), home.height())
    assert all(min(r.width(), r.height()) >= round(shorter * 0.09) for r in rects)
    title_bottom = home.subtitle.geometry().bottom()
    assert all(r.top() > title_bottom for r in rects), "tiles sit below the title"


def test_language_key_on_a_single_language_deck_changes_nothing(qtbot: Any, nav_player: Any) -> None:
    step(qtbot, nav_player, Key.Key_1)
    assert step(qtbot, nav_player, Key.Key_L) == "T1 S1"
    assert nav_player.controller.language == "en"


def test_escape_in_windowed_mode_quits(qtbot: Any, nav_player: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QApplication

    calls: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: calls.append(True)))
    step(qtbot, nav_player, Key.Key_Escape)
    assert calls == [True]


@pytest.mark.parametrize("size", [(1280, 720), (720, 1280)], ids=["landscape", "portrait"])
def test_a_click_on_the_window_where_a_tile_is_opens_its_theme(
    qtbot: Any, deck_factory: Any, make_player: Any, size: tuple[int, int]
) -> None:
    """The click goes through the window as the platform delivers it, so nothing may cover the tiles."""
    from PySide6.QtTest import QTest

    deck = deck_factory([theme(f"t{t}", [statement(f"T{t} S1")], title=f"Theme {t}") for t in range(1, 4)])
    player = make_player(deck, size=size, time_scale=0.1)
    window, stage = player.window, player.window.stage
    home = stage.current_view()
    for index in (2, 0):
        tile = home.tiles[index]
        centre = tile.mapTo(window, tile.rect().center())
        hit = window.childAt(centre)
        assert hit is tile or tile.isAncestorOf(hit), f"tile {index} is covered by {hit!r}"
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        settle(qtbot, stage)
        assert heading(player) == f"T{index + 1} S1"
        QTest.keyClick(window, Key.Key_Home)
        settle(qtbot, stage)
        assert stage.current_view() is home or isinstance(stage.current_view(), HomeView)
        home = stage.current_view()
