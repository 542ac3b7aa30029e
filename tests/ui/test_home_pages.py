"""The home screen with 1 to 60 themes, in landscape and portrait: touch-sized tiles with full-size titles,
clear of the control bar, on pages that swipes, the control bar's buttons and the keys turn.

Every theme must be reachable by turning pages; after the last page Next still opens the first theme,
and before the first page Previous still goes to the last slide, as they do on a one-page home screen.
"""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest

from kiosk.core.navigator import HOME, Position
from kiosk.ui.home import HomeView, ThemeTile
from kiosk.ui.scale import Scale, minimum_touch_target
from tests.core.clock import FakeClock
from tests.test_cli_run import kiosk, kiosk_env
from tests.ui.conftest import theme, title
from tests.ui.helpers import Pointer, assert_showing, fake_pointer_clock, settle

COUNTS = [1, 2, 5, 9, 13, 30, 60]
LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
SIZES = [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")]
NAMES = [
    "Research",
    "Clinical trials",
    "Biomanufacturing",
    "Take the story home",
    "Vaccines and immunology",
    "Digital health",
    "Talent",
]
"""Theme titles as deck authors write them: one long word, several short ones, a whole phrase."""


@pytest.fixture
def time_scale() -> float:
    """Transitions at a tenth of their length: the tests wait for their end, never for a time."""
    return 0.1


@pytest.fixture
def home_deck(deck_factory: Callable[..., Any]) -> Callable[[int], Any]:
    """``home_deck(count)``: a deck of ``count`` one-slide themes, ``t0``..., with titles of every length."""

    def make(count: int) -> Any:
        themes = [
            theme(f"t{i}", [title(f"Slide of theme {i}")], title=f"{NAMES[i % len(NAMES)]} {i}") for i in range(count)
        ]
        return deck_factory(themes, title="Belgium: a centre of scientific and industrial excellence")

    return make


@pytest.fixture
def home_player(make_player: Callable[..., Any], home_deck: Callable[[int], Any], time_scale: float) -> Any:
    """``home_player(count, size)``: a shown player of a ``count``-theme deck, on its home screen."""

    def make(count: int, size: tuple[int, int]) -> Any:
        return make_player(home_deck(count), size=size, time_scale=time_scale)

    return make


def home_of(player: Any) -> HomeView:
    """The home view on screen."""
    view = player.window.stage.current_view()
    assert isinstance(view, HomeView)
    return view


def on_window(widget: Any, window: Any) -> QRect:
    """``widget``'s rectangle in ``window`` coordinates."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def shown_tiles(home: HomeView) -> list[ThemeTile]:
    """The tiles a visitor sees now."""
    return [tile for tile in home.tiles if tile.isVisible()]


def shown_themes(home: HomeView) -> list[int]:
    """The indexes of the themes whose tiles are on screen now."""
    return [index for index, tile in enumerate(home.tiles) if tile.isVisible()]


def assert_page_is_clear_and_legible(player: Any) -> None:
    """The page on screen: touch-sized tiles, full-size titles, nothing over the control bar, the title or each other,
    and page dots that count the pages and mark this one."""
    window, home = player.window, home_of(player)
    scale = Scale(home.width(), home.height())
    target = minimum_touch_target(home, scale)
    body_px = scale.px(scale.metrics.body_font)
    bar = on_window(window.navbar, window)
    tiles = shown_tiles(home)
    assert tiles, "every page shows tiles"
    rects = [on_window(tile, window) for tile in tiles]
    header_bottom = max(on_window(text, window).bottom() for text in (home.title, home.subtitle) if text.isVisible())
    for tile, rect in zip(tiles, rects):
        assert min(rect.width(), rect.height()) >= target, f"{tile.text()!r} is smaller than a finger: {rect}"
        assert tile.title_font().pixelSize() >= body_px, f"{tile.text()!r}'s title is smaller than body text"
        assert window.rect().contains(rect), f"{tile.text()!r} is cut off: {rect}"
        assert not rect.intersects(bar), f"{tile.text()!r} runs under the control bar: {rect} / {bar}"
        assert rect.top() > header_bottom, f"{tile.text()!r} overlaps the deck's title"
    for a in range(len(rects)):
        for b in range(a + 1, len(rects)):
            assert not rects[a].intersects(rects[b]), f"{tiles[a].text()!r} overlaps {tiles[b].text()!r}"
    dots = home.page_dots
    if home.page_count() > 1:
        assert dots.isVisible()
        assert (dots.count, dots.current) == (home.page_count(), home.current_page())
        dot_rect = on_window(dots, window)
        assert not dot_rect.intersects(bar), "the page dots run under the control bar"
        assert not any(dot_rect.intersects(rect) for rect in rects), "the page dots cover a tile"
    else:
        assert not dots.isVisible(), "one page needs no page dots"


def turn_through_pages(qtbot: Any, player: Any, turn: Callable[[], None]) -> list[list[int]]:
    """Turn pages with ``turn`` until the player leaves home; returns the themes shown on each page, in order.

    Every page is checked (``assert_page_is_clear_and_legible``) as it comes on screen.
    """
    stage, home = player.window.stage, home_of(player)
    pages = []
    for _ in range(home.page_count() + 1):
        assert player.controller.position == HOME
        assert_page_is_clear_and_legible(player)
        pages.append(shown_themes(home))
        turn()
        settle(qtbot, stage)
        if player.controller.position != HOME:
            break
    return pages


def in_pages(count: int, pages: list[list[int]]) -> None:
    """Every theme on exactly one page, in deck order."""
    assert [index for page in pages for index in page] == list(range(count))


# -- the layout, every page -------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", COUNTS)
def test_the_next_key_shows_every_theme_on_clear_pages_then_opens_the_first(
    qtbot: Any, home_player: Any, press: Any, count: int, size: tuple[int, int]
) -> None:
    # GIVEN a deck of ``count`` themes on a full-HD screen standing either way
    player = home_player(count, size)
    home = home_of(player)
    # WHEN the visitor presses Right until the home screen is left
    pages = turn_through_pages(qtbot, player, lambda: press(player.window, Qt.Key.Key_Right))
    # THEN every theme was on one of the pages, each page as many as the dots count, and Next opened the first theme
    in_pages(count, pages)
    assert len(pages) == home.page_count()
    assert_showing(player, Position(0, 0))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", [13, 60])
def test_page_keys_turn_back_and_forth_and_previous_before_the_first_page_goes_to_the_last_slide(
    qtbot: Any, home_player: Any, press: Any, count: int, size: tuple[int, int]
) -> None:
    player = home_player(count, size)
    home, window, stage = home_of(player), player.window, player.window.stage
    pages = home.page_count()
    assert pages > 1, "this many themes take more than one page"
    press(window, Qt.Key.Key_PageDown, times=pages - 1)
    assert home.current_page() == pages - 1
    assert shown_themes(home)[-1] == count - 1, "the last page ends with the last theme"
    assert_page_is_clear_and_legible(player)
    press(window, Qt.Key.Key_PageUp)
    assert home.current_page() == pages - 2
    press(window, Qt.Key.Key_Left, times=pages - 2)
    assert home.current_page() == 0
    assert shown_themes(home)[0] == 0
    assert player.controller.position == HOME
    press(window, Qt.Key.Key_PageUp)
    settle(qtbot, stage)
    assert_showing(player, Position(count - 1, 0))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", COUNTS)
def test_the_control_bar_buttons_turn_the_pages(
    qtbot: Any, home_player: Any, count: int, size: tuple[int, int]
) -> None:
    player = home_player(count, size)
    navbar = player.window.navbar
    pages = turn_through_pages(qtbot, player, lambda: qtbot.mouseClick(navbar.next_button, Qt.MouseButton.LeftButton))
    in_pages(count, pages)
    assert_showing(player, Position(0, 0))
    qtbot.mouseClick(navbar.previous_button, Qt.MouseButton.LeftButton)
    settle(qtbot, player.window.stage)
    assert_showing(player, HOME)
    home = home_of(player)
    if home.page_count() > 1:  # back on the last page it left; Previous turns back one page
        qtbot.mouseClick(navbar.previous_button, Qt.MouseButton.LeftButton)
        assert player.controller.position == HOME
        assert home.current_page() == home.page_count() - 2


# -- swipes -----------------------------------------------------------------------------


class Finger(Pointer):
    """One finger on the touch screen, in window coordinates (points go to the QWindow, as a real finger's do)."""

    def __init__(self, qtbot: Any, window: Any, device: QPointingDevice, clock: FakeClock) -> None:
        super().__init__(qtbot, clock)
        self.window, self.device = window.windowHandle(), device

    def press(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).press(0, point).commit()

    def move(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).move(0, point).commit()

    def release(self, point: QPoint) -> None:
        QTest.touchEvent(self.window, self.device).release(0, point).commit()


def across_the_tiles(player: Any, leftwards: bool) -> tuple[QPoint, QPoint]:
    """A stroke over half the screen's width, at the height of the first row of tiles on screen."""
    window = player.window
    y = on_window(shown_tiles(home_of(player))[0], window).center().y()
    right, left = QPoint(window.width() * 3 // 4, y), QPoint(window.width() // 4, y)
    return (right, left) if leftwards else (left, right)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", COUNTS)
def test_swipes_turn_the_pages_and_the_last_swipe_opens_the_first_theme(
    qtbot: Any, home_player: Any, touchscreen: QPointingDevice, count: int, size: tuple[int, int]
) -> None:
    assert touchscreen.type() == QInputDevice.DeviceType.TouchScreen
    player = home_player(count, size)
    finger = Finger(qtbot, player.window, touchscreen, fake_pointer_clock(player))
    stage, home = player.window.stage, home_of(player)

    def swipe_left() -> None:
        finger.swipe(*across_the_tiles(player, leftwards=True))
        if player.controller.position == HOME:
            assert not stage.is_dragging(), "a page turn does not pull the first slide in"

    pages = turn_through_pages(qtbot, player, swipe_left)
    in_pages(count, pages)
    assert_showing(player, Position(0, 0))
    if home.page_count() > 1:
        player.controller.go_to(HOME)
        settle(qtbot, stage)
        finger.swipe(*across_the_tiles(player, leftwards=False))
        settle(qtbot, stage)
        assert player.controller.position == HOME, "a swipe to the right on a later page turns back a page"
        assert home.current_page() == home.page_count() - 2


# -- render ------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


@pytest.mark.parametrize("size", SIZES)
def test_render_home_writes_every_page_of_the_home_screen(
    tmp_path: Path, home_deck: Callable[[int], Any], size: tuple[int, int]
) -> None:
    deck = home_deck(30)
    shown = HomeView(deck, deck.default_language)
    shown.resize(*size)
    shown.relayout()
    pages = shown.page_count()
    shown.deleteLater()
    assert pages > 1
    out = tmp_path / "renders"
    width, height = size
    done = subprocess.run(
        kiosk("render", str(deck.root), "--out", str(out), "--size", f"{width}x{height}", "--home"),
        env=kiosk_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    homes = sorted(out.glob("000-home-*.png"))
    assert [path.name for path in homes] == [f"000-home-{page}.png" for page in range(1, pages + 1)]
    assert all(png_size(path) == size for path in homes)
    assert len(list(out.glob("*.png"))) == pages + 30
    assert f"30 slides and {pages} home screen pages written to {out}" in done.stdout


def test_render_without_home_writes_only_the_slides(tmp_path: Path, home_deck: Callable[[int], Any]) -> None:
    deck = home_deck(2)
    out = tmp_path / "renders"
    done = subprocess.run(
        kiosk("render", str(deck.root), "--out", str(out), "--size", "480x270"),
        env=kiosk_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in out.glob("*.png")) == ["001-t0-01.png", "002-t1-01.png"]
    assert f"2 slides written to {out}" in done.stdout
