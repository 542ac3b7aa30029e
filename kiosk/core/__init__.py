"""Pure decisions the player makes, with an injected clock: no Qt, no widgets, no files.

Navigation (navigator), swipes and flicks (swipe), the idle and attract policy
(attract), opening hours (schedule), the exit PIN lock (pin_lock) and the
player's own words in every language (strings). Everything here is plain Python
and may import only the standard library and ``kiosk.deck``; tests drive it with
a fake clock and no display.
"""
