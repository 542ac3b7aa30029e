"""The presenter console and the audience window on one controller: navigation, notes, clocks, pace, P, R, the end."""

from __future__ import annotations

import argparse
import signal
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.core.navigator import Position
from kiosk.core.rehearsals import RehearsalRun, deck_identity
from kiosk.core.talk_timer import SlideTimeState
from kiosk.deck import Deck
from kiosk.present import Presentation, build_presenter
from kiosk.rehearsal_store import RehearsalStore, RehearsalStoreError
from kiosk.ui.palette import TEXT, TIME_NEARLY, TIME_OVER
from tests.core.clock import FakeClock
from tests.ui.conftest import DeckFactory, statement, theme
from tests.ui.helpers import settle

CONSOLE_SIZE = (1366, 768)
TWO_PM = datetime(2024, 5, 2, 14, 7)


def slides_deck(deck_factory: DeckFactory) -> Deck:
    """Three slides of 60 s each, with notes in English and French on the first two."""
    return deck_factory(
        [
            theme(
                "a",
                [
                    statement("One", notes={"en": "Greet the room.", "fr": "Saluez la salle."}, duration=60),
                    statement("Two", body={"en": "Second", "fr": "Deuxième"}, notes={"en": "Ask a question."}),
                    statement("Three", notes={"en": "Wrap up."}),
                ],
            )
        ],
        languages=["en", "fr"],
        attract={"slide_duration": 60},
    )


class Talk:
    """A presentation on a fake clock, with both windows shown as on two screens."""

    def __init__(self, qtbot: Any, presentation: Presentation, clock: FakeClock) -> None:
        self.qtbot = qtbot
        self.presentation = presentation
        self.clock = clock
        self.console = presentation.console
        self.audience = presentation.player.window
        self.controller = presentation.player.controller
        self.presenter = presentation.presenter

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass and wait for the console's next tick."""
        self.clock.advance(seconds)
        with self.qtbot.waitSignal(self.presenter.tick, timeout=2000):
            pass


@pytest.fixture
def make_talk(qtbot: Any, deck_factory: DeckFactory, tmp_path: Path) -> Iterator[Callable[..., Talk]]:
    made: list[Talk] = []

    def factory(
        deck: Deck | None = None, size: tuple[int, int] = CONSOLE_SIZE, store: RehearsalStore | None = None
    ) -> Talk:
        clock = FakeClock()
        presentation = build_presenter(
            deck or slides_deck(deck_factory),
            argparse.Namespace(lang=None, audience_screen=None),
            clock=clock,
            now=lambda: TWO_PM,
            store=store or RehearsalStore(tmp_path / "rehearsals.sqlite"),
            tick_ms=10,
        )
        talk = Talk(qtbot, presentation, clock)
        for window, window_size in ((talk.audience, (1280, 720)), (talk.console, size)):
            qtbot.addWidget(window)
            window.resize(*window_size)
            window.show()
            qtbot.waitExposed(window)
        talk.presenter.start()
        made.append(talk)
        return talk

    yield factory
    for talk in made:
        talk.presenter.stop()
        talk.presentation.player.autoplayer.stop()
        talk.audience.stage.overlay.finish_now()


def shows_colour(label: QLabel, colour: str) -> bool:
    """True when the label's painted text has pixels of ``colour`` (so colour is really on screen)."""
    image = label.grab().toImage()
    wanted = QColor(colour)
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - wanted.red())
                + abs(pixel.green() - wanted.green())
                + abs(pixel.blue() - wanted.blue())
                < 12
            ):
                return True
    return False


def test_keys_on_the_console_move_the_audience_window_and_keys_there_move_the_console(
    qtbot: Any, make_talk: Callable[..., Talk], press: Callable[..., None]
) -> None:
    talk = make_talk()
    press(talk.console, Qt.Key.Key_1)  # theme 1, as on the player
    settle(qtbot, talk.audience.stage)
    assert talk.audience.stage.shown_position == Position(0, 0)
    assert talk.console.current.position == Position(0, 0)
    assert talk.console.next.position == Position(0, 1)
    assert talk.console.position_label.text() == "Slide 1 of 3"
    assert talk.console.theme_label.text() == "Theme a"
    press(talk.console, Qt.Key.Key_PageDown)  # a clicker's next
    settle(qtbot, talk.audience.stage)
    assert talk.audience.stage.shown_position == Position(0, 1)
    assert "Second" in talk.console.current.visible_texts()
    assert talk.console.position_label.text() == "Slide 2 of 3"
    press(talk.audience, Qt.Key.Key_Left)
    settle(qtbot, talk.audience.stage)
    assert talk.console.current.position == Position(0, 0) and talk.console.next.position == Position(0, 1)


def test_notes_follow_the_slide_and_the_language(
    qtbot: Any, make_talk: Callable[..., Talk], press: Callable[..., None]
) -> None:
    talk = make_talk()
    assert talk.console.notes_text() == "No notes for this slide."
    press(talk.console, Qt.Key.Key_Right)
    assert talk.console.notes_text() == "Greet the room."
    press(talk.console, Qt.Key.Key_L)
    assert talk.controller.language == "fr"
    assert talk.console.notes_text() == "Saluez la salle."
    assert talk.console.position_label.text() == "Diapositive 1 sur 3"
    press(talk.console, Qt.Key.Key_Right)
    assert talk.console.notes_text() == "Ask a question.", "notes missing in French fall back to the deck's first"
    assert "Deuxième" in talk.console.current.visible_texts(), "the slide switched language with the notes"
    settle(qtbot, talk.audience.stage)


def test_the_slide_timer_turns_amber_then_red_in_words_and_colour(
    make_talk: Callable[..., Talk], press: Callable[..., None]
) -> None:
    talk = make_talk()
    clocks = talk.console.clocks
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(30)
    assert clocks.slide.text() == "This slide 0:30 of 1:00"
    assert (clocks.state, clocks.slide_state.text()) == (SlideTimeState.NORMAL, "● On time")
    assert shows_colour(clocks.slide_state, TEXT)
    talk.advance(20)  # 50 of 60 s: past 80 %
    assert (clocks.state, clocks.slide_state.text()) == (SlideTimeState.AMBER, "▲ Nearly time")
    assert shows_colour(clocks.slide_state, TIME_NEARLY) and not shows_colour(clocks.slide_state, TIME_OVER)
    talk.advance(15)
    assert clocks.slide.text() == "This slide 1:05 of 1:00"
    assert (clocks.state, clocks.slide_state.text()) == (SlideTimeState.RED, "■ Over time")
    assert shows_colour(clocks.slide_state, TIME_OVER) and shows_colour(clocks.slide, TIME_OVER)


def test_the_pace_line_says_behind_on_time_and_ahead(
    make_talk: Callable[..., Talk], press: Callable[..., None]
) -> None:
    talk = make_talk()
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(10)
    assert talk.console.clocks.pace.text() == "The talk is on time."
    talk.advance(50 + 120)  # two minutes past the first slide's minute
    assert talk.console.clocks.pace.text() == "The talk is 2 min behind."
    press(talk.console, Qt.Key.Key_R)
    press(talk.console, Qt.Key.Key_Right, times=2)  # straight to the last slide: two slides' minutes saved
    talk.advance(5)
    assert talk.console.clocks.pace.text() == "The talk is 2 min ahead."


def test_p_pauses_the_talk_clock_on_screen_and_r_starts_it_from_zero(
    make_talk: Callable[..., Talk], press: Callable[..., None]
) -> None:
    talk = make_talk()
    clocks = talk.console.clocks
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(42)
    press(talk.console, Qt.Key.Key_P)
    talk.advance(100)
    assert clocks.talk.text() == "Talk 0:42"
    assert clocks.paused.isVisible() and clocks.paused.text() == "Timer paused: press P to go on."
    press(talk.audience, Qt.Key.Key_P)  # the audience window's keys work the same
    talk.advance(3)
    assert clocks.talk.text() == "Talk 0:45" and not clocks.paused.isVisible()
    press(talk.console, Qt.Key.Key_R)
    assert clocks.talk.text() == "Talk 0:00" and clocks.slide.text() == "This slide 0:00 of 1:00"
    assert talk.console.wall_clock.text() == "14:07"


def test_the_first_esc_records_the_talk_and_shows_which_slides_ran_long(
    make_talk: Callable[..., Talk], press: Callable[..., None], tmp_path: Path
) -> None:
    talk = make_talk()
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(20)
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(75)
    press(talk.console, Qt.Key.Key_Escape)
    assert talk.console.isVisible(), "the first Esc ends the talk; the console stays to show how it went"
    summary = talk.console.summary
    assert summary.isVisible() and not talk.console.notes_area.isVisible()
    assert summary.text().splitlines() == [
        "Talk over after 1:35.",
        "Slide 2 ran long: 1:15 of 1:00.",
        "This is the first recorded run of this deck.",
        "Press Esc again to close.",
    ]
    runs = RehearsalStore(tmp_path / "rehearsals.sqlite").runs()
    assert len(runs) == 1 and runs[0].total_s == 95
    assert [(slide.key, slide.spent_s) for slide in runs[0].slides] == [("a/1", 20), ("a/2", 75), ("a/3", 0)]


def earlier_run(deck: Deck, days_ago: int, total_s: float, deck_path: str | None = None) -> RehearsalRun:
    """A run of ``deck`` recorded ``days_ago`` days before the talk, that took ``total_s`` seconds."""
    started = (TWO_PM - timedelta(days=days_ago)).astimezone()
    path = deck_identity(deck) if deck_path is None else deck_path
    return RehearsalRun(started, started + timedelta(seconds=total_s), "Deck", path, "en", total_s, ())


def test_the_summary_compares_the_talk_with_the_previous_three_runs_of_the_deck(
    deck_factory: DeckFactory, make_talk: Callable[..., Talk], press: Callable[..., None], tmp_path: Path
) -> None:
    deck = slides_deck(deck_factory)
    store = RehearsalStore(tmp_path / "rehearsals.sqlite")
    store.record(earlier_run(deck, 4, 900))  # older than the last three: left out of the mean
    for days_ago, total in ((3, 600), (2, 620), (1, 640)):
        store.record(earlier_run(deck, days_ago, total))
    store.record(earlier_run(deck, 1, 100, deck_path=str(tmp_path / "another-deck")))  # another deck's: left out
    talk = make_talk(deck)
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(540)  # 9:00, against a mean of (600 + 620 + 640) / 3 = 620 s = 10:20: more than 5 % under
    press(talk.console, Qt.Key.Key_Escape)
    summary = talk.console.summary
    assert summary.isVisible()
    assert summary.text().splitlines() == [
        "Talk over after 9:00.",
        "Slide 1 ran long: 9:00 of 1:00.",
        "The previous 3 runs took 10:20 on average; this one took 9:00.",
        "The talk is getting tighter.",
        "Press Esc again to close.",
    ]
    press(talk.console, Qt.Key.Key_L)
    assert summary.text().splitlines()[2:4] == [
        "Les 3 répétitions précédentes ont duré 10:20 en moyenne ; celle-ci a duré 9:00.",
        "L’exposé se resserre.",
    ]
    assert len(store.runs()) == 6, "the talk is recorded with the earlier runs"


def test_a_corrupt_store_ends_the_talk_with_its_own_summary_and_claims_no_first_run(
    make_talk: Callable[..., Talk], press: Callable[..., None], tmp_path: Path
) -> None:
    (tmp_path / "rehearsals.sqlite").write_bytes(b"not a database at all" * 100)
    talk = make_talk()
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(30)
    press(talk.console, Qt.Key.Key_Escape)
    assert talk.presenter.is_ended and talk.console.summary.isVisible()
    assert talk.console.summary.text().splitlines() == [
        "Talk over after 0:30.",
        "Every slide kept to its time.",
        "Press Esc again to close.",
    ]


class UnreadableHistory(RehearsalStore):
    """A store that keeps the run but cannot read the earlier ones back (another process holds the database)."""

    def runs(self, limit: int | None = None, deck_path: str | None = None) -> list[RehearsalRun]:
        raise RehearsalStoreError(f"cannot read {self.path}: database is locked")


def test_earlier_runs_that_cannot_be_read_leave_the_rest_of_the_summary(
    make_talk: Callable[..., Talk], press: Callable[..., None], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = UnreadableHistory(tmp_path / "rehearsals.sqlite")
    talk = make_talk(store=store)
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(30)
    with caplog.at_level("INFO"):
        press(talk.console, Qt.Key.Key_Escape)
    assert talk.console.summary.text().splitlines() == [
        "Talk over after 0:30.",
        "Every slide kept to its time.",
        "Press Esc again to close.",
    ]
    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("rehearsal recorded in ") for message in messages)
    assert any("the talk is not compared with earlier runs: " in message for message in messages)
    assert not any("could not be recorded" in message for message in messages), "it was recorded"


def test_plus_and_minus_resize_the_notes(make_talk: Callable[..., Talk], press: Callable[..., None]) -> None:
    talk = make_talk()
    start = talk.console.notes_pixel_size()
    press(talk.console, Qt.Key.Key_Plus)
    larger = talk.console.notes_pixel_size()
    press(talk.console, Qt.Key.Key_Minus, times=2)
    assert larger > start > talk.console.notes_pixel_size()
    press(talk.console, Qt.Key.Key_Minus, times=20)
    assert talk.console.notes_pixel_size() > 0


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_nothing_on_the_console_is_cut_off(
    make_talk: Callable[..., Talk], press: Callable[..., None], size: tuple[int, int]
) -> None:
    talk = make_talk(size=size)
    press(talk.console, Qt.Key.Key_Right)
    talk.advance(65)  # the longest slide-time words: red, over time
    console = talk.console
    parts: list[QWidget] = [
        console.position_label,
        console.theme_label,
        console.wall_clock,
        console.current,
        console.next,
        console.notes_area,
        console.clocks,
    ]
    for part in parts:
        assert console.rect().contains(part.geometry()), type(part).__name__
    for label in (console.position_label, console.wall_clock, console.clocks.slide, console.clocks.slide_state):
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width(), label.text()


# -- the command -----------------------------------------------------------------------


def test_kiosk_present_runs_until_sigterm_and_records_the_talk(bundled_deck: Path, tmp_path: Path) -> None:
    from tests.test_cli_run import LogLines, kiosk, kiosk_env

    env = {**kiosk_env(tmp_path), "KIOSK_DATA_DIR": str(tmp_path / "data")}
    process = subprocess.Popen(
        kiosk("present", str(bundled_deck)), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        stderr = LogLines(process.stderr)  # type: ignore[arg-type]
        stderr.wait_for(r"kiosk\.present: presenting ", timeout_s=20)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = stderr.rest(timeout_s=5)
    assert process.returncode == 0, output
    assert "Traceback" not in output
    assert "talk summary: Talk over after" in output
    assert len(RehearsalStore(tmp_path / "data" / "rehearsals.sqlite").runs()) == 1


def test_kiosk_present_with_an_unknown_language_exits_2(bundled_deck: Path, tmp_path: Path) -> None:
    from tests.test_cli_run import run_kiosk

    result = run_kiosk(tmp_path, "present", str(bundled_deck), "--lang", "xx")
    assert result.returncode == 2, result.stderr
    assert "kiosk present: error: --lang xx" in result.stderr
