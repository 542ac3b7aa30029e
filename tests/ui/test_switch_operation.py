"""Operation by keyboard and two-switch device: Tab reaches every control, Enter or Space presses the one reached.

Keys go through the window system (``QTest.keyClick`` on the window's handle), so each one is delivered to
the widget that has the focus, as a keyboard's or a switch interface's would be.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.navigator import HOME, Position
from kiosk.ui.home import HomeView
from kiosk.ui.palette import BACKGROUND, BACKGROUND_DEEP, CONTROL, FOCUS_RING
from tests.test_contrast import contrast_ratio
from tests.ui.helpers import go, settle

P = Position
Key = Qt.Key
NON_TEXT_CONTRAST = 3.0
"""WCAG 2.x 1.4.11: a focus indicator against what is next to it."""


@pytest.fixture
def time_scale() -> float:
    return 0.25


def key(player: Any, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press and release, as a keyboard or switch interface sends it to the focused widget."""
    QTest.keyClick(player.window.windowHandle(), which, modifier)
    QApplication.processEvents()


def home(player: Any) -> HomeView:
    view = player.window.stage.current_view()
    assert isinstance(view, HomeView)
    return view


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_to(player: Any, target: QWidget, most: int = 20) -> int:
    """Press Tab until ``target`` has the focus; returns how many presses it took."""
    for presses in range(1, most + 1):
        key(player, Key.Key_Tab)
        if focused() is target:
            return presses
    raise AssertionError(f"Tab never reached {target.objectName() or type(target).__name__}")


@pytest.fixture
def shown(qtbot: Any, player: Any) -> Any:
    """The bundled deck's player, its window active so that the focus can move inside it."""
    window = player.window
    window.activateWindow()
    qtbot.waitActive(window)
    return player


def ring_pixels(widget: QWidget) -> int:
    """How many pixels of ``widget`` are drawn in the focus ring's colour."""
    image = widget.grab().toImage()
    ring = QColor(FOCUS_RING).rgb()
    step = 2
    return sum(
        1 for y in range(0, image.height(), step) for x in range(0, image.width(), step) if image.pixel(x, y) == ring
    )


def test_tab_reaches_the_first_tile_and_enter_opens_its_theme(qtbot: Any, shown: Any) -> None:
    stage, tiles = shown.window.stage, home(shown).tiles
    assert focused() is None or focused() is shown.window, "no control has the focus before the first Tab"
    key(shown, Key.Key_Tab)
    assert focused() is tiles[0], "the first Tab reaches the first theme's tile"
    key(shown, Key.Key_Tab)
    assert focused() is tiles[1], "the next Tab the second"
    key(shown, Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is tiles[0], "Shift+Tab goes back"
    with qtbot.waitSignal(tiles[0].clicked, timeout=1000):  # the tile itself was pressed, not Next
        key(shown, Key.Key_Return)
    settle(qtbot, stage)
    assert shown.controller.position == P(0, 0), "Enter opened the focused tile's theme"
    assert focused() in (None, shown.window), "the tile went with the home screen, and no other control took over"
    key(shown, Key.Key_Return)
    settle(qtbot, stage)
    assert shown.controller.position == P(0, 1), "so Enter is Next again"


def test_space_opens_the_theme_of_a_tile_further_along(qtbot: Any, shown: Any) -> None:
    tiles = home(shown).tiles
    assert tab_to(shown, tiles[2]) == 3
    key(shown, Key.Key_Space)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(2, 0), "Space pressed the third tile, not Next"


def test_tab_reaches_the_next_button_and_enter_presses_it(qtbot: Any, shown: Any) -> None:
    go(qtbot, shown, P(0, 0))
    navbar = shown.window.navbar
    tab_to(shown, navbar.next_button)
    with qtbot.waitSignal(navbar.next_button.clicked, timeout=1000):  # the button itself was pressed
        key(shown, Key.Key_Enter)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(0, 1)
    assert focused() is navbar.next_button, "the focus stays on Next, so the switch can press it again"
    key(shown, Key.Key_Space)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(0, 2)


def test_tab_reaches_every_control_of_the_bar(qtbot: Any, shown: Any) -> None:
    go(qtbot, shown, P(0, 1))
    navbar = shown.window.navbar
    reached = []
    for _ in range(8):
        key(shown, Key.Key_Tab)
        reached.append(focused())
    for button in (navbar.home_button, navbar.previous_button, navbar.next_button, navbar.language_button):
        assert button in reached, f"Tab reaches {button.objectName()}"
    tab_to(shown, navbar.home_button)
    key(shown, Key.Key_Return)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == HOME, "Enter on Home went home, not to the next slide"


def test_without_focus_enter_and_space_still_turn_the_slide(qtbot: Any, shown: Any) -> None:
    key(shown, Key.Key_Return)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(0, 0), "Enter on the home screen with nothing focused is Next"
    key(shown, Key.Key_Space)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(0, 1)


def test_a_click_gives_no_focus_so_enter_keeps_its_meaning(qtbot: Any, shown: Any) -> None:
    tile = home(shown).tiles[1]
    QTest.mouseClick(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, tile.rect().center())
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(1, 0)
    assert focused() is not tile, "a touch or click never leaves a focus ring behind"
    key(shown, Key.Key_Return)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(1, 1)


def test_arrows_keep_turning_slides_while_a_control_has_the_focus(qtbot: Any, shown: Any) -> None:
    go(qtbot, shown, P(0, 0))
    previous = shown.window.navbar.previous_button
    tab_to(shown, previous)
    key(shown, Key.Key_Right)
    settle(qtbot, shown.window.stage)
    assert shown.controller.position == P(0, 1), "Right is still Next"
    assert focused() is previous, "and does not move the focus"


def test_the_focused_control_shows_a_large_ring_in_a_high_contrast_colour(qtbot: Any, shown: Any) -> None:
    tile = home(shown).tiles[0]
    assert ring_pixels(tile) == 0, "no ring without focus"
    key(shown, Key.Key_Tab)
    assert focused() is tile
    qtbot.waitUntil(lambda: ring_pixels(tile) > 0)
    # Sampled every second pixel: a ring 3 px wide or more all round gives at least 3/4 of its perimeter.
    perimeter = 2 * (tile.width() + tile.height())
    assert ring_pixels(tile) >= perimeter * 3 // 4, "a ring several pixels wide all round"
    for background in (BACKGROUND, BACKGROUND_DEEP, CONTROL):
        assert contrast_ratio(FOCUS_RING, background) >= NON_TEXT_CONTRAST
    next_button = shown.window.navbar.next_button
    go(qtbot, shown, P(0, 0))
    tab_to(shown, next_button)
    qtbot.waitUntil(lambda: ring_pixels(next_button) > 0)
