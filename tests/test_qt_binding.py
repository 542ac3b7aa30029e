"""The Qt binding in use does not corrupt reference counts: the app runs for months."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont

CALLS = 1000


def test_methods_returning_nothing_keep_the_reference_count_of_none() -> None:
    # PySide6 6.12.0 dropped a reference to None on each such call; on Python 3.11,
    # where None is not immortal, a kiosk crashed after some hours of animation.
    rect, font = QRect(), QFont()
    before = sys.getrefcount(None)
    for index in range(CALLS):
        rect.setWidth(index)
        font.setPixelSize(10 + index % 7)
    assert sys.getrefcount(None) >= before - CALLS // 10
