"""Lazy slides: a deck of 500 slides starts quickly and keeps only the current slide and its neighbours."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.core.navigator import Position
from tests.ui.conftest import statement, theme
from tests.ui.helpers import settle, wait_for_neighbours

THEMES, SLIDES = 10, 50
START_LIMIT_S = 5.0
"""Seconds to load a 500-slide deck and show its window; a few tenths on a laptop."""


def test_five_hundred_slides_build_show_and_stay_lazy(qtbot: Any, deck_factory: Any, make_player: Any) -> None:
    started = time.perf_counter()
    deck = deck_factory(
        [theme(f"t{t}", [statement(f"T{t} S{s}", f"Body {t}.{s}") for s in range(SLIDES)]) for t in range(THEMES)]
    )
    player = make_player(deck, time_scale=0.1)
    took = time.perf_counter() - started
    assert deck.slide_count == THEMES * SLIDES
    assert took < START_LIMIT_S, f"loading and showing 500 slides took {took:.2f} s"
    stage = player.window.stage
    assert len(stage.live_views()) <= 3, "only home and its neighbours are built at start"

    QTest.keyClick(player.window, Qt.Key.Key_1)
    for _ in range(30):
        QTest.keyClick(player.window, Qt.Key.Key_Right)
    settle(qtbot, stage)
    wait_for_neighbours(qtbot, player)
    assert player.controller.position == Position(0, 30)
    assert stage.current_view().visible_texts() == ["Theme t0", "T0 S30", "Body 0.30"]
    assert set(stage.live_views()) <= {Position(0, 29), Position(0, 30), Position(0, 31)}
    assert len(stage.live_views()) <= 3

    for _ in range(25):  # across the end of the first theme, one slide at a time
        QTest.keyClick(player.window, Qt.Key.Key_Right)
        QApplication.processEvents()
        assert len(stage.live_views()) <= 4
    settle(qtbot, stage)
    wait_for_neighbours(qtbot, player)
    assert player.controller.position == Position(1, 5)
    assert stage.current_view().visible_texts()[1] == "T1 S5"
    assert len(stage.live_views()) <= 3

    QTest.keyClick(player.window, Qt.Key.Key_End)
    settle(qtbot, stage)
    assert stage.current_view().visible_texts()[1] == f"T{THEMES - 1} S{SLIDES - 1}"
    wait_for_neighbours(qtbot, player)
    assert len(stage.live_views()) <= 3
