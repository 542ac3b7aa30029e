"""``kiosk rehearsals`` as a real process on a recorded history: the text, the CSV, the chart and usage errors."""

from __future__ import annotations

import csv
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.core.rehearsals import RehearsalRun, RehearsalSlide
from kiosk.rehearsal_store import DATABASE_NAME, RehearsalStore
from kiosk.ui import palette
from tests.headless import colour_shares, headless_env, run_headless
from tests.test_render_process import png_size

BOOTH = "/decks/booth"
LOBBY = "/decks/lobby"
DAY_ONE = datetime(2024, 5, 3, 14, 0, tzinfo=timezone(timedelta(hours=2)))
TARGETS = (60.0, 30.0, 90.0)


def a_run(day: int, spent: tuple[float, float, float], deck_path: str = BOOTH) -> RehearsalRun:
    """A run ``day`` days after the first, of three slides with targets 60, 30 and 90 s."""
    started = DAY_ONE + timedelta(days=day)
    keys, headings = ("research/1", "research/2", "trials/1"), ("Welcome", "Faster", "Trials")
    slides = tuple(RehearsalSlide(*row, 1) for row in zip(keys, headings, TARGETS, spent, strict=True))
    return RehearsalRun(started, started + timedelta(seconds=sum(spent)), "Booth talk", deck_path, "en",
                        sum(spent), slides)  # fmt: skip


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def history(data_dir: Path) -> list[RehearsalRun]:
    """Three runs of the booth deck (totals 241, 215, 195 s) and, before the last, one of the lobby deck."""
    store = RehearsalStore(data_dir / DATABASE_NAME)
    runs = [a_run(0, (90, 51, 100)), a_run(1, (80, 35, 100)), a_run(1, (5, 5, 5), LOBBY), a_run(2, (70, 25, 100))]
    return [kept for run in runs if (kept := store.record(run)) is not None]


def rehearsals(tmp_path: Path, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``kiosk rehearsals ARGS`` with ``KIOSK_DATA_DIR`` set and no display of any kind."""
    return run_headless(headless_env(tmp_path, data_dir), "rehearsals", *args)


def test_with_nothing_recorded_it_says_so_and_exits_0(tmp_path: Path, data_dir: Path) -> None:
    result = rehearsals(tmp_path, data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("No rehearsal recorded yet")
    assert not (data_dir / DATABASE_NAME).exists(), "looking creates no database"


def test_the_last_run_against_targets_and_the_earlier_runs(
    tmp_path: Path, data_dir: Path, history: list[RehearsalRun]
) -> None:
    result = rehearsals(tmp_path, data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Last rehearsal: Booth talk (en), 2024-05-05 14:00 to 14:03"
    rows = {line.split()[0]: line.split()[1:] for line in lines[3:6]}
    # research/1: 70 s on a 60 s target, the earlier booth runs took 90 and 80 s; their totals average 228 s.
    assert rows["research/1"] == ["Welcome", "1:10", "1:00", "+0:10", "1:25", "long"]
    assert rows["research/2"] == ["Faster", "0:25", "0:30", "-0:05", "0:43"]
    assert rows["trials/1"] == ["Trials", "1:40", "1:30", "+0:10", "1:40", "long"]
    total = next(line for line in lines if line.startswith("total"))
    assert total.split() == ["total", "3:15", "3:00", "+0:15", "3:48"], "the lobby run is not among the previous"
    assert "Over target: research/1 +0:10, trials/1 +0:10" in lines
    assert "Against the previous 2 runs (3:48): -0:33, tighter" in lines
    assert "(1 run of another deck is not shown: choose a deck with --deck.)" in lines


def test_deck_chooses_whose_runs_are_shown(tmp_path: Path, data_dir: Path, history: list[RehearsalRun]) -> None:
    lobby = tmp_path / "lobby"
    lobby.mkdir()
    store = RehearsalStore(data_dir / DATABASE_NAME)
    store.record(a_run(3, (61, 31, 91), str(lobby.resolve())))
    result = rehearsals(tmp_path, data_dir, "--deck", str(lobby / "deck.yaml"), "--last", "1")
    assert result.returncode == 0, result.stderr
    assert next(line for line in result.stdout.splitlines() if line.startswith("total")).split()[1] == "3:03"
    result = rehearsals(tmp_path, data_dir, "--deck", str(tmp_path / "elsewhere"))
    assert (result.returncode, result.stdout.split(":")[0]) == (
        0,
        f"No rehearsal recorded yet for {tmp_path}/elsewhere",
    )


def test_csv_holds_one_row_per_run_and_slide_oldest_first(
    tmp_path: Path, data_dir: Path, history: list[RehearsalRun]
) -> None:
    out = tmp_path / "history.csv"
    result = rehearsals(tmp_path, data_dir, "--csv", str(out), "--last", "2")
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(row["started_at"][:10], row["slide"]) for row in rows] == [
        ("2024-05-04", "research/1"), ("2024-05-04", "research/2"), ("2024-05-04", "trials/1"),
        ("2024-05-05", "research/1"), ("2024-05-05", "research/2"), ("2024-05-05", "trials/1"),
    ]  # fmt: skip
    last = rows[3]
    assert (last["run_id"], last["deck_path"], last["heading"]) == (str(history[-1].id), BOOTH, "Welcome")
    assert (last["target_s"], last["spent_s"], last["over_s"], last["visits"]) == ("60.0", "70.0", "10.0", "1")
    assert last["run_total_s"] == "195.0" and last["started_at"] == "2024-05-05T14:00:00+02:00"


def test_plot_writes_a_full_hd_chart_with_bars_targets_and_overruns(
    tmp_path: Path, data_dir: Path, history: list[RehearsalRun]
) -> None:
    out = tmp_path / "chart.png"
    result = rehearsals(tmp_path, data_dir, "--plot", str(out))
    assert result.returncode == 0, result.stderr
    assert png_size(out) == (1920, 1080)
    share = colour_shares(out)
    assert 0.4 < share(palette.BACKGROUND) < 0.95, "a background, and a chart on it"
    assert share(palette.TEXT) > 0.005, "the last run's bars (and the title) in white"
    assert share(palette.CONFIRM_PRESSED) > 0.0005, "a target line per slide"
    assert share(palette.ALERT_TEXT) > 0.0005, "the last run's time over target"


def test_an_unreadable_history_is_an_error_not_a_traceback(tmp_path: Path, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DATABASE_NAME).write_bytes(b"no database here " * 100)
    result = rehearsals(tmp_path, data_dir)
    assert result.returncode == 1
    assert result.stderr.startswith("kiosk rehearsals: error: cannot read") and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["--last", "0"], ["--last", "two"], ["--plot"], ["--since", "May"]])
def test_usage_errors_exit_2(tmp_path: Path, data_dir: Path, args: list[str]) -> None:
    result = rehearsals(tmp_path, data_dir, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: kiosk")
