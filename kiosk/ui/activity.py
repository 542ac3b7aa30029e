"""Notices any input anywhere in the application: touch, mouse, wheel or key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal

from kiosk.ui.input_hub import ACTIVITY, input_hub

INPUT_TYPES = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
    }
)


class ActivityMonitor(QObject):
    """An application-wide event filter that announces every user input, without consuming it."""

    activity = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        input_hub().add(self.eventFilter, ACTIVITY)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() in INPUT_TYPES and watched.isWidgetType():
            self.activity.emit()
        return False
