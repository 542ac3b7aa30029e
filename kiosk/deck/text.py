"""Localised text: one string for every language, or one string per language code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ANY_LANGUAGE = "*"
"""The key under which a plain (untranslated) string is kept."""


@dataclass(frozen=True)
class LocalizedText:
    """A text field of the deck; ``get`` picks the language with a fallback."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def plain(cls, text: str) -> LocalizedText:
        """The same text in every language."""
        return cls(((ANY_LANGUAGE, text),))

    @classmethod
    def of(cls, values: Mapping[str, str]) -> LocalizedText:
        """Text given per language code, in the order given."""
        return cls(tuple(values.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes given explicitly (empty for a plain string)."""
        return tuple(lang for lang, _ in self.values if lang != ANY_LANGUAGE)

    def get(self, language: str, fallback: str | None = None) -> str:
        """The text in ``language``, else in ``fallback``, else the first one given."""
        table = dict(self.values)
        for key in (language, fallback, ANY_LANGUAGE):
            if key is not None and key in table:
                return table[key]
        return self.values[0][1] if self.values else ""

    def __bool__(self) -> bool:
        return any(text for _, text in self.values)


EMPTY_TEXT = LocalizedText(())


def language_names(codes: Iterable[str]) -> dict[str, str]:
    """Each language's own name for itself, for a language chooser."""
    return {code: LANGUAGE_NAMES.get(code, code) for code in codes}


LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "pt": "Português",
    "pl": "Polski",
    "lb": "Lëtzebuergesch",
}
