"""``kiosk stats`` as a subprocess on databases built here with the recorder's layout and hand-placed events."""

from __future__ import annotations

import csv
import re
import sqlite3
import subprocess
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.analytics_store import SCHEMA, SCHEMA_VERSION
from kiosk.core.engagement import Event
from kiosk.ui import palette
from kiosk.ui.stats_plot import HOURS_COLOUR, MEDIAN_COLOUR, QUARTILE_COLOUR
from tests.conftest import REPO
from tests.core.test_engagement import DAY, T, booth_events
from tests.headless import colour_shares, headless_env, run_headless
from tests.test_cli_run import kiosk
from tests.test_render_process import png_size

LOCAL_ZONE = "<+02>-02"
"""A POSIX time zone two hours ahead of UTC (needs no zone database): the events' local time."""
ZONE = timezone(timedelta(hours=2))


def write_database(path: Path, kiosk_name: str, events: list[Event]) -> Path:
    """An analytics database as the recorder writes it (WAL mode, meta rows), holding ``events``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("schema_version", str(SCHEMA_VERSION)), ("kiosk", kiosk_name), ("created", "2024-05-01T09:00:00+02:00")],
        )
        connection.executemany(
            "INSERT INTO events (at, kind, visit, theme, slide, language, via, seconds, deck_version)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(e.at, e.kind, e.visit, e.theme, e.slide, e.language, e.via, e.seconds, e.deck_version) for e in events],
        )
    return path


def visits_at(kiosk_name: str, *starts: datetime) -> list[Event]:
    """One 30 s visit on research/1 starting at each of ``starts``."""
    events = []
    for number, start in enumerate(starts, start=1):
        at = start.timestamp()
        events += [
            Event(kiosk_name, at, "visit_start", visit=number),
            Event(kiosk_name, at + 20, "slide_view", visit=number, theme="research", slide=1, via="tap", seconds=20),
            Event(kiosk_name, at + 30, "visit_end", visit=number, theme="research", slide=1, seconds=30),
        ]
    return events


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def stats_env(tmp_path: Path, data_dir: Path) -> dict[str, str]:
    """The kiosk's time zone, ``KIOSK_DATA_DIR`` set and no display of any kind."""
    env = headless_env(tmp_path, data_dir)
    env["TZ"] = LOCAL_ZONE
    return env


def stats(tmp_path: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk stats ARGS`` in the environment of ``stats_env``."""
    return run_headless(stats_env(tmp_path, data_dir), "stats", *args)


def section(output: str, title: str, occurrence: int = 0) -> dict[str, list[str]]:
    """The rows of the table under ``title`` (its ``occurrence``-th), by first cell, cells split on wide gaps."""
    blocks = output.split(f"\n{title}\n")
    assert len(blocks) > occurrence + 1, f"no table {title!r} number {occurrence + 1} in:\n{output}"
    rows: dict[str, list[str]] = {}
    for line in blocks[occurrence + 1].splitlines()[1:]:  # after the header
        if not line.startswith("  "):
            break
        first, *cells = re.split(r"\s{2,}", line.strip())
        rows[first] = cells
    return rows


def test_a_known_database_gives_the_hand_computed_figures(tmp_path: Path, data_dir: Path) -> None:
    write_database(data_dir / "analytics.sqlite", "booth", booth_events())
    result = stats(tmp_path, data_dir)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("booth: 4 visits, median length 60.0 s, 24 events, 2024-05-03 09:59 to 2024-05-04 10:01\n")
    assert "Deck versions shown: 1.2" in out
    # views, median, upper quartile, share of visits reaching the slide
    assert section(out, "Slides seen by visitors") == {
        "research/1": ["4", "40.0", "55.0", "100%"],
        "research/2": ["2", "30.0", "35.0", "50%"],
        "trials/1": ["1", "6.0", "6.0", "25%"],
    }
    assert section(out, "Visits per hour of day") == {"10:00": ["2", "60.0"], "11:00": ["2", "77.5"]}
    assert section(out, "Visits per day") == {"2024-05-03": ["3", "40.0"], "2024-05-04": ["1", "80.0"]}
    assert section(out, "Where visitors left") == {
        "research/1": ["2", "50%"],
        "home": ["1", "25%"],
        "research/2": ["1", "25%"],
    }
    assert section(out, "Languages chosen") == {"fr": ["2", "2"], "nl": ["1", "1"]}
    assert section(out, "Proof of play (auto-play)") == {"research/1": ["2", "16.5"], "research/2": ["1", "8.0"]}
    assert "Auto-play loops: 2 (en 1, fr 1)" in out.splitlines()


def test_databases_of_two_kiosks_merge_by_kiosk_name(tmp_path: Path, data_dir: Path) -> None:
    fleet = tmp_path / "fleet"
    # The booth's log arrived in two files (an old copy and the current one); the lobby numbers its visits from 1 too.
    old, new = booth_events()[:14], booth_events()[14:]
    write_database(fleet / "booth-old.sqlite", "booth", old)
    write_database(fleet / "booth.sqlite", "booth", old + new)
    lobby_day = datetime(2024, 5, 3, 15, 0, tzinfo=ZONE)
    write_database(fleet / "lobby.sqlite", "lobby", visits_at("lobby", lobby_day, lobby_day + timedelta(minutes=5)))
    result = stats(tmp_path, data_dir, *(str(path) for path in sorted(fleet.iterdir())))
    assert result.returncode == 0, result.stderr
    heads = [line.split(",")[0] for line in result.stdout.splitlines() if ": " in line and " visit" in line]
    assert heads == ["booth: 4 visits", "lobby: 2 visits", "All 2 kiosks: 6 visits"]
    booth, lobby, everyone = (section(result.stdout, "Slides seen by visitors", n) for n in range(3))
    assert booth["research/1"] == ["4", "40.0", "55.0", "100%"], "the booth's events count once"
    assert lobby == {"research/1": ["2", "20.0", "20.0", "100%"]}
    # research/1 together: 10, 20, 20, 30, 50, 70 s, reached by all 6 visits; research/2 by 2 of 6.
    assert everyone["research/1"] == ["6", "25.0", "45.0", "100%"]
    assert everyone["research/2"] == ["2", "30.0", "35.0", "33%"]
    assert section(result.stdout, "Visits per hour of day", 2)["15:00"] == ["2", "30.0"]


def test_since_and_until_are_local_days(tmp_path: Path, data_dir: Path) -> None:
    def local(day: int, hour: int, minute: int) -> datetime:
        return datetime(2024, 5, day, hour, minute, tzinfo=ZONE)

    starts = (local(3, 23, 30), local(4, 0, 30), local(4, 23, 30), local(5, 0, 30))
    database = write_database(tmp_path / "booth.sqlite", "booth", visits_at("booth", *starts))
    result = stats(tmp_path, data_dir, str(database), "--since", "2024-05-04", "--until", "2024-05-04")
    assert result.returncode == 0, result.stderr
    assert section(result.stdout, "Visits per day") == {"2024-05-04": ["2", "30.0"]}
    assert section(result.stdout, "Visits per hour of day") == {"00:00": ["1", "30.0"], "23:00": ["1", "30.0"]}
    result = stats(tmp_path, data_dir, str(database), "--since", "2024-05-05")
    assert section(result.stdout, "Visits per day") == {"2024-05-05": ["1", "30.0"]}
    result = stats(tmp_path, data_dir, str(database), "--until", "2024-05-03")
    assert section(result.stdout, "Visits per day") == {"2024-05-03": ["1", "30.0"]}
    result = stats(tmp_path, data_dir, str(database), "--since", "2024-06-01")
    assert (result.returncode, result.stdout) == (0, "No events recorded yet since 2024-06-01.\n")


def test_csv_holds_the_per_slide_figures_with_a_kiosk_column(tmp_path: Path, data_dir: Path) -> None:
    write_database(data_dir / "analytics.sqlite", "booth", booth_events())
    out = tmp_path / "slides.csv"
    result = stats(tmp_path, data_dir, "--csv", str(out))
    assert result.returncode == 0, result.stderr
    assert f"CSV written to {out}" in result.stdout
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(row["kiosk"], row["theme"], row["slide"]) for row in rows] == [
        ("booth", "research", "1"), ("booth", "research", "2"), ("booth", "trials", "1"),
    ]  # fmt: skip
    assert rows[0] == {
        "kiosk": "booth", "theme": "research", "slide": "1", "views": "4", "median_dwell_s": "40.0",
        "upper_quartile_dwell_s": "55.0", "visits_reached": "4", "reached_share": "1.000", "left_from": "2",
        "left_from_share": "0.500", "autoplay_shown": "2", "autoplay_s": "16.5",
    }  # fmt: skip
    assert (rows[2]["views"], rows[2]["reached_share"], rows[2]["left_from"]) == ("1", "0.250", "0")


def test_plot_writes_a_full_hd_chart_of_dwell_and_hours(tmp_path: Path, data_dir: Path) -> None:
    write_database(data_dir / "analytics.sqlite", "booth", booth_events())
    out = tmp_path / "stats.png"
    result = stats(tmp_path, data_dir, "--plot", str(out))
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1920, 1080)
    share = colour_shares(out)
    assert 0.4 < share(palette.BACKGROUND) < 0.97, "a background, and a chart on it"
    assert share(MEDIAN_COLOUR) > 0.01, "median bars (and the title) in white"
    assert share(QUARTILE_COLOUR) > 0.005, "upper-quartile bars"
    assert share(HOURS_COLOUR) > 0.003, "visits per hour"


def test_a_corrupt_database_exits_1_and_the_others_still_count(tmp_path: Path, data_dir: Path) -> None:
    good = write_database(tmp_path / "booth.sqlite", "booth", booth_events())
    corrupt = tmp_path / "lobby.sqlite"
    corrupt.write_bytes(b"not a database " * 300)
    missing = tmp_path / "gone.sqlite"
    result = stats(tmp_path, data_dir, str(corrupt), str(good), str(missing))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("kiosk stats: error:")]
    assert [line.split(": ")[2] for line in errors] == [f"cannot read {corrupt}", f"cannot read {missing}"]
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("booth: 4 visits")


def test_with_nothing_recorded_it_says_so_and_exits_0(tmp_path: Path, data_dir: Path) -> None:
    result = stats(tmp_path, data_dir)
    assert (result.returncode, result.stdout) == (0, "No events recorded yet.\n"), result.stderr
    assert not (data_dir / "analytics.sqlite").exists(), "looking creates no database"
    write_database(data_dir / "analytics.sqlite", "booth", [])
    result = stats(tmp_path, data_dir)
    assert (result.returncode, result.stdout) == (0, "No events recorded yet.\n"), result.stderr


def test_many_databases_show_progress_on_one_line(tmp_path: Path, data_dir: Path) -> None:
    start = datetime.fromtimestamp(T + DAY, ZONE)
    paths = [str(write_database(tmp_path / f"k{n}.sqlite", f"k{n}", visits_at(f"k{n}", start))) for n in range(4)]
    env = stats_env(tmp_path, data_dir)
    raw = subprocess.run(kiosk("stats", *paths), env=env, cwd=REPO, capture_output=True, timeout=60)
    assert raw.returncode == 0, raw.stderr
    stderr = raw.stderr.decode()
    assert stderr.count("\n") == 1 and stderr.rstrip().endswith("\rread 4 databases"), "one line, rewritten in place"
    assert [f"\rreading {n}/4: {path}" in stderr for n, path in enumerate(paths, start=1)] == [True] * 4
    assert raw.stdout.decode().count("All 4 kiosks: 4 visits") == 1
    result = stats(tmp_path, data_dir, *paths[:2])
    assert result.stderr == "", "a few databases read quietly when stderr is no terminal"


@pytest.mark.parametrize(
    "args",
    [["--since", "May"], ["--until", "2024-5-3"], ["--since", "20240503"], ["--since", "2024-02-30"], ["--plot"],
     ["--since"], ["--since", "2024-05-04", "--until", "2024-05-03"]],
)  # fmt: skip
def test_usage_errors_exit_2(tmp_path: Path, data_dir: Path, args: list[str]) -> None:
    result = stats(tmp_path, data_dir, *args)
    assert result.returncode == 2
    assert re.match(r"(usage: kiosk|kiosk stats: error: --since)", result.stderr), result.stderr
