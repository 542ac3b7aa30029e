"""Qt objects that draw nothing: they turn input, time and files into decisions for the views.

The controller (one per app; it announces position, language and deck changes),
the input hub and what listens through it (keys, pointer gestures, the exit
corner, activity), auto-play, attract mode, opening hours, deck reload, the
self-watch, the screen saver and screen power. Modules here may import
``kiosk.deck``, ``kiosk.core`` and Qt's non-widget classes (``QWidget`` only as
the type of what they watch); never ``kiosk.ui``. Views listen to their signals.
"""
