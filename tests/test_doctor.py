"""``kiosk doctor``: each check's OK/WARN/FAIL on crafted inputs, and the whole command as a process."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.deck import load_deck
from kiosk.deck.schema import OpeningHours, Schedule
from kiosk.doctor import (
    Status,
    check_clock,
    check_deck,
    check_display,
    check_exit_pin,
    check_folders,
    check_fonts,
    check_hours,
    check_images,
    check_screen,
    check_speech,
    x_display_answers,
)
from kiosk.paths import resource
from kiosk.ui.palette import FONT_FILES
from tests.conftest import REPO
from tests.test_cli_run import kiosk, kiosk_env

DECK_YAML = "title: Doctor\nlanguages: [en]\nthemes: [themes/t.yaml]\n"
STATEMENT = "id: t\ntitle: T\nslides:\n  - kind: statement\n    heading: One\n    body: The first slide.\n"
NO_SOURCE_FIGURE = (
    "id: t\ntitle: T\nslides:\n  - kind: figures\n    heading: Numbers\n"
    "    figures:\n      - value: 5\n        label: things\n"
)
IMAGE_SLIDE = "id: t\ntitle: T\nslides:\n  - kind: image\n    heading: A picture\n    image: images/picture.png\n"
MONDAY_NOON = datetime(2026, 11, 30, 12, 0)
SATURDAY_NOON = datetime(2026, 12, 5, 12, 0)
WEEKDAYS = (0, 1, 2, 3, 4)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def write_deck(folder: Path, theme: str, files: dict[str, str] | None = None) -> Path:
    """A deck folder with one theme file and extra files; returns its deck.yaml."""
    (folder / "themes").mkdir(parents=True)
    (folder / "deck.yaml").write_text(DECK_YAML, encoding="utf-8")
    (folder / "themes" / "t.yaml").write_text(theme, encoding="utf-8")
    for name, content in (files or {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
    return folder / "deck.yaml"


def hours(*entries: tuple[tuple[int, ...], str, str]) -> Schedule:
    def minutes(text: str) -> int:
        hour, minute = text.split(":")
        return int(hour) * 60 + int(minute)

    return Schedule(hours=tuple(OpeningHours(days, minutes(start), minutes(end)) for days, start, end in entries))


# -- the deck and its pictures -----------------------------------------------------------------


def test_the_deck_check_passes_a_valid_deck_warns_of_warnings_and_fails_an_invalid_one(
    bundled_deck: Path, tmp_path: Path
) -> None:
    assert check_deck(load_deck(bundled_deck)) == (Status.OK, "valid: 4 themes, 16 slides")

    status, message = check_deck(load_deck(write_deck(tmp_path / "warned", NO_SOURCE_FIGURE)))
    assert status is Status.WARN
    assert "1 warnings" in message and "no source" in message

    status, message = check_deck(load_deck(write_deck(tmp_path / "broken", "id: t\ntitle: T\nslides: [\n")))
    assert status is Status.FAIL
    assert message.startswith("invalid: themes/t.yaml:")


def test_the_images_check_fails_a_picture_that_qt_cannot_open(bundled_deck: Path, tmp_path: Path, qapp: object) -> None:
    assert check_images(load_deck(bundled_deck).require()) == (Status.OK, "every picture opens")

    deck_file = write_deck(tmp_path / "deck", IMAGE_SLIDE, {"images/picture.png": "this is no picture"})
    status, message = check_images(load_deck(deck_file).require())
    assert status is Status.FAIL
    assert "'picture.png'" in message and "not an image" in message


# -- fonts, display, screen ---------------------------------------------------------------------


def test_the_fonts_check_warns_when_a_bundled_font_is_missing_or_does_not_load(tmp_path: Path, qapp: object) -> None:
    bundled = [resource(f"fonts/{name}") for name in FONT_FILES]
    assert check_fonts(bundled) == (Status.OK, "3 bundled fonts load")

    not_a_font = tmp_path / "Broken.otf"
    not_a_font.write_text("not a font", encoding="utf-8")
    status, message = check_fonts([bundled[0], tmp_path / "Gone.otf", not_a_font])
    assert status is Status.WARN
    assert "Gone.otf is missing" in message and "Broken.otf does not load" in message
    assert "Inter-Regular.otf" not in message


def loads_all_but(*missing: str) -> Callable[[str], bool]:
    return lambda soname: soname not in missing


def test_the_display_check_names_missing_libraries_and_a_display_that_does_not_answer() -> None:
    x11 = {"DISPLAY": ":7"}
    every_library = loads_all_but()

    assert check_display({"QT_QPA_PLATFORM": "offscreen"}).status is Status.WARN
    assert "no display" in check_display({"QT_QPA_PLATFORM": "offscreen"}).message

    status, message = check_display(x11, "linux", loads_all_but("libxcb-cursor.so.0"), lambda display: True)
    assert status is Status.FAIL and "libxcb-cursor0" in message

    status, message = check_display(x11, "linux", every_library, lambda display: False)
    assert status is Status.FAIL and "X display :7 does not answer" in message

    asked: list[str] = []

    def answers(display: str) -> bool:
        asked.append(display)
        return True

    assert check_display(x11, "linux", every_library, answers).status is Status.OK
    assert asked == [":7"]

    status, message = check_display({}, "linux", every_library, lambda display: True)
    assert status is Status.FAIL and "neither DISPLAY nor WAYLAND_DISPLAY" in message


def test_on_windows_and_macos_the_display_check_loads_no_x11_library() -> None:
    def no_loading(soname: str) -> bool:
        raise AssertionError(f"{soname} was loaded")

    for platform in ("win32", "darwin"):
        assert check_display({}, platform, no_loading, no_loading).status is Status.OK


def test_an_x_display_without_a_server_does_not_answer(tmp_path: Path) -> None:
    unused = next(n for n in range(4242, 4300) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    assert x_display_answers(f":{unused}") is False


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_a_running_x_server_answers() -> None:
    # -displayfd: Xvfb picks a free display and writes its number once it accepts connections.
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "640x480x24"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        number = server.stdout.readline().strip()
        assert number.isdigit()
        assert x_display_answers(f":{number}") is True
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_screen_check_gives_size_and_orientation_and_warns_below_720p() -> None:
    assert check_screen((1920, 1080)) == (Status.OK, "1920x1080 landscape")
    assert check_screen((1080, 1920)) == (Status.OK, "1080x1920 portrait")
    assert check_screen((1280, 720)).status is Status.OK
    status, message = check_screen((1024, 768))
    assert status is Status.WARN and message.startswith("1024x768 landscape") and "1280x720" in message
    assert check_screen((700, 1280)).status is Status.WARN  # portrait, too narrow
    assert check_screen(None).status is Status.FAIL


# -- clock, folders, PIN, hours ---------------------------------------------------------------


def test_the_clock_check_fails_a_clock_before_the_deck_files_or_the_release(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "deck", STATEMENT)
    changed = datetime(2027, 3, 1, 10, 0).timestamp()
    os.utime(deck_file.parent / "themes" / "t.yaml", (changed, changed))

    status, message = check_clock(deck_file.parent, clock=lambda: changed - 3600)
    assert status is Status.FAIL
    assert "2027-03-01 09:00" in message and "before themes/t.yaml was changed (2027-03-01 10:00)" in message

    status, message = check_clock(deck_file.parent, clock=lambda: datetime(2001, 1, 1).timestamp())
    assert status is Status.FAIL and "before this version of kiosk" in message

    assert check_clock(deck_file.parent, clock=lambda: changed + 1) == (Status.OK, "2027-03-01 10:00")
    # A copy from a machine whose clock runs a few seconds ahead is no reason to stop.
    assert check_clock(deck_file.parent, clock=lambda: changed - 5).status is Status.OK


def test_the_folders_check_fails_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    logs, data = tmp_path / "state" / "kiosk", tmp_path / "data"
    status, message = check_folders({"log and state": logs, "data": data})
    assert status is Status.OK and logs.is_dir() and data.is_dir()
    assert list(logs.iterdir()) == [], "the check leaves nothing behind"

    regular_file = tmp_path / "a-file"
    regular_file.write_text("", encoding="utf-8")
    status, message = check_folders({"log and state": logs, "data": regular_file / "kiosk"})
    assert status is Status.FAIL
    assert f"the data folder {regular_file / 'kiosk'} is not writable" in message

    # A folder that is there but takes no new file (even for root, as on a read-only file system).
    if Path("/proc/self").is_dir():
        assert check_folders({"log and state": Path("/proc/self")}).status is Status.FAIL


def test_the_exit_pin_check_warns_without_a_pin_and_never_shows_it() -> None:
    assert check_exit_pin("2468", {}) == (Status.OK, "set by the deck (kiosk.exit_pin)")
    assert check_exit_pin(None, {"KIOSK_EXIT_PIN": "97531"}) == (Status.OK, "set by KIOSK_EXIT_PIN")

    status, message = check_exit_pin(None, {})
    assert status is Status.WARN and "kiosk mode cannot be left" in message

    status, message = check_exit_pin("2468", {"KIOSK_EXIT_PIN": "12ab"})
    assert status is Status.WARN and "KIOSK_EXIT_PIN is not 4 to 12 digits" in message and "the deck" in message
    assert "12ab" not in message and "2468" not in message


def test_the_hours_check_says_when_the_display_is_open_today() -> None:
    assert check_hours(None, MONDAY_NOON) == (Status.OK, "no schedule: always open")
    office = hours((WEEKDAYS, "09:00", "17:00"))
    assert check_hours(office, MONDAY_NOON) == (Status.OK, "open 09:00\u201317:00 today")
    assert check_hours(office, SATURDAY_NOON) == (Status.OK, "closed all day today")
    late = hours((EVERY_DAY, "22:00", "02:00"))
    assert check_hours(late, MONDAY_NOON) == (Status.OK, "open 00:00\u201302:00, 22:00\u201324:00 today")
    assert check_hours(hours((EVERY_DAY, "00:00", "24:00")), MONDAY_NOON) == (Status.OK, "open all day today")


# -- the command --------------------------------------------------------------------------------


def doctor(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = kiosk_env(tmp_path)
    environment.pop("KIOSK_EXIT_PIN", None)
    environment.update(KIOSK_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run(kiosk("doctor", *args), env=environment, cwd=REPO, capture_output=True, text=True, timeout=60)


def lines_by_check(output: str) -> dict[str, str]:
    """``{check: status}`` from the doctor's lines."""
    return {line.split()[1]: line.split()[0] for line in output.splitlines()}


def test_the_bundled_deck_passes_the_doctor_offscreen(bundled_deck: Path, tmp_path: Path) -> None:
    done = doctor(tmp_path, str(bundled_deck))
    assert done.returncode == 0, done.stdout + done.stderr
    statuses = lines_by_check(done.stdout)
    assert list(statuses) == [
        "deck", "display", "images", "fonts", "screen", "speech", "clock", "folders", "exit", "hours"
    ]  # fmt: skip
    assert statuses["deck"] == statuses["images"] == statuses["fonts"] == statuses["folders"] == "OK"
    assert statuses["display"] == "WARN", "offscreen is no display"
    assert statuses["exit"] == "WARN", "the bundled deck sets no exit PIN"
    assert "Traceback" not in done.stderr


def test_a_broken_deck_and_an_unwritable_folder_fail_the_doctor(tmp_path: Path) -> None:
    deck_file = write_deck(tmp_path / "deck", "id: t\ntitle: T\nslides: [\n")
    regular_file = tmp_path / "a-file"
    regular_file.write_text("", encoding="utf-8")
    done = doctor(tmp_path, str(deck_file), KIOSK_LOG_DIR=str(regular_file / "logs"))
    assert done.returncode == 1
    statuses = lines_by_check(done.stdout)
    assert statuses["deck"] == statuses["folders"] == "FAIL"
    assert statuses["images"] == "WARN"  # not checked
    assert "Traceback" not in done.stderr


def test_without_any_display_the_doctor_fails_it_but_still_runs_every_check(tmp_path: Path) -> None:
    # Qt would abort on a display that is not there: the doctor says so and carries on offscreen.
    environment = {name: "" for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = doctor(tmp_path, **environment)
    assert done.returncode == 1, done.stdout + done.stderr
    statuses = lines_by_check(done.stdout)
    assert statuses["display"] == "FAIL" and statuses["fonts"] == "OK" and len(statuses) == 10


def test_the_speech_check_names_the_engine_and_the_languages_without_a_voice(qapp: object) -> None:
    pytest.importorskip("PySide6.QtTextToSpeech", reason="needs PySide6-Addons (the speech extra)")
    # Qt's test engine speaks English (and a few Nordic languages), not French
    assert check_speech(["en"], engine_name="mock") == (Status.OK, "reading aloud with mock")
    assert check_speech(["en", "fr-BE"], engine_name="mock") == (
        Status.WARN,
        "reading aloud with mock; no voice for fr-BE",
    )


def test_without_an_engine_the_speech_check_says_the_button_stays_hidden_and_why(qapp: object) -> None:
    status, message = check_speech(["en"], engine_name="no-such-engine")
    assert status is Status.WARN
    assert message.startswith("no reading aloud, the button stays hidden: ")
    assert "no-such-engine" in message or "QtTextToSpeech cannot be loaded" in message
