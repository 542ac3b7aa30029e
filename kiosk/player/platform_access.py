"""The platform's accessibility settings the player follows: high contrast, and reduced motion.

High contrast comes from Qt (``QStyleHints.accessibility().contrastPreference()``, Qt 6.10 and
later), read before the window is built and followed as it changes. Qt has no reduced-motion hint,
so it is read where each desktop keeps it: GNOME's ``enable-animations`` (gsettings), Windows'
client-area animation setting (``SystemParametersInfoW``), macOS's ``reduceMotion`` (defaults). That
may run a program, so it is read on a worker thread after the first frame, never before it.
"""

from __future__ import annotations

import ctypes
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from shiboken6 import Shiboken

from kiosk.player.controller import PlayerController

if TYPE_CHECKING:  # the worker is made on first use, after the first frame
    from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

READ_TIMEOUT_S = 2.0
"""The longest gsettings or defaults may take to answer (a desktop still starting can be slow)."""
SPI_GETCLIENTAREAANIMATION = 0x1042
"""Windows: whether animations are on ("Show animations in Windows"), winuser.h."""
GNOME_ANIMATIONS = ("org.gnome.desktop.interface", "enable-animations")
MACOS_REDUCE_MOTION = ("com.apple.universalaccess", "reduceMotion")


@dataclass(frozen=True)
class MotionSetting:
    """What the platform says about motion: ``reduced`` (None: it does not say) and where that was read."""

    reduced: bool | None
    source: str


def read_reduced_motion() -> MotionSetting:
    """The platform's reduced-motion setting; may run a program for up to ``READ_TIMEOUT_S``. Never raises."""
    try:
        if sys.platform == "win32":
            return _windows()
        if sys.platform == "darwin":
            return _macos()
        return _gnome()
    except Exception as exc:  # a setting that cannot be read is a setting not followed, never a reason to stop
        return MotionSetting(None, f"the reduced-motion setting could not be read ({exc})")


def _gnome() -> MotionSetting:
    gsettings = shutil.which("gsettings")
    if gsettings is None:
        return MotionSetting(None, "no gsettings on PATH")
    done = subprocess.run(
        [gsettings, "get", *GNOME_ANIMATIONS], capture_output=True, text=True, timeout=READ_TIMEOUT_S, check=False
    )
    answer = done.stdout.strip()
    if done.returncode != 0 or answer not in ("true", "false"):
        return MotionSetting(None, f"gsettings has no {'.'.join(GNOME_ANIMATIONS)} ({done.stderr.strip() or answer})")
    return MotionSetting(answer == "false", f"GNOME enable-animations {answer}")


def _windows() -> MotionSetting:
    user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]  # exists on Windows only
    animations = ctypes.c_int(1)
    if not user32.SystemParametersInfoW(SPI_GETCLIENTAREAANIMATION, 0, ctypes.byref(animations), 0):
        return MotionSetting(None, "SystemParametersInfoW(SPI_GETCLIENTAREAANIMATION) failed")
    return MotionSetting(not animations.value, f"Windows client-area animation {'on' if animations.value else 'off'}")


def _macos() -> MotionSetting:
    defaults = shutil.which("defaults")
    if defaults is None:
        return MotionSetting(None, "no defaults on PATH")
    done = subprocess.run(
        [defaults, "read", *MACOS_REDUCE_MOTION], capture_output=True, text=True, timeout=READ_TIMEOUT_S, check=False
    )
    if done.returncode != 0:  # the key exists only once the setting has been touched: never set means off
        return MotionSetting(False, "macOS reduceMotion not set")
    answer = done.stdout.strip()
    return MotionSetting(answer == "1", f"macOS reduceMotion {answer}")


def platform_high_contrast() -> bool:
    """True when the platform asks for high contrast (Qt 6.10 and later say so; older Qt never does)."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return False
    return bool(accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


_worker: ThreadPoolExecutor | None = None


def _reader_thread() -> ThreadPoolExecutor:
    global _worker
    if _worker is None:
        from concurrent.futures import ThreadPoolExecutor

        _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="platform-access")
    return _worker


class PlatformAccess(QObject):
    """Applies the platform's high contrast and reduced motion to ``controller``, and follows contrast changes.

    Built before the window, so that a platform in high contrast has the first frame in it.
    ``high_contrast`` and ``read_motion`` read the platform (by default this module's readers).
    """

    motion_read = Signal(MotionSetting)
    """The reduced-motion setting, once read (on the event loop's thread)."""

    def __init__(
        self,
        controller: PlayerController,
        high_contrast: Callable[[], bool] | None = None,
        read_motion: Callable[[], MotionSetting] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.high_contrast = high_contrast or platform_high_contrast
        self.read_motion = read_motion or read_reduced_motion
        self.motion: MotionSetting | None = None
        """What the platform said about motion, once read."""
        self.motion_read.connect(self._apply_motion)
        self._reading = False
        self.follow_contrast()
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "accessibility"):
            hints.accessibility().contrastPreferenceChanged.connect(self.follow_contrast)
        if controller.platform_high_contrast:
            log.info("the platform asks for high contrast: every visit starts in it")

    def follow_contrast(self, *_: object) -> None:
        """Read the platform's contrast preference; a change applies to this visit and every next one."""
        wanted = self.high_contrast()
        if wanted == self.controller.platform_high_contrast:
            return
        self.controller.platform_high_contrast = wanted
        log.info("the platform's contrast preference: %s", "high contrast" if wanted else "none")
        deck_wants = self.controller.deck.accessibility.high_contrast
        self.controller.set_access(replace(self.controller.access, high_contrast=wanted or deck_wants))

    def read_motion_soon(self) -> Future[None] | None:
        """Read the reduced-motion setting on a worker thread (once); the result arrives as ``motion_read``."""
        if self._reading:
            return None
        self._reading = True
        return _reader_thread().submit(self._read)

    def read_motion_after_first_frame(self, frame_observers: list[Callable[[float], None]]) -> None:
        """Read the reduced-motion setting once the window whose ``frame_observers`` these are paints a frame."""

        def first_frame(_elapsed_s: float) -> None:
            self.read_motion_soon()
            QTimer.singleShot(0, self, stop_observing)  # not now: the window is walking its observers

        def stop_observing() -> None:
            if first_frame in frame_observers:
                frame_observers.remove(first_frame)

        frame_observers.append(first_frame)

    def _read(self) -> None:
        setting = self.read_motion()
        if Shiboken.isValid(self):  # the player may have closed meanwhile
            self.motion_read.emit(setting)

    def _apply_motion(self, setting: MotionSetting) -> None:
        self.motion = setting
        if setting.reduced is None:
            log.info("the platform's reduced-motion setting is unknown: %s", setting.source)
        elif setting.reduced:
            log.info("the platform asks for reduced motion (%s): no counting, no sliding", setting.source)
            self.controller.reduce_motion()
        else:
            log.info("the platform does not ask for reduced motion (%s)", setting.source)


__all__ = ["MotionSetting", "PlatformAccess", "platform_high_contrast", "read_reduced_motion"]
