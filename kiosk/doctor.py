"""``kiosk doctor``: the check before opening, one OK/WARN/FAIL line per check.

Each check is a small function returning a ``Finding`` (status and a short reason), so each can be
tried on its own. Qt is imported only inside the checks that need it: when Qt itself cannot be
loaded, the doctor says so instead of failing with a traceback.
"""

from __future__ import annotations

import ctypes
import enum
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import NamedTuple, TextIO

from kiosk.core.pin_lock import PIN_ENV, exit_pin_from
from kiosk.core.schedule import OpeningClock
from kiosk.deck import Deck, LoadResult, load_deck
from kiosk.deck.schema import Schedule
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK
from kiosk.system_libraries import check_display_libraries, uses_x11

log = logging.getLogger(__name__)

RELEASE_YEAR = 2026
"""The year this version of kiosk was released: a clock set before it is wrong."""
CLOCK_SLACK_S = 60
"""A file changed up to this long "in the future" is a copy from a machine whose clock runs a little ahead."""
MIN_SCREEN = (1280, 720)
"""The smallest screen (long side, short side) the slides are laid out for."""
NO_DISPLAY_PLATFORMS = ("offscreen", "minimal")
NOT_CHECKED = "not checked: the deck is invalid"


class Status(enum.Enum):
    """How a check went: OK, WARN (opening is possible, look at it) or FAIL (fix it before opening)."""

    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


class Finding(NamedTuple):
    """A check's outcome: its status and a short reason."""

    status: Status
    message: str


def check_deck(result: LoadResult) -> Finding:
    """FAIL when the deck is invalid (the first error and how many), WARN for its warnings, else OK."""
    if result.deck is None or result.errors:
        errors = result.errors or result.problems
        if not errors:
            return Finding(Status.FAIL, "invalid")
        more = f" (and {len(errors) - 1} more; run kiosk validate)" if len(errors) > 1 else ""
        return Finding(Status.FAIL, f"invalid: {errors[0]}{more}")
    deck = result.deck
    summary = f"{len(deck.themes)} themes, {deck.slide_count} slides"
    if result.warnings:
        return Finding(Status.WARN, f"valid, {summary}, {len(result.warnings)} warnings: {result.warnings[0]}")
    return Finding(Status.OK, f"valid: {summary}")


def check_images(deck: Deck) -> Finding:
    """FAIL when a background or image-slide picture cannot be opened as the player opens it."""
    from kiosk.player.media_check import check_media

    problems = check_media(deck)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return Finding(Status.FAIL, f"{problems[0]}{more}")
    return Finding(Status.OK, "every picture opens")


def check_fonts(files: Sequence[Path]) -> Finding:
    """WARN when a bundled font file is missing or does not load: text then falls back to another font."""
    from PySide6.QtGui import QFont, QFontDatabase

    failed = []
    for path in files:
        if not path.is_file():
            failed.append(f"{path.name} is missing")
        elif QFontDatabase.addApplicationFont(str(path)) < 0:
            failed.append(f"{path.name} does not load")
    if failed:
        return Finding(Status.WARN, f"{', '.join(failed)}: text falls back to {QFont().defaultFamily()}")
    return Finding(Status.OK, f"{len(files)} bundled fonts load")


def check_display(
    environ: Mapping[str, str],
    platform: str = sys.platform,
    load: Callable[[str], bool] | None = None,
    x_answers: Callable[[str], bool] | None = None,
) -> Finding:
    """Can Qt show a window: its platform plugin's libraries are installed and a display answers.

    Run before Qt starts, which aborts the process when the display it chose does not answer.
    """
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen in NO_DISPLAY_PLATFORMS:
        return Finding(Status.WARN, f"no display: QT_QPA_PLATFORM={chosen} shows nothing on a screen")
    if not platform.startswith("linux"):
        return Finding(Status.OK, f"Qt's own display on {platform}")
    missing = check_display_libraries(environ, load)
    if missing is not None:
        return Finding(Status.FAIL, missing.removeprefix("kiosk: "))
    if uses_x11(environ):
        display = environ.get("DISPLAY", "")
        if not display:
            return Finding(Status.FAIL, "QT_QPA_PLATFORM=xcb but DISPLAY is not set")
        if not (x_answers or x_display_answers)(display):
            return Finding(Status.FAIL, f"the X display {display} does not answer (is the X server running?)")
        return Finding(Status.OK, f"X11 display {display} answers; its libraries are installed")
    wayland = environ.get("WAYLAND_DISPLAY", "")
    if wayland and chosen in ("", "wayland"):
        socket = Path(environ.get("XDG_RUNTIME_DIR", "")) / wayland
        if not socket.exists():
            return Finding(Status.FAIL, f"the Wayland display {wayland} does not answer: no {socket}")
        return Finding(Status.OK, f"Wayland display {wayland}")
    if chosen:
        return Finding(Status.OK, f"Qt platform {chosen}")
    return Finding(
        Status.FAIL,
        "no display: neither DISPLAY nor WAYLAND_DISPLAY is set (run it in the kiosk's session, or set DISPLAY=:0)",
    )


def x_display_answers(display: str) -> bool:
    """True when the X server at ``display`` accepts a connection (asked through libxcb, as Qt asks)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def check_clock(folder: Path, clock: Callable[[], float] = time.time, release_year: int = RELEASE_YEAR) -> Finding:
    """FAIL when the clock reads a time before this version's release year or before a deck file was changed."""
    now = clock()
    shown = datetime.fromtimestamp(now).strftime("%Y-%m-%d %H:%M")
    if now < datetime(release_year, 1, 1).timestamp():
        return Finding(Status.FAIL, f"the clock says {shown}, before this version of kiosk ({release_year})")
    newest = max(_files_with_times(folder), default=None, key=lambda pair: pair[1])
    if newest is not None and now + CLOCK_SLACK_S < newest[1]:
        path, changed = newest
        when = datetime.fromtimestamp(changed).strftime("%Y-%m-%d %H:%M")
        return Finding(
            Status.FAIL, f"the clock says {shown}, before {path.relative_to(folder)} was changed ({when}); set the time"
        )
    return Finding(Status.OK, shown)


def _files_with_times(folder: Path) -> Iterable[tuple[Path, float]]:
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                yield path, path.stat().st_mtime
        except OSError:
            continue


def check_screen(size: tuple[int, int] | None, platform_name: str = "") -> Finding:
    """The primary screen's size in pixels and orientation; WARN below 1280x720, FAIL without a screen."""
    if size is None:
        return Finding(Status.FAIL, "no screen")
    width, height = size
    orientation = "portrait" if height > width else "landscape"
    where = f" ({platform_name})" if platform_name in NO_DISPLAY_PLATFORMS else ""
    shown = f"{width}x{height} {orientation}{where}"
    if max(size) < MIN_SCREEN[0] or min(size) < MIN_SCREEN[1]:
        return Finding(Status.WARN, f"{shown}: smaller than {MIN_SCREEN[0]}x{MIN_SCREEN[1]}, text may not fit")
    return Finding(Status.OK, shown)


def check_folders(folders: Mapping[str, Path]) -> Finding:
    """FAIL when a folder the app writes to (log and state, data) cannot be made or written to."""
    for name, folder in folders.items():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            return Finding(Status.FAIL, f"the {name} folder {folder} is not writable: {exc.strerror or exc}")
    return Finding(Status.OK, ", ".join(f"{name} {folder}" for name, folder in folders.items()) + ": writable")


def check_exit_pin(deck_pin: str | None, environ: Mapping[str, str]) -> Finding:
    """OK when an exit PIN is set (never showing it); WARN when none is, as kiosk mode then cannot be left."""
    pin = exit_pin_from(deck_pin, environ)
    from_environment = environ.get(PIN_ENV) or None
    ignored = f"{PIN_ENV} is not 4 to 12 digits and is ignored; " if from_environment not in (None, pin) else ""
    if pin is None:
        return Finding(
            Status.WARN, f"{ignored}none set (kiosk.exit_pin or {PIN_ENV}): kiosk mode cannot be left from the screen"
        )
    source = PIN_ENV if pin == from_environment else "the deck (kiosk.exit_pin)"
    return Finding(Status.WARN if ignored else Status.OK, f"{ignored}set by {source}")


def check_speech(languages: Sequence[str], engine_name: str | None = None) -> Finding:
    """Whether the read-aloud button will show, with which engine, and the deck languages it has no voice for."""
    from kiosk.player.speech import open_speech_engine

    engine, reason = open_speech_engine(engine_name)
    if engine is None:
        return Finding(Status.WARN, f"no reading aloud, the button stays hidden: {reason}")
    voiced = {locale.name().replace("_", "-").split("-")[0] for locale in engine.availableLocales()}
    name = engine.engine()
    engine.deleteLater()
    silent = [language for language in languages if language.split("-")[0] not in voiced]
    if silent:
        return Finding(Status.WARN, f"reading aloud with {name}; no voice for {', '.join(silent)}")
    return Finding(Status.OK, f"reading aloud with {name}")


def check_hours(schedule: Schedule | None, now: datetime) -> Finding:
    """Today's opening hours from the deck's schedule (information: always OK)."""
    if schedule is None:
        return Finding(Status.OK, "no schedule: always open")
    spans = open_spans(OpeningClock(schedule), now.date())
    if not spans:
        return Finding(Status.OK, "closed all day today")
    if spans == [(datetime.combine(now.date(), clock_time()), datetime.combine(now.date(), clock_time()) + _DAY)]:
        return Finding(Status.OK, "open all day today")
    return Finding(Status.OK, f"open {', '.join(_span_text(start, end) for start, end in spans)} today")


_DAY = timedelta(days=1)


def open_spans(clock: OpeningClock, day: date) -> list[tuple[datetime, datetime]]:
    """The open stretches of ``day``, cut at its midnights."""
    moment = datetime.combine(day, clock_time())
    end = moment + _DAY
    spans = []
    is_open = clock.is_open(moment)
    while moment < end:
        change = clock.next_change(moment)
        stop = end if change is None or change > end else change
        if is_open:
            spans.append((moment, stop))
        moment, is_open = stop, not is_open
    return spans


def _span_text(start: datetime, end: datetime) -> str:
    closing = "24:00" if end.date() > start.date() and end.time() == clock_time() else f"{end:%H:%M}"
    return f"{start:%H:%M}\u2013{closing}"


def run_doctor(deck_file: Path, out: TextIO | None = None, environ: Mapping[str, str] | None = None) -> int:
    """Run every check on the deck at ``deck_file``, print one line each; EXIT_INVALID when any FAILs."""
    out = out or sys.stdout
    environ = os.environ if environ is None else environ
    quiet = logging.NullHandler()  # the lines say what the modules would log; keep stderr clear
    logging.getLogger("kiosk").addHandler(quiet)
    try:
        findings = list(_findings(deck_file, environ))
    finally:
        logging.getLogger("kiosk").removeHandler(quiet)
    width = max(len(name) for name, _ in findings)
    for name, (status, message) in findings:
        out.write(f"{status.value:<4} {name:<{width}}  {message}\n")
    return EXIT_INVALID if any(finding.status is Status.FAIL for _, finding in findings) else EXIT_OK


def _findings(deck_file: Path, environ: Mapping[str, str]) -> Iterable[tuple[str, Finding]]:
    from kiosk.logs import log_folder
    from kiosk.paths import data_folder

    result = load_deck(deck_file)
    deck = None if result.errors else result.deck
    yield "deck", check_deck(result)
    display = check_display(environ)
    yield "display", display
    if display.status is Status.FAIL:
        # Qt would abort on a display that does not answer; the other checks still run, offscreen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    yield from _qt_findings(deck)
    yield "clock", check_clock(deck_file.parent)
    yield "folders", check_folders({"log and state": log_folder(), "data": data_folder()})
    yield "exit PIN", check_exit_pin(deck.kiosk.exit_pin, environ) if deck else Finding(Status.WARN, NOT_CHECKED)
    yield "hours", check_hours(deck.schedule, datetime.now()) if deck else Finding(Status.WARN, NOT_CHECKED)


def _qt_findings(deck: Deck | None) -> Iterable[tuple[str, Finding]]:
    """The checks that need a Qt application: pictures, fonts, screen, speech."""
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QGuiApplication

        from kiosk.player.media_check import qt_messages_logged
        from kiosk.ui.palette import FONT_FILES
    except ImportError as exc:  # a system library Qt needs is missing
        failed = Finding(Status.FAIL, f"Qt cannot be loaded: {exc}")
        yield from (("images", failed), ("fonts", failed), ("screen", failed))
        return
    from kiosk.paths import resource

    with qt_messages_logged():
        if QCoreApplication.instance() is None:
            _application.append(QGuiApplication(["kiosk"]))
        yield "images", check_images(deck) if deck else Finding(Status.WARN, NOT_CHECKED)
        yield "fonts", check_fonts([resource(f"fonts/{name}") for name in FONT_FILES])
        screen = QGuiApplication.primaryScreen()
        pixels = None
        if screen is not None:
            ratio = screen.devicePixelRatio()
            pixels = (round(screen.size().width() * ratio), round(screen.size().height() * ratio))
        yield "screen", check_screen(pixels, QGuiApplication.platformName())
        yield "speech", check_speech(deck.languages if deck else ())


_application: list[object] = []
"""The application the doctor made, kept for the life of the process."""
