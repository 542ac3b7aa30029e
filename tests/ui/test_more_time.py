"""More time: the "still there?" warning offers a large button that doubles the idle timeout for the rest of the visit.

Players are built in kiosk mode with attract mode on a fake clock (``attract_clock``): a test moves the clock
and calls ``attract.check()`` as the timer would. The idle timeout is 1 s and the warning 1 s.
"""

from __future__ import annotations

import wave
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.attract import Phase
from kiosk.core.navigator import HOME, Position
from kiosk.deck import Deck
from kiosk.ui.attract_cards import tone_file
from kiosk.ui.scale import Scale, minimum_touch_target
from tests.core.clock import FakeClock
from tests.ui.helpers import go, settle
from tests.ui.test_attract_mode import ATTRACT, attract_clock, click, deck, kiosk_player, touch, window_point
from tests.ui.test_speech import needs_mock_engine

__all__ = ["attract_clock", "deck", "kiosk_player"]  # fixtures shared with the attract mode tests

P = Position
IDLE_S = ATTRACT["idle_timeout"]
WARNING_S = ATTRACT["warning"]
VISITOR_AT = P(0, 1)


def warn(player: Any, clock: FakeClock, idle_s: float = IDLE_S) -> None:
    """Let ``idle_s`` pass without input; the warning must then be up."""
    clock.advance(idle_s)
    player.attract.check()
    assert player.attract.phase is Phase.WARNING
    assert player.attract_cards.warning.isVisible()


def quiet_for(player: Any, clock: FakeClock, seconds: float) -> Phase:
    """Let ``seconds`` pass without input; returns the phase attract mode is then in."""
    clock.advance(seconds)
    player.attract.check()
    return player.attract.phase


@pytest.fixture
def visitor(qtbot: Any, kiosk_player: Any, deck: Deck, attract_clock: FakeClock) -> Any:
    """A kiosk-mode player with a visitor on the second slide of the first theme, the window active."""
    player = kiosk_player(deck)
    player.window.activateWindow()
    qtbot.waitActive(player.window)
    go(qtbot, player, VISITOR_AT)
    player.attract.policy.on_input()  # the visitor's last input is now
    player.attract.check()
    return player


def button_point(player: Any) -> QPoint:
    return window_point(player, player.attract_cards.warning.more_time)


def test_the_warning_offers_a_large_more_time_button_in_the_visitors_language(
    qtbot: Any, visitor: Any, attract_clock: FakeClock
) -> None:
    visitor.controller.set_language("fr")
    warn(visitor, attract_clock)
    button = visitor.attract_cards.warning.more_time
    assert button.isVisible()
    assert button.text() == "Plus de temps"
    window = visitor.window
    target = minimum_touch_target(window, Scale(window.width(), window.height()))
    assert button.height() >= target and button.width() >= target, "a touch target of at least 15 mm"
    card = visitor.attract_cards.warning.geometry()
    assert card.contains(button.geometry().translated(card.topLeft())), "on the warning card"


def test_the_warning_sounds_a_short_tone_once_as_it_comes_up(
    qtbot: Any, visitor: Any, attract_clock: FakeClock
) -> None:
    tone = visitor.attract_cards.tone
    assert tone.played == 0
    warn(visitor, attract_clock)
    assert tone.played == 1
    attract_clock.advance(WARNING_S / 2)
    visitor.attract.check()
    visitor.controller.set_language("nl")  # the warning is drawn again in Dutch
    assert visitor.attract_cards.warning.texts()[0] == "Bent u er nog?"
    assert tone.played == 1, "the countdown and a new language do not sound it again"
    if tone.audible:  # QtMultimedia installed: the tone is a real, short sound file
        with wave.open(str(tone_file())) as sound:
            seconds = sound.getnframes() / sound.getframerate()
        assert 0.1 <= seconds <= 0.5


def test_clicking_more_time_keeps_the_visitor_on_their_slide_and_doubles_the_idle_timeout(
    qtbot: Any, visitor: Any, attract_clock: FakeClock
) -> None:
    warn(visitor, attract_clock)
    click(visitor.window, button_point(visitor))
    assert not visitor.attract_cards.warning.isVisible(), "the warning goes"
    assert visitor.controller.position == VISITOR_AT, "the visitor stays on their slide"
    assert visitor.attract.phase is Phase.ACTIVE
    assert quiet_for(visitor, attract_clock, IDLE_S) is Phase.ACTIVE, "no warning after the usual idle timeout"
    assert quiet_for(visitor, attract_clock, IDLE_S - 0.01) is Phase.ACTIVE
    assert quiet_for(visitor, attract_clock, 0.01) is Phase.WARNING, "the next warning after twice the idle timeout"
    assert visitor.controller.position == VISITOR_AT


def test_after_the_visit_the_idle_timeout_is_back_to_normal(qtbot: Any, visitor: Any, attract_clock: FakeClock) -> None:
    warn(visitor, attract_clock)
    click(visitor.window, button_point(visitor))
    assert quiet_for(visitor, attract_clock, 2 * IDLE_S) is Phase.WARNING
    assert quiet_for(visitor, attract_clock, WARNING_S) is Phase.AUTOPLAY, "nobody answered: the visit is over"
    click(visitor.window, QPoint(640, 330))  # the next visitor wakes the display
    settle(qtbot, visitor.window.stage)
    assert visitor.controller.position == HOME
    assert quiet_for(visitor, attract_clock, IDLE_S) is Phase.WARNING, "the usual idle timeout again"


def test_a_finger_on_more_time_works_as_a_click_does(
    qtbot: Any, visitor: Any, attract_clock: FakeClock, touchscreen: QPointingDevice
) -> None:
    warn(visitor, attract_clock)
    touch(visitor.window, touchscreen, button_point(visitor), qtbot)
    QApplication.processEvents()
    assert visitor.attract.phase is Phase.ACTIVE
    assert visitor.controller.position == VISITOR_AT
    assert quiet_for(visitor, attract_clock, 2 * IDLE_S - 0.01) is Phase.ACTIVE, "the timeout was doubled"


def test_touching_the_card_elsewhere_carries_on_without_more_time(
    qtbot: Any, visitor: Any, attract_clock: FakeClock
) -> None:
    warn(visitor, attract_clock)
    card = visitor.attract_cards.warning
    click(visitor.window, card.mapTo(visitor.window, QPoint(card.width() // 2, 4)))
    assert not card.isVisible()
    assert visitor.controller.position == VISITOR_AT
    assert quiet_for(visitor, attract_clock, IDLE_S) is Phase.WARNING, "only the usual idle timeout"


def test_a_switch_reaches_more_time_with_tab_and_presses_it_with_enter(
    qtbot: Any, visitor: Any, attract_clock: FakeClock
) -> None:
    warn(visitor, attract_clock)
    handle = visitor.window.windowHandle()
    QTest.keyClick(handle, Qt.Key.Key_Tab)
    button = visitor.attract_cards.warning.more_time
    assert QApplication.focusWidget() is button, "Tab during the warning goes to More time"
    assert visitor.attract_cards.warning.isVisible(), "and does not dismiss the warning"
    QTest.keyClick(handle, Qt.Key.Key_Return)
    assert not visitor.attract_cards.warning.isVisible()
    assert visitor.controller.position == VISITOR_AT, "Enter pressed More time, not Next"
    assert QApplication.focusWidget() is not button
    assert quiet_for(visitor, attract_clock, 2 * IDLE_S - 0.01) is Phase.ACTIVE, "the timeout was doubled"


@needs_mock_engine
def test_with_reading_aloud_on_the_warning_is_spoken_with_more_time_and_the_countdown(
    qtbot: Any, kiosk_player: Any, deck: Deck, attract_clock: FakeClock
) -> None:
    # GIVEN a visitor who turned reading aloud on, then stopped touching the screen
    player = kiosk_player(deck, speech_engine="mock")
    go(qtbot, player, VISITOR_AT)
    player.speech.set_enabled(True)
    player.attract.policy.on_input()
    player.attract.check()
    said: list[str] = []

    def heard(word: str, *_rest: Any) -> None:
        said.append(word)

    player.speech.engine.sayingWord.connect(heard)

    # WHEN the warning comes up THEN it is said, offering More time, with the seconds left
    warn(player, attract_clock)
    qtbot.waitUntil(lambda: said[-2:] == ["Still", "there"], timeout=5000)
    assert player.speech.text == (
        f"Still there? Touch the screen to carry on, or choose More time. Back to the start in {WARNING_S} seconds."
    )
