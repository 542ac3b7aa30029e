"""One application-wide event filter for every part of the player that watches user input.

Qt calls a Python event filter for every event of every object, and each call
builds Python wrappers for both; five separate filters cost a kiosk more CPU
than its animations. The hub is the only one: it drops everything but input
at once and hands input to its handlers, highest priority first, until one
uses it up.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from shiboken6 import Shiboken

Handler = Callable[[QObject, QEvent], bool]

USER_INPUT_TYPES = frozenset(
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
"""What counts as a visitor doing something (idle time, waking, the controls)."""
INPUT_EVENT_TYPES = USER_INPUT_TYPES | {QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchCancel}
"""Everything the hub passes on: user input and the ends of sequences its handlers follow."""

# Priorities of the player's watchers: who sees an input first.
EXIT_CORNER = 50  # only observes, so it sees even the touch that wakes the screen
CLOSED_HOURS = 40  # outside opening hours nothing behind the standby screen reacts
ATTRACT = 30  # the touch that wakes auto-play is used up here
ACTIVITY = 20  # only observes
TWO_FINGER_HOLD = 15  # a touch of two fingers is its own: the gestures below never see it
GESTURES = 10


class InputHub(QObject):
    """Dispatches input events to registered handlers; handlers are held weakly."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handlers: list[tuple[int, int, weakref.WeakMethod[Handler]]] = []
        self._order = 0

    def add(self, handler: Handler, priority: int) -> None:
        """Call ``handler(watched, event)`` for input events; returning True uses the event up.

        ``handler`` is a method of a QObject; it is dropped when that object is destroyed.
        """
        self._order += 1
        self._handlers.append((-priority, self._order, weakref.WeakMethod(handler)))  # type: ignore[arg-type]
        self._handlers.sort(key=lambda entry: entry[:2])
        owner = getattr(handler, "__self__", None)
        if isinstance(owner, QObject):
            owner.destroyed.connect(self._drop_dead)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() not in INPUT_EVENT_TYPES:
            return False
        for _, _, reference in list(self._handlers):
            handler = reference()
            if handler is not None and _alive(handler) and handler(watched, event):
                return True
        return False

    def _drop_dead(self, *_: object) -> None:
        self._handlers = [entry for entry in self._handlers if (h := entry[2]()) is not None and _alive(h)]


def _alive(handler: Handler) -> bool:
    """False once the QObject behind a handler has been deleted on the C++ side."""
    owner = getattr(handler, "__self__", None)
    return not isinstance(owner, QObject) or Shiboken.isValid(owner)


def input_hub() -> InputHub:
    """The application's hub, created and installed on first use."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the input hub needs a QApplication")
    hub = app.findChild(InputHub, "kiosk-input-hub")
    if hub is None:
        hub = InputHub(app)
        hub.setObjectName("kiosk-input-hub")
        app.installEventFilter(hub)
    return hub
