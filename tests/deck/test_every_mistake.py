"""One `load_deck` reports every mistake, even in a slide whose kind is misspelt or missing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.deck import LoadResult, fields, load_deck

MakeDeck = Callable[[Mapping[str, "str | bytes"]], Path]

DECK = "title: Test deck\nthemes:\n  - themes/a.yaml\n"


def load_slides(make_deck: MakeDeck, slides: str) -> LoadResult:
    """Load a deck whose one theme holds ``slides`` (YAML list items, indented by two spaces)."""
    theme = f"id: a\ntitle: Theme A\nslides:\n{slides}"
    return load_deck(make_deck({"deck.yaml": DECK, "themes/a.yaml": theme}))


def errors(result: LoadResult) -> list[str]:
    """Every error as the validator prints it."""
    assert result.deck is None
    return [str(p) for p in result.errors]


# -- a slide whose kind is unknown -------------------------------------------------


def test_a_misspelt_kind_and_a_misspelt_key_are_two_errors_in_one_run(make_deck: MakeDeck) -> None:
    result = load_slides(make_deck, "  - kind: statment\n    heading: H\n    bdy: The body.\n")
    assert errors(result) == [
        "themes/a.yaml:4:11: error: unknown slide kind 'statment'; did you mean 'statement'?",
        "themes/a.yaml:6:5: error: unknown key 'bdy' in a slide; did you mean 'body'?",
    ]
    assert result.warnings == ()


def test_keys_of_any_kind_are_accepted_when_the_kind_is_unknown(make_deck: MakeDeck) -> None:
    # The author meant some kind; which one is unknown, so a key of any kind is no extra error.
    slides = (
        "  - kind: slideshow\n"
        "    heading: H\n"
        "    subtitle: S\n"
        "    body: B\n"
        "    caption: C\n"
        "    url: https://example.org/\n"
        "    notes: N\n"
        "    duration: 5\n"
    )
    assert errors(load_slides(make_deck, slides)) == [
        "themes/a.yaml:4:11: error: unknown slide kind 'slideshow'; "
        "expected one of: title, statement, figures, image, qr, video"
    ]


def test_an_unknown_key_with_no_close_match_lists_the_keys_of_every_kind(make_deck: MakeDeck) -> None:
    result = load_slides(make_deck, "  - kind: titel\n    heading: H\n    colour: red\n")
    first, second = errors(result)
    assert first.startswith("themes/a.yaml:4:11: error: unknown slide kind 'titel'")
    every_key = dict.fromkeys(
        spec.key for specs in (fields.SLIDE_COMMON_FIELDS, *fields.SLIDE_KIND_FIELDS.values()) for spec in specs
    )
    assert (
        second == f"themes/a.yaml:6:5: error: unknown key 'colour' in a slide; expected one of: {', '.join(every_key)}"
    )


def test_values_are_still_type_checked_when_the_kind_is_unknown(make_deck: MakeDeck) -> None:
    slides = (
        "  - kind: statment\n"
        "    heading: [not, text]\n"
        "    duration: soon\n"
        "  - kind: figure\n"
        "    duration: 0\n"
        "    url: www.example.org\n"
    )
    assert errors(load_slides(make_deck, slides)) == [
        "themes/a.yaml:4:11: error: unknown slide kind 'statment'; did you mean 'statement'?",
        "themes/a.yaml:5:14: error: 'heading' should be text (put it in quotes) or one text per language, not a list",
        "themes/a.yaml:6:15: error: 'duration' should be a number, not the text 'soon'",
        "themes/a.yaml:7:11: error: unknown slide kind 'figure'; did you mean 'figures'?",
        "themes/a.yaml:8:15: error: 'duration' is 0; it must be between 0.5 and 3600",
        "themes/a.yaml:9:10: error: 'www.example.org' is not a web address; start it with https:// or http://",
    ]


def test_the_figures_of_a_slide_with_an_unknown_kind_are_checked(make_deck: MakeDeck) -> None:
    slides = "  - kind: figurs\n    heading: H\n    figures:\n      - value: 3\n        lable: L\n"
    result = load_slides(make_deck, slides)
    assert errors(result) == [
        "themes/a.yaml:4:11: error: unknown slide kind 'figurs'; did you mean 'figures'?",
        "themes/a.yaml:7:9: error: a figure is missing the required key 'label'",
        "themes/a.yaml:8:9: error: unknown key 'lable' in a figure; did you mean 'label'?",
    ]
    assert [str(p) for p in result.warnings] == [
        'themes/a.yaml:7:9: warning: this figure has no source; add one such as source: "pharma.be, 2022"'
    ]


def test_a_slide_without_a_kind_still_gets_its_keys_checked(make_deck: MakeDeck) -> None:
    assert errors(load_slides(make_deck, "  - heading: H\n    captoin: C\n")) == [
        "themes/a.yaml:4:5: error: this slide is missing the required key 'kind' "
        "(title, statement, figures, image, qr, video)",
        "themes/a.yaml:5:5: error: unknown key 'captoin' in a slide; did you mean 'caption'?",
    ]


# -- a dozen mistakes, one run-------------------------------------------------------

DOZEN_DECK = """\
title: A dozen mistakes
languages: [en, fr]
themes:
  - themes/one.yaml
  - themes/two.yaml
attract:
  idle_timout: 30
  slide_duration: fast
kiosk:
  exit_hold: 0
"""

DOZEN_ONE = """\
id: one
title: First
slides:
  - kind: statment
    heading: Hello
    bdy: A body with a typo in its key.
  - kind: tittle
    heading: 42
    duration: -1
"""

DOZEN_TWO = """\
id: two
title: Second
accent: "#zz0000"
slides:
  - heading: No kind here
    subtitel: And a misspelt key
  - kind: qr
    heading: Scan me
    url: ftp://example.org/
"""


def test_a_dozen_mistakes_in_three_files_are_all_reported_by_one_load(make_deck: MakeDeck) -> None:
    files = {"deck.yaml": DOZEN_DECK, "themes/one.yaml": DOZEN_ONE, "themes/two.yaml": DOZEN_TWO}
    result = load_deck(make_deck(files))
    assert errors(result) == [
        "deck.yaml:7:3: error: unknown key 'idle_timout' in attract; did you mean 'idle_timeout'?",
        "deck.yaml:8:19: error: 'slide_duration' should be a number, not the text 'fast'",
        "deck.yaml:10:14: error: 'exit_hold' is 0; it must be between 1 and 60",
        "themes/one.yaml:4:11: error: unknown slide kind 'statment'; did you mean 'statement'?",
        "themes/one.yaml:6:5: error: unknown key 'bdy' in a slide; did you mean 'body'?",
        "themes/one.yaml:7:11: error: unknown slide kind 'tittle'; did you mean 'title'?",
        "themes/one.yaml:8:14: error: 'heading' should be text (put it in quotes) or one text per language, "
        "not the number 42",
        "themes/one.yaml:9:15: error: 'duration' is -1; it must be between 0.5 and 3600",
        'themes/two.yaml:3:9: error: \'#zz0000\' is not a colour; write it as "#rrggbb", e.g. "#f2b134"',
        "themes/two.yaml:5:5: error: this slide is missing the required key 'kind' (title, statement, figures, "
        "image, qr, video)",
        "themes/two.yaml:6:5: error: unknown key 'subtitel' in a slide; did you mean 'subtitle'?",
        "themes/two.yaml:9:10: error: 'ftp://example.org/' is not a web address; start it with https:// or http://",
    ]
    assert result.warnings == ()


def test_a_key_checked_differently_by_two_kinds_is_known_but_left_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    # Today every kind checks a shared key alike; should two kinds ever disagree, the key is accepted, not guessed at.
    from kiosk.deck import builder

    clashing = (fields.FieldSpec("caption", "number", "A caption that is a number."),)
    monkeypatch.setattr(fields, "SLIDE_KIND_FIELDS", {**fields.SLIDE_KIND_FIELDS, "clash": clashing})
    checked, unchecked = builder.any_kind_slide_fields()
    assert unchecked == ("caption",)
    assert "caption" not in {spec.key for spec in checked} and "heading" in {spec.key for spec in checked}
    assert not any(spec.required for spec in checked)
