"""``kiosk render``: one PNG per slide at the asked size, counters at their final value, and a PDF handout."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.cli import main
from kiosk.deck import load_deck

NAME = re.compile(r"(\d{3})-([a-z0-9-]+)-(\d{2})\.png")


def expected_names(deck_folder: Path) -> list[str]:
    deck = load_deck(deck_folder).require()
    names, number = [], 0
    for theme in deck.themes:
        for index in range(1, len(theme.slides) + 1):
            number += 1
            names.append(f"{number:03d}-{theme.id}-{index:02d}.png")
    return names


def pixels_far_apart(a: QImage, b: QImage, step: int = 3, tolerance: int = 60) -> int:
    """Sampled pixels whose colours differ by more than anti-aliasing does (sum of channel differences)."""
    from PySide6.QtGui import QColor

    count = 0
    for y in range(0, a.height(), step):
        for x in range(0, a.width(), step):
            p, q = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            if abs(p.red() - q.red()) + abs(p.green() - q.green()) + abs(p.blue() - q.blue()) > tolerance:
                count += 1
    return count


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len({image.pixel(x, y) for y in range(0, image.height(), step) for x in range(0, image.width(), step)})


@pytest.fixture(scope="module")
def french_render(bundled_deck: Path, tmp_path_factory: Any) -> tuple[Path, Path]:
    """The bundled deck rendered once in French at 1280x720 with a PDF handout: (PNG folder, PDF)."""
    folder = tmp_path_factory.mktemp("render")
    out, pdf = folder / "png", folder / "handout.pdf"
    args = ["render", str(bundled_deck), "--out", str(out), "--size", "1280x720", "--lang", "fr", "--pdf", str(pdf)]
    assert main(args) == 0
    return out, pdf


def check_pngs(out: Path, bundled_deck: Path, size: tuple[int, int]) -> None:
    names = expected_names(bundled_deck)
    assert sorted(p.name for p in out.iterdir()) == names
    themes_seen = []
    for name in names:
        match = NAME.fullmatch(name)
        assert match is not None
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == size, name
        assert distinct_colours(image) > 20, f"{name} looks blank"
        themes_seen.append(match.group(2))
    assert list(dict.fromkeys(themes_seen)) == [theme.id for theme in load_deck(bundled_deck).require().themes]


def test_render_writes_one_png_per_slide(french_render: tuple[Path, Path], bundled_deck: Path) -> None:
    check_pngs(french_render[0], bundled_deck, (1280, 720))


def test_render_in_portrait(bundled_deck: Path, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "out"
    assert main(["render", str(bundled_deck), "--out", str(out), "--size", "720x1280"]) == 0
    check_pngs(out, bundled_deck, (720, 1280))
    assert f"{len(expected_names(bundled_deck))} slides written to {out}" in capsys.readouterr().out


def test_render_shows_counters_at_their_final_value(
    french_render: tuple[Path, Path], bundled_deck: Path, qapp: Any
) -> None:
    """The figures slide as the command rendered it and as the player shows its first and last frames."""
    from kiosk.ui.slides import create_slide_view

    deck = load_deck(bundled_deck).require()
    theme = deck.themes[0]
    view = create_slide_view(deck, theme, theme.slides[2], "fr")
    view.resize(1280, 720)
    view.enter()
    view.finish_animations()
    assert [c.text() for c in view.counters] == ["5,7 milliards €", "plus de 400"]
    final = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    view.leave()
    assert [c.text() for c in view.counters] == ["0,0 milliards €", "plus de 0"]
    start = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    view.deleteLater()
    rendered = QImage(str(french_render[0] / "003-research-03.png")).convertToFormat(QImage.Format.Format_RGB32)
    assert pixels_far_apart(rendered, final) == 0, "the PNG shows the slide's last frame"
    assert pixels_far_apart(rendered, start) > 200


def test_render_pdf_handout(french_render: tuple[Path, Path], bundled_deck: Path) -> None:
    data = french_render[1].read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 10_000
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages == len(expected_names(bundled_deck))


def test_render_an_invalid_deck_exits_1(tmp_path: Path, capsys: Any) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "deck.yaml").write_text("title: Bad\nthemes: [themes/missing.yaml]\n", encoding="utf-8")
    assert main(["render", str(folder), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"deck\.yaml:\d+:\d+: error: ", err), err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_render_an_unknown_language_exits_2(bundled_deck: Path, tmp_path: Path, capsys: Any) -> None:
    assert main(["render", str(bundled_deck), "--out", str(tmp_path / "out"), "--lang", "xx"]) == 2
    assert "--lang xx" in capsys.readouterr().err


@pytest.mark.parametrize("size", ["1280", "0x0", "axb", "10x10", "9000x100"])
def test_render_a_bad_size_exits_2(bundled_deck: Path, tmp_path: Path, size: str) -> None:
    assert main(["render", str(bundled_deck), "--out", str(tmp_path / "out"), "--size", size]) == 2
