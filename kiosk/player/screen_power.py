"""Putting the physical screen to sleep while closed, where the platform lets an ordinary user do it.

``xset`` may take seconds to answer (a busy or remote X server), so it runs on a
worker thread: the event loop keeps painting and taking input meanwhile. One
worker carries the requests out in the order they were made, so a wake never
overtakes the sleep before it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

XSET_TIMEOUT_S = 5
X11_PLATFORM = "xcb"

_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="screen-power")


def request_screen_sleep(sleep: bool) -> Future[bool] | None:
    """Ask the screen to sleep (``True``) or wake (``False``) without blocking the event loop.

    Only X11 with ``xset`` is supported (DPMS); elsewhere nothing happens and
    None is returned. Otherwise the returned future holds True once the request
    was carried out, False when it failed. Never raises: a dark screen is a
    nicety, not a duty.
    """
    try:
        command = _command(sleep)
        return None if command is None else _worker.submit(_run, command, sleep)
    except Exception:  # whatever goes wrong here, the kiosk must keep running
        log.warning("Could not %s the screen", "sleep" if sleep else "wake", exc_info=True)
        return None


def _command(sleep: bool) -> list[str] | None:
    platform = QGuiApplication.platformName()
    if platform != X11_PLATFORM:
        log.debug("Screen sleep is not supported on the %r platform", platform)
        return None
    xset = shutil.which("xset")
    if xset is None:
        log.debug("Screen sleep needs xset, which is not on PATH")
        return None
    return [xset, "dpms", "force", "off" if sleep else "on"]


def _run(command: list[str], sleep: bool) -> bool:
    """Run ``xset`` on the worker thread; logs and returns whether it worked."""
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=XSET_TIMEOUT_S, check=False)
    except Exception as exc:  # OSError, TimeoutExpired, or anything else: log it, never raise
        log.warning("%s failed: %s", " ".join(command), exc)
        return False
    if completed.returncode != 0:
        log.warning("%s exited with %d: %s", " ".join(command), completed.returncode, completed.stderr.strip())
        return False
    log.info("Screen %s", "put to sleep" if sleep else "woken")
    return True


__all__ = ["request_screen_sleep"]
