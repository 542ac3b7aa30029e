"""Putting the physical screen to sleep while closed, where the platform lets an ordinary user do it."""

from __future__ import annotations

import logging
import shutil
import subprocess

from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

XSET_TIMEOUT_S = 5
X11_PLATFORM = "xcb"


def request_screen_sleep(sleep: bool) -> bool:
    """Ask the screen to sleep (``True``) or wake (``False``); True when the request was carried out.

    Only X11 with ``xset`` is supported (DPMS); elsewhere nothing happens and
    False is returned. Never raises: a dark screen is a nicety, not a duty.
    """
    try:
        return _request(sleep)
    except Exception:  # whatever goes wrong here, the kiosk must keep running
        log.warning("Could not %s the screen", "sleep" if sleep else "wake", exc_info=True)
        return False


def _request(sleep: bool) -> bool:
    platform = QGuiApplication.platformName()
    if platform != X11_PLATFORM:
        log.debug("Screen sleep is not supported on the %r platform", platform)
        return False
    xset = shutil.which("xset")
    if xset is None:
        log.debug("Screen sleep needs xset, which is not on PATH")
        return False
    command = [xset, "dpms", "force", "off" if sleep else "on"]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=XSET_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("%s failed: %s", " ".join(command), exc)
        return False
    if completed.returncode != 0:
        log.warning("%s exited with %d: %s", " ".join(command), completed.returncode, completed.stderr.strip())
        return False
    log.info("Screen %s", "put to sleep" if sleep else "woken")
    return True


__all__ = ["request_screen_sleep"]
