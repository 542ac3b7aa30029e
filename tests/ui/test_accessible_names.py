"""Accessible names: every control a visitor can reach or press, and every view, is named in the visitor's language.

A kiosk-mode player (attract mode on a fake clock, the exit keypad) is shown in French; the test walks every
widget on screen on the home screen, on a slide of each kind, on the keypad and on the "still there?" warning.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.core.navigator import Position
from kiosk.core.strings import STRINGS
from kiosk.deck import Deck
from kiosk.ui.home import HomeView
from tests.core.clock import FakeClock
from tests.ui.conftest import figure, figures, statement, theme, title
from tests.ui.helpers import go
from tests.ui.test_attract_mode import attract_clock, kiosk_player

__all__ = ["attract_clock", "kiosk_player"]  # fixtures shared with the attract mode tests

P = Position
KINDS = {"title": P(0, 0), "statement": P(0, 1), "figures": P(0, 2), "image": P(0, 3), "qr": P(0, 4)}
ENGLISH_ONLY = {words["en"] for words in STRINGS.values() if words["en"] != words["fr"]}
"""The player's English words that differ in French: none may name anything on a French screen."""


def both(text: str) -> dict[str, str]:
    return {"en": text, "fr": f"{text} (fr)"}


@pytest.fixture
def deck(deck_factory: Any) -> Deck:
    """Two themes in English and French; the first has a slide of every kind."""
    slides = [
        title(both("Titre"), both("Sous-titre")),  # type: ignore[arg-type]
        statement(both("Enoncé"), both("Le corps du texte.")),  # type: ignore[arg-type]
        figures(both("Chiffres"), figure(5.7, decimals=1, label=both("milliards"))),  # type: ignore[arg-type]
        {"kind": "image", "heading": both("Image"), "image": "images/pic.svg", "caption": both("Légende")},
        {"kind": "qr", "heading": both("Code"), "url": "https://example.org/", "caption": both("Scannez")},
    ]
    themes = [
        theme("alpha", slides, title=both("Alpha")),
        theme("beta", [statement(both("B1"), both("Corps B1"))], title=both("Beta")),
    ]
    picture = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>'
    return deck_factory(
        themes, files={"images/pic.svg": picture}, languages=["en", "fr"], attract={"idle_timeout": 60, "warning": 10}
    )


@pytest.fixture
def french(kiosk_player: Any, deck: Deck, attract_clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("KIOSK_EXIT_PIN", "2468")
    return kiosk_player(deck, lang="fr")


def reachable(window: QWidget) -> list[QWidget]:
    """Every widget on screen that a visitor can press or reach with Tab."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if widget.isVisible()
        and (isinstance(widget, QAbstractButton) or widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]


def assert_named_in_french(window: QWidget) -> list[QWidget]:
    widgets = reachable(window)
    assert widgets, "something to press"
    for widget in widgets:
        label = f"{type(widget).__name__} {widget.objectName()!r}"
        assert widget.accessibleName().strip(), f"{label} has no accessible name"
        assert widget.accessibleName() not in ENGLISH_ONLY, f"{label} is named in English on a French screen"
    return widgets


def test_the_home_screen_names_its_tiles_controls_and_pages(qtbot: Any, french: Any) -> None:
    window = french.window
    home = window.stage.current_view()
    assert isinstance(home, HomeView)
    assert home.accessibleName() == "Test deck"
    widgets = assert_named_in_french(window)
    assert [tile.accessibleName() for tile in home.tiles] == ["Alpha (fr)", "Beta (fr)"]
    assert set(home.tiles) <= set(widgets), "the tiles are among the controls"
    navbar = window.navbar
    assert navbar.next_button.accessibleName() == "Suivant"
    assert navbar.home_button.accessibleName() == "Accueil"
    assert home.page_dots.accessibleName() == "Pages"
    assert home.page_dots.accessibleDescription() == f"Page 1 sur {home.page_count()}"


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_of_slide_is_named_by_its_heading_and_described_by_its_text(
    qtbot: Any, french: Any, kind: str
) -> None:
    go(qtbot, french, KINDS[kind])
    view = french.window.stage.current_view()
    heading = {"title": "Titre", "statement": "Enoncé", "figures": "Chiffres", "image": "Image", "qr": "Code"}[kind]
    assert view.accessibleName() == f"{heading} (fr)"
    description = view.accessibleDescription()
    expected = {
        "title": "Sous-titre (fr)",
        "statement": "Le corps du texte. (fr)",
        "figures": "5,7",
        "image": "Légende (fr)",
        "qr": "https://example.org/",
    }[kind]
    assert expected in description
    assert heading not in description, "the heading is the name, not repeated in the description"
    assert_named_in_french(french.window)
    dots = french.window.navbar.dots
    assert dots.accessibleName() == "Progression"
    assert dots.accessibleDescription() == f"Diapositive {KINDS[kind].slide + 1} sur 5"


def test_a_slide_is_named_again_when_the_language_changes(qtbot: Any, french: Any) -> None:
    go(qtbot, french, KINDS["statement"])
    french.controller.set_language("en")
    view = french.window.stage.current_view()
    assert view.accessibleName() == "Enoncé"
    assert french.window.navbar.next_button.accessibleName() == "Next"


def test_the_keypad_names_every_key_in_french(qtbot: Any, french: Any) -> None:
    pad = french.exit_pad
    pad.open()
    pad.type_digit("2")
    widgets = assert_named_in_french(pad)
    assert len(widgets) == 13, "ten digits, delete, OK and cancel"
    assert pad.ok_button.accessibleName() == "Valider"
    assert pad.clear_button.accessibleName() == "Effacer le dernier chiffre"
    assert pad.dots.accessibleName() == "Saisie du code"
    assert pad.dots.accessibleDescription() == "Chiffres saisis : 1"
    pad.cancel()


def test_the_still_there_warning_and_more_time_are_named_in_french(
    qtbot: Any, french: Any, attract_clock: FakeClock
) -> None:
    attract_clock.advance(60)
    french.attract.check()
    card = french.attract_cards.warning
    assert card.isVisible()
    assert card.accessibleName() == "Vous êtes toujours là ?"
    assert "Touchez l’écran pour continuer." in card.accessibleDescription()
    widgets = assert_named_in_french(french.window)
    assert card.more_time in widgets
    assert card.more_time.accessibleName() == "Plus de temps"
    assert card.more_time.accessibleDescription() == STRINGS["more_time_description"]["fr"]


def test_a_figure_is_described_by_the_value_it_counts_up_to(qtbot: Any, french: Any) -> None:
    go(qtbot, french, KINDS["figures"])
    go(qtbot, french, KINDS["statement"])  # the figures slide waits next door, its counter back at its start value
    french.controller.set_language("en")
    french.controller.set_language("fr")  # and is named again while it stands there
    go(qtbot, french, KINDS["figures"])
    assert "5,7" in french.window.stage.current_view().accessibleDescription()
