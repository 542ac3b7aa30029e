"""Figures for benchmarks and operators: first paint, frame times, transitions, memory, errors."""

from __future__ import annotations

import json
import logging
import os
import resource
import time
from pathlib import Path

log = logging.getLogger(__name__)


def process_age_s() -> float:
    """Seconds since the kernel started this process (so interpreter start-up counts too)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rpartition(")")[2].split()
        start_ticks = int(fields[19])  # field 22 of the file, counted after the command name
        return time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.process_time()


def current_rss_mib() -> float:
    """The resident memory of this process now, in MiB."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1048576
    except (OSError, ValueError, IndexError):
        return peak_rss_mib()


def peak_rss_mib() -> float:
    """The most resident memory this process has used, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def frame_ms(frame_s: list[float]) -> dict[str, float]:
    """The contract's frame-time figures, in milliseconds, from frame times in seconds."""
    frames_ms = [s * 1000 for s in frame_s]
    return {
        "p50": round(percentile(frames_ms, 0.50), 3),
        "p95": round(percentile(frames_ms, 0.95), 3),
        "p99": round(percentile(frames_ms, 0.99), 3),
        "max": round(max(frames_ms, default=0.0), 3),
    }


class Diagnostics:
    """Collects the figures while the app runs and writes them as JSON."""

    def __init__(self, error_count: object = None) -> None:
        self.first_paint_s: float | None = None
        self.frame_s: list[float] = []
        self.transitions = 0
        self.rss_samples: list[tuple[int, float]] = []
        self._errors = error_count

    def frame(self, seconds: float) -> None:
        """Record one painted frame."""
        if self.first_paint_s is None:
            self.first_paint_s = process_age_s()
        self.frame_s.append(seconds)

    def transition(self, *_: object) -> None:
        """Record one finished transition (and sample memory now and then)."""
        self.transitions += 1
        if self.transitions in (1, 100, 500) or self.transitions % 1000 == 0:
            self.rss_samples.append((self.transitions, round(current_rss_mib(), 2)))

    @property
    def errors(self) -> int:
        """Errors logged so far."""
        return int(getattr(self._errors, "count", 0))

    def summary(self) -> dict[str, object]:
        """The JSON object of the diagnostics contract (plus RSS samples by transition)."""
        return {
            "first_paint_s": round(self.first_paint_s or 0.0, 4),
            "frames": len(self.frame_s),
            "frame_ms": frame_ms(self.frame_s),
            "transitions": self.transitions,
            "peak_rss_mib": round(peak_rss_mib(), 2),
            "rss_mib_at_transition": {str(n): rss for n, rss in self.rss_samples},
            "final_rss_mib": round(current_rss_mib(), 2),
            "errors": self.errors,
        }

    def write(self, path: Path) -> None:
        """Write the summary to ``path``."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.summary(), indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            log.error("cannot write diagnostics to %s: %s", path, exc)
