"""Sleeping the screen while closed: through xset on X11, on a worker thread, never blocking, never raising."""

from __future__ import annotations

import subprocess
import threading
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.player import screen_power
from kiosk.player.screen_power import request_screen_sleep

WAIT_S = 30
"""How long a test waits for the worker at most; it returns as soon as the worker is done."""


class FakePlatform:
    """Stands in for QGuiApplication where only the platform name is read."""

    name = "xcb"

    @classmethod
    def platformName(cls) -> str:  # noqa: N802 - Qt naming
        return cls.name


@pytest.fixture
def x11(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Pretend to run on X11 with xset on PATH; returns the subprocess.run calls made."""
    calls: list[dict[str, Any]] = []

    def run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        calls.append({"command": command, "thread": threading.current_thread(), **options})
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(screen_power, "QGuiApplication", FakePlatform)
    monkeypatch.setattr(screen_power.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(screen_power.subprocess, "run", run)
    return calls


def test_on_x11_the_screen_sleeps_and_wakes_through_xset_off_the_gui_thread(x11: list[dict[str, Any]]) -> None:
    asleep = request_screen_sleep(True)
    awake = request_screen_sleep(False)
    assert asleep is not None and awake is not None
    assert asleep.result(WAIT_S) is True and awake.result(WAIT_S) is True
    assert [call["command"] for call in x11] == [
        ["/usr/bin/xset", "dpms", "force", "off"],
        ["/usr/bin/xset", "dpms", "force", "on"],
    ]
    assert all(call["timeout"] == 5 and not call.get("shell") for call in x11)
    assert all(call["thread"] is not threading.main_thread() for call in x11)


def test_a_hanging_xset_does_not_block_the_caller_and_requests_keep_their_order(
    x11: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    order: list[list[str]] = []

    def slow_run(command: list[str], **options: Any) -> subprocess.CompletedProcess[str]:
        release.wait(WAIT_S)  # an X server that does not answer
        order.append(command)
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(screen_power.subprocess, "run", slow_run)
    asleep = request_screen_sleep(True)
    awake = request_screen_sleep(False)
    assert asleep is not None and awake is not None
    assert not asleep.done() and not awake.done(), "the caller got control back while xset still runs"
    release.set()
    assert asleep.result(WAIT_S) and awake.result(WAIT_S)
    assert [command[-1] for command in order] == ["off", "on"], "a wake never overtakes the sleep before it"


@pytest.mark.parametrize(
    "failure",
    [
        subprocess.TimeoutExpired(["xset"], 5),
        OSError("no such file"),
        subprocess.CompletedProcess(["xset"], 1, "", "unable to open display"),
        RuntimeError("anything else"),
    ],
)
def test_a_failing_xset_gives_false_and_never_raises(
    x11: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch, failure: object
) -> None:
    def run(command: list[str], **options: Any) -> object:
        if isinstance(failure, BaseException):
            raise failure
        return failure

    monkeypatch.setattr(screen_power.subprocess, "run", run)
    request = request_screen_sleep(True)
    assert request is not None
    assert request.result(WAIT_S) is False


def test_without_xset_or_off_x11_nothing_is_run(x11: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screen_power.shutil, "which", lambda name: None)
    assert request_screen_sleep(True) is None
    monkeypatch.setattr(FakePlatform, "name", "wayland")
    assert request_screen_sleep(True) is None
    assert x11 == []


def test_the_offscreen_test_platform_is_not_put_to_sleep(qtbot: QtBot) -> None:
    assert request_screen_sleep(True) is None
