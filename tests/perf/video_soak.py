"""Video soak (on demand): an hour of auto-play over video slides and a video background, against the same deck
without video.

    python tests/perf/video_soak.py --out /tmp/video-soak                  # one hour, then 5 minutes without video
    python tests/perf/video_soak.py --out /tmp/v --seconds 120 --compare-seconds 60   # a quick look

The clips are made at the start with Qt Multimedia's encoder (tests/media/clips.py), never downloaded. Each run
is ``python -m kiosk run DECK --autoplay --slide-duration 2 --exit-after S --diagnostics F`` in kiosk mode on
its own Xvfb screen of 1920x1080 (offscreen with a 1920x1080 screen when Xvfb is missing). The resident memory
of the player is sampled every 10 s from /proc, and its CPU time at the end. The comparison deck is the same
deck with each video slide turned into an image slide of a still frame and the background clip into a picture.

Everything lands in ``--out``: the decks, each run's log, diagnostics JSON and RSS samples (CSV), and
summary.json with the figures side by side.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE_S = 10.0
SCREEN = (1920, 1080)
SETTLE_S = 120.0
"""Length of the RSS windows compared: the first starts this long in, past the first loops of the deck (about
40 s each); the last ends with the run."""
RSS_GROWTH_LIMIT_MIB = 10.0


def proc_rss_mib(pid: int) -> float | None:
    """The resident memory of process ``pid`` in MiB (None once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def proc_cpu_s(pid: int) -> float | None:
    """User plus system CPU seconds of ``pid`` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def screen(out: Path) -> Iterator[dict[str, str]]:
    """The environment of a 1920x1080 screen: an Xvfb of our own when installed, else offscreen."""
    env = dict(os.environ, PYTHONPATH=f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    env.pop("QT_QPA_PLATFORM", None)
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        config = out / "offscreen-screen.json"
        config.write_text(
            json.dumps(
                {
                    "screens": [
                        {
                            "name": "soak",
                            "x": 0,
                            "y": 0,
                            "width": SCREEN[0],
                            "height": SCREEN[1],
                            "logicalDpi": 96,
                            "primary": True,
                        }
                    ]
                }
            )
        )
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
        yield env
        return
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as display:
        number = display.readline().strip()
    env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    try:
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_player(deck: Path, seconds: float, out: Path, name: str, env: dict[str, str]) -> dict[str, object]:
    """Play ``deck`` for ``seconds`` in kiosk mode, sampling its memory; the figures of the run."""
    diagnostics = out / f"{name}-diagnostics.json"
    log_path = out / f"{name}.log"
    samples_path = out / f"{name}-rss.csv"
    data = out / f"{name}-data"
    data.mkdir(exist_ok=True)
    env = dict(env, KIOSK_DATA_DIR=str(data), KIOSK_LOG_DIR=str(data))
    argv = [sys.executable, "-m", "kiosk", "run", str(deck), "--autoplay", "--slide-duration", "2"]
    argv += ["--exit-after", str(seconds), "--diagnostics", str(diagnostics)]
    samples: list[tuple[float, float]] = []
    with log_path.open("w") as log_file, samples_path.open("w") as csv:
        csv.write("seconds,rss_mib\n")
        started = time.monotonic()
        player = subprocess.Popen(argv, cwd=REPO, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        cpu_s = 0.0
        while player.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                player.wait(timeout=SAMPLE_S)
            rss, cpu = proc_rss_mib(player.pid), proc_cpu_s(player.pid)
            if rss is not None:
                at = time.monotonic() - started
                samples.append((at, rss))
                csv.write(f"{at:.1f},{rss:.2f}\n")
                csv.flush()
            if cpu is not None:
                cpu_s = cpu
        elapsed = time.monotonic() - started
    figures = json.loads(diagnostics.read_text()) if diagnostics.is_file() else {}
    log_text = log_path.read_text(errors="replace")
    # RSS swings by some 50 MiB as clips are opened and closed (decoder buffers come and go), so one sample
    # says little: the highest of a window is compared, first after the first loops, then at the end.
    settle_s = min(SETTLE_S, seconds / 3)
    first_window = [rss for at, rss in samples if settle_s <= at < 2 * settle_s]
    last_window = [rss for at, rss in samples if at >= elapsed - settle_s]
    baseline = max(first_window) if first_window else None
    end = max(last_window) if last_window else None
    settled = [rss for at, rss in samples if at >= settle_s]
    return {
        "seconds": round(elapsed, 1),
        "exit_code": player.returncode,
        "error_lines": sum(" ERROR " in line or " CRITICAL " in line for line in log_text.splitlines()),
        "warning_lines": sum(" WARNING " in line for line in log_text.splitlines()),
        "diagnostics_errors": figures.get("errors"),
        "transitions": figures.get("transitions"),
        "frames": figures.get("frames"),
        "frame_ms": figures.get("frame_ms"),
        "cpu_percent_of_one_core": round(100 * cpu_s / elapsed, 1) if elapsed else None,
        "rss_first_mib": round(samples[0][1], 1) if samples else None,
        "rss_window_s": settle_s,
        "rss_after_first_loop_mib": round(baseline, 1) if baseline is not None else None,
        "rss_end_mib": round(end, 1) if end is not None else None,
        "rss_min_max_after_first_loop_mib": [round(min(settled), 1), round(max(settled), 1)] if settled else None,
        "rss_growth_after_first_loop_mib": round(end - baseline, 1) if baseline and end else None,
        "peak_rss_mib": figures.get("peak_rss_mib"),
    }


def make_decks(out: Path) -> tuple[Path, Path]:
    """The video deck and the same deck without video, made in a child process (it needs a Qt application)."""
    decks = []
    for name, extra in (("video-deck", []), ("picture-deck", ["--pictures"])):
        folder = out / name
        shutil.rmtree(folder, ignore_errors=True)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
        subprocess.run(
            [sys.executable, "-m", "tests.media.demo_deck", str(folder), *extra],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        decks.append(folder)
    return decks[0], decks[1]


def main(argv: list[str] | None = None) -> int:
    """Make the decks, run both, write summary.json; exit 1 when the video run broke a limit."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("/tmp/video-soak"))
    parser.add_argument("--seconds", type=float, default=3600)
    parser.add_argument("--compare-seconds", type=float, default=300)
    options = parser.parse_args(argv)
    out: Path = options.out
    out.mkdir(parents=True, exist_ok=True)
    video_deck, picture_deck = make_decks(out)
    summary: dict[str, object] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "screen": "x".join(map(str, SCREEN))}
    with screen(out) as env:
        summary["platform"] = env.get("QT_QPA_PLATFORM")
        summary["video"] = run_player(video_deck, options.seconds, out, "video", env)
        (out / "summary.json").write_text(json.dumps(summary, indent=2))
        if options.compare_seconds > 0:
            summary["without_video"] = run_player(picture_deck, options.compare_seconds, out, "pictures", env)
    summary["load_average"] = os.getloadavg()
    (out / "summary.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))
    video = summary["video"]
    assert isinstance(video, dict)
    growth = video.get("rss_growth_after_first_loop_mib")
    broke = video.get("error_lines") or video.get("diagnostics_errors") or video.get("exit_code")
    return 1 if broke or (growth is not None and growth >= RSS_GROWTH_LIMIT_MIB) else 0


if __name__ == "__main__":
    sys.exit(main())
