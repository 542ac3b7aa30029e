"""Attract mode in a kiosk-mode player: the "still there?" warning, auto-play, and waking it with a touch.

Players are built as ``kiosk run`` builds them in kiosk mode (``windowed=False``),
shown in a 1280x720 window instead of full screen. Timings are short: an idle
timeout of about a second, and auto-play slides of a tenth of a second (which
also makes transitions and counters quicker, as ``--slide-duration`` does).
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core import strings
from kiosk.core.attract import Phase
from kiosk.core.navigator import HOME, Position
from kiosk.deck import Deck
from kiosk.player import attract_mode
from kiosk.player.controller import Motion
from kiosk.ui.home import HomeView
from kiosk.ui.slides.base import PlaceholderSlideView
from kiosk.ui.slides.text_slides import StatementSlideView
from tests.core.clock import FakeClock
from tests.ui.conftest import figure, figures, statement, theme, title
from tests.ui.helpers import settle

P = Position
Key = Qt.Key
LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
ATTRACT = {"idle_timeout": 1, "warning": 1, "slide_duration": 0.5}
FAST_SLIDE_S = 0.1
"""``--slide-duration`` for the tests that only follow the order of auto-play."""
ORDER = [P(0, 0), P(0, 1), P(0, 2), P(1, 0), P(1, 1)]
"""Every slide of the two-theme deck, in reading order."""


# -- fixtures and helpers ------------------------------------------------------------


def two_themes(**deck_keys: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Theme 'alpha' (3 slides) and theme 'beta' (2 slides), headed 'A1'... in English, French and Dutch."""

    def both(text: str) -> Any:  # a LocalizedText mapping, where the helpers say str
        return {"en": text, "fr": f"{text} (fr)", "nl": f"{text} (nl)"}

    themes = [
        theme(
            "alpha",
            [title(both("A1")), statement(both("A2"), both("Body A2")), statement(both("A3"), both("Body A3"))],
            title=both("Alpha"),
        ),
        theme("beta", [title(both("B1")), statement(both("B2"), both("Body B2"))], title=both("Beta")),
    ]
    keys = {"languages": ["en", "fr", "nl"], "attract": dict(ATTRACT), **deck_keys}
    return themes, keys


@pytest.fixture
def deck(deck_factory: Any) -> Deck:
    themes, keys = two_themes()
    return deck_factory(themes, **keys)


@pytest.fixture
def kiosk_player(make_player: Any) -> Iterator[Any]:
    """``kiosk_player(deck, **args)``: a player built in kiosk mode, shown as a 1280x720 window."""
    made: list[Any] = []

    def factory(deck: Deck, **overrides: Any) -> Any:
        values = {"windowed": False, "idle_timeout": None, "autoplay": False}
        values.update(overrides)
        player = make_player(deck, **values)
        assert player.attract is not None, "kiosk mode has attract mode"
        made.append(player)
        return player

    yield factory
    for player in made:  # let the window close at teardown (kiosk mode refuses otherwise)
        player.window.allow_quit()
        player.attract.suspend()


@pytest.fixture
def attract_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """A fake clock for the attract mode of the players built after it: idle time passes only when moved.

    The attract mode's timer still fires, and finds that nothing is due; a test moves the
    clock and calls ``attract.check()``, as the timer would at that moment.
    """
    clock = FakeClock()

    class ClockedAttractMode(attract_mode.AttractMode):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, clock=clock, **kwargs)

    monkeypatch.setattr(attract_mode, "AttractMode", ClockedAttractMode)
    return clock


def quick(deck: Deck, idle_timeout: float = 0.4, warning: float = 0.0, **attract: Any) -> Deck:
    """``deck`` with attract timings below what a deck file may say, for quicker tests."""
    options = dataclasses.replace(deck.attract, idle_timeout=idle_timeout, warning=warning, **attract)
    return dataclasses.replace(deck, attract=options)


class Journey:
    """Every position the controller moves to, and when each slide arrived on screen and left it."""

    def __init__(self, player: Any) -> None:
        self.player = player
        self.moves: list[tuple[float, Position, Position]] = []
        self.arrivals: list[tuple[float, Position, str]] = []
        self.headings: list[tuple[Position, str, list[str]]] = []
        """At each arrival: the position, the language and the texts on screen."""
        self.scheduled: list[tuple[Position, list[int], float]] = []
        """At each arrival: the position, the auto-player's timers then running (ms) and the slide's busy time."""
        player.controller.position_changed.connect(self._moved)
        player.window.stage.transition_finished.connect(self._arrived)

    def _moved(self, old: Position, new: Position, _motion: Motion) -> None:
        self.moves.append((time.monotonic(), old, new))

    def _arrived(self, position: Position) -> None:
        language = self.player.controller.language
        self.arrivals.append((time.monotonic(), position, language))
        self.headings.append((position, language, on_screen(self.player)))
        # Connected after the auto-player, so it has scheduled its next step by now.
        timers = [t.interval() for t in self.player.autoplayer.findChildren(QTimer) if t.isActive()]
        self.scheduled.append((position, timers, self.player.window.stage.busy_s()))

    @property
    def positions(self) -> list[Position]:
        return [new for _, _, new in self.moves]

    def stay_s(self, position: Position, occurrence: int = 0) -> float:
        """Seconds from the ``occurrence``-th arrival of ``position`` on screen to the move away from it."""
        arrived = [t for t, p, _ in self.arrivals if p == position][occurrence]
        left = next(t for t, old, _ in self.moves if old == position and t >= arrived)
        return left - arrived


def on_screen(player: Any) -> list[str]:
    return player.window.stage.current_view().visible_texts()


def wait_for_phase(qtbot: Any, player: Any, phase: Phase, timeout: int = 4000) -> None:
    qtbot.waitUntil(lambda: player.attract.phase is phase, timeout=timeout)


def window_point(player: Any, widget: Any) -> QPoint:
    return widget.mapTo(player.window, widget.rect().center())


def touch(window: Any, device: QPointingDevice, point: QPoint, qtbot: Any) -> None:
    """A short tap of one finger, through the window system as a real touch screen sends it."""
    handle = window.windowHandle()
    QTest.touchEvent(handle, device).press(0, point).commit()
    QApplication.processEvents()
    QTest.touchEvent(handle, device).release(0, point).commit()


def click(window: Any, point: QPoint) -> None:
    QTest.mouseClick(window.windowHandle(), LEFT, NO_MODIFIER, point)


# -- which players have attract mode -------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "has_attract"),
    [
        ({"windowed": True}, False),
        ({"windowed": True, "autoplay": True}, True),
        ({"windowed": True, "idle_timeout": 0.5}, True),
        ({"windowed": False}, True),
    ],
    ids=["windowed", "windowed --autoplay", "windowed --idle-timeout", "kiosk mode"],
)
def test_attract_mode_runs_in_kiosk_mode_or_when_asked(
    make_player: Any, deck: Deck, args: dict[str, Any], has_attract: bool
) -> None:
    values = {"idle_timeout": None, "autoplay": False, **args}
    player = make_player(deck, **values)
    assert (player.attract is not None) is has_attract
    if player.attract is not None:
        expected = values["idle_timeout"] or ATTRACT["idle_timeout"]
        assert player.attract.policy.idle_timeout_s == expected
        assert player.attract.policy.warning_s == ATTRACT["warning"]
        player.attract.suspend()
        player.window.allow_quit()


# -- idle: the warning, then auto-play ------------------------------------------------------


def test_idle_shows_the_localized_warning_then_plays_the_deck(
    qtbot: Any, attract_clock: FakeClock, kiosk_player: Any, deck: Deck
) -> None:
    # GIVEN a visitor who chose French and then walked away
    player = kiosk_player(deck, lang="fr", slide_duration=FAST_SLIDE_S)
    attract, controller = player.attract, player.controller
    cards = player.attract_cards
    journey = Journey(player)
    assert attract.phase is Phase.ACTIVE
    assert not cards.warning.isVisible() and not cards.hint.isVisible()

    # WHEN the idle timeout (1 s) passes: the warning, in French, with its countdown
    attract_clock.advance(ATTRACT["idle_timeout"] - 0.01)
    attract.check()
    assert attract.phase is Phase.ACTIVE and not cards.warning.isVisible(), "not before the idle timeout"
    attract_clock.advance(0.01)
    attract.check()
    assert attract.phase is Phase.WARNING
    assert cards.warning.isVisible()
    lines = cards.warning.texts()
    assert lines[0] == strings.text("still_there", "fr") == "Vous êtes toujours là ?"
    assert lines[1] == strings.text("touch_to_continue", "fr")
    assert lines[2] == strings.text("returning_in", "fr", seconds=1)
    assert controller.position == HOME, "the warning does not move anything"
    assert not journey.moves

    # THEN after the warning (1 s) auto-play starts, in the deck's first language, with the hint
    attract_clock.advance(ATTRACT["warning"] - 0.01)
    attract.check()
    assert attract.phase is Phase.WARNING, "not before the end of the warning"
    attract_clock.advance(0.01)
    attract.check()
    assert attract.phase is Phase.AUTOPLAY
    assert not cards.warning.isVisible()
    assert cards.hint.isVisible()
    assert cards.hint.texts() == [strings.text("touch_to_explore", "en")] == ["Touch to explore"]
    assert controller.language == "en"
    assert player.autoplayer.running
    qtbot.waitUntil(lambda: len(journey.positions) >= 3, timeout=3000)
    assert journey.positions[:3] == ORDER[:3], "auto-play moves through the slides"
    settle(qtbot, player.window.stage)
    assert cards.hint.isVisible(), "the hint stays during auto-play"
    assert cards.hint.geometry().bottom() < player.window.height()


def test_the_warning_counts_down_in_seconds(qtbot: Any, kiosk_player: Any, deck: Deck) -> None:
    player = kiosk_player(quick(deck, idle_timeout=0.3, warning=2))
    wait_for_phase(qtbot, player, Phase.WARNING)
    assert player.attract_cards.warning.texts()[2] == "Back to the start in 2 s"
    qtbot.waitUntil(lambda: player.attract_cards.warning.texts()[2] == "Back to the start in 1 s", timeout=2000)
    assert player.attract.phase is Phase.WARNING


def test_a_touch_during_the_warning_keeps_the_visitor_where_they_were(
    qtbot: Any, kiosk_player: Any, deck: Deck, touchscreen: QPointingDevice
) -> None:
    # GIVEN a visitor on the second slide of the second theme, idle long enough for the warning
    player = kiosk_player(quick(deck, idle_timeout=0.5, warning=1), time_scale=0.1)
    window, controller = player.window, player.controller
    controller.go_to(P(1, 1), Motion.CUT)
    settle(qtbot, window.stage)
    before = on_screen(player)
    wait_for_phase(qtbot, player, Phase.WARNING)
    journey = Journey(player)

    # WHEN they touch the screen, in the right-hand tap zone that would otherwise turn the slide
    touched_at = time.monotonic()
    touch(window, touchscreen, QPoint(window.width() - 20, window.height() // 2), qtbot)

    # THEN the warning goes, and nothing else happens: same slide, same language
    assert player.attract.phase is Phase.ACTIVE
    assert not player.attract_cards.warning.isVisible()
    assert controller.position == P(1, 1)
    assert on_screen(player) == before
    assert journey.moves == [], "the touch that dismissed the warning did not turn the slide"
    assert not player.autoplayer.running

    # AND the idle time starts again from the touch: a whole timeout before the next warning
    wait_for_phase(qtbot, player, Phase.WARNING)
    assert time.monotonic() - touched_at >= 0.5 - 0.05
    # ... and nothing had moved in that time either
    assert controller.position == P(1, 1)
    assert on_screen(player) == before
    assert journey.moves == [], "the touch that dismissed the warning did not turn the slide later either"


def test_a_key_during_the_warning_dismisses_it_and_does_not_act(qtbot: Any, kiosk_player: Any, deck: Deck) -> None:
    player = kiosk_player(quick(deck, idle_timeout=0.3, warning=1), time_scale=0.1)
    player.controller.go_to(P(0, 1), Motion.CUT)
    wait_for_phase(qtbot, player, Phase.WARNING)
    QTest.keyClick(player.window, Key.Key_Right)
    assert player.attract.phase is Phase.ACTIVE
    assert not player.attract_cards.warning.isVisible()
    assert player.controller.position == P(0, 1)
    wait_for_phase(qtbot, player, Phase.WARNING)  # a whole idle timeout later: the key did not act late either
    assert player.controller.position == P(0, 1)


def test_input_while_active_keeps_the_warning_away(
    qtbot: Any, attract_clock: FakeClock, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(quick(deck, idle_timeout=0.4, warning=0.4), time_scale=0.1)
    window, attract = player.window, player.attract
    cards = player.attract_cards
    for _ in range(4):  # a visitor pressing a key every 0.3 s, for longer than the idle timeout + warning
        attract_clock.advance(0.3)
        attract.check()
        assert attract.phase is Phase.ACTIVE
        QTest.keyClick(window, Key.Key_Right)
    assert not cards.warning.isVisible()
    assert player.controller.position == ORDER[3], "those keys acted as usual"
    # AND without the keys, the same 0.3 s steps bring the warning after the idle timeout
    attract_clock.advance(0.3)
    attract.check()
    assert attract.phase is Phase.ACTIVE
    attract_clock.advance(0.1)
    attract.check()
    assert attract.phase is Phase.WARNING
    assert cards.warning.isVisible()
    settle(qtbot, window.stage)


# -- auto-play --------------------------------------------------------------------------


def test_autoplay_visits_every_slide_in_order_and_loops_to_the_first_slide(
    qtbot: Any, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(quick(deck), slide_duration=FAST_SLIDE_S)
    journey = Journey(player)
    wait_for_phase(qtbot, player, Phase.AUTOPLAY)
    qtbot.waitUntil(lambda: len(journey.positions) >= 2 * len(ORDER) + 1, timeout=6000)
    positions = journey.positions[: 2 * len(ORDER) + 1]
    assert positions == ORDER + ORDER + ORDER[:1], "every slide in order, then again from the first"
    assert HOME not in positions, "the loop does not pass through the home screen"
    assert player.autoplayer.running


def test_each_loop_uses_the_next_language(qtbot: Any, kiosk_player: Any, deck: Deck) -> None:
    player = kiosk_player(quick(deck), slide_duration=FAST_SLIDE_S)
    journey = Journey(player)
    hints: list[list[str]] = []
    player.controller.language_changed.connect(lambda _lang: hints.append(player.attract_cards.hint.texts()))
    player.attract.start_autoplay_now()
    firsts = lambda: [lang for _, p, lang in journey.arrivals if p == P(0, 0)]  # noqa: E731
    qtbot.waitUntil(lambda: len(firsts()) >= 4, timeout=8000)
    assert firsts()[:4] == ["en", "fr", "nl", "en"]
    # every slide of one loop is in that loop's language
    loops: dict[int, set[str]] = {}
    loop = -1
    for _, position, language in journey.arrivals:
        loop += position == P(0, 0)
        loops.setdefault(loop, set()).add(language)
    assert all(len(languages) == 1 for languages in list(loops.values())[:3]), loops
    # the slides show that language, and the hint follows it
    for position, language, texts in journey.headings:
        heading = next(text for text in texts if text[:1] in "AB" and text[1:2].isdigit())
        assert heading == f"{heading[:2]} ({language})" if language != "en" else heading[:2], (position, texts)
    assert hints[:3] == [[strings.text("touch_to_explore", lang)] for lang in ("fr", "nl", "en")]


def test_without_rotate_languages_every_loop_is_in_the_first_language(
    qtbot: Any, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(quick(deck, rotate_languages=False), slide_duration=FAST_SLIDE_S)
    journey = Journey(player)
    player.attract.start_autoplay_now()
    qtbot.waitUntil(lambda: len([p for _, p, _ in journey.arrivals if p == P(0, 0)]) >= 3, timeout=8000)
    assert {language for _, _, language in journey.arrivals} == {"en"}


def test_autoplay_of_a_one_slide_deck_keeps_looping_through_the_languages(
    qtbot: Any, kiosk_player: Any, deck_factory: Any
) -> None:
    one = deck_factory(
        [theme("only", [statement({"en": "Only", "fr": "Seul"}, {"en": "Body", "fr": "Corps"})])],
        languages=["en", "fr"],
        attract=ATTRACT,
    )
    player = kiosk_player(one, slide_duration=FAST_SLIDE_S)
    languages: list[str] = []
    player.controller.language_changed.connect(languages.append)
    player.attract.start_autoplay_now()
    qtbot.waitUntil(lambda: len(languages) >= 3, timeout=1500)
    assert languages[:3] == ["fr", "en", "fr"]


def test_autoplay_waits_for_the_counters(qtbot: Any, kiosk_player: Any, deck_factory: Any) -> None:
    # GIVEN slides of 0.5 s, and figures whose counters take 1 s (at full speed: no --slide-duration)
    counted = deck_factory(
        [
            theme(
                "numbers",
                [
                    figures("Counting", figure(1000, duration=1.0), figure(42, duration=0.5)),
                    statement("After the count"),
                    statement("Quick one"),
                ],
            )
        ],
        attract=ATTRACT,
    )
    player = kiosk_player(counted)
    journey = Journey(player)
    view = player.window.stage.view_for(P(0, 0))  # built already, as the home screen's neighbour
    finished: list[tuple[float, str]] = []
    for counter in view.counters:
        counter.finished.connect(lambda c=counter: finished.append((time.monotonic(), c.text())))
    player.attract.start_autoplay_now()
    qtbot.waitUntil(lambda: P(0, 2) in journey.positions, timeout=8000)

    # THEN the figures slide stayed until its longest counter had finished on its final value
    assert journey.stay_s(P(0, 0)) >= 1.0 - 0.05
    assert sorted(text for _, text in finished) == ["1,000", "42"], "both counters ran to their end"
    left = next(t for t, old, _ in journey.moves if old == P(0, 0))
    assert left >= max(t for t, _ in finished), "auto-play left only after the last counter had finished"
    # AND an ordinary slide kept its own duration: one step of 0.5 s, nothing to wait for
    assert journey.stay_s(P(0, 1)) >= 0.5 - 0.05
    assert next((timers, busy) for p, timers, busy in journey.scheduled if p == P(0, 1)) == ([500], 0)


def test_a_slide_whose_view_fails_shows_a_placeholder_and_autoplay_skips_it(
    qtbot: Any, kiosk_player: Any, deck_factory: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    # GIVEN a deck whose statement slides cannot be built (their view raises)
    def broken(self: Any) -> None:
        raise RuntimeError("this view is broken")

    monkeypatch.setattr(StatementSlideView, "build", broken)
    made = deck_factory(
        [theme("t", [title("Opening"), statement("Broken"), title("Closing")])],
        attract=ATTRACT,
    )
    caplog.set_level(logging.ERROR, logger="kiosk.ui.slides")
    player = kiosk_player(made, slide_duration=0.3)
    stage = player.window.stage

    # WHEN a visitor goes there: a neutral slide with a note, and the error in the log
    player.controller.go_to(P(0, 1), Motion.CUT)
    settle(qtbot, stage)
    assert stage.shows_placeholder()
    assert isinstance(stage.current_view(), PlaceholderSlideView)
    assert stage.current_view().note.text() == strings.text("slide_not_available", "en")
    assert "Broken" not in on_screen(player)
    assert any("could not be built" in r.getMessage() and r.exc_info for r in caplog.records)

    # THEN auto-play passes over it at once, while the other slides stay their 0.3 s
    player.controller.home()
    settle(qtbot, stage)
    journey = Journey(player)
    player.attract.start_autoplay_now()
    qtbot.waitUntil(lambda: journey.positions.count(P(0, 0)) >= 2, timeout=8000)
    assert journey.positions[:4] == [P(0, 0), P(0, 1), P(0, 2), P(0, 0)]
    assert next(timers for p, timers, _ in journey.scheduled if p == P(0, 1)) == [0], "skipped at once"
    assert journey.stay_s(P(0, 0)) >= 0.25 and journey.stay_s(P(0, 2)) >= 0.25


def test_start_autoplay_now_plays_at_once(qtbot: Any, attract_clock: FakeClock, kiosk_player: Any, deck: Deck) -> None:
    """``--autoplay``: auto-play from the start, without the idle time or the warning."""
    player = kiosk_player(deck, autoplay=True, slide_duration=FAST_SLIDE_S)
    journey = Journey(player)
    player.attract.start_autoplay_now()  # no idle time passes: the attract clock stands still
    assert player.attract.phase is Phase.AUTOPLAY
    assert player.autoplayer.running
    assert player.attract_cards.hint.isVisible() and not player.attract_cards.warning.isVisible()
    qtbot.waitUntil(lambda: len(journey.positions) >= 3, timeout=3000)
    assert journey.positions[:3] == ORDER[:3]


def test_start_autoplay_now_in_a_window_with_autoplay(qtbot: Any, make_player: Any, deck: Deck) -> None:
    player = make_player(deck, windowed=True, autoplay=True, idle_timeout=None, slide_duration=FAST_SLIDE_S)
    journey = Journey(player)
    player.attract.start_autoplay_now()
    qtbot.waitUntil(lambda: len(journey.positions) >= 2, timeout=3000)
    assert journey.positions[:2] == ORDER[:2]
    player.attract.suspend()


# -- waking ------------------------------------------------------------------------------


@pytest.fixture
def playing(qtbot: Any, kiosk_player: Any, deck: Deck) -> Any:
    """A kiosk player in auto-play, on the third slide, with the home tiles' places noted."""
    player = kiosk_player(quick(deck, idle_timeout=1, warning=0.3), slide_duration=0.2)
    home = player.window.stage.current_view()
    assert isinstance(home, HomeView)
    player.tile_points = [window_point(player, tile) for tile in home.tiles]
    player.attract.start_autoplay_now()
    qtbot.waitUntil(lambda: player.controller.position == P(0, 2), timeout=4000)
    settle(qtbot, player.window.stage)
    return player


def assert_woken_to_home(qtbot: Any, player: Any) -> None:
    assert player.attract.phase is Phase.ACTIVE
    assert not player.autoplayer.running
    assert not player.attract_cards.hint.isVisible()
    assert player.controller.position == HOME
    settle(qtbot, player.window.stage)
    assert player.controller.position == HOME
    assert isinstance(player.window.stage.current_view(), HomeView)
    # nothing moves any more: auto-play has no advance pending, and the idle time starts again
    assert not player.autoplayer.running
    assert not any(timer.isActive() for timer in player.autoplayer.findChildren(QTimer))
    assert player.attract.phase is Phase.ACTIVE


def test_a_click_during_autoplay_shows_home_and_does_not_open_the_theme_under_it(qtbot: Any, playing: Any) -> None:
    # WHEN a visitor clicks where the second theme's tile will be on the home screen
    woke: list[bool] = []
    playing.attract.woke.connect(lambda: woke.append(True))
    click(playing.window, playing.tile_points[1])
    # THEN auto-play stops and home shows; the click did not also open the theme
    assert woke == [True]
    assert_woken_to_home(qtbot, playing)
    # AND the next click acts as usual
    click(playing.window, playing.tile_points[1])
    qtbot.waitUntil(lambda: playing.controller.position == P(1, 0), timeout=2000)


def test_a_touch_during_autoplay_shows_home_and_does_not_open_the_theme_under_it(
    qtbot: Any, playing: Any, touchscreen: QPointingDevice
) -> None:
    touch(playing.window, touchscreen, playing.tile_points[1], qtbot)
    assert_woken_to_home(qtbot, playing)
    # the next touch acts as usual: the waking touch did not leave anything half-done
    touch(playing.window, touchscreen, playing.tile_points[0], qtbot)
    qtbot.waitUntil(lambda: playing.controller.position == P(0, 0), timeout=2000)


def test_a_key_during_autoplay_shows_home_and_does_not_advance(qtbot: Any, playing: Any) -> None:
    QTest.keyClick(playing.window, Key.Key_Right)
    assert_woken_to_home(qtbot, playing)
    QTest.keyClick(playing.window, Key.Key_Right)
    settle(qtbot, playing.window.stage)
    assert playing.controller.position == P(0, 0), "the next key acts as usual"


def test_after_waking_the_idle_time_starts_again(qtbot: Any, playing: Any) -> None:
    QTest.keyClick(playing.window, Key.Key_Space)
    woke_at = time.monotonic()
    assert playing.attract.phase is Phase.ACTIVE
    wait_for_phase(qtbot, playing, Phase.WARNING)
    assert time.monotonic() - woke_at >= 1 - 0.05
    wait_for_phase(qtbot, playing, Phase.AUTOPLAY)
    qtbot.waitUntil(lambda: playing.controller.position == P(0, 0), timeout=3000)


def test_a_reloaded_deck_brings_its_own_timings(
    qtbot: Any, attract_clock: FakeClock, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(deck, slide_duration=FAST_SLIDE_S)
    attract = player.attract
    cards = player.attract_cards
    assert (attract.policy.idle_timeout_s, attract.policy.warning_s) == (1, 1)
    player.controller.replace_deck(quick(deck, idle_timeout=0.3, warning=0))
    assert (attract.policy.idle_timeout_s, attract.policy.warning_s) == (0.3, 0)
    attract_clock.advance(0.29)
    attract.check()
    assert attract.phase is Phase.ACTIVE
    attract_clock.advance(0.01)
    attract.check()
    assert attract.phase is Phase.AUTOPLAY, "the new, shorter timeout applies, without a warning"
    assert not cards.warning.isVisible()
    settle(qtbot, player.window.stage)


# -- pausing ------------------------------------------------------------------------------


def test_suspend_stops_everything_and_resume_counts_from_then(
    qtbot: Any, attract_clock: FakeClock, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(quick(deck, idle_timeout=0.3, warning=0.3), slide_duration=FAST_SLIDE_S)
    attract = player.attract
    cards = player.attract_cards
    attract.start_autoplay_now()
    qtbot.waitUntil(lambda: len(player.window.stage.live_views()) > 0 and player.controller.position != HOME)
    attract.suspend()
    assert not player.autoplayer.running and not cards.hint.isVisible()
    settle(qtbot, player.window.stage)
    position = player.controller.position
    attract_clock.advance(0.9)  # past idle timeout + warning
    attract.check()
    assert not cards.warning.isVisible()
    assert not player.autoplayer.running
    assert not any(timer.isActive() for timer in player.autoplayer.findChildren(QTimer))
    assert player.controller.position == position, "nothing plays while suspended"
    attract.resume()
    assert attract.phase is Phase.ACTIVE
    attract_clock.advance(0.29)
    attract.check()
    assert attract.phase is Phase.ACTIVE, "the idle time counts from the resume"
    attract_clock.advance(0.01)
    attract.check()
    assert attract.phase is Phase.WARNING
    attract_clock.advance(0.3)
    attract.check()
    assert attract.phase is Phase.AUTOPLAY
    assert player.autoplayer.running


# -- what attract mode announces to its views ---------------------------------------------


def test_attract_mode_announces_the_warning_autoplay_and_waking_to_its_views(
    qtbot: Any, attract_clock: FakeClock, kiosk_player: Any, deck: Deck
) -> None:
    player = kiosk_player(quick(deck, idle_timeout=0.4, warning=2), slide_duration=FAST_SLIDE_S)
    attract = player.attract
    heard: list[tuple[str, ...]] = []
    attract.warning_shown.connect(lambda seconds: heard.append(("warning_shown", seconds)))
    attract.warning_hidden.connect(lambda: heard.append(("warning_hidden",)))
    attract.autoplay_started.connect(lambda: heard.append(("autoplay_started", player.controller.language)))
    attract.autoplay_ended.connect(lambda: heard.append(("autoplay_ended",)))
    attract.woke.connect(lambda: heard.append(("woke",)))
    player.controller.set_language("fr")

    # idle: the warning with its whole seconds left, once
    attract_clock.advance(0.4)
    attract.check()
    assert heard == [("warning_shown", 2)]
    # the language changes under the warning: it is announced again, for the view to redraw
    player.controller.set_language("nl")
    assert heard[-1] == ("warning_shown", 2)
    assert player.attract_cards.warning.texts()[0] == strings.text("still_there", "nl")
    # the warning runs out: it goes, then auto-play starts in the deck's first language
    heard.clear()
    attract_clock.advance(2)
    attract.check()
    assert heard == [("warning_hidden",), ("autoplay_started", "en")]
    # a key wakes it: auto-play ends before the visitor is told it woke
    heard.clear()
    QTest.keyClick(player.window, Key.Key_Space)
    assert heard == [("autoplay_ended",), ("woke",)]
    # suspending an idle player announces nothing that was not shown
    heard.clear()
    attract.suspend()
    assert heard == []
    settle(qtbot, player.window.stage)
