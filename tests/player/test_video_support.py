"""Qt Multimedia behind the player: probing and decoding clips, looping, stopping at ``end``, broken files, and
the base install without the media extra."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest

from kiosk.player import video_support
from kiosk.player.video_support import VideoClip, background_loop, probe
from tests.media.fixtures import CLIP_SIZE, GREEN, Clips, clips, near

__all__ = ["clips"]  # the session's clips, a fixture


def prepared(qtbot: Any, clip: VideoClip) -> VideoClip:
    with qtbot.waitSignal(clip.ready, timeout=10000):
        clip.prepare()
    return clip


def test_probe_decodes_a_clip_and_reports_its_length_and_size(clips: Clips) -> None:
    found = probe(clips.green_long)
    assert found.error is None
    assert found.duration_s == pytest.approx(2.0, abs=0.1)
    assert (found.width, found.height) == CLIP_SIZE
    assert found.picture is not None and near(found.picture.pixelColor(CLIP_SIZE[0] // 2, 10), GREEN)


def test_probe_says_why_a_broken_file_cannot_be_played(clips: Clips) -> None:
    found = probe(clips.broken)
    assert found.error and found.picture is None and found.duration_s == 0


def test_a_looping_clip_plays_on_past_its_end(qtbot: Any, clips: Clips) -> None:
    clip = prepared(qtbot, VideoClip(clips.red, loop=True))  # one second, 25 frames
    frames: list[int] = []
    ended: list[bool] = []
    clip.frame_changed.connect(lambda: frames.append(1))
    clip.finished.connect(lambda: ended.append(True))
    clip.play()
    qtbot.waitUntil(lambda: len(frames) > 40, timeout=10000)
    assert clip.playing and not ended and clip.image() is not None
    clip.close()


def test_a_clip_stops_at_its_end_time_and_keeps_its_last_frame(qtbot: Any, clips: Clips) -> None:
    clip = prepared(qtbot, VideoClip(clips.green_long, start_s=0.4, end_s=0.8))
    assert clip.remaining_s() == pytest.approx(0.4, abs=0.1), "prepared at its start time"
    with qtbot.waitSignal(clip.finished, timeout=10000):
        clip.play()
    assert not clip.playing
    assert clip.remaining_s() < 0.1
    last = clip.image()
    assert last is not None, "the last frame stays to be shown"
    band_at_end_time = round(0.8 / 2.0 * (CLIP_SIZE[0] - CLIP_SIZE[0] // 10)) + CLIP_SIZE[0] // 20
    assert near(last.pixelColor(band_at_end_time, 10), "#ffffff"), "the frame at 0.8 s, not the clip's last"
    clip.rewind()
    assert clip.image() is clip.first_image(), "back at its first frame"
    clip.close()


def test_a_broken_clip_is_ready_at_once_as_failed_and_logs_one_line(
    qtbot: Any, clips: Clips, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="kiosk")
    clip = prepared(qtbot, VideoClip(clips.broken))
    assert clip.has_failed and clip.image() is None and clip.remaining_s() == 0
    clip.play()
    assert not clip.playing
    assert [r.getMessage() for r in caplog.records if "broken.mp4" in r.getMessage()] == [
        f"video broken.mp4 cannot be played ({clip.error}); showing its poster or a placeholder"
    ]


def test_without_the_media_extra_nothing_decodes_and_the_extra_is_named_once(
    qtbot: Any, clips: Clips, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # what ``import`` finds when it is missing
    monkeypatch.setattr(video_support, "_warned", set())
    caplog.set_level(logging.WARNING, logger="kiosk")
    assert video_support.multimedia() is None
    with pytest.raises(RuntimeError, match=r"kiosk\[media\]"):
        VideoClip(clips.red)
    assert background_loop(clips.red) is None
    assert background_loop(clips.blue) is None
    named = [r for r in caplog.records if "kiosk[media]" in r.getMessage()]
    assert len(named) == 1
