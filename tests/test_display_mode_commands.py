"""The visitor's display modes on the command line: ``kiosk validate`` names a text that larger text would shrink
below its designed size, and ``kiosk render --larger-text --high-contrast`` draws what the visitor would see.
Each runs as a real process with no display."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from kiosk.ui.palette import HIGH_CONTRAST_COLOURS, high_contrast_accent
from tests.conftest import REPO
from tests.test_media_and_fit_checks import run_kiosk, validate_json, write_deck

SENTENCE = "Belgium makes medicines for the whole world and tests them here too."
LONG_BODY = " ".join([SENTENCE] * 12)
"""A body that fits a portrait slide as designed but, at 1.5x, only below its designed size."""
ACCENT = "#35cbb8"


def statement_theme(english_body: str) -> str:
    return (
        f'id: t\ntitle: T\naccent: "{ACCENT}"\nslides:\n'
        "  - kind: statement\n"
        "    heading: {en: A heading, de: Eine Überschrift}\n"
        f'    body: {{en: "{english_body}", de: Ein kurzer Text.}}\n'
    )


def test_a_body_that_larger_text_would_shrink_below_its_design_is_a_warning_naming_language_and_orientation(
    tmp_path: Path,
) -> None:
    # GIVEN a statement whose English body fits as designed but not at 1.5x, even at its designed size
    deck = write_deck(tmp_path / "deck", statement_theme(LONG_BODY), {}, languages="[en, de]")
    # WHEN the deck is validated
    code, problems = validate_json(tmp_path, deck)
    # THEN it stays valid, with warnings for English in portrait only, at the texts' keys
    assert code == 0
    found = [(p["severity"], p["line"], p["message"]) for p in problems]
    where = "with larger text (1.5x) in en, portrait (1080x1920): shorten it"
    assert found == [
        ("warning", 6, f"heading does not fit at its designed size {where}"),
        ("warning", 7, f"body does not fit at its designed size {where}"),
    ]


def test_a_body_that_fits_at_one_and_a_half_times_is_no_warning(tmp_path: Path) -> None:
    deck = write_deck(tmp_path / "deck", statement_theme(" ".join([SENTENCE] * 4)), {}, languages="[en, de]")
    assert validate_json(tmp_path, deck) == (0, [])


def colour_at(image: QImage, x: int, y: int) -> str:
    return image.pixelColor(x, y).name()


def test_render_draws_the_slides_and_home_screen_in_larger_text_and_high_contrast(tmp_path: Path) -> None:
    # GIVEN the bundled deck
    out = tmp_path / "out"
    # WHEN it is rendered in both display modes, in portrait
    done = run_kiosk(
        tmp_path,
        *("render", str(REPO / "slides"), "--out", str(out), "--size", "1080x1920", "--home"),
        *("--larger-text", "--high-contrast"),
    )
    # THEN every slide and the home screen are written, on plain black with the accent bar in the lightened accent
    assert done.returncode == 0, done.stderr
    assert "16 slides and 2 home screen pages written" in done.stdout, "larger tiles take two pages in portrait"
    slide = QImage(str(out / "002-research-02.png")).convertToFormat(QImage.Format.Format_RGB32)
    black = QColor(HIGH_CONTRAST_COLOURS.background).name()
    assert colour_at(slide, slide.width() - 5, slide.height() // 2) == black, "no picture, no gradient"
    assert colour_at(slide, 2, slide.height() // 2) == high_contrast_accent("#f2b134")
    home = QImage(str(out / "000-home-1.png")).convertToFormat(QImage.Format.Format_RGB32)
    assert colour_at(home, 2, 2) == black


def test_render_without_the_flags_draws_as_designed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = run_kiosk(tmp_path, "render", str(REPO / "slides"), "--out", str(out), "--size", "1080x1920", "--home")
    assert done.returncode == 0, done.stderr
    assert "16 slides and 1 home screen page written" in done.stdout
    slide = QImage(str(out / "002-research-02.png")).convertToFormat(QImage.Format.Format_RGB32)
    assert colour_at(slide, slide.width() - 5, slide.height() // 2) != QColor(HIGH_CONTRAST_COLOURS.background).name()
