"""Holds a transition back until the slide it leads to can be pictured as it will show (a video's first frame).

Views that prepare something slowly offer ``is_ready()`` and a ``ready`` signal; every other view is ready at
once. The wait is bounded: a slide that is still not ready after ``READY_WAIT_MS`` is pictured as it is then
(a video's poster or placeholder), so navigation never stalls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

READY_WAIT_MS = 1000
"""The longest a transition waits for the slide it leads to."""


class ReadyWait(QObject):
    """Runs a step once a view is ready, or after ``READY_WAIT_MS``; one wait at a time."""

    def __init__(self, parent: QObject | None = None, wait_ms: int = READY_WAIT_MS) -> None:
        super().__init__(parent)
        self._view: QObject | None = None
        self._then: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(wait_ms)
        self._timer.timeout.connect(lambda: self._go(self._view))

    @staticmethod
    def is_ready(view: QObject) -> bool:
        """True when ``view`` (or a clip) has nothing left to prepare before it can be pictured."""
        ready = getattr(view, "is_ready", True)
        return bool(ready()) if callable(ready) else bool(ready)

    def wait(self, view: QObject, then: Callable[[], None]) -> bool:
        """False when ``view`` is ready now; otherwise True, and ``then`` runs once it is (or the wait ends)."""
        if self.is_ready(view):
            return False
        self.cancel()
        self._view, self._then = view, then
        view.ready.connect(lambda: self._go(view), Qt.ConnectionType.SingleShotConnection)  # type: ignore[attr-defined]
        self._timer.start()
        return True

    def cancel(self) -> bool:
        """Forget the step waiting to run; True when there was one."""
        self._timer.stop()
        waiting = self._then is not None
        self._view = self._then = None
        return waiting

    def _go(self, view: QObject | None) -> None:
        if view is None or view is not self._view or self._then is None:
            return  # a wait that was cancelled or replaced
        then = self._then
        self.cancel()
        then()
