"""Never down: exceptions in slots and Qt's warnings go to the log; memory self-watch restarts only when safe."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from PySide6.QtCore import QTimer, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QWidget

from kiosk import resilience
from kiosk.core.attract import Phase
from kiosk.deck import Deck
from kiosk.player.selfwatch import EXIT_RESTART, MemoryWatch, under_service_manager
from tests.ui.conftest import statement, theme


@contextmanager
def installed() -> Iterator[None]:
    """``resilience.install()`` for the duration, then every hook put back as it was.

    Used inside the test body: pytest-qt swaps sys.excepthook and Qt's message
    handler around the test call, so they must be restored before it ends.
    """
    excepthook, thread_hook = sys.excepthook, threading.excepthook
    previous_handler = qInstallMessageHandler(None)
    try:
        resilience.install()
        yield
    finally:
        sys.excepthook, threading.excepthook = excepthook, thread_hook
        qInstallMessageHandler(previous_handler)


def explode_in_a_slot() -> None:
    raise ValueError("a slot went wrong")


# -- uncaught exceptions ----------------------------------------------------------------


def test_an_exception_in_a_timer_slot_is_logged_and_the_loop_carries_on(qtbot: Any, caplog: Any) -> None:
    caplog.set_level(logging.ERROR, logger="kiosk.errors")
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    later: list[str] = []
    with installed():
        QTimer.singleShot(0, explode_in_a_slot)
        QTimer.singleShot(100, lambda: later.append("fired"))
        qtbot.waitUntil(lambda: later == ["fired"], timeout=2000)
        hook = sys.excepthook
    assert hook is resilience._log_exception, "install() routes uncaught exceptions to the log"
    records = [r for r in caplog.records if r.name == "kiosk.errors"]
    assert len(records) == 1
    record = records[0]
    assert record.levelno == logging.ERROR
    assert "carrying on" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is ValueError
    assert "a slot went wrong" in caplog.text
    assert "explode_in_a_slot" in caplog.text, "the traceback is in the log"
    assert widget.isVisible(), "the app did not end"


def test_exceptions_keep_coming_and_keep_being_logged(qtbot: Any, caplog: Any) -> None:
    caplog.set_level(logging.ERROR, logger="kiosk.errors")
    ticks: list[int] = []

    def tick() -> None:
        ticks.append(1)
        raise RuntimeError(f"tick {len(ticks)}")

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    with installed():
        timer.start()
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)
        timer.stop()
    assert len([r for r in caplog.records if r.name == "kiosk.errors"]) == len(ticks)


def test_an_exception_in_a_thread_is_logged(caplog: Any) -> None:
    caplog.set_level(logging.ERROR, logger="kiosk.errors")

    def work() -> None:
        raise OSError("the disk went away")

    with installed():
        thread = threading.Thread(target=work, name="worker")
        thread.start()
        thread.join(5)
    messages = [r.getMessage() for r in caplog.records if r.name == "kiosk.errors"]
    assert len(messages) == 1 and "worker" in messages[0]
    assert "the disk went away" in caplog.text


def test_a_qt_warning_goes_to_the_kiosk_qt_logger(qapp: Any, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.qt")
    with installed():
        qWarning("something odd in Qt")
    records = [r for r in caplog.records if r.name == "kiosk.qt"]
    assert [(r.levelno, r.getMessage()) for r in records] == [(logging.WARNING, "something odd in Qt")]


def test_a_real_qt_warning_goes_to_the_log(qapp: Any, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG, logger="kiosk.qt")
    with installed():
        timer = QTimer()
        timer.start(-5)  # Qt's own warning: timers cannot have negative intervals
    qt = [r for r in caplog.records if r.name == "kiosk.qt"]
    assert any("negative" in r.getMessage() for r in qt), [r.getMessage() for r in qt]
    assert all(r.levelno == logging.WARNING for r in qt)


# -- memory self-watch --------------------------------------------------------------------


class Restarts:
    def __init__(self) -> None:
        self.codes: list[int] = []

    def __call__(self, code: int) -> None:
        self.codes.append(code)


@pytest.mark.parametrize("supervised", [True, False], ids=["supervised", "unsupervised"])
def test_under_the_ceiling_nothing_happens(qapp: Any, supervised: bool) -> None:
    restarts = Restarts()
    watch = MemoryWatch(500, restarts, sample=lambda: 120.0, supervised=supervised)
    assert watch.check() == 120.0
    assert not watch.over_ceiling
    assert watch.allow_autoplay() is True
    assert restarts.codes == []


def test_supervised_over_the_ceiling_restarts_at_the_next_autoplay_not_before(qapp: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.player.selfwatch")
    restarts = Restarts()
    watch = MemoryWatch(500, restarts, sample=lambda: 650.0, supervised=True)
    watch.check()
    assert watch.over_ceiling and watch.last_mib == 650.0
    assert restarts.codes == [], "no restart while a visitor may be using it"
    assert "restarting at the next auto-play" in caplog.text
    watch.check()
    assert restarts.codes == []
    assert watch.allow_autoplay() is False, "auto-play does not start: the app restarts instead"
    assert restarts.codes == [EXIT_RESTART] == [75]


def test_unsupervised_over_the_ceiling_only_logs(qapp: Any, caplog: Any) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.player.selfwatch")
    restarts = Restarts()
    watch = MemoryWatch(500, restarts, sample=lambda: 650.0, supervised=False)
    watch.check()
    assert watch.over_ceiling
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "no service manager" in warnings[0]
    assert watch.allow_autoplay() is True
    assert restarts.codes == []


def test_the_ceiling_warning_is_logged_once(qapp: Any, caplog: Any) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk.player.selfwatch")
    watch = MemoryWatch(500, Restarts(), sample=lambda: 650.0, supervised=False)
    for _ in range(3):
        watch.check()
    assert len(caplog.records) == 1


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, False),
        ({"INVOCATION_ID": "0123abcd"}, True),
        ({"KIOSK_SUPERVISED": "1"}, True),
        ({"KIOSK_SUPERVISED": "0"}, False),
        ({"INVOCATION_ID": ""}, False),
    ],
)
def test_under_service_manager(environ: dict[str, str], expected: bool) -> None:
    assert under_service_manager(environ) is expected


def test_a_kiosk_player_over_the_ceiling_restarts_when_autoplay_would_start(
    qtbot: Any, make_player: Any, deck_factory: Any
) -> None:
    deck: Deck = deck_factory([theme("t", [statement("One"), statement("Two")])])
    player = make_player(deck, windowed=False, idle_timeout=None, autoplay=False, slide_duration=0.1)
    attract = player.attract
    cards = player.attract_cards
    restarts = Restarts()
    watch = MemoryWatch(500, restarts, sample=lambda: 650.0, supervised=True, parent=player.window)
    attract.before_autoplay[:] = [watch.allow_autoplay]  # in place of the real sample's watch
    watch.check()
    assert restarts.codes == []
    attract.start_autoplay_now()
    assert restarts.codes == [EXIT_RESTART]
    assert not player.autoplayer.running
    assert not cards.hint.isVisible()
    attract.suspend()
    player.window.allow_quit()


def test_build_player_wires_the_memory_watch_into_attract_mode(make_player: Any, deck_factory: Any) -> None:
    deck: Deck = deck_factory([theme("t", [statement("One")])], kiosk={"memory_limit_mib": 4096})
    player = make_player(deck, windowed=False, idle_timeout=None, autoplay=False)
    assert player.memory is not None
    assert player.memory.ceiling_mib == 4096
    assert player.memory.allow_autoplay in player.attract.before_autoplay
    player.attract.start_autoplay_now()
    assert player.attract.phase is Phase.AUTOPLAY and player.autoplayer.running, "under the ceiling it plays"
    player.attract.suspend()
    player.window.allow_quit()


def test_each_memory_sample_drops_the_module_sources_pyside_had_read(qapp: Any) -> None:
    """PySide6 reads every imported module's source through linecache, which keeps it; the watch lets it go."""
    import linecache

    import kiosk.deck.schema

    assert linecache.getlines(kiosk.deck.schema.__file__), "the source is read and kept, as PySide's import hook does"
    watch = MemoryWatch(500, Restarts(), sample=lambda: 120.0, supervised=False)
    watch.check()
    assert kiosk.deck.schema.__file__ not in linecache.cache
    watch.deleteLater()
