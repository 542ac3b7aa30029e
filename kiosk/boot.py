"""What ``kiosk run`` shows: the configured deck, else (under a service manager) its last good copy or the setup screen.

Each deck shown is recorded in status.json and, when it is the configured deck, kept as the last good copy.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk import app as player_app
from kiosk.deck import DECK_FILE_NAME, Deck, LoadResult
from kiosk.diagnostics import Diagnostics
from kiosk.logs import ErrorCounter, log_folder
from kiosk.player.last_good import deck_files, last_good_folder, load_last_good, save_last_good
from kiosk.player.reload import DeckReloader
from kiosk.player.status_file import STATUS_FILE_NAME, StatusFile
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:  # shown only while the deck is broken: imported then, not before every first frame
    from kiosk.ui.setup_view import SetupView

log = logging.getLogger("kiosk.app")
"""The app's logger: "kiosk.app: playing ..." is the line operators and tests wait for."""


def last_good_instead(deck_file: Path, result: LoadResult) -> tuple[LoadResult, Path]:
    """Log why the configured deck cannot play, then load the last good copy instead (when there is one)."""
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


def status_file(errors: ErrorCounter, app: QApplication) -> StatusFile:
    """The status.json writer, in the state folder, counting ``errors``."""

    return StatusFile(log_folder() / STATUS_FILE_NAME, lambda: errors.count, parent=app)


class Shown:
    """What ``kiosk run`` shows: the player, or the setup screen until the configured deck is fixed.

    Keeps the player's windows alive, and records each deck shown in status.json and, when it is the
    configured deck, as the last good copy.
    """

    def __init__(
        self, app: QApplication, deck_file: Path, args: argparse.Namespace, diagnostics: Diagnostics, status: StatusFile
    ) -> None:
        self.app, self.deck_file, self.args, self.diagnostics, self.status = app, deck_file, args, diagnostics, status
        self.windows: list[KioskWindow | SetupView] = []
        self.players: list[player_app.Player] = []

    def play(self, deck: Deck, shown_file: Path) -> player_app.Player:
        """Build and show the player for ``deck`` (read from ``shown_file``); the configured deck is watched."""
        args, from_copy = self.args, shown_file != self.deck_file
        player = player_app.build_player(deck, args, self.diagnostics, deck_path=None if from_copy else self.deck_file)
        if from_copy:
            player_app._add_reloader(player, self.deck_file)
        player_app._notify_service_manager(player, f"playing {shown_file}")
        if player.platform is not None:  # it may run a program: only once the first frame is painted
            player.platform.read_motion_after_first_frame(player.window.frame_observers)
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
        self._notify_setup(view)
        # Logged once the deck is watched: a fix from now on is seen.
        log.error("showing the setup screen until %s is fixed", self.deck_file)

    def _notify_setup(self, view: SetupView) -> None:
        """A Type=notify unit waits for READY=1: the setup screen is up, so it is ready (the player says it again)."""
        from kiosk.player.service_notify import ServiceNotifier

        notifier = ServiceNotifier(f"setup screen: waiting for a valid {self.deck_file}", parent=view)
        if notifier.enabled:
            QTimer.singleShot(0, notifier.ready)
            self.app.aboutToQuit.connect(notifier.stopping)

    def record(self, deck: Deck, shown_file: Path) -> None:
        """Note ``deck`` in status.json, and keep it as the last good copy unless it is that copy."""
        files = deck_files(deck, shown_file)
        digest = files.digest()
        from_copy = shown_file != self.deck_file
        self.status.show_deck(deck, shown_file, files, digest, from_copy)
        if not from_copy:
            save_last_good(files, log_folder(), digest)

    def close(self) -> None:
        """After the event loop: no more status rewrites, and no setup screen left watching the deck."""
        self.status.stop()
        self.status.deleteLater()
        for window in self.windows:
            if not isinstance(window, KioskWindow):  # a setup screen
                window.deleteLater()

    def _reloaded(self, deck: Deck) -> None:
        self.status.reload_finished(True)
        self.record(deck, self.deck_file)

    def _rejected(self, result: LoadResult) -> None:
        self.status.reload_finished(False, len(result.errors))
