"""Builds and runs the player: deck, controller, window, controls, diagnostics, clean exits."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import resilience
from kiosk.deck import DECK_FILE_NAME, Deck, LoadResult, load_deck
from kiosk.diagnostics import Diagnostics
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from kiosk.logs import ErrorCounter, configure_logging, log_folder
from kiosk.memory import return_large_buffers
from kiosk.paths import resource
from kiosk.player.screensaver import ScreenSaverInhibitor
from kiosk.player.selfwatch import under_service_manager
from kiosk.system_libraries import check_display_libraries

if TYPE_CHECKING:  # built on demand in build_player, which keeps start-up imports small
    from kiosk.player.attract_mode import AttractMode
    from kiosk.player.autoplay import AutoPlayer
    from kiosk.player.controller import PlayerController
    from kiosk.player.opening_hours import ClosedMode
    from kiosk.player.pointer import PointerGestures
    from kiosk.player.reload import DeckReloader
    from kiosk.player.selfwatch import MemoryWatch
    from kiosk.player.status_file import StatusFile
    from kiosk.ui.attract_cards import AttractCards
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.setup_view import SetupView
    from kiosk.ui.standby_view import StandbyCover
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Player:
    """Everything a running player is made of, for the event loop and for tests."""

    app: QApplication
    deck: Deck
    controller: PlayerController
    window: KioskWindow
    autoplayer: AutoPlayer
    diagnostics: Diagnostics
    pointer: PointerGestures
    attract: AttractMode | None = None
    reloader: DeckReloader | None = None
    memory: MemoryWatch | None = None
    closed: ClosedMode | None = None
    exit_pad: PinPad | None = None
    attract_cards: AttractCards | None = None
    standby: StandbyCover | None = None


def application() -> QApplication:
    """The QApplication, created once."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    app.setOrganizationName("kiosk")
    from kiosk.ui.palette import stylesheet

    style = resource("styles/kiosk.qss")
    if style.is_file():
        app.setStyleSheet(stylesheet(style.read_text(encoding="utf-8")))
    return app


def build_player(
    deck: Deck,
    args: argparse.Namespace,
    diagnostics: Diagnostics | None = None,
    deck_path: Path | None = None,
) -> Player:
    """Create the controller, window and controls for ``deck`` without starting the event loop.

    Attract mode (idle warning and auto-play) runs in kiosk mode, or in a window
    when ``--autoplay`` or ``--idle-timeout`` asks for it; with ``deck_path`` the
    deck is reloaded when its files change.
    """
    from kiosk.player.activity import ActivityMonitor
    from kiosk.player.autoplay import AutoPlayer
    from kiosk.player.controller import PlayerController
    from kiosk.player.keys import KeyboardControls
    from kiosk.player.pointer import PointerGestures
    from kiosk.ui.window import KioskWindow

    app = application()
    if getattr(args, "reduced_motion", False):
        deck = dataclasses.replace(deck, reduced_motion=True)
    diagnostics = diagnostics or Diagnostics()
    controller = PlayerController(deck, getattr(args, "lang", None))
    window = KioskWindow(
        controller, windowed=bool(getattr(args, "windowed", True)), screen_index=getattr(args, "screen", None)
    )
    KeyboardControls(window, controller)
    pointer = PointerGestures(window.stage, controller)
    activity = ActivityMonitor(window)
    activity.activity.connect(window.navbar.user_active)
    window.frame_observers.append(diagnostics.frame)
    window.stage.transition_finished.connect(diagnostics.transition)
    autoplayer = AutoPlayer(controller, window.stage, getattr(args, "slide_duration", None))
    player = Player(app, deck, controller, window, autoplayer, diagnostics, pointer)
    windowed = bool(getattr(args, "windowed", True))
    idle_timeout = getattr(args, "idle_timeout", None)
    if not windowed or getattr(args, "autoplay", False) or idle_timeout is not None:
        _add_attract_mode(player, idle_timeout)
    if deck_path is not None:
        _add_reloader(player, deck_path)
    return player


def _add_attract_mode(player: Player, idle_timeout: float | None) -> None:
    from kiosk.player.attract_mode import AttractMode
    from kiosk.player.opening_hours import ClosedMode
    from kiosk.player.selfwatch import MemoryWatch
    from kiosk.ui.attract_cards import AttractCards
    from kiosk.ui.standby_view import StandbyCover

    window = player.window
    attract = AttractMode(window, player.controller, player.autoplayer, idle_timeout)
    cards = AttractCards(window, attract, player.controller)
    memory = MemoryWatch(player.deck.kiosk.memory_limit_mib, player.app.exit, parent=attract)
    attract.before_autoplay.append(memory.allow_autoplay)
    window.resized.connect(cards.relayout)
    player.attract, player.memory, player.attract_cards = attract, memory, cards
    closed = ClosedMode(window, player.controller, attract)
    standby = StandbyCover(window, closed, player.controller)
    window.resized.connect(standby.relayout)
    player.closed, player.standby = closed, standby
    closed.start()
    if not window.windowed:
        _add_exit_gesture(player)


def _add_exit_gesture(player: Player) -> None:
    """Kiosk mode's only way out: hold the top-left corner, then the PIN on the keypad; then Exit, or Present."""
    from kiosk.core.pin_lock import PinLock, exit_pin_from
    from kiosk.player.exit_gesture import CornerHold
    from kiosk.player.handover import BoothHandover
    from kiosk.present import open_booth_console
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.scale import Scale, minimum_touch_target

    window, controller = player.window, player.controller
    lock = PinLock(exit_pin_from(player.deck.kiosk.exit_pin, os.environ))

    def corner_side() -> int:
        # The corner is one touch target square, as big as the views' buttons on this screen.
        return minimum_touch_target(window, Scale(max(1, window.width()), max(1, window.height())))

    # The input hub shows it every press before anything else, even the one that wakes the screen.
    corner = CornerHold(window, player.deck.kiosk.exit_hold, corner_side)
    pad = PinPad(lock, controller.language, window, offer_present=True)
    corner.held.connect(pad.open)
    controller.language_changed.connect(pad.set_language)
    window.resized.connect(pad.place)

    def leave() -> None:
        log.info("kiosk mode left with the PIN")
        window.allow_quit()
        player.app.exit(EXIT_OK)

    pad.accepted.connect(leave)
    player.exit_pad = pad
    assert player.attract is not None  # kiosk mode always has it
    # Present: this display becomes the audience view, still locked, and a locked presenter console opens.
    booth = BoothHandover(controller, player.attract, lambda: open_booth_console(player), player.closed, parent=window)
    pad.present_chosen.connect(booth.present)


def _add_reloader(player: Player, deck_path: Path) -> None:
    from kiosk.player.reload import DeckReloader

    reloader = DeckReloader(deck_path, player.deck, player.window)
    reloader.deck_loaded.connect(player.controller.replace_deck)
    player.reloader = reloader


def run_app(deck_file: Path, args: argparse.Namespace) -> int:
    """``kiosk run``: play the deck until quit; returns the exit code.

    Under a service manager a deck that is invalid or missing at start never ends the process: the last
    good copy plays, else the setup screen shows, while the configured deck is watched for a fix.
    """
    missing = check_display_libraries()
    if missing is not None:  # Qt would abort with a page about plugins
        sys.stderr.write(f"{missing}\n")
        return EXIT_INVALID
    errors = configure_logging()
    result = load_deck(deck_file)
    shown_file = deck_file
    if result.deck is None:
        if not under_service_manager():
            for problem in result.problems:
                sys.stderr.write(f"{problem}\n")
            sys.stderr.write(f"{deck_file}: the deck is invalid; run `kiosk validate` for details\n")
            return EXIT_INVALID
        result, shown_file = _last_good_instead(deck_file, result)
    if result.deck is not None and args.lang is not None and args.lang not in result.deck.languages:
        sys.stderr.write(
            f"kiosk run: error: --lang {args.lang}: the deck's languages are {', '.join(result.deck.languages)}\n"
        )
        return EXIT_USAGE
    resilience.install()
    return_large_buffers()
    app = application()
    diagnostics = Diagnostics(errors)
    if args.diagnostics is not None:
        app.aboutToQuit.connect(lambda: diagnostics.write(args.diagnostics))
    shown = _Shown(app, deck_file, args, diagnostics, _status_file(errors, app))

    def quit_cleanly() -> None:
        # QApplication.quit() first asks every window to close, and the kiosk window refuses.
        for window in shown.windows:
            window.allow_quit()
        app.exit(EXIT_OK)

    stop_on_sigterm(quit_cleanly)
    if args.exit_after is not None:
        QTimer.singleShot(round(args.exit_after * 1000), quit_cleanly)
    if result.deck is None:
        shown.setup_screen()
    else:
        shown.play(result.deck, shown_file)
    shown.status.start()
    inhibitor = ScreenSaverInhibitor()
    if not args.windowed:
        inhibitor.inhibit()
        app.aboutToQuit.connect(inhibitor.release)
    code = app.exec()
    return EXIT_OK if code == 0 else code


def _last_good_instead(deck_file: Path, result: LoadResult) -> tuple[LoadResult, Path]:
    """Log why the configured deck cannot play, then load the last good copy instead (when there is one)."""
    from kiosk.player.last_good import last_good_folder, load_last_good

    for problem in result.problems:
        (log.error if problem.is_error else log.warning)("%s", problem)
    state = log_folder()
    copy = load_last_good(state)
    if copy is not None and copy.deck is not None:
        copy_file = last_good_folder(state) / DECK_FILE_NAME
        log.error("%s is invalid or missing; playing the last good copy, %s, until it is fixed", deck_file, copy_file)
        return copy, copy_file
    if copy is not None:
        log.error("the last good copy in %s no longer validates", last_good_folder(state))
    log.error("%s is invalid or missing and there is no last good copy", deck_file)
    return result, deck_file


def _status_file(errors: ErrorCounter, app: QApplication) -> StatusFile:
    from kiosk.player.status_file import STATUS_FILE_NAME, StatusFile

    return StatusFile(log_folder() / STATUS_FILE_NAME, lambda: errors.count, parent=app)


class _Shown:
    """What ``kiosk run`` shows: the player, or the setup screen until the configured deck is fixed.

    Keeps the player's windows alive, and records each deck shown in status.json and, when it is the
    configured deck, as the last good copy.
    """

    def __init__(
        self, app: QApplication, deck_file: Path, args: argparse.Namespace, diagnostics: Diagnostics, status: StatusFile
    ) -> None:
        self.app, self.deck_file, self.args, self.diagnostics, self.status = app, deck_file, args, diagnostics, status
        self.windows: list[KioskWindow | SetupView] = []
        self.players: list[Player] = []

    def play(self, deck: Deck, shown_file: Path) -> Player:
        """Build and show the player for ``deck`` (read from ``shown_file``); the configured deck is watched."""
        args, from_copy = self.args, shown_file != self.deck_file
        player = build_player(deck, args, self.diagnostics, deck_path=None if from_copy else self.deck_file)
        if from_copy:
            _add_reloader(player, self.deck_file)
        _notify_service_manager(player, f"playing {shown_file}")
        self.players.append(player)
        self.windows.append(player.window)
        player.window.present()
        if args.autoplay and player.attract is not None:
            QTimer.singleShot(0, player.attract.start_autoplay_now)  # type: ignore[attr-defined]
        reloader = player.reloader
        assert reloader is not None
        reloader.deck_loaded.connect(self._reloaded)
        reloader.deck_rejected.connect(self._rejected)
        self.record(deck, shown_file)
        log.info("playing %s (%d themes, %d slides)", shown_file, len(deck.themes), deck.slide_count)
        return player

    def setup_screen(self) -> None:
        """Show the setup screen and watch the configured deck: the first valid version replaces the screen."""
        from kiosk.player.reload import DeckReloader
        from kiosk.ui.setup_view import SetupView

        view = SetupView(log_folder() / "kiosk.log", windowed=bool(self.args.windowed))
        reloader = DeckReloader(self.deck_file, None, view)
        reloader.deck_rejected.connect(self._rejected)

        def fixed(deck: Deck) -> None:
            reloader.deck_loaded.disconnect(fixed)
            if self.args.lang not in (None, *deck.languages):
                log.warning("--lang %s: the deck's languages are %s", self.args.lang, ", ".join(deck.languages))
                self.args.lang = None
            self.status.reload_finished(True)
            self.play(deck, self.deck_file)
            view.allow_quit()
            view.close()
            self.windows.remove(view)
            view.deleteLater()

        reloader.deck_loaded.connect(fixed)
        self.windows.append(view)
        view.present()
        # Logged once the deck is watched: a fix from now on is seen.
        log.error("showing the setup screen until %s is fixed", self.deck_file)

    def record(self, deck: Deck, shown_file: Path) -> None:
        """Note ``deck`` in status.json, and keep it as the last good copy unless it is that copy."""
        from kiosk.player.last_good import deck_files, save_last_good

        files = deck_files(deck, shown_file)
        digest = files.digest()
        from_copy = shown_file != self.deck_file
        self.status.show_deck(deck, shown_file, files, digest, from_copy)
        if not from_copy:
            save_last_good(files, log_folder(), digest)

    def _reloaded(self, deck: Deck) -> None:
        self.status.reload_finished(True)
        self.record(deck, self.deck_file)

    def _rejected(self, result: LoadResult) -> None:
        self.status.reload_finished(False, len(result.errors))


def _notify_service_manager(player: Player, status: str) -> None:
    """systemd's notify protocol, when the unit asks for it: ready at the first painted slide, watchdog, stopping."""
    from kiosk.player.service_notify import ServiceNotifier

    notifier = ServiceNotifier(status, parent=player.app)
    if notifier.enabled:
        player.window.frame_observers.append(notifier.first_frame)
        player.app.aboutToQuit.connect(notifier.stopping)


def stop_on_sigterm(quit_cleanly: Callable[[], None]) -> None:
    """Quit the event loop cleanly on SIGTERM and SIGINT, as a service manager stops the app."""
    app = application()
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(drain)

    def quit_now(signum: int, _frame: object) -> None:
        log.info("signal %d received; quitting", signum)
        QTimer.singleShot(0, quit_cleanly)

    signal.signal(signal.SIGTERM, quit_now)
    signal.signal(signal.SIGINT, quit_now)
    app._kiosk_signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]
