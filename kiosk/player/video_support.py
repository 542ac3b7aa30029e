"""Video through Qt Multimedia (the ``media`` extra): whether it is installed, probing a clip, and decoding one.

Qt Multimedia comes with PySide6-Addons, which the base install leaves out. It is imported here only, and only
when a deck holds a video: the player starts and paints its first frame without loading it.
"""

from __future__ import annotations

import atexit
import importlib
import logging
import sys
import weakref
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QLoggingCategory, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

MEDIA_EXTRA = "kiosk[media]"
PREPARE_TIMEOUT_MS = 5000
"""A clip that shows no picture this long after it was opened counts as broken."""
PROBE_TIMEOUT_MS = 10000
SEEK_SLACK_MS = 100
"""A seek lands on the frame showing at that time, which began up to one frame (100 ms at 10 fps) earlier."""

_warned: set[str] = set()


QUIET_CATEGORIES = "qt.multimedia.symbolsresolver=false"
"""Qt Multimedia says, as warnings, that optional libraries (PipeWire, VA-API) are missing each time it loads;
decoding works without them, so an unattended kiosk's log leaves them out."""


def multimedia() -> ModuleType | None:
    """The QtMultimedia module, or None when the media extra (PySide6-Addons) is not installed."""
    if "PySide6.QtMultimedia" not in sys.modules:
        QLoggingCategory.setFilterRules(QUIET_CATEGORIES)
    try:
        return importlib.import_module("PySide6.QtMultimedia")
    except ImportError:
        return None


def log_missing_extra_once() -> None:
    """Say once per run that videos show their poster because Qt Multimedia is missing."""
    if "extra" not in _warned:
        _warned.add("extra")
        log.warning("videos show their poster: Qt Multimedia is not installed (pip install '%s')", MEDIA_EXTRA)


class VideoClip(QObject):
    """A clip decoded into pictures: prepared ahead (opened, first frame decoded, paused), then played.

    ``ready`` is emitted once, when the first frame is decoded or the clip is found broken; the last good
    frame stays available after the clip ends or fails, so nothing turns black.
    """

    ready = Signal()
    frame_changed = Signal()
    failed = Signal(str)
    finished = Signal()
    """The clip reached its end (or ``end_s``) and does not loop."""

    def __init__(
        self,
        path: Path,
        *,
        loop: bool = False,
        muted: bool = True,
        start_s: float = 0.0,
        end_s: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        module = multimedia()
        if module is None:
            raise RuntimeError(f"Qt Multimedia is not installed ({MEDIA_EXTRA})")
        self._mm = module
        self.path = path
        self.loop = loop
        self.start_ms = round(start_s * 1000)
        self.end_ms = round(end_s * 1000) if end_s is not None else None
        self.error: str | None = None
        self.is_ready = False
        self.playing = False
        self._opened = False
        self._first: QImage | None = None
        self._frame: Any = None
        self._image: QImage | None = None
        self._player = module.QMediaPlayer(self)
        self._sink = module.QVideoSink(self)
        self._player.setVideoSink(self._sink)
        if not muted:
            self._audio = module.QAudioOutput(self)
            self._player.setAudioOutput(self._audio)
        if loop and self.start_ms == 0 and self.end_ms is None:
            self._player.setLoops(module.QMediaPlayer.Loops.Infinite)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._player.errorOccurred.connect(self._on_error)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.positionChanged.connect(self._on_position)
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(lambda: self._fail("no picture could be decoded"))
        _closed_on_quit(self)

    # -- state ----------------------------------------------------------------

    @property
    def has_failed(self) -> bool:
        """True when the clip cannot be played."""
        return self.error is not None

    def image(self) -> QImage | None:
        """The picture to show now: the latest decoded frame (None before the first)."""
        if self._image is None and self._frame is not None:
            self._image = self._frame.toImage()
        return self._image if self._image is not None else self._first

    def first_image(self) -> QImage | None:
        """The clip's first frame (at ``start_s``), once decoded."""
        return self._first

    def duration_s(self) -> float:
        """The clip's length in seconds (0 until it is opened)."""
        return self._player.duration() / 1000

    def remaining_s(self) -> float:
        """Seconds until the clip ends (or reaches ``end_s``) from where it is now; 0 when it cannot play."""
        if self.has_failed:
            return 0.0
        end = self.end_ms if self.end_ms is not None else self._player.duration()
        return max(0.0, (end - self._player.position()) / 1000)

    def size(self) -> tuple[int, int]:
        """The clip's width and height in pixels, once its first frame is decoded (0, 0 before)."""
        first = self._first
        return (first.width(), first.height()) if first is not None else (0, 0)

    # -- control ----------------------------------------------------------------

    def prepare(self) -> None:
        """Open the clip and decode its first frame, paused; ``ready`` follows (once: later calls do nothing)."""
        if self._opened:
            return
        self._opened = True
        self._timeout.start(PREPARE_TIMEOUT_MS)
        self._player.setSource(QUrl.fromLocalFile(str(self.path)))
        self._player.pause()

    def play(self) -> None:
        """Play from where the clip stands."""
        if self.has_failed:
            return
        self.prepare()  # when it is asked to play before it was prepared
        self.playing = True
        self._player.play()

    def pause(self) -> None:
        """Stop playing where the clip stands."""
        self.playing = False
        if not self.has_failed:
            self._player.pause()

    def rewind(self) -> None:
        """Stop playing and go back to the first frame, shown until the next ``play``."""
        self.playing = False
        if self.has_failed:
            return
        self._player.pause()
        self._player.setPosition(self.start_ms)
        self._frame, self._image = None, None  # the first frame shows until the decoder delivers it again

    def close(self) -> None:
        """Stop decoding and let go of the file."""
        self.playing = False
        if self.is_ready and not self.has_failed:  # a failed clip is stopped already
            self._player.stop()
            self._player.setSource(QUrl())

    def retire(self) -> None:
        """Close the clip and delete it, once it is open: a player deleted while it opens a file crashes Qt."""
        application = QCoreApplication.instance()
        if application is not None and self.parent() is None:
            self.setParent(application)  # from now on Qt, not Python's garbage collector, deletes it
        if self.is_ready:
            self.close()
            self.deleteLater()
        else:
            self.ready.connect(self.retire)

    # -- Qt Multimedia's reports --------------------------------------------------

    def _on_frame(self, frame: Any) -> None:
        if not frame.isValid():
            return  # at the end or on a seek the sink is cleared: the last picture stays
        if self._first is None and 0 <= frame.startTime() < (self.start_ms - SEEK_SLACK_MS) * 1000:
            return  # the clip's very first frame, decoded before the seek to ``start``
        self._frame, self._image = frame, None
        if self._first is None:
            self._first = self.image()
            self._mark_ready()
        self.frame_changed.emit()

    def _on_status(self, status: Any) -> None:
        statuses = self._mm.QMediaPlayer.MediaStatus
        if status == statuses.LoadedMedia and self.start_ms:
            self._player.setPosition(self.start_ms)  # a seek before the clip is open would be ignored
        elif status == statuses.InvalidMedia:
            self._fail(self._player.errorString() or "the file cannot be decoded")
        elif status == statuses.EndOfMedia and not self.loop:
            self.playing = False
            self.finished.emit()
        elif status == statuses.EndOfMedia and self.loop:
            self._player.setPosition(self.start_ms)  # only reached when ``start`` or ``end`` is set
            self._player.play()

    def _on_position(self, position_ms: int) -> None:
        if self.end_ms is None or position_ms < self.end_ms or not self.playing:
            return
        if self.loop:
            self._player.setPosition(self.start_ms)
        else:
            self._player.pause()
            self.playing = False
            self.finished.emit()

    def _on_error(self, error: Any, message: str) -> None:
        if error != self._mm.QMediaPlayer.Error.NoError:
            self._fail(message or str(error))

    def _fail(self, reason: str) -> None:
        if self.has_failed:
            return
        self.error = reason
        self.playing = False
        log.warning("video %s cannot be played (%s); showing its poster or a placeholder", self.path.name, reason)
        self._player.stop()
        self.failed.emit(reason)
        self._mark_ready()

    def _mark_ready(self) -> None:
        self._timeout.stop()
        if not self.is_ready:
            self.is_ready = True
            self.ready.emit()


_LIVE_CLIPS: weakref.WeakSet[VideoClip] = weakref.WeakSet()


def _closed_on_quit(clip: VideoClip) -> None:
    """Stop ``clip`` when the application quits: a decoder still running while Qt tears down crashes it."""
    application = QCoreApplication.instance()
    if application is not None and application not in _HOOKED:
        application.aboutToQuit.connect(close_all)
        _HOOKED.add(application)
    if not _HOOKED_EXIT:
        atexit.register(close_all)  # commands that never run the event loop (validate, render) quit without it
        _HOOKED_EXIT.append(True)
    _LIVE_CLIPS.add(clip)


_HOOKED: weakref.WeakSet[QCoreApplication] = weakref.WeakSet()
_HOOKED_EXIT: list[bool] = []


def close_all() -> None:
    """Stop every clip that still exists (the application is quitting)."""
    for clip in list(_LIVE_CLIPS):
        if shiboken6.isValid(clip):  # Qt may have deleted it, leaving Python its wrapper
            clip.close()


def decodable_codecs() -> list[str]:
    """The video codecs Qt Multimedia's FFmpeg decodes here, by name (empty without Qt Multimedia)."""
    module = multimedia()
    if module is None:
        return []
    media_format = module.QMediaFormat()
    decode = module.QMediaFormat.ConversionMode.Decode
    return [codec.name for codec in media_format.supportedVideoCodecs(decode)]


@dataclass(frozen=True)
class VideoProbe:
    """What opening a clip found: its length, picture size and first frame, or why it cannot be played."""

    duration_s: float = 0.0
    width: int = 0
    height: int = 0
    picture: QImage | None = None
    error: str | None = None


def probe(path: Path, timeout_ms: int = PROBE_TIMEOUT_MS) -> VideoProbe:
    """Open ``path`` as the player does and decode its first frame (waits, running Qt's events)."""
    clip = VideoClip(path)
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    clip.ready.connect(loop.quit)
    try:
        timer.start(timeout_ms)
        clip.prepare()
        if not clip.is_ready:
            loop.exec()
        timer.stop()
        if clip.error is not None or not clip.is_ready:
            return VideoProbe(error=clip.error or "no picture could be decoded")
        width, height = clip.size()
        return VideoProbe(duration_s=clip.duration_s(), width=width, height=height, picture=clip.first_image())
    finally:
        clip.retire()


class BackgroundLoop:
    """A theme's video background: one muted looping clip shared by the theme's slides.

    Shared, it plays on without a break from one slide of the theme to the next; it is decoded only while
    one of them is on screen, and let go once no slide of the theme holds it any more.
    """

    def __init__(self, path: Path) -> None:
        # Owned by the application, so Qt deletes it in order at exit; given back once no slide holds the loop.
        self.clip = VideoClip(path, loop=True, muted=True, parent=QCoreApplication.instance())
        weakref.finalize(self, _dispose, self.clip)
        QTimer.singleShot(
            0, self.clip.prepare
        )  # opened from the event loop: never by a view only laid out to be measured
        self._showing: set[int] = set()

    def shown(self, viewer: QObject, visible: bool) -> None:
        """``viewer`` appeared or disappeared: the clip plays while at least one viewer shows it."""
        if visible:
            self._showing.add(id(viewer))
        else:
            self._showing.discard(id(viewer))
        if self._showing and not self.clip.playing:
            self.clip.play()
        elif not self._showing and self.clip.playing:
            self.clip.pause()


_LOOPS: weakref.WeakValueDictionary[str, BackgroundLoop] = weakref.WeakValueDictionary()


def background_loop(path: Path) -> BackgroundLoop | None:
    """The shared loop for ``path`` (None without Qt Multimedia, said once in the log)."""
    if multimedia() is None:
        log_missing_extra_once()
        return None
    try:
        key = f"{path}:{path.stat().st_mtime_ns}"  # a clip replaced under the same name (a reload) is opened anew
    except OSError:
        key = str(path)
    loop = _LOOPS.get(key)
    if loop is None:
        loop = BackgroundLoop(path)
        _LOOPS[key] = loop
    return loop


def _dispose(clip: VideoClip) -> None:
    if shiboken6.isValid(clip):
        clip.retire()
