"""High contrast reaches the controls too: the control bar, its dots and its menus turn white on black."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor, QImage

from kiosk.ui.palette import HIGH_CONTRAST_BACKGROUND, HIGH_CONTRAST_MINIMUM, contrast_ratio


def bar_picture(player: Any) -> QImage:
    """The control bar as the visitor sees it, over the slide (the bar alone would be grabbed over a blank)."""
    navbar = player.window.navbar
    return player.window.grab(navbar.geometry()).toImage()


def corner_colour(image: QImage) -> QColor:
    """The colour at the top of the bar between the home button and the arrows, where only its background is drawn."""
    return image.pixelColor(image.width() // 5, 2)


def lightest(image: QImage) -> QColor:
    """The lightest pixel of ``image`` (a control's icon or words)."""
    best = QColor(0, 0, 0)
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if colour.lightnessF() > best.lightnessF():
                best = colour
    return best


def test_the_control_bar_turns_black_and_its_controls_reach_seven_to_one(player: Any, qtbot: Any) -> None:
    navbar = player.window.navbar
    player.controller.theme(0)
    qtbot.waitUntil(lambda: not player.window.stage.is_transitioning())
    designed = corner_colour(bar_picture(player))
    assert designed.name() != HIGH_CONTRAST_BACKGROUND  # the slide shows through the designed bar

    player.controller.toggle_access("high_contrast")
    bar = bar_picture(player)
    assert corner_colour(bar).name() == HIGH_CONTRAST_BACKGROUND
    home = navbar.home_button.grab().toImage()
    assert contrast_ratio(lightest(home), corner_colour(bar)) >= HIGH_CONTRAST_MINIMUM
    dots = navbar.dots.grab().toImage()
    assert contrast_ratio(lightest(dots), HIGH_CONTRAST_BACKGROUND) >= HIGH_CONTRAST_MINIMUM

    player.controller.toggle_access("high_contrast")
    assert corner_colour(bar_picture(player)) == designed


def test_the_accessibility_menu_is_white_on_black_in_high_contrast(player: Any, qtbot: Any) -> None:
    navbar = player.window.navbar
    player.controller.toggle_access("high_contrast")
    navbar.access_button.click()
    menu = navbar.access_menu
    qtbot.waitUntil(menu.isVisible)
    picture = menu.grab().toImage()
    background = picture.pixelColor(picture.width() - 3, picture.height() // 2)
    assert contrast_ratio(background, HIGH_CONTRAST_BACKGROUND) < 1.1
    assert contrast_ratio(lightest(picture), background) >= HIGH_CONTRAST_MINIMUM
    menu.close()
