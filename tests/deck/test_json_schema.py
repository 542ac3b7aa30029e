"""The JSON Schemas for editors: valid, generated from the FieldSpec tables, true to the bundled deck and README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kiosk.deck import fields, json_schema, load_deck, schema
from tests.conftest import REPO

MakeDeck = Callable[[Mapping[str, "str | bytes"]], Path]

THEME_SCHEMA = json_schema.theme_schema()
DECK_VALIDATOR = jsonschema.Draft202012Validator(json_schema.deck_schema())
THEME_VALIDATOR = jsonschema.Draft202012Validator(THEME_SCHEMA)

DECK = "title: Test deck\nthemes:\n  - themes/a.yaml\n"
THEME = "id: a\ntitle: Theme A\nslides:\n  - kind: statement\n    heading: Hello\n    body: The body.\n"


def problems(validator: jsonschema.Draft202012Validator, text: str) -> list[tuple[str, str]]:
    """Where the schema finds fault with the YAML ``text`` (as a JSON path) and what it says."""
    errors = validator.iter_errors(yaml.safe_load(text))
    return sorted((error.json_path, error.message) for error in errors)


# -- the schemas themselves ---------------------------------------------------------------


@pytest.mark.parametrize("document", [json_schema.deck_schema(), json_schema.theme_schema()], ids=["deck", "theme"])
def test_each_schema_is_a_valid_draft_2020_12_schema(document: dict[str, Any]) -> None:
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


def test_every_pattern_is_valid_for_an_editor() -> None:
    # Editors compile patterns as ECMA-262 with the 'u' flag, which refuses escapes such as '\-' and inline flags.
    patterns = re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', json.dumps([json_schema.deck_schema(), THEME_SCHEMA]))
    assert patterns
    for pattern in map(json.loads, patterns):
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        assert "(?i" not in pattern and not re.search(r"\\[^\\.sSdDwW\[\]/]", pattern), pattern
        re.compile(pattern)


# -- generated from the FieldSpec tables -------------------------------------------------------


def _described(properties: dict[str, Any], specs: tuple[fields.FieldSpec, ...]) -> None:
    for spec in specs:
        assert properties[spec.key]["description"] == spec.doc, spec.key


def test_every_field_spec_key_is_in_the_schema_with_its_meaning() -> None:
    deck = json_schema.deck_schema()["properties"]
    assert list(deck) == [spec.key for spec in fields.DECK_FIELDS]
    _described(deck, fields.DECK_FIELDS)
    for key, specs in [
        ("attract", fields.ATTRACT_FIELDS),
        ("kiosk", fields.KIOSK_FIELDS),
        ("touch", fields.TOUCH_FIELDS),
        ("schedule", fields.SCHEDULE_FIELDS),
    ]:
        assert list(deck[key]["properties"]) == [spec.key for spec in specs], key
        _described(deck[key]["properties"], specs)
    opening = deck["schedule"]["properties"]["hours"]["items"]["properties"]
    assert list(opening) == [spec.key for spec in fields.OPENING_FIELDS]

    theme = THEME_SCHEMA["properties"]
    assert list(theme) == [spec.key for spec in fields.THEME_FIELDS]
    _described(theme, fields.THEME_FIELDS)
    slide = theme["slides"]["items"]
    every_slide_spec = [s for specs in (fields.SLIDE_COMMON_FIELDS, *fields.SLIDE_KIND_FIELDS.values()) for s in specs]
    assert set(slide["properties"]) == {spec.key for spec in every_slide_spec}
    _described(slide["properties"], fields.SLIDE_COMMON_FIELDS)
    figure = slide["properties"]["figures"]["items"]["properties"]
    assert list(figure) == [spec.key for spec in fields.FIGURE_FIELDS]
    _described(figure, fields.FIGURE_FIELDS)


def test_each_slide_kind_has_its_required_keys_and_its_own_meanings() -> None:
    branches = THEME_SCHEMA["properties"]["slides"]["items"]["allOf"]
    kinds = [branch["if"]["properties"]["kind"]["const"] for branch in branches]
    assert kinds == list(schema.SLIDE_CLASSES) == list(fields.SLIDE_KIND_FIELDS)
    slide_properties = THEME_SCHEMA["properties"]["slides"]["items"]["properties"]
    for branch, (kind, specs) in zip(branches, fields.SLIDE_KIND_FIELDS.items()):
        then = branch["then"]
        assert then["required"] == ["kind", *(s.key for s in specs if s.required)], kind
        for spec in specs:
            meaning = then["properties"].get(spec.key, slide_properties[spec.key])
            assert meaning["description"] == spec.doc, (kind, spec.key)


def test_numbers_carry_the_field_spec_range() -> None:
    attract = json_schema.deck_schema()["properties"]["attract"]["properties"]
    for spec in fields.ATTRACT_FIELDS:
        if spec.type == "number":
            assert (attract[spec.key]["minimum"], attract[spec.key]["maximum"]) == (spec.minimum, spec.maximum)
    decimals = THEME_SCHEMA["properties"]["slides"]["items"]["properties"]["figures"]["items"]["properties"]
    assert decimals["decimals"]["type"] == "integer" and decimals["decimals"]["maximum"] == 6


# -- the bundled deck and the README --------------------------------------------------------------


def test_the_bundled_deck_yaml_is_valid() -> None:
    DECK_VALIDATOR.validate(yaml.safe_load((REPO / "slides" / "deck.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("theme_file", sorted((REPO / "slides" / "themes").glob("*.yaml")), ids=lambda p: p.name)
def test_each_bundled_theme_is_valid(theme_file: Path) -> None:
    THEME_VALIDATOR.validate(yaml.safe_load(theme_file.read_text(encoding="utf-8")))


def test_the_bundled_deck_has_themes_to_check() -> None:
    assert len(list((REPO / "slides" / "themes").glob("*.yaml"))) >= 2


def _readme_yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_every_yaml_example_in_the_readme_is_valid() -> None:
    blocks = _readme_yaml_blocks()
    assert len(blocks) >= 2
    for block in blocks:
        # Each example says which file it is, by name or by the editor header pointing at its schema.
        first = block.splitlines()[0]
        if "deck.yaml" in first or json_schema.DECK_SCHEMA_FILE in first:
            validator = DECK_VALIDATOR
        elif "themes/" in first or json_schema.THEME_SCHEMA_FILE in first:
            validator = THEME_VALIDATOR
        else:
            raise AssertionError(f"a README YAML example that names no file: {first}")
        assert problems(validator, block) == [], block


# -- mistakes an editor underlines ----------------------------------------------------------------


def test_a_misspelt_key_in_a_slide_fails() -> None:
    theme = THEME.replace("body:", "bdy:")
    assert problems(THEME_VALIDATOR, theme) == [
        ("$.slides[0]", "'body' is a required property"),
        ("$.slides[0]", "Additional properties are not allowed ('bdy' was unexpected)"),
    ]


def test_a_misspelt_key_under_attract_fails() -> None:
    assert problems(DECK_VALIDATOR, DECK + "attract:\n  idle_timout: 30\n") == [
        ("$.attract", "Additional properties are not allowed ('idle_timout' was unexpected)")
    ]


@pytest.mark.parametrize(
    ("text", "validator", "where"),
    [
        (DECK + "attract:\n  idle_timeout: soon\n", DECK_VALIDATOR, "$.attract.idle_timeout"),
        (DECK + "touch:\n  swipe_distance: '0.1'\n", DECK_VALIDATOR, "$.touch.swipe_distance"),
        (THEME + "    duration: ten\n", THEME_VALIDATOR, "$.slides[0].duration"),
        (DECK + "reduced_motion: maybe\n", DECK_VALIDATOR, "$.reduced_motion"),
    ],
)
def test_text_where_a_number_or_a_boolean_belongs_fails(
    text: str, validator: jsonschema.Draft202012Validator, where: str
) -> None:
    ((path, message),) = problems(validator, text)
    assert path == where and "is not of type" in message


def test_a_number_out_of_its_range_fails() -> None:
    assert problems(DECK_VALIDATOR, DECK + "attract:\n  idle_timeout: 0\n") == [
        ("$.attract.idle_timeout", "0 is less than the minimum of 1")
    ]


def test_a_key_of_another_slide_kind_fails() -> None:
    theme = THEME + "    url: https://example.org/\n"
    assert [message for _, message in problems(THEME_VALIDATOR, theme)] == [
        "False schema does not allow 'https://example.org/'"
    ]


def test_a_misspelt_kind_fails_and_so_does_a_misspelt_key_beside_it() -> None:
    theme = "id: a\ntitle: A\nslides:\n  - kind: statment\n    heading: H\n    bdy: B\n"
    assert problems(THEME_VALIDATOR, theme) == [
        ("$.slides[0]", "Additional properties are not allowed ('bdy' was unexpected)"),
        ("$.slides[0].kind", "'statment' is not one of ['title', 'statement', 'figures', 'image', 'qr', 'video']"),
    ]


def test_a_text_is_a_string_or_one_string_per_language_code() -> None:
    assert problems(DECK_VALIDATOR, "title: {en: Hello, fr: Bonjour}\nthemes: [themes/a.yaml]\n") == []
    for title in ("{English: Hello}", "{en: [Hello]}", "{}", "42"):
        assert problems(DECK_VALIDATOR, f"title: {title}\nthemes: [themes/a.yaml]\n"), title


def test_more_than_four_figures_fails() -> None:
    figure = "      - {value: 1, label: L, source: S}\n"
    theme = f"id: a\ntitle: A\nslides:\n  - kind: figures\n    heading: H\n    figures:\n{figure * 5}"
    ((path, message),) = problems(THEME_VALIDATOR, theme)
    assert path == "$.slides[0].figures" and message.endswith("is too long")


# -- the schema and `kiosk validate` agree --------------------------------------------------------

AGREEMENT = [
    ("accent", ['"#f2b134"', '"#FFF"', '"#12345"', '"f2b134"', '"#ggg"']),
    ("id", ["clinical-trials", "a1", "Clinical", "-a", "a-", "a_b"]),
    ("icon", ["fa6s.flask", "flask"]),
    ("background", ["pic.png", "pic.SVG", "pic.txt"]),
]


@pytest.mark.parametrize(("key", "value"), [(key, value) for key, values in AGREEMENT for value in values])
def test_the_schema_and_the_validator_agree_on_theme_values(make_deck: MakeDeck, key: str, value: str) -> None:
    theme = re.sub(rf"^{key}: .*\n", "", THEME, flags=re.MULTILINE)
    theme = f"{key}: {value}\n{theme}"
    files = {"deck.yaml": DECK, "themes/a.yaml": theme, "pic.png": b"", "pic.SVG": b"", "pic.txt": b""}
    by_validator = load_deck(make_deck(files)).deck is not None
    by_schema = problems(THEME_VALIDATOR, theme) == []
    assert by_schema == by_validator, (theme, by_validator)


DECK_AGREEMENT = [
    "languages: [en, fr, pt-BR]",
    "languages: [en, en]",
    "languages: [English]",
    "languages: []",
    "themes: [themes/a.yml]",
    "kiosk: {exit_pin: '2468'}",
    "kiosk: {exit_pin: '24'}",
    "schedule: {hours: [{days: mon-fri, open: '09:00', close: '17:30'}]}",
    "schedule: {hours: [{days: [sat, Sunday], open: '10:00', close: '24:00'}], when_closed: black}",
    "schedule: {hours: [{days: daily, open: '9:00', close: '02:00'}]}",
    "schedule: {hours: [{days: weekdays, open: '09:00', close: '17:00'}]}",
    "schedule: {hours: [{days: mon, open: '25:00', close: '17:00'}]}",
    "schedule: {hours: [{days: mon, open: '09:00', close: '17:00'}], when_closed: off}",
    "schedule: {hours: []}",
]


@pytest.mark.parametrize("line", DECK_AGREEMENT)
def test_the_schema_and_the_validator_agree_on_deck_values(make_deck: MakeDeck, line: str) -> None:
    key = line.partition(":")[0]
    deck = re.sub(rf"^{key}:.*\n(?:  .*\n)*", "", DECK, flags=re.MULTILINE) + line + "\n"
    theme_name = "themes/a.yml" if "a.yml" in line else "themes/a.yaml"
    by_validator = load_deck(make_deck({"deck.yaml": deck, theme_name: THEME})).deck is not None
    by_schema = problems(DECK_VALIDATOR, deck) == []
    assert by_schema == by_validator, (deck, by_validator)


@pytest.mark.parametrize(
    "url", ["https://example.org/", "HTTP://example.org", "ftp://example.org/", "example.org", "https://"]
)
def test_the_schema_and_the_validator_agree_on_web_addresses(make_deck: MakeDeck, url: str) -> None:
    theme = f"id: a\ntitle: A\nslides:\n  - kind: qr\n    heading: H\n    url: {url}\n"
    by_validator = load_deck(make_deck({"deck.yaml": DECK, "themes/a.yaml": theme})).deck is not None
    assert (problems(THEME_VALIDATOR, theme) == []) == by_validator


# -- `kiosk schema` ------------------------------------------------------------------------------------


def kiosk(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run the kiosk command line in a fresh process."""
    return subprocess.run([sys.executable, "-m", "kiosk", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_kiosk_schema_prints_the_deck_schema_and_with_theme_the_theme_schema() -> None:
    deck, theme = kiosk("schema"), kiosk("schema", "--theme")
    assert (deck.returncode, theme.returncode) == (0, 0), deck.stderr + theme.stderr
    assert json.loads(deck.stdout) == json_schema.deck_schema()
    assert json.loads(theme.stdout) == THEME_SCHEMA


def test_kiosk_schema_out_writes_both_schemas_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "editor" / "schemas"
    completed = kiosk("schema", "--out", str(out))
    assert completed.returncode == 0, completed.stderr
    deck_file, theme_file = out / json_schema.DECK_SCHEMA_FILE, out / json_schema.THEME_SCHEMA_FILE
    assert completed.stdout.splitlines() == [str(deck_file), str(theme_file)]
    assert json.loads(deck_file.read_text(encoding="utf-8")) == json_schema.deck_schema()
    assert json.loads(theme_file.read_text(encoding="utf-8")) == THEME_SCHEMA


def test_kiosk_schema_refuses_theme_with_out_and_an_out_that_is_a_file(tmp_path: Path) -> None:
    both = kiosk("schema", "--theme", "--out", str(tmp_path))
    assert both.returncode == 2 and "--out writes both schemas" in both.stderr
    a_file = tmp_path / "schema.json"
    a_file.write_text("{}", encoding="utf-8")
    not_a_folder = kiosk("schema", "--out", str(a_file))
    assert not_a_folder.returncode == 2 and "is not a folder" in not_a_folder.stderr
    assert a_file.read_text(encoding="utf-8") == "{}"
    assert list(tmp_path.iterdir()) == [a_file]
