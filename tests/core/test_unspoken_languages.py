"""A deck language the player has no words in gets a warning from `kiosk validate`, at the languages key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli
from kiosk.core.strings import unspoken_language_problems
from kiosk.deck import load_deck

THEME = "id: t\ntitle: T\nslides:\n  - {kind: title, heading: {LANGS}}\n"


def write_deck(folder: Path, languages: list[str]) -> Path:
    (folder / "themes").mkdir(parents=True)
    heading = "{" + ", ".join(f"{code}: H" for code in languages) + "}"
    title = "{" + ", ".join(f"{code}: Deck" for code in languages) + "}"
    (folder / "deck.yaml").write_text(
        f"title: {title}\n\nlanguages: [{', '.join(languages)}]\nthemes: [themes/t.yaml]\n", encoding="utf-8"
    )
    (folder / "themes" / "t.yaml").write_text(THEME.replace("{LANGS}", heading), encoding="utf-8")
    return folder


def test_a_language_the_player_lacks_is_a_warning_at_the_languages_key(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path / "deck", ["es", "fr-BE", "en"])).require()
    problems = unspoken_language_problems(deck)
    assert len(problems) == 1, "fr-BE is French, which the player speaks"
    warning = problems[0]
    assert not warning.is_error
    assert (warning.mark.file, warning.mark.line, warning.mark.column) == ("deck.yaml", 3, 12)
    assert "'es'" in warning.message and "English" in warning.message


def test_the_bundled_deck_needs_no_such_warning(bundled_deck: Path) -> None:
    assert unspoken_language_problems(load_deck(bundled_deck).require()) == []


@pytest.mark.parametrize("output", ["text", "json"])
def test_kiosk_validate_prints_it_and_stays_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    folder = write_deck(tmp_path / "deck", ["es"])
    assert cli.main(["validate", str(folder), "--format", output]) == 0
    captured = capsys.readouterr()
    text = captured.err + captured.out
    assert "no words of its own in 'es'" in text
    assert "1 warning" in text
