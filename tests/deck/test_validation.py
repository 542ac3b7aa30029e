"""The validator: every class of mistake gets one clear message at its FILE:LINE:COL."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.deck import LoadResult, Problem, Severity, fields, load_deck
from kiosk.deck.schema import FiguresSlide, ImageSlide, StatementSlide, TitleSlide

MakeDeck = Callable[[Mapping[str, "str | bytes"]], Path]

DECK = """\
title: Test deck
themes:
  - themes/a.yaml
"""

THEME = """\
id: a
title: Theme A
slides:
  - kind: title
    heading: Hello
"""

PNG = b"\x89PNG\r\n\x1a\n"  # only the name's suffix is checked, not the content


def load(make_deck: MakeDeck, files: Mapping[str, str | bytes]) -> LoadResult:
    """Load a deck made of the default deck.yaml and theme, overridden by ``files``."""
    return load_deck(make_deck({"deck.yaml": DECK, "themes/a.yaml": THEME, **files}))


def theme(
    extra: str = "", slides: str = "  - kind: title\n    heading: Hello\n", head: str = "id: a\ntitle: Theme A\n"
) -> str:
    """A theme file: ``head`` lines, then ``extra`` lines, then the slides."""
    return f"{head}{extra}slides:\n{slides}"


def only_error(result: LoadResult) -> Problem:
    """The one error of an invalid deck."""
    assert result.deck is None
    assert len(result.errors) == 1, [str(p) for p in result.problems]
    return result.errors[0]


def at(problem: Problem) -> str:
    return str(problem.mark)


# -- a valid deck --------------------------------------------------------------


def test_a_small_valid_deck_loads_with_no_problem(make_deck: MakeDeck) -> None:
    result = load(make_deck, {})
    assert result.problems == ()
    assert result.deck is not None
    assert [t.id for t in result.deck.themes] == ["a"]
    assert isinstance(result.deck.themes[0].slides[0], TitleSlide)


def test_every_slide_kind_and_field_loads_into_the_model(make_deck: MakeDeck) -> None:
    slides = """\
  - kind: title
    heading: {en: Hello, fr: Bonjour}
    subtitle: Sub
    notes: Speaker notes
    duration: 5
  - kind: statement
    heading: H
    body: B
  - kind: figures
    heading: H
    figures:
      - value: 5.7
        from: 1
        decimals: 1
        prefix: "€"
        suffix: {en: " billion", fr: " milliards"}
        label: {en: "invested", fr: "investis"}
        source: "pharma.be, 2022"
        duration: 3
  - kind: image
    image: img/photo.png
    caption: A caption
"""
    deck_yaml = (
        DECK + 'languages: [en, fr]\nattract:\n  idle_timeout: 30\n  slide_duration: 6\nkiosk:\n  exit_pin: "2468"\n'
    )
    result = load(
        make_deck,
        {
            "deck.yaml": deck_yaml,
            "img/photo.png": PNG,
            "themes/a.yaml": theme('icon: fa6s.flask\naccent: "#F2B134"\nbackground: img/photo.png\n', slides),
        },
    )
    assert result.problems == ()
    deck = result.deck
    assert deck is not None
    assert deck.languages == ("en", "fr")
    assert deck.attract.idle_timeout == 30 and deck.kiosk.exit_pin == "2468"
    (only,) = deck.themes
    assert only.accent == "#f2b134" and only.icon == "fa6s.flask"
    assert only.background is not None and only.background.name == "photo.png"
    title, statement, figures, image = only.slides
    assert isinstance(title, TitleSlide) and title.heading.get("fr") == "Bonjour" and title.duration == 5
    assert isinstance(statement, StatementSlide) and statement.body.get("en") == "B"
    assert isinstance(figures, FiguresSlide)
    (figure,) = figures.figures
    assert (figure.value, figure.start, figure.decimals, figure.duration) == (5.7, 1, 1, 3)
    assert figure.suffix.get("fr") == " milliards"
    assert isinstance(image, ImageSlide) and image.image is not None and image.image.is_file()
    assert deck.slide_duration(title) == 5 and deck.slide_duration(statement) == 6


# -- unknown keys ------------------------------------------------------------


def test_a_misspelt_key_gets_a_suggestion(make_deck: MakeDeck) -> None:
    slides = "  - kind: image\n    image: pic.png\n    heding: Look\n"
    result = load(make_deck, {"pic.png": PNG, "themes/a.yaml": theme(slides=slides)})
    problem = only_error(result)
    assert at(problem) == "themes/a.yaml:6:5"
    assert "unknown key 'heding'" in problem.message
    assert problem.message.endswith("did you mean 'heading'?")


def test_a_misspelt_required_key_is_reported_as_unknown_and_as_missing(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"themes/a.yaml": theme(slides="  - kind: title\n    heding: Hello\n")})
    assert [str(p) for p in result.errors] == [
        "themes/a.yaml:4:5: error: a title slide is missing the required key 'heading'",
        "themes/a.yaml:5:5: error: unknown key 'heding' in a title slide; did you mean 'heading'?",
    ]


def test_an_unknown_key_with_no_close_match_lists_the_keys_there_are(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"deck.yaml": DECK + "colour_scheme: dark\n"})
    problem = only_error(result)
    assert at(problem) == "deck.yaml:4:1"
    keys = ", ".join(spec.key for spec in fields.DECK_FIELDS)
    assert problem.message == f"unknown key 'colour_scheme' in the deck; expected one of: {keys}"


def test_unknown_keys_in_nested_objects_are_found(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"deck.yaml": DECK + "attract:\n  idle_timout: 5\nkiosk:\n  pin: '1234'\n"})
    first, second = result.errors
    assert str(first) == "deck.yaml:5:3: error: unknown key 'idle_timout' in attract; did you mean 'idle_timeout'?"
    assert str(second).startswith("deck.yaml:7:3: error: unknown key 'pin' in kiosk")
    assert "exit_pin" in second.message


# -- wrong types ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("deck_extra", "position", "message"),
    [
        (
            "subtitle: 3\n",
            "deck.yaml:4:11",
            "'subtitle' should be text (put it in quotes) or one text per language, not the number 3",
        ),
        (
            "subtitle: [a, b]\n",
            "deck.yaml:4:11",
            "'subtitle' should be text (put it in quotes) or one text per language, not a list",
        ),
        (
            "reduced_motion: yes please\n",
            "deck.yaml:4:17",
            "'reduced_motion' should be true or false, not the text 'yes please'",
        ),
        ("reduced_motion:\n", "deck.yaml:4:16", "'reduced_motion' should be true or false, not nothing (null)"),
        ("attract: 5\n", "deck.yaml:4:10", "attract should be a mapping of 'key: value' lines, not the number 5"),
        (
            "attract:\n  idle_timeout: soon\n",
            "deck.yaml:5:17",
            "'idle_timeout' should be a number, not the text 'soon'",
        ),
        (
            "attract:\n  idle_timeout: true\n",
            "deck.yaml:5:17",
            "'idle_timeout' should be a number, not the boolean 'true'",
        ),
        (
            "attract:\n  rotate_languages: 1\n",
            "deck.yaml:5:21",
            "'rotate_languages' should be true or false, not the number 1",
        ),
        ("kiosk:\n  exit_pin: 12\n", "deck.yaml:5:13", "'exit_pin' should be 4 to 12 digits in quotes"),
        ("kiosk:\n  exit_pin: true\n", "deck.yaml:5:13", "'exit_pin' should be 4 to 12 digits in quotes"),
        ("kiosk: [exit_pin]\n", "deck.yaml:4:8", "kiosk should be a mapping of 'key: value' lines, not a list"),
    ],
)
def test_a_value_of_the_wrong_type_in_deck_yaml_is_an_error(
    make_deck: MakeDeck, deck_extra: str, position: str, message: str
) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + deck_extra}))
    assert at(problem) == position
    assert message in problem.message


@pytest.mark.parametrize(
    ("head", "position", "message"),
    [
        ("id: 5\ntitle: T\n", "themes/a.yaml:1:5", "'id' should be a name such as 'clinical-trials', not the number 5"),
        (
            "id: a\ntitle: [T]\n",
            "themes/a.yaml:2:8",
            "'title' should be text (put it in quotes) or one text per language",
        ),
        ("id: a\ntitle: {en: 5}\n", "themes/a.yaml:2:13", "the 'en' text of 'title' should be text, not the number 5"),
        ("id: a\ntitle: {}\n", "themes/a.yaml:2:8", "'title' has no text in any language"),
        ("id: a\ntitle: T\nicon: 7\n", "themes/a.yaml:3:7", "'icon' should be an icon name such as 'fa6s.flask'"),
        (
            "id: a\ntitle: T\naccent: 0xfff\n",
            "themes/a.yaml:3:9",
            "'accent' should be a colour such as \"#f2b134\", not the number 0xfff",
        ),
        (
            "id: a\ntitle: T\nbackground: [a.png]\n",
            "themes/a.yaml:3:13",
            "'background' should be a path relative to the deck folder, not a list",
        ),
    ],
)
def test_a_value_of_the_wrong_type_in_a_theme_is_an_error(
    make_deck: MakeDeck, head: str, position: str, message: str
) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(head=head)}))
    assert at(problem) == position
    assert message in problem.message


def test_a_theme_file_that_is_not_a_mapping_is_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": "- id: a\n- title: T\n"}))
    assert str(problem) == "themes/a.yaml:1:1: error: the theme should be a mapping of 'key: value' lines, not a list"


@pytest.mark.parametrize(
    ("deck_text", "position", "message"),
    [
        (
            "title: T\nthemes: themes/a.yaml\n",
            "deck.yaml:2:9",
            "'themes' should be a list of theme files, not the text 'themes/a.yaml'",
        ),
        ("title: T\nthemes: []\n", "deck.yaml:2:9", "'themes' should be a list of theme files, not an empty list"),
        ("- title: T\n", "deck.yaml:1:1", "the deck should be a mapping of 'key: value' lines, not a list"),
        (
            "just some words\n",
            "deck.yaml:1:1",
            "the deck should be a mapping of 'key: value' lines, not the text 'just some words'",
        ),
    ],
)
def test_a_deck_yaml_of_the_wrong_shape_is_an_error(
    make_deck: MakeDeck, deck_text: str, position: str, message: str
) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": deck_text}))
    assert at(problem) == position
    assert problem.message == message


@pytest.mark.parametrize(
    ("slides", "position", "message"),
    [
        (
            "  - kind: figures\n    heading: H\n    figures: 5\n",
            "themes/a.yaml:6:14",
            "'figures' should be a list of one to four figures, not the number 5",
        ),
        (
            "  - kind: figures\n    heading: H\n    figures: [5]\n",
            "themes/a.yaml:6:15",
            "a figure should be a mapping of 'key: value' lines, not the number 5",
        ),
        (
            "  - kind: figures\n    heading: H\n    figures: [{value: lots, label: L, source: S}]\n",
            "themes/a.yaml:6:23",
            "'value' should be a number, not the text 'lots'",
        ),
        (
            "  - kind: figures\n    heading: H\n    figures: [{value: 1, decimals: 1.5, label: L, source: S}]\n",
            "themes/a.yaml:6:36",
            "'decimals' should be a whole number, not the number 1.5",
        ),
        (
            "  - kind: statement\n    heading: H\n    body: {en: [a]}\n",
            "themes/a.yaml:6:16",
            "the 'en' text of 'body' should be text, not a list",
        ),
        (
            "  - kind: title\n    heading: H\n    duration: soon\n",
            "themes/a.yaml:6:15",
            "'duration' should be a number, not the text 'soon'",
        ),
    ],
)
def test_a_value_of_the_wrong_type_in_a_slide_is_an_error(
    make_deck: MakeDeck, slides: str, position: str, message: str
) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides=slides)}))
    assert at(problem) == position
    assert problem.message == message


def test_slides_that_are_not_a_list_are_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": "id: a\ntitle: T\nslides: []\n"}))
    assert (
        str(problem) == "themes/a.yaml:3:9: error: 'slides' should be a list of one or more slides, not an empty list"
    )


# -- missing required fields -----------------------------------------------


def test_an_empty_deck_yaml_misses_title_and_themes(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"deck.yaml": ""})
    assert [str(p) for p in result.problems] == [
        "deck.yaml:1:1: error: the deck is missing the required key 'title'",
        "deck.yaml:1:1: error: the deck is missing the required key 'themes'",
    ]
    assert result.deck is None


def test_a_theme_missing_its_id_title_and_slides_says_so_at_its_start(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"themes/a.yaml": "\n\nicon: fa6s.flask\n"})
    assert [str(p) for p in result.errors] == [
        "themes/a.yaml:3:1: error: the theme is missing the required key 'id'",
        "themes/a.yaml:3:1: error: the theme is missing the required key 'title'",
        "themes/a.yaml:3:1: error: the theme is missing the required key 'slides'",
    ]


@pytest.mark.parametrize(
    ("slides", "message"),
    [
        ("  - kind: statement\n    heading: H\n", "a statement slide is missing the required key 'body'"),
        ("  - kind: title\n    notes: N\n", "a title slide is missing the required key 'heading'"),
        ("  - kind: image\n    heading: H\n", "an image slide is missing the required key 'image'"),
        (
            "  - kind: figures\n    figures: [{value: 1, label: L, source: S}]\n",
            "a figures slide is missing the required key 'heading'",
        ),
    ],
)
def test_a_slide_missing_a_required_key_is_an_error_at_the_slide(
    make_deck: MakeDeck, slides: str, message: str
) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides=slides)}))
    assert at(problem) == "themes/a.yaml:4:5"
    assert problem.message == message


def test_a_figure_missing_its_value_and_label_is_an_error_at_the_figure(make_deck: MakeDeck) -> None:
    slides = "  - kind: figures\n    heading: H\n    figures:\n      - source: S\n"
    result = load(make_deck, {"themes/a.yaml": theme(slides=slides)})
    assert [str(p) for p in result.errors] == [
        "themes/a.yaml:7:9: error: a figure is missing the required key 'value'",
        "themes/a.yaml:7:9: error: a figure is missing the required key 'label'",
    ]


# -- slide kinds ----------------------------------------------------------------


def test_a_misspelt_slide_kind_gets_a_suggestion(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - kind: titel\n    heading: H\n")}))
    assert at(problem) == "themes/a.yaml:4:11"
    assert problem.message.startswith("unknown slide kind 'titel'; did you mean 'title'?")


def test_an_unknown_slide_kind_lists_the_kinds_there_are(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - kind: slideshow\n    heading: H\n")}))
    assert at(problem) == "themes/a.yaml:4:11"
    assert "unknown slide kind 'slideshow'" in problem.message
    assert "title, statement, figures, image" in problem.message


def test_an_unknown_slide_kind_lists_the_kinds_once(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - kind: slideshow\n    heading: H\n")}))
    assert problem.message.count("statement") == 1


def test_a_slide_without_a_kind_is_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - heading: H\n")}))
    assert str(problem) == (
        "themes/a.yaml:4:5: error: this slide is missing the required key 'kind' "
        "(title, statement, figures, image, qr, video)"
    )


def test_a_slide_that_is_not_a_mapping_is_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - just text\n")}))
    assert (
        str(problem) == "themes/a.yaml:4:5: error: a slide should be a mapping with a 'kind', not the text 'just text'"
    )


def test_a_kind_that_is_not_text_is_an_unknown_kind(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - kind: [title]\n")}))
    assert at(problem) == "themes/a.yaml:4:11"
    assert "unknown slide kind 'a list'" in problem.message


def test_messages_about_image_slides_say_an_image_slide(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides="  - kind: image\n    heading: H\n")}))
    assert "an image slide" in problem.message


# -- colours ---------------------------------------------------------------------


@pytest.mark.parametrize("colour", ['"#12345"', '"red"', '"#ggg"', '"fff"', '"#f2b1345"', "'# fff'"])
def test_a_malformed_colour_is_an_error_showing_the_right_form(make_deck: MakeDeck, colour: str) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(f"accent: {colour}\n")}))
    assert at(problem) == "themes/a.yaml:3:9"
    assert problem.message == f'\'{colour[1:-1]}\' is not a colour; write it as "#rrggbb", e.g. "#f2b134"'


def test_an_unquoted_hash_colour_gets_the_quote_hint(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme("accent: #fff\n")}))
    assert problem.mark.file == "themes/a.yaml" and problem.mark.line == 3
    assert problem.message == (
        "'accent' should be a colour such as \"#f2b134\", not nothing (null); "
        "put it in quotes, '#' starts a comment in YAML"
    )


@pytest.mark.parametrize("colour", ['"#fff"', '"#F2B134"', "'#4da3ff'"])
def test_three_and_six_digit_colours_are_accepted_in_lower_case(make_deck: MakeDeck, colour: str) -> None:
    result = load(make_deck, {"themes/a.yaml": theme(f"accent: {colour}\n")})
    assert result.problems == () and result.deck is not None
    assert result.deck.themes[0].accent == colour[1:-1].lower()


# -- numbers -----------------------------------------------------------------

FIGURE_SLIDE = "  - kind: figures\n    heading: H\n    figures:\n      - label: L\n        source: S\n        {line}\n"
"""A figures slide whose one figure gets ``{line}`` at line 9, column 9 of the theme."""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("decimals: -1\n        value: 1", "'decimals' is -1; it must be between 0 and 6"),
        ("decimals: 7\n        value: 1", "'decimals' is 7; it must be between 0 and 6"),
        ("decimals: 1000000000000\n        value: 1", "'decimals' is 1000000000000; it must be between 0 and 6"),
        ("value: 1.0e+16", "'value' is 1.0e+16; it must be between -1e+15 and 1e+15"),
        ("value: -2000000000000000", "'value' is -2000000000000000; it must be between -1e+15 and 1e+15"),
        ("duration: -1\n        value: 1", "'duration' is -1; it must be between 0 and 60"),
        ("duration: 3600\n        value: 1", "'duration' is 3600; it must be between 0 and 60"),
    ],
)
def test_a_negative_or_absurd_number_is_an_error_with_its_range(make_deck: MakeDeck, line: str, message: str) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides=FIGURE_SLIDE.format(line=line))}))
    assert problem.mark.file == "themes/a.yaml" and problem.mark.line == 9
    assert problem.message == message


@pytest.mark.parametrize(
    ("attract", "position", "message"),
    [
        ("idle_timeout: 0", "deck.yaml:5:17", "'idle_timeout' is 0; it must be between 1 and 86400"),
        ("warning: 601", "deck.yaml:5:12", "'warning' is 601; it must be between 0 and 600"),
        ("slide_duration: 0.1", "deck.yaml:5:19", "'slide_duration' is 0.1; it must be between 0.5 and 3600"),
    ],
)
def test_attract_numbers_out_of_range_are_errors(
    make_deck: MakeDeck, attract: str, position: str, message: str
) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + f"attract:\n  {attract}\n"}))
    assert at(problem) == position
    assert problem.message == message


@pytest.mark.parametrize("raw", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+999"])
def test_a_non_finite_number_is_an_error(make_deck: MakeDeck, raw: str) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides=FIGURE_SLIDE.format(line=f"value: {raw}"))}))
    assert at(problem) == "themes/a.yaml:9:16"
    assert problem.message == f"'value' should be a finite number, not {raw}"


def test_a_non_finite_duration_in_deck_yaml_is_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + "attract:\n  slide_duration: .inf\n"}))
    assert str(problem) == "deck.yaml:5:19: error: 'slide_duration' should be a finite number, not .inf"


def test_an_integer_too_large_for_a_float_is_an_error_not_a_crash(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + "attract:\n  idle_timeout: 1" + "0" * 400 + "\n"}))
    assert at(problem) == "deck.yaml:5:17"


# -- schedule ----------------------------------------------------------------------


SCHEDULE = """\
schedule:
  hours:
    - {days: [mon, tue], open: "09:00", close: "17:30"}
    - {days: daily, open: 10:00, close: "02:00"}
  when_closed: black
"""


def test_a_schedule_loads_with_times_in_minutes_and_days_from_monday(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"deck.yaml": DECK + SCHEDULE})
    assert result.problems == ()
    assert result.deck is not None and result.deck.schedule is not None
    first, second = result.deck.schedule.hours
    assert (first.days, first.open, first.close) == ((0, 1), 540, 1050)
    # An unquoted 10:00 is a YAML 1.1 number (600) but is still read as the time it looks like.
    assert (second.days, second.open, second.close) == (tuple(range(7)), 600, 120)
    assert result.deck.schedule.when_closed == "black"


def test_bad_days_times_and_closed_display_are_errors(make_deck: MakeDeck) -> None:
    schedule = 'schedule:\n  hours:\n    - {days: [mon, holiday], open: "9:75", close: 25:00}\n  when_closed: blak\n'
    result = load(make_deck, {"deck.yaml": DECK + schedule})
    assert [(at(p), p.message) for p in result.errors] == [
        ("deck.yaml:6:20", "unknown day 'holiday'; expected one of: mon, tue, wed, thu, fri, sat, sun, daily"),
        ("deck.yaml:6:36", '\'9:75\' is not a time; write it as "HH:MM", e.g. "09:30"'),
        ("deck.yaml:6:51", '\'25:00\' is not a time; write it as "HH:MM", e.g. "09:30"'),
        ("deck.yaml:7:16", "unknown value 'blak' for 'when_closed'; did you mean 'black'?"),
    ]


def test_an_opening_that_closes_when_it_opens_is_an_error(make_deck: MakeDeck) -> None:
    schedule = 'schedule:\n  hours:\n    - {days: sun, open: "09:00", close: "09:00"}\n'
    problem = only_error(load(make_deck, {"deck.yaml": DECK + schedule}))
    assert str(problem) == ("deck.yaml:6:7: error: 'open' and 'close' are the same time; leave the day out to close it")


@pytest.mark.parametrize("days", ["monkey", "mon-fry", "mo"])
def test_a_day_that_only_starts_like_a_weekday_is_an_error(make_deck: MakeDeck, days: str) -> None:
    schedule = f'schedule:\n  hours:\n    - {{days: {days}, open: "09:00", close: "17:00"}}\n'
    problem = only_error(load(make_deck, {"deck.yaml": DECK + schedule}))
    assert f"'{days}'" in problem.message


@pytest.mark.parametrize(
    ("days", "expected"),
    [("mon-fri", (0, 1, 2, 3, 4)), ("[monday, sun]", (0, 6)), ("fri-mon", (0, 4, 5, 6)), ("daily", tuple(range(7)))],
)
def test_days_take_names_ranges_and_daily(make_deck: MakeDeck, days: str, expected: tuple[int, ...]) -> None:
    schedule = f'schedule:\n  hours:\n    - {{days: {days}, open: "09:00", close: "17:00"}}\n'
    deck = load(make_deck, {"deck.yaml": DECK + schedule}).require()
    assert deck.schedule is not None and deck.schedule.hours[0].days == expected


@pytest.mark.parametrize(
    "schedule", ["schedule:", "schedule: {}", "schedule: {hours: 5}", "schedule: {when_closed: black}"]
)
def test_a_schedule_without_valid_hours_is_an_error_not_a_crash(make_deck: MakeDeck, schedule: str) -> None:
    result = load(make_deck, {"deck.yaml": DECK + schedule + "\n"})
    assert result.deck is None and result.errors
    assert all(p.mark.file == "deck.yaml" and p.mark.line == 4 for p in result.errors)


# -- identifiers and duplicate themes --------------------------------------------


@pytest.mark.parametrize("theme_id", ["Research", "clinical_trials", "-lead", "trail-", "a b", "x" * 65])
def test_a_malformed_theme_id_is_an_error(make_deck: MakeDeck, theme_id: str) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(head=f"id: '{theme_id}'\ntitle: T\n")}))
    assert at(problem) == "themes/a.yaml:1:5"
    assert problem.message == f"'{theme_id}' is not a valid id: use lower-case letters, digits and '-'"


def test_a_duplicate_theme_id_names_where_it_was_first_used(make_deck: MakeDeck) -> None:
    result = load(
        make_deck,
        {
            "deck.yaml": DECK + "  - themes/b.yaml\n",
            "themes/b.yaml": THEME,
        },
    )
    problem = only_error(result)
    assert str(problem) == "themes/b.yaml:1:5: error: the theme id 'a' is already used in themes/a.yaml:1:5"


def test_listing_the_same_theme_file_twice_is_a_duplicate_id(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + "  - themes/a.yaml\n"}))
    assert "the theme id 'a' is already used in themes/a.yaml:1:5" in problem.message


# -- files and paths -------------------------------------------------------------


def test_a_theme_file_that_does_not_exist_is_an_error_with_a_suggestion(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + "  - themes/b.yaml\n"}))
    assert str(problem) == "deck.yaml:4:5: error: no such file 'themes/b.yaml'; did you mean 'themes/a.yaml'?"


def test_an_image_that_does_not_exist_is_an_error(make_deck: MakeDeck) -> None:
    slides = "  - kind: image\n    image: img/missing.png\n"
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides=slides)}))
    assert str(problem) == "themes/a.yaml:5:12: error: no such file 'img/missing.png'"


def test_a_background_that_does_not_exist_suggests_a_near_name(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"img/photo.png": PNG, "themes/a.yaml": theme("background: img/foto.png\n")}))
    assert str(problem) == "themes/a.yaml:3:13: error: no such file 'img/foto.png'; did you mean 'img/photo.png'?"


@pytest.mark.parametrize(
    ("files", "value", "message"),
    [
        (
            {"img/notes.txt": "x"},
            "img/notes.txt",
            "'img/notes.txt' should be one of: .svg, .png, .jpg, .jpeg, .webp, .gif, .bmp",
        ),
        ({}, "''", "'background' is empty"),
        ({"img/a.png": PNG}, "img", "'img' is a folder"),
    ],
    ids=["wrong-suffix", "empty", "folder"],
)
def test_an_image_path_that_is_not_an_image_file_is_an_error(
    make_deck: MakeDeck, files: dict[str, str | bytes], value: str, message: str
) -> None:
    problem = only_error(load(make_deck, {**files, "themes/a.yaml": theme(f"background: {value}\n")}))
    assert at(problem) == "themes/a.yaml:3:13"
    assert problem.message.startswith(message)


def test_a_folder_given_as_a_theme_file_is_not_suggested_as_itself(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": "title: T\nthemes: [sub]\n", "sub/a.yaml": THEME}))
    assert "did you mean 'sub'" not in problem.message


def test_a_theme_file_that_is_not_yaml_is_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": "title: T\nthemes: [notes.txt]\n", "notes.txt": THEME}))
    assert str(problem) == "deck.yaml:2:10: error: 'notes.txt' should be one of: .yaml, .yml"


@pytest.mark.parametrize(
    "path",
    ["../outside.yaml", "themes/../../outside.yaml", "themes/../themes/a.yaml", "..\\outside.yaml"],
)
def test_a_path_with_dot_dot_is_refused(make_deck: MakeDeck, path: str) -> None:
    deck = make_deck({"deck.yaml": f"title: T\nthemes: ['{path}']\n", "themes/a.yaml": THEME})
    (deck.parent / "outside.yaml").write_text(THEME, encoding="utf-8")
    problem = only_error(load_deck(deck))
    assert at(problem) == "deck.yaml:2:10"
    assert problem.message == f"'{path}' leads outside the deck folder ('..' is not allowed)"


def test_an_absolute_path_is_refused_even_to_a_file_inside_the_deck(make_deck: MakeDeck) -> None:
    deck = make_deck({"themes/a.yaml": THEME})
    inside = (deck / "themes" / "a.yaml").resolve()
    (deck / "deck.yaml").write_text(f"title: T\nthemes: ['{inside}', /etc/passwd]\n", encoding="utf-8")
    result = load_deck(deck)
    assert [str(p) for p in result.errors] == [
        f"deck.yaml:2:10: error: '{inside}' is an absolute path; give a path relative to the deck folder",
        f"deck.yaml:2:{14 + len(str(inside))}: error: '/etc/passwd' is an absolute path; "
        "give a path relative to the deck folder",
    ]


@pytest.mark.parametrize("path", ["C:\\\\images\\\\a.png", "C:/images/a.png", "//server/share/a.png"])
def test_a_windows_or_network_absolute_path_is_refused(make_deck: MakeDeck, path: str) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(f'background: "{path}"\n')}))
    assert at(problem) == "themes/a.yaml:3:13"
    assert "is an absolute path" in problem.message


def test_a_symlink_inside_the_deck_pointing_outside_is_refused(make_deck: MakeDeck, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    deck = make_deck({"deck.yaml": DECK, "themes/a.yaml": theme("background: img/logo.png\n")})
    (deck / "img").mkdir()
    os.symlink(secret, deck / "img" / "logo.png")
    problem = only_error(load_deck(deck))
    assert str(problem) == "themes/a.yaml:3:13: error: 'img/logo.png' is a link that points outside the deck folder"


def test_a_symlinked_folder_pointing_outside_is_refused(make_deck: MakeDeck, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "b.yaml").write_text(THEME, encoding="utf-8")
    deck = make_deck({"deck.yaml": "title: T\nthemes: [more/b.yaml]\n"})
    os.symlink(outside, deck / "more", target_is_directory=True)
    problem = only_error(load_deck(deck))
    assert str(problem) == "deck.yaml:2:10: error: 'more/b.yaml' is a link that points outside the deck folder"


def test_a_symlink_that_stays_inside_the_deck_is_fine(make_deck: MakeDeck) -> None:
    deck = make_deck({"deck.yaml": DECK, "img/real.png": PNG, "themes/a.yaml": theme("background: img/alias.png\n")})
    os.symlink("real.png", deck / "img" / "alias.png")
    result = load_deck(deck)
    assert result.problems == () and result.deck is not None


def test_a_symlink_loop_is_an_error(make_deck: MakeDeck) -> None:
    deck = make_deck({"deck.yaml": DECK, "themes/a.yaml": theme("background: loop.png\n")})
    os.symlink("loop.png", deck / "loop.png")
    problem = only_error(load_deck(deck))
    assert at(problem) == "themes/a.yaml:3:13"
    # Python 3.11/3.12 report the loop from Path.resolve(); from 3.13 on resolve() leaves it to is_file().
    assert problem.message in (
        "'loop.png' cannot be used as a path (a symbolic link loop?)",
        "no such file 'loop.png'",
    )


def test_a_path_with_a_nul_character_is_an_error_not_a_crash(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": 'title: T\nthemes: ["a\\0b.yaml"]\n'}))
    assert at(problem) == "deck.yaml:2:10"


def test_a_path_with_an_overlong_name_is_an_error_not_a_crash(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": f"title: T\nthemes: [{'a' * 300}.yaml]\n"}))
    assert at(problem) == "deck.yaml:2:10"


# -- icons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("icon", "message"),
    [
        ("flask", "'flask' is not an icon name; write it as 'prefix.name', e.g. 'fa6s.flask'"),
        ("fa6s.", "'fa6s.' is not an icon name; write it as 'prefix.name', e.g. 'fa6s.flask'"),
        (
            "nope.flask",
            "unknown icon set 'nope' in 'nope.flask'; icon sets: fa5, fa5s, fa5b, fa6, fa6s, fa6b, "
            "ei, mdi, mdi6, ph, ri, msc",
        ),
        ("fa6s.flsk", "no icon 'flsk' in the 'fa6s' set; did you mean 'fa6s.flask'?"),
        ("mdi6.no-such-glyph-at-all", "no icon 'no-such-glyph-at-all' in the 'mdi6' set"),
    ],
)
def test_a_bad_icon_name_is_an_error(make_deck: MakeDeck, icon: str, message: str) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(f"icon: '{icon}'\n")}))
    assert at(problem) == "themes/a.yaml:3:7"
    assert problem.message == message


@pytest.mark.parametrize("icon", ["fa6s.flask", "fa5s.industry", "mdi6.dna", "ph.atom"])
def test_real_icon_names_are_accepted(make_deck: MakeDeck, icon: str) -> None:
    assert load(make_deck, {"themes/a.yaml": theme(f"icon: {icon}\n")}).problems == ()


# -- languages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("languages", "position", "message"),
    [
        ("[en, english]", "deck.yaml:4:17", "the text 'english' is not a language code such as 'en' or 'fr'"),
        ("[en, FR]", "deck.yaml:4:17", "the text 'FR' is not a language code such as 'en' or 'fr'"),
        ("[en, 12]", "deck.yaml:4:17", "the number 12 is not a language code such as 'en' or 'fr'"),
        ("[en, fr, en]", "deck.yaml:4:21", "the language 'en' is listed twice"),
        ("en", "deck.yaml:4:12", "'languages' should be a list of language codes such as [en, fr], not the text 'en'"),
        ("[]", "deck.yaml:4:12", "'languages' should be a list of language codes such as [en, fr], not an empty list"),
    ],
)
def test_a_bad_languages_list_is_an_error(make_deck: MakeDeck, languages: str, position: str, message: str) -> None:
    problem = only_error(load(make_deck, {"deck.yaml": DECK + f"languages: {languages}\n"}))
    assert at(problem) == position
    assert problem.message == message


def test_a_text_keyed_by_something_that_is_not_a_language_code_is_an_error(make_deck: MakeDeck) -> None:
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(head="id: a\ntitle:\n  english: T\n")}))
    assert str(problem) == "themes/a.yaml:3:3: error: 'english' is not a language code such as 'en' or 'fr'"


def test_the_languages_are_checked_before_the_texts_that_use_them(make_deck: MakeDeck) -> None:
    # 'languages' comes after 'title' in the file but still decides which translations are missing.
    deck_yaml = "title: {en: T, fr: T}\nthemes: [themes/a.yaml]\nlanguages: [en, fr]\n"
    result = load(make_deck, {"deck.yaml": deck_yaml, "themes/a.yaml": theme(head="id: a\ntitle: {en: A, fr: A}\n")})
    assert result.problems == ()


# -- warnings -------------------------------------------------------------------------


def test_text_in_an_undeclared_language_is_a_warning(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"themes/a.yaml": theme(head="id: a\ntitle:\n  en: A\n  es: A\n")})
    assert result.deck is not None and result.errors == ()
    assert [str(p) for p in result.warnings] == [
        "themes/a.yaml:4:3: warning: text in 'es', a language the deck does not declare (en)"
    ]


def test_a_missing_translation_is_a_warning_at_the_text(make_deck: MakeDeck) -> None:
    deck_yaml = DECK + "languages: [en, fr, nl]\n"
    result = load(make_deck, {"deck.yaml": deck_yaml, "themes/a.yaml": theme(head="id: a\ntitle: {en: A, nl: B}\n")})
    assert result.deck is not None and result.errors == ()
    (warning,) = result.warnings
    assert warning.severity is Severity.WARNING
    assert str(warning) == "themes/a.yaml:2:8: warning: 'title' has no 'fr' translation; it falls back to 'en'"


def test_plain_text_needs_no_translation(make_deck: MakeDeck) -> None:
    result = load(make_deck, {"deck.yaml": DECK + "languages: [en, fr]\n"})
    assert result.problems == ()


def test_a_figure_without_a_source_is_a_warning(make_deck: MakeDeck) -> None:
    slides = "  - kind: figures\n    heading: H\n    figures:\n      - value: 3\n        label: L\n"
    result = load(make_deck, {"themes/a.yaml": theme(slides=slides)})
    assert result.deck is not None and result.errors == ()
    assert [str(p) for p in result.warnings] == [
        'themes/a.yaml:7:9: warning: this figure has no source; add one such as source: "pharma.be, 2022"'
    ]


def test_more_than_four_figures_is_an_error_at_the_fifth(make_deck: MakeDeck) -> None:
    figure = "      - {value: 1, label: L, source: S}\n"
    slides = "  - kind: figures\n    heading: H\n    figures:\n" + figure * 5
    problem = only_error(load(make_deck, {"themes/a.yaml": theme(slides=slides)}))
    assert str(problem) == "themes/a.yaml:11:9: error: a slide holds at most 4 figures; split them over two slides"


# -- YAML problems reach the deck's problem list ---------------------------------


def test_a_yaml_error_in_one_theme_does_not_hide_problems_in_the_others(make_deck: MakeDeck) -> None:
    result = load(
        make_deck,
        {
            "deck.yaml": DECK + "  - themes/b.yaml\n  - themes/c.yaml\n",
            "themes/a.yaml": "id: a\ntitle: T\nslides:\n\t- kind: title\n",
            "themes/b.yaml": theme(head="id: b\ntitle: T\n", extra="accent: red\n"),
            "themes/c.yaml": b"id: c\ntitle: caf\xe9\n",
        },
    )
    assert [str(p) for p in result.problems] == [
        "themes/a.yaml:4:1: error: a tab character is used for indentation here; YAML allows only spaces",
        'themes/b.yaml:3:9: error: \'red\' is not a colour; write it as "#rrggbb", e.g. "#f2b134"',
        "themes/c.yaml:2:11: error: the file is not UTF-8 text (byte 0xe9); save it as UTF-8",
    ]


def test_duplicate_keys_and_merge_keys_in_a_theme_are_deck_errors(make_deck: MakeDeck) -> None:
    result = load(
        make_deck, {"themes/a.yaml": "id: a\ntitle: T\nid: b\nslides:\n  - <<: {kind: title}\n    heading: H\n"}
    )
    assert [str(p) for p in result.errors] == [
        "themes/a.yaml:3:1: error: duplicate key 'id' (first given at line 1, column 1)",
        "themes/a.yaml:5:5: error: merge keys ('<<') are not supported; write the keys out",
        "themes/a.yaml:5:5: error: this slide is missing the required key 'kind' "
        "(title, statement, figures, image, qr, video)",
    ]


def test_a_python_tag_in_a_theme_is_an_error_and_runs_nothing(make_deck: MakeDeck, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    result = load(make_deck, {"themes/a.yaml": theme(f"icon: !!python/object/apply:os.system ['touch {marker}']\n")})
    problem = only_error(result)
    assert at(problem) == "themes/a.yaml:3:7" and "is not allowed" in problem.message
    assert not marker.exists()


def test_a_missing_deck_yaml_is_an_error_not_an_exception(tmp_path: Path) -> None:
    result = load_deck(tmp_path)
    assert result.deck is None
    (problem,) = result.problems
    assert str(problem).startswith("deck.yaml:1:1: error: cannot read the file")


def test_the_deck_yaml_path_works_as_well_as_the_folder(make_deck: MakeDeck) -> None:
    deck = make_deck({"deck.yaml": DECK + "bogus: 1\n", "themes/a.yaml": THEME})
    assert load_deck(deck / "deck.yaml").problems == load_deck(deck).problems != ()


def test_require_gives_the_deck_or_raises_with_every_error(make_deck: MakeDeck) -> None:
    from kiosk.deck import DeckError

    assert load(make_deck, {}).require().title.get("en") == "Test deck"
    bad = load_deck(make_deck({"deck.yaml": ""}))
    with pytest.raises(DeckError) as caught:
        bad.require()
    assert caught.value.problems == bad.errors and len(bad.errors) == 2


def test_every_problem_message_is_a_single_line(make_deck: MakeDeck) -> None:
    result = load(
        make_deck,
        {
            "deck.yaml": DECK + '"bad\\nkey": 1\n',
            "themes/a.yaml": theme('accent: "#ff\\nf"\n', slides='  - kind: "tit\\nle"\n'),
        },
    )
    assert len(result.errors) == 3
    assert all("\n" not in str(p) for p in result.problems)


# -- ten mistakes at once ---------------------------------------------------------

TEN_DECK = """\
title: Ten mistakes
languages: [en, fr]
themes:
  - themes/one.yaml
  - themes/two.yaml
  - themes/missing.yaml
attract:
  idle_timeout: -5
  slide_duraton: 8
reduced_motion: maybe
"""

TEN_ONE = """\
id: One
title: First
accent: "#12345"
icon: fa6s.flask
slides:
  - kind: title
    heading: Hi
  - kind: statment
    heading: x
  - kind: figures
    heading: Numbers
    figures:
      - value: .nan
        label: L
        source: S
"""

TEN_TWO = """\
id: two
title: Second
slides:
  - kind: image
    image: ../outside.png
  - kind: figures
    heading: H
    figures:
      - value: 3
        decimals: 9
        label: L
        source: S
"""


def test_ten_distinct_mistakes_give_exactly_ten_errors_at_the_right_places(make_deck: MakeDeck) -> None:
    result = load_deck(make_deck({"deck.yaml": TEN_DECK, "themes/one.yaml": TEN_ONE, "themes/two.yaml": TEN_TWO}))
    assert result.deck is None
    assert [(at(p), p.message) for p in result.errors] == [
        ("deck.yaml:6:5", "no such file 'themes/missing.yaml'; did you mean 'themes/one.yaml'?"),
        ("deck.yaml:8:17", "'idle_timeout' is -5; it must be between 1 and 86400"),
        ("deck.yaml:9:3", "unknown key 'slide_duraton' in attract; did you mean 'slide_duration'?"),
        ("deck.yaml:10:17", "'reduced_motion' should be true or false, not the text 'maybe'"),
        ("themes/one.yaml:1:5", "'One' is not a valid id: use lower-case letters, digits and '-'"),
        ("themes/one.yaml:3:9", '\'#12345\' is not a colour; write it as "#rrggbb", e.g. "#f2b134"'),
        (
            "themes/one.yaml:8:11",
            "unknown slide kind 'statment'; did you mean 'statement'?",
        ),
        ("themes/one.yaml:13:16", "'value' should be a finite number, not .nan"),
        ("themes/two.yaml:5:12", "'../outside.png' leads outside the deck folder ('..' is not allowed)"),
        ("themes/two.yaml:10:19", "'decimals' is 9; it must be between 0 and 6"),
    ]
    assert result.warnings == ()


# -- the bundled deck ----------------------------------------------------------------


def test_the_bundled_deck_validates_with_no_error_and_no_warning(bundled_deck: Path) -> None:
    result = load_deck(bundled_deck)
    assert [str(p) for p in result.problems] == []
    deck = result.require()
    assert deck.themes and deck.slide_count > 0
    assert len({t.id for t in deck.themes}) == len(deck.themes)


def test_no_problem_message_ends_with_a_stray_format_field(make_deck: MakeDeck) -> None:
    # A sanity check over many messages at once: no '{...}' left unformatted, no 'None' leaking in.
    result = load_deck(make_deck({"deck.yaml": TEN_DECK, "themes/one.yaml": TEN_ONE, "themes/two.yaml": TEN_TWO}))
    for problem in result.problems:
        assert not re.search(r"\{\w*\}", problem.message), problem
        assert "None" not in problem.message, problem
