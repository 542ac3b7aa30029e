"""``kiosk present``: the audience window and the presenter console on one controller, the talk timed and recorded."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from kiosk import resilience
from kiosk.app import Player, build_player, stop_on_sigterm
from kiosk.command_checks import language_is_unknown, report_invalid_deck
from kiosk.deck import Deck, load_deck
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from kiosk.logs import configure_logging
from kiosk.system_libraries import check_display_libraries

if TYPE_CHECKING:
    from kiosk.core.rehearsals import RunComparison
    from kiosk.core.talk_timer import TalkTimer
    from kiosk.player.presenter import Presenter, PresenterScreens
    from kiosk.rehearsal_store import RehearsalStore
    from kiosk.ui.presenter_console import PresenterConsole

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Presentation:
    """A running presentation: the player behind the audience window, the presenter's timing, console and screens."""

    player: Player
    presenter: Presenter
    console: PresenterConsole
    screens: PresenterScreens

    def close(self) -> None:
        """End the talk (recorded once), give the audience window back any screen it gave up, close the console."""
        self.presenter.end_talk()
        window = self.player.window
        if window.isHidden():  # shown first: closing the last visible window would quit the app
            window.present()
        self.console.allow_close()
        self.console.close()
        self.console.deleteLater()


def audience_screen_name(index: int | None) -> str | None:
    """The name of screen ``index`` (``--audience-screen``), None when not given or not connected (logged)."""
    screens = QGuiApplication.screens()
    if index is None:
        return None
    if not 0 <= index < len(screens):
        log.warning("there is no screen %d (screens: %d); the audience gets another screen", index, len(screens))
        return None
    return screens[index].name()


def build_presenter(
    deck: Deck,
    args: argparse.Namespace,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], datetime] = datetime.now,
    store: RehearsalStore | None = None,
    tick_ms: int | None = None,
) -> Presentation:
    """The audience window (built as ``kiosk run --windowed`` builds it), the console, their keys and touch.

    Nothing is shown yet: ``screens.place()`` puts each window on its screen.
    With ``store`` the talk is recorded there when it ends; ``tick_ms`` moves the clocks more often (tests).
    """
    player_args = argparse.Namespace(windowed=True, lang=getattr(args, "lang", None), screen=None)
    player = build_player(deck, player_args)  # not locked: presenting is not kiosk mode
    wanted = audience_screen_name(getattr(args, "audience_screen", None))
    presentation = attach_console(player, wanted, clock, now, store, tick_ms)
    presentation.presenter.watch(player.window)  # after its KeyboardControls: P, R and the first Esc come here first
    return presentation


def attach_console(
    player: Player,
    wanted_audience: str | None,
    clock: Callable[[], float] = time.monotonic,
    now: Callable[[], datetime] = datetime.now,
    store: RehearsalStore | None = None,
    tick_ms: int | None = None,
    *,
    locked: bool = False,
) -> Presentation:
    """A presenter console, its talk timer, keys and touch, following ``player``'s controller; nothing shown yet.

    The player's window is the audience view (on ``wanted_audience`` when connected); ``locked`` makes the
    console as closed to the desktop as kiosk mode. With ``store`` the talk is recorded there when it ends.
    """
    from kiosk.player.keys import KeyboardControls
    from kiosk.player.pointer import PointerGestures
    from kiosk.player.presenter import TICK_MS, Presenter, PresenterScreens
    from kiosk.ui.presenter_console import PresenterConsole

    controller = player.controller
    presenter = Presenter(controller, clock, now, tick_ms=tick_ms or TICK_MS)
    console = PresenterConsole(controller, presenter, locked=locked)
    presenter.setParent(console)  # the talk's timer goes with its console
    KeyboardControls(console, controller)
    PointerGestures(console.current, controller)
    presenter.watch(console)  # after the console's KeyboardControls: P, R and the first Esc come here first
    if store is not None:
        deck, started_at = controller.deck, now().astimezone()
        presenter.on_end.append(lambda timer: _record(store, deck, controller.language, timer, started_at))
    screens = PresenterScreens(console, player.window, wanted_audience, parent=console)
    return Presentation(player, presenter, console, screens)


def open_booth_console(player: Player, store: RehearsalStore | None = None) -> Presentation:
    """At a kiosk-mode booth: a locked console on another screen (or on the player's, which it then takes),
    the player's window as the audience view, the talk timed and recorded (in the data folder by default)."""
    from kiosk.paths import data_folder
    from kiosk.rehearsal_store import DATABASE_NAME, RehearsalStore

    screen = player.window.screen()
    store = store or RehearsalStore(data_folder() / DATABASE_NAME)
    presentation = attach_console(player, screen.name() if screen is not None else None, store=store, locked=True)
    presentation.screens.place()
    presentation.console.raise_()
    presentation.console.activateWindow()
    presentation.presenter.start()
    return presentation


def _record(
    store: RehearsalStore, deck: Deck, language: str, timer: TalkTimer, started_at: datetime
) -> RunComparison | None:
    """Record the talk; how it compares with the deck's previous runs, or None when it could not be recorded."""
    from kiosk.core.rehearsals import PREVIOUS_FOR_TREND, compare
    from kiosk.rehearsal_store import RehearsalStoreError, record_talk

    run = record_talk(store, deck, language, timer, started_at)
    if run is None:
        return None
    log.info("rehearsal recorded in %s (run %s)", store.path, run.id)
    try:
        # The newest runs only: the console tells the total against the previous few, not every slide's history.
        latest = store.runs(limit=PREVIOUS_FOR_TREND + 1, deck_path=run.deck_path)
    except RehearsalStoreError as exc:
        log.warning("the talk is not compared with earlier runs: %s", exc)
        return None
    return compare([run, *(other for other in latest if other.id != run.id)])


def run_present(deck_file: Path, args: argparse.Namespace) -> int:
    """``kiosk present``: show the console and the audience window until quit; returns the exit code."""
    missing = check_display_libraries()
    if missing is not None:
        sys.stderr.write(f"{missing}\n")
        return EXIT_INVALID
    configure_logging()
    result = load_deck(deck_file)
    if result.deck is None:
        report_invalid_deck(deck_file, result)
        return EXIT_INVALID
    deck = result.deck
    if language_is_unknown("present", args.lang, deck):
        return EXIT_USAGE
    resilience.install()
    from kiosk.paths import data_folder
    from kiosk.rehearsal_store import DATABASE_NAME, RehearsalStore

    presentation = build_presenter(deck, args, store=RehearsalStore(data_folder() / DATABASE_NAME))
    app = presentation.player.app
    presenter = presentation.presenter
    app.aboutToQuit.connect(presenter.end_talk)  # recorded whichever way the talk stops

    def quit_cleanly() -> None:
        app.exit(EXIT_OK)

    stop_on_sigterm(quit_cleanly)
    presentation.screens.place()
    presenter.start()
    log.info("presenting %s (%d themes, %d slides)", deck_file, len(deck.themes), deck.slide_count)
    code = app.exec()
    return EXIT_OK if code == 0 else code
