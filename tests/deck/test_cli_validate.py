"""`kiosk validate`: exit codes, the FILE:LINE:COL problem lines on stderr and the summary on stdout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.conftest import REPO

MakeDeck = Callable[[Mapping[str, "str | bytes"]], Path]

PROBLEM_LINE = re.compile(
    r"^(?P<file>[^:\n]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<severity>error|warning): (?P<message>\S.*)$"
)

VALID = {
    "deck.yaml": "title: Valid deck\nthemes: [themes/a.yaml]\n",
    "themes/a.yaml": """\
        id: a
        title: A
        slides:
          - kind: figures
            heading: H
            figures:
              - value: 3
                label: L
        """,
}
"""A valid deck with one warning: its figure has no source."""

INVALID = {
    "deck.yaml": "title: Bad deck\nthemes:\n  - themes/a.yaml\n  - themes/nope.yaml\nreduced_motion: maybe\n",
    "themes/a.yaml": """\
        id: a
        title: A
        accent: "#12"
        slides:
          - kind: titel
            heading: H
          - kind: figures
            heading: H
            figures:
              - value: 3
                label: L
        """,
}
INVALID_LINES = [
    "deck.yaml:4:5: error: no such file 'themes/nope.yaml'; did you mean 'themes/a.yaml'?",
    "deck.yaml:5:17: error: 'reduced_motion' should be true or false, not the text 'maybe'",
    'themes/a.yaml:3:9: error: \'#12\' is not a colour; write it as "#rrggbb", e.g. "#f2b134"',
    "themes/a.yaml:5:11: error: unknown slide kind 'titel'; did you mean 'title'?",
    'themes/a.yaml:10:9: warning: this figure has no source; add one such as source: "pharma.be, 2022"',
]


def subprocess_env() -> dict[str, str]:
    """The environment for ``python -m kiosk``, finding this checkout whether or not it is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def validate_in_a_subprocess(deck: Path) -> subprocess.CompletedProcess[str]:
    """``python -m kiosk validate DECK`` run from the deck's parent folder, to its end (60 s at most)."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", str(deck)],
        capture_output=True,
        text=True,
        timeout=60,
        env=subprocess_env(),
        cwd=deck.parent,
    )


def test_a_valid_deck_exits_0_and_prints_its_warnings(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck(VALID)
    assert main(["validate", str(deck)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        'themes/a.yaml:7:9: warning: this figure has no source; add one such as source: "pharma.be, 2022"'
    ]
    assert out == f"{deck / 'deck.yaml'}: valid: 1 theme, 1 slide, 1 warning\n"


def test_a_valid_deck_without_warnings_prints_nothing_on_stderr(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(VALID)
    files["themes/a.yaml"] = VALID["themes/a.yaml"].rstrip() + "\n                source: S\n"
    assert main(["validate", str(make_deck(files))]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.endswith(": valid: 1 theme, 1 slide, 0 warnings\n")


def test_an_invalid_deck_exits_1_with_every_problem_on_stderr(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = make_deck(INVALID)
    assert main(["validate", str(deck)]) == 1
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert lines == INVALID_LINES
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    assert out == f"{deck / 'deck.yaml'}: invalid: 4 errors, 1 warning\n"


def test_the_deck_yaml_path_works_like_the_folder(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck(INVALID)
    assert main(["validate", str(deck)]) == 1
    by_folder = capsys.readouterr()
    assert main(["validate", str(deck / "deck.yaml")]) == 1
    assert capsys.readouterr() == by_folder


def test_a_valid_deck_yaml_path_exits_0(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(make_deck(VALID) / "deck.yaml")]) == 0
    assert ": valid: " in capsys.readouterr().out


def test_a_yaml_error_is_reported_in_the_same_format(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck({"deck.yaml": "title: T\nthemes:\n\t- a.yaml\n"})
    assert main(["validate", str(deck)]) == 1
    _, err = capsys.readouterr()
    assert err == "deck.yaml:3:1: error: a tab character is used for indentation here; YAML allows only spaces\n"


def test_an_unknown_option_exits_2(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-such-option", str(make_deck(VALID))]) == 2
    out, err = capsys.readouterr()
    assert "unrecognized arguments: --no-such-option" in err
    assert out == ""


def test_two_decks_exit_2(make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]) -> None:
    deck = make_deck(VALID)
    assert main(["validate", str(deck), str(deck)]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_a_path_that_does_not_exist_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-deck"
    assert main(["validate", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert err == f"kiosk validate: error: no such file or folder: {missing}\n"
    assert out == ""


def test_a_folder_without_deck_yaml_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"kiosk validate: error: no deck.yaml in {tmp_path}\n"


def test_validate_without_a_path_checks_the_bundled_deck(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith(f"{REPO / 'slides' / 'deck.yaml'}: ")
    for line in err.splitlines():
        assert PROBLEM_LINE.match(line), line


def test_validate_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--help"]) == 0
    assert "DECK" in capsys.readouterr().out


def test_python_m_kiosk_validate_on_a_bad_deck_prints_no_traceback(make_deck: MakeDeck) -> None:
    deck = make_deck(INVALID)
    completed = validate_in_a_subprocess(deck)
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stdout + completed.stderr
    assert completed.stderr.splitlines() == INVALID_LINES


def test_python_m_kiosk_validate_on_a_badly_tagged_value_prints_no_traceback(make_deck: MakeDeck) -> None:
    deck = make_deck({"deck.yaml": "title: T\nthemes: [themes/a.yaml]\nreduced_motion: !!bool maybe\n"})
    completed = validate_in_a_subprocess(deck)
    assert "Traceback" not in completed.stderr
    assert completed.returncode == 1
    assert completed.stderr.startswith("deck.yaml:3:17: error: ")


def test_every_stderr_line_is_a_problem_line_even_for_keys_with_line_breaks(
    make_deck: MakeDeck, capsys: pytest.CaptureFixture[str]
) -> None:
    files = dict(VALID)
    files["deck.yaml"] = VALID["deck.yaml"] + '"bad\\nkey": 1\n'
    assert main(["validate", str(make_deck(files))]) == 1
    for line in capsys.readouterr().err.splitlines():
        assert PROBLEM_LINE.match(line), line
