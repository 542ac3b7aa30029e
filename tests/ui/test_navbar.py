"""The on-screen controls: buttons, progress dots, the language chooser and fading in kiosk mode."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.navigator import HOME, Position
from kiosk.deck import Deck
from kiosk.player.controller import Motion
from kiosk.ui.home import HomeView
from kiosk.ui.navbar import FADE_MS
from kiosk.ui.slides.figures import FiguresSlideView
from tests.ui.helpers import Moves, go, settle

P = Position
TIME_SCALE = 0.25
"""Transitions run at a quarter of their length, to keep the tests quick."""
LEFT_BUTTON = Qt.MouseButton.LeftButton
OWN_NAMES = ["English", "Français", "Nederlands", "Deutsch"]
FIGURES = P(0, 2)
"""The research theme's figures slide: €5.7 billion and over 400 patent applications."""
CONTROLS_TIMEOUT_S = 0.5
COARSE_TIMER_SHARE = 0.95
"""Qt's coarse timers (the default) may fire up to 5 % early."""
FADE_WAIT_MS = round(CONTROLS_TIMEOUT_S * 1000) + FADE_MS + 5000
"""How long a fade may take to begin and end on a loaded machine: only a bar that never fades waits this long."""


@pytest.fixture
def time_scale() -> float:
    return TIME_SCALE


@pytest.fixture(scope="module")
def quick_deck(loaded_bundled_deck: Deck) -> Deck:
    """The bundled deck whose controls fade after half a second without input."""
    deck = loaded_bundled_deck
    return dataclasses.replace(deck, touch=dataclasses.replace(deck.touch, controls_timeout=CONTROLS_TIMEOUT_S))


def texts_on_screen(player: Any) -> list[str]:
    return player.window.stage.current_view().visible_texts()


# -- buttons -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "button", "expected", "motion"),
    [
        pytest.param(HOME, "next_button", P(0, 0), Motion.FORWARD, id="next from home"),
        pytest.param(P(0, 4), "next_button", P(1, 0), Motion.FORWARD, id="next into the next theme"),
        pytest.param(P(3, 0), "next_button", HOME, Motion.FORWARD, id="next after the last slide"),
        pytest.param(P(1, 0), "previous_button", P(0, 4), Motion.BACKWARD, id="previous into the previous theme"),
        pytest.param(P(0, 0), "previous_button", HOME, Motion.BACKWARD, id="previous from the first slide"),
        pytest.param(P(2, 3), "home_button", HOME, Motion.FADE, id="home"),
    ],
)
def test_the_buttons_navigate(
    qtbot: Any, player: Any, start: Position, button: str, expected: Position, motion: Motion
) -> None:
    go(qtbot, player, start)
    widget = getattr(player.window.navbar, button)
    assert widget.isVisible()
    moves = Moves(player.controller)
    qtbot.mouseClick(widget, LEFT_BUTTON)
    assert moves.changes == [(start, expected, motion)]
    settle(qtbot, player.window.stage)
    assert player.window.stage.shown_position == expected
    assert moves.changes == [(start, expected, motion)]


def test_the_home_button_at_home_does_nothing(qtbot: Any, player: Any) -> None:
    moves = Moves(player.controller)
    qtbot.mouseClick(player.window.navbar.home_button, LEFT_BUTTON)
    QApplication.processEvents()
    assert moves.changes == []


def test_the_buttons_are_in_the_bar_at_the_bottom_and_big_enough(player: Any) -> None:
    window, navbar = player.window, player.window.navbar
    assert navbar.isVisible()
    assert navbar.geometry().bottom() == window.height() - 1
    assert navbar.width() == window.width()
    for button in (navbar.home_button, navbar.previous_button, navbar.next_button, navbar.language_button):
        assert button.isVisible()
        assert navbar.rect().contains(button.geometry())
        assert min(button.width(), button.height()) >= 44  # a finger-sized target
    names = [b.accessibleName() for b in (navbar.home_button, navbar.previous_button, navbar.next_button)]
    assert names == ["Home", "Previous", "Next"]


# -- progress dots -------------------------------------------------------------------------


def test_the_dots_show_the_current_themes_slides_and_the_current_one(qtbot: Any, player: Any) -> None:
    navbar, deck = player.window.navbar, player.controller.deck
    dots = navbar.dots
    assert (dots.count, dots.current) == (0, -1)  # home: no theme, no dots
    seen = []
    for _ in range(deck.slide_count + 1):
        qtbot.mouseClick(navbar.next_button, LEFT_BUTTON)
        position = player.controller.position
        seen.append(position)
        if position.is_home:
            assert (dots.count, dots.current) == (0, -1)
            break
        theme = deck.themes[position.theme]
        assert dots.count == len(theme.slides)
        assert dots.current == position.slide
        assert dots.accent == QColor(theme.accent)
    assert seen == [*player.controller.navigator.slides(), HOME]
    settle(qtbot, player.window.stage)


def test_the_dots_follow_jumps_and_previous(qtbot: Any, player: Any) -> None:
    dots = player.window.navbar.dots
    QTest.keyClick(player.window, Qt.Key.Key_3)  # third theme
    assert (dots.count, dots.current) == (5, 0)
    QTest.keyClick(player.window, Qt.Key.Key_End)  # the take-away theme's one slide
    assert (dots.count, dots.current) == (1, 0)
    qtbot.mouseClick(player.window.navbar.previous_button, LEFT_BUTTON)
    assert (dots.count, dots.current) == (5, 4)
    settle(qtbot, player.window.stage)


# -- languages ---------------------------------------------------------------------------


def open_language_menu(qtbot: Any, player: Any) -> Any:
    navbar = player.window.navbar
    with qtbot.waitSignal(navbar.language_menu_opened, timeout=1000):
        qtbot.mouseClick(navbar.language_button, LEFT_BUTTON)
    menu = navbar.language_menu
    qtbot.waitUntil(menu.isVisible, timeout=1000)
    return menu


def test_the_language_button_opens_the_languages_in_their_own_names(qtbot: Any, player: Any) -> None:
    navbar = player.window.navbar
    assert navbar.language_button.isVisible()
    assert navbar.language_button.text() == "EN"
    menu = open_language_menu(qtbot, player)
    actions = menu.actions()
    assert [action.text() for action in actions] == OWN_NAMES
    assert [action.data() for action in actions] == ["en", "fr", "nl", "de"]
    assert [action.isChecked() for action in actions] == [True, False, False, False]
    menu.hide()


def test_choosing_a_language_switches_texts_and_number_formats_and_keeps_the_position(qtbot: Any, player: Any) -> None:
    go(qtbot, player, FIGURES)
    view = player.window.stage.current_view()
    assert isinstance(view, FiguresSlideView)
    view.finish_animations()
    english = texts_on_screen(player)
    assert "€5.7 billion" in english
    assert "Investing in discovery" in english
    moves = Moves(player.controller)
    menu = open_language_menu(qtbot, player)
    french = next(action for action in menu.actions() if action.text() == "Français")
    QTest.mouseClick(menu, LEFT_BUTTON, Qt.KeyboardModifier.NoModifier, menu.actionGeometry(french).center())
    qtbot.waitUntil(lambda: player.controller.language == "fr", timeout=1000)
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=1000)
    on_screen = texts_on_screen(player)
    assert "5,7 milliards €" in on_screen
    assert not any("5.7" in text for text in on_screen)
    assert "Investir dans la découverte" in on_screen
    assert "plus de 400" in on_screen
    assert player.window.navbar.language_button.text() == "FR"
    # the same slide, not rebuilt elsewhere and not moved
    assert moves.changes == []
    assert player.controller.position == FIGURES
    assert player.window.stage.shown_position == FIGURES
    assert player.window.stage.current_view() is view
    # the menu now ticks French
    menu = open_language_menu(qtbot, player)
    assert [a.data() for a in menu.actions() if a.isChecked()] == ["fr"]
    menu.hide()


def test_key_l_cycles_through_the_languages_in_place(qtbot: Any, player: Any) -> None:
    go(qtbot, player, FIGURES)
    player.window.stage.current_view().finish_animations()
    moves = Moves(player.controller)
    expected = [("fr", "5,7 milliards €"), ("nl", "€ 5,7 miljard"), ("de", "5,7 Mrd. €"), ("en", "€5.7 billion")]
    for language, figure in expected:
        QTest.keyClick(player.window, Qt.Key.Key_L)
        assert player.controller.language == language
        assert player.window.navbar.language_button.text() == language.upper()
        assert figure in texts_on_screen(player)
        heading = player.controller.deck.themes[0].slides[2].heading.get(language)
        assert heading in texts_on_screen(player)
    assert moves.changes == []
    assert player.controller.position == FIGURES


def test_a_language_chosen_on_home_shows_on_the_tiles_and_the_next_slide(qtbot: Any, player: Any) -> None:
    deck = player.controller.deck
    menu = open_language_menu(qtbot, player)
    dutch = next(action for action in menu.actions() if action.text() == "Nederlands")
    dutch.trigger()
    menu.hide()
    home = player.window.stage.current_view()
    assert isinstance(home, HomeView)
    assert [tile.text() for tile in home.tiles] == [theme.title.get("nl") for theme in deck.themes]
    assert deck.title.get("nl") in home.visible_texts()
    qtbot.mouseClick(player.window.navbar.next_button, LEFT_BUTTON)
    settle(qtbot, player.window.stage)
    assert deck.themes[0].slides[0].heading.get("nl") in texts_on_screen(player)


# -- fading --------------------------------------------------------------------------------


def bar_shown(navbar: Any) -> bool:
    """Visible and not fading (fully opaque)."""
    return navbar.isVisible() and navbar.graphicsEffect() is None


@pytest.fixture
def kiosk(make_player: Callable[..., Any], quick_deck: Deck) -> Any:
    """Kiosk mode (auto-hiding controls) with a half-second controls timeout, shown at 1280x720."""
    return make_player(quick_deck, time_scale=TIME_SCALE, windowed=False)


def test_in_kiosk_mode_the_bar_fades_after_the_timeout_and_comes_back_on_a_key_or_a_touch(
    qtbot: Any, kiosk: Any, touchscreen: QPointingDevice
) -> None:
    navbar, window = kiosk.window.navbar, kiosk.window
    assert navbar.auto_hide
    go(qtbot, kiosk, P(1, 1))
    moves = Moves(kiosk.controller)
    QTest.keyClick(window, Qt.Key.Key_Shift)  # input: a key that means nothing else
    start = time.monotonic()
    qtbot.waitUntil(lambda: bar_shown(navbar), timeout=FADE_WAIT_MS)  # back at once if it had begun to fade
    qtbot.waitUntil(lambda: not bar_shown(navbar), timeout=FADE_WAIT_MS)
    assert time.monotonic() - start >= CONTROLS_TIMEOUT_S * COARSE_TIMER_SHARE, "it began to fade before the timeout"
    qtbot.waitUntil(lambda: not navbar.isVisible(), timeout=FADE_WAIT_MS)
    assert time.monotonic() - start >= CONTROLS_TIMEOUT_S
    # a key brings it back at once, fading in, and it fades again after the timeout
    QTest.keyClick(window, Qt.Key.Key_Shift)
    assert navbar.isVisible()
    qtbot.waitUntil(lambda: bar_shown(navbar), timeout=FADE_WAIT_MS)
    qtbot.waitUntil(lambda: not navbar.isVisible(), timeout=FADE_WAIT_MS)
    # so does a tap in the middle of the slide
    handle = window.windowHandle()
    QTest.touchEvent(handle, touchscreen).press(0, QPoint(640, 300)).commit()
    QApplication.processEvents()
    QTest.touchEvent(handle, touchscreen).release(0, QPoint(640, 300)).commit()
    assert navbar.isVisible()
    qtbot.waitUntil(lambda: bar_shown(navbar), timeout=FADE_WAIT_MS)
    assert moves.changes == []  # neither the key nor the tap did anything else


def test_in_a_window_the_bar_stays(qtbot: Any, make_player: Callable[..., Any], quick_deck: Deck) -> None:
    # The same deck in kiosk mode, given the same key at the same moment, tells when the timeout and the fade are over.
    kiosk = make_player(quick_deck, time_scale=TIME_SCALE, windowed=False)
    player = make_player(quick_deck, time_scale=TIME_SCALE, windowed=True)
    navbar = player.window.navbar
    assert not navbar.auto_hide
    QTest.keyClick(player.window, Qt.Key.Key_Shift)
    QTest.keyClick(kiosk.window, Qt.Key.Key_Shift)
    qtbot.waitUntil(lambda: not kiosk.window.navbar.isVisible(), timeout=FADE_WAIT_MS)
    assert bar_shown(navbar)
    navbar.fade_out()  # even when asked directly
    QApplication.processEvents()
    assert bar_shown(navbar) and not navbar.is_fading()
    kiosk.attract.suspend()


def test_in_kiosk_mode_the_bar_fades_after_the_timeout_even_before_any_input(qtbot: Any, kiosk: Any) -> None:
    navbar = kiosk.window.navbar
    assert navbar.isVisible()
    qtbot.waitUntil(lambda: not navbar.isVisible(), timeout=FADE_WAIT_MS)
