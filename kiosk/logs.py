"""Logging for an unattended machine: a rotating file in the user's log folder, and stderr."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kiosk.paths import user_folder

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILE_COUNT = 5
LOG_DIR_VARIABLE = "KIOSK_LOG_DIR"
"""Names the log and state folder instead of the user's usual one."""


def log_folder() -> Path:
    """Where the log file and the state files go: $KIOSK_LOG_DIR, else ``kiosk`` in the user's state folder.

    The state folder is Qt's generic state location: ``$XDG_STATE_HOME`` or ``~/.local/state`` on Linux,
    the platform's own folder on Windows and macOS, and a throw-away folder under Qt's test mode. Where Qt
    cannot be loaded, the XDG rule.
    """
    return user_folder(LOG_DIR_VARIABLE, "GenericStateLocation", "XDG_STATE_HOME", ".local/state")


class ErrorCounter(logging.Handler):
    """Counts the error records logged, for diagnostics."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def configure_logging(level: int = logging.INFO, to_file: bool = True) -> ErrorCounter:
    """Send logs to stderr and (when possible) a rotating file; return the error counter."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
    stderr = logging.StreamHandler()
    stderr.setFormatter(logging.Formatter(LOG_FORMAT))
    handlers: list[logging.Handler] = [stderr]
    if to_file:
        try:
            folder = log_folder()
            folder.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                folder / "kiosk.log", maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT, encoding="utf-8"
            )
            file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
            handlers.append(file_handler)
        except OSError as exc:
            logging.getLogger(__name__).warning("no log file: %s", exc)
    counter = ErrorCounter()
    handlers.append(counter)
    for handler in handlers:
        handler._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return counter
