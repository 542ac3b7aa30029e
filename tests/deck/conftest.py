"""Fixtures for the deck-model tests: throw-away deck folders written from text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

DeckFactory = Callable[[Mapping[str, "str | bytes"]], Path]


@pytest.fixture
def make_deck(tmp_path: Path) -> DeckFactory:
    """A factory: ``make_deck({"deck.yaml": "...", "themes/a.yaml": "..."})`` -> the deck folder.

    Text is dedented and written as UTF-8; bytes are written as they are. Each call
    makes a new folder under ``tmp_path`` (``deck``, ``deck-2``, ...), so a test can
    keep files of its own beside the deck, outside it.
    """
    made: list[Path] = []

    def factory(files: Mapping[str, str | bytes]) -> Path:
        folder = tmp_path / ("deck" if not made else f"deck-{len(made) + 1}")
        folder.mkdir()
        for relative, content in files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        made.append(folder)
        return folder

    return factory
