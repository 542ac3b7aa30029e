"""Before Qt starts on X11: are the system libraries its xcb platform plugin needs installed?

Without one of them Qt prints a screenful about plugins and aborts. A new user
on a minimal Debian gets one line instead, naming what is missing and the
packages that bring it. Plain Python: nothing here imports Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
"""Every library Qt 6's xcb plugin links (``ldd libqxcb.so``), with the Debian package that holds it."""


def uses_x11(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """True when Qt will start its X11 (xcb) platform plugin with this environment."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen == "xcb"
    wayland = bool(environ.get("WAYLAND_DISPLAY")) or environ.get("XDG_SESSION_TYPE") == "wayland"
    return bool(environ.get("DISPLAY")) and not wayland


def loadable(soname: str) -> bool:
    """True when the dynamic linker finds and loads ``soname``."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_x11_libraries(load: Callable[[str], bool] | None = None) -> list[str]:
    """The xcb plugin's libraries that cannot be loaded (by ``load``, default ``loadable``), in table order."""
    load = load or loadable
    return [soname for soname in XCB_LIBRARIES if not load(soname)]


def missing_libraries_message(missing: list[str]) -> str:
    """One line naming the missing libraries and the Debian packages that bring them."""
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[soname] for soname in missing))
    return (
        f"kiosk: the X11 display needs system libraries that are not installed: {', '.join(missing)}; "
        f"on Debian, Ubuntu or Raspberry Pi OS: sudo apt-get install {packages}"
    )


def check_display_libraries(
    environ: Mapping[str, str] = os.environ, load: Callable[[str], bool] | None = None
) -> str | None:
    """The one-line message when Qt would fail to start on X11 for want of a library, else None."""
    if not uses_x11(environ):
        return None
    missing = missing_x11_libraries(load)
    return missing_libraries_message(missing) if missing else None
