"""Notices any input anywhere in the application: touch, mouse, wheel or key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal

from kiosk.player.input_hub import ACTIVITY, USER_INPUT_TYPES, input_hub


class ActivityMonitor(QObject):
    """An application-wide event filter that announces every user input, without consuming it."""

    activity = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        input_hub().add(self.eventFilter, ACTIVITY)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in USER_INPUT_TYPES and watched.isWidgetType():
            self.activity.emit()
        return False
