"""``kiosk speak`` as a real process: one block per slide with its number and theme, in the language asked for."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from kiosk.deck import load_deck
from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env


def speak(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk speak ARGS`` in a clean environment."""
    return subprocess.run(
        kiosk("speak", *args), env=kiosk_env(tmp_path), cwd=REPO, capture_output=True, text=True, timeout=60
    )


def small_deck(folder: Path) -> Path:
    """A deck of two themes in English and French: a statement, a figures slide and a QR slide."""
    (folder / "themes").mkdir(parents=True)
    research = {
        "id": "research",
        "title": {"en": "Research", "fr": "Recherche"},
        "slides": [
            {"kind": "statement", "heading": {"en": "Faster", "fr": "Plus vite"},
             "body": {"en": "It grew.", "fr": "Elle a crû."}},
            {
                "kind": "figures",
                "heading": {"en": "Money", "fr": "Argent"},
                "figures": [
                    {
                        "value": 5.7,
                        "decimals": 1,
                        "prefix": {"en": "€", "fr": ""},
                        "suffix": {"en": " billion", "fr": " milliards €"},
                        "label": {"en": "invested in 2022", "fr": "investis en 2022"},
                        "source": "pharma.be, 2023",
                    }
                ],
            },
        ],
    }  # fmt: skip
    take_away = {
        "id": "take-away",
        "title": {"en": "Take it home", "fr": "À emporter"},
        "slides": [{"kind": "qr", "heading": "Read on", "url": "https://www.example.org/story?from=booth"}],
    }
    for theme in (research, take_away):
        (folder / "themes" / f"{theme['id']}.yaml").write_text(yaml.safe_dump(theme, allow_unicode=True), "utf-8")
    deck = {
        "title": {"en": "Our story", "fr": "Notre histoire"},
        "languages": ["en", "fr"],
        "themes": ["themes/research.yaml", "themes/take-away.yaml"],
    }
    (folder / "deck.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True), "utf-8")
    return folder


def test_it_prints_one_block_per_slide_with_its_number_theme_and_words(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "deck")

    result = speak(tmp_path, str(deck), "--lang", "fr")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n") == [
        "home\nNotre histoire. Recherche. À emporter.",
        "1. Recherche\nRecherche.\nPlus vite.\nElle a crû.",
        "2. Recherche\nRecherche.\nArgent.\n"
        "Cinq virgule sept milliards d'euros investis en 2022. Source : pharma.be, 2023.",
        "3. À emporter\nÀ emporter.\nRead on.\nUn code QR renvoie vers example.org.\n",
    ]


def test_without_lang_it_reads_the_decks_first_language(tmp_path: Path) -> None:
    result = speak(tmp_path, str(small_deck(tmp_path / "deck")))

    assert result.returncode == 0, result.stderr
    assert "Five point seven billion euros invested in 2022. Source: pharma.be, 2023." in result.stdout.splitlines()


def test_the_bundled_deck_reads_every_slide_in_every_language(tmp_path: Path) -> None:
    bundled = load_deck(REPO / "slides").require()
    for language in bundled.languages:
        result = speak(tmp_path, "--lang", language)

        assert result.returncode == 0, result.stderr
        blocks = result.stdout.strip().split("\n\n")
        numbers = [block.split(".", 1)[0] for block in blocks[1:]]
        assert numbers == [str(n) for n in range(1, bundled.slide_count + 1)], language
        assert all(len(block.splitlines()) >= 2 for block in blocks), language


def test_a_language_the_deck_lacks_is_a_usage_error(tmp_path: Path) -> None:
    result = speak(tmp_path, str(small_deck(tmp_path / "deck")), "--lang", "de")

    assert result.returncode == 2
    assert result.stdout == ""
    assert "--lang de: the deck's languages are en, fr" in result.stderr


def test_an_invalid_deck_exits_1_with_its_problems(tmp_path: Path) -> None:
    deck = small_deck(tmp_path / "deck")
    (deck / "themes" / "research.yaml").write_text("id: research\ntitle: Research\nslides: [{kind: nope}]\n", "utf-8")

    result = speak(tmp_path, str(deck))

    assert result.returncode == 1
    assert "research.yaml:3:" in result.stderr
    assert result.stdout == ""
