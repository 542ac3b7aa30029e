"""Outside opening hours: the standby screen covers everything, input is ignored, the screen may sleep."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from kiosk.deck.schema import Deck
from kiosk.player.controller import PlayerController
from kiosk.player.input_hub import CLOSED_HOURS, USER_INPUT_TYPES, input_hub
from kiosk.player.screen_power import request_screen_sleep
from kiosk.ui.attract_mode import AttractMode
from kiosk.ui.schedule_controller import OpeningHoursController
from kiosk.ui.standby_view import StandbyView

log = logging.getLogger(__name__)


class ClosedMode(QObject):
    """Follows the opening hours: shows StandbyView and pauses attract mode while closed.

    Its event filter is installed after attract mode's, so while closed it sees
    input first and uses it up: nothing behind the standby screen reacts.
    """

    def __init__(
        self,
        window: QWidget,
        controller: PlayerController,
        attract: AttractMode,
        hours: OpeningHoursController | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.attract = attract
        self.hours = hours or OpeningHoursController(controller.deck, parent=self)
        self.view = StandbyView(controller.deck, controller.language, None, window)
        self.view.hide()
        self.hours.closed.connect(self._close)
        self.hours.opened.connect(self._open)
        controller.deck_changed.connect(self._deck_changed)
        controller.language_changed.connect(self.view.set_language)
        input_hub().add(self.eventFilter, CLOSED_HOURS)
        self.hours.check()

    @property
    def is_closed(self) -> bool:
        """True while the standby screen is up."""
        return not self.hours.is_open

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if self.hours.is_open or event.type() not in USER_INPUT_TYPES or not watched.isWidgetType():
            return False
        return watched is self.window or self.window.isAncestorOf(watched)  # type: ignore[arg-type]

    def relayout(self) -> None:
        """Cover the window again after a resize."""
        self.view.setGeometry(self.window.rect())

    def _close(self) -> None:
        log.info("closed: showing the standby screen")
        self.attract.suspend()
        self.controller.home()
        self.view.set_next_opening(self.hours.next_opening())
        self.view.setGeometry(self.window.rect())
        self.view.show()
        self.view.raise_()
        request_screen_sleep(True)

    def _open(self) -> None:
        log.info("open: back to the home screen")
        request_screen_sleep(False)
        self.view.hide()
        self.controller.home()
        self.attract.resume()

    def _deck_changed(self, deck: Deck) -> None:
        self.view.set_deck(deck)
        self.hours.replace_deck(deck)
