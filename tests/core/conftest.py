"""Fixtures for the player model tests."""

from __future__ import annotations

import pytest

from tests.core.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    """A clock standing at 1000 s until a test moves it."""
    return FakeClock()
