"""Opens every picture and video clip of a deck as the player will, so ``kiosk validate`` finds what would not show.

The deck layer only checks that a picture's file exists and has an image suffix; whether Qt can
decode it (a bitmap over Qt's allocation limit, an SVG whose entities Qt refuses to expand) is only
known by asking Qt, which this module does without drawing anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtSvg import QSvgRenderer

from kiosk.deck import Deck, Mark, Problem, Severity
from kiosk.deck.schema import ImageSlide, VideoSlide
from kiosk.player import video_support

log = logging.getLogger(__name__)

BYTES_PER_PIXEL = 4
"""Qt decodes bitmaps to 32 bits a pixel (ARGB32) before drawing them."""
MEBIBYTE = 1024 * 1024
NOT_AN_IMAGE = "not an image Qt can read (PNG, JPEG, SVG...)"
SVG_ENTITIES = "the SVG cannot be read (entities are not allowed)"
SVG_UNREADABLE = "the SVG cannot be read (it is not well-formed SVG)"


def check_media(deck: Deck, details: bool = False) -> list[Problem]:
    """An error for every picture and video clip Qt cannot open, at the line of its key.

    With ``details``, also a notice of each clip's length and size, and a warning when clips cannot be
    opened here because Qt Multimedia (the media extra) is missing.
    """
    _ensure_application()
    problems: list[Problem] = []
    for path, mark in _pictures(deck):
        reason = unreadable_reason(path)
        if reason is not None:
            problems.append(Problem(mark, Severity.ERROR, f"'{path.name}': {reason}"))
    return problems + check_videos(deck, details)


def check_videos(deck: Deck, details: bool = False) -> list[Problem]:
    """An error for each clip Qt Multimedia cannot decode; with ``details`` its length and size as a notice."""
    clips = list(_videos(deck))
    if not clips:
        return []
    if video_support.multimedia() is None:
        if not details:
            return []
        message = (
            f"{len(clips)} video clip{'' if len(clips) == 1 else 's'} not opened: Qt Multimedia is not installed "
            f"(pip install '{video_support.MEDIA_EXTRA}'); the player shows posters instead"
        )
        return [Problem(clips[0][1], Severity.WARNING, message)]
    problems = []
    for path, mark in clips:
        found = video_support.probe(path)
        if found.error is not None:
            codecs = ", ".join(video_support.decodable_codecs()) or "none"
            message = f"'{path.name}' cannot be played: {found.error} (video codecs Qt decodes here: {codecs})"
            problems.append(Problem(mark, Severity.ERROR, message))
        elif details:
            size = f"{found.width} x {found.height} px"
            problems.append(Problem(mark, Severity.NOTICE, f"'{path.name}': {found.duration_s:.1f} s, {size}"))
    return problems


def unreadable_reason(path: Path) -> str | None:
    """Why Qt cannot show the picture at ``path`` (as the player loads it), or None when it can."""
    if path.suffix.lower() == ".svg":
        return _svg_reason(path)
    return _bitmap_reason(path)


def _svg_reason(path: Path) -> str | None:
    if QSvgRenderer(str(path)).isValid():
        return None
    try:
        declares_entities = b"<!ENTITY" in path.read_bytes()
    except OSError as exc:
        return f"it cannot be opened ({exc.strerror})"
    return SVG_ENTITIES if declares_entities else SVG_UNREADABLE


def _bitmap_reason(path: Path) -> str | None:
    reader = QImageReader(str(path))
    if not reader.canRead():
        return NOT_AN_IMAGE
    size = reader.size()
    if size.isEmpty():
        return NOT_AN_IMAGE
    limit_mib = QImageReader.allocationLimit()
    needed = size.width() * size.height() * BYTES_PER_PIXEL
    if limit_mib > 0 and needed > limit_mib * MEBIBYTE:
        return f"{size.width()} x {size.height()} px is over the {limit_mib} MB image limit; scale it down"
    # Within the limit the whole picture is decoded: a truncated or corrupt file fails only here.
    if reader.read().isNull():
        return NOT_AN_IMAGE
    return None


def _pictures(deck: Deck) -> Iterator[tuple[Path, Mark]]:
    """Every picture of the deck with the mark of the key that names it (the owner's mark when unknown)."""
    for theme in deck.themes:
        if theme.background is not None:
            yield theme.background, _key_mark(theme.key_marks, "background", theme.origin)
        for slide in theme.slides:
            if isinstance(slide, ImageSlide) and slide.image is not None:
                yield slide.image, _key_mark(slide.key_marks, "image", slide.origin)
            if isinstance(slide, VideoSlide) and slide.poster is not None:
                yield slide.poster, _key_mark(slide.key_marks, "poster", slide.origin)


def _videos(deck: Deck) -> Iterator[tuple[Path, Mark]]:
    """Every video clip of the deck with the mark of the key that names it."""
    for theme in deck.themes:
        if theme.background_video is not None:
            yield theme.background_video, _key_mark(theme.key_marks, "background_video", theme.origin)
        for slide in theme.slides:
            if isinstance(slide, VideoSlide) and slide.video is not None:
                yield slide.video, _key_mark(slide.key_marks, "video", slide.origin)


def _key_mark(marks: Mapping[str, Mark], key: str, fallback: Mark | None) -> Mark:
    return marks.get(key) or fallback or Mark("?", 0, 0)


_application: list[QGuiApplication] = []


def _ensure_application() -> None:
    # QtSvg may need a GUI application (fonts for <text>); one is made only when none exists, and kept.
    if QCoreApplication.instance() is None:
        _application.append(QGuiApplication(["kiosk"]))


@contextmanager
def qt_messages_logged() -> Iterator[None]:
    """Send Qt's own warnings (an SVG it refuses, a PNG it cannot decode) to the log instead of stderr.

    The validator reports each of these once, in its own words, at the line of the key that names the file.
    """

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        log.debug("Qt: %s", message)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
