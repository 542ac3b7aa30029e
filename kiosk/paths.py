"""Where the bundled deck and resources are, in a source checkout and in an installed wheel; where data is kept."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
DATA_DIR_VARIABLE = "KIOSK_DATA_DIR"
"""Names the data folder (rehearsal and analytics databases) instead of the user's usual one."""


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


def user_folder(variable: str, location: str, xdg_variable: str, xdg_default: str) -> Path:
    """``kiosk`` in one of the user's folders, or the folder the environment variable ``variable`` names.

    The user's folder is Qt's standard location ``location`` (a ``QStandardPaths.StandardLocation`` name:
    the platform's own folder, and a throw-away one under Qt's test mode); where Qt cannot be loaded, the XDG
    rule: ``$xdg_variable``, else ``xdg_default`` under the home folder.
    """
    override = os.environ.get(variable)
    if override:
        return Path(override)
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:
        return Path(os.environ.get(xdg_variable) or Path.home() / xdg_default) / "kiosk"
    return Path(QStandardPaths.writableLocation(getattr(QStandardPaths.StandardLocation, location))) / "kiosk"


def data_folder() -> Path:
    """The folder for the rehearsal and analytics databases: $KIOSK_DATA_DIR, else ``~/.local/share/kiosk``.

    The usual folder is Qt's generic data location (what it is on each platform, and a throw-away folder
    under Qt's test mode), with the XDG rule as the fallback where Qt cannot be loaded.
    """
    return user_folder(DATA_DIR_VARIABLE, "GenericDataLocation", "XDG_DATA_HOME", ".local/share")
