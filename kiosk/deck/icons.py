"""qtawesome's icon names and glyphs, read from its bundled charmaps and fonts without importing Qt.

Importing qtawesome itself pulls in qtpy and every Qt module it wraps, which
costs a kiosk a quarter of a second and tens of MiB at start-up; its fonts
and charmaps are all the player needs.
"""

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
def _charmap(prefix: str) -> dict[str, str] | None:
    """Glyph names to characters for one icon set, from qtawesome's charmap."""
    folder = _fonts_folder()
    stem = _PREFIX_FONTS.get(prefix)
    if folder is None or stem is None:
        return None
    for charmap in sorted(folder.glob(f"{stem}*.json")):
        try:
            return {name: chr(int(code, 16)) for name, code in json.loads(charmap.read_text(encoding="utf-8")).items()}
        except (OSError, ValueError):
            return None
    return None


def _names(prefix: str) -> frozenset[str] | None:
    charmap = _charmap(prefix)
    return None if charmap is None else frozenset(charmap)


def glyph(name: str) -> tuple[Path, str] | None:
    """The font file and character that draw icon ``name`` ('fa6s.flask'), or None when unknown."""
    prefix, _, glyph_name = name.partition(".")
    charmap = _charmap(prefix)
    folder = _fonts_folder()
    if charmap is None or folder is None or glyph_name not in charmap:
        return None
    font_stem = _PREFIX_FONTS[prefix].replace("-charmap", "")
    fonts = sorted(folder.glob(f"{font_stem}*.ttf"))
    return (fonts[0], charmap[glyph_name]) if fonts else None


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
