"""A display left on for months: repeated cycles keep the number of live Qt objects flat."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractAnimation, QEvent, QObject, QPropertyAnimation
from PySide6.QtWidgets import QApplication

from kiosk.deck import Deck
from tests.ui.helpers import settle

CYCLES = 100


def live_qobjects() -> int:
    """Every QObject reachable from the application and its top-level widgets, after deferred deletions."""
    app = QApplication.instance()
    assert app is not None
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    count = len(app.findChildren(QObject))
    for widget in QApplication.topLevelWidgets():
        count += 1 + len(widget.findChildren(QObject))
    return count


def fade(navbar: Any, out: bool) -> None:
    """Fade the bar out (or in, as a touch does) and move its animation to the end, as time passing would."""
    if out:
        navbar.fade_out()
    else:
        navbar.user_active()
    running = [a for a in navbar.findChildren(QPropertyAnimation) if a.state() == QAbstractAnimation.State.Running]
    assert running, "a fade runs"
    for animation in running:
        animation.setCurrentTime(animation.totalDuration())
    assert not navbar.is_fading()
    assert navbar.isVisible() is not out


def test_fading_the_bar_a_hundred_times_leaves_no_objects_behind(
    qtbot: Any, make_player: Any, loaded_bundled_deck: Deck
) -> None:
    player = make_player(loaded_bundled_deck, windowed=False, reduced_motion=True)
    navbar = player.window.navbar
    settle(qtbot, player.window.stage)
    fade(navbar, out=True)
    fade(navbar, out=False)
    before = live_qobjects()
    for _ in range(CYCLES):
        fade(navbar, out=True)
        fade(navbar, out=False)
    assert live_qobjects() == before
    player.attract.suspend()


def test_a_fade_that_turns_round_midway_ends_where_it_was_last_sent(
    qtbot: Any, make_player: Any, loaded_bundled_deck: Deck
) -> None:
    player = make_player(loaded_bundled_deck, windowed=False, reduced_motion=True)
    navbar = player.window.navbar
    navbar.fade_out()
    assert navbar.is_fading()
    navbar.user_active()  # a touch while the bar is fading away
    qtbot.waitUntil(lambda: not navbar.is_fading(), timeout=5000)
    assert navbar.isVisible(), "the bar stays: the touch came after the fade-out began"
    player.attract.suspend()


def test_walking_the_deck_and_back_three_times_keeps_the_object_count_flat(
    qtbot: Any, make_player: Any, loaded_bundled_deck: Deck
) -> None:
    from kiosk.core.navigator import HOME
    from kiosk.player.controller import Motion

    player = make_player(loaded_bundled_deck, reduced_motion=True, time_scale=0.05)
    controller, stage = player.controller, player.window.stage

    def walk() -> None:
        for _ in range(loaded_bundled_deck.slide_count):
            controller.next()
            settle(qtbot, stage)
        controller.go_to(HOME, Motion.CUT)
        settle(qtbot, stage)
        QApplication.sendPostedEvents(None, 0)

    walk()
    before = live_qobjects()
    for _ in range(3):
        walk()
    assert live_qobjects() <= before
