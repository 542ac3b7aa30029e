"""Memory the process need not keep: large freed buffers (glibc) and the source text of imported modules.

Snapshots for transitions are full-screen images (8 MiB at 1080p, 32 at 4K);
glibc's default raises its mmap threshold after the first such buffer is
freed and then keeps later ones on its heap, so a kiosk's resident memory
would settle at its highest point instead of returning to its working size.

PySide6 reads the source of every module imported once it is loaded (its
``__feature__`` import hook searches it for "PySide6") through ``linecache``,
which keeps it: about 6 MiB of text for kiosk's modules that nothing reads again.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import linecache
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


def forget_module_sources() -> None:
    """Drop the source lines ``linecache`` keeps (PySide6's import hook fills it); a traceback reads them again."""
    linecache.clearcache()
