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
from kiosk.command_checks import language_is_unknown, report_invalid_deck
from kiosk.deck import Deck, load_deck
from kiosk.diagnostics import Diagnostics
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from kiosk.logs import configure_logging
from kiosk.memory import forget_module_sources, return_large_buffers
from kiosk.paths import resource
from kiosk.player.screensaver import ScreenSaverInhibitor
from kiosk.player.selfwatch import under_service_manager
from kiosk.system_libraries import check_display_libraries

if TYPE_CHECKING:  # built on demand in build_player, which keeps start-up imports small
    from kiosk.player.analytics import EngagementRecorder
    from kiosk.player.attract_mode import AttractMode
    from kiosk.player.autoplay import AutoPlayer
    from kiosk.player.controller import PlayerController
    from kiosk.player.keys import KeyboardControls
    from kiosk.player.opening_hours import ClosedMode
    from kiosk.player.platform_access import PlatformAccess
    from kiosk.player.pointer import PointerGestures
    from kiosk.player.reload import DeckReloader
    from kiosk.player.selfwatch import MemoryWatch
    from kiosk.player.speech import SlideSpeech
    from kiosk.player.two_finger_hold import TwoFingerHold
    from kiosk.ui.attract_cards import AttractCards
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.stage import SlideStage
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
    speech: SlideSpeech | None = None
    analytics: EngagementRecorder | None = None
    two_finger_hold: TwoFingerHold | None = None
    platform: PlatformAccess | None = None


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
    deck is reloaded when its files change. ``args.speech_engine``, when set, names the QtTextToSpeech
    engine for reading aloud (the tests use "mock"); else the platform's first engine is used.
    """
    from kiosk.player.activity import ActivityMonitor
    from kiosk.player.autoplay import AutoPlayer
    from kiosk.player.controller import PlayerController
    from kiosk.player.keys import KeyboardControls
    from kiosk.player.platform_access import PlatformAccess
    from kiosk.player.pointer import PointerGestures
    from kiosk.ui.window import KioskWindow

    app = application()
    diagnostics = diagnostics or Diagnostics()
    controller = PlayerController(deck, getattr(args, "lang", None))
    if getattr(args, "reduced_motion", False):  # kept through reloads, as the platform's setting is
        controller.reduce_motion()
    platform = PlatformAccess(controller, parent=controller)  # before the window: its first frame in high contrast
    window = KioskWindow(
        controller, windowed=bool(getattr(args, "windowed", True)), screen_index=getattr(args, "screen", None)
    )
    keys = KeyboardControls(window, controller)
    pointer = PointerGestures(window.stage, controller)
    activity = ActivityMonitor(window)
    activity.activity.connect(window.navbar.user_active)
    window.frame_observers.append(diagnostics.frame)
    window.stage.transition_finished.connect(diagnostics.transition)
    autoplayer = AutoPlayer(controller, window.stage, getattr(args, "slide_duration", None))
    player = Player(app, controller.deck, controller, window, autoplayer, diagnostics, pointer, platform=platform)
    windowed = bool(getattr(args, "windowed", True))
    idle_timeout = getattr(args, "idle_timeout", None)
    if not windowed or getattr(args, "autoplay", False) or idle_timeout is not None:
        _add_attract_mode(player, idle_timeout)
    _add_analytics(player, getattr(args, "analytics", None))
    if deck_path is not None:
        _add_reloader(player, deck_path)
    engine = getattr(args, "speech_engine", None)
    if getattr(args, "speech_after_first_frame", False):  # kiosk run: the engine's probe costs up to 100 ms
        after_first_frame(window, lambda: _add_speech(player, keys, engine))
    else:
        _add_speech(player, keys, engine)
    after_first_frame(window, forget_module_sources)  # after the imports of the first frame and of speech
    return player


def after_first_frame(window: KioskWindow, action: Callable[[], None]) -> None:
    """Run ``action`` from the event loop once ``window`` has painted its first frame."""
    observers = window.frame_observers

    def first_frame(_elapsed_s: float) -> None:
        QTimer.singleShot(0, window, run)  # not now: the window is walking its observers

    def run() -> None:
        if first_frame in observers:  # once, though more frames came before this ran
            observers.remove(first_frame)
            action()

    observers.append(first_frame)


def _add_speech(player: Player, keys: KeyboardControls, engine: str | None) -> None:
    """Reading aloud, where QtTextToSpeech and an engine are installed: the bar's button, S and two fingers."""
    from kiosk.player.speech import SlideSpeech

    speech = SlideSpeech(player.controller, engine, parent=player.window)
    player.speech = speech
    _add_two_finger_hold(player)
    if not speech.available:
        return
    player.window.navbar.offer_speech(speech.toggle)
    speech.enabled_changed.connect(player.window.navbar.show_speaking)
    keys.toggle_speech = speech.toggle
    if player.attract is not None:  # the attract loop starting means the visitor has gone
        player.attract.autoplay_started.connect(speech.end_visit)
        player.attract.warning_shown.connect(speech.say_warning)


def _add_two_finger_hold(player: Player) -> None:
    """Two fingers held anywhere turn reading aloud on for the visit."""
    from kiosk.player.two_finger_hold import hold_for_speech

    assert player.speech is not None
    player.two_finger_hold = hold_for_speech(player.window, player.pointer, player.speech, player.closed)


def _add_attract_mode(player: Player, idle_timeout: float | None) -> None:
    from kiosk.player.attract_mode import AttractMode
    from kiosk.player.opening_hours import ClosedMode
    from kiosk.player.selfwatch import MemoryWatch
    from kiosk.ui.attract_cards import AttractCards
    from kiosk.ui.standby_view import StandbyCover

    window = player.window
    attract = AttractMode(window, player.controller, player.autoplayer, idle_timeout)
    attract.autoplay_started.connect(player.controller.end_visit_access)  # the next visit starts as the deck says
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
    pad.reach_band = window.navbar.reach_band  # in reach mode the keys, Present and Exit within reach too
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


def _add_analytics(player: Player, database: Path | None) -> None:
    """The local log of engagement and proof of play, when a database is named and the deck does not turn it off."""
    options = player.deck.analytics
    if database is None or not options.enabled:
        return
    from kiosk.analytics_store import AnalyticsWriter
    from kiosk.player.analytics import VIA_BUTTON, EngagementRecorder

    writer = AnalyticsWriter(database, options.keep_days)
    recorder = EngagementRecorder(player.controller, player.autoplayer, writer, player.attract, parent=player.window)
    player.pointer.gesture_made.connect(recorder.gesture)
    if player.attract is not None:
        player.attract.before_autoplay.append(recorder.walked_away)
    navbar = player.window.navbar
    for button in (navbar.home_button, navbar.previous_button, navbar.next_button):
        # Pressed comes before clicked, which moves the controller.
        button.pressed.connect(lambda: recorder.note_input(VIA_BUTTON))
    _announce_counters(player.window.stage, recorder.counters_done)
    player.app.aboutToQuit.connect(recorder.close)
    player.window.destroyed.connect(writer.close)
    player.analytics = recorder


def _announce_counters(stage: SlideStage, done: Callable[[], None]) -> None:
    """Call ``done`` each time every counter of the figures slide on screen has counted to its final value."""
    watched = "kioskCountersWatched"

    def arrived(_position: object) -> None:
        view = stage.current_view()
        counters = getattr(view, "counters", None)
        if not counters or view.property(watched):
            return
        view.setProperty(watched, True)

        def finished() -> None:
            if stage.current_view() is view and not any(counter.is_counting() for counter in counters):
                done()

        for counter in counters:
            counter.finished.connect(finished)

    stage.transition_finished.connect(arrived)


def _add_reloader(player: Player, deck_path: Path) -> None:
    from kiosk.player.reload import DeckReloader

    reloader = DeckReloader(deck_path, player.deck, player.window, watch_now=False)
    reloader.deck_loaded.connect(player.controller.replace_deck)
    player.reloader = reloader
    after_first_frame(player.window, reloader.start_watching)


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
            report_invalid_deck(deck_file, result)
            return EXIT_INVALID
        from kiosk.boot import last_good_instead

        result, shown_file = last_good_instead(deck_file, result)
    if result.deck is not None and language_is_unknown("run", args.lang, result.deck):
        return EXIT_USAGE
    if getattr(args, "analytics", None) is None:
        from kiosk.analytics_store import default_database

        args.analytics = default_database()
    resilience.install()
    return_large_buffers()
    args.speech_after_first_frame = True
    app = application()
    diagnostics = Diagnostics(errors)
    if args.diagnostics is not None:
        app.aboutToQuit.connect(lambda: diagnostics.write(args.diagnostics))
    from kiosk.boot import Shown, status_file

    shown = Shown(app, deck_file, args, diagnostics, status_file(errors, app))

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
    shown.close()
    return EXIT_OK if code == 0 else code


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
        # A signal handler can run in the middle of a log write (rotating the file): log from the event loop.
        QTimer.singleShot(0, lambda: _quit_on_signal(signum, quit_cleanly))

    signal.signal(signal.SIGTERM, quit_now)
    signal.signal(signal.SIGINT, quit_now)
    app._kiosk_signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]


def _quit_on_signal(signum: int, quit_cleanly: Callable[[], None]) -> None:
    log.info("signal %d received; quitting", signum)
    quit_cleanly()
