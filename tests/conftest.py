"""Test setup: Qt runs offscreen and never touches the user's real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bundled_deck() -> Path:
    """The default deck's folder."""
    return REPO / "slides"


@pytest.fixture(scope="session", autouse=True)
def _qt_test_mode() -> None:
    """Point QStandardPaths at throw-away folders whenever Qt is used."""
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:  # the pure-model tests run without Qt too
        return
    QStandardPaths.setTestModeEnabled(True)
