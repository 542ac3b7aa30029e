"""Video clips made at test time with Qt Multimedia's own encoder, so no clip is stored or downloaded.

Each frame is filled with one colour per clip and carries a white band that moves across it, so a test can
tell a clip's frames apart from a black frame or from another clip's.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSize, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPainter

ENCODE_TIMEOUT_MS = 60000


def make_clip(
    path: Path, seconds: float = 2.0, size: tuple[int, int] = (320, 180), fps: int = 25, colour: str = "#2060c0"
) -> Path:
    """Encode a clip of ``seconds`` at ``size`` and ``fps`` into ``path`` (MPEG-4 in an .mp4 file)."""
    from PySide6.QtMultimedia import (
        QMediaCaptureSession,
        QMediaFormat,
        QMediaRecorder,
        QVideoFrame,
        QVideoFrameFormat,
        QVideoFrameInput,
    )

    width, height = size
    frame_format = QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.PixelFormat.Format_BGRA8888)
    frame_format.setStreamFrameRate(fps)
    source = QVideoFrameInput(frame_format)
    session = QMediaCaptureSession()
    session.setVideoFrameInput(source)
    recorder = QMediaRecorder()
    session.setRecorder(recorder)
    media_format = QMediaFormat(QMediaFormat.FileFormat.MPEG4)
    media_format.setVideoCodec(QMediaFormat.VideoCodec.MPEG4)
    recorder.setMediaFormat(media_format)
    recorder.setAutoStop(True)
    recorder.setQuality(QMediaRecorder.Quality.HighQuality)
    recorder.setVideoResolution(QSize(width, height))
    recorder.setVideoFrameRate(fps)
    recorder.setOutputLocation(QUrl.fromLocalFile(str(path)))
    total = max(1, round(seconds * fps))
    sent = [0]
    errors: list[str] = []
    loop = QEventLoop()

    def send() -> None:
        while sent[0] < total:
            number = sent[0]
            frame = QVideoFrame(clip_picture(width, height, colour, number / total))
            frame.setStartTime(number * 1_000_000 // fps)
            frame.setEndTime((number + 1) * 1_000_000 // fps)
            if not source.sendVideoFrame(frame):
                return  # the encoder's queue is full: readyToSendVideoFrame calls again
            sent[0] += 1
        if recorder.recorderState() != QMediaRecorder.RecorderState.StoppedState:
            recorder.stop()

    def state_changed(state: QMediaRecorder.RecorderState) -> None:
        if state == QMediaRecorder.RecorderState.StoppedState:
            loop.quit()

    def failed(error: QMediaRecorder.Error, message: str) -> None:
        errors.append(message)
        loop.quit()

    source.readyToSendVideoFrame.connect(send)
    recorder.recorderStateChanged.connect(state_changed)
    recorder.errorOccurred.connect(failed)
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(lambda: (errors.append("the encoder timed out"), loop.quit()))
    timeout.start(ENCODE_TIMEOUT_MS)
    recorder.record()
    QTimer.singleShot(0, send)
    loop.exec()
    timeout.stop()
    if errors or not path.is_file() or path.stat().st_size < 1000:
        raise RuntimeError(f"the clip {path} could not be made: {errors}")
    return path


def clip_picture(width: int, height: int, colour: str, progress: float) -> QImage:
    """One frame: the clip's colour with a white band ``progress`` of the way across."""
    picture = QImage(width, height, QImage.Format.Format_ARGB32)
    picture.fill(QColor(colour))
    painter = QPainter(picture)
    band = max(2, width // 10)
    painter.fillRect(round(progress * (width - band)), 0, band, height, QColor("white"))
    painter.end()
    return picture


def clip_copies(source: Path, folder: Path, count: int) -> list[Path]:
    """``count`` copies of one made clip (making each anew takes seconds)."""
    copies = []
    for number in range(count):
        copy = folder / f"copy{number}{source.suffix}"
        shutil.copyfile(source, copy)
        copies.append(copy)
    return copies


if __name__ == "__main__":
    # python -m tests.media.clips OUT.mp4 [SECONDS] [WIDTHxHEIGHT] [COLOUR]
    from PySide6.QtGui import QGuiApplication

    application = QGuiApplication(sys.argv[:1])
    out = Path(sys.argv[1])
    length = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    w, _, h = (sys.argv[3] if len(sys.argv) > 3 else "320x180").partition("x")
    make_clip(out, length, (int(w), int(h)), colour=sys.argv[4] if len(sys.argv) > 4 else "#2060c0")
    print(out)
