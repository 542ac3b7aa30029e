"""Never down: every uncaught exception and Qt warning is logged and the app carries on."""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

log = logging.getLogger("kiosk.errors")
qt_log = logging.getLogger("kiosk.qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_exception(kind: type[BaseException], value: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, trace)
        return
    log.error("uncaught exception; carrying on", exc_info=(kind, value, trace))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:  # the hook's arguments allow an exception type without a value
        log.error("uncaught %s in thread %s; carrying on", args.exc_type.__name__, args.thread)
        return
    log.error("uncaught exception in thread %s; carrying on", args.thread, exc_info=args.exc_value)


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install() -> None:
    """Route exceptions raised in slots, timers and paint events, and Qt's own messages, to the log."""
    sys.excepthook = _log_exception
    threading.excepthook = _log_thread_exception
    qInstallMessageHandler(_qt_message)
