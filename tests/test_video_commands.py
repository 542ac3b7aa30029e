"""Video from the command line, as real processes: ``kiosk validate`` opens each clip, ``kiosk render`` draws a
poster or first frame, ``kiosk run`` plays a deck with video and quits cleanly, and all of it works (posters,
one warning) on a base install without Qt Multimedia; a deck without video never loads it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PySide6.QtGui import QImage

from kiosk.exit_codes import EXIT_INVALID, EXIT_OK
from tests.conftest import REPO
from tests.media.fixtures import BLUE, POSTER_COLOUR, RED, Clips, clips, near
from tests.test_cli_run import kiosk_env

__all__ = ["clips"]  # the session's clips, a fixture

WITHOUT_MULTIMEDIA = (
    "import sys, runpy; sys.modules['PySide6.QtMultimedia'] = None; "  # what import finds when the extra is missing
    "sys.argv = ['kiosk', *sys.argv[1:]]; runpy.run_module('kiosk', run_name='__main__')"
)


def video_deck(folder: Path, clips: Clips, *, broken: bool = False) -> Path:
    """A deck of a red clip, a blue clip with a poster (or the broken clip), and a red video background."""
    (folder / "clips").mkdir(parents=True)
    (folder / "themes").mkdir()
    for name, content in clips.files().items():
        (folder / name).write_bytes(content)
    second = "broken" if broken else "blue"
    (folder / "themes/clips.yaml").write_text(
        "id: clips\n"
        "title: Clips\n"
        "background_video: clips/red.mp4\n"
        "slides:\n"
        "  - kind: video\n"
        "    video: clips/red.mp4\n"
        "    heading: Red\n"
        "  - kind: video\n"
        f"    video: clips/{second}.mp4\n"
        "    poster: clips/poster.png\n",
        encoding="utf-8",
    )
    deck = {"title": "Video", "themes": ["themes/clips.yaml"], "analytics": False}
    (folder / "deck.yaml").write_text(yaml.safe_dump(deck), encoding="utf-8")
    return folder


def run(tmp_path: Path, *args: str, multimedia: bool = True) -> subprocess.CompletedProcess[str]:
    prefix = [sys.executable, "-m", "kiosk"] if multimedia else [sys.executable, "-c", WITHOUT_MULTIMEDIA]
    env = kiosk_env(tmp_path)
    return subprocess.run([*prefix, *args], env=env, cwd=REPO, capture_output=True, text=True, timeout=120)


def kiosk_lines(output: str) -> list[str]:
    """The command's own lines (FFmpeg writes its notes on stderr too, so line checks read the JSON)."""
    return [line for line in output.splitlines() if line.startswith(("themes/", "deck.yaml", "/", "kiosk"))]


def problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    """``validate --format json``'s problems as ``LINE:COLUMN: SEVERITY: MESSAGE``."""
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return [f"{r['line']}:{r['column']}: {r['severity']}: {r['message']}" for r in records]


def test_validate_reports_each_clip_s_length_and_size(tmp_path: Path, clips: Clips) -> None:
    deck = video_deck(tmp_path / "deck", clips)
    result = run(tmp_path, "validate", "--format", "json", str(deck))
    assert result.returncode == EXIT_OK, result.stderr
    assert problems(result) == [
        "3:1: notice: 'red.mp4': 1.0 s, 320 x 180 px",
        "6:5: notice: 'red.mp4': 1.0 s, 320 x 180 px",
        "9:5: notice: 'blue.mp4': 1.0 s, 320 x 180 px",
    ]
    assert result.stderr.endswith("valid: 1 theme, 2 slides, 0 warnings\n"), "a notice is not a warning"


def test_validate_fails_on_a_clip_that_cannot_be_decoded(tmp_path: Path, clips: Clips) -> None:
    deck = video_deck(tmp_path / "deck", clips, broken=True)
    result = run(tmp_path, "validate", "--format", "json", str(deck))
    assert result.returncode == EXIT_INVALID
    errors = [line for line in problems(result) if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("9:5: error: 'broken.mp4' cannot be played")
    assert "(video codecs Qt decodes here: " in errors[0] and "MPEG4" in errors[0], "what would play instead"


def test_without_qt_multimedia_validate_warns_once_and_the_deck_stays_valid(tmp_path: Path, clips: Clips) -> None:
    deck = video_deck(tmp_path / "deck", clips)
    result = run(tmp_path, "validate", "--format", "json", str(deck), multimedia=False)
    assert result.returncode == EXIT_OK, result.stderr
    assert problems(result) == [
        "3:1: warning: 3 video clips not opened: Qt Multimedia is not installed "
        "(pip install 'kiosk[media]'); the player shows posters instead"
    ]


def picture_colour(path: Path) -> object:
    """The colour at the middle of the video's place on a rendered 1280x720 slide, left of centre."""
    image = QImage(str(path))
    return image.pixelColor(image.width() * 3 // 5, image.height() * 3 // 5)


@pytest.mark.parametrize("multimedia", [True, False], ids=["with Qt Multimedia", "without"])
def test_render_draws_the_first_frame_or_the_poster(tmp_path: Path, clips: Clips, multimedia: bool) -> None:
    deck = video_deck(tmp_path / "deck", clips)
    out = tmp_path / "out"
    result = run(tmp_path, "render", str(deck), "--out", str(out), "--size", "1280x720", multimedia=multimedia)
    assert result.returncode == EXIT_OK, result.stderr
    first, second = sorted(out.glob("*.png"))
    if multimedia:
        assert near(picture_colour(first), RED), "the red clip's first frame"
        corner = QImage(str(second)).pixelColor(1270, 710)
        assert corner.red() > corner.blue(), "the red video background shows through"
    else:
        assert not near(picture_colour(first), RED), "no clip decoded: a placeholder"
        assert "kiosk[media]" in result.stderr
    assert near(picture_colour(second), POSTER_COLOUR), "a clip with a poster is drawn as its poster"
    assert not near(picture_colour(second), BLUE)


def test_render_reports_a_clip_that_cannot_be_decoded(tmp_path: Path, clips: Clips) -> None:
    deck = video_deck(tmp_path / "deck", clips, broken=True)
    result = run(tmp_path, "render", str(deck), "--out", str(tmp_path / "out"), "--size", "640x360")
    assert result.returncode == EXIT_INVALID
    assert "slide 2 (theme 'clips', slide 2" in result.stderr
    assert "its video 'broken.mp4' cannot be played" in result.stderr


def test_run_plays_a_deck_with_video_and_a_broken_clip_and_quits_cleanly(tmp_path: Path, clips: Clips) -> None:
    deck = video_deck(tmp_path / "deck", clips, broken=True)
    diagnostics = tmp_path / "diagnostics.json"
    args = ["run", str(deck), "--windowed", "--autoplay", "--slide-duration", "0.5", "--exit-after", "6"]
    result = run(tmp_path, *args, "--diagnostics", str(diagnostics))
    assert result.returncode == EXIT_OK, result.stderr[-2000:]
    assert '"errors": 0' in diagnostics.read_text()
    assert sum("broken.mp4 cannot be played" in line for line in result.stderr.splitlines()) == 1


PAINTS_WITHOUT_MULTIMEDIA = """
import sys
from pathlib import Path
from kiosk.app import application, build_player
from kiosk.deck import load_deck
from tests.ui.conftest import player_args
application()
player = build_player(load_deck(Path(sys.argv[1])).require(), player_args())
painted = []
player.window.frame_observers.append(painted.append)
player.window.show()
while not painted:
    player.app.processEvents()
print("QtMultimedia loaded" if "PySide6.QtMultimedia" in sys.modules else "QtMultimedia not loaded")
"""


def test_the_player_paints_a_deck_without_video_without_loading_qt_multimedia(tmp_path: Path) -> None:
    env = kiosk_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", PAINTS_WITHOUT_MULTIMEDIA, str(REPO / "slides")],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "QtMultimedia not loaded", result.stderr[-2000:]


def test_the_media_extra_and_its_old_name_speech_install_the_same() -> None:
    import tomllib

    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["media"] == extras["speech"]
    assert any(requirement.startswith("PySide6-Addons") for requirement in extras["media"])
