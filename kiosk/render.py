"""Headless export of every slide to PNG, counters at their final value, and an optional PDF handout."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.command_checks import language_is_unknown, report_invalid_deck
from kiosk.core.access import AS_DESIGNED, AccessModes
from kiosk.deck import Deck, load_deck
from kiosk.deck.schema import ImageSlide, Slide, Theme, VideoSlide
from kiosk.exit_codes import EXIT_INVALID, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QPdfWriter

log = logging.getLogger(__name__)


def slide_file_name(number: int, theme_id: str, slide_number: int) -> str:
    """``NNN-<theme id>-<MM>.png``: the slide's number in the deck, its theme, its number in the theme."""
    return f"{number:03d}-{theme_id}-{slide_number:02d}.png"


HOME_FILE_PREFIX = "000-home-"


def home_file_name(page: int) -> str:
    """``000-home-<N>.png``: page ``N`` (from 1) of the home screen, sorted before every slide."""
    return f"{HOME_FILE_PREFIX}{page}.png"


@dataclass
class RenderResult:
    """What ``render_deck`` did: the PNGs it wrote and those it could not save, each in deck order."""

    written: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)
    home_pages: int = 0
    """How many pages of the home screen were drawn (before every slide)."""
    placeholders: list[str] = field(default_factory=list)
    """One line per slide drawn as a placeholder (its view or its picture failed): which slide, and why."""


def render_command(deck_file: Path, args: argparse.Namespace) -> int:
    """``kiosk render``: write the PNGs (and PDF); returns the exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = load_deck(deck_file)
    if result.deck is None:
        report_invalid_deck(deck_file, result, point_to_validate=False)
        return EXIT_INVALID
    deck = result.deck
    language = args.lang or deck.default_language
    if language_is_unknown("render", language, deck):
        return EXIT_USAGE
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # A folder that cannot be made is a problem with the machine, not with the command line.
        sys.stderr.write(f"kiosk render: error: cannot create {args.out}: {exc.strerror}\n")
        return EXIT_INVALID
    access = AccessModes(
        larger_text=bool(getattr(args, "larger_text", False)), high_contrast=bool(getattr(args, "high_contrast", False))
    )
    rendered = render_deck(
        deck, args.out, args.size, language, args.pdf, home=bool(getattr(args, "home", False)), access=access
    )
    for path in rendered.failed:
        sys.stderr.write(f"kiosk render: error: cannot write {path}\n")
    for line in rendered.placeholders:
        sys.stderr.write(f"kiosk render: error: {line}\n")
    home_written = sum(path.name.startswith(HOME_FILE_PREFIX) for path in rendered.written)
    home = f" and {home_written} home screen page{'' if home_written == 1 else 's'}" if home_written else ""
    sys.stdout.write(f"{len(rendered.written) - home_written} slides{home} written to {args.out}\n")
    return EXIT_INVALID if rendered.failed or rendered.placeholders else EXIT_OK


def render_deck(
    deck: Deck,
    out: Path,
    size: tuple[int, int],
    language: str,
    pdf: Path | None = None,
    home: bool = False,
    access: AccessModes = AS_DESIGNED,
) -> RenderResult:
    """Render every slide of ``deck`` into ``out``, with ``home`` every page of the home screen first, in the
    visitor's display modes ``access``; returns the PNGs written and those that could not be saved."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

    from kiosk.app import application
    from kiosk.ui.slides import create_slide_view

    application()
    result = RenderResult()
    writer = painter = None
    if pdf is not None:
        writer = QPdfWriter(str(pdf))
        width_mm, height_mm = (297.0, 297.0 * size[1] / size[0])
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        writer.setResolution(round(size[0] / (width_mm / 25.4)))
        painter = QPainter(writer)
    if home:
        _render_home(deck, out, size, language, result, painter, writer, access)
    for number, (theme, slide_number, slide) in enumerate(_slides(deck), start=1):
        view = create_slide_view(deck, theme, slide, language, access=access)
        view.resize(*size)
        view.finish_animations()
        _wait_until_ready(getattr(view, "clip", None) or view)  # a broken clip is known, even behind a poster
        if view.background_video is not None:
            _wait_until_ready(view.background_video.clip)
        image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        path = out / slide_file_name(number, theme.id, slide_number)
        reason = _placeholder_reason(view, slide)  # after grab(): a picture that fails to decode is found painting
        if reason is not None:
            where = f" ({slide.origin})" if slide.origin is not None else ""
            result.placeholders.append(
                f"slide {number} (theme '{theme.id}', slide {slide_number}{where}) shows a placeholder: {reason}"
            )
        if image.save(str(path)):
            result.written.append(path)
        else:
            result.failed.append(path)  # the command says so; logging here would print it twice
        if painter is not None and writer is not None:
            if number > 1 or result.home_pages:
                writer.newPage()
            painter.drawImage(painter.viewport(), image)
        view.deleteLater()
    if painter is not None:
        painter.end()
    return result


def _render_home(
    deck: Deck,
    out: Path,
    size: tuple[int, int],
    language: str,
    result: RenderResult,
    painter: QPainter | None,
    writer: QPdfWriter | None,
    access: AccessModes = AS_DESIGNED,
) -> None:
    """Write every page of the home screen as ``000-home-<N>.png`` (and as the first pages of the PDF)."""
    from PySide6.QtGui import QImage

    from kiosk.ui.home import HomeView

    view = HomeView(deck, language, access=access)
    view.resize(*size)
    view.relayout()
    for page in range(view.page_count()):
        view.show_page(page)
        image = view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        path = out / home_file_name(page + 1)
        result.home_pages += 1
        if image.save(str(path)):
            result.written.append(path)
        else:
            result.failed.append(path)
        if painter is not None and writer is not None:
            if page > 0:
                writer.newPage()
            painter.drawImage(painter.viewport(), image)
    view.deleteLater()


def _placeholder_reason(view: object, slide: Slide) -> str | None:
    """Why ``view`` stands in for what ``slide`` should show, or None when it shows the slide."""
    from kiosk.player.media_check import unreadable_reason

    if isinstance(slide, VideoSlide) and getattr(view, "video_failed", False):
        clip = getattr(view, "clip", None)
        name = slide.video.name if slide.video is not None else "?"
        return f"its video '{name}' cannot be played ({getattr(clip, 'error', None) or 'the log says why'})"
    if getattr(view, "is_placeholder", False):
        return f"its {slide.kind} view could not be built (the log says why)"
    if not getattr(view, "image_missing", False) or not isinstance(slide, ImageSlide) or slide.image is None:
        return None
    if not slide.image.is_file():
        return f"its image '{slide.image.name}' is missing"
    return f"its image '{slide.image.name}': {unreadable_reason(slide.image) or 'not an image Qt can draw'}"


RENDER_WAIT_MS = 10000
"""The longest a slide's picture (a video's first frame) is waited for before it is drawn as it is."""


def _wait_until_ready(view: object, timeout_ms: int = RENDER_WAIT_MS) -> None:
    """Let a slide or clip that prepares its picture (a video's first frame) finish, so the PNG shows it."""
    from PySide6.QtCore import QEventLoop, QObject

    from kiosk.player.ready_wait import ReadyWait

    if not isinstance(view, QObject) or ReadyWait.is_ready(view):
        return
    loop = QEventLoop()
    waiting = ReadyWait(wait_ms=timeout_ms)
    waiting.wait(view, loop.quit)
    if not ReadyWait.is_ready(view):
        loop.exec()
    waiting.cancel()


def _slides(deck: Deck) -> Iterator[tuple[Theme, int, Slide]]:
    for theme in deck.themes:
        for index, slide in enumerate(theme.slides, start=1):
            yield theme, index, slide
