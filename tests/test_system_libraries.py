"""On X11 a missing system library is named in one line, instead of Qt's abort."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli
from kiosk.system_libraries import (
    XCB_LIBRARIES,
    check_display_libraries,
    loadable,
    missing_x11_libraries,
    uses_x11,
)


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb:nograb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_x11_is_checked_only_where_qt_will_use_it(environ: dict[str, str], platform: str, expected: bool) -> None:
    assert uses_x11(environ, platform) is expected


def test_missing_libraries_are_named_with_their_debian_packages_in_one_line() -> None:
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"}
    message = check_display_libraries({"DISPLAY": ":0"}, load=lambda soname: soname not in absent)
    assert message is not None and "\n" not in message
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert message.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1")


def test_nothing_is_said_when_everything_loads_or_x11_is_not_used() -> None:
    assert check_display_libraries({"DISPLAY": ":0"}, load=lambda soname: True) is None
    assert check_display_libraries({"QT_QPA_PLATFORM": "offscreen"}, load=lambda soname: False) is None


def test_the_table_covers_what_the_installed_xcb_plugin_links() -> None:
    """Every xcb, X11, xkb, GL and fontconfig library the plugin links is in the table (read with ldd)."""
    import shutil
    import subprocess

    import PySide6

    ldd = shutil.which("ldd")
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if ldd is None or not plugin.is_file():
        pytest.skip("needs ldd and the Linux xcb plugin")
    linked = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False).stdout
    qpa = Path(PySide6.__file__).parent / "Qt" / "lib" / "libQt6XcbQpa.so.6"
    if qpa.is_file():
        linked += subprocess.run([ldd, str(qpa)], capture_output=True, text=True, check=False).stdout
    names = {line.split()[0] for line in linked.splitlines() if line.strip()}
    relevant = {n for n in names if n.startswith(("libxcb", "libX11", "libxkbcommon", "libGL.", "libEGL", "libfontc"))}
    assert relevant <= XCB_LIBRARIES.keys()


def test_on_this_machine_the_libraries_the_tests_need_load() -> None:
    assert loadable("libfontconfig.so.1")
    assert not loadable("libkiosk-no-such-library.so.9")
    assert "libkiosk-no-such-library.so.9" not in missing_x11_libraries()


def test_kiosk_run_on_x11_without_the_libraries_exits_1_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], bundled_deck: Path
) -> None:
    from kiosk import system_libraries

    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(system_libraries, "loadable", lambda soname: soname != "libxcb-icccm.so.4")
    assert cli.main(["run", str(bundled_deck), "--windowed"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "libxcb-icccm.so.4" in err and "apt-get install libxcb-icccm4" in err
