"""systemd's notify protocol, as a service manager sees it: datagrams on the socket named by NOTIFY_SOCKET."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.player import service_notify
from kiosk.player.service_notify import ServiceNotifier, send_notify, watchdog_interval_ms
from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

RECEIVE_TIMEOUT_S = 20.0
"""How long a test waits for one datagram: far beyond what a loaded machine needs."""


class NotifySocket:
    """A bound Unix datagram socket standing in for systemd's notify socket."""

    def __init__(self, address: str | bytes, name: str) -> None:
        self.name = name
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(address)
        self.datagrams: list[str] = []

    def pending(self) -> list[str]:
        """The datagrams already queued, without waiting."""
        received = []
        while True:
            try:
                received.append(self.sock.recv(4096, socket.MSG_DONTWAIT).decode("utf-8"))
            except (BlockingIOError, TimeoutError):  # the latter once a timeout was set
                break
        self.datagrams += received
        return received

    def receive(self, timeout_s: float = RECEIVE_TIMEOUT_S) -> str | None:
        """The next datagram, or None when none comes within ``timeout_s``."""
        self.sock.settimeout(timeout_s)
        try:
            datagram = self.sock.recv(4096).decode("utf-8")
        except TimeoutError:
            return None
        self.datagrams.append(datagram)
        return datagram

    def fields(self) -> list[str]:
        """Every ``NAME=value`` line received so far, in order."""
        return [line for datagram in self.datagrams for line in datagram.splitlines()]


@pytest.fixture
def abstract_socket() -> Iterator[NotifySocket]:
    """A notify socket in the abstract namespace; NOTIFY_SOCKET names it with a leading '@'."""
    name = f"kiosk-test-{uuid.uuid4().hex}"
    receiver = NotifySocket(b"\0" + name.encode(), f"@{name}")
    yield receiver
    receiver.sock.close()


@pytest.fixture
def path_socket() -> Iterator[NotifySocket]:
    """A notify socket at a path, in a short temporary folder (socket paths are limited to 107 bytes)."""
    folder = tempfile.mkdtemp(prefix="kiosk-notify-")
    path = os.path.join(folder, "notify")
    receiver = NotifySocket(path, path)
    yield receiver
    receiver.sock.close()
    shutil.rmtree(folder, ignore_errors=True)


# -- the message sender --------------------------------------------------------------------


def test_a_message_reaches_a_socket_in_the_abstract_namespace(abstract_socket: NotifySocket) -> None:
    assert send_notify("READY=1\nSTATUS=playing", {"NOTIFY_SOCKET": abstract_socket.name})
    assert abstract_socket.pending() == ["READY=1\nSTATUS=playing"]


def test_a_message_reaches_a_socket_at_a_path(path_socket: NotifySocket) -> None:
    assert send_notify("WATCHDOG=1", {"NOTIFY_SOCKET": path_socket.name})
    assert path_socket.pending() == ["WATCHDOG=1"]


def test_nothing_is_sent_without_notify_socket() -> None:
    assert not send_notify("READY=1", {})
    assert not ServiceNotifier("playing", environ={}).enabled


def test_nothing_is_sent_off_linux(abstract_socket: NotifySocket, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_notify.sys, "platform", "darwin")
    assert not send_notify("READY=1", {"NOTIFY_SOCKET": abstract_socket.name})
    assert not ServiceNotifier("playing", environ={"NOTIFY_SOCKET": abstract_socket.name}).enabled
    assert abstract_socket.pending() == []


def test_the_watchdog_is_pinged_at_half_its_timeout_and_only_by_the_process_it_watches() -> None:
    pid = os.getpid()
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000"}, pid) == 15000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(pid)}, pid) == 15000
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(pid + 1)}, pid) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "0"}, pid) is None
    assert watchdog_interval_ms({"WATCHDOG_USEC": "soon"}, pid) is None
    assert watchdog_interval_ms({}, pid) is None


def test_the_notifier_is_ready_once_pings_from_the_event_loop_and_stops(
    qtbot: Any, abstract_socket: NotifySocket
) -> None:
    environ = {"NOTIFY_SOCKET": abstract_socket.name, "WATCHDOG_USEC": "100000"}
    notifier = ServiceNotifier("playing\nthe deck", environ=environ)
    assert notifier.ping_interval_ms == 50
    notifier.first_frame(0.01)
    notifier.first_frame(0.01)
    assert abstract_socket.pending() == ["READY=1\nSTATUS=playing the deck"], "once, and the status on one line"
    qtbot.waitUntil(lambda: "WATCHDOG=1" in abstract_socket.pending(), timeout=round(RECEIVE_TIMEOUT_S * 1000))
    notifier.stopping()
    assert not notifier._watchdog.isActive()
    assert abstract_socket.pending()[-1:] == ["STOPPING=1\nSTATUS=quitting"]


# -- a real player process ---------------------------------------------------------------------


def test_kiosk_run_tells_the_service_manager_ready_watchdog_and_stopping(
    bundled_deck: Path, tmp_path: Path, path_socket: NotifySocket
) -> None:
    # GIVEN a unit with Type=notify and a watchdog (pings every 200 ms here)
    env = kiosk_env(tmp_path)
    env.update(NOTIFY_SOCKET=path_socket.name, WATCHDOG_USEC="400000")
    env.pop("WATCHDOG_PID", None)
    # WHEN the player runs for 3 s
    args = kiosk("run", str(bundled_deck), "--windowed", "--exit-after", "3")
    process = subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "STOPPING=1" not in path_socket.fields() and time.monotonic() < deadline:
            if path_socket.receive(timeout_s=1.0) is None and process.poll() is not None:
                break  # the player is gone and nothing more is queued
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    path_socket.pending()
    fields = path_socket.fields()
    # THEN it said it was ready (with what it plays), kept pinging from its running event loop, and said it stops
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "READY=1" in fields and "STOPPING=1" in fields, fields
    ready, stopping = fields.index("READY=1"), fields.index("STOPPING=1")
    assert fields.count("READY=1") == 1
    assert f"STATUS=playing {bundled_deck / 'deck.yaml'}" in fields
    assert "WATCHDOG=1" in fields[ready:stopping], f"no watchdog ping between READY and STOPPING: {fields}"
    assert "WATCHDOG=1" not in fields[:ready], "systemd watches from READY on"
    assert "WATCHDOG=1" not in fields[stopping:], "the pings stop with the player"
