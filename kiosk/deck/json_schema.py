"""JSON Schemas (draft 2020-12) of deck.yaml and of a theme file, generated from the FieldSpec tables.

Editors with a YAML language server (VS Code's YAML extension and others) use them to complete keys,
show each key's meaning on hover and underline mistakes as an author types. ``kiosk validate`` stays
the full check: files that exist, icon names, translations and the like are beyond a schema.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kiosk.deck import builder, fields, schema, values

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DECK_SCHEMA_FILE = "deck.schema.json"
THEME_SCHEMA_FILE = "theme.schema.json"

JsonSchema = dict[str, Any]

_DAY_WORDS = (*fields.WEEKDAYS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _whole(pattern: re.Pattern[str]) -> str:
    """An ECMA-262 pattern matching the whole value, as the builder's ``fullmatch`` does."""
    return f"^(?:{pattern.pattern})$"


def _caseless(word: str) -> str:
    """``word`` as a pattern that ignores case; ECMA-262 patterns in a schema carry no flags."""
    return "".join(f"[{ch.lower()}{ch.upper()}]" if ch.isalpha() else ch for ch in word)


def _text(spec: fields.FieldSpec) -> JsonSchema:
    per_language = {
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"pattern": _whole(values.LANGUAGE_CODE)},
        "additionalProperties": {"type": "string"},
    }
    return {"anyOf": [{"type": "string"}, per_language]}


def _number(spec: fields.FieldSpec) -> JsonSchema:
    return _ranged({"type": "number"}, spec)


def _integer(spec: fields.FieldSpec) -> JsonSchema:
    return _ranged({"type": "integer"}, spec)


def _ranged(result: JsonSchema, spec: fields.FieldSpec) -> JsonSchema:
    if spec.minimum is not None:
        result["minimum"] = spec.minimum
    if spec.maximum is not None:
        result["maximum"] = spec.maximum
    return result


def _string(pattern: str) -> Callable[[fields.FieldSpec], JsonSchema]:
    return lambda spec: {"type": "string", "pattern": pattern}


def _file(suffixes: tuple[str, ...]) -> str:
    """A relative path ending in one of ``suffixes``, in any case."""
    endings = "|".join(_caseless(suffix.lstrip(".")) for suffix in suffixes)
    return rf"^[^/\\].*\.(?:{endings})$"


def _object(specs: tuple[fields.FieldSpec, ...]) -> JsonSchema:
    """A mapping holding exactly the keys of ``specs``: any other key is a typo an editor underlines."""
    result: JsonSchema = {
        "type": "object",
        "properties": {spec.key: property_schema(spec) for spec in specs},
        "additionalProperties": False,
    }
    required = [spec.key for spec in specs if spec.required]
    if required:
        result["required"] = required
    return result


def _list_of(item: JsonSchema, max_items: int | None = None, *, unique: bool = False) -> JsonSchema:
    result: JsonSchema = {"type": "array", "minItems": 1, "items": item}
    if max_items is not None:
        result["maxItems"] = max_items
    if unique:
        result["uniqueItems"] = True
    return result


def _day(spec: fields.FieldSpec) -> JsonSchema:
    day = f"(?:{'|'.join(_caseless(word) for word in _DAY_WORDS)})"
    one = {"type": "string", "pattern": rf"^\s*(?:{_caseless('daily')}|{day}(?:-{day})?)\s*$"}
    return {"anyOf": [one, _list_of(one)]}


_CONVERTERS: dict[str, Callable[[fields.FieldSpec], JsonSchema]] = {
    "text": _text,
    "number": _number,
    "integer": _integer,
    "boolean": lambda spec: {"type": "boolean"},
    "colour": _string(_whole(values.COLOUR)),
    "identifier": _string(_whole(values.IDENTIFIER)),
    "icon": _string(r"^[a-z0-9]+\.\S+$"),
    "image": _string(_file(values.IMAGE_SUFFIXES)),
    "video": _string(_file(values.VIDEO_SUFFIXES)),
    # Quoted, as the builder's message asks: unquoted, a PIN such as 0123 is read as a number.
    "pin": _string(_whole(values.PIN)),
    "languages": lambda spec: _list_of({"type": "string", "pattern": _whole(values.LANGUAGE_CODE)}, unique=True),
    "theme files": lambda spec: _list_of({"type": "string", "pattern": _file((".yaml", ".yml"))}),
    "attract": lambda spec: _object(fields.ATTRACT_FIELDS),
    "kiosk": lambda spec: _object(fields.KIOSK_FIELDS),
    "touch": lambda spec: _object(fields.TOUCH_FIELDS),
    "schedule": lambda spec: _object(fields.SCHEDULE_FIELDS),
    "analytics": lambda spec: {"anyOf": [{"type": "boolean"}, _object(fields.ANALYTICS_FIELDS)]},
    "accessibility": lambda spec: _object(fields.ACCESSIBILITY_FIELDS),
    "opening hours": lambda spec: _list_of(_object(fields.OPENING_FIELDS)),
    "closed display": lambda spec: {"enum": ["standby", "black"]},
    "days": _day,
    "time": _string(r"^(?:(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$"),
    "url": _string(rf"^\s*{_caseless('http')}[sS]?://[^\s/$.?#]\S{{0,500}}\s*$"),
    "slides": lambda spec: _list_of(slide_schema()),
    "slide kind": lambda spec: {"enum": list(schema.SLIDE_CLASSES)},
    "figures": lambda spec: _list_of(_object(fields.FIGURE_FIELDS), fields.MAX_FIGURES_PER_SLIDE),
}


def property_schema(spec: fields.FieldSpec, *, typed: bool = True) -> JsonSchema:
    """The schema of one key's value, with its meaning for hover help and its default for completion."""
    result: JsonSchema = {"description": spec.doc}
    if typed:
        result.update(_CONVERTERS[spec.type](spec))
    if spec.default not in (None, "", {}) and not isinstance(spec.default, dict):
        result["default"] = spec.default
    return result


def slide_schema() -> JsonSchema:
    """One slide: the keys any kind accepts, checked alike, then for each kind its required keys and no other's.

    This mirrors the builder, which checks a slide with a misspelt kind against every kind's keys.
    """
    checked, unchecked = builder.any_kind_slide_fields()
    every_spec = [spec for specs in (fields.SLIDE_COMMON_FIELDS, *fields.SLIDE_KIND_FIELDS.values()) for spec in specs]
    properties = {spec.key: property_schema(spec) for spec in checked}
    for key in unchecked:
        properties[key] = property_schema(next(spec for spec in every_spec if spec.key == key), typed=False)
    branches = []
    for kind, kind_specs in fields.SLIDE_KIND_FIELDS.items():
        specs = fields.SLIDE_COMMON_FIELDS + kind_specs
        own = {spec.key for spec in specs}
        # Per kind: a shared key's own meaning (a title slide's heading is the title), its type where kinds differ,
        # and no other kind's keys.
        meanings = {
            spec.key: property_schema(spec, typed=spec.key in unchecked)
            for spec in specs
            if spec.key in unchecked or spec.doc != properties[spec.key]["description"]
        }
        then: JsonSchema = {
            "required": [spec.key for spec in specs if spec.required],
            "properties": meanings | {key: False for key in properties if key not in own},
        }
        branches.append({"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]}, "then": then})
    return {
        "type": "object",
        "properties": properties,
        "required": ["kind"],
        "additionalProperties": False,
        "allOf": branches,
    }


def deck_schema() -> JsonSchema:
    """The JSON Schema a deck.yaml validates against."""
    return {
        "$schema": DIALECT,
        "title": "kiosk deck.yaml",
        "description": "A kiosk deck: its title, languages, theme files and player options.",
        **_object(fields.DECK_FIELDS),
    }


def theme_schema() -> JsonSchema:
    """The JSON Schema a theme file validates against."""
    return {
        "$schema": DIALECT,
        "title": "kiosk theme file",
        "description": "A theme of a kiosk deck: its title, icon, colour and slides.",
        **_object(fields.THEME_FIELDS),
    }
