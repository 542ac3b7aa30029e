"""A bare PySide6 window: the floor of kiosk's stack, measured the same way as ``kiosk run``.

It starts a QApplication, shows one QWidget holding one QLabel and quits after
``--exit-after`` seconds, writing the keys of the diagnostics contract (see
/work/shared/DESIGN.md, "Diagnostics") that it can fill to ``--diagnostics FILE``:

* ``first_paint_s``: the process's age, as the kernel records its start, when the
  window has handled its first ``QEvent.UpdateRequest``, exactly as
  ``kiosk.ui.window.KioskWindow`` and ``kiosk.diagnostics.Diagnostics`` measure it;
* ``frames`` and ``frame_ms``: the time spent handling each ``UpdateRequest``;
* ``peak_rss_mib`` (``ru_maxrss``) and ``final_rss_mib``;
* ``transitions`` and ``errors``, always 0.

Two extra keys help to read the figures: ``first_label_paint_s`` (the process's
age when the label's ``paintEvent`` first ran, that is when pixels were really
drawn) and ``platform`` / ``window`` / ``screen``.

Like ``kiosk run`` it is a full-screen, frameless, on-top window covering the
primary screen unless ``--windowed`` (1280x720) is given. ``--animate`` changes
the label and repaints the whole window on a 16 ms timer, which gives a floor
for frame times: one full-window repaint per frame.

Run it as a script so that nothing but PySide6 and kiosk.diagnostics (cheap and
Qt-free) is imported::

    python tests/perf/bare_window.py --windowed --exit-after 3 --diagnostics /tmp/bare.json
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from kiosk.diagnostics import FrameTimes, current_rss_mib, peak_rss_mib, process_age_s

WINDOWED_SIZE = (1280, 720)
"""The size of ``kiosk run --windowed``."""
ANIMATION_INTERVAL_MS = 16


class Label(QLabel):
    """A label that notes when it is first painted."""

    def __init__(self, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.first_paint_s: float | None = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt naming
        super().paintEvent(event)
        if self.first_paint_s is None:
            self.first_paint_s = process_age_s()


class BareWindow(QWidget):
    """One QWidget with one QLabel; frames are timed as KioskWindow times them."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("bare PySide6 window")
        self.first_paint_s: float | None = None
        self.frames = FrameTimes()
        self.label = Label("A bare PySide6 window", self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.label.font())
        font.setPixelSize(64)
        self.label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self._ticks = 0

    def event(self, event: QEvent) -> bool:
        # The same measurement as KioskWindow.event + Diagnostics.frame.
        if event.type() != QEvent.Type.UpdateRequest:
            return super().event(event)
        start = time.perf_counter()
        handled = super().event(event)
        elapsed = time.perf_counter() - start
        if self.first_paint_s is None:
            self.first_paint_s = process_age_s()
        self.frames.add(elapsed)
        return handled

    def present(self, windowed: bool) -> None:
        """Show as ``kiosk run`` shows its window: a 1280x720 window, or covering the primary screen."""
        if windowed:
            self.resize(*WINDOWED_SIZE)
            self.show()
            return
        self.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.Window
        )
        screen = QGuiApplication.primaryScreen()
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.setGeometry(screen.geometry())

    def tick(self) -> None:
        """One animation step: new text and a repaint of the whole window."""
        self._ticks += 1
        self.label.setText(f"A bare PySide6 window: frame {self._ticks}")
        self.update()

    def summary(self) -> dict[str, object]:
        """The diagnostics contract's keys, filled the way kiosk fills them, plus a few extras."""
        screen = QGuiApplication.primaryScreen().geometry()
        return {
            "first_paint_s": round(self.first_paint_s or 0.0, 4),
            "frames": len(self.frames),
            "frame_ms": self.frames.figures(),
            "transitions": 0,
            "peak_rss_mib": round(peak_rss_mib(), 2),
            "final_rss_mib": round(current_rss_mib(), 2),
            "errors": 0,
            "first_label_paint_s": round(self.label.first_paint_s or 0.0, 4),
            "platform": QGuiApplication.platformName(),
            "window": f"{self.width()}x{self.height()}",
            "screen": f"{screen.width()}x{screen.height()}",
        }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="A bare PySide6 window, the floor of kiosk's stack.")
    parser.add_argument("--windowed", action="store_true", help="a 1280x720 window instead of full screen")
    parser.add_argument("--exit-after", type=float, metavar="S", help="quit cleanly after S seconds")
    parser.add_argument("--diagnostics", type=Path, metavar="FILE", help="write the figures as JSON on exit")
    parser.add_argument("--animate", action="store_true", help="repaint the whole window every 16 ms")
    return parser.parse_args(argv)


def quit_on_signals(app: QApplication) -> None:
    """SIGTERM and SIGINT quit cleanly (and so write the JSON), as with ``kiosk run``."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: reader.recv(64))
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: QTimer.singleShot(0, app.quit))
    app._bare_signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    app = QApplication(sys.argv[:1])
    window = BareWindow()
    if args.diagnostics is not None:
        path: Path = args.diagnostics

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(window.summary(), indent=2) + "\n", encoding="utf-8")

        app.aboutToQuit.connect(write)
    quit_on_signals(app)
    if args.exit_after is not None:
        # Precise: a coarse timer (kiosk's) may fire up to 5 % early, before the benchmark's last CPU sample.
        exit_timer = QTimer(app)
        exit_timer.setSingleShot(True)
        exit_timer.setTimerType(Qt.TimerType.PreciseTimer)
        exit_timer.setInterval(round(args.exit_after * 1000))
        exit_timer.timeout.connect(app.quit)
        exit_timer.start()
    window.present(args.windowed)
    if args.animate:
        timer = QTimer(window)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(ANIMATION_INTERVAL_MS)
        timer.timeout.connect(window.tick)
        timer.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
