"""Animated counters: the exact final text in every language, and a count that never jitters."""

from __future__ import annotations

import re
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontMetricsF

from kiosk.core.navigator import Position
from kiosk.deck.schema import Figure
from kiosk.deck.text import LocalizedText
from kiosk.ui.counter import STAGGER_S, CounterLabel, format_number
from tests.ui.conftest import figure, figures, statement, theme
from tests.ui.helpers import settle

NNBSP = "\u202f"
SEPARATORS = {"en": (",", "."), "fr": (NNBSP, ","), "nl": (".", ","), "de": (".", ",")}
"""(group separator, decimal mark) per language, as the player must show them."""


def make_figure(value: float, decimals: int = 0, **extra: Any) -> Figure:
    texts = {key: _text(extra.pop(key)) for key in ("prefix", "suffix") if key in extra}
    return Figure(value=value, decimals=decimals, label=LocalizedText.plain("label"), **texts, **extra)


def _text(value: str | dict[str, str]) -> LocalizedText:
    return LocalizedText.plain(value) if isinstance(value, str) else LocalizedText.of(value)


def expected_text(literal: str | Decimal, decimals: int, language: str) -> str:
    """What the screen must show for the decimal literal ``literal``, built with Decimal, not with Qt."""
    rounded = Decimal(literal).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""  # a value that rounds to zero shows no sign
    english = f"{abs(rounded):,f}"
    group, mark = SEPARATORS[language]
    return sign + english.replace(",", "\0").replace(".", mark).replace("\0", group)


# -- the final text -----------------------------------------------------------

FORMAT_CASES = [
    # value, decimals, language, expected
    (1234567.5, 1, "en", "1,234,567.5"),
    (1234567.5, 1, "fr", f"1{NNBSP}234{NNBSP}567,5"),
    (1234567.5, 1, "nl", "1.234.567,5"),
    (1234567.5, 1, "de", "1.234.567,5"),
    (5.7, 1, "en", "5.7"),
    (5.7, 1, "fr", "5,7"),
    (5.7, 1, "nl", "5,7"),
    (5.7, 1, "de", "5,7"),
    (5.7, 6, "en", "5.700000"),
    (21.9, 1, "en", "21.9"),
    (0.1 + 0.2, 1, "en", "0.3"),
    (0.1 + 0.2, 2, "de", "0,30"),
    (0.1 + 0.2, 6, "en", "0.300000"),
    (1.1 + 2.2, 6, "fr", "3,300000"),
    (0.1 * 3, 0, "en", "0"),
    (-5.7, 1, "en", "-5.7"),
    (-1234.5, 1, "fr", f"-1{NNBSP}234,5"),
    (-1234567, 0, "nl", "-1.234.567"),
    (-0.04, 1, "en", "0.0"),
    (-0.4, 0, "de", "0"),
    (1e15, 0, "en", "1,000,000,000,000,000"),
    (-1e15, 2, "nl", "-1.000.000.000.000.000,00"),
    (999_999_999_999.99, 2, "fr", f"999{NNBSP}999{NNBSP}999{NNBSP}999,99"),
    (12_345_678.901234, 6, "de", "12.345.678,901234"),
    (43000, 0, "en", "43,000"),
    (43000, 0, "fr", f"43{NNBSP}000"),
    (43000, 0, "de", "43.000"),
    (999, 0, "en", "999"),
    (1000, 0, "en", "1,000"),
    (100, 0, "fr", "100"),
    (0, 0, "en", "0"),
    (0, 3, "fr", "0,000"),
    (7, 0, "en", "7"),
    (7, 1, "en", "7.0"),
    (7, 2, "nl", "7,00"),
    (7, 3, "de", "7,000"),
    (7, 4, "fr", "7,0000"),
    (7, 5, "en", "7.00000"),
    (7, 6, "en", "7.000000"),
    (2.5, 0, "en", "3"),
    (0.05, 1, "en", "0.1"),
    (1.005, 2, "en", "1.01"),
    (0.000001, 6, "en", "0.000001"),
    (0.0000004, 6, "en", "0.000000"),
    (999.96, 1, "en", "1,000.0"),
]


@pytest.mark.parametrize(("value", "decimals", "language", "expected"), FORMAT_CASES)
def test_format_number(value: float, decimals: int, language: str, expected: str) -> None:
    assert format_number(value, decimals, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "€5.7 billion"),
        ("fr", "5,7 milliards €"),
        ("nl", "€ 5,7 miljard"),
        ("de", "5,7 Mrd. €"),
    ],
)
def test_final_text_has_prefix_and_suffix_per_language(qtbot: Any, language: str, expected: str) -> None:
    shown = make_figure(
        5.7,
        1,
        prefix={"en": "€", "fr": "", "nl": "€ ", "de": ""},
        suffix={"en": " billion", "fr": " milliards €", "nl": " miljard", "de": " Mrd. €"},
    )
    counter = CounterLabel(shown, language)
    qtbot.addWidget(counter)
    assert counter.final_text() == expected
    assert counter.text() == expected  # a new counter shows its final value until it is started


@pytest.mark.parametrize(
    ("value", "decimals", "language", "expected"),
    [
        (43000, 0, "en", "over 43,000"),
        (43000, 0, "fr", f"over 43{NNBSP}000"),
        (-12.25, 2, "de", "over -12,25"),
        (1234567.891, 3, "nl", "over 1.234.567,891"),
    ],
)
def test_final_text_with_a_plain_prefix(qtbot: Any, value: float, decimals: int, language: str, expected: str) -> None:
    counter = CounterLabel(make_figure(value, decimals, prefix="over "), language)
    qtbot.addWidget(counter)
    assert counter.final_text() == expected


def test_language_switch_reformats_the_final_text(qtbot: Any) -> None:
    counter = CounterLabel(make_figure(1234567.5, 1, suffix={"en": " m", "fr": " M"}), "en")
    qtbot.addWidget(counter)
    assert counter.text() == "1,234,567.5 m"
    counter.set_language("fr")
    assert counter.text() == f"1{NNBSP}234{NNBSP}567,5 M"


# -- the property ---------------------------------------------------------------

LITERALS = st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(
        min_value=Decimal(-(10**9)), max_value=Decimal(10**9), places=places, allow_nan=False, allow_infinity=False
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(literal=LITERALS, decimals=st.integers(min_value=0, max_value=6), language=st.sampled_from(list(SEPARATORS)))
def test_final_text_matches_decimal_formatting(qapp: Any, literal: Decimal, decimals: int, language: str) -> None:
    """A deck's number (read from YAML as a float, or an int) ends exactly on its decimal literal, rounded."""
    expected = expected_text(literal, decimals, language)
    values: list[float] = [float(str(literal))]
    if literal == literal.to_integral_value():
        values.append(int(literal))
    for value in values:
        assert format_number(value, decimals, language) == expected
        counter = CounterLabel(make_figure(value, decimals, prefix="<", suffix=">"), language)
        try:
            assert counter.final_text() == f"<{expected}>"
        finally:
            counter.deleteLater()


# -- a count run to its end ------------------------------------------------------


def _number_in(text: str, figure_: Figure, language: str) -> Decimal:
    """The number a counter text shows; fails when the text is not well formed."""
    prefix, suffix = figure_.prefix.get(language), figure_.suffix.get(language)
    assert text.startswith(prefix) and text.endswith(suffix), text
    number = text[len(prefix) : len(text) - len(suffix)]
    group, mark = SEPARATORS[language]
    digits = r"\d{1,3}(?:" + re.escape(group) + r"\d{3})*"
    fraction = (re.escape(mark) + r"\d{" + str(figure_.decimals) + "}") if figure_.decimals else ""
    assert re.fullmatch("-?" + digits + fraction, number), f"badly formed count {text!r}"
    return Decimal(number.replace(group, "").replace(mark, "."))


class Recorder:
    """Samples a counter's text, width and text advance every few milliseconds."""

    def __init__(self, *counters: CounterLabel, every_ms: int = 4) -> None:
        self.counters = counters
        self.samples: list[list[tuple[float, str, int, float, int]]] = [[] for _ in counters]
        self._timer = QTimer()
        self._timer.timeout.connect(self.sample)
        self._timer.start(every_ms)
        self.sample()

    def sample(self) -> None:
        now = time.perf_counter()
        for counter, samples in zip(self.counters, self.samples):
            advance = QFontMetricsF(counter.font()).horizontalAdvance(counter.text())
            samples.append((now, counter.text(), counter.width(), advance, counter.x()))

    def stop(self) -> None:
        self._timer.stop()
        self.sample()


@pytest.mark.parametrize(
    ("value", "start", "decimals", "language"),
    [
        (5.7, 0, 1, "en"),
        (1234567.5, 0, 1, "fr"),
        (111, 0, 0, "en"),
        (-2500.25, 0, 2, "de"),
        (10, 1000, 0, "nl"),
    ],
)
def test_counter_runs_to_exactly_its_final_text(
    qtbot: Any, value: float, start: float, decimals: int, language: str
) -> None:
    shown = make_figure(value, decimals, start=start, duration=0.4, prefix="€", suffix=" bn")
    counter = CounterLabel(shown, language)
    qtbot.addWidget(counter)
    counter.show()
    texts: list[str] = []
    widths: set[int] = set()
    counter._animation.valueChanged.connect(lambda _: (texts.append(counter.text()), widths.add(counter.width())))
    with qtbot.waitSignal(counter.finished, timeout=3000):
        counter.start()
        assert counter.text() == counter.text_for(start)
    assert counter.text() == counter.final_text()
    assert len(texts) > 3, "the counter should have shown intermediate values"
    low, high = sorted((Decimal(repr(float(start))), Decimal(repr(float(value)))))
    numbers = [_number_in(text, shown, language) for text in [*texts, counter.text()]]
    assert all(low <= number <= high for number in numbers), numbers
    step = 1 if value >= start else -1
    assert all((b - a) * step >= 0 for a, b in zip(numbers, numbers[1:])), f"the count went back: {numbers}"
    assert widths == {counter.width()}
    metrics = QFontMetricsF(counter.font())
    assert max(metrics.horizontalAdvance(text) for text in texts) <= counter.contentsRect().width()


def test_five_point_seven_never_shows_a_binary_artefact(qtbot: Any) -> None:
    counter = CounterLabel(make_figure(5.7, 1, duration=0.3), "en")
    qtbot.addWidget(counter)
    seen: list[str] = []
    counter._animation.valueChanged.connect(lambda _: seen.append(counter.text()))
    with qtbot.waitSignal(counter.finished, timeout=3000):
        counter.start()
    seen.append(counter.text())
    assert seen[-1] == "5.7"
    assert not [text for text in seen if "99999" in text or text in ("5.8", "5.69", "5.71")]
    assert all(re.fullmatch(r"\d\.\d", text) for text in seen), seen


def test_a_count_shows_new_values_at_most_thirty_times_a_second(qtbot: Any, monkeypatch: Any) -> None:
    # GIVEN a one-second count over a range wide enough for every frame to show a new value
    counter = CounterLabel(make_figure(100_000, duration=1.0), "en")
    qtbot.addWidget(counter)
    counter.show()
    shown: list[tuple[int, str]] = []
    real_set_text = counter.setText
    monkeypatch.setattr(
        counter, "setText", lambda text: (shown.append((counter._animation.currentTime(), text)), real_set_text(text))
    )
    # WHEN it counts to the end
    with qtbot.waitSignal(counter.finished, timeout=5000):
        counter.start()
    # THEN each value stays up for a thirtieth of a second or more, the count still moves, and it ends exact
    counting = [(ms, text) for ms, text in shown[1:-1]]  # between the start value and the final one
    gaps = [b - a for (a, _), (b, _) in zip(counting, counting[1:])]
    assert gaps and min(gaps) >= 1000 // 30
    assert len(counting) >= 1000 // 30 // 2, "the count should still look continuous"
    assert counter.text() == "100,000"


def test_a_zero_duration_counter_finishes_at_once(qtbot: Any) -> None:
    counter = CounterLabel(make_figure(5.7, 1, duration=0), "de")
    qtbot.addWidget(counter)
    counter.start()
    assert counter.text() == "5,7"
    assert not counter.is_counting()


# -- counters on a slide in the player ------------------------------------------


@pytest.fixture
def figures_player(deck_factory: Any, make_player: Any) -> Any:
    """A player on a deck whose second slide has two staggered counters; shown on that slide."""
    deck = deck_factory(
        [
            theme(
                "t",
                [
                    statement("Before"),
                    figures(
                        "Figures",
                        figure(12345, duration=0.8, suffix=" units"),
                        figure(2000.5, decimals=1, duration=0.8, prefix="€"),
                    ),
                    statement("After"),
                ],
            )
        ],
        languages=["en", "fr"],
    )
    player = make_player(deck, time_scale=0.5)
    player.controller.go_to(Position(0, 1))
    return player


def test_counters_count_up_on_entry_and_end_on_their_final_text(qtbot: Any, figures_player: Any) -> None:
    stage = figures_player.window.stage
    settle(qtbot, stage)
    view = stage.current_view()
    first, second = view.counters
    assert first.is_counting() and second.is_counting()
    with qtbot.waitSignal(second.finished, timeout=4000):
        pass
    assert [first.text(), second.text()] == ["12,345 units", "€2,000.5"]
    assert [first.text(), second.text()] == [first.final_text(), second.final_text()]
    assert "12,345 units" in view.visible_texts()


def test_counters_reset_on_leave_and_restart_on_reentry(qtbot: Any, figures_player: Any, press: Any) -> None:
    from PySide6.QtCore import Qt

    window = figures_player.window
    stage = window.stage
    settle(qtbot, stage)
    view = stage.current_view()
    counters = view.counters
    qtbot.waitUntil(lambda: all(c.text() == c.final_text() and not c.is_counting() for c in counters), timeout=4000)

    press(window, Qt.Key.Key_Right)
    settle(qtbot, stage)
    assert stage.current_view().visible_texts()[1] == "After"
    assert stage.live_views().get(Position(0, 1)) is view, "the neighbour stays built"
    assert [c.text() for c in counters] == ["0 units", "€0.0"], "leaving resets the counters to their start"
    assert not any(c.is_counting() for c in counters)

    press(window, Qt.Key.Key_Left)
    settle(qtbot, stage)
    assert stage.current_view() is view
    assert all(c.is_counting() for c in counters), "coming back counts up again"
    with qtbot.waitSignal(counters[1].finished, timeout=4000):
        pass
    assert [c.text() for c in counters] == [c.final_text() for c in counters]


def test_counter_width_and_position_never_change_while_counting(qtbot: Any, figures_player: Any) -> None:
    stage = figures_player.window.stage
    view = stage.current_view()
    recorder = Recorder(*view.counters)
    settle(qtbot, stage)
    qtbot.waitUntil(lambda: not any(c.is_counting() for c in view.counters), timeout=4000)
    recorder.stop()
    for counter, samples in zip(view.counters, recorder.samples):
        assert len({text for _, text, *_ in samples}) > 3, "the count should have been sampled while running"
        assert {width for _, _, width, _, _ in samples} == {counter.width()}, "the width changed while counting"
        assert {x for *_, x in samples} == {counter.x()}, "the counter moved while counting"
        assert max(advance for _, _, _, advance, _ in samples) <= counter.contentsRect().width()


def test_second_counter_starts_after_the_first(qtbot: Any, figures_player: Any) -> None:
    stage = figures_player.window.stage
    stage.time_scale = 1.0  # the counters start at full speed when the transition ends: a 250 ms stagger
    view = stage.current_view()
    first, second = view.counters
    recorder = Recorder(first, second, every_ms=2)
    settle(qtbot, stage)
    qtbot.waitUntil(lambda: not second.is_counting(), timeout=4000)
    recorder.stop()

    def first_change(samples: list[tuple[float, str, int, float, int]], start_text: str) -> float:
        return next(t for t, text, *_ in samples if text != start_text)

    started = [first_change(s, c.text_for(0)) for c, s in zip((first, second), recorder.samples)]
    stagger = STAGGER_S * stage.time_scale
    assert started[1] - started[0] >= stagger * 0.6, f"second counter started {started[1] - started[0]:.3f} s later"


def test_language_switch_while_a_counter_waits_keeps_its_start_value(
    qtbot: Any, figures_player: Any, press: Any
) -> None:
    from PySide6.QtCore import Qt

    window = figures_player.window
    stage = window.stage
    stage.time_scale = 1.0  # a 250 ms stagger: time to switch the language while the second counter waits
    settle(qtbot, stage)
    view = stage.current_view()
    second = view.counters[1]
    qtbot.waitUntil(lambda: not second.is_counting(), timeout=4000)
    press(window, Qt.Key.Key_Right)
    settle(qtbot, stage)
    seen: list[tuple[bool, str]] = []

    def switch_language_as_the_slide_arrives(_position: Position) -> None:
        # The second counter has just begun to wait STAGGER_S; switch the language now, whatever the machine's load.
        seen.append((second.is_counting(), second.text()))
        press(window, Qt.Key.Key_L)
        seen.append((second.is_counting(), second.text()))

    stage.transition_finished.connect(switch_language_as_the_slide_arrives)
    press(window, Qt.Key.Key_Left)
    settle(qtbot, stage)
    stage.transition_finished.disconnect(switch_language_as_the_slide_arrives)
    assert figures_player.controller.language == "fr"
    assert seen[0] == (True, "€0.0"), "the second counter waits before it starts"
    assert seen[1] == (True, "€0,0"), "a counter that has not started yet should show its start value"
