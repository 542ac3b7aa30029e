"""Figures for benchmarks and operators: first paint, frame times, transitions, memory, errors."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections import Counter
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
    """The most resident memory this process has used, in MiB (0 where the system does not say: Windows)."""
    try:
        import resource
    except ImportError:  # POSIX only
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1048576 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


FRAME_RESOLUTION_MS = 0.01
"""Frame times are counted in steps of this size: memory stays bounded however long the app runs."""


class FrameTimes:
    """How long painted frames took, as counts per 10 µs step: percentiles without keeping every frame.

    A kiosk left running for months paints millions of frames; a list of them
    would grow for as long as it runs, and the soak's memory figure with it.
    """

    def __init__(self) -> None:
        self._counts: Counter[int] = Counter()
        self._count = 0
        self._longest_ms = 0.0

    def add(self, seconds: float) -> None:
        """Count one frame that took ``seconds``."""
        milliseconds = seconds * 1000
        self._counts[round(milliseconds / FRAME_RESOLUTION_MS)] += 1
        self._count += 1
        self._longest_ms = max(self._longest_ms, milliseconds)

    def __len__(self) -> int:
        return self._count

    def percentile_ms(self, share: float) -> float:
        """The frame time below which ``share`` of the frames lie (nearest rank), in milliseconds."""
        if not self._count:
            return 0.0
        rank = max(0, min(self._count - 1, round(share * self._count + 0.5) - 1))
        seen = 0
        for step in sorted(self._counts):
            seen += self._counts[step]
            if seen > rank:
                return min(step * FRAME_RESOLUTION_MS, self._longest_ms)  # a step rounds up past the longest
        return self._longest_ms

    def figures(self) -> dict[str, float]:
        """The contract's frame-time figures, in milliseconds."""
        return {
            "p50": round(self.percentile_ms(0.50), 3),
            "p95": round(self.percentile_ms(0.95), 3),
            "p99": round(self.percentile_ms(0.99), 3),
            "max": round(self._longest_ms, 3),
        }


class Diagnostics:
    """Collects the figures while the app runs and writes them as JSON."""

    def __init__(self, error_count: object = None) -> None:
        self.first_paint_s: float | None = None
        self.frames = FrameTimes()
        self.transitions = 0
        self.rss_samples: list[tuple[int, float]] = []
        self._errors = error_count

    def frame(self, seconds: float) -> None:
        """Record one painted frame."""
        if self.first_paint_s is None:
            self.first_paint_s = process_age_s()
        self.frames.add(seconds)

    def transition(self, *_: object) -> None:
        """Record one finished transition (and sample memory now and then, into the log as well)."""
        self.transitions += 1
        if self.transitions in (1, 100, 500) or self.transitions % 1000 == 0:
            rss_mib = round(current_rss_mib(), 2)
            self.rss_samples.append((self.transitions, rss_mib))
            log.info("transition %d: %.1f MiB resident", self.transitions, rss_mib)

    @property
    def errors(self) -> int:
        """Errors logged so far."""
        return int(getattr(self._errors, "count", 0))

    def summary(self) -> dict[str, object]:
        """The JSON object of the diagnostics contract (plus RSS samples by transition)."""
        return {
            "first_paint_s": round(self.first_paint_s or 0.0, 4),
            "frames": len(self.frames),
            "frame_ms": self.frames.figures(),
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
