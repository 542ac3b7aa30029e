"""Video slides in the player: frames on screen, the first frame ready before the transition, no black picture,
broken clips fall back to their poster and are skipped, and a theme's video background plays behind its slides."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from kiosk.core.navigator import Position
from kiosk.player import video_support
from kiosk.player.controller import Motion
from kiosk.ui.slides.video import VideoSlideView
from tests.media.fixtures import BLUE, GREEN, POSTER_COLOUR, RED, Clips, clips, near, video
from tests.ui.conftest import statement, theme
from tests.ui.helpers import go, settle

__all__ = ["clips"]  # the session's clips, a fixture


def picture_points(view: VideoSlideView) -> list[QPoint]:
    """Points inside the video's picture away from the band's first position: they show the clip's colour."""
    area = view.picture_rect()
    return [QPoint(area.x() + area.width() * share // 100, area.center().y()) for share in (40, 60, 80)]


def colours_at(picture: QImage | QWidget, points: list[QPoint]) -> list[QColor]:
    image = picture if isinstance(picture, QImage) else picture.grab().toImage()
    ratio = image.devicePixelRatio()
    return [image.pixelColor(round(p.x() * ratio), round(p.y() * ratio)) for p in points]


def shows(picture: QImage | QWidget, points: list[QPoint], *colours: str) -> bool:
    """True when every point of ``picture`` is one of ``colours`` (or the white band crossing it)."""
    return all(any(near(c, wanted) for wanted in (*colours, "#ffffff")) for c in colours_at(picture, points))


class TransitionSpy:
    """Records, as each transition starts, the pictures it goes from and to and whether the clip was ready.

    The arriving slide is a picture after a drag (``start``) and the live view otherwise (``start_over``): it is
    recorded as it would be drawn at the transition's end."""

    def __init__(self, stage: Any, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[dict[str, Any]] = []
        self.stage = stage
        original, original_over = stage.overlay.start, stage.overlay.start_over

        def record(old: QImage, new: Any) -> None:
            view = stage.current_view()
            clip = getattr(view, "clip", None)
            arriving = new if isinstance(new, QImage) else new.grab().toImage()
            self.starts.append({"old": QImage(old), "new": arriving, "view": view, "ready": clip and clip.is_ready})

        def start(old: QImage, new: Any, motion: Motion, duration_ms: int, from_progress: float = 0.0) -> None:
            record(old, new)
            original(old, new, motion, duration_ms, from_progress)

        def start_over(old: QImage, arriving: Any, motion: Motion, duration_ms: int) -> None:
            record(old, arriving)
            original_over(old, arriving, motion, duration_ms)

        monkeypatch.setattr(stage.overlay, "start", start)
        monkeypatch.setattr(stage.overlay, "start_over", start_over)


@pytest.fixture
def video_deck(deck_factory: Any, clips: Clips) -> Any:
    slides = [video("red.mp4", heading="Red"), video("blue.mp4", heading="Blue"), statement("After the clips")]
    return deck_factory([theme("clips", slides)], files=clips.files())


def test_a_looping_video_slide_plays_its_frames_on_screen_again_and_again(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips
) -> None:
    deck = deck_factory([theme("clips", [video("green_long.mp4", loop=True), statement("x")])], files=clips.files())
    player = make_player(deck)
    go(qtbot, player, Position(0, 0))
    view = player.window.stage.current_view()
    assert isinstance(view, VideoSlideView)
    qtbot.waitUntil(lambda: view.clip is not None and view.clip.playing)
    point = picture_points(view)[:1]
    for _ in range(2):  # the white band crosses the picture in every loop of the clip
        qtbot.waitUntil(lambda: near(colours_at(view, point)[0], "#ffffff"))
        qtbot.waitUntil(lambda: near(colours_at(view, point)[0], GREEN))
    assert view.clip.playing


def test_the_first_frame_is_decoded_before_the_transition_starts(
    qtbot: Any, make_player: Any, video_deck: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = make_player(video_deck)
    go(qtbot, player, Position(0, 2))
    spy = TransitionSpy(player.window.stage, monkeypatch)
    player.controller.go_to(Position(0, 0), Motion.BACKWARD)  # not a neighbour: its view is built now
    qtbot.waitUntil(lambda: len(spy.starts) == 1)
    started = spy.starts[0]
    assert started["ready"], "the clip's first frame was decoded when the transition started"
    assert shows(started["new"], picture_points(started["view"]), RED), "the transition arrives at the clip"
    settle(qtbot, player.window.stage)


def test_video_to_video_transition_has_no_black_or_empty_picture(
    qtbot: Any, make_player: Any, video_deck: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    player = make_player(video_deck, time_scale=0.5)
    stage = player.window.stage
    go(qtbot, player, Position(0, 0))
    red_view = stage.current_view()
    qtbot.waitUntil(lambda: red_view.clip.playing)
    spy = TransitionSpy(stage, monkeypatch)
    frames: list[QImage] = []

    def keep_frame(seconds: float) -> None:
        shown = player.window.backingStore().paintDevice()  # the pixels of the frame just painted
        if stage.is_transitioning() and isinstance(shown, QImage):
            frames.append(shown.copy())

    player.window.frame_observers.append(keep_frame)
    player.controller.go_to(Position(0, 1), Motion.FORWARD)
    qtbot.waitUntil(lambda: len(spy.starts) == 1)
    settle(qtbot, stage)
    player.window.frame_observers.remove(keep_frame)
    started = spy.starts[0]
    points = picture_points(started["view"])
    assert shows(started["old"], points, RED), "the transition leaves from the red clip as it was playing"
    assert shows(started["new"], points, BLUE), "and arrives at the blue clip's first frame"
    assert frames, "frames of the transition were painted"
    # The slides move (push) or blend (fade) across the screen: every frame shows video over a good part of
    # where it plays, never a black or empty picture.
    area = started["view"].picture_rect().translated(stage.mapTo(player.window, QPoint(0, 0)))
    grid = [
        QPoint(area.x() + area.width() * column // 8, area.y() + area.height() * row // 4)
        for column in range(1, 8)
        for row in range(1, 4)
    ]
    for frame in frames:
        video_points = [
            p for p in grid if any(near(c, w) for c, w in zip(colours_at(frame, [p]) * 3, (RED, BLUE, "#ffffff")))
        ]
        assert len(video_points) >= len(grid) // 4, "no frame of the transition is black or empty where video plays"
    blue_view = stage.current_view()
    qtbot.waitUntil(lambda: blue_view.clip.playing)
    assert shows(blue_view, points, BLUE)


def test_a_broken_clip_shows_its_poster_is_logged_once_and_skipped_in_autoplay(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips, caplog: pytest.LogCaptureFixture
) -> None:
    slides = [video("broken.mp4", poster="clips/poster.png"), statement("After")]
    deck = deck_factory([theme("clips", slides)], files=clips.files())
    caplog.set_level(logging.WARNING, logger="kiosk")
    player = make_player(deck, slide_duration=60)  # a slide that plays stays a minute: only a skip moves on
    posters: list[bool] = []

    def arrived(position: Position) -> None:
        view = player.window.stage.current_view()
        if position == Position(0, 0):
            posters.append(view.is_placeholder and shows(view, picture_points(view), POSTER_COLOUR))

    player.window.stage.transition_finished.connect(arrived)
    player.autoplayer.start()
    qtbot.waitUntil(lambda: player.controller.position == Position(0, 1))
    settle(qtbot, player.window.stage)
    player.autoplayer.stop()
    assert posters == [True], "the broken clip's slide showed its poster, then auto-play moved on at once"
    failures = [r for r in caplog.records if "broken.mp4" in r.getMessage()]
    assert len(failures) == 1, "one log line for the broken clip"


def test_autoplay_waits_for_the_end_of_a_video(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = deck_factory([theme("clips", [video("green_long.mp4"), statement("After")])], files=clips.files())
    player = make_player(deck, slide_duration=0.5)
    stage = player.window.stage
    left_at: list[float] = []
    advance = player.controller.advance_autoplay

    def advance_and_note() -> bool:
        view = stage.current_view()
        if isinstance(view, VideoSlideView) and view.clip is not None:
            left_at.append(view.clip.remaining_s() if view.clip.playing else 0.0)
        return advance()

    monkeypatch.setattr(player.controller, "advance_autoplay", advance_and_note)
    player.autoplayer.start()
    qtbot.waitUntil(lambda: player.controller.position == Position(0, 1), timeout=10000)
    view = stage.live_views()[Position(0, 0)]
    settle(qtbot, stage)
    player.autoplayer.stop()
    assert len(left_at) == 1 and left_at[0] < 0.1, "auto-play moved on only once the 2 s clip had played to its end"
    assert isinstance(view, VideoSlideView)


def test_autoplay_moves_on_when_a_clip_ends_without_waiting_for_the_slide_duration(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips
) -> None:
    slides = [video("red.mp4"), statement("After")]
    deck = deck_factory([theme("clips", slides)], files=clips.files(), attract={"slide_duration": 60})
    player = make_player(deck)
    player.autoplayer.start()
    qtbot.waitUntil(lambda: player.controller.position == Position(0, 1), timeout=10000)  # a one-second clip
    settle(qtbot, player.window.stage)
    player.autoplayer.stop()


def test_the_last_frame_stays_when_a_clip_ends(qtbot: Any, make_player: Any, video_deck: Any) -> None:
    player = make_player(video_deck)
    go(qtbot, player, Position(0, 1))
    view = player.window.stage.current_view()
    with qtbot.waitSignal(view.clip.finished, timeout=5000):
        pass
    assert not view.clip.playing
    assert shows(view, picture_points(view)[:1], BLUE), "the clip's last frame stays, not a black picture"


def test_without_qt_multimedia_the_poster_shows_and_the_extra_is_named_once(
    qtbot: Any,
    make_player: Any,
    deck_factory: Any,
    clips: Clips,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(video_support, "multimedia", lambda: None)
    monkeypatch.setattr(video_support, "_warned", set())
    caplog.set_level(logging.WARNING, logger="kiosk")
    slides = [video("red.mp4", poster="clips/poster.png"), video("blue.mp4")]
    deck = deck_factory([theme("clips", slides, background_video="clips/green_long.mp4")], files=clips.files())
    player = make_player(deck)
    go(qtbot, player, Position(0, 0))
    view = player.window.stage.current_view()
    assert view.clip is None and view.background_video is None
    assert shows(view, picture_points(view), POSTER_COLOUR)
    go(qtbot, player, Position(0, 1))
    extra = [r for r in caplog.records if "kiosk[media]" in r.getMessage()]
    assert len(extra) == 1, "the missing extra is said once, however many clips"


def test_a_theme_video_background_plays_behind_its_slides_and_is_shared(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips
) -> None:
    slides = [statement("First over video"), statement("Second over video")]
    deck = deck_factory(
        [theme("moving", slides, background_video="clips/red.mp4"), theme("still", [statement("Still")])],
        files=clips.files(),
    )
    player = make_player(deck)
    stage = player.window.stage
    go(qtbot, player, Position(0, 0))
    first, second = stage.live_views()[Position(0, 0)], stage.live_views()[Position(0, 1)]
    assert first.background_video is second.background_video, "one clip for the theme's slides"
    loop = first.background_video
    qtbot.waitUntil(lambda: loop.clip.playing and loop.clip.image() is not None)
    corner = [QPoint(stage.width() - 20, stage.height() - 20)]
    reddish = colours_at(first, corner)[0]
    assert reddish.red() > reddish.blue() + 20, "the red clip shows through the background"
    go(qtbot, player, Position(0, 1))
    assert loop.clip.playing, "it plays on across the theme's slides"
    go(qtbot, player, Position(1, 0))
    plain = colours_at(stage.current_view(), corner)[0]
    assert plain.red() < plain.blue(), "a theme without video keeps its own background"
    assert not loop.clip.playing, "no slide of the theme on screen: the clip pauses"


def test_a_video_slide_is_named_by_its_heading_and_described_by_its_caption(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips
) -> None:
    slides = [video("red.mp4", heading="Inside the plant", caption="Filling vials"), statement("After")]
    player = make_player(deck_factory([theme("clips", slides)], files=clips.files()))
    go(qtbot, player, Position(0, 0))
    view = player.window.stage.current_view()
    assert view.accessibleName() == "Inside the plant"
    assert view.accessibleDescription() == "Filling vials"


def test_a_second_move_while_a_clip_prepares_lands_on_the_second_slide_alone(
    qtbot: Any, make_player: Any, deck_factory: Any, clips: Clips
) -> None:
    slides = [video("red.mp4"), statement("Middle"), statement("Between"), video("blue.mp4")]
    player = make_player(deck_factory([theme("clips", slides)], files=clips.files()))
    stage = player.window.stage
    go(qtbot, player, Position(0, 2))
    player.controller.go_to(Position(0, 0), Motion.BACKWARD)  # not built yet: the stage waits for its first frame
    assert stage.shown_position == Position(0, 2), "the slide on screen stays while the clip prepares"
    player.controller.go_to(Position(0, 1), Motion.BACKWARD)
    qtbot.waitUntil(stage.is_transitioning)
    settle(qtbot, stage)
    assert stage.shown_position == Position(0, 1)
    shown = [position for position, view in stage.live_views().items() if view.isVisible()]
    assert shown == [Position(0, 1)], "one slide on screen, the one asked for last"
