"""Checks qtawesome icon names without importing Qt, by reading qtawesome's charmaps."""

from __future__ import annotations

import difflib
import functools
import importlib.util
import json
from pathlib import Path

_PREFIX_FONTS: dict[str, str] = {
    "fa5": "fontawesome5-regular-webfont-charmap",
    "fa5s": "fontawesome5-solid-webfont-charmap",
    "fa5b": "fontawesome5-brands-webfont-charmap",
    "fa6": "fontawesome6-regular-webfont-charmap",
    "fa6s": "fontawesome6-solid-webfont-charmap",
    "fa6b": "fontawesome6-brands-webfont-charmap",
    "ei": "elusiveicons-webfont-charmap",
    "mdi": "materialdesignicons5-webfont-charmap",
    "mdi6": "materialdesignicons6-webfont-charmap",
    "ph": "phosphor-charmap",
    "ri": "remixicon-charmap",
    "msc": "codicon-charmap",
}


@functools.cache
def _fonts_folder() -> Path | None:
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return folder if folder.is_dir() else None


@functools.cache
def _names(prefix: str) -> frozenset[str] | None:
    folder = _fonts_folder()
    stem = _PREFIX_FONTS.get(prefix)
    if folder is None or stem is None:
        return None
    for charmap in sorted(folder.glob(f"{stem}*.json")):
        try:
            return frozenset(json.loads(charmap.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return None
    return None


def icon_problem(name: str) -> str | None:
    """Why ``name`` is not a usable qtawesome icon name, or None when it is."""
    prefix, dot, glyph = name.partition(".")
    if not dot or not glyph:
        return f"'{name}' is not an icon name; write it as 'prefix.name', e.g. 'fa6s.flask'"
    if prefix not in _PREFIX_FONTS:
        known = ", ".join(_PREFIX_FONTS)
        return f"unknown icon set '{prefix}' in '{name}'; icon sets: {known}"
    names = _names(prefix)
    if names is None or glyph in names:
        return None
    close = difflib.get_close_matches(glyph, names, n=1)
    hint = f"; did you mean '{prefix}.{close[0]}'?" if close else ""
    return f"no icon '{glyph}' in the '{prefix}' set{hint}"
