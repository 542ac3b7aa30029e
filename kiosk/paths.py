"""Where the bundled deck and resources are, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder ``name`` ("slides" or "resources").

    An installed wheel carries them inside the package (``kiosk/data/``); a source
    checkout or an editable install keeps them beside the package.
    """
    installed = _PACKAGE / "data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def default_deck() -> Path:
    """The bundled default deck's folder."""
    return bundled("slides")


def resource(relative: str) -> Path:
    """A file in the bundled resources folder."""
    return bundled("resources") / relative
