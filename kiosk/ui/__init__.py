"""Widgets that draw, and the helpers they draw with: nothing else.

The window, the stage and its transitions, one view per slide kind, counters,
fitted text, the home screen, the control bar, the attract cards, the standby
screen and the PIN keypad; ``palette`` holds every colour, radius and alignment,
``scale`` every size (in design units scaled to the screen), ``icons`` every
icon. Views read the controller's state and listen to its signals; they may
import ``kiosk.deck``, ``kiosk.core`` and ``kiosk.player``, never ``kiosk.app``.
"""
