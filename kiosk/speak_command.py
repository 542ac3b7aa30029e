"""``kiosk speak``: the exact text read aloud for every slide, in one language, for checking by ear or by eye."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from kiosk.command_checks import language_is_unknown, report_invalid_deck
from kiosk.deck import load_deck
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE


def add_speak_parser(commands: Any, add_deck_argument: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add the ``speak`` sub-command to the command line's sub-parsers (``commands``)."""
    speak = commands.add_parser("speak", help="print the text read aloud for every slide, in one language")
    add_deck_argument(speak)
    speak.add_argument("--lang", metavar="L", help="the language (default: the deck's first)")
    speak.set_defaults(handler=speak_command)


def speak_command(args: argparse.Namespace) -> int:
    """Print the home screen's text, then one block per slide (number, theme, the text spoken); returns the exit code.

    Each block's lines are the slide's sentences; read aloud, they follow one another separated by a space.
    """
    from kiosk.cli import deck_path  # the command line's own rules for DECK; imported here as cli imports this module
    from kiosk.core.spoken import home_text, spoken_slides  # num2words: loaded only for this command

    deck_file = deck_path(args.deck)
    result = load_deck(deck_file)
    if result.deck is None:
        report_invalid_deck(deck_file, result)
        return EXIT_INVALID
    deck = result.deck
    language = args.lang or deck.default_language
    if language_is_unknown("speak", language, deck):
        return EXIT_USAGE
    out = [f"home\n{home_text(deck, language)}\n"]
    for slide in spoken_slides(deck, language):
        out.append(f"{slide.number}. {slide.theme}\n" + "".join(f"{sentence}\n" for sentence in slide.sentences))
    sys.stdout.write("\n".join(out))
    return EXIT_OK
