"""Nothing the player does by itself flashes more than three times a second, in any area of the screen.

The window is filmed at 60 frames per second of animation time: each running animation (a transition,
the counters, the control bar's fade) is moved along by hand with ``setCurrentTime`` and the window is
grabbed after each step, so no frame depends on how loaded the machine is. Each frame is cut into a grid
of cells about the size of the area WCAG counts a flash in (a quarter of a 10 degree field of view is 341 x
256 px at 1024 x 768, so about 160 x 120 px here), and each cell's mean relative luminance over time goes
through ``kiosk.core.flashes``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QAbstractAnimation, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.core.flashes import LIMIT_PER_SECOND, most_flashes_in_a_second, relative_luminance
from kiosk.core.navigator import HOME, Position
from kiosk.deck import Deck
from kiosk.player import attract_mode
from kiosk.player.controller import Motion
from kiosk.ui.counter import STAGGER_S
from tests.core.clock import FakeClock
from tests.ui.conftest import PlayerFactory
from tests.ui.helpers import go

FRAME_S = 1 / 60
COLUMNS, ROWS = 8, 6
SAMPLE_W, SAMPLE_H = 160, 90
"""Each frame is read at this size (every eighth pixel): a cell's mean over 300 pixels."""
LINEAR = [relative_luminance(value, value, value) for value in range(256)]
"""8-bit sRGB channel value -> linear light (a grey's relative luminance is its channels' linear light)."""
R_WEIGHT, G_WEIGHT, B_WEIGHT = 0.2126, 0.7152, 0.0722


def cell_luminances(image: QImage) -> list[float]:
    """The mean relative luminance of each cell of ``image``, row by row."""
    small = image.scaled(SAMPLE_W, SAMPLE_H, Qt.AspectRatioMode.IgnoreAspectRatio).convertToFormat(
        QImage.Format.Format_RGB32
    )
    data, stride = bytes(small.constBits()), small.bytesPerLine()
    cell_w, cell_h = SAMPLE_W // COLUMNS, SAMPLE_H // ROWS
    cells = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            total = 0.0
            for y in range(row * cell_h, (row + 1) * cell_h):
                line = data[y * stride + column * cell_w * 4 : y * stride + (column + 1) * cell_w * 4]
                # Format_RGB32 is B, G, R, X in memory on little-endian machines.
                total += B_WEIGHT * sum(map(LINEAR.__getitem__, line[0::4]))
                total += G_WEIGHT * sum(map(LINEAR.__getitem__, line[1::4]))
                total += R_WEIGHT * sum(map(LINEAR.__getitem__, line[2::4]))
            cells.append(total / (cell_w * cell_h))
    return cells


class Film:
    """Frames of ``window`` on a time line the test moves: each frame the mean luminance of every cell."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.now = 0.0
        self.frames: list[tuple[float, list[float]]] = []
        self.shoot()

    def shoot(self) -> None:
        """Grab the window as it is now."""
        self.frames.append((self.now, cell_luminances(self.window.grab().toImage())))

    def hold(self, seconds: float) -> None:
        """Nothing happens for ``seconds``: the last frame stays on screen."""
        last = self.frames[-1][1]
        for _ in range(round(seconds / FRAME_S)):
            self.now += FRAME_S
            self.frames.append((self.now, last))

    def cut(self, action: Callable[[], object]) -> None:
        """Something changes at once (a card shows or goes): the next frame shows it."""
        action()
        self.now += FRAME_S
        self.shoot()

    def play(self, delays_ms: dict[QAbstractAnimation, float] | None = None) -> None:
        """Run every animation running in the window to its end, a frame at a time; ``delays_ms`` start some later."""
        running = running_animations(self.window)
        delays = {animation: 0.0 for animation in running} | (delays_ms or {})
        elapsed_ms = 0.0
        while any(animation.state() == QAbstractAnimation.State.Running for animation in delays):
            elapsed_ms += FRAME_S * 1000
            for animation, delay in delays.items():
                if animation.state() == QAbstractAnimation.State.Running:
                    animation.setCurrentTime(round(min(max(0.0, elapsed_ms - delay), animation.duration())))
            self.now += FRAME_S
            self.shoot()

    def series(self, cell: int) -> list[tuple[float, float]]:
        return [(time_s, cells[cell]) for time_s, cells in self.frames]

    def worst(self) -> tuple[float, int]:
        """The most flashes in any second of any cell, and that cell."""
        return max((most_flashes_in_a_second(self.series(cell)), cell) for cell in range(COLUMNS * ROWS))


def running_animations(window: QWidget) -> list[QAbstractAnimation]:
    return [
        animation
        for animation in window.findChildren(QAbstractAnimation)
        if animation.state() == QAbstractAnimation.State.Running and animation.group() is None
    ]


def assert_no_flashing(film: Film, what: str) -> None:
    flashes, cell = film.worst()
    assert flashes <= LIMIT_PER_SECOND, (
        f"{what}: {flashes} flashes in one second in cell {cell} (row {cell // COLUMNS}, column {cell % COLUMNS})"
    )


def start_counting(qtbot: Any, film: Film, view: Any) -> None:
    """The figures slide has arrived: film its counters, each starting ``STAGGER_S`` after the one before."""
    counters = list(getattr(view, "counters", []))
    if not counters:
        return
    for counter in counters:  # the stagger is put on the film's time line instead of on timers
        counter.start(delay_s=0)
    animations = [counter.findChild(QVariantAnimation) for counter in counters]
    qtbot.waitUntil(lambda: all(a.state() == QAbstractAnimation.State.Running for a in animations))
    film.play({animation: index * STAGGER_S * 1000 for index, animation in enumerate(animations)})


def visit(qtbot: Any, film: Film, player: Any, action: Callable[[], object], pause_s: float = 1.0) -> None:
    """A visitor's input, the transition it starts filmed to its end, any counters counting, then a pause."""
    film.cut(action)
    film.play()
    start_counting(qtbot, film, player.window.stage.current_view())
    film.hold(pause_s)


@pytest.fixture
def player(make_player: PlayerFactory, loaded_bundled_deck: Deck, qtbot: Any) -> Any:
    """The bundled deck (light and dark slides, counters, pictures) at home."""
    shown = make_player(loaded_bundled_deck)
    go(qtbot, shown, HOME)
    return shown


@pytest.mark.parametrize("high_contrast", [False, True], ids=["as designed", "high contrast"])
def test_slides_pushed_faded_and_counted_never_flash(qtbot: Any, player: Any, high_contrast: bool) -> None:
    window, controller = player.window, player.controller
    if high_contrast:  # white on black: the largest changes of luminance the slides make
        controller.toggle_access("high_contrast")
    film = Film(window)
    film.hold(1.0)

    # WHEN a visitor opens a theme (a fade), walks through every slide of it and back (pushes, counters
    # counting), jumps to the last slide (a fade) and goes home (a fade), a second between inputs
    visit(qtbot, film, player, lambda: controller.theme(0))
    for _ in range(len(controller.deck.themes[0].slides) - 1):
        visit(qtbot, film, player, lambda: QTest.keyClick(window, Qt.Key.Key_Right))
    visit(qtbot, film, player, lambda: QTest.keyClick(window, Qt.Key.Key_Left))
    visit(qtbot, film, player, lambda: QTest.keyClick(window, Qt.Key.Key_End))
    visit(qtbot, film, player, lambda: QTest.keyClick(window, Qt.Key.Key_Home))

    # THEN no area of the screen flashed more than three times in any second
    assert controller.position == HOME
    assert len(film.frames) > 600
    assert_no_flashing(film, "slides and transitions")


def test_the_control_bar_fading_out_and_back_never_flashes(qtbot: Any, player: Any) -> None:
    navbar = player.window.navbar
    navbar.auto_hide = True  # as in kiosk mode
    player.controller.toggle_access("high_contrast")  # white outlines on black: the bar at its most visible
    go(qtbot, player, Position(0, 1))
    film = Film(player.window)
    film.hold(0.5)
    for _ in range(5):  # out, and back at a touch, as fast as it can go
        film.cut(navbar.fade_out)
        film.play()
        film.cut(navbar.user_active)
        film.play()
    for timer in navbar.findChildren(QTimer):  # the countdown to the next fade, which this test does not wait for
        timer.stop()
    assert navbar.isVisible()
    assert_no_flashing(film, "the control bar fading")


def test_still_there_card_auto_play_and_its_language_rotation_never_flash(
    qtbot: Any, make_player: PlayerFactory, loaded_bundled_deck: Deck, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()

    class ClockedAttractMode(attract_mode.AttractMode):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, clock=clock, **kwargs)

    monkeypatch.setattr(attract_mode, "AttractMode", ClockedAttractMode)
    options = loaded_bundled_deck.attract
    player = make_player(loaded_bundled_deck, idle_timeout=options.idle_timeout)
    attract, controller = player.attract, player.controller
    go(qtbot, player, Position(0, 0))
    film = Film(player.window)
    film.hold(0.5)

    def idle(seconds: float) -> None:
        clock.advance(seconds)
        attract.check()

    # WHEN the "still there?" card comes up, a visitor answers it, it comes up again and nobody answers
    film.cut(lambda: idle(options.idle_timeout))
    assert attract.warning_up
    film.hold(0.5)
    film.cut(lambda: QTest.mouseClick(player.window.stage, Qt.MouseButton.LeftButton))
    assert not attract.warning_up
    film.hold(0.5)
    film.cut(lambda: idle(options.idle_timeout))
    film.hold(1.0)
    # THEN auto-play fades to the first slide, the hint card up
    visit(qtbot, film, player, lambda: idle(options.warning))
    assert attract.phase is attract_mode.Phase.AUTOPLAY

    # WHEN auto-play reaches the last slide and loops round in the next language
    controller.go_to(controller.navigator.preceding(HOME), Motion.CUT)
    film.cut(lambda: None)
    film.hold(1.0)
    visit(qtbot, film, player, player.autoplayer._advance)  # what its timer does when the slide's time is up
    assert controller.language == loaded_bundled_deck.languages[1]
    attract.suspend()

    # THEN no area of the screen flashed more than three times in any second
    assert_no_flashing(film, "attract mode")
