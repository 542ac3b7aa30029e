"""The command line: ``kiosk run | validate | render | schema | new``; see the README for the contract."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.core.strings import unspoken_language_problems
from kiosk.deck import DECK_FILE_NAME, Deck, Mark, Problem, Severity, deck_file_for, load_deck
from kiosk.deck.errors import one_line
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from kiosk.paths import default_deck
from kiosk.speak_command import add_speak_parser
from kiosk.stats_command import add_stats_parser

COMMANDS = (
    "run", "validate", "render", "schema", "new", "present", "rehearsals", "doctor", "fleet-status", "stats", "speak",
)  # fmt: skip
VALIDATE_FORMATS = ("text", "json", "github")
log = logging.getLogger(__name__)


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit code 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "run")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse has printed its message
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        return int(args.handler(args))
    except UsageError as exc:
        sys.stderr.write(f"kiosk {args.command}: error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(prog="kiosk", description="Play a slide deck written in YAML.")
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="play a deck (the default command)")
    _add_deck_argument(run)
    run.add_argument("--windowed", action="store_true", help="a normal window instead of locked full screen")
    run.add_argument("--screen", type=int, default=None, metavar="N", help="the screen to use (default: primary)")
    run.add_argument("--lang", metavar="L", help="the start language (default: the deck's first)")
    run.add_argument("--idle-timeout", type=_positive, metavar="S", help="seconds of no input before auto-play")
    run.add_argument("--autoplay", action="store_true", help="start in auto-play at once")
    run.add_argument(
        "--slide-duration", type=_positive, metavar="S", help="seconds per slide in auto-play, for every slide"
    )
    run.add_argument(
        "--reduced-motion", action="store_true", help="no counting and no sliding: final values, quick fades"
    )
    run.add_argument("--exit-after", type=_positive, metavar="S", help="quit cleanly after S seconds")
    run.add_argument(
        "--analytics",
        type=Path,
        metavar="PATH",
        help="the engagement and proof-of-play database (default: analytics.sqlite in the data folder)",
    )
    run.add_argument("--diagnostics", type=Path, metavar="FILE", help="write timing and memory figures as JSON on exit")
    run.set_defaults(handler=_run)

    validate = commands.add_parser("validate", help="check a deck and report every problem")
    _add_deck_argument(validate)
    validate.add_argument(
        "--format",
        choices=VALIDATE_FORMATS,
        default="text",
        help="text: FILE:LINE:COL lines on stderr (default); json: one JSON object per problem on stdout; "
        "github: GitHub Actions annotations on stdout",
    )
    validate.set_defaults(handler=_validate)

    render = commands.add_parser("render", help="export every slide as PNG (and a PDF handout)")
    _add_deck_argument(render)
    render.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNG files")
    render.add_argument(
        "--size", type=_size, default=(1920, 1080), metavar="WxH", help="image size (default 1920x1080)"
    )
    render.add_argument("--lang", metavar="L", help="the language (default: the deck's first)")
    render.add_argument("--pdf", type=Path, metavar="FILE", help="also write all slides as one PDF handout")
    render.add_argument(
        "--home",
        action="store_true",
        help="also write every page of the home screen, first, as 000-home-1.png, 000-home-2.png...",
    )
    render.add_argument(
        "--larger-text", action="store_true", help="draw every text 1.5 times larger, as a visitor can choose"
    )
    render.add_argument(
        "--high-contrast", action="store_true", help="draw in the high-contrast palette, as a visitor can choose"
    )
    render.set_defaults(handler=_render)

    schema = commands.add_parser("schema", help="print the JSON Schema of deck.yaml (or of a theme file) for editors")
    schema.add_argument("--theme", action="store_true", help="the schema of a theme file instead of deck.yaml's")
    schema.add_argument(
        "--out", type=Path, metavar="DIR", help="write both schemas into DIR (deck.schema.json, theme.schema.json)"
    )
    schema.set_defaults(handler=_schema)

    new = commands.add_parser("new", help="write a small, commented starter deck into a new folder")
    new.add_argument("folder", type=Path, metavar="FOLDER", help="the folder to create (or an empty one)")
    new.set_defaults(handler=_new)

    present = commands.add_parser("present", help="the presenter console and the audience window; the talk is timed")
    _add_deck_argument(present)
    present.add_argument(
        "--audience-screen",
        type=int,
        default=None,
        metavar="N",
        help="the screen for the audience window (default: one that is not the primary)",
    )
    present.add_argument("--lang", metavar="L", help="the start language (default: the deck's first)")
    present.set_defaults(handler=_present)

    rehearsals = commands.add_parser("rehearsals", help="rehearsal history: the last run against targets and before")
    rehearsals.add_argument("--deck", type=Path, metavar="DECK", help="runs of this deck (default: the last run's)")
    rehearsals.add_argument("--csv", type=Path, metavar="FILE", help="write one row per run and slide as CSV")
    rehearsals.add_argument("--plot", type=Path, metavar="FILE.png", help="draw time per slide and run as a PNG")
    rehearsals.add_argument("--last", type=_count_argument, default=5, metavar="N", help="the last N runs (default 5)")
    rehearsals.set_defaults(handler=_rehearsals)

    doctor = commands.add_parser("doctor", help="the check before opening: one OK/WARN/FAIL line per check")
    _add_deck_argument(doctor)
    doctor.set_defaults(handler=_doctor)

    fleet = commands.add_parser("fleet-status", help="a table of the status.json files collected from many kiosks")
    fleet.add_argument("folder", type=Path, metavar="FOLDER", help="the folder the status files were collected into")
    fleet.set_defaults(handler=_fleet_status)

    add_stats_parser(commands)
    add_speak_parser(commands, _add_deck_argument)
    return parser


def _add_deck_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "deck",
        nargs="?",
        type=Path,
        default=None,
        metavar="DECK",
        help="a deck folder or its deck.yaml (default: the bundled deck)",
    )


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' should be a number above 0")
    return value


def _count_argument(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' should be a whole number above 0")
    return int(text)


def _size(text: str) -> tuple[int, int]:
    width, x, height = text.lower().partition("x")
    if not (x and width.isdigit() and height.isdigit()) or not (16 <= int(width) <= 8192 and 16 <= int(height) <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size such as 1920x1080")
    return int(width), int(height)


def deck_path(given: Path | None) -> Path:
    """The deck.yaml to use; UsageError when the path does not exist."""
    path = default_deck() if given is None else given
    deck_file = deck_file_for(path)
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    if not deck_file.is_file():
        raise UsageError(f"no deck.yaml in {path}")
    return deck_file


def _validate(args: argparse.Namespace) -> int:
    deck_file = deck_path(args.deck)
    result = load_deck(deck_file)
    if result.deck is not None:
        found = [*unspoken_language_problems(result.deck), *_opened_problems(result.deck, deck_file)]
        result = dataclasses.replace(result, problems=(*result.problems, *found))
    if args.format == "text":
        problems_out, summary_out = sys.stderr, sys.stdout
        for problem in result.problems:
            problems_out.write(f"{problem}\n")
    else:
        # stdout carries nothing but the machine-readable lines, so the summary goes to stderr.
        problems_out, summary_out = sys.stdout, sys.stderr
        write = _json_line if args.format == "json" else _github_line
        for problem in result.problems:
            problems_out.write(write(problem, deck_file.parent) + "\n")
    errors, warnings = len(result.errors), len(result.warnings)
    if result.deck is None or errors:
        summary_out.write(f"{deck_file}: invalid: {_count(errors, 'error')}, {_count(warnings, 'warning')}\n")
        return EXIT_INVALID
    deck = result.deck
    summary_out.write(
        f"{deck_file}: valid: {_count(len(deck.themes), 'theme')}, {_count(deck.slide_count, 'slide')}, "
        f"{_count(warnings, 'warning')}\n"
    )
    return EXIT_OK


def _opened_problems(deck: Deck, deck_file: Path) -> list[Problem]:
    """What only Qt finds: pictures it cannot open (errors) and texts too long for their box (warnings)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # validating needs no display and opens no window
    try:
        from kiosk.player.media_check import check_media, qt_messages_logged
        from kiosk.ui.fit_check import check_fit, widget_application
    except ImportError as exc:  # Qt or a system library it needs is missing: the YAML checks still stand
        message = f"pictures and text fit were not checked: Qt cannot be loaded here ({one_line(str(exc))})"
        return [Problem(Mark(deck_file.name, 1, 1), Severity.WARNING, message)]

    quiet = logging.NullHandler()  # the slide views log what the problems already say; keep stderr to the problems
    logging.getLogger("kiosk").addHandler(quiet)
    try:
        with qt_messages_logged():
            widget_application()  # before the media check, which would otherwise make a GUI-only application
            return [*check_media(deck, details=True), *check_fit(deck)]
    finally:
        logging.getLogger("kiosk").removeHandler(quiet)


def _problem_file(problem: Problem, deck_folder: Path) -> str:
    """The problem's file as a path from the current folder (messages name it from the deck folder)."""
    return (deck_folder / problem.mark.file).as_posix()


def _json_line(problem: Problem, deck_folder: Path) -> str:
    """One problem as a JSON object on one line."""
    mark = problem.mark
    record = {
        "file": _problem_file(problem, deck_folder),
        "line": mark.line,
        "column": mark.column,
        "severity": problem.severity.value,
        "message": problem.message,
    }
    return json.dumps(record, ensure_ascii=False)


def _github_line(problem: Problem, deck_folder: Path) -> str:
    """One problem as a GitHub Actions workflow command, which shows it as an annotation on the file."""
    mark = problem.mark
    file = _github_property(_problem_file(problem, deck_folder))
    return f"::{problem.severity.value} file={file},line={mark.line},col={mark.column}::{_github_data(problem.message)}"


def _github_data(text: str) -> str:
    # Escaped as GitHub's toolkit does (escapeData); any other control character is shown as an escape.
    return one_line(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _github_property(text: str) -> str:
    # Escaped as GitHub's toolkit does (escapeProperty): ',' ends a property and ':' the property list.
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _schema(args: argparse.Namespace) -> int:
    from kiosk.deck import json_schema

    if args.out is None:
        document = json_schema.theme_schema() if args.theme else json_schema.deck_schema()
        sys.stdout.write(_json_document(document))
        return EXIT_OK
    if args.theme:
        raise UsageError("--out writes both schemas; --theme chooses the one printed without --out")
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"{args.out} is not a folder")
    written = [
        (args.out / json_schema.DECK_SCHEMA_FILE, json_schema.deck_schema()),
        (args.out / json_schema.THEME_SCHEMA_FILE, json_schema.theme_schema()),
    ]
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for path, document in written:
            path.write_text(_json_document(document), encoding="utf-8")
    except OSError as exc:
        sys.stderr.write(f"kiosk schema: error: cannot write into {args.out}: {exc.strerror}\n")
        return EXIT_INVALID
    for path, _ in written:
        sys.stdout.write(f"{path}\n")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from kiosk.starter import write_starter_deck

    folder: Path = args.folder
    if folder.exists() and not folder.is_dir():
        sys.stderr.write(f"kiosk new: error: {folder} is a file; give the name of a new folder\n")
        return EXIT_INVALID
    if folder.is_dir() and any(folder.iterdir()):
        sys.stderr.write(
            f"kiosk new: error: {folder} is not empty; nothing was written. Give the name of a new folder.\n"
        )
        return EXIT_INVALID
    try:
        written = write_starter_deck(folder)
    except OSError as exc:
        sys.stderr.write(f"kiosk new: error: cannot write into {folder}: {exc.strerror}\n")
        return EXIT_INVALID
    for path in written:
        sys.stdout.write(f"{path}\n")
    sys.stdout.write(
        f"Next: edit {folder / 'deck.yaml'}, then check it with 'kiosk validate {folder}' "
        f"and try it with 'kiosk run {folder} --windowed'.\n"
    )
    return EXIT_OK


def _json_document(document: object) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _run(args: argparse.Namespace) -> int:
    from kiosk.app import run_app
    from kiosk.player.selfwatch import under_service_manager

    try:
        deck_file = deck_path(args.deck)
    except UsageError:
        if not under_service_manager():
            raise
        # A deck folder gone at boot is a deck to wait for, not a command line to fix: run_app falls back.
        given = default_deck() if args.deck is None else args.deck
        deck_file = given if given.suffix.lower() in (".yaml", ".yml") else given / DECK_FILE_NAME
    return run_app(deck_file, args)


def _render(args: argparse.Namespace) -> int:
    from kiosk.render import render_command

    return render_command(deck_path(args.deck), args)


def _present(args: argparse.Namespace) -> int:
    from kiosk.present import run_present

    return run_present(deck_path(args.deck), args)


def _rehearsals(args: argparse.Namespace) -> int:
    from kiosk.rehearsals_command import rehearsals_command

    return rehearsals_command(args)


def _doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import run_doctor

    return run_doctor(deck_path(args.deck))


def _fleet_status(args: argparse.Namespace) -> int:
    from kiosk.fleet_status import fleet_table

    if not args.folder.is_dir():
        raise UsageError(f"no such folder: {args.folder}")
    sys.stdout.write(fleet_table(args.folder))
    return EXIT_OK
