"""Walks a deck's YAML documents into the validated deck model, collecting every problem.

The walk (mappings, theme files, slides, figures, paths) is here; checking each single value is ``values``'.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from kiosk.deck import fields, schema
from kiosk.deck.errors import DeckError, Mark, one_line
from kiosk.deck.loader import MappingNode, Node, ScalarNode, SequenceNode, describe, read_yaml_file
from kiosk.deck.values import IMAGE_SUFFIXES, VIDEO_SUFFIXES, SkipValue, ValueChecker, unknown_message


class DeckBuilder(ValueChecker):
    """Builds a Deck from a deck folder, recording every problem instead of stopping at the first."""

    def __init__(self, deck_file: Path) -> None:
        super().__init__()
        self.deck_file = deck_file
        self.root = deck_file.parent.resolve()
        self._converters: dict[str, Callable[[Node, fields.FieldSpec], Any]] = {
            "text": self._text,
            "number": self._number,
            "integer": self._integer,
            "boolean": self._boolean,
            "colour": self._colour,
            "identifier": self._identifier,
            "icon": self._icon,
            "image": self._image,
            "video": lambda node, spec: self.resolve_path(node, spec, VIDEO_SUFFIXES),
            "pin": self._pin,
            "languages": lambda node, spec: self.languages,
            "theme files": self._theme_files,
            "attract": lambda node, spec: schema.AttractOptions(**self._fields(node, fields.ATTRACT_FIELDS, "attract")),
            "kiosk": lambda node, spec: schema.KioskOptions(**self._fields(node, fields.KIOSK_FIELDS, "kiosk")),
            "touch": lambda node, spec: schema.TouchOptions(**self._fields(node, fields.TOUCH_FIELDS, "touch")),
            "schedule": self._schedule,
            "analytics": self._analytics,
            "accessibility": lambda node, spec: schema.AccessibilityOptions(
                **self._fields(node, fields.ACCESSIBILITY_FIELDS, "accessibility")
            ),
            "opening hours": self._opening_hours,
            "closed display": self._closed_display,
            "days": self._days,
            "time": self._time,
            "url": self._url,
            "slides": self._slides,
            "slide kind": lambda node, spec: None,
            "figures": self._figures,
        }

    # -- the deck ---------------------------------------------------------

    def build(self) -> schema.Deck | None:
        """The deck, or None when any error was found (see ``problems``)."""
        root = self._read(self.deck_file)
        if root is None:
            return None
        if isinstance(root, MappingNode) and "languages" in root.items:
            spec = next(s for s in fields.DECK_FIELDS if s.key == "languages")
            try:
                self.languages = self._languages(root.items["languages"], spec)
            except SkipValue:
                pass
        values = self._fields(root, fields.DECK_FIELDS, "the deck")
        values.pop("languages", None)
        if any(p.is_error for p in self.problems) or "title" not in values or "themes" not in values:
            return None
        languages_node = root.items.get("languages") if isinstance(root, MappingNode) else None
        origin = languages_node.mark if languages_node is not None else Mark(self.display_name(self.deck_file), 1, 1)
        return schema.Deck(root=self.root, languages=self.languages, languages_origin=origin, **values)

    def _read(self, path: Path) -> Node | None:
        try:
            node, problems = read_yaml_file(path, self.display_name(path))
        except DeckError as exc:
            self.problems.extend(exc.problems)
            return None
        self.problems.extend(problems)
        return node

    def display_name(self, path: Path) -> str:
        """A file's name relative to the deck folder, as messages show it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    # -- mappings ---------------------------------------------------------

    def _fields(
        self, node: Node, specs: tuple[fields.FieldSpec, ...], what: str, also_known: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        """Check a mapping's keys against ``specs`` (and ``also_known``, left unchecked) and convert each value."""
        if not isinstance(node, MappingNode):
            self.error(node.mark, f"{what} should be a mapping of 'key: value' lines, not {describe(node)}")
            return {}
        known = [spec.key for spec in specs] + list(also_known)
        for key, mark in node.key_marks.items():
            if key not in known:
                self.error(mark, unknown_message(f"key '{key}' in {what}", key, known))
        values: dict[str, Any] = {}
        for spec in specs:
            value_node = node.items.get(spec.key)
            if value_node is None:
                if spec.required:
                    self.error(node.mark, f"{what} is missing the required key '{spec.key}'")
                continue
            try:
                values[spec.attribute] = self._converters[spec.type](value_node, spec)
            except SkipValue:
                pass
        return values

    def _analytics(self, node: Node, spec: fields.FieldSpec) -> schema.AnalyticsOptions:
        if isinstance(node, ScalarNode) and isinstance(node.value, bool):
            return schema.AnalyticsOptions(enabled=node.value)
        if not isinstance(node, MappingNode):
            raise self._fail(node.mark, f"'{spec.key}' should be true, false or a mapping, not {describe(node)}")
        return schema.AnalyticsOptions(**self._fields(node, fields.ANALYTICS_FIELDS, "analytics"))

    # -- schedule -----------------------------------------------------------

    def _schedule(self, node: Node, spec: fields.FieldSpec) -> schema.Schedule:
        values = self._fields(node, fields.SCHEDULE_FIELDS, "schedule")
        if "hours" not in values:
            raise SkipValue()  # the missing or wrong 'hours' is already reported
        return schema.Schedule(**values)

    def _opening_hours(self, node: Node, spec: fields.FieldSpec) -> tuple[schema.OpeningHours, ...]:
        if not isinstance(node, SequenceNode) or not node.items:
            raise self._fail(
                node.mark, f"'hours' should be a list of {{days, open, close}} entries, not {describe(node)}"
            )
        entries = []
        for item in node.items:
            values = self._fields(item, fields.OPENING_FIELDS, "an opening-hours entry")
            if {"days", "open", "close"} <= values.keys():
                if values["open"] == values["close"]:
                    self.error(item.mark, "'open' and 'close' are the same time; leave the day out to close it")
                    continue
                entries.append(schema.OpeningHours(**values))
        return tuple(entries)

    # -- paths ------------------------------------------------------------

    def resolve_path(self, node: Node, spec: fields.FieldSpec, suffixes: tuple[str, ...]) -> Path:
        """A path inside the deck folder that exists; anything else is recorded as an error."""
        raw = str(self._string(node, spec, "a path relative to the deck folder").value)
        pure = PurePosixPath(raw.replace("\\", "/"))
        if not raw.strip():
            raise self._fail(node.mark, f"'{spec.key}' is empty")
        if pure.is_absolute() or re.match(r"[A-Za-z]:", raw) or os.path.isabs(raw):
            raise self._fail(node.mark, f"'{raw}' is an absolute path; give a path relative to the deck folder")
        if ".." in pure.parts:
            raise self._fail(node.mark, f"'{raw}' leads outside the deck folder ('..' is not allowed)")
        if not raw.isprintable():
            raise self._fail(node.mark, f"'{one_line(raw)}' holds control characters; it cannot be a file name")
        path = self.root / Path(*pure.parts)
        try:
            resolved = path.resolve()
            is_file, is_dir = resolved.is_file(), resolved.is_dir()
        except (OSError, RuntimeError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or "a symbolic link loop?"
            raise self._fail(node.mark, f"'{raw}' cannot be used as a path ({reason})") from None
        if not resolved.is_relative_to(self.root):
            raise self._fail(node.mark, f"'{raw}' is a link that points outside the deck folder")
        if is_dir:
            raise self._fail(node.mark, f"'{raw}' is a folder; give the path of a file in it")
        if not is_file:
            siblings = [name for name in _siblings(path, self.root) if name != raw]
            raise self._fail(node.mark, unknown_message(f"file '{raw}'", raw, siblings, "no such"))
        if suffixes and resolved.suffix.lower() not in suffixes:
            raise self._fail(node.mark, f"'{raw}' should be one of: {', '.join(suffixes)}")
        return resolved

    def _image(self, node: Node, spec: fields.FieldSpec) -> Path:
        return self.resolve_path(node, spec, IMAGE_SUFFIXES)

    def _theme_files(self, node: Node, spec: fields.FieldSpec) -> tuple[schema.Theme, ...]:
        if not isinstance(node, SequenceNode) or not node.items:
            raise self._fail(node.mark, f"'themes' should be a list of theme files, not {describe(node)}")
        themes: list[schema.Theme] = []
        seen_ids: dict[str, Mark] = {}
        for item in node.items:
            try:
                path = self.resolve_path(item, spec, (".yaml", ".yml"))
            except SkipValue:
                continue
            theme_node = self._read(path)
            if theme_node is None:
                continue
            values = self._fields(theme_node, fields.THEME_FIELDS, "the theme")
            theme_id = values.get("id")
            if theme_id is not None and isinstance(theme_node, MappingNode):
                id_mark = theme_node.items["id"].mark
                if theme_id in seen_ids:
                    self.error(id_mark, f"the theme id '{theme_id}' is already used in {seen_ids[theme_id]}")
                else:
                    seen_ids[theme_id] = id_mark
            if {"id", "title", "slides"} <= values.keys():
                marks = dict(theme_node.key_marks) if isinstance(theme_node, MappingNode) else {}
                themes.append(schema.Theme(origin=theme_node.mark, key_marks=marks, **values))
        return tuple(themes)

    # -- slides and figures -----------------------------------------------

    def _slides(self, node: Node, spec: fields.FieldSpec) -> tuple[schema.Slide, ...]:
        if not isinstance(node, SequenceNode) or not node.items:
            raise self._fail(node.mark, f"'slides' should be a list of one or more slides, not {describe(node)}")
        slides = (self._slide(item) for item in node.items)
        return tuple(slide for slide in slides if slide is not None)

    def _slide(self, node: Node) -> schema.Slide | None:
        if not isinstance(node, MappingNode):
            self.error(node.mark, f"a slide should be a mapping with a 'kind', not {describe(node)}")
            return None
        kind_node = node.items.get("kind")
        if kind_node is None:
            self.error(node.mark, f"this slide is missing the required key 'kind' ({', '.join(schema.SLIDE_CLASSES)})")
            self._check_any_kind(node)
            return None
        kind = kind_node.value if isinstance(kind_node, ScalarNode) else None
        if not isinstance(kind, str) or kind not in schema.SLIDE_CLASSES:
            kinds = list(schema.SLIDE_CLASSES)
            given = kind if isinstance(kind, str) else describe(kind_node)
            self.error(kind_node.mark, unknown_message(f"slide kind '{given}'", str(kind), kinds))
            self._check_any_kind(node)
            return None
        specs = fields.SLIDE_COMMON_FIELDS + fields.SLIDE_KIND_FIELDS[kind]
        values = self._fields(node, specs, f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} slide")
        values.pop("kind", None)
        missing = [s.key for s in specs if s.required and s.attribute not in values and s.key != "kind"]
        if missing:
            return None
        if values.get("end") is not None and values["end"] <= values.get("start", 0):
            self.error(node.key_marks["end"], f"'end' ({values['end']:g}) should come after 'start'")
            values.pop("end")
        return schema.SLIDE_CLASSES[kind](origin=node.mark, key_marks=dict(node.key_marks), **values)

    def _check_any_kind(self, node: MappingNode) -> None:
        # Without a known kind the slide cannot be built, but its other mistakes are still worth reporting in the
        # same run: its keys are checked against every kind's, and values whose check is the same in every kind.
        self._fields(node, _ANY_KIND_CHECKED, "a slide", also_known=_ANY_KIND_UNCHECKED)

    def _figures(self, node: Node, spec: fields.FieldSpec) -> tuple[schema.Figure, ...]:
        if not isinstance(node, SequenceNode) or not node.items:
            raise self._fail(node.mark, f"'figures' should be a list of one to four figures, not {describe(node)}")
        if len(node.items) > fields.MAX_FIGURES_PER_SLIDE:
            self.error(
                node.items[fields.MAX_FIGURES_PER_SLIDE].mark,
                f"a slide holds at most {fields.MAX_FIGURES_PER_SLIDE} figures; split them over two slides",
            )
        figures = []
        for item in node.items:
            values = self._fields(item, fields.FIGURE_FIELDS, "a figure")
            if isinstance(item, MappingNode) and "source" not in item.items:
                self.warning(item.mark, 'this figure has no source; add one such as source: "pharma.be, 2022"')
            if "value" in values and "label" in values:
                figures.append(schema.Figure(**values))
        return tuple(figures)


def any_kind_slide_fields() -> tuple[tuple[fields.FieldSpec, ...], tuple[str, ...]]:
    """The keys some slide kind accepts, none required: those checked alike in every kind, and the others."""
    by_key: dict[str, list[fields.FieldSpec]] = {}
    for specs in (fields.SLIDE_COMMON_FIELDS, *fields.SLIDE_KIND_FIELDS.values()):
        for spec in specs:
            by_key.setdefault(spec.key, []).append(spec)
    checked: list[fields.FieldSpec] = []
    unchecked: list[str] = []
    for key, alike in by_key.items():
        if len({(s.type, s.minimum, s.maximum) for s in alike}) == 1:
            checked.append(dataclasses.replace(alike[0], required=False))
        else:
            unchecked.append(key)
    return tuple(checked), tuple(unchecked)


_ANY_KIND_CHECKED, _ANY_KIND_UNCHECKED = any_kind_slide_fields()


def _siblings(path: Path, root: Path) -> list[str]:
    """Paths near ``path`` that do exist, as the author would write them, for suggestions."""
    folder = path.parent
    try:
        return [(folder / name).relative_to(root).as_posix() for name in os.listdir(folder)][:200]
    except (OSError, ValueError):
        return []
