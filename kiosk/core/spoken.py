"""What a slide says when it is read aloud: its theme, heading, text and figures as words, in one language.

Numbers become words through ``num2words``; a currency or percent sign in a
figure's prefix or suffix is read as its word in the language, an ordinal
ending ("2nd", "2e", "2de", "2.") makes the number an ordinal, and any other
prefix or suffix text is read as written. A language ``num2words`` lacks keeps
the number's digits, as the screen shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from num2words import CONVERTER_CLASSES, num2words

from kiosk.core.strings import text as player_text
from kiosk.deck import Deck
from kiosk.deck.schema import Figure, FiguresSlide, ImageSlide, QrSlide, Slide, StatementSlide, Theme, TitleSlide
from kiosk.deck.text import LocalizedText

SYMBOL_WORDS: dict[str, dict[str, str]] = {
    "€": {"en": "euros", "fr": "euros", "nl": "euro", "de": "Euro"},
    "%": {"en": "percent", "fr": "pour cent", "nl": "procent", "de": "Prozent"},
}
"""Signs read as a word after the amount, whichever side of the number they are written on."""
SCALE_WORDS: dict[str, dict[str, str]] = {
    "de": {"Mio.": "Millionen", "Mrd.": "Milliarden"},
}
"""Abbreviated scale words, read in full."""
ORDINAL_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("st", "nd", "rd", "th"),
    "fr": ("ème", "ere", "ère", "er", "re", "e"),
    "nl": ("ste", "de", "e"),
    "de": (".",),
}
"""Endings written straight after a number that make it an ordinal: 2nd, 2e, 2de, 2."""
FRENCH_SCALES = ("million", "millions", "milliard", "milliards")
"""After these French says "d'euros", not "euros"."""
SENTENCE_ENDS = ".!?…:"


@dataclass(frozen=True)
class SpokenSlide:
    """The sentences read for one slide, in order; ``text`` is what is spoken."""

    number: int
    theme: str
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        """The whole text as one string, sentences separated by a space."""
        return " ".join(self.sentences)


def number_words(value: float, decimals: int, language: str, ordinal: bool = False) -> str:
    """``value`` as words in ``language``, rounded to ``decimals`` as on screen; digits when num2words lacks it."""
    shown = f"{value:.{max(0, decimals)}f}"
    if shown.startswith("-") and Decimal(shown) == 0:
        shown = shown[1:]  # -0.0 reads as zero, as the screen shows it
    amount = Decimal(shown)
    for code in dict.fromkeys((language.replace("-", "_"), language.split("-")[0].split("_")[0])):
        converter = CONVERTER_CLASSES.get(code)
        if converter is None:
            continue
        if ordinal and decimals <= 0 and amount > 0:
            return str(num2words(int(amount), lang=code, to="ordinal"))
        # The sign is said here: num2words drops it from values between -1 and 0 ("-0.5" read as "zero point five").
        words = str(num2words(abs(amount), lang=code))
        return f"{getattr(converter, 'negword', '-').strip()} {words}" if amount < 0 else words
    return shown


def figure_sentence(figure: Figure, language: str, fallback: str | None = None) -> str:
    """One figure as a sentence: the amount in words with its prefix and suffix, the label, then the source."""
    prefix = figure.prefix.get(language, fallback)
    suffix = figure.suffix.get(language, fallback)
    base = language.split("-")[0].split("_")[0]
    ordinal = False
    for ending in ORDINAL_ENDINGS.get(base, ()):
        rest = suffix[len(ending) :]
        if suffix.startswith(ending) and (not rest or rest[0].isspace()):
            ordinal, suffix = True, rest
            break
    signs: list[str] = []
    prefix, suffix = _without_signs(prefix, base, signs), _without_signs(suffix, base, signs)
    for short, word in SCALE_WORDS.get(base, {}).items():
        suffix = re.sub(rf"(?<!\w){re.escape(short)}", word, suffix)
    amount = " ".join(
        part for part in (prefix.strip(), number_words(figure.value, figure.decimals, language, ordinal)) if part
    )
    words = f"{amount} {suffix.strip()}" if suffix.strip() else amount
    for sign in signs:
        last = words.split()[-1] if words.split() else ""
        word = SYMBOL_WORDS[sign].get(base, sign)
        words += f" d'{word}" if base == "fr" and sign == "€" and last in FRENCH_SCALES else f" {word}"
    label = figure.label.get(language, fallback).strip()
    words = words[:1].upper() + words[1:]
    sentences = [_sentence(f"{words} {label}" if label else words)]
    source = figure.source.get(language, fallback).strip()
    if source:
        sentences.append(player_text("spoken_source", language, source=source.rstrip(SENTENCE_ENDS)))
    return " ".join(sentences)


def _without_signs(text: str, language: str, found: list[str]) -> str:
    """``text`` with the signs of SYMBOL_WORDS taken out (added to ``found``), spaces tidied."""
    for sign, words in SYMBOL_WORDS.items():
        if sign in text and language in words:
            found.append(sign)
            text = text.replace(sign, " ")
    return re.sub(r"\s+", " ", text) if text.strip() else ""


def _sentence(text: str) -> str:
    """``text`` tidied and ending as a sentence does."""
    text = " ".join(text.split())
    return text if not text or text[-1] in SENTENCE_ENDS else f"{text}."


def host_name(url: str) -> str:
    """The host a web address points to, without "www.", for reading aloud."""
    host = urlsplit(url if "//" in url else f"//{url}").hostname or url
    return host.removeprefix("www.")


def slide_sentences(theme: Theme, slide: Slide, language: str, fallback: str | None = None) -> tuple[str, ...]:
    """The sentences read for ``slide`` of ``theme`` in ``language`` (``fallback``: the deck's first language)."""

    def say(value: LocalizedText) -> str:
        return _sentence(value.get(language, fallback))

    parts = [say(theme.title), say(slide.heading)]
    if isinstance(slide, TitleSlide):
        parts.append(say(slide.subtitle))
    elif isinstance(slide, StatementSlide):
        parts.append(say(slide.body))
    elif isinstance(slide, FiguresSlide):
        parts.extend(figure_sentence(figure, language, fallback) for figure in slide.figures)
    elif isinstance(slide, ImageSlide):
        parts += [player_text("spoken_picture", language), say(slide.caption)]
    elif isinstance(slide, QrSlide):
        parts += [say(slide.caption), player_text("spoken_qr", language, host=host_name(slide.url))]
    # A title slide's heading often repeats the theme's title: say it once.
    unique = [part for index, part in enumerate(parts) if part and part not in parts[:index]]
    return tuple(unique)


def spoken_slides(deck: Deck, language: str) -> list[SpokenSlide]:
    """Every slide of ``deck`` as it is read aloud in ``language``, numbered from 1 in deck order."""
    found: list[SpokenSlide] = []
    for theme in deck.themes:
        for slide in theme.slides:
            sentences = slide_sentences(theme, slide, language, deck.default_language)
            found.append(SpokenSlide(len(found) + 1, theme.title.get(language, deck.default_language), sentences))
    return found


def home_text(deck: Deck, language: str) -> str:
    """What the home screen says: the deck's title, then each theme's title."""
    fallback = deck.default_language
    parts = [_sentence(deck.title.get(language, fallback))]
    parts += [_sentence(theme.title.get(language, fallback)) for theme in deck.themes]
    return " ".join(part for part in parts if part)
