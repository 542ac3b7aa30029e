"""Checks one YAML value against its field's type, recording each problem: the builder's per-type checkers.

Text in every language, numbers in range, colours, names, icons, PINs, language codes, days, times and web
addresses: each checker turns one node into a model value or records why it cannot.
"""

from __future__ import annotations

import difflib
import math
import re

from kiosk.deck import fields, schema
from kiosk.deck.errors import Mark, Problem, Severity, one_line
from kiosk.deck.icons import icon_problem
from kiosk.deck.loader import MappingNode, Node, ScalarNode, SequenceNode, describe
from kiosk.deck.text import EMPTY_TEXT, LocalizedText

# Whole values (matched with fullmatch); the JSON Schema for editors (json_schema.py) uses the same ones.
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp")
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".ogv", ".mpg", ".mpeg")
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
IDENTIFIER = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
PIN = schema.PIN_PATTERN
URL = re.compile(r"https?://[^\s/$.?#][^\s]{0,500}", re.IGNORECASE)


class SkipValue(Exception):
    """A value was wrong; its problem is recorded and the field is left at its default."""


class ValueChecker:
    """Turns single YAML values into model values, recording a problem for each one that is wrong."""

    def __init__(self) -> None:
        self.languages: tuple[str, ...] = ("en",)
        self.problems: list[Problem] = []

    # -- problems ---------------------------------------------------------

    def error(self, mark: Mark, message: str) -> None:
        """Record an error at ``mark``."""
        self.problems.append(Problem(mark, Severity.ERROR, message))

    def warning(self, mark: Mark, message: str) -> None:
        """Record a warning at ``mark``."""
        self.problems.append(Problem(mark, Severity.WARNING, message))

    def _fail(self, mark: Mark, message: str) -> SkipValue:
        self.error(mark, message)
        return SkipValue()

    # -- values -----------------------------------------------------------

    def _scalar(self, node: Node, spec: fields.FieldSpec, expected: str) -> ScalarNode:
        if not isinstance(node, ScalarNode) or node.value is None:
            hint = "; put it in quotes, '#' starts a comment in YAML" if spec.type == "colour" else ""
            raise self._fail(node.mark, f"'{spec.key}' should be {expected}, not {describe(node)}{hint}")
        return node

    def _text(self, node: Node, spec: fields.FieldSpec) -> LocalizedText:
        if isinstance(node, ScalarNode) and isinstance(node.value, str):
            return LocalizedText.plain(node.value)
        if not isinstance(node, MappingNode):
            raise self._fail(
                node.mark,
                f"'{spec.key}' should be text (put it in quotes) or one text per language, not {describe(node)}",
            )
        if not node.items:
            raise self._fail(node.mark, f"'{spec.key}' has no text in any language")
        texts: dict[str, str] = {}
        for language, value in node.items.items():
            mark = node.key_marks[language]
            if not LANGUAGE_CODE.fullmatch(language):
                self.error(mark, f"'{language}' is not a language code such as 'en' or 'fr'")
            elif not isinstance(value, ScalarNode) or not isinstance(value.value, str):
                self.error(value.mark, f"the '{language}' text of '{spec.key}' should be text, not {describe(value)}")
            else:
                if language not in self.languages:
                    declared = ", ".join(self.languages)
                    self.warning(mark, f"text in '{language}', a language the deck does not declare ({declared})")
                texts[language] = value.value
        for language in self.languages:
            if language not in node.items:
                self.warning(
                    node.mark,
                    f"'{spec.key}' has no '{language}' translation; it falls back to '{self.languages[0]}'",
                )
        return LocalizedText.of(texts) if texts else EMPTY_TEXT

    def _number(self, node: Node, spec: fields.FieldSpec) -> float:
        scalar = self._scalar(node, spec, "a number")
        value = scalar.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self._fail(node.mark, f"'{spec.key}' should be a number, not {describe(scalar)}")
        if not math.isfinite(value):
            raise self._fail(node.mark, f"'{spec.key}' should be a finite number, not {scalar.raw}")
        self._check_range(scalar, spec, value)
        return float(value) if isinstance(value, float) else value

    def _integer(self, node: Node, spec: fields.FieldSpec) -> int:
        scalar = self._scalar(node, spec, "a whole number")
        if isinstance(scalar.value, bool) or not isinstance(scalar.value, int):
            raise self._fail(node.mark, f"'{spec.key}' should be a whole number, not {describe(scalar)}")
        self._check_range(scalar, spec, scalar.value)
        return scalar.value

    def _check_range(self, node: ScalarNode, spec: fields.FieldSpec, value: float) -> None:
        low, high = spec.minimum, spec.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise self._fail(node.mark, f"'{spec.key}' is {node.raw}; it must be between {_num(low)} and {_num(high)}")

    def _boolean(self, node: Node, spec: fields.FieldSpec) -> bool:
        scalar = self._scalar(node, spec, "true or false")
        if not isinstance(scalar.value, bool):
            raise self._fail(node.mark, f"'{spec.key}' should be true or false, not {describe(scalar)}")
        return scalar.value

    def _string(self, node: Node, spec: fields.FieldSpec, expected: str) -> ScalarNode:
        scalar = self._scalar(node, spec, expected)
        if not isinstance(scalar.value, str):
            raise self._fail(node.mark, f"'{spec.key}' should be {expected}, not {describe(scalar)}")
        return scalar

    def _colour(self, node: Node, spec: fields.FieldSpec) -> str:
        scalar = self._string(node, spec, 'a colour such as "#f2b134"')
        if not COLOUR.fullmatch(str(scalar.value)):
            raise self._fail(node.mark, f'\'{scalar.raw}\' is not a colour; write it as "#rrggbb", e.g. "#f2b134"')
        return str(scalar.value).lower()

    def _identifier(self, node: Node, spec: fields.FieldSpec) -> str:
        scalar = self._string(node, spec, "a name such as 'clinical-trials'")
        if not IDENTIFIER.fullmatch(str(scalar.value)):
            raise self._fail(
                node.mark, f"'{scalar.raw}' is not a valid {spec.key}: use lower-case letters, digits and '-'"
            )
        return str(scalar.value)

    def _icon(self, node: Node, spec: fields.FieldSpec) -> str:
        name = str(self._string(node, spec, "an icon name such as 'fa6s.flask'").value)
        problem = icon_problem(name)
        if problem:
            raise self._fail(node.mark, problem)
        return name

    def _pin(self, node: Node, spec: fields.FieldSpec) -> str:
        scalar = self._scalar(node, spec, f"a PIN of {schema.MIN_PIN_DIGITS} to {schema.MAX_PIN_DIGITS} digits")
        if isinstance(scalar.value, bool) or not PIN.fullmatch(scalar.raw):
            raise self._fail(node.mark, f"'{spec.key}' should be 4 to 12 digits in quotes, e.g. \"2468\"")
        return scalar.raw

    def _languages(self, node: Node, spec: fields.FieldSpec) -> tuple[str, ...]:
        if not isinstance(node, SequenceNode) or not node.items:
            raise self._fail(
                node.mark, f"'languages' should be a list of language codes such as [en, fr], not {describe(node)}"
            )
        codes: list[str] = []
        for item in node.items:
            if (
                not isinstance(item, ScalarNode)
                or not isinstance(item.value, str)
                or not LANGUAGE_CODE.fullmatch(item.value)
            ):
                self.error(item.mark, f"{describe(item)} is not a language code such as 'en' or 'fr'")
            elif item.value in codes:
                self.error(item.mark, f"the language '{item.value}' is listed twice")
            else:
                codes.append(item.value)
        if not codes:
            raise SkipValue()
        return tuple(codes)

    def _closed_display(self, node: Node, spec: fields.FieldSpec) -> str:
        value = str(self._string(node, spec, "standby or black").value)
        if value not in ("standby", "black"):
            raise self._fail(
                node.mark, unknown_message(f"value '{value}' for '{spec.key}'", value, ["standby", "black"])
            )
        return value

    def _days(self, node: Node, spec: fields.FieldSpec) -> tuple[int, ...]:
        items = node.items if isinstance(node, SequenceNode) else (node,)
        days: list[int] = []
        for item in items:
            name = item.value if isinstance(item, ScalarNode) else None
            found = _day_range(name) if isinstance(name, str) else None
            if found is not None:
                days.extend(found)
            else:
                given = f"'{name}'" if isinstance(name, str) else describe(item)
                self.error(item.mark, unknown_message(f"day {given}", str(name), [*fields.WEEKDAYS, "daily"]))
        if not days:
            raise SkipValue()
        return tuple(sorted(set(days)))

    def _time(self, node: Node, spec: fields.FieldSpec) -> int:
        # The raw text is used: YAML 1.1 reads an unquoted 10:30 as the number 630.
        scalar = self._scalar(node, spec, 'a time such as "09:30"')
        match = re.fullmatch(r"([01]?[0-9]|2[0-4]):([0-5][0-9])", scalar.raw)
        if not match or (match.group(1) == "24" and match.group(2) != "00"):
            raise self._fail(node.mark, f'\'{scalar.raw}\' is not a time; write it as "HH:MM", e.g. "09:30"')
        return int(match.group(1)) * 60 + int(match.group(2))

    def _url(self, node: Node, spec: fields.FieldSpec) -> str:
        value = str(self._string(node, spec, 'a web address such as "https://example.org/"').value).strip()
        if not URL.fullmatch(value):
            raise self._fail(node.mark, f"'{one_line(value)}' is not a web address; start it with https:// or http://")
        return value


_DAY_NAMES = {name: index for index, name in enumerate(fields.WEEKDAYS)} | {
    name: index
    for index, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}


def _day_range(name: str) -> list[int] | None:
    """The days a name stands for: 'mon', 'monday', 'daily' or a range such as 'mon-fri'; None if none."""
    name = name.strip().lower()
    if name == "daily":
        return list(range(7))
    first, dash, last = name.partition("-")
    if not dash:
        return [_DAY_NAMES[name]] if name in _DAY_NAMES else None
    if first not in _DAY_NAMES or last not in _DAY_NAMES:
        return None
    start, end = _DAY_NAMES[first], _DAY_NAMES[last]
    return [(start + step) % 7 for step in range((end - start) % 7 + 1)]


def _num(value: float | None) -> str:
    return "any" if value is None else f"{value:g}"


MAX_LISTED = 16
"""The most candidates an "unknown ..." message lists (every key a slide of any kind accepts)."""


def unknown_message(what: str, given: str, candidates: list[str], adjective: str = "unknown") -> str:
    """``adjective what``, with the closest of ``candidates`` as a did-you-mean, or the short list of them."""
    close = difflib.get_close_matches(given, candidates, n=1, cutoff=0.6)
    if close:
        return f"{adjective} {what}; did you mean '{close[0]}'?"
    if candidates and len(candidates) <= MAX_LISTED and adjective == "unknown":
        return f"{adjective} {what}; expected one of: {', '.join(candidates)}"
    return f"{adjective} {what}"
