"""Fixtures for the player tests: small decks written from Python data, and a shown player window."""

from __future__ import annotations

import argparse
import ctypes
import sys
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.deck import Deck, load_deck

WINDOW_SIZE = (1280, 720)


def void_calls_drop_none(calls: int = 200) -> int:
    """How many references to None ``calls`` void PySide6 method calls take away (0 when healthy).

    PySide6 6.12.0 on CPython 3.11 returns None from every void method without
    taking a reference to it. From 3.12 on None is immortal and this is harmless;
    on 3.11 each call costs None one reference, and after a few thousand calls
    the interpreter aborts with "none_dealloc: deallocating None".
    """
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(calls):
        point.setX(1)
    return max(0, before - sys.getrefcount(None))


PYSIDE_DROPS_NONE = void_calls_drop_none() > 100
if PYSIDE_DROPS_NONE:
    # Keep the test process alive on that binding (pyproject excludes it; tests/test_qt_binding.py checks it):
    # give None the references those calls will take, as Python 3.12 makes None immortal.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


@pytest.fixture(autouse=True)
def no_dangling_timers_or_animations(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QTimer or an animation running once its widgets are closed.

    A display stays on for months: a timer or animation that outlives what it
    serves keeps waking the process (and, in tests, fires into the next test).
    Every ``start`` called from Python is recorded; after the test and its
    fixtures have closed their widgets and deferred deletions have run, nothing
    recorded may still be running.
    """
    import shiboken6
    from PySide6.QtCore import QAbstractAnimation, QCoreApplication, QEvent, QTimer

    started: list[weakref.ref[Any]] = []

    def recording(original: Callable[..., Any]) -> Callable[..., Any]:
        def start(self: Any, *args: Any) -> Any:
            started.append(weakref.ref(self))
            return original(self, *args)

        return start

    monkeypatch.setattr(QTimer, "start", recording(QTimer.start))
    monkeypatch.setattr(QAbstractAnimation, "start", recording(QAbstractAnimation.start))
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    running = []
    for ref in started:
        thing = ref()
        if thing is None or not shiboken6.isValid(thing) or thing in running:
            continue
        active = thing.isActive() if isinstance(thing, QTimer) else thing.state() == QAbstractAnimation.State.Running
        if active:
            running.append(thing)
    described = [_describe_running(thing) for thing in running]
    for thing in running:
        thing.stop()  # so that it cannot fire into the next test
    assert not described, "left running after the test: " + "; ".join(described)


def _describe_running(thing: Any) -> str:
    """A QTimer or animation and who owns it, for the leak guard's message."""
    owners = []
    parent = thing.parent()
    while parent is not None and len(owners) < 3:
        owners.append(type(parent).__name__)
        parent = parent.parent()
    name = f"{type(thing).__name__} {thing.objectName()!r}" if thing.objectName() else type(thing).__name__
    return f"{name} (in {' < '.join(owners) or 'no parent'})"


DeckFactory = Callable[..., Deck]
PlayerFactory = Callable[..., Any]


def statement(heading: str, body: str = "Body text.", **extra: Any) -> dict[str, Any]:
    """A statement slide as a YAML-ready dict."""
    return {"kind": "statement", "heading": heading, "body": body, **extra}


def title(heading: str, subtitle: str = "", **extra: Any) -> dict[str, Any]:
    """A title slide as a YAML-ready dict."""
    return {"kind": "title", "heading": heading, "subtitle": subtitle, **extra}


def figure(value: float, **extra: Any) -> dict[str, Any]:
    """One figure of a figures slide (with a label and a source, so no warnings)."""
    return {"value": value, "label": extra.pop("label", "a label"), "source": extra.pop("source", "src, 2024"), **extra}


def figures(heading: str, *items: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """A figures slide as a YAML-ready dict."""
    return {"kind": "figures", "heading": heading, "figures": [dict(item) for item in items], **extra}


def theme(theme_id: str, slides: Sequence[Mapping[str, Any]], **extra: Any) -> dict[str, Any]:
    """A theme file's content."""
    return {"id": theme_id, "title": extra.pop("title", f"Theme {theme_id}"), "slides": list(slides), **extra}


@pytest.fixture
def deck_factory(tmp_path: Path) -> DeckFactory:
    """``deck_factory(themes, **deck_keys, files={...})`` -> a loaded, valid Deck.

    ``themes`` is a list of theme dicts (see ``theme``); each goes to
    ``themes/<id>.yaml``. ``files`` maps extra relative paths to bytes or text.
    Every call writes a new folder under ``tmp_path``.
    """
    count = 0

    def factory(
        themes: Sequence[Mapping[str, Any]],
        *,
        files: Mapping[str, bytes | str] | None = None,
        **deck_keys: Any,
    ) -> Deck:
        nonlocal count
        count += 1
        folder = tmp_path / f"deck-{count}"
        (folder / "themes").mkdir(parents=True)
        for relative, content in (files or {}).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        names = []
        for item in themes:
            name = f"themes/{item['id']}.yaml"
            (folder / name).write_text(yaml.safe_dump(dict(item), allow_unicode=True, sort_keys=False), "utf-8")
            names.append(name)
        deck_data = {"title": "Test deck", **deck_keys, "themes": names}
        (folder / "deck.yaml").write_text(yaml.safe_dump(deck_data, allow_unicode=True, sort_keys=False), "utf-8")
        return load_deck(folder).require()

    return factory


def player_args(**overrides: Any) -> argparse.Namespace:
    """The run arguments build_player reads, windowed."""
    values = {"windowed": True, "lang": None, "screen": None, "slide_duration": None, "reduced_motion": False}
    values.update(overrides)
    return argparse.Namespace(**values)


@pytest.fixture
def make_player(qtbot: Any) -> Iterator[PlayerFactory]:
    """``make_player(deck, size=(w, h), time_scale=None, **args)`` -> a Player whose window is shown and exposed.

    ``args`` override the run arguments (``reduced_motion=True``, ``lang="fr"``...); ``time_scale``
    below 1 makes transitions and counts quicker, as auto-play does for short slides.
    """
    from kiosk.app import build_player

    made: list[Any] = []

    def factory(
        deck: Deck, size: tuple[int, int] = WINDOW_SIZE, time_scale: float | None = None, **overrides: Any
    ) -> Any:
        player = build_player(deck, player_args(**overrides))
        window = player.window
        if time_scale is not None:  # quicker transitions and counts, as auto-play with short slides has them
            window.stage.time_scale = time_scale
        qtbot.addWidget(window, before_close_func=lambda w: w.allow_quit())  # kiosk mode refuses to close otherwise
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: (window.stage.width(), window.stage.height()) == size)
        made.append(player)
        return player

    yield factory
    for player in made:
        player.autoplayer.stop()
        player.window.stage.overlay.finish_now()


@pytest.fixture(scope="module")
def loaded_bundled_deck(bundled_deck: Path) -> Deck:
    """The bundled deck, loaded once a module."""
    return load_deck(bundled_deck).require()


@pytest.fixture
def time_scale() -> float | None:
    """The stage's time scale in ``player``: None keeps real durations; a module overrides it for quicker ones."""
    return None


@pytest.fixture
def player(make_player: PlayerFactory, loaded_bundled_deck: Deck, time_scale: float | None) -> Any:
    """The bundled deck in a shown 1280x720 window, on the home screen."""
    return make_player(loaded_bundled_deck, time_scale=time_scale)


@pytest.fixture(scope="module")
def touchscreen(qapp: Any) -> Any:
    """A touch screen device registered with Qt, for QTest.touchEvent."""
    from PySide6.QtTest import QTest

    return QTest.createTouchDevice()


@pytest.fixture
def show_widget(qtbot: Any) -> Callable[..., Any]:
    """``show_widget(widget, size=(1280, 720))`` -> ``widget``, resized, shown and exposed."""

    def show(widget: Any, size: tuple[int, int] = WINDOW_SIZE) -> Any:
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)
        return widget

    return show


@pytest.fixture
def press(qtbot: Any) -> Callable[..., None]:
    """``press(window, key, times=1)``: key clicks on the window as a user types them, with no wait."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def click(window: Any, key: Any, times: int = 1, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
        for _ in range(times):
            QTest.keyClick(window, key, modifier)

    return click
