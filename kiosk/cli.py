"""The command line: ``kiosk run | validate | render``; see the README for the contract."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.deck import deck_file_for, load_deck
from kiosk.paths import default_deck

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

COMMANDS = ("run", "validate", "render")
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
    run.add_argument("--diagnostics", type=Path, metavar="FILE", help="write timing and memory figures as JSON on exit")
    run.set_defaults(handler=_run)

    validate = commands.add_parser("validate", help="check a deck and report every problem")
    _add_deck_argument(validate)
    validate.set_defaults(handler=_validate)

    render = commands.add_parser("render", help="export every slide as PNG (and a PDF handout)")
    _add_deck_argument(render)
    render.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNG files")
    render.add_argument(
        "--size", type=_size, default=(1920, 1080), metavar="WxH", help="image size (default 1920x1080)"
    )
    render.add_argument("--lang", metavar="L", help="the language (default: the deck's first)")
    render.add_argument("--pdf", type=Path, metavar="FILE", help="also write all slides as one PDF handout")
    render.set_defaults(handler=_render)
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
    for problem in result.problems:
        sys.stderr.write(f"{problem}\n")
    errors, warnings = len(result.errors), len(result.warnings)
    if result.deck is None:
        sys.stdout.write(f"{deck_file}: invalid: {_count(errors, 'error')}, {_count(warnings, 'warning')}\n")
        return EXIT_INVALID
    deck = result.deck
    sys.stdout.write(
        f"{deck_file}: valid: {_count(len(deck.themes), 'theme')}, {_count(deck.slide_count, 'slide')}, "
        f"{_count(warnings, 'warning')}\n"
    )
    return EXIT_OK


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _run(args: argparse.Namespace) -> int:
    from kiosk.app import run_app

    return run_app(deck_path(args.deck), args)


def _render(args: argparse.Namespace) -> int:
    from kiosk.render import render_command

    return render_command(deck_path(args.deck), args)
