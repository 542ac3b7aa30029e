"""The navigator on its own: reading order across themes, home at both ends, jumps and new decks.

Pure tests: nothing here imports Qt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from kiosk.core.navigator import HOME, Navigator, Position
from tests.conftest import REPO

P = Position
COUNTS = (3, 2, 4)
"""Three themes of 3, 2 and 4 slides."""
READING_ORDER = [P(0, 0), P(0, 1), P(0, 2), P(1, 0), P(1, 1), P(2, 0), P(2, 1), P(2, 2), P(2, 3)]


class Recorder:
    """A listener that keeps every (old, new) pair it is given."""

    def __init__(self, navigator: Navigator) -> None:
        self.navigator = navigator
        self.calls: list[tuple[Position, Position]] = []
        self.seen_positions: list[Position] = []
        navigator.subscribe(self)

    def __call__(self, old: Position, new: Position) -> None:
        self.calls.append((old, new))
        self.seen_positions.append(self.navigator.position)  # the navigator has moved when it tells


def navigator(counts: tuple[int, ...] = COUNTS, start: Position = HOME) -> tuple[Navigator, Recorder]:
    nav = Navigator(counts, start)
    return nav, Recorder(nav)


# -- reading order ---------------------------------------------------------------


def test_the_deck_starts_at_home() -> None:
    nav, _ = navigator()
    assert nav.position == HOME
    assert nav.position.is_home


def test_slides_lists_every_slide_in_reading_order() -> None:
    nav, _ = navigator()
    assert nav.slides() == READING_ORDER
    assert nav.slide_counts == COUNTS


def test_next_walks_every_slide_across_theme_boundaries_and_returns_home_after_the_last() -> None:
    nav, rec = navigator()
    walked = []
    for _ in range(len(READING_ORDER) + 1):
        assert nav.next() is True
        walked.append(nav.position)
    assert walked == [*READING_ORDER, HOME]
    assert rec.calls == list(zip([HOME, *READING_ORDER], [*READING_ORDER, HOME], strict=True))


@pytest.mark.parametrize(
    ("start", "expected"),
    [(P(0, 2), P(1, 0)), (P(1, 1), P(2, 0)), (P(2, 3), HOME), (HOME, P(0, 0)), (P(0, 0), P(0, 1))],
)
def test_next_from(start: Position, expected: Position) -> None:
    nav, rec = navigator(start=start)
    assert nav.next() is True
    assert nav.position == expected
    assert rec.calls == [(start, expected)]


@pytest.mark.parametrize(
    ("start", "expected"),
    [(P(1, 0), P(0, 2)), (P(2, 0), P(1, 1)), (P(0, 0), HOME), (HOME, P(2, 3)), (P(2, 3), P(2, 2))],
)
def test_previous_from(start: Position, expected: Position) -> None:
    nav, rec = navigator(start=start)
    assert nav.previous() is True
    assert nav.position == expected
    assert rec.calls == [(start, expected)]


def test_previous_walks_the_deck_backwards_to_home() -> None:
    nav, _ = navigator(start=P(2, 3))
    walked = [nav.position]
    while nav.previous() and not nav.position.is_home:
        walked.append(nav.position)
    assert walked == READING_ORDER[::-1]
    assert nav.position == HOME


def test_every_listener_is_told_after_the_move() -> None:
    nav, rec = navigator()
    order: list[str] = []
    nav.subscribe(lambda old, new: order.append("second"))
    nav.next()
    nav.theme(2)
    assert rec.seen_positions == [P(0, 0), P(2, 0)]
    assert order == ["second", "second"]
    assert len(rec.calls) == 2


def test_previous_from_the_first_slide_goes_home() -> None:
    nav, rec = navigator(start=P(0, 0))
    assert nav.previous() is True
    assert nav.position == HOME
    assert rec.calls == [(P(0, 0), HOME)]


def test_empty_themes_are_skipped_in_reading_order() -> None:
    nav, _ = navigator(counts=(0, 2, 0, 1))
    assert nav.slides() == [P(1, 0), P(1, 1), P(3, 0)]
    assert nav.following(HOME) == P(1, 0)
    assert nav.following(P(1, 1)) == P(3, 0)
    assert nav.preceding(P(3, 0)) == P(1, 1)
    assert nav.theme(0) is False  # a theme without slides has no first slide
    assert nav.theme(2) is False
    assert nav.position == HOME


def test_a_deck_without_slides_stays_home() -> None:
    nav, rec = navigator(counts=())
    assert nav.next() is False
    assert nav.previous() is False
    assert nav.last() is False
    assert nav.theme(0) is False
    assert nav.home() is False
    assert nav.position == HOME
    assert rec.calls == []


# -- jumps -----------------------------------------------------------------------


def test_home_goes_home_and_is_a_no_op_at_home() -> None:
    nav, rec = navigator(start=P(1, 1))
    assert nav.home() is True
    assert nav.position == HOME
    assert nav.home() is False
    assert rec.calls == [(P(1, 1), HOME)]


@pytest.mark.parametrize("index", range(len(COUNTS)))
def test_theme_goes_to_the_first_slide_of_that_theme(index: int) -> None:
    nav, rec = navigator(start=P(2, 3) if index != 2 else P(0, 1))
    before = nav.position
    assert nav.theme(index) is True
    assert nav.position == P(index, 0)
    assert rec.calls == [(before, P(index, 0))]


@pytest.mark.parametrize("index", [-1, 3, 99])
def test_theme_out_of_range_changes_nothing(index: int) -> None:
    nav, rec = navigator(start=P(1, 0))
    assert nav.theme(index) is False
    assert nav.position == P(1, 0)
    assert rec.calls == []


def test_last_goes_to_the_last_slide_of_the_last_theme() -> None:
    nav, rec = navigator()
    assert nav.last() is True
    assert nav.position == P(2, 3)
    assert nav.last() is False
    assert rec.calls == [(HOME, P(2, 3))]


@pytest.mark.parametrize("target", [P(0, 3), P(3, 0), P(-1, 0), P(1, -1), P(None, 1)])
def test_go_to_an_invalid_position_changes_nothing(target: Position) -> None:
    nav, rec = navigator(start=P(0, 1))
    assert not nav.is_valid(target)
    assert nav.go_to(target) is False
    assert nav.position == P(0, 1)
    assert rec.calls == []


def test_go_to_the_current_position_changes_nothing() -> None:
    nav, rec = navigator(start=P(0, 1))
    assert nav.go_to(P(0, 1)) is False
    assert rec.calls == []


def test_an_invalid_start_falls_back_to_home() -> None:
    assert Navigator(COUNTS, P(5, 0)).position == HOME
    assert Navigator(COUNTS, P(1, 1)).position == P(1, 1)


# -- a new deck ------------------------------------------------------------------


def test_replace_deck_keeps_the_position_when_it_still_exists() -> None:
    nav, rec = navigator(start=P(1, 1))
    nav.replace_deck((2, 5, 1))
    assert nav.position == P(1, 1)
    assert nav.slide_counts == (2, 5, 1)
    assert nav.following(P(1, 1)) == P(1, 2)
    assert rec.calls == [(P(1, 1), P(1, 1))]  # told, so views rebuild the same position


def test_replace_deck_goes_home_when_the_position_is_gone() -> None:
    nav, rec = navigator(start=P(2, 3))
    nav.replace_deck((3, 2, 2))
    assert nav.position == HOME
    assert rec.calls == [(P(2, 3), HOME)]


def test_replace_deck_with_keep_goes_there_when_it_exists() -> None:
    nav, _ = navigator(start=P(0, 0))
    nav.replace_deck((1, 1), keep=P(1, 0))
    assert nav.position == P(1, 0)
    nav.replace_deck((1,), keep=P(1, 0))
    assert nav.position == HOME


def test_negative_counts_count_as_empty_themes() -> None:
    nav, _ = navigator(counts=(-3, 1))
    assert nav.slide_counts == (0, 1)
    assert nav.slides() == [P(1, 0)]


def test_the_navigator_and_swipe_modules_import_no_qt() -> None:
    probe = (
        "import json, sys\n"
        "import kiosk.core.navigator, kiosk.core.swipe\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtpy'))))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])))
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


# -- properties ------------------------------------------------------------------

counts_strategy = st.lists(st.integers(min_value=-1, max_value=5), min_size=0, max_size=5)
positions_strategy = st.builds(
    Position,
    theme=st.one_of(st.none(), st.integers(min_value=-2, max_value=6)),
    slide=st.integers(min_value=-2, max_value=7),
)


@given(counts=counts_strategy)
def test_next_from_home_cycles_through_every_slide_once(counts: list[int]) -> None:
    nav = Navigator(counts)
    seen = []
    for _ in range(len(nav.slides()) + 1):
        nav.next()
        seen.append(nav.position)
        if nav.position.is_home:
            break
    assert seen == [*nav.slides(), HOME]


@given(counts=counts_strategy, data=st.data())
def test_previous_undoes_next_and_next_undoes_previous(counts: list[int], data: st.DataObject) -> None:
    nav = Navigator(counts)
    start = data.draw(st.sampled_from([HOME, *nav.slides()]))
    assert nav.preceding(nav.following(start)) == start
    assert nav.following(nav.preceding(start)) == start


class NavigatorMachine(RuleBasedStateMachine):
    """Random moves on random decks: the position is always valid and listeners see a chain of changes."""

    def __init__(self) -> None:
        super().__init__()
        self.nav = Navigator((2, 3, 1))
        self.calls: list[tuple[Position, Position]] = []
        self.nav.subscribe(lambda old, new: self.calls.append((old, new)))

    def _check_move(self, moved: bool, before: Position, expected: Position | None, calls_before: int) -> None:
        new_calls = self.calls[calls_before:]
        if moved:
            assert new_calls == [(before, self.nav.position)]
            assert self.nav.position != before
        else:
            assert new_calls == []
            assert self.nav.position == before
        if expected is not None:
            assert self.nav.position == expected

    def _order(self) -> list[Position]:
        """An independent reading order, to check next and previous against."""
        order = []
        for theme, count in enumerate(self.nav.slide_counts):
            order += [Position(theme, slide) for slide in range(count)]
        return order

    @rule()
    def next(self) -> None:
        before, n = self.nav.position, len(self.calls)
        ring = [HOME, *self._order()]
        expected = ring[(ring.index(before) + 1) % len(ring)]
        self._check_move(self.nav.next(), before, expected, n)

    @rule()
    def previous(self) -> None:
        before, n = self.nav.position, len(self.calls)
        ring = [HOME, *self._order()]
        expected = ring[(ring.index(before) - 1) % len(ring)]
        self._check_move(self.nav.previous(), before, expected, n)

    @rule()
    def home(self) -> None:
        before, n = self.nav.position, len(self.calls)
        self._check_move(self.nav.home(), before, HOME, n)

    @rule(index=st.integers(min_value=-2, max_value=7))
    def theme(self, index: int) -> None:
        before, n = self.nav.position, len(self.calls)
        target = Position(index, 0)
        self._check_move(self.nav.theme(index), before, target if self.nav.is_valid(target) else before, n)

    @rule(where=positions_strategy)
    def go_to(self, where: Position) -> None:
        before, n = self.nav.position, len(self.calls)
        moved = self.nav.go_to(where)
        assert moved == (self.nav.is_valid(where) and where != before)
        self._check_move(moved, before, where if self.nav.is_valid(where) else before, n)

    @rule()
    def last(self) -> None:
        before, n = self.nav.position, len(self.calls)
        order = self._order()
        self._check_move(self.nav.last(), before, order[-1] if order else HOME, n)

    @rule(counts=counts_strategy, keep=st.one_of(st.none(), positions_strategy))
    def replace_deck(self, counts: list[int], keep: Position | None) -> None:
        before, n = self.nav.position, len(self.calls)
        self.nav.replace_deck(counts, keep)
        wanted = before if keep is None else keep
        expected = wanted if self.nav.is_valid(wanted) else HOME
        assert self.nav.position == expected
        # a new deck is always announced, even when the position stays (views rebuild)
        assert self.calls[n:] == [(before, expected)]

    @invariant()
    def position_is_valid(self) -> None:
        assert self.nav.is_valid(self.nav.position)

    @invariant()
    def listener_pairs_chain(self) -> None:
        previous_new = HOME
        for old, new in self.calls:
            assert old == previous_new
            previous_new = new
        assert previous_new == self.nav.position


NavigatorMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=30, deadline=None)
TestNavigatorMachine = NavigatorMachine.TestCase
