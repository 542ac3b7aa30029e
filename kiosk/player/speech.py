"""Reading the current slide aloud through QtTextToSpeech, for visitors who cannot see the screen well.

QtTextToSpeech comes with PySide6-Addons (``pip install kiosk[speech]``). Where
it or a working engine is missing, speech is unavailable: one log line says why
and the player offers no control for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QtMsgType, Signal, qInstallMessageHandler

from kiosk.core import strings
from kiosk.core.spoken import home_text, slide_sentences
from kiosk.player.controller import PlayerController

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

TEST_ENGINE = "mock"
"""Qt's engine that says nothing (it only reports words): never chosen unless asked for by name."""


class SlideSpeech(QObject):
    """Says the current slide's text in the current language while on; stops or moves on as the slide changes."""

    enabled_changed = Signal(bool)

    def __init__(self, controller: PlayerController, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.enabled = False
        self.text = ""
        """The text last handed to the engine."""
        self.unavailable_reason = ""
        self._unavailable_told = False
        self.engine: QTextToSpeech | None = self._open_engine(engine)
        if self.engine is None:
            log.info("speech unavailable: %s", self.unavailable_reason)
            return
        self._locale_for = ""
        controller.position_changed.connect(lambda _old, _new, _motion: self._speak())
        controller.language_changed.connect(lambda _language: self._speak())
        controller.deck_changed.connect(lambda _deck: self._speak())

    def _open_engine(self, name: str | None) -> QTextToSpeech | None:
        engine, self.unavailable_reason = open_speech_engine(name, self)
        return engine

    @property
    def available(self) -> bool:
        """True when a working engine was found."""
        return self.engine is not None

    def toggle(self) -> None:
        """Turn speech on (saying the current slide) or off (falling silent)."""
        self.set_enabled(not self.enabled)

    def set_enabled(self, on: bool) -> None:
        """Turn speech on or off; off stops at once. Does nothing where speech is unavailable."""
        if self.engine is None or on == self.enabled:
            return
        self.enabled = on
        log.info("speech %s", "on" if on else "off")
        if on:
            self._speak()
        else:
            self.engine.stop()
        self.enabled_changed.emit(on)

    def turn_on_with_hint(self) -> None:
        """Turn speech on for this visit, saying how it works, then read the current slide (a two-finger hold).

        Already on: says so, then reads the slide again. Where speech is unavailable only the log hears of it, once.
        """
        if self.engine is None:
            if not self._unavailable_told:
                self._unavailable_told = True
                log.info("reading aloud was asked for, but speech is unavailable: %s", self.unavailable_reason)
            return
        key = "speech_already_on" if self.enabled else "speech_on_hint"
        hint = strings.text(key, self.controller.language)
        if not self.enabled:
            self.enabled = True
            log.info("speech on, by a two-finger hold")
            self.enabled_changed.emit(True)
        self._speak(before=hint)

    def say_warning(self, seconds: int) -> None:
        """The "still there?" warning came up: while reading aloud is on, say it, with More time and the countdown."""
        if self.engine is None or not self.enabled:
            return
        self._choose_locale(self.controller.language)
        self.text = strings.text("still_there_spoken", self.controller.language, seconds=seconds)
        self.engine.say(self.text)

    def end_visit(self) -> None:
        """The visitor has gone (the attract loop starts): fall silent and off, for the next visitor to choose."""
        self.set_enabled(False)

    def stop(self) -> None:
        """Stop speaking now (the player closes)."""
        if self.engine is not None:
            self.engine.stop()

    def current_text(self) -> str:
        """What the current position says in the current language."""
        controller = self.controller
        deck, language, position = controller.deck, controller.language, controller.position
        if position.is_home or position.theme is None:
            return home_text(deck, language)
        theme = deck.themes[position.theme]
        return " ".join(slide_sentences(theme, theme.slides[position.slide], language, deck.default_language))

    def _speak(self, before: str = "") -> None:
        if self.engine is None or not self.enabled:
            return
        self._choose_locale(self.controller.language)
        self.text = self.current_text()
        if before:  # the hint first, the slide right after it
            self.engine.say(before)
            self.engine.enqueue(self.text)
        else:
            self.engine.say(self.text)  # stops what it was saying: the new slide is read from its start

    def _choose_locale(self, language: str) -> None:
        """The engine's voice for ``language`` ("fr-BE", then any French), once per language; else its default."""
        if self.engine is None or language == self._locale_for:
            return
        self._locale_for = language
        wanted = QLocale(language.replace("-", "_"))
        locales = self.engine.availableLocales()
        exact = [locale for locale in locales if locale.name() == wanted.name()]
        same_language = [locale for locale in locales if locale.language() == wanted.language()]
        found = next(iter(exact + same_language), None)
        if found is None:
            log.warning("speech: no voice for %s; the engine's default voice reads it", language)
            return
        self.engine.setLocale(found)


def open_speech_engine(name: str | None, parent: QObject | None = None) -> tuple[QTextToSpeech | None, str]:
    """The engine named ``name``, or the first installed one that starts (never the test engine unless named).

    Returns the engine, or None and why there is none (for the log and ``kiosk doctor``).
    """
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:  # no PySide6-Addons, or a system library it needs is missing
        return None, f"QtTextToSpeech cannot be loaded ({exc}); install kiosk[speech]"
    engines = [engine for engine in QTextToSpeech.availableEngines() if engine != TEST_ENGINE or name]
    candidates = [name] if name is not None else engines
    if not candidates or candidates[0] not in engines:
        return None, f"no text-to-speech engine {'named ' + name if name else 'installed'}"
    failures = []
    for chosen in candidates:  # the first engine that starts: speechd's plug-in is listed even without libspeechd
        said: list[str] = []

        # Qt reports a plug-in that cannot load as a critical message; here that only means "try the next one".
        def collect(_kind: QtMsgType, _context: object, message: str, into: list[str] = said) -> None:
            into.append(message)

        previous = qInstallMessageHandler(collect)
        try:
            engine = QTextToSpeech(chosen, parent)
        finally:
            qInstallMessageHandler(previous)
        if engine.state() != QTextToSpeech.State.Error:
            return engine, ""
        failures.append(f"{chosen}: {engine.errorString() or '; '.join(said) or 'does not start'}")
        engine.deleteLater()
    return None, "no text-to-speech engine starts (" + "; ".join(failures) + ")"
