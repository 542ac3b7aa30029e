"""Tells glibc (Linux) to give large freed buffers back to the system at once.

Snapshots for transitions are full-screen images (8 MiB at 1080p, 32 at 4K);
glibc's default raises its mmap threshold after the first such buffer is
freed and then keeps later ones on its heap, so a kiosk's resident memory
would settle at its highest point instead of returning to its working size.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 256 * 1024


def return_large_buffers() -> bool:
    """Fix glibc's mmap threshold so buffers above 256 KiB are unmapped when freed; False elsewhere.

    Windows' and macOS's allocators return large blocks by themselves, and their C libraries have no
    ``mallopt``: off Linux nothing is loaded.
    """
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    except (OSError, AttributeError):
        log.debug("mallopt is not available; memory is managed by the default allocator")
        return False
