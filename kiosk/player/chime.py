"""The short rising chime that says "reading aloud is on", made in code and played where Qt Multimedia is installed.

It is not the "still there?" warning's single A5 (``kiosk.ui.attract_cards``): two notes a fifth apart,
going up, so a visitor who cannot see the screen tells "on" from "are you still there?".
"""

from __future__ import annotations

import array
import atexit
import functools
import importlib.util
import logging
import math
import shutil
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl

log = logging.getLogger(__name__)

CHIME_NOTES = ((659.25, 0.09), (987.77, 0.14))
"""(Hz, seconds) in turn: E5 then B5, a quarter of a second in all."""
CHIME_RATE = 22050
CHIME_FADE_S = 0.01
"""Each note fades in and out this long, so it does not click."""
CHIME_LEVEL = 0.45
"""The chime's loudness, as a share of full scale."""
CHIME_GAP_S = 0.05
"""Silence after the chime before speech starts, so the two do not run into each other."""


def chime_samples(notes: tuple[tuple[float, float], ...] = CHIME_NOTES, rate: int = CHIME_RATE) -> array.array[int]:
    """The chime as 16-bit mono samples at ``rate``: each note in turn, each faded in and out."""
    samples = array.array("h")
    fade = max(1, round(CHIME_FADE_S * rate))
    for hz, seconds in notes:
        count = round(seconds * rate)
        for i in range(count):
            envelope = min(1.0, i / fade, (count - 1 - i) / fade)
            samples.append(round(32767 * CHIME_LEVEL * envelope * math.sin(2 * math.pi * hz * i / rate)))
    return samples


def chime_length_s(notes: tuple[tuple[float, float], ...] = CHIME_NOTES) -> float:
    """How long the chime sounds."""
    return sum(seconds for _, seconds in notes)


@functools.cache
def chime_file() -> Path:
    """The chime as a WAV file, written once a process into a folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-chime-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "speech-on.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(CHIME_RATE)
        out.writeframes(chime_samples().tobytes())
    return path


class SpeechOnChime(QObject):
    """Plays the chime, then calls what follows it (the spoken hint); without Qt Multimedia only what follows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.played = 0
        """How many times the chime was asked for (heard only where ``audible``)."""
        self._effect: QObject | None = None
        self.audible = importlib.util.find_spec("PySide6.QtMultimedia") is not None
        """True where Qt Multimedia can play the chime."""

    def play(self, then: Callable[[], None]) -> None:
        """Play the chime once and call ``then`` when it has sounded (at once where nothing can be heard)."""
        self.played += 1
        if not self.audible:
            if self.played == 1:
                log.info("Qt Multimedia is not installed: reading aloud is announced by voice only")
            then()
            return
        if self._effect is None:  # built at the first hold: an audio device is opened only when needed
            from PySide6.QtMultimedia import QSoundEffect

            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(chime_file())))
            self._effect = effect
        self._effect.play()  # type: ignore[attr-defined]
        QTimer.singleShot(round((chime_length_s() + CHIME_GAP_S) * 1000), self, then)
