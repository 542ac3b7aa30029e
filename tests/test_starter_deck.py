"""`kiosk new FOLDER`: a commented starter deck that validates with no warning, renders, and never overwrites."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from PySide6.QtGui import QColor, QImage

from kiosk.deck import json_schema, load_deck, schema
from kiosk.deck.text import LocalizedText
from tests.conftest import REPO

LANGUAGES = ("en", "fr")
HEADER = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def kiosk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the kiosk command line in a fresh process, as an author would in a terminal."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A starter deck made by `kiosk new mydeck`, in a fresh folder."""
    work = tmp_path_factory.mktemp("author")
    completed = kiosk("new", "mydeck", cwd=work)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert completed.stdout.splitlines()[0] == "mydeck/deck.yaml"
    return work / "mydeck"


def yaml_files(folder: Path) -> list[Path]:
    """The starter's YAML files, deck.yaml first."""
    return [folder / "deck.yaml", *sorted((folder / "themes").glob("*.yaml"))]


# -- what it holds ------------------------------------------------------------------------------------


def test_the_starter_deck_validates_with_no_error_and_no_warning(starter: Path) -> None:
    completed = kiosk("validate", "mydeck", cwd=starter.parent)
    assert completed.returncode == 0
    assert completed.stderr == ""
    assert completed.stdout == "mydeck/deck.yaml: valid: 2 themes, 5 slides, 0 warnings\n"


def test_it_has_one_slide_of_each_kind_the_schema_knows(starter: Path) -> None:
    deck = load_deck(starter).require()
    kinds = [slide.kind for theme in deck.themes for slide in theme.slides]
    # A video slide needs a clip, which a folder of text files cannot hold: it is there as a commented example.
    assert sorted(kinds) == sorted(kind for kind in schema.SLIDE_CLASSES if kind != "video")
    assert "  # - kind: video\n  #   video: clips/" in (starter / "themes" / "about.yaml").read_text(encoding="utf-8")
    assert len(deck.themes) == 2


def _texts(value: object) -> list[LocalizedText]:
    """Every text field in a model object, however deep."""
    if isinstance(value, LocalizedText):
        return [value]
    if isinstance(value, tuple):
        return [text for item in value for text in _texts(item)]
    if hasattr(value, "__dataclass_fields__"):
        return [text for name in value.__dataclass_fields__ for text in _texts(getattr(value, name))]
    return []


def test_it_is_written_in_english_and_french_throughout(starter: Path) -> None:
    deck = load_deck(starter).require()
    assert deck.languages == LANGUAGES
    texts = [text for text in _texts(deck) if text]
    assert len(texts) > 20
    for text in texts:
        assert text.languages == LANGUAGES, text
        assert text.get("en") != text.get("fr"), text


def test_every_figure_has_a_source(starter: Path) -> None:
    deck = load_deck(starter).require()
    figures = [figure for theme in deck.themes for slide in theme.slides for figure in getattr(slide, "figures", ())]
    assert figures
    for figure in figures:
        assert all(figure.source.get(language) for language in LANGUAGES), figure


def test_its_picture_is_a_file_it_ships(starter: Path) -> None:
    deck = load_deck(starter).require()
    (image_slide,) = [slide for theme in deck.themes for slide in theme.slides if slide.kind == "image"]
    assert image_slide.image == (starter / "images" / "placeholder.svg").resolve()
    assert "<svg" in image_slide.image.read_text(encoding="utf-8")


def test_every_key_is_explained_by_a_comment_where_it_first_appears(starter: Path) -> None:
    # Language codes under a text are explained once, at the deck's title.
    for path in yaml_files(starter):
        lines = path.read_text(encoding="utf-8").splitlines()
        seen: set[str] = set()
        for number, line in enumerate(lines):
            match = re.match(r"^\s*(?:- )?([a-z_]+):", line)
            if not match or match.group(1) in LANGUAGES or match.group(1) in seen:
                continue
            seen.add(match.group(1))
            above = lines[number - 1].strip() if number else ""
            assert above.startswith("#") or " # " in line, f"{path.name}:{number + 1}: {line.strip()}"
    assert "\n# " in (starter / "deck.yaml").read_text(encoding="utf-8")


def test_each_yaml_file_names_a_schema_that_it_validates_against(starter: Path) -> None:
    expected = {"deck.yaml": json_schema.deck_schema(), "themes": json_schema.theme_schema()}
    for path in yaml_files(starter):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        header = HEADER.match(first)
        assert header, f"{path.name} does not start with the editor header"
        schema_file = (path.parent / header.group(1)).resolve()
        document = json.loads(schema_file.read_text(encoding="utf-8"))
        assert document == expected["deck.yaml" if path.name == "deck.yaml" else "themes"]
        jsonschema.Draft202012Validator(document).validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_starter_deck_renders_every_slide_with_its_picture(starter: Path, tmp_path: Path) -> None:
    completed = kiosk("render", "mydeck", "--out", str(tmp_path), "--size", "960x540", cwd=starter.parent)
    assert completed.returncode == 0, completed.stderr
    pngs = sorted(tmp_path.glob("*.png"))
    assert [png.name for png in pngs] == [
        "001-about-01.png",
        "002-about-02.png",
        "003-about-03.png",
        "004-in-numbers-01.png",
        "005-in-numbers-02.png",
    ]
    # The image slide shows the picture (its green hills), not the placeholder for a picture it cannot read.
    picture = QImage(str(pngs[2]))
    hill = QColor("#4f9a64")
    greens = sum(
        1
        for x in range(0, picture.width(), 4)
        for y in range(0, picture.height(), 4)
        if _close(picture.pixelColor(x, y), hill)
    )
    assert greens > 400


def _close(colour: QColor, target: QColor, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], target.getRgb()[:3]))


# -- it never overwrites ------------------------------------------------------------------------------------


def test_kiosk_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "mydeck"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    completed = kiosk("new", "mydeck", cwd=tmp_path)
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert (
        completed.stderr
        == "kiosk new: error: mydeck is not empty; nothing was written. Give the name of a new folder.\n"
    )
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_kiosk_new_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text("title: mine\n", encoding="utf-8")
    completed = kiosk("new", "deck.yaml", cwd=tmp_path)
    assert completed.returncode == 1
    assert "deck.yaml is a file" in completed.stderr
    assert (tmp_path / "deck.yaml").read_text(encoding="utf-8") == "title: mine\n"


def test_kiosk_new_fills_an_empty_folder_and_makes_missing_parents(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert kiosk("new", "empty", cwd=tmp_path).returncode == 0
    assert kiosk("new", "decks/2025/lobby", cwd=tmp_path).returncode == 0
    for folder in (tmp_path / "empty", tmp_path / "decks" / "2025" / "lobby"):
        assert load_deck(folder).problems == ()


def test_kiosk_new_without_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    completed = kiosk("new", cwd=tmp_path)
    assert completed.returncode == 2
    assert "the following arguments are required: FOLDER" in completed.stderr
    assert list(tmp_path.iterdir()) == []
