"""Icons by name through one module, so changing the icon set is one edit."""

from __future__ import annotations

import logging

import qtawesome
from PySide6.QtGui import QColor, QIcon

log = logging.getLogger(__name__)

FALLBACK = "fa6s.circle-info"
UI_ICONS: dict[str, str] = {
    "home": "fa6s.house",
    "previous": "fa6s.chevron-left",
    "next": "fa6s.chevron-right",
    "language": "fa6s.language",
    "missing-image": "fa6s.image",
    "source": "fa6s.book-open",
    "touch": "fa6s.hand-pointer",
}


def icon(name: str, colour: str | QColor = "#ffffff") -> QIcon:
    """A user-interface icon by its role (``icon("next")``) or a qtawesome name from a deck."""
    qt_name = UI_ICONS.get(name, name)
    try:
        return qtawesome.icon(qt_name, color=QColor(colour))
    except Exception:  # qtawesome raises several types for unknown names
        log.warning("unknown icon %r; using %r", qt_name, FALLBACK)
        return qtawesome.icon(FALLBACK, color=QColor(colour))
