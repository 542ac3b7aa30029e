"""Reach mode: a visitor in a wheelchair taps the accessibility button, then Within reach, and every control moves into
the band 0.4 m to 1.2 m above the floor: the home screen's tiles, the control bar, its menus, More time, the keypad.

Players are built in kiosk mode (attract mode on a fake clock, the exit keypad) and shown as windows of a
landscape (1920x1080) or portrait (1080x1920) screen; the deck says where the screen hangs, or does not.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QWidget

from kiosk.core.access import AccessModes
from kiosk.core.attract import Phase
from kiosk.core.navigator import Position
from kiosk.deck import Deck
from kiosk.ui.home import HomeView
from kiosk.ui.scale import Scale, minimum_touch_target
from tests.core.clock import FakeClock
from tests.ui.conftest import DeckFactory, statement, theme
from tests.ui.helpers import go, settle
from tests.ui.test_attract_mode import attract_clock, kiosk_player
from tests.ui.test_kiosk_exit_end_to_end import EXIT_HOLD_S, hold_until_the_keypad_opens, tap, type_pin
from tests.ui.test_speech import needs_mock_engine

__all__ = ["attract_clock", "kiosk_player"]  # fixtures shared with the attract mode tests

LANDSCAPE, PORTRAIT = (1920, 1080), (1080, 1920)
PIN = "2468"
IDLE_S, WARNING_S = 60, 10
LEFT, NO_MODIFIER = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
Key = Qt.Key

TOTEM = {"screen_bottom": 0.5, "screen_height": 1.2}
"""A portrait totem: 1.2 m of picture from 0.5 m above the floor (its top at 1.7 m)."""
WALL = {"screen_bottom": 0.9, "screen_height": 0.7}
"""A landscape screen on a stand: 0.7 m of picture from 0.9 m (its top at 1.6 m)."""
SHORT = {"screen_bottom": 1.0, "screen_height": 0.7}
"""A landscape screen on a taller stand: only its lowest 0.2 m is in reach, too little for a menu over the bar."""
LOW = {"screen_bottom": 0.1, "screen_height": 1.2}
"""A screen hung very low: 0.1 m to 1.3 m; the band ends 0.3 m above its lower edge."""
UNKNOWN: dict[str, float] = {}
"""The deck says nothing: a totem 0.8 m to 1.8 m is assumed, the lower 40 % of the picture."""

CASES = [
    # mounting, window, the band's rows (first, one past the last), worked out from the metres by hand
    pytest.param(TOTEM, PORTRAIT, (800, 1920), id="totem-portrait"),  # 1.2 m is 0.5 m below the top: 0.5/1.2
    pytest.param(TOTEM, LANDSCAPE, (450, 1080), id="totem-landscape"),
    pytest.param(WALL, LANDSCAPE, (618, 1080), id="wall-landscape"),  # 0.4/0.7 of 1080 = 617.1, rounded in
    pytest.param(WALL, PORTRAIT, (1098, 1920), id="wall-portrait"),
    pytest.param(UNKNOWN, LANDSCAPE, (648, 1080), id="unknown-landscape"),  # 0.6 of the picture down
    pytest.param(UNKNOWN, PORTRAIT, (1152, 1920), id="unknown-portrait"),
    pytest.param(LOW, LANDSCAPE, (90, 810), id="low-landscape"),  # 0.1/1.2 down to 0.9/1.2 of 1080
    pytest.param(LOW, PORTRAIT, (160, 1440), id="low-portrait"),
]
MENU_CASES = [*CASES, pytest.param(SHORT, LANDSCAPE, (772, 1080), id="short-landscape")]  # 0.5/0.7 of 1080 down


def make_deck(deck_factory: DeckFactory, **accessibility: Any) -> Deck:
    """Seven themes (the home screen pages in a short band), four languages, an exit PIN, controls that stay."""
    themes = [theme(f"t{n}", [statement(f"Slide {n}")], title=f"Theme {n}") for n in range(1, 8)]
    return deck_factory(
        themes,
        languages=["en", "fr", "nl", "de"],
        kiosk={"exit_pin": PIN, "exit_hold": EXIT_HOLD_S},
        attract={"idle_timeout": IDLE_S, "warning": WARNING_S},
        touch={"controls_timeout": 3600},
        accessibility=accessibility,
    )


@pytest.fixture
def shown(qtbot: Any, kiosk_player: Any, deck_factory: DeckFactory, attract_clock: FakeClock) -> Any:
    """``shown(size, **accessibility)``: a kiosk-mode player of the seven-theme deck, on its home screen."""

    def build(size: tuple[int, int], **accessibility: Any) -> Any:
        player = kiosk_player(make_deck(deck_factory, **accessibility), size=size)
        player.window.activateWindow()
        qtbot.waitActive(player.window)
        return player

    return build


def rows(window: QWidget, widget: QWidget) -> QRect:
    """Where ``widget`` is in ``window``'s coordinates (a popup menu too)."""
    if widget.isWindow():
        return QRect(widget.pos() - window.mapToGlobal(QPoint(0, 0)), widget.size())
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def outside(window: QWidget, band: tuple[int, int], widgets: list[QWidget]) -> list[str]:
    """The widgets that are not wholly inside the band's rows and the window's width, with where they are."""
    top, bottom = band
    wrong = []
    for widget in widgets:
        place = rows(window, widget)
        if place.top() < top or place.bottom() >= bottom or place.left() < 0 or place.right() >= window.width():
            wrong.append(f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r} at {place}")
    return wrong


def pressable(window: QWidget) -> list[QWidget]:
    """Every button on screen in the window (tiles, the bar's buttons, More time, the keypad's keys)."""
    return [w for w in window.findChildren(QAbstractButton) if w.isVisible()]


def open_menu(qtbot: Any, player: Any, button: QWidget, menu: QMenu) -> QMenu:
    """Tap ``button`` on the bar as a visitor would, and wait for ``menu`` to be up."""
    tap(player.window, button)
    qtbot.waitUntil(menu.isVisible)
    return menu


def choose(menu: QMenu, words: str) -> None:
    """Tap the item of ``menu`` that says ``words``."""
    (item,) = [action for action in menu.actions() if action.text() == words and action.isVisible()]
    QTest.mouseClick(menu, LEFT, NO_MODIFIER, menu.actionGeometry(item).center())


def turn_reach_on(qtbot: Any, player: Any) -> None:
    """The accessibility button, then Within reach."""
    navbar = player.window.navbar
    menu = open_menu(qtbot, player, navbar.access_button, navbar.access_menu)
    with qtbot.waitSignal(player.controller.access_changed, timeout=2000):
        choose(menu, "Within reach")
    qtbot.waitUntil(lambda: not menu.isVisible())
    assert player.controller.access.reach


def home(player: Any) -> HomeView:
    view = player.window.stage.current_view()
    assert isinstance(view, HomeView)
    return view


# -- everything pressable in the band --------------------------------------------------------------


@pytest.mark.parametrize(("mounting", "size", "band"), CASES)
def test_with_reach_on_every_control_of_the_home_screen_and_bar_is_in_the_band(
    qtbot: Any, shown: Any, mounting: dict[str, float], size: tuple[int, int], band: tuple[int, int]
) -> None:
    player = shown(size, **mounting)
    window, navbar = player.window, player.window.navbar
    turn_reach_on(qtbot, player)
    found = navbar.reach_band()
    assert (found.top, found.bottom) == band, "the band the metres give"
    assert not found.fallback
    view = home(player)
    assert outside(window, band, pressable(window)) == []
    assert outside(window, band, list(view.tiles)) == [], "the tiles of every page"
    assert view.page_count() >= 1
    target = minimum_touch_target(window, Scale(*size))
    assert all(min(tile.width(), tile.height()) >= target for tile in view.tiles), "tiles keep their least size"
    assert rows(window, navbar).bottom() == band[1] - 1, "the bar at the band's foot"
    assert navbar.access_button.isChecked(), "the button shows a display mode is on"
    while view.has_next_page():  # each page's tiles, as the visitor turns to them
        tap(window, navbar.next_button)
        assert outside(window, band, pressable(window)) == []


@pytest.mark.parametrize(("mounting", "size", "band"), MENU_CASES)
def test_with_reach_on_the_menus_open_inside_the_band(
    qtbot: Any, shown: Any, mounting: dict[str, float], size: tuple[int, int], band: tuple[int, int]
) -> None:
    player = shown(size, **mounting)
    window, navbar = player.window, player.window.navbar
    turn_reach_on(qtbot, player)
    menu = open_menu(qtbot, player, navbar.access_button, navbar.access_menu)
    assert outside(window, band, [menu]) == []
    ticked = {action.text(): action.isChecked() for action in menu.actions() if action.isVisible()}
    assert ticked == {"Larger text": False, "High contrast": False, "Within reach": True}
    target = minimum_touch_target(window, Scale(*size))
    assert all(menu.actionGeometry(a).height() >= target for a in menu.actions() if a.isVisible())
    menu.close()
    languages = open_menu(qtbot, player, navbar.language_button, navbar.language_menu)
    assert outside(window, band, [languages]) == []
    languages.close()


@pytest.mark.parametrize(("mounting", "size", "band"), CASES)
def test_with_reach_on_the_keypad_and_the_booth_choices_are_in_the_band(
    qtbot: Any, shown: Any, mounting: dict[str, float], size: tuple[int, int], band: tuple[int, int]
) -> None:
    player = shown(size, **mounting)
    window, pad = player.window, player.exit_pad
    turn_reach_on(qtbot, player)
    hold_until_the_keypad_opens(qtbot, player)
    keys = [*pad.digit_buttons.values(), pad.clear_button, pad.ok_button, pad.cancel_button]
    assert all(key.isVisible() for key in keys)
    assert outside(window, band, keys) == []
    target = minimum_touch_target(window, Scale(*size))
    assert all(min(key.width(), key.height()) >= target for key in keys)
    type_pin(window, pad, PIN)  # each digit tapped where it now is
    assert pad.is_choosing()
    assert outside(window, band, [pad.present_button, pad.exit_button, pad.cancel_button]) == []
    tap(window, pad.cancel_button)
    assert not pad.is_open()


@pytest.mark.parametrize(("mounting", "size", "band"), CASES)
def test_with_reach_on_more_time_is_in_the_band(
    qtbot: Any,
    shown: Any,
    attract_clock: FakeClock,
    mounting: dict[str, float],
    size: tuple[int, int],
    band: tuple[int, int],
) -> None:
    player = shown(size, **mounting)
    turn_reach_on(qtbot, player)
    go(qtbot, player, Position(0, 0))
    player.attract.policy.on_input()
    attract_clock.advance(IDLE_S)
    player.attract.check()
    assert player.attract.phase is Phase.WARNING
    more_time = player.attract_cards.warning.more_time
    assert more_time.isVisible()
    assert outside(player.window, band, [more_time]) == []
    tap(player.window, more_time)
    assert player.attract.phase is Phase.ACTIVE


# -- off, as before; on and off again --------------------------------------------------------------


def layout(player: Any) -> list[tuple[str, QRect]]:
    """Where every tile and every button of the bar is."""
    window = player.window
    widgets = [*home(player).tiles, *player.window.navbar.findChildren(QAbstractButton)]
    return [(w.accessibleName(), rows(window, w)) for w in widgets if not w.isHidden()]


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_reach_off_again_puts_everything_back_where_it_was(qtbot: Any, shown: Any, size: tuple[int, int]) -> None:
    player = shown(size, **LOW)
    before = layout(player)
    assert rows(player.window, player.window.navbar).bottom() == size[1] - 1, "off: the bar at the bottom"
    turn_reach_on(qtbot, player)
    assert layout(player) != before
    band = player.window.navbar.reach_band()
    assert rows(player.window, player.window.navbar).bottom() == band.bottom - 1 < size[1] - 1, "on: in the band"
    player.window.navbar.access_button.click()
    menu = player.window.navbar.access_menu
    qtbot.waitUntil(menu.isVisible)
    choose(menu, "Within reach")
    assert not player.controller.access.reach
    assert layout(player) == before
    assert not player.window.navbar.access_button.isChecked()


# -- keys, switches, words -------------------------------------------------------------------------


def key(player: Any, which: Qt.Key) -> None:
    """One key press, as a keyboard or a switch interface sends it to whatever has the focus."""
    QTest.keyClick(player.window.windowHandle(), which)
    QApplication.processEvents()


def test_r_t_and_c_switch_the_modes_and_the_menu_follows(qtbot: Any, shown: Any) -> None:
    player = shown(LANDSCAPE)
    navbar = player.window.navbar
    key(player, Key.Key_R)
    assert player.controller.access == AccessModes(reach=True)
    assert rows(player.window, navbar).top() >= 648, "the bar in the band"
    key(player, Key.Key_T)
    key(player, Key.Key_C)
    assert player.controller.access == AccessModes(reach=True, larger_text=True, high_contrast=True)
    assert [a.isChecked() for a in navbar.mode_actions.values()] == [True, True, True]
    key(player, Key.Key_R)
    assert player.controller.access == AccessModes(larger_text=True, high_contrast=True)
    assert not navbar.mode_actions["reach"].isChecked()
    assert navbar.access_button.isChecked(), "larger text and high contrast are still on"


def test_tab_reaches_the_accessibility_button_and_enter_its_items(qtbot: Any, shown: Any) -> None:
    player = shown(PORTRAIT)
    navbar = player.window.navbar
    for _ in range(20):
        key(player, Key.Key_Tab)
        if QApplication.focusWidget() is navbar.access_button:
            break
    assert QApplication.focusWidget() is navbar.access_button, "Tab reaches the accessibility button"
    key(player, Key.Key_Return)
    qtbot.waitUntil(navbar.access_menu.isVisible)
    assert player.controller.position.is_home, "Enter pressed the button, it did not turn to a slide"
    for _ in range(3):  # a switch's Tab steps through the items: Larger text, High contrast, Within reach
        key(player, Key.Key_Tab)
    assert navbar.access_menu.activeAction() is navbar.mode_actions["reach"]
    key(player, Key.Key_Return)
    assert player.controller.access.reach
    qtbot.waitUntil(lambda: not navbar.access_menu.isVisible())
    settle(qtbot, player.window.stage)
    assert outside(player.window, (1152, 1920), pressable(player.window)) == []


def test_the_button_and_its_menu_speak_the_visitors_language(qtbot: Any, shown: Any) -> None:
    player = shown(LANDSCAPE)
    player.controller.set_language("fr")
    navbar = player.window.navbar
    button = navbar.access_button
    assert button.accessibleName() == "Accessibilité"
    assert button.accessibleDescription().startswith("Lecture à voix haute, texte plus grand")
    target = minimum_touch_target(player.window, Scale(*LANDSCAPE))
    assert min(button.width(), button.height()) >= target
    menu = open_menu(qtbot, player, button, navbar.access_menu)
    shown_items = [a.text() for a in menu.actions() if a.isVisible()]
    assert shown_items == ["Texte plus grand", "Contraste élevé", "À portée de main"]
    choose(menu, "À portée de main")
    assert player.controller.access.reach


@needs_mock_engine
def test_read_aloud_in_the_menu_does_what_the_speak_button_does(
    qtbot: Any, kiosk_player: Any, deck_factory: DeckFactory
) -> None:
    player = kiosk_player(make_deck(deck_factory), size=LANDSCAPE, speech_engine="mock")
    navbar = player.window.navbar
    menu = open_menu(qtbot, player, navbar.access_button, navbar.access_menu)
    assert [a.text() for a in menu.actions() if a.isVisible()][0] == "Read aloud", "first, where speech works"
    with qtbot.waitSignal(player.speech.enabled_changed, timeout=2000):
        choose(menu, "Read aloud")
    assert player.speech.enabled
    assert navbar.speak_button.isChecked() and navbar.read_aloud_action.isChecked(), "both show it on"
    tap(player.window, navbar.speak_button)  # and the bar's button turns it off, the item following
    assert not player.speech.enabled and not navbar.read_aloud_action.isChecked()


def test_every_item_of_both_menus_is_a_touch_target_also_on_a_small_screen(qtbot: Any, shown: Any) -> None:
    player = shown((1280, 720))  # where the words alone would make items shorter than a fingertip
    navbar = player.window.navbar
    target = minimum_touch_target(player.window, Scale(1280, 720))
    for button, menu in ((navbar.access_button, navbar.access_menu), (navbar.language_button, navbar.language_menu)):
        open_menu(qtbot, player, button, menu)
        heights = [menu.actionGeometry(a).height() for a in menu.actions() if a.isVisible()]
        assert len(heights) >= 3 and min(heights) >= target, f"{heights} against {target}"
        menu.close()


# -- the deck's default, and the end of a visit ----------------------------------------------------


def test_a_deck_that_starts_in_reach_shows_it_and_the_next_visit_starts_in_it_again(
    qtbot: Any, shown: Any, attract_clock: FakeClock
) -> None:
    player = shown(PORTRAIT, reach=True, **TOTEM)
    navbar = player.window.navbar
    assert player.controller.access == AccessModes(reach=True)
    assert outside(player.window, (800, 1920), pressable(player.window)) == [], "in reach from the start"
    menu = open_menu(qtbot, player, navbar.access_button, navbar.access_menu)
    assert navbar.mode_actions["reach"].isChecked()
    choose(menu, "Within reach")  # this visitor turns it off
    key(player, Key.Key_T)
    assert player.controller.access == AccessModes(larger_text=True)
    player.attract.policy.on_input()
    attract_clock.advance(IDLE_S + WARNING_S + 1)  # the visitor walks away: the warning, then auto-play
    player.attract.check()
    player.attract.check()
    assert player.attract.phase is Phase.AUTOPLAY
    assert player.controller.access == AccessModes(reach=True), "the next visit starts as the deck says"
    assert navbar.mode_actions["reach"].isChecked() and not navbar.mode_actions["larger_text"].isChecked()


def test_the_end_of_a_visit_turns_reach_off_again(qtbot: Any, shown: Any, attract_clock: FakeClock) -> None:
    player = shown(LANDSCAPE, **LOW)
    turn_reach_on(qtbot, player)
    assert rows(player.window, player.window.navbar).bottom() == 810 - 1, "the bar at the foot of the band"
    player.attract.policy.on_input()
    attract_clock.advance(IDLE_S + WARNING_S + 1)
    player.attract.check()
    player.attract.check()
    assert player.attract.phase is Phase.AUTOPLAY
    assert player.controller.access == AccessModes()
    assert rows(player.window, player.window.navbar).bottom() == LANDSCAPE[1] - 1, "the bar back at the bottom"
