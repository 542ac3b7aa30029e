"""Switching language keeps the position and changes every text and number format on screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.core.navigator import Position
from kiosk.ui.home import HomeView
from tests.ui.helpers import settle

NNBSP = "\u202f"


@pytest.fixture
def time_scale() -> float:
    """Transitions and counts run four times quicker than on a booth."""
    return 0.25


def go(qtbot: Any, player: Any, position: Position) -> Any:
    player.controller.go_to(position)
    settle(qtbot, player.window.stage)
    view = player.window.stage.current_view()
    view.finish_animations()
    return view


def press_l(player: Any) -> None:
    QTest.keyClick(player.window, Qt.Key.Key_L)


def test_language_key_cycles_through_the_decks_languages_on_a_figures_slide(qtbot: Any, player: Any) -> None:
    view = go(qtbot, player, Position(0, 2))
    counters = view.counters
    assert "Investing in discovery" in view.visible_texts()
    assert [c.text() for c in counters] == ["€5.7 billion", "over 400"]
    expected = {
        "fr": ("Investir dans la découverte", ["5,7 milliards €", "plus de 400"]),
        "nl": ("Investeren in onderzoek", ["€ 5,7 miljard", "meer dan 400"]),
        "de": ("Investieren in Forschung", ["5,7 Mrd. €", "über 400"]),
        "en": ("Investing in discovery", ["€5.7 billion", "over 400"]),
    }
    for language, (heading, numbers) in expected.items():
        press_l(player)
        assert player.controller.language == language
        assert player.controller.position == Position(0, 2), "the language switch keeps the position"
        assert player.window.stage.current_view() is view, "the slide is translated in place, not rebuilt"
        assert heading in view.visible_texts()
        assert [c.text() for c in counters] == numbers
        assert all(text in view.visible_texts() for text in numbers)
        assert not player.window.stage.is_transitioning()


@pytest.mark.parametrize(
    ("language", "grouped"),
    [("en", "over 43,000"), ("fr", f"plus de 43{NNBSP}000"), ("nl", "meer dan 43.000"), ("de", "über 43.000")],
)
def test_group_separators_follow_the_language(qtbot: Any, player: Any, language: str, grouped: str) -> None:
    view = go(qtbot, player, Position(2, 3))
    player.controller.set_language(language)
    assert grouped in view.visible_texts()
    counter = next(c for c in view.counters if c.text() == grouped)
    assert counter.final_text() == grouped


def test_language_switch_reaches_neighbours_home_and_later_slides(qtbot: Any, player: Any) -> None:
    go(qtbot, player, Position(0, 0))
    press_l(player)
    assert player.controller.language == "fr"
    QTest.keyClick(player.window, Qt.Key.Key_Right)
    settle(qtbot, player.window.stage)
    assert "Plus rapide que les géants" in player.window.stage.current_view().visible_texts()
    QTest.keyClick(player.window, Qt.Key.Key_Home)
    settle(qtbot, player.window.stage)
    home = player.window.stage.current_view()
    assert isinstance(home, HomeView)
    assert home.visible_texts()[0] == "La Belgique, pôle d'excellence en biotech et biopharma"
    QTest.keyClick(player.window, Qt.Key.Key_3)
    settle(qtbot, player.window.stage)
    assert "Leader de la bioproduction" in player.window.stage.current_view().visible_texts()


def test_a_counter_switched_mid_count_keeps_counting_in_the_new_format(qtbot: Any, player: Any) -> None:
    stage = player.window.stage
    player.controller.go_to(Position(2, 3))
    settle(qtbot, stage)
    view = stage.current_view()
    big = view.counters[1]
    qtbot.waitUntil(lambda: big.is_counting() and big.text() not in (big.text_for(0), big.final_text()))
    press_l(player)
    assert player.controller.language == "fr"
    assert big.is_counting()
    assert big.text().startswith("plus de "), big.text()
    width = big.width()
    qtbot.waitUntil(lambda: not big.is_counting(), timeout=5000)
    assert big.text() == f"plus de 43{NNBSP}000"
    assert big.width() == width
