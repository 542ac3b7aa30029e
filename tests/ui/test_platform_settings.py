"""The platform's accessibility settings in the player: high contrast from Qt, reduced motion from the desktop.

The offscreen platform asks for neither, so the tests stand in for the platform: a contrast reader that
says what the test wants (and Qt's own change signal to announce a change), and a motion reader that
answers at once.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest

from kiosk.core.access import AccessModes
from kiosk.core.navigator import Position
from kiosk.deck import Deck
from kiosk.player import platform_access
from kiosk.player.platform_access import MotionSetting
from kiosk.ui.palette import HIGH_CONTRAST_BACKGROUND
from tests.ui.conftest import DeckFactory, PlayerFactory, figure, figures, statement, theme
from tests.ui.helpers import go, settle, wait_for_neighbours

CORNER = QPoint(40, 40)
"""A point of the slide's background, away from every text."""
FINAL = ["1,234", "99%"]


@pytest.fixture
def deck(deck_factory: DeckFactory) -> Deck:
    counted = figures("Figures", figure(1234, duration=3), figure(99, duration=3, suffix="%"))
    return deck_factory([theme("t", [statement("Before", "Some words."), counted, statement("After")])])


class PlatformContrast:
    """What the platform says about contrast, as the test sets it."""

    def __init__(self) -> None:
        self.high = False

    def __call__(self) -> bool:
        return self.high

    def change_to(self, high: bool) -> None:
        """The platform's setting changes, and Qt announces it as it would."""
        self.high = high
        preference = Qt.ContrastPreference.HighContrast if high else Qt.ContrastPreference.NoPreference
        QGuiApplication.styleHints().accessibility().contrastPreferenceChanged.emit(preference)


@pytest.fixture
def contrast(monkeypatch: pytest.MonkeyPatch) -> PlatformContrast:
    reader = PlatformContrast()
    monkeypatch.setattr(platform_access, "platform_high_contrast", reader)
    return reader


def background_at(player: Any, point: QPoint = CORNER) -> QColor:
    return player.window.grab().toImage().pixelColor(point)


def test_a_platform_in_high_contrast_has_the_first_frame_and_every_visit_in_high_contrast(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, contrast: PlatformContrast
) -> None:
    # GIVEN a platform that asks for high contrast before the player starts
    contrast.high = True
    player = make_player(deck)
    go(qtbot, player, Position(0, 0))

    # THEN the slide is drawn in high contrast from the start, and the controller knows why
    assert player.controller.platform_high_contrast
    assert player.controller.access == AccessModes(high_contrast=True)
    assert player.window.stage.current_view().access.high_contrast
    assert background_at(player) == QColor(HIGH_CONTRAST_BACKGROUND)

    # WHEN a visitor turns it off and walks away THEN the next visit starts in high contrast again
    player.controller.toggle_access("high_contrast")
    assert background_at(player) != QColor(HIGH_CONTRAST_BACKGROUND)
    player.controller.end_visit_access()
    assert player.controller.access.high_contrast


def test_the_player_follows_the_platform_when_its_contrast_setting_changes(
    qtbot: Any, make_player: PlayerFactory, deck: Deck, contrast: PlatformContrast
) -> None:
    player = make_player(deck)
    go(qtbot, player, Position(0, 0))
    assert background_at(player) != QColor(HIGH_CONTRAST_BACKGROUND)

    # WHEN the platform switches to high contrast THEN the visit on screen switches at once
    with qtbot.waitSignal(player.controller.access_changed):
        contrast.change_to(True)
    assert player.controller.platform_high_contrast
    assert background_at(player) == QColor(HIGH_CONTRAST_BACKGROUND)

    # WHEN it switches back THEN so does the visit (the deck does not ask for high contrast)
    contrast.change_to(False)
    assert not player.controller.access.high_contrast
    assert not player.controller.platform_high_contrast


def test_reduced_motion_from_the_platform_stops_counting_and_sliding_without_a_reload(
    qtbot: Any, make_player: PlayerFactory, deck: Deck
) -> None:
    # GIVEN a player shown, and a platform that asks for reduced motion once asked (after the first frame)
    player = make_player(deck)
    go(qtbot, player, Position(0, 0))
    reloads: list[object] = []
    player.controller.deck_changed.connect(reloads.append)
    player.platform.read_motion = lambda: MotionSetting(True, "the test's desktop")
    observers = len(player.window.frame_observers)
    player.platform.read_motion_after_first_frame(player.window.frame_observers)

    # WHEN the next frame is painted THEN the setting is read and the deck plays with reduced motion, not reloaded
    player.window.update()
    qtbot.waitUntil(lambda: player.controller.deck.reduced_motion)
    assert reloads == []
    qtbot.waitUntil(lambda: len(player.window.frame_observers) == observers)  # read once: no longer watching frames
    assert all(view.deck.reduced_motion for view in player.window.stage.live_views().values())

    # WHEN the visitor goes to the figures THEN a quick fade, and the counters stand at their final value
    QTest.keyClick(player.window, Qt.Key.Key_Right)
    stage = player.window.stage
    settle(qtbot, stage, timeout_ms=1000)
    view = stage.current_view()
    assert [counter.text() for counter in view.counters] == FINAL
    assert not any(counter.is_counting() for counter in view.counters)
    wait_for_neighbours(qtbot, player)

    # WHEN the deck is reloaded THEN it keeps playing with reduced motion
    player.controller.replace_deck(deck)
    assert player.controller.deck.reduced_motion


def test_without_a_platform_setting_nothing_changes(qtbot: Any, make_player: PlayerFactory, deck: Deck) -> None:
    player = make_player(deck)
    go(qtbot, player, Position(0, 0))
    player.platform.read_motion = lambda: MotionSetting(None, "no gsettings on PATH")
    player.platform.read_motion_after_first_frame(player.window.frame_observers)
    player.window.update()
    qtbot.waitUntil(lambda: player.platform.motion is not None)
    assert not player.controller.deck.reduced_motion
