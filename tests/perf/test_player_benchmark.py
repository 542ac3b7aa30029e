"""On-demand benchmarks of ``kiosk run``, each against a bare PySide6 window measured in the same run.

Not collected by the default test run (pyproject.toml ignores tests/perf); run with::

    python -m pytest tests/perf -s              # every platform available (offscreen, and Xvfb when installed)
    python tests/perf/test_player_benchmark.py  # the same as a script; --help for options

Figures (see README.md beside this file):

1. first paint: process start to first painted frame, ``kiosk run slides --windowed --exit-after 3``
   against ``bare_window.py --windowed``, alternating, medians; target kiosk <= 1.5 x bare.
2. frame times during transitions at 1920x1080: ``kiosk run slides --autoplay --slide-duration 1
   --exit-after 20`` in kiosk mode (full screen); target p95 < 16.7 ms. The floor is the bare
   window repainting all of its 1920x1080 pixels every 16 ms (``--animate``).
3. peak memory: kiosk's ``peak_rss_mib`` against the bare window's in the same situation;
   target kiosk <= bare + 40 MiB.
4. CPU: ``kiosk run slides --autoplay --slide-duration 5 --exit-after 25`` (full screen), user+sys
   time from /proc/PID/stat between 5 s and 25 s after the start, as % of one core; target < 4 %.
   The bare full-screen window, idle, is measured the same way.

Each platform's suite plays a copy of slides/ taken at its start (the same deck for every run).
The benchmarks assert only that every run exited with 0 and wrote its JSON: the
comparisons with the targets are printed, as PASS or FAIL, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import os
import platform as platform_module
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BARE_WINDOW = HERE / "bare_window.py"
SIZES = {"1080p": (1920, 1080), "4k": (3840, 2160)}
"""Screen sizes by name (``--size 1080p 4k`` or ``--size 2560x1440``); both by default."""
DEFAULT_SIZES = ("1080p", "4k")
PLATFORMS = ("offscreen", "xvfb")

FIRST_PAINT_REPEATS = 5
FIRST_PAINT_EXIT_AFTER_S = 3.0
FRAMES_EXIT_AFTER_S = 22.0
FRAMES_SLIDE_S = 1.0
CPU_EXIT_AFTER_S = 25.0
CPU_SLIDE_S = 5.0
CPU_WINDOW_S = (5.0, 25.0)
"""Seconds after the start between which CPU time is counted."""
PSS_AT_S = tuple(15.0 + step / 2 for step in range(13))
"""Seconds after the start at which proportional set size is read from /proc/PID/smaps_rollup: every 0.5 s from 15
to 21 s. The median counts: what the kiosk holds most of the time, whether a reading falls inside a transition
(which holds a picture of the leaving slide for a moment) or not."""

FIRST_PAINT_MAX_RATIO = 1.5
FRAME_P95_MAX_MS = 16.7
FRAME_P99_MAX_MS = 25.0
MEMORY_MAX_EXTRA_MIB = 40.0
"""PSS after 20 s of auto-play, and peak RSS at screens up to 1920x1080, against the bare window."""
PEAK_LARGE_SCREEN_MAX_EXTRA_MIB = 80.0
"""Peak RSS during transitions on screens larger than 1920x1080 (4K), against the bare window."""
CPU_MAX_PERCENT = 4.0

CONTRACT_KEYS = ("first_paint_s", "frames", "frame_ms", "transitions", "peak_rss_mib", "errors")
"""The keys of the diagnostics contract (DESIGN.md); both programs write them."""
GRACE_S = 30.0
"""Seconds past --exit-after before a run that has not quit is stopped and counted as failed."""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BUSY_LOAD_SHARE = 0.5
"""A load average above this share of the CPUs, before or after, gets a warning in the report."""


# -- running one program --------------------------------------------------------------------------


@dataclasses.dataclass
class Run:
    """One program run: its exit, its diagnostics JSON and what was measured from outside."""

    name: str
    argv: list[str]
    returncode: int | None = None
    diagnostics: dict | None = None
    wall_s: float = 0.0
    rusage_cpu_s: float = 0.0
    rusage_maxrss_mib: float = 0.0
    cpu_samples_s: dict[float, float | None] = dataclasses.field(default_factory=dict)
    server_cpu_samples_s: dict[float, float | None] = dataclasses.field(default_factory=dict)
    memory_samples_mib: dict[float, dict[str, float] | None] = dataclasses.field(default_factory=dict)
    """{seconds after the start: {"pss": MiB, "rss": MiB}} from /proc/PID/smaps_rollup."""
    stopped: str = ""
    log: Path | None = None

    @property
    def ok(self) -> bool:
        """Exited with 0 by itself and wrote JSON with every key of the contract."""
        return (
            self.returncode == 0
            and not self.stopped
            and self.diagnostics is not None
            and all(key in self.diagnostics for key in CONTRACT_KEYS)
        )

    def problem(self) -> str:
        """Why the run does not count, with the end of its log."""
        if self.ok:
            return ""
        if self.stopped:
            why = f"did not quit by itself ({self.stopped})"
        elif self.returncode != 0:
            why = f"exit code {self.returncode}"
        elif self.diagnostics is None:
            why = "no diagnostics JSON"
        else:
            why = f"JSON lacks {[k for k in CONTRACT_KEYS if k not in self.diagnostics]}"
        tail = ""
        if self.log is not None and self.log.is_file():
            tail = "\n    ".join(self.log.read_text(errors="replace").splitlines()[-15:])
        return f"{self.name}: {why}\n    $ {' '.join(self.argv)}\n    {tail}"

    def figure(self, key: str, sub: str | None = None) -> float | None:
        """A number from the JSON, None when the run failed."""
        if not self.ok:
            return None
        value = self.diagnostics[key]  # type: ignore[index]
        return float(value[sub] if sub is not None else value)

    def cpu_percent(self, samples: str = "cpu_samples_s") -> float | None:
        """CPU time between the two sample points, as % of one core."""
        points = sorted(getattr(self, samples).items())
        if len(points) < 2:
            return None
        (t0, c0), (t1, c1) = points[0], points[-1]
        if c0 is None or c1 is None or t1 <= t0:
            return None
        return 100 * (c1 - c0) / (t1 - t0)

    def memory_mib(self, key: str = "pss") -> float | None:
        """The median of the memory samples' ``key`` ("pss" or "rss") in MiB, None when the run failed or was gone."""
        if not self.ok:
            return None
        values = [sample[key] for sample in self.memory_samples_mib.values() if sample is not None and key in sample]
        return statistics.median(values) if values else None


def memory_mib(pid: int) -> dict[str, float] | None:
    """Pss and Rss of ``pid`` in MiB from /proc/PID/smaps_rollup, None when it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            lines = rollup.read().splitlines()
    except OSError:
        return None
    figures = {}
    for line in lines:
        name, _, rest = line.partition(":")
        if name in ("Pss", "Rss"):
            figures[name.lower()] = int(rest.split()[0]) / 1024
    return figures or None


def cpu_time_s(pid: int) -> float | None:
    """utime + stime of ``pid`` in seconds (also for a zombie not reaped yet), None when gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of the file
    except (OSError, ValueError, IndexError):
        return None


def run_program(
    name: str,
    argv: list[str],
    env: dict[str, str],
    workdir: Path,
    exit_after_s: float,
    sample_at_s: Sequence[float] = (),
    server_pid: int | None = None,
    memory_at_s: Sequence[float] = (),
) -> Run:
    """Run ``argv`` (which ends in ``--diagnostics FILE``) to its end.

    CPU time is sampled at ``sample_at_s`` and PSS and RSS at ``memory_at_s`` (seconds after the start).
    """
    diagnostics = Path(argv[argv.index("--diagnostics") + 1])
    diagnostics.unlink(missing_ok=True)
    log = workdir / f"{diagnostics.stem}.log"
    result = Run(name, argv, log=log)
    pending = sorted(sample_at_s)
    pending_memory = sorted(memory_at_s)
    with open(log, "wb") as output:
        start = time.monotonic()
        process = subprocess.Popen(argv, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        deadline = start + exit_after_s + GRACE_S
        status, usage = None, None
        while status is None:
            now = time.monotonic() - start
            while pending and now >= pending[0]:
                at = pending.pop(0)
                result.cpu_samples_s[at] = cpu_time_s(process.pid)  # a zombie still answers
                if server_pid is not None:
                    result.server_cpu_samples_s[at] = cpu_time_s(server_pid)
            while pending_memory and now >= pending_memory[0]:
                result.memory_samples_mib[pending_memory.pop(0)] = memory_mib(process.pid)
            pid, wait_status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status = wait_status
                if pending and server_pid is not None:  # it ended early: close the server's window here too
                    result.server_cpu_samples_s[round(time.monotonic() - start, 3)] = cpu_time_s(server_pid)
                break
            if time.monotonic() > deadline:
                if not result.stopped:
                    result.stopped = "sent SIGTERM"
                    process.send_signal(signal.SIGTERM)
                    deadline = time.monotonic() + 5
                else:
                    result.stopped = "SIGTERM ignored, sent SIGKILL"
                    process.kill()
                    deadline = time.monotonic() + 3600
            time.sleep(0.01)
        result.wall_s = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    result.returncode = process.returncode
    result.rusage_cpu_s = usage.ru_utime + usage.ru_stime
    result.rusage_maxrss_mib = usage.ru_maxrss / 1024
    if pending and result.cpu_samples_s:
        # It ended before the last point (kiosk's coarse QTimer may fire a little early): end the window at its exit.
        result.cpu_samples_s[round(result.wall_s, 3)] = result.rusage_cpu_s
    if diagnostics.is_file():
        try:
            result.diagnostics = json.loads(diagnostics.read_text(encoding="utf-8"))
        except ValueError:
            result.diagnostics = None
    return result


# -- platforms ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Platform:
    """Where the programs draw: Qt's offscreen plugin, or xcb on an Xvfb server, with one screen of ``size``."""

    name: str
    description: str
    env: dict[str, str]
    server_pid: int | None = None
    size: tuple[int, int] = SIZES["1080p"]

    @property
    def size_name(self) -> str:
        """The screen size as WxH."""
        return f"{self.size[0]}x{self.size[1]}"


def base_environment(workdir: Path) -> dict[str, str]:
    """The caller's environment without display and supervision variables, logs in ``workdir``.

    Both programs run from compiled bytecode, as an installed kiosk does (pip and the PyInstaller build
    compile it): PYTHONDONTWRITEBYTECODE is lifted and the .pyc files go to ``workdir`` (the warm-up runs
    write them), so the checkout stays clean. Without them every start compiles kiosk's modules again.
    """
    env = dict(os.environ)
    for name in (
        "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "INVOCATION_ID", "KIOSK_SUPERVISED", "PYTHONDONTWRITEBYTECODE",
        "QT_MAX_CACHED_GLYPH_SIZE",
    ):  # fmt: skip
        env.pop(name, None)
    env["KIOSK_LOG_DIR"] = str(workdir / "kiosk-logs")
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def xvfb_available() -> bool:
    """True when an Xvfb server can be started (``apt-get install -y xvfb``)."""
    return shutil.which("Xvfb") is not None


def parse_size(text: str) -> tuple[int, int]:
    """A screen size from a name of ``SIZES`` ("1080p", "4k") or WxH ("3840x2160")."""
    if text.lower() in SIZES:
        return SIZES[text.lower()]
    width, _, height = text.lower().partition("x")
    try:
        size = int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WxH or one of {', '.join(SIZES)}") from None
    if min(size) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: both sides must be positive")
    return size


@contextlib.contextmanager
def open_platform(name: str, workdir: Path, size: tuple[int, int] = SIZES["1080p"]) -> Iterator[Platform]:
    """The platform ``name`` with one screen of ``size``; an Xvfb server lives as long as the context."""
    env = base_environment(workdir)
    width, height = size
    if name == "offscreen":
        # The offscreen plugin's screen is 800x800 unless a configuration file says otherwise.
        config = workdir / f"offscreen-screen-{width}x{height}.json"
        screen = {"name": "bench", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        yield Platform(name, f"Qt offscreen plugin, screen {width}x{height} (configfile)", env, size=size)
        return
    if name != "xvfb":
        raise ValueError(f"unknown platform {name!r}; choose from {PLATFORMS}")
    if not xvfb_available():
        raise FileNotFoundError("Xvfb is not installed (apt-get install -y xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "xvfb.log", "wb"),  # noqa: SIM115 - closed with the process
    )
    os.close(write_fd)
    try:
        display = b""
        until = time.monotonic() + 15
        while not display.endswith(b"\n") and time.monotonic() < until:
            ready, _, _ = select.select([read_fd], [], [], 0.5)
            if ready:
                chunk = os.read(read_fd, 32)
                if not chunk:
                    break
                display += chunk
        if not display.strip():
            raise RuntimeError(f"Xvfb did not start; see {workdir / 'xvfb.log'}")
        env["DISPLAY"] = f":{display.decode().strip()}"
        env["QT_QPA_PLATFORM"] = "xcb"
        yield Platform(name, f"Xvfb {env['DISPLAY']} {width}x{height}x24, Qt xcb plugin", env, server.pid, size)
    finally:
        os.close(read_fd)
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# -- the suite ------------------------------------------------------------------------------------


def kiosk_argv(deck: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", "run", str(deck), *options]


def snapshot_deck(workdir: Path) -> tuple[Path, str]:
    """A copy of the bundled deck (slides/) for every run of a suite, and a short hash of its files.

    Every run then plays the same deck even while someone edits slides/, and the
    hot reloader sees no changes.
    """
    copy = workdir / "deck"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(REPO / "slides", copy)
    digest = hashlib.sha1()
    files = sorted(path for path in copy.rglob("*") if path.is_file())
    for path in files:
        digest.update(str(path.relative_to(copy)).encode() + b"\0" + path.read_bytes())
    return copy, f"{len(files)} files, sha1 {digest.hexdigest()[:12]}"


def bare_argv(*options: str) -> list[str]:
    return [sys.executable, str(BARE_WINDOW), *options]


@dataclasses.dataclass
class Results:
    """Every run of one platform."""

    platform: Platform
    first_paint: list[tuple[Run, Run]] = dataclasses.field(default_factory=list)
    warm_up: list[Run] = dataclasses.field(default_factory=list)
    frames_kiosk: Run | None = None
    frames_bare: Run | None = None
    cpu_kiosk: Run | None = None
    cpu_bare: Run | None = None
    deck: str = ""
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    seconds: float = 0.0

    def runs(self) -> list[Run]:
        """Every run that counts (warm-ups included: they must succeed too)."""
        runs = [*self.warm_up, *(run for pair in self.first_paint for run in pair)]
        runs += [r for r in (self.frames_kiosk, self.frames_bare, self.cpu_kiosk, self.cpu_bare) if r is not None]
        return runs

    def failed(self) -> list[Run]:
        return [run for run in self.runs() if not run.ok]


def run_suite(platform: Platform, workdir: Path, repeats: int = FIRST_PAINT_REPEATS, progress: bool = True) -> Results:
    """Every benchmark on ``platform``, one program at a time (the machine may have only two cores)."""
    results = Results(platform, load_before=os.getloadavg())
    began = time.monotonic()
    out = workdir / f"{platform.name}-{platform.size_name}"
    out.mkdir(parents=True, exist_ok=True)
    server = platform.server_pid
    deck, results.deck = snapshot_deck(out)

    def say(text: str) -> None:
        if progress:
            print(f"[{platform.name} {platform.size_name} {time.monotonic() - began:5.0f}s] {text}", flush=True)

    def run(
        name: str, argv: list[str], exit_after: float, sample_at: Sequence[float] = (), memory_at: Sequence[float] = ()
    ) -> Run:
        say(f"{name}: {' '.join(Path(a).name if a == sys.executable else a for a in argv)}")
        result = run_program(name, argv, platform.env, out, exit_after, sample_at, server, memory_at)
        if not result.ok:
            say(f"  FAILED: {result.problem().splitlines()[0]}")
        return result

    windowed = ("--windowed", "--exit-after", f"{FIRST_PAINT_EXIT_AFTER_S:g}")
    # A warm-up of each, not counted: the first start after a while reads files from disk.
    results.warm_up.append(
        run("warm-up kiosk", kiosk_argv(deck, *windowed, "--diagnostics", str(out / "warm-kiosk.json")), 3)
    )
    results.warm_up.append(run("warm-up bare", bare_argv(*windowed, "--diagnostics", str(out / "warm-bare.json")), 3))
    for index in range(repeats):
        kiosk = run(
            f"first paint kiosk #{index + 1}",
            kiosk_argv(deck, *windowed, "--diagnostics", str(out / f"first-paint-kiosk-{index}.json")),
            FIRST_PAINT_EXIT_AFTER_S,
        )
        bare = run(
            f"first paint bare #{index + 1}",
            bare_argv(*windowed, "--diagnostics", str(out / f"first-paint-bare-{index}.json")),
            FIRST_PAINT_EXIT_AFTER_S,
        )
        results.first_paint.append((kiosk, bare))

    frames = ("--exit-after", f"{FRAMES_EXIT_AFTER_S:g}")
    results.frames_kiosk = run(
        "frames kiosk",
        kiosk_argv(
            deck,
            "--autoplay",
            "--slide-duration",
            f"{FRAMES_SLIDE_S:g}",
            *frames,
            "--diagnostics",
            str(out / "frames-kiosk.json"),
        ),
        FRAMES_EXIT_AFTER_S,
        memory_at=PSS_AT_S,
    )
    results.frames_bare = run(
        "frames bare (animated)",
        bare_argv("--animate", *frames, "--diagnostics", str(out / "frames-bare.json")),
        FRAMES_EXIT_AFTER_S,
        memory_at=PSS_AT_S,
    )

    cpu = ("--exit-after", f"{CPU_EXIT_AFTER_S:g}")
    results.cpu_kiosk = run(
        "cpu kiosk",
        kiosk_argv(
            deck,
            "--autoplay",
            "--slide-duration",
            f"{CPU_SLIDE_S:g}",
            *cpu,
            "--diagnostics",
            str(out / "cpu-kiosk.json"),
        ),
        CPU_EXIT_AFTER_S,
        CPU_WINDOW_S,
        PSS_AT_S,
    )
    results.cpu_bare = run(
        "cpu bare (idle)",
        bare_argv(*cpu, "--diagnostics", str(out / "cpu-bare.json")),
        CPU_EXIT_AFTER_S,
        CPU_WINDOW_S,
        PSS_AT_S,
    )
    results.load_after = os.getloadavg()
    results.seconds = time.monotonic() - began
    return results


# -- the report -----------------------------------------------------------------------------------


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _fmt(value: float | None, unit: str, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f} {unit}".rstrip()


def _verdict(passed: bool | None, note: str = "") -> str:
    word = "n/a (a run failed)" if passed is None else ("PASS" if passed else "FAIL")
    return f"{word} {note}".rstrip()


def _within(kiosk: float | None, bare: float | None, extra: float) -> tuple[str, str]:
    """The target cell and the verdict of "kiosk <= bare + extra" in MiB."""
    if kiosk is None or bare is None:
        return f"<= bare + {extra:g} MiB", _verdict(None)
    return f"<= bare + {extra:g} = {bare + extra:.1f} MiB", _verdict(
        kiosk <= bare + extra, f"(bare {kiosk - bare:+.1f})"
    )


def figure_lines(results: Results) -> list[tuple[str, str, str, str, str]]:
    """(figure, kiosk, bare, target, verdict) rows."""
    rows: list[tuple[str, str, str, str, str]] = []
    size = results.platform.size_name
    pairs = results.first_paint
    kiosk_fp = _median([k.figure("first_paint_s") for k, _ in pairs])
    bare_fp = _median([b.figure("first_paint_s") for _, b in pairs])
    passed, note = None, ""
    if kiosk_fp is not None and bare_fp:
        passed, note = kiosk_fp <= FIRST_PAINT_MAX_RATIO * bare_fp, f"({kiosk_fp / bare_fp:.2f}x bare)"
    limit = None if bare_fp is None else FIRST_PAINT_MAX_RATIO * bare_fp
    rows.append(
        (
            f"1 first paint, windowed (median of {len(pairs)})",
            _fmt(kiosk_fp, "s", 3),
            _fmt(bare_fp, "s", 3),
            f"<= {FIRST_PAINT_MAX_RATIO:g} x bare = {_fmt(limit, 's', 3)}",
            _verdict(passed, note),
        )
    )
    fk, fb = results.frames_kiosk, results.frames_bare
    ck, cb = results.cpu_kiosk, results.cpu_bare
    full_kiosk = _median([r.figure("first_paint_s") for r in (fk, ck) if r is not None])
    full_bare = _median([r.figure("first_paint_s") for r in (fb, cb) if r is not None])
    ratio = "" if full_kiosk is None or not full_bare else f"({full_kiosk / full_bare:.2f}x bare)"
    rows.append(
        (
            f"1 first paint, full screen {size} (median of 2)",
            _fmt(full_kiosk, "s", 3),
            _fmt(full_bare, "s", 3),
            "",
            f"info {ratio}",
        )
    )

    limits = {"p95": FRAME_P95_MAX_MS, "p99": FRAME_P99_MAX_MS}
    for share in ("p50", "p95", "p99", "max"):
        kiosk_ms = fk.figure("frame_ms", share) if fk else None
        bare_ms = fb.figure("frame_ms", share) if fb else None
        target, verdict = "", "info"
        if share in limits:
            target = f"< {limits[share]:g} ms"
            verdict = _verdict(None if kiosk_ms is None else kiosk_ms < limits[share])
        rows.append(
            (
                f"2 frame time {share}, {size} auto-play",
                _fmt(kiosk_ms, "ms", 2),
                _fmt(bare_ms, "ms", 2),
                target,
                verdict,
            )
        )
    rows.append(
        (
            "2 frames / transitions in 22 s (1 s slides)",
            "n/a" if fk is None or not fk.ok else f"{fk.figure('frames'):.0f} / {fk.figure('transitions'):.0f}",
            "n/a" if fb is None or not fb.ok else f"{fb.figure('frames'):.0f} / -",
            "",
            "info",
        )
    )

    for name, kiosk_run, bare_run in (("1 s slides", fk, fb), ("5 s slides", ck, cb)):
        kiosk_mib = kiosk_run.memory_mib() if kiosk_run else None
        bare_mib = bare_run.memory_mib() if bare_run else None
        target, verdict = _within(kiosk_mib, bare_mib, MEMORY_MAX_EXTRA_MIB)
        rows.append(
            (
                f"3 PSS at {_seconds(PSS_AT_S)} s (median), {name}",
                _fmt(kiosk_mib, "MiB"),
                _fmt(bare_mib, "MiB"),
                target,
                verdict,
            )
        )
    large = results.platform.size[0] * results.platform.size[1] > SIZES["1080p"][0] * SIZES["1080p"][1]
    peak_extra = PEAK_LARGE_SCREEN_MAX_EXTRA_MIB if large else MEMORY_MAX_EXTRA_MIB
    memory = [
        (
            "3 peak RSS, windowed start (median)",
            _median([k.figure("peak_rss_mib") for k, _ in pairs]),
            _median([b.figure("peak_rss_mib") for _, b in pairs]),
            MEMORY_MAX_EXTRA_MIB,
        ),
        (
            f"3 peak RSS, {size} auto-play 1 s slides",
            fk.figure("peak_rss_mib") if fk else None,
            fb.figure("peak_rss_mib") if fb else None,
            peak_extra,
        ),
        (
            f"3 peak RSS, {size} auto-play 5 s slides",
            ck.figure("peak_rss_mib") if ck else None,
            cb.figure("peak_rss_mib") if cb else None,
            peak_extra,
        ),
    ]
    for name, kiosk_mib, bare_mib, extra in memory:
        target, verdict = _within(kiosk_mib, bare_mib, extra)
        rows.append((name, _fmt(kiosk_mib, "MiB"), _fmt(bare_mib, "MiB"), target, verdict))

    kiosk_cpu = ck.cpu_percent() if ck and ck.ok else None
    bare_cpu = cb.cpu_percent() if cb and cb.ok else None
    t0, t1 = CPU_WINDOW_S
    rows.append(
        (
            f"4 CPU, 5 s slides, t={t0:g}..{t1:g} s (% of a core)",
            _fmt(kiosk_cpu, "%", 2),
            _fmt(bare_cpu, "%", 2),
            f"< {CPU_MAX_PERCENT:g} %",
            _verdict(None if kiosk_cpu is None else kiosk_cpu < CPU_MAX_PERCENT),
        )
    )
    if results.platform.server_pid is not None:
        server_kiosk = ck.cpu_percent("server_cpu_samples_s") if ck and ck.ok else None
        server_bare = cb.cpu_percent("server_cpu_samples_s") if cb and cb.ok else None
        rows.append(
            ("4 Xvfb server CPU, same window", _fmt(server_kiosk, "%", 2), _fmt(server_bare, "%", 2), "", "info")
        )
    return rows


def format_report(results: Results) -> str:
    """The table of figures against targets, and the details behind it."""
    rows = [("figure", "kiosk", "bare", "target", "result"), *figure_lines(results)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    rule = "-" * (sum(widths) + 4 * 2 + 24)
    lines = [
        "",
        rule,
        f"kiosk benchmarks on {results.platform.description}",
        f"python {platform_module.python_version()}, PySide6-Essentials {_version('PySide6-Essentials')}, "
        f"{os.cpu_count()} CPUs, load average {results.load_before[0]:.2f} before, {results.load_after[0]:.2f} after, "
        f"{results.seconds:.0f} s",
        f"deck: a copy of slides/ taken at the start ({results.deck})",
        rule,
    ]
    cpus = os.cpu_count() or 1
    busiest = max(results.load_before[0], results.load_after[0])
    if busiest > BUSY_LOAD_SHARE * cpus:
        lines.append(
            f"WARNING: the machine was busy (load average {busiest:.2f} on {cpus} CPUs): other processes "
            "competed for the CPU, so times are inflated and noisy; run again on a quiet machine."
        )
        lines.append(rule)
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
        if index == 0:
            lines.append(rule)
    lines.append(rule)
    lines.append(
        f"bare = tests/perf/bare_window.py in the same situation: windowed (1), repainting its whole "
        f"{results.platform.size_name} window every 16 ms (2), idle full screen (4)."
    )
    lines.append("details:")
    kiosk_fp = [k.figure("first_paint_s") for k, _ in results.first_paint]
    bare_fp = [b.figure("first_paint_s") for _, b in results.first_paint]
    bare_label = [b.diagnostics.get("first_label_paint_s") if b.ok else None for _, b in results.first_paint]  # type: ignore[union-attr]
    lines.append(f"  first paint kiosk (s):        {_series(kiosk_fp)}")
    lines.append(f"  first paint bare (s):         {_series(bare_fp)}")
    lines.append(f"  bare label's first paintEvent:{_series(bare_label)}  (when pixels were drawn)")
    for run in (results.frames_kiosk, results.frames_bare, results.cpu_kiosk, results.cpu_bare):
        if run is None:
            continue
        if not run.ok:
            lines.append(f"  {run.name}: FAILED ({run.problem().splitlines()[0]})")
            continue
        d = run.diagnostics or {}
        lines.append(
            f"  {run.name}: frames {d.get('frames')}, transitions {d.get('transitions')}, errors {d.get('errors')}, "
            f"first paint {d.get('first_paint_s')} s, peak {d.get('peak_rss_mib')} MiB, "
            f"final {d.get('final_rss_mib')} MiB, at {_seconds(PSS_AT_S)} s {_memory(run)}, "
            f"whole-run CPU {run.rusage_cpu_s:.2f} s in {run.wall_s:.1f} s"
        )
    failed = results.failed()
    lines.append(f"  runs: {len(results.runs())}, failed: {len(failed)}")
    lines.extend(f"  {run.problem()}" for run in failed)
    lines.append(rule)
    return "\n".join(lines)


def _seconds(points: Sequence[float]) -> str:
    return f"{min(points):g}..{max(points):g}"


def _memory(run: Run) -> str:
    pss, rss = run.memory_mib("pss"), run.memory_mib("rss")
    return "n/a" if pss is None or rss is None else f"PSS {pss:.1f} MiB RSS {rss:.1f} MiB"


def _series(values: Sequence[float | None]) -> str:
    return " ".join("fail" if v is None else f"{v:.3f}" for v in values)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "?"


# -- pytest and the command line ------------------------------------------------------------------


@pytest.mark.perf
@pytest.mark.parametrize("size_name", DEFAULT_SIZES)
@pytest.mark.parametrize("platform_name", PLATFORMS)
def test_player_benchmark(platform_name: str, size_name: str, tmp_path: Path) -> None:
    """Runs every benchmark and prints the table; asserts only that every run succeeded."""
    if platform_name == "xvfb" and not xvfb_available():
        pytest.skip("Xvfb is not installed (apt-get install -y xvfb)")
    with open_platform(platform_name, tmp_path, SIZES[size_name]) as platform:
        results = run_suite(platform, tmp_path)
    print(format_report(results))
    failed = results.failed()
    assert not failed, "\n".join(run.problem() for run in failed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmarks of kiosk run against a bare PySide6 window.")
    parser.add_argument("--platform", nargs="+", choices=PLATFORMS, help="default: offscreen, and xvfb when installed")
    parser.add_argument(
        "--size",
        nargs="+",
        type=parse_size,
        default=[SIZES[name] for name in DEFAULT_SIZES],
        metavar="SIZE",
        help=f"screen sizes, WxH or {', '.join(SIZES)} (default: {' '.join(DEFAULT_SIZES)})",
    )
    parser.add_argument("--repeats", type=int, default=FIRST_PAINT_REPEATS, help="first-paint runs of each program")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the JSON files and logs in DIR")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every run's figures as JSON")
    args = parser.parse_args(argv)
    names = args.platform or [name for name in PLATFORMS if name != "xvfb" or xvfb_available()]
    reports, everything, failures = [], {}, 0
    with contextlib.ExitStack() as stack:
        if args.keep is not None:
            workdir = args.keep.resolve()
            workdir.mkdir(parents=True, exist_ok=True)
        else:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-bench-")))
        for name, size in ((name, size) for name in names for size in args.size):
            with open_platform(name, workdir, size) as platform:
                results = run_suite(platform, workdir, args.repeats)
            report = format_report(results)
            print(report, flush=True)
            reports.append(report)
            failures += len(results.failed())
            everything[f"{name} {platform.size_name}"] = {
                "rows": figure_lines(results),
                "runs": [dataclasses.asdict(run) | {"log": str(run.log)} for run in results.runs()],
            }
    if len(reports) > 1:
        print("\n".join(reports))
    if args.json is not None:
        args.json.write_text(json.dumps(everything, indent=2, default=str) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
