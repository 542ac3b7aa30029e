"""Reading aloud turned on without sight: two fingers held still anywhere, as a visitor who cannot see does it.

Fingers go through Qt's window system interface on a registered touch screen. The hold is timed on a
fake clock the test moves, and the test looks at it (``check()``) as the gesture's timer would. Speech
uses QtTextToSpeech's "mock" engine, which reports each word it would say.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.navigator import HOME, Position
from kiosk.deck import Deck
from kiosk.player.chime import SpeechOnChime
from kiosk.player.two_finger_hold import HOLD_S, SECOND_FINGER_S
from tests.core.clock import FakeClock
from tests.ui.conftest import DeckFactory, PlayerFactory, statement, theme
from tests.ui.helpers import Moves, go
from tests.ui.test_attract_mode import attract_clock
from tests.ui.test_speech import end_the_visit, needs_mock_engine, player_with_visits

__all__ = ["attract_clock"]  # a fixture shared with the attract mode tests

HINT = "Reading aloud is on. Swipe or use the arrows to move; the slide is read each time."
A, B = QPoint(500, 300), QPoint(760, 320)
"""Where the two fingers land: the middle of the 1280x720 stage, well away from the edges and the bar."""


@pytest.fixture
def deck(deck_factory: DeckFactory) -> Deck:
    research = theme(
        "research",
        [statement({"en": "Faster", "fr": "Plus vite"}, {"en": "It grew.", "fr": "Elle a crû."}), statement("Next")],
        title={"en": "Research", "fr": "Recherche"},
    )
    return deck_factory([research], languages=["en", "fr"], title={"en": "Our story", "fr": "Notre histoire"})


class Fingers:
    """Fingers on the touch screen, in window coordinates; time between touches passes on ``clock``."""

    def __init__(self, player: Any, device: QPointingDevice, clock: FakeClock) -> None:
        self.player, self.window, self.device, self.clock = player, player.window.windowHandle(), device, clock
        self.at: dict[int, QPoint] = {}

    def _send(self, changes: dict[int, tuple[str, QPoint]]) -> None:
        sequence = QTest.touchEvent(self.window, self.device)
        for finger, (what, point) in changes.items():
            getattr(sequence, what)(finger, point)
        for finger in self.at.keys() - changes.keys():
            sequence.stationary(finger)
        sequence.commit()
        QApplication.processEvents()

    def down(self, **points: QPoint) -> None:
        """Fingers (by name: ``f0``, ``f1``...) land together."""
        changes = {int(name[1:]): ("press", point) for name, point in points.items()}
        self._send(changes)
        self.at.update({finger: point for finger, (_, point) in changes.items()})

    def move(self, **points: QPoint) -> None:
        changes = {int(name[1:]): ("move", point) for name, point in points.items()}
        self._send(changes)
        self.at.update({finger: point for finger, (_, point) in changes.items()})

    def up(self) -> None:
        """Every finger lifts."""
        self._send({finger: ("release", point) for finger, point in self.at.items()})
        self.at.clear()

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass with the fingers where they are; the hold looks at its clock."""
        self.clock.advance(seconds)
        self.player.two_finger_hold.check()

    def hold(self, first: QPoint = A, second: QPoint = B, seconds: float = HOLD_S) -> None:
        """Two fingers down together, still for ``seconds``, then up."""
        self.down(f0=first, f1=second)
        self.wait(seconds)
        self.up()


def holds_of(player: Any) -> list[bool]:
    """Every hold the player's two-finger gesture recognises from now on."""
    held: list[bool] = []
    player.two_finger_hold.held.connect(lambda: held.append(True))
    return held


@pytest.fixture
def fingers_for(touchscreen: QPointingDevice) -> Any:
    def make(player: Any) -> Fingers:
        clock = FakeClock()
        player.two_finger_hold.clock = clock
        return Fingers(player, touchscreen, clock)

    return make


def words_after(qtbot: Any, player: Any, action: Any, count: int) -> list[str]:
    """Do ``action`` and return the first ``count`` words the engine says after it."""
    said: list[str] = []
    engine = player.speech.engine

    def heard(word: str, *_rest: Any) -> None:
        said.append(word)

    engine.sayingWord.connect(heard)
    try:
        action()
        qtbot.waitUntil(lambda: len(said) >= count, timeout=5000)
    finally:
        engine.sayingWord.disconnect(heard)
    return said[:count]


def hint_then_slide(hint: str, slide: str) -> list[str]:
    return (hint + " " + slide).split()


@needs_mock_engine
def test_two_fingers_held_turn_speech_on_with_a_chime_a_hint_and_then_the_slide(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any
) -> None:
    # GIVEN a visitor on the first slide, speech off
    player = make_player(deck, speech_engine="mock")
    go(qtbot, player, Position(0, 0))
    fingers, moves = fingers_for(player), Moves(player.controller)
    assert not player.speech.enabled

    # WHEN two fingers land together and stay still, not yet long enough THEN nothing yet
    fingers.down(f0=A, f1=B)
    fingers.wait(HOLD_S - 0.1)
    assert not player.speech.enabled

    # WHEN the hold lasts its time THEN a chime, the hint, then the slide
    expected = hint_then_slide(HINT, "Research. Faster. It grew.")
    said = words_after(qtbot, player, lambda: fingers.wait(0.1), count=len(expected))
    assert [word.strip(".;,") for word in said] == [word.strip(".;,") for word in expected]
    assert player.speech.enabled
    assert player.window.navbar.speak_button.isChecked()
    chime = player.two_finger_hold.findChild(SpeechOnChime)
    assert chime is not None and chime.played == 1
    fingers.up()

    # THEN the fingers neither turned the slide nor tapped anything
    assert moves.changes == []
    assert player.controller.position == Position(0, 0)

    # WHEN the visitor goes on THEN the next slide is read
    assert words_after(qtbot, player, player.controller.next, count=2) == ["Research", "Next"]


@needs_mock_engine
def test_two_fingers_held_on_a_home_tile_open_nothing_and_the_home_screen_is_read(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any
) -> None:
    # GIVEN the home screen, its tile under both fingers
    player = make_player(deck, speech_engine="mock")
    go(qtbot, player, HOME)
    tile = player.window.stage.current_view().tiles[0]
    centre = tile.mapTo(player.window, tile.rect().center())
    fingers, moves = fingers_for(player), Moves(player.controller)

    # WHEN two fingers are held on it THEN the hint and the home screen are read, and no theme opens
    said = words_after(qtbot, player, lambda: fingers.hold(centre, centre + QPoint(40, 10)), count=8)
    assert said[:5] == ["Reading", "aloud", "is", "on", "Swipe"] or said[:4] == ["Reading", "aloud", "is", "on."]
    qtbot.waitUntil(lambda: player.speech.text.startswith("Our story"))
    assert not tile.isDown()
    assert moves.changes == []
    assert player.controller.position == HOME


@needs_mock_engine
@pytest.mark.parametrize(
    ("f0_to", "f1_to"),
    [
        pytest.param(A - QPoint(400, 0), B - QPoint(400, 0), id="two-finger swipe"),
        pytest.param(A - QPoint(150, 60), B + QPoint(150, 60), id="pinch"),
    ],
)
def test_two_fingers_that_move_turn_nothing_on_and_turn_no_slide(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any, f0_to: QPoint, f1_to: QPoint
) -> None:
    player = make_player(deck, speech_engine="mock")
    go(qtbot, player, Position(0, 0))
    fingers, moves, held = fingers_for(player), Moves(player.controller), holds_of(player)

    # WHEN two fingers land together and travel, in eight steps a hundredth of a second apart, then stay
    fingers.down(f0=A, f1=B)
    for step in range(1, 9):
        fingers.wait(0.01)
        fingers.move(f0=A + (f0_to - A) * (step / 8), f1=B + (f1_to - B) * (step / 8))
    fingers.wait(HOLD_S)
    fingers.up()
    fingers.wait(HOLD_S)

    # THEN no hold, speech stays off, and the slide stays where it was
    assert held == []
    assert not player.speech.enabled
    assert player.speech.engine.state().name == "Ready"
    assert moves.changes == []
    assert not player.window.stage.is_dragging()


@needs_mock_engine
def test_one_finger_held_a_second_finger_late_or_one_lifted_early_does_nothing(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any
) -> None:
    player = make_player(deck, speech_engine="mock")
    go(qtbot, player, Position(0, 0))
    fingers, moves, held = fingers_for(player), Moves(player.controller), holds_of(player)

    # WHEN one finger is held twice as long as the hold
    fingers.down(f0=A)
    fingers.wait(2 * HOLD_S)
    # AND a second finger joins long after the first
    fingers.down(f1=B)
    fingers.wait(2 * HOLD_S)
    fingers.up()

    # AND two fingers land together but one lifts early while the other stays
    fingers.down(f0=A, f1=B)
    fingers.wait(HOLD_S / 3)
    QTest.touchEvent(fingers.window, fingers.device).stationary(0).release(1, B).commit()
    fingers.at.pop(1)
    fingers.wait(2 * HOLD_S)
    fingers.up()

    # THEN no hold, speech stays off and nothing moved
    assert held == []
    assert not player.speech.enabled
    assert moves.changes == []
    # AND a second finger just inside the window still makes the hold
    fingers.down(f0=A)
    fingers.wait(SECOND_FINGER_S - 0.05)
    fingers.down(f1=B)
    words_after(qtbot, player, lambda: fingers.wait(HOLD_S), count=1)
    fingers.up()
    assert player.speech.enabled


@needs_mock_engine
def test_a_hold_while_speech_is_on_keeps_it_on_and_says_so(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any, press: Any
) -> None:
    player = make_player(deck, speech_engine="mock", lang="fr")
    go(qtbot, player, Position(0, 0))
    fingers = fingers_for(player)
    words_after(qtbot, player, player.speech.toggle, count=1)
    assert player.speech.enabled
    qtbot.waitUntil(lambda: player.speech.engine.state().name == "Ready")  # the slide has been read

    # WHEN two fingers are held THEN it stays on, says so in the visitor's language, and reads the slide again
    said = words_after(qtbot, player, fingers.hold, count=12)  # the mock engine leaves out words with accents
    assert said[:5] == ["La", "lecture", "voix", "haute", "est"]
    assert "Balayez" not in said  # not the whole hint again: only that it is already on
    assert said.index("Recherche") < said.index("Plus")
    assert player.speech.enabled
    assert player.window.navbar.speak_button.isChecked()


@needs_mock_engine
def test_speech_turned_on_by_a_hold_ends_with_the_visit(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any, attract_clock: FakeClock
) -> None:
    # GIVEN a player with an idle timeout, on a clock the test moves, and speech turned on by a hold
    player = player_with_visits(make_player, deck)
    go(qtbot, player, Position(0, 0))
    fingers = fingers_for(player)
    words_after(qtbot, player, fingers.hold, count=1)
    assert player.speech.enabled

    # WHEN nobody touches the screen past the idle timeout and the warning THEN speech is off for the next visitor
    end_the_visit(qtbot, player, attract_clock)


def test_without_speech_the_hold_only_logs_once_and_still_turns_no_slide(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, fingers_for: Any, caplog: pytest.LogCaptureFixture
) -> None:
    player = make_player(deck, speech_engine="no-such-engine")
    go(qtbot, player, Position(0, 0))
    fingers, moves = fingers_for(player), Moves(player.controller)

    with caplog.at_level(logging.INFO, logger="kiosk.player.speech"):
        fingers.hold()
        fingers.hold()

    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.player.speech"]
    assert lines == [
        "reading aloud was asked for, but speech is unavailable: no text-to-speech engine named no-such-engine"
    ]
    assert not player.speech.enabled
    assert moves.changes == []
