"""A demo deck with video, made at test time: video slides, a theme with a video background, and plain slides.

``python -m tests.media.demo_deck FOLDER`` writes it (clips made with Qt Multimedia's encoder); with
``--pictures`` every video slide becomes an image slide of the same clip's first frame and the video
background is left out, for comparing the same deck without video.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from tests.media.clips import clip_picture, make_clip

CLIP_COLOURS = ("#2060c0", "#c04020", "#20a060", "#a020a0")


def make_demo_deck(
    folder: Path,
    *,
    clip_seconds: tuple[float, ...] = (2.0, 3.0, 4.0, 2.5),
    size: tuple[int, int] = (1280, 720),
    pictures: bool = False,
) -> Path:
    """Write the demo deck into ``folder`` and return its deck.yaml."""
    (folder / "clips").mkdir(parents=True, exist_ok=True)
    (folder / "themes").mkdir(exist_ok=True)
    video_slides = []
    for number, seconds in enumerate(clip_seconds):
        colour = CLIP_COLOURS[number % len(CLIP_COLOURS)]
        if pictures:
            name = f"clips/still{number}.png"
            clip_picture(size[0], size[1], colour, 0.0).save(str(folder / name))
            video_slides.append({"kind": "image", "image": name, "heading": f"Clip {number + 1}"})
        else:
            name = f"clips/clip{number}.mp4"
            make_clip(folder / name, seconds, size, colour=colour)
            video_slides.append({"kind": "video", "video": name, "heading": f"Clip {number + 1}"})
    background = "clips/background.png" if pictures else "clips/background.mp4"
    if pictures:
        clip_picture(size[0], size[1], "#404040", 0.0).save(str(folder / background))
    else:
        make_clip(folder / background, 3.0, size, colour="#404040")
    themes = {
        "videos": {"id": "videos", "title": "Clips", "icon": "fa6s.film", "slides": video_slides},
        "backdrop": {
            "id": "backdrop",
            "title": "Over a moving background",
            "icon": "fa6s.water",
            ("background" if pictures else "background_video"): background,
            "slides": [
                {"kind": "title", "heading": "A title over video", "subtitle": "The clip loops behind the text"},
                {"kind": "statement", "heading": "A statement", "body": "Slides of one theme share the clip."},
            ],
        },
        "plain": {
            "id": "plain",
            "title": "Plain slides",
            "slides": [
                {"kind": "statement", "heading": "No video here", "body": "Between the clips, a plain slide."},
                {
                    "kind": "figures",
                    "heading": "Figures",
                    "figures": [{"value": 42, "label": "answers, 2024", "source": "demo, 2024"}],
                },
            ],
        },
    }
    names = []
    for theme_id, theme in themes.items():
        name = f"themes/{theme_id}.yaml"
        (folder / name).write_text(yaml.safe_dump(theme, sort_keys=False), encoding="utf-8")
        names.append(name)
    deck = {"title": "Video demo", "themes": names, "analytics": False}
    deck_file = folder / "deck.yaml"
    deck_file.write_text(yaml.safe_dump(deck, sort_keys=False), encoding="utf-8")
    return deck_file


if __name__ == "__main__":
    from PySide6.QtGui import QGuiApplication

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pictures", action="store_true", help="image slides instead of video")
    parser.add_argument("--size", default="1280x720")
    options = parser.parse_args()
    application = QGuiApplication(sys.argv[:1])
    width, _, height = options.size.partition("x")
    print(make_demo_deck(options.folder, size=(int(width), int(height)), pictures=options.pictures))
