"""On-demand soak: ``kiosk run`` in kiosk mode auto-plays through 10,000 transitions; speed, errors, memory growth.

Not collected by the default test run (pyproject.toml ignores tests/perf); run with::

    python -m pytest tests/perf/test_soak.py -s     # -s, or the figures stay hidden
    python tests/perf/test_soak.py                  # the same as a script; --help for options

A short calibration run first measures the transition rate on this machine, so
that the long run's ``--exit-after`` fits 10,000 transitions (capped at 25 minutes).
Both runs play a copy of the bundled deck with ``--autoplay --slide-duration 0.05
--diagnostics FILE`` on Qt's offscreen plugin with a 1920x1080 screen; the copy,
the platform and the runner come from test_player_benchmark.py (``snapshot_deck``,
``open_platform``, ``run_program``).

Printed, as PASS or FAIL against the targets, never asserted:

- transitions per second (after the first paint): target >= 10
- errors logged: target 0
- RSS growth from the 500th transition to the end: target < 10 MiB

The test asserts only that both runs exited with 0 by themselves and wrote their JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

if __package__ in (None, ""):  # run as a script: make ``tests`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf import test_player_benchmark as bench  # noqa: E402

TARGET_TRANSITIONS = 10_000
SLIDE_S = 0.05
CALIBRATION_S = 20.0
"""Long enough to pass the first loops, which run quicker than the rest on this deck."""
CAP_S = 25 * 60.0
MARGIN = 1.3
"""Run this much longer than the calibration says 10,000 transitions need (the rate sags on a busy machine)."""
EXTRA_S = 5.0
BASELINE_TRANSITION = 500
"""Memory is compared from this transition on: before it, caches and fonts are still filling."""
MIN_RATE = 10.0
MAX_ERRORS = 0
MAX_GROWTH_MIB = 10.0


@dataclass
class SoakFigures:
    """What one run's diagnostics say."""

    exit_after_s: float
    transitions: int
    first_paint_s: float
    errors: int
    rss_samples: dict[int, float]
    final_rss_mib: float
    peak_rss_mib: float

    @classmethod
    def of(cls, run: bench.Run, exit_after_s: float) -> SoakFigures:
        d = run.diagnostics or {}
        return cls(
            exit_after_s=exit_after_s,
            transitions=int(d.get("transitions", 0)),
            first_paint_s=float(d.get("first_paint_s", 0.0)),
            errors=int(d.get("errors", -1)),
            rss_samples={int(k): float(v) for k, v in dict(d.get("rss_mib_at_transition", {})).items()},
            final_rss_mib=float(d.get("final_rss_mib", 0.0)),
            peak_rss_mib=float(d.get("peak_rss_mib", 0.0)),
        )

    @property
    def playing_s(self) -> float:
        """Seconds of auto-play: from the first paint to the timed exit."""
        return max(0.001, self.exit_after_s - self.first_paint_s)

    @property
    def rate(self) -> float:
        """Transitions per second of auto-play."""
        return self.transitions / self.playing_s

    @property
    def baseline_rss_mib(self) -> float | None:
        return self.rss_samples.get(BASELINE_TRANSITION)

    @property
    def growth_mib(self) -> float | None:
        baseline = self.baseline_rss_mib
        return None if baseline is None else self.final_rss_mib - baseline


def exit_after_for(calibration: SoakFigures) -> float:
    """Seconds of run that fit TARGET_TRANSITIONS at the calibrated rate, with a margin; at most CAP_S."""
    if calibration.transitions <= 0:
        return CAP_S
    needed = TARGET_TRANSITIONS / calibration.rate * MARGIN + calibration.first_paint_s + EXTRA_S
    return float(min(CAP_S, math.ceil(needed)))


def soak_argv(deck: Path, exit_after_s: float, diagnostics: Path) -> list[str]:
    """``kiosk run DECK`` in kiosk mode (no --windowed), auto-playing quick slides until ``exit_after_s``."""
    options = ["--autoplay", "--slide-duration", f"{SLIDE_S:g}", "--exit-after", f"{exit_after_s:g}"]
    return [sys.executable, "-m", "kiosk", "run", str(deck), *options, "--diagnostics", str(diagnostics)]


def verdict(passed: bool | None) -> str:
    return "n/a " if passed is None else ("PASS" if passed else "FAIL")


def report(figures: SoakFigures, calibration: SoakFigures, run: bench.Run) -> str:
    growth, baseline = figures.growth_mib, figures.baseline_rss_mib
    lines = [
        "",
        "-" * 78,
        f"kiosk soak: kiosk mode, --autoplay --slide-duration {SLIDE_S:g}, --exit-after {figures.exit_after_s:g} "
        f"(calibration: {calibration.transitions} transitions in {calibration.exit_after_s:g} s "
        f"= {calibration.rate:.1f}/s)",
        "-" * 78,
        f"transitions:              {figures.transitions} (wanted {TARGET_TRANSITIONS})",
        f"transitions per second:   {figures.rate:.2f} over {figures.playing_s:.0f} s of auto-play",
        f"errors:                   {figures.errors}",
        f"RSS at transition {BASELINE_TRANSITION}:   "
        + ("n/a (not reached)" if baseline is None else f"{baseline:.1f} MiB"),
        f"RSS at the end:           {figures.final_rss_mib:.1f} MiB (peak {figures.peak_rss_mib:.1f} MiB)",
        "RSS growth 500 -> end:    " + ("n/a" if growth is None else f"{growth:+.1f} MiB"),
        "RSS samples (transition: MiB): "
        + ", ".join(f"{n}: {mib:.1f}" for n, mib in sorted(figures.rss_samples.items())),
        f"wall time {run.wall_s:.0f} s, CPU {run.rusage_cpu_s:.0f} s, exit code {run.returncode}",
        "-" * 78,
        f"{verdict(figures.rate >= MIN_RATE)} transitions per second >= {MIN_RATE:g} ({figures.rate:.2f})",
        f"{verdict(figures.errors <= MAX_ERRORS)} errors == {MAX_ERRORS} ({figures.errors})",
        f"{verdict(None if growth is None else growth < MAX_GROWTH_MIB)} RSS growth after transition "
        f"{BASELINE_TRANSITION} < {MAX_GROWTH_MIB:g} MiB (" + ("n/a" if growth is None else f"{growth:+.1f} MiB") + ")",
        f"{verdict(figures.transitions >= TARGET_TRANSITIONS)} reached {TARGET_TRANSITIONS} transitions "
        f"({figures.transitions})",
        "-" * 78,
    ]
    return "\n".join(lines)


def run_soak(workdir: Path, progress: bool = True) -> tuple[bench.Run, bench.Run, str]:
    """Calibrate, then soak; returns both runs and the report."""

    def say(text: str) -> None:
        if progress:
            print(f"[soak] {text}", flush=True)

    # A copy of slides/: the same deck for both runs, and no hot reload while someone edits slides/.
    deck, deck_id = bench.snapshot_deck(workdir)
    say(f"deck: a copy of slides/ ({deck_id})")
    with bench.open_platform("offscreen", workdir) as platform:
        say(f"calibrating for {CALIBRATION_S:g} s on {platform.description}")
        calibration_run = bench.run_program(
            "soak calibration",
            soak_argv(deck, CALIBRATION_S, workdir / "calibration.json"),
            platform.env,
            workdir,
            CALIBRATION_S,
        )
        if not calibration_run.ok:
            return calibration_run, calibration_run, calibration_run.problem()
        calibration = SoakFigures.of(calibration_run, CALIBRATION_S)
        exit_after = exit_after_for(calibration)
        say(
            f"calibration: {calibration.transitions} transitions, {calibration.rate:.1f}/s; "
            f"soaking for {exit_after:g} s ({exit_after / 60:.1f} min)"
        )
        run = bench.run_program(
            "soak", soak_argv(deck, exit_after, workdir / "soak.json"), platform.env, workdir, exit_after
        )
    if not run.ok:
        return calibration_run, run, run.problem()
    return calibration_run, run, report(SoakFigures.of(run, exit_after), calibration, run)


@pytest.mark.perf
def test_soak_10000_transitions(tmp_path: Path) -> None:
    """Prints the soak figures; asserts only that both runs exited with 0 and wrote their JSON."""
    calibration, run, text = run_soak(tmp_path)
    print(text)
    assert calibration.ok, calibration.problem()
    assert run.ok, run.problem()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Soak kiosk run through 10,000 auto-play transitions.")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the JSON files and logs in DIR")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        if args.keep is not None:
            workdir = args.keep.resolve()
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-soak-")))
        calibration, run, text = run_soak(workdir)
        print(text, flush=True)
    return 0 if calibration.ok and run.ok else 1


if __name__ == "__main__":
    sys.exit(main())
