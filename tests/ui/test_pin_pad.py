"""The exit keypad as staff use it: buttons and keys, wrong PINs, the lockout, cancelling and timing out."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from kiosk.core.pin_lock import PinLock
from kiosk.core.strings import text
from kiosk.ui.pin_pad import INACTIVITY_TIMEOUT_S, PinPad
from kiosk.ui.scale import Scale, minimum_touch_target
from tests.core.clock import FakeClock

PIN = "2468"
LOCKOUT_S = 3
WINDOW_SIZE = (1280, 720)
LEFT = Qt.MouseButton.LeftButton
Key = Qt.Key
DIGIT_KEY = {str(n): getattr(Key, f"Key_{n}") for n in range(10)}


class Slides(QWidget):
    """Stands in for the kiosk window: dark, and it records the input that reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("background: #0b1d33;")
        self.keys: list[int] = []
        self.clicks = 0

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        self.keys.append(event.key())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt naming
        self.clicks += 1


class KeyRecorder(QObject):
    """An event filter on the window, as the slides' keyboard controls are."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.keys: list[int] = []
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.keys.append(event.key())
        return False


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=500.0)


@pytest.fixture
def window(show_widget: Callable[..., Slides]) -> Slides:
    return show_widget(Slides(), WINDOW_SIZE)


@pytest.fixture
def pad(window: Slides, clock: FakeClock) -> PinPad:
    keypad = PinPad(PinLock(PIN, clock=clock, lockout_s=LOCKOUT_S), "en", window)
    keypad.open()
    return keypad


def click_digits(qtbot: Any, pad: PinPad, digits: str) -> None:
    for digit in digits:
        qtbot.mouseClick(pad.digit_buttons[digit], LEFT)


def type_digits(window: QWidget, digits: str) -> None:
    for digit in digits:
        QTest.keyClick(window, DIGIT_KEY[digit])


def enter_wrong(qtbot: Any, pad: PinPad, times: int) -> None:
    for _ in range(times):
        click_digits(qtbot, pad, "1111")
        qtbot.mouseClick(pad.ok_button, LEFT)


# -- opening ---------------------------------------------------------------------


def test_opens_over_the_whole_window_with_big_keys(pad: PinPad, window: Slides) -> None:
    assert pad.is_open()
    assert pad.geometry() == window.rect()
    assert pad.prompt.text() == text("enter_pin", "en")
    assert pad.cancel_button.text() == text("cancel", "en")
    assert pad.message() == ""
    target = minimum_touch_target(window, Scale(*WINDOW_SIZE))
    buttons = [*pad.digit_buttons.values(), pad.clear_button, pad.ok_button, pad.cancel_button]
    assert sorted(pad.digit_buttons) == list("0123456789")
    for button in buttons:
        assert button.isVisible()
        assert min(button.width(), button.height()) >= target
        assert pad.card.rect().contains(button.geometry()), f"{button.objectName()} is cut off"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1280, 720), (800, 480)])
def test_the_card_fits_any_window(qtbot: Any, pad: PinPad, window: Slides, size: tuple[int, int]) -> None:
    window.resize(*size)
    qtbot.waitUntil(lambda: pad.size() == window.size())
    assert window.rect().contains(pad.card.geometry())
    target = minimum_touch_target(window, Scale(*size))
    for button in (*pad.digit_buttons.values(), pad.ok_button, pad.cancel_button):
        assert min(button.width(), button.height()) >= target
        assert pad.card.rect().contains(button.geometry())


def test_without_a_pin_opening_only_logs_once(window: Slides, caplog: pytest.LogCaptureFixture) -> None:
    pad = PinPad(PinLock(None), "en", window)
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.pin_pad"):
        pad.open()
        pad.open()
    assert not pad.is_open()
    assert len([r for r in caplog.records if "no exit PIN" in r.getMessage()]) == 1


def test_speaks_the_visitors_language(pad: PinPad) -> None:
    pad.set_language("fr")
    assert pad.prompt.text() == text("enter_pin", "fr")
    assert pad.cancel_button.text() == text("cancel", "fr")


# -- entering the PIN --------------------------------------------------------------


def test_the_right_pin_by_buttons_is_accepted(qtbot: Any, pad: PinPad) -> None:
    click_digits(qtbot, pad, PIN)
    assert pad.entered_length() == len(PIN)
    assert pad.dots.count == len(PIN), "one dot per digit"
    assert not any(d in pad.prompt.text() + pad.message() for d in PIN), "the digits are never shown"
    with qtbot.waitSignal(pad.accepted, timeout=1000):
        qtbot.mouseClick(pad.ok_button, LEFT)
    assert not pad.is_open()


@pytest.mark.parametrize("enter", [Key.Key_Return, Key.Key_Enter])
def test_the_right_pin_by_keyboard_is_accepted(qtbot: Any, pad: PinPad, window: Slides, enter: Key) -> None:
    recorder = KeyRecorder(window)
    type_digits(window, "24")
    QTest.keyClick(window, Key.Key_9)
    QTest.keyClick(window, Key.Key_Backspace)
    type_digits(window, "68")
    assert pad.entered_length() == len(PIN)
    with qtbot.waitSignal(pad.accepted, timeout=1000):
        QTest.keyClick(window, enter)
    assert window.keys == [] and recorder.keys == [], "no key reached the slides underneath"


def test_backspace_button_and_delete_key(qtbot: Any, pad: PinPad, window: Slides) -> None:
    click_digits(qtbot, pad, "123")
    qtbot.mouseClick(pad.clear_button, LEFT)
    assert pad.entered_length() == 2
    QTest.keyClick(window, Key.Key_Delete)
    assert pad.entered_length() == 0


def test_the_entry_stops_at_twelve_digits(qtbot: Any, pad: PinPad) -> None:
    click_digits(qtbot, pad, "1234567890123")
    assert pad.entered_length() == 12


def test_ok_with_nothing_entered_costs_no_attempt(qtbot: Any, pad: PinPad) -> None:
    qtbot.mouseClick(pad.ok_button, LEFT)
    assert pad.message() == ""
    assert pad.lock.attempts_left == 3


def test_a_wrong_pin_says_so_and_clears(qtbot: Any, pad: PinPad) -> None:
    enter_wrong(qtbot, pad, 1)
    assert pad.message() == text("wrong_pin", "en")
    assert pad.entered_length() == 0
    assert pad.is_open()
    click_digits(qtbot, pad, "2")
    assert pad.message() == "", "typing again clears the message"


class Stage(QWidget):
    """Stands in for the slide stage under the keypad: it counts the touch and mouse events it gets."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.events: list[QEvent.Type] = []
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setGeometry(parent.rect())
        self.show()

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            self.events.append(event.type())
            event.accept()
            return True
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            self.events.append(event.type())
        return super().event(event)


def test_the_end_of_the_hold_that_opened_it_does_not_reach_the_slides(qtbot: Any, window: Slides) -> None:
    # GIVEN a press on the slides that is still down when the keypad opens (the exit hold)
    stage = Stage(window)
    pad = PinPad(PinLock(PIN), "en", window)
    QTest.mousePress(stage, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    pad.open()
    # WHEN it is released, THEN the slides never see the release
    QTest.mouseRelease(stage, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert stage.events == [QEvent.Type.MouseButtonPress]


def test_the_end_of_a_touch_hold_does_not_reach_the_slides(qtbot: Any, window: Slides) -> None:
    stage = Stage(window)
    pad = PinPad(PinLock(PIN), "en", window)
    touchscreen = QTest.createTouchDevice()
    QTest.touchEvent(window, touchscreen).press(0, QPoint(5, 5), window).commit()
    pad.open()
    QTest.touchEvent(window, touchscreen).move(0, QPoint(9, 9), window).commit()
    QTest.touchEvent(window, touchscreen).release(0, QPoint(9, 9), window).commit()
    assert stage.events == [QEvent.Type.TouchBegin]


@pytest.mark.parametrize("accepts_touch", [False, True], ids=["plain window", "touch-accepting window"])
def test_keys_work_by_touch(qtbot: Any, pad: PinPad, window: Slides, accepts_touch: bool) -> None:
    window.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, accepts_touch)
    touchscreen = QTest.createTouchDevice()
    for digit in PIN:
        button = pad.digit_buttons[digit]
        centre = button.mapTo(window, button.rect().center())
        QTest.touchEvent(window, touchscreen).press(0, centre, window).commit()
        QTest.touchEvent(window, touchscreen).release(0, centre, window).commit()
    assert pad.entered_length() == len(PIN)


def test_clicks_on_the_backdrop_do_not_reach_the_slides(qtbot: Any, pad: PinPad, window: Slides) -> None:
    QTest.mouseClick(pad, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    QTest.mouseClick(pad.card, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert window.clicks == 0
    assert pad.is_open()


def test_holding_the_corner_of_the_player_opens_it_without_turning_the_slide(
    qtbot: Any, make_player: Any, deck_factory: Any
) -> None:
    from kiosk.player.exit_gesture import CornerHold
    from tests.ui.conftest import statement, theme
    from tests.ui.helpers import settle

    # GIVEN a player on a slide, with the exit corner wired to the keypad
    player = make_player(deck_factory([theme("t", [statement("One"), statement("Two")])]))
    window, controller = player.window, player.controller
    controller.theme(0)
    settle(qtbot, window.stage)
    position = controller.position
    pad = PinPad(PinLock(PIN), controller.language, window)
    hold_clock = FakeClock()
    hold = CornerHold(
        window,
        hold_s=0.3,
        corner_side=lambda: minimum_touch_target(window, Scale(window.width(), window.height())),
        clock=hold_clock,
    )
    hold.held.connect(pad.open)
    # WHEN the corner is held until the keypad opens (0.3 s on the hold's clock), then let go
    QTest.mousePress(window.stage, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    hold_clock.advance(0.3)
    with qtbot.waitSignal(hold.held, timeout=1000):
        hold.check()  # as the hold's timer does when it is due
    assert pad.is_open()
    QTest.mouseRelease(window.stage, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    settle(qtbot, window.stage)
    # THEN the slide underneath stayed put (the corner is in the tap-to-go-back zone)
    assert controller.position == position


# -- lockout -------------------------------------------------------------------------


def test_three_wrong_pins_lock_the_keys_and_count_down(
    qtbot: Any, pad: PinPad, window: Slides, clock: FakeClock
) -> None:
    # GIVEN three wrong PINs
    enter_wrong(qtbot, pad, 3)
    # THEN the keys are off and the message counts down from the lockout
    assert pad.message() == text("locked_for", "en", seconds=LOCKOUT_S)
    assert not any(button.isEnabled() for button in pad.digit_buttons.values())
    assert not pad.ok_button.isEnabled()
    assert pad.cancel_button.isEnabled(), "staff can still walk away"
    type_digits(window, PIN)
    assert pad.entered_length() == 0, "keys are ignored while locked"
    clock.now += 1
    qtbot.waitUntil(lambda: pad.message() == text("locked_for", "en", seconds=LOCKOUT_S - 1), timeout=2000)
    pad.set_language("de")
    assert pad.message() == text("locked_for", "de", seconds=LOCKOUT_S - 1)
    # WHEN the lockout has passed
    clock.now += LOCKOUT_S
    qtbot.waitUntil(lambda: pad.message() == "", timeout=2000)
    # THEN the keys work again and the right PIN gets through
    assert all(button.isEnabled() for button in pad.digit_buttons.values())
    click_digits(qtbot, pad, PIN)
    with qtbot.waitSignal(pad.accepted, timeout=1000):
        qtbot.mouseClick(pad.ok_button, LEFT)


def test_reopening_during_the_lockout_shows_it(qtbot: Any, pad: PinPad, clock: FakeClock) -> None:
    enter_wrong(qtbot, pad, 3)
    pad.cancel()
    pad.open()
    assert pad.message() == text("locked_for", "en", seconds=LOCKOUT_S)
    assert not pad.digit_buttons["5"].isEnabled()
    pad.cancel()
    clock.now += LOCKOUT_S
    pad.open()
    assert pad.message() == ""
    assert pad.digit_buttons["5"].isEnabled()


# -- leaving ---------------------------------------------------------------------------


def test_cancel_button(qtbot: Any, pad: PinPad) -> None:
    click_digits(qtbot, pad, "24")
    with qtbot.waitSignal(pad.cancelled, timeout=1000):
        qtbot.mouseClick(pad.cancel_button, LEFT)
    assert not pad.is_open()
    pad.open()
    assert pad.entered_length() == 0, "a cancelled entry is forgotten"


def test_escape_cancels(qtbot: Any, pad: PinPad, window: Slides) -> None:
    with qtbot.waitSignal(pad.cancelled, timeout=1000):
        QTest.keyClick(window, Key.Key_Escape)
    assert not pad.is_open()
    QTest.keyClick(window, Key.Key_Right)
    assert window.keys == [Key.Key_Right], "once closed, keys reach the slides again"


def test_the_default_inactivity_timeout_is_30_seconds(window: Slides) -> None:
    assert INACTIVITY_TIMEOUT_S == 30
    pad = PinPad(PinLock(PIN), "en", window)
    assert pad.inactivity_s == 30


def inactivity_timer(pad: PinPad) -> QTimer:
    """The keypad's running timer whose interval is its inactivity timeout."""
    timeout_ms = round(pad.inactivity_s * 1000)
    timers = [timer for timer in pad.findChildren(QTimer) if timer.interval() == timeout_ms and timer.isActive()]
    assert len(timers) == 1, "one inactivity timer runs while the keypad is open"
    return timers[0]


def test_closes_itself_after_a_while_without_input(qtbot: Any, window: Slides) -> None:
    pad = PinPad(PinLock(PIN), "en", window, inactivity_s=0.4)
    pad.open()
    # GIVEN someone typing whenever half the timeout has run (on the keypad's own timer, so however
    # loaded the machine), the keypad stays up past its timeout: each key starts it again
    half_ms = round(pad.inactivity_s * 1000 / 2)
    for digit in "1234":
        timer = inactivity_timer(pad)
        qtbot.waitUntil(lambda: timer.remainingTime() <= half_ms, timeout=5000)  # noqa: B023
        QTest.keyClick(window, DIGIT_KEY[digit])
        assert inactivity_timer(pad).remainingTime() > half_ms, "a key starts the timeout again"
    qtbot.mouseClick(pad.clear_button, LEFT)
    assert pad.is_open()
    # WHEN nobody touches it any more, THEN it cancels itself
    with qtbot.waitSignal(pad.cancelled, timeout=2000):
        pass
    assert not pad.is_open()
    assert pad.entered_length() == 0
