"""What a slide says read aloud: figures as words in en/fr/nl/de, every slide kind, and the bundled deck."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.core.spoken import figure_sentence, home_text, host_name, number_words, slide_sentences, spoken_slides
from kiosk.deck import load_deck
from kiosk.deck.schema import Figure, FiguresSlide, ImageSlide, QrSlide, StatementSlide, Theme, TitleSlide
from kiosk.deck.text import LocalizedText
from tests.conftest import REPO

T = LocalizedText.of
P = LocalizedText.plain

BILLIONS = Figure(
    value=5.7,
    decimals=1,
    prefix=T({"en": "€", "fr": "", "nl": "€ ", "de": ""}),
    suffix=T({"en": " billion", "fr": " milliards €", "nl": " miljard", "de": " Mrd. €"}),
    label=T(
        {
            "en": "invested in biopharma R&D in 2022",
            "fr": "investis dans la R&D biopharmaceutique en 2022",
            "nl": "geïnvesteerd in biofarmaceutische O&O in 2022",
            "de": "in biopharmazeutische F&E investiert, 2022",
        }
    ),
    source=P("pharma.be, 2023"),
)
SHARE = Figure(
    value=-12.25,
    decimals=2,
    prefix=T({"en": "", "fr": "", "nl": "", "de": ""}),
    suffix=P("%"),
    label=T({"en": "fewer trials", "fr": "d'essais en moins", "nl": "minder studies", "de": "weniger Studien"}),
)
OVER = Figure(
    value=100,
    prefix=T({"en": "over €", "fr": "plus de ", "nl": "meer dan € ", "de": "über "}),
    suffix=T({"en": " billion", "fr": " milliards €", "nl": " miljard", "de": " Mrd. €"}),
    label=P(""),
)
RANK = Figure(
    value=2,
    suffix=T({"en": "nd", "fr": "e", "nl": "de", "de": ". Platz"}),
    label=T({"en": "in Europe", "fr": "en Europe", "nl": "in Europa", "de": "in Europa"}),
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Five point seven billion euros invested in biopharma R&D in 2022. Source: pharma.be, 2023."),
        (
            "fr",
            "Cinq virgule sept milliards d'euros investis dans la R&D biopharmaceutique en 2022. "
            "Source : pharma.be, 2023.",
        ),
        ("nl", "Vijf komma zeven miljard euro geïnvesteerd in biofarmaceutische O&O in 2022. Bron: pharma.be, 2023."),
        (
            "de",
            "Fünf Komma sieben Milliarden Euro in biopharmazeutische F&E investiert, 2022. Quelle: pharma.be, 2023.",
        ),
    ],
)
def test_a_currency_figure_with_decimals_reads_as_words_with_its_label_and_source(language: str, expected: str) -> None:
    assert figure_sentence(BILLIONS, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Minus twelve point two five percent fewer trials."),
        ("fr", "Moins douze virgule deux cinq pour cent d'essais en moins."),
        ("nl", "Min twaalf komma twee vijf procent minder studies."),
        ("de", "Minus zwölf Komma zwei fünf Prozent weniger Studien."),
    ],
)
def test_a_negative_percentage_reads_its_sign_and_the_percent_word(language: str, expected: str) -> None:
    assert figure_sentence(SHARE, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Over one hundred billion euros."),
        ("fr", "Plus de cent milliards d'euros."),
        ("nl", "Meer dan honderd miljard euro."),
        ("de", "Über einhundert Milliarden Euro."),
    ],
)
def test_a_text_prefix_is_read_as_written_and_the_currency_after_the_amount(language: str, expected: str) -> None:
    assert figure_sentence(OVER, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Second in Europe."),
        ("fr", "Deuxième en Europe."),
        ("nl", "Tweede in Europa."),
        ("de", "Zweite Platz in Europa."),
    ],
)
def test_an_ordinal_ending_reads_as_an_ordinal(language: str, expected: str) -> None:
    assert figure_sentence(RANK, language) == expected


def test_a_language_num2words_lacks_keeps_the_digits_as_shown() -> None:
    assert number_words(5.7, 1, "lb") == "5.7"
    assert number_words(-3, 0, "xx") == "-3"
    assert number_words(5.7, 1, "fr-BE") == "cinq virgule sept"


def test_a_value_rounded_to_zero_reads_zero_without_a_sign() -> None:
    assert number_words(-0.04, 1, "en") == "zero"
    assert number_words(-0.06, 1, "en") == "minus zero point one"


def test_each_slide_kind_reads_its_theme_heading_and_text() -> None:
    theme = Theme(id="t", title=T({"en": "Research", "fr": "Recherche"}))
    title = TitleSlide(heading=P("Research"), subtitle=P("Where it starts"))
    statement = StatementSlide(heading=T({"en": "Faster", "fr": "Plus vite"}), body=T({"en": "It grew fast."}))
    picture = ImageSlide(heading=P("The lab"), caption=P("A clean room in Wavre"), image=Path("lab.png"))
    qr = QrSlide(heading=P("Read on"), caption=P("Scan the code"), url="https://www.example.org/story?id=3")

    assert slide_sentences(theme, title, "en") == ("Research.", "Where it starts.")
    assert slide_sentences(theme, statement, "fr", "en") == ("Recherche.", "Plus vite.", "It grew fast.")
    assert slide_sentences(theme, picture, "en") == ("Research.", "The lab.", "A picture.", "A clean room in Wavre.")
    assert slide_sentences(theme, picture, "de") == ("Research.", "The lab.", "Ein Bild.", "A clean room in Wavre.")
    assert slide_sentences(theme, qr, "nl") == (
        "Research.",
        "Read on.",
        "Scan the code.",
        "Een QR-code verwijst naar example.org.",
    )
    figures = FiguresSlide(heading=P("Numbers"), figures=(OVER, RANK))
    assert slide_sentences(theme, figures, "en") == (
        "Research.",
        "Numbers.",
        "Over one hundred billion euros.",
        "Second in Europe.",
    )


def test_a_host_name_is_read_without_the_rest_of_the_address() -> None:
    assert host_name("https://www.healthbiotechvalley.be/en/story?utm=booth") == "healthbiotechvalley.be"
    assert host_name("example.org/path") == "example.org"


BUNDLED = load_deck(REPO / "slides").require()


@pytest.mark.parametrize("language", BUNDLED.languages)
def test_every_bundled_slide_has_text_and_no_figure_value_left_in_digits(language: str) -> None:
    slides = spoken_slides(BUNDLED, language)
    assert len(slides) == BUNDLED.slide_count
    assert home_text(BUNDLED, language)
    figures = [(theme, slide) for theme in BUNDLED.themes for slide in theme.slides if isinstance(slide, FiguresSlide)]
    assert figures, "the bundled deck has figures to read"
    for spoken in slides:
        assert spoken.text.strip(), f"slide {spoken.number} says nothing in {language}"
    for theme, slide in figures:
        for figure in slide.figures:
            # The sentence before the source carries the value; its label may hold years, the amount may not.
            amount = figure_sentence(figure, language, BUNDLED.default_language)
            label = " ".join(figure.label.get(language, BUNDLED.default_language).split())
            said = amount.split(label)[0] if label else amount
            assert not re.search(r"\d", said), f"{theme.id}: digits left in {said!r} ({language})"
