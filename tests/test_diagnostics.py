"""Diagnostics: frame-time percentiles from bounded counts agree with the exact ones."""

from __future__ import annotations

import logging
import random
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.diagnostics import FRAME_RESOLUTION_MS, Diagnostics, FrameTimes


def exact_percentile(values_ms: list[float], share: float) -> float:
    ordered = sorted(values_ms)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


@given(st.lists(st.floats(min_value=0.0, max_value=0.5, allow_nan=False), min_size=1, max_size=300))
def test_percentiles_are_within_one_step_of_the_exact_ones(frames_s: list[float]) -> None:
    times = FrameTimes()
    for seconds in frames_s:
        times.add(seconds)
    values_ms = [s * 1000 for s in frames_s]
    figures = times.figures()
    for key, share in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99)):
        assert abs(figures[key] - exact_percentile(values_ms, share)) <= FRAME_RESOLUTION_MS / 2 + 1e-6
    assert figures["max"] == round(max(values_ms), 3)
    assert figures["p50"] <= figures["p95"] <= figures["p99"] <= figures["max"]
    assert len(times) == len(frames_s)


def test_no_frames_gives_zeros() -> None:
    assert FrameTimes().figures() == {"p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}


def test_a_million_frames_take_the_memory_of_a_few_thousand_steps() -> None:
    # GIVEN months of frames: a million, spread over 0-40 ms
    times = FrameTimes()
    rng = random.Random(5)
    for _ in range(1_000_000):
        times.add(rng.uniform(0.0, 0.040))
    # THEN only the distinct 10 µs steps are kept, not the frames
    assert len(times) == 1_000_000
    assert len(times._counts) <= 0.040 * 1000 / FRAME_RESOLUTION_MS + 1
    assert sys.getsizeof(times._counts) < 1_000_000
    assert 19.5 < times.figures()["p50"] < 20.5


def test_the_summary_counts_frames_and_transitions() -> None:
    diagnostics = Diagnostics()
    for seconds in (0.002, 0.004, 0.010):
        diagnostics.frame(seconds)
    diagnostics.transition()
    summary = diagnostics.summary()
    assert summary["frames"] == 3
    assert summary["transitions"] == 1
    assert summary["frame_ms"] == {"p50": 4.0, "p95": 10.0, "p99": 10.0, "max": 10.0}
    assert summary["first_paint_s"] > 0
    assert set(summary["rss_mib_at_transition"]) == {"1"}


def test_the_memory_samples_go_to_the_log_too(caplog: pytest.LogCaptureFixture) -> None:
    """Operators (and the SIGTERM test, which waits for the first one) read them in the log."""
    caplog.set_level(logging.INFO, logger="kiosk.diagnostics")
    diagnostics = Diagnostics()
    for _ in range(100):
        diagnostics.transition()
    logged = [r.getMessage() for r in caplog.records if r.name == "kiosk.diagnostics"]
    assert [message.partition(":")[0] for message in logged] == ["transition 1", "transition 100"]
    assert all(message.endswith(" MiB resident") for message in logged)
