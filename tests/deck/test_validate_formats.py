"""`kiosk validate --format text|json|github`: the same problems, for people, for scripts and for GitHub."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.cli import main

MakeDeck = Callable[[Mapping[str, "str | bytes"]], Path]

INVALID = {
    "deck.yaml": "title: Bad deck\nthemes:\n  - themes/a.yaml\nreduced_motion: maybe\n",
    "themes/a.yaml": """\
        id: a
        title: A
        slides:
          - kind: statment
            bdy: B
          - kind: figures
            heading: H
            figures:
              - value: 3
                label: L
        """,
}
INVALID_PROBLEMS = [
    ("deck.yaml", 4, 17, "error", "'reduced_motion' should be true or false, not the text 'maybe'"),
    ("themes/a.yaml", 4, 11, "error", "unknown slide kind 'statment'; did you mean 'statement'?"),
    ("themes/a.yaml", 5, 5, "error", "unknown key 'bdy' in a slide; did you mean 'body'?"),
    ("themes/a.yaml", 9, 9, "warning", 'this figure has no source; add one such as source: "pharma.be, 2022"'),
]

VALID_WITH_A_WARNING = {
    "deck.yaml": "title: Valid deck\nthemes: [themes/a.yaml]\n",
    "themes/a.yaml": "id: a\ntitle: A\nslides:\n  - kind: figures\n    heading: H\n    figures:\n"
    "      - {value: 3, label: L}\n",
}

CLEAN = {
    "deck.yaml": "title: Clean deck\nthemes: [themes/a.yaml]\n",
    "themes/a.yaml": "id: a\ntitle: A\nslides:\n  - kind: title\n    heading: Hello\n",
}


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], list[str]]:
    """Run ``kiosk validate ARGS``: the exit code, the stdout lines and the stderr lines."""
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


# -- json ----------------------------------------------------------------------------------


def test_json_prints_one_object_per_problem_on_stdout(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck(INVALID)
    code, out, err = validate(capsys, str(deck), "--format", "json")
    assert code == 1
    records = [json.loads(line) for line in out]
    assert [list(record) for record in records] == [["file", "line", "column", "severity", "message"]] * len(records)
    assert [tuple(record.values()) for record in records] == [
        (f"{deck.as_posix()}/{file}", line, column, severity, message)
        for file, line, column, severity, message in INVALID_PROBLEMS
    ]
    # The summary is for people and goes to stderr, so stdout stays pure JSON Lines.
    assert err == [f"{deck / 'deck.yaml'}: invalid: 3 errors, 1 warning"]


def test_json_names_files_from_the_current_folder(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = make_deck(INVALID)
    monkeypatch.chdir(deck.parent)
    code, out, _ = validate(capsys, deck.name, "--format", "json")
    assert code == 1
    assert [json.loads(line)["file"] for line in out] == ["deck/deck.yaml"] + ["deck/themes/a.yaml"] * 3


def test_json_keeps_a_valid_deck_valid_and_reports_its_warning(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = validate(capsys, str(make_deck(VALID_WITH_A_WARNING)), "--format", "json")
    assert code == 0
    ((record),) = [json.loads(line) for line in out]
    assert (record["severity"], record["line"], record["column"]) == ("warning", 7, 9)
    assert err[0].endswith(": valid: 1 theme, 1 slide, 1 warning")


def test_json_prints_nothing_on_stdout_for_a_clean_deck(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = validate(capsys, str(make_deck(CLEAN)), "--format", "json")
    assert (code, out) == (0, [])
    assert err[0].endswith(": valid: 1 theme, 1 slide, 0 warnings")


def test_json_carries_a_message_with_a_line_break_intact(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_deck({**CLEAN, "deck.yaml": CLEAN["deck.yaml"] + '"two\\nlines": 1\n'})
    code, out, _ = validate(capsys, str(deck), "--format", "json")
    assert code == 1
    ((record),) = [json.loads(line) for line in out]
    assert record["message"].startswith("unknown key 'two\nlines' in the deck")


# -- github ----------------------------------------------------------------------------------


def test_github_prints_an_annotation_per_problem(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck(INVALID)
    code, out, err = validate(capsys, str(deck), "--format", "github")
    assert code == 1
    assert out == [
        f"::{severity} file={deck.as_posix()}/{file},line={line},col={column}::{message}"
        for file, line, column, severity, message in INVALID_PROBLEMS
    ]
    assert err == [f"{deck / 'deck.yaml'}: invalid: 3 errors, 1 warning"]


def test_github_escapes_percent_and_line_breaks_in_messages(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_deck({**CLEAN, "deck.yaml": CLEAN["deck.yaml"] + '"100%\\r\\nsure": 1\n'})
    code, out, _ = validate(capsys, str(deck), "--format", "github")
    assert code == 1
    (line,) = out
    assert line.startswith(f"::error file={deck.as_posix()}/deck.yaml,line=3,col=1::unknown key '100%25%0D%0Asure' in")


def test_github_escapes_commas_and_colons_in_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "deck, 50%: draft"
    (deck / "themes").mkdir(parents=True)
    for name, text in VALID_WITH_A_WARNING.items():
        (deck / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = validate(capsys, deck.name, "--format", "github")
    assert code == 0
    assert out == [
        "::warning file=deck%2C 50%25%3A draft/themes/a.yaml,line=7,col=9::"
        'this figure has no source; add one such as source: "pharma.be, 2022"'
    ]


# -- text, and what every format shares -----------------------------------------------------------


def test_text_is_the_default_with_problems_on_stderr_and_the_summary_on_stdout(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_deck(INVALID)
    default = validate(capsys, str(deck))
    assert validate(capsys, str(deck), "--format", "text") == default
    code, out, err = default
    assert code == 1
    assert err == [
        f"{file}:{line}:{column}: {severity}: {message}" for file, line, column, severity, message in INVALID_PROBLEMS
    ]
    assert out == [f"{deck / 'deck.yaml'}: invalid: 3 errors, 1 warning"]


@pytest.mark.parametrize("output_format", ["text", "json", "github"])
@pytest.mark.parametrize(("files", "expected"), [(CLEAN, 0), (VALID_WITH_A_WARNING, 0), (INVALID, 1)])
def test_exit_codes_are_the_same_in_every_format(
    make_deck: MakeDeck,
    capsys: pytest.CaptureFixture[str],
    output_format: str,
    files: Mapping[str, str],
    expected: int,
) -> None:
    code, _, _ = validate(capsys, str(make_deck(files)), "--format", output_format)
    assert code == expected


def test_an_unknown_format_is_a_usage_error(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(capsys, str(make_deck(CLEAN)), "--format", "xml")
    assert code == 2 and out == []
    assert "invalid choice: 'xml'" in "\n".join(err)


def test_a_missing_deck_is_a_usage_error_in_a_machine_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = validate(capsys, str(tmp_path / "nowhere"), "--format", "json")
    assert (code, out) == (2, [])
    assert err == [f"kiosk validate: error: no such file or folder: {tmp_path / 'nowhere'}"]
