"""The README stays true: its test command is what CI runs, its deck format is the schema's."""

from __future__ import annotations

import re

from kiosk.cli import COMMANDS, VALIDATE_FORMATS
from kiosk.deck.docs import replace_section
from tests.conftest import REPO


def _commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", readme)


def test_readme_opens_with_a_run_command_and_a_test_command() -> None:
    run, test = _commands()[:2]
    assert "kiosk" in run and "pip install" in run
    assert "pytest" in test and "[test]" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = _commands()[1]
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_deck_format_tables_match_the_schema() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert replace_section(readme) == readme, "run: python -m kiosk.deck.docs README.md"


def test_the_command_table_has_a_row_for_every_command_and_validate_format() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = {match.group(1): match.group(0) for match in re.finditer(r"^\| `kiosk (\w[\w-]*)[^`]*` \|.*$", readme, re.M)}
    assert set(COMMANDS) <= set(rows), sorted(set(COMMANDS) - set(rows))
    assert "--format " + "\\|".join(VALIDATE_FORMATS) in rows["validate"]
