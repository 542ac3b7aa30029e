"""The presenter's clocks: time on the talk, time on this slide against its target (amber, red), and the pace."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core import strings
from kiosk.core.talk_timer import SlideTimeState, TalkTimer
from kiosk.player.presenter import clock_text, pace_sentence
from kiosk.ui.palette import TEXT, TEXT_SOFT, TIME_NEARLY, TIME_OVER, font
from kiosk.ui.scale import Scale

STATE_COLOURS = {SlideTimeState.NORMAL: TEXT, SlideTimeState.AMBER: TIME_NEARLY, SlideTimeState.RED: TIME_OVER}
"""The slide timer's colour in each state."""
STATE_WORDS = {
    SlideTimeState.NORMAL: "presenter_time_ok",
    SlideTimeState.AMBER: "presenter_time_nearly",
    SlideTimeState.RED: "presenter_time_over",
}
"""The word (with its symbol) that says the state without colour."""
LINE_SPACING = 0.4
"""Space between the clock lines, as a share of their font size."""


def _label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


class TalkClocks(QWidget):
    """The talk's times, read from a TalkTimer each time ``refresh`` is called."""

    def __init__(self, timer: TalkTimer, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timer = timer
        self.language = language
        self.state = SlideTimeState.NORMAL
        self.talk = _label(self)
        self.slide = _label(self)
        self.slide_state = _label(self)
        self.pace = _label(self)
        self.paused = _label(self)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.talk, self.slide, self.slide_state, self.pace, self.paused):
            self._layout.addWidget(label)
        self._layout.addStretch(1)
        self.talk.setStyleSheet(f"color: {TEXT};")
        self.pace.setStyleSheet(f"color: {TEXT_SOFT};")
        self.paused.setStyleSheet(f"color: {TIME_NEARLY};")
        self.set_sizes(Scale(1920, 1080))

    def set_sizes(self, scale: Scale) -> None:
        """Fonts for a console of ``scale``'s size: the slide's time largest, the pace as body text."""
        m = scale.metrics
        self.talk.setFont(font(scale.px(m.subtitle_font), QFont.Weight.DemiBold, tabular=True))
        self.slide.setFont(font(scale.px(m.subtitle_font), QFont.Weight.Bold, tabular=True))
        self.slide_state.setFont(font(scale.px(m.subtitle_font), QFont.Weight.Bold))
        self.pace.setFont(font(scale.px(m.label_font)))
        self.paused.setFont(font(scale.px(m.label_font), QFont.Weight.DemiBold))
        self._layout.setSpacing(scale.px(m.label_font * LINE_SPACING))

    def set_language(self, language: str) -> None:
        """Say everything in ``language`` from now on."""
        self.language = language
        self.setAccessibleName(strings.text("presenter_clocks", language))
        self.refresh()  # the console calls it again with the talk's state

    def refresh(self, ended: bool = False) -> None:
        """Read the timer again and show its times (``ended``: the talk is over, so no pause to undo)."""
        timer, language = self.timer, self.language
        self.talk.setText(strings.text("presenter_talk_time", language, time=clock_text(timer.elapsed_s())))
        target = timer.slide_target_s()
        self.state = timer.slide_state()
        colour = STATE_COLOURS[self.state]
        if target is None:  # the home screen: no slide to time
            self.slide.clear()
            self.slide_state.clear()
        else:
            spent = clock_text(timer.slide_elapsed_s())
            self.slide.setText(strings.text("presenter_slide_time", language, spent=spent, target=clock_text(target)))
            self.slide_state.setText(strings.text(STATE_WORDS[self.state], language))
        self.slide.setStyleSheet(f"color: {colour};")
        self.slide_state.setStyleSheet(f"color: {colour};")
        self.pace.setText(pace_sentence(timer.pace_s(), language))
        self.paused.setText(strings.text("presenter_paused", language) if timer.paused else "")
        self.paused.setVisible(timer.paused and not ended)
