"""``kiosk new FOLDER``: a small starter deck, commented for authors who are not programmers.

It holds one slide of each kind, in English and French, a picture to replace, and the JSON
Schemas that let an editor complete keys and underline mistakes.
"""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.deck import json_schema

DECK_YAML = """\
# yaml-language-server: $schema=deck.schema.json
#
# This is the deck's main file. A deck is this folder: this file, the theme files
# in "themes" and the pictures in "images".
#
# Lines starting with "#" are comments: the player ignores them. Each other line is
# a key, a colon and a value. Indentation (the spaces at the start of a line) matters:
# use spaces, never tabs, and keep the lines of a group aligned.
#
# After each change, check the deck with:   kiosk validate FOLDER
# It names the file, line and column of every mistake.

# The deck's title, on the home screen. Any text is either one text for every
# language, or one line per language as here: "en" for English, "fr" for French.
# Quotes around a text are optional, but needed when it contains a colon or a "#".
title:
  en: "Welcome to our exhibition"
  fr: "Bienvenue dans notre exposition"

# A line under the title on the home screen (optional).
subtitle:
  en: "Touch a theme to begin"
  fr: "Touchez un thème pour commencer"

# The languages the deck is written in, as two-letter codes. The first one is shown
# first; visitors change language with the buttons at the bottom of the screen.
# Every text should then have a line for each of these languages.
languages: [en, fr]

# The theme files, in the order of their tiles on the home screen.
themes:
  - themes/about.yaml
  - themes/in-numbers.yaml

# What the display does when nobody touches it (optional; these are the usual values).
attract:
  # Seconds without a touch before the display starts playing the slides by itself.
  idle_timeout: 60
  # Seconds each slide stays on screen while the display plays by itself.
  slide_duration: 8
  # true: each round of slides is shown in the next language; false: always the first.
  rotate_languages: true

# More options, to use when you need them: remove the "# " in front of the lines.
# A PIN to leave the locked full screen (keep it secret; in quotes):
# kiosk:
#   exit_pin: "2468"
# Opening hours; outside them the screen shows a calm standby picture:
# schedule:
#   hours:
#     - {days: mon-fri, open: "09:00", close: "18:00"}
"""

ABOUT_YAML = """\
# yaml-language-server: $schema=../theme.schema.json
#
# A theme: a group of slides on one subject, with its own tile on the home screen.

# A short name for the theme, different for each theme: lower-case letters, digits and "-".
id: about

# The theme's title, on its tile and above its slides.
title:
  en: "About the exhibition"
  fr: "À propos de l'exposition"

# The icon on the tile: a name from the qtawesome icon set, such as fa6s.star or fa6s.book-open.
icon: fa6s.landmark

# The theme's colour, for its tile and highlights: "#" and six hexadecimal digits, in quotes.
accent: "#f2b134"

# A picture behind all of this theme's slides (optional):
# background: images/my-background.svg

# The slides, in order. Each slide starts with "- kind:" followed by its kind.
slides:
  # A title slide: a large title that opens the theme.
  - kind: title
    # The title.
    heading:
      en: "Welcome"
      fr: "Bienvenue"
    # A line under the title (optional).
    subtitle:
      en: "A short line to set the scene"
      fr: "Une courte phrase pour planter le décor"
    # Notes for the person presenting the deck; visitors never see them (optional).
    notes:
      en: "Greet the visitors and invite them to touch a theme."
      fr: "Accueillez les visiteurs et invitez-les à toucher un thème."

  # A statement slide: a heading and a few short sentences.
  - kind: statement
    # The heading.
    heading:
      en: "A place to discover"
      fr: "Un lieu à découvrir"
    # The statement itself.
    body:
      en: "Replace this text with your message. Two or three short sentences that a visitor reads in a few seconds."
      fr: "Remplacez ce texte par votre message. Deux ou trois phrases courtes, lues en quelques secondes."
    # Seconds this slide stays on screen when the display plays by itself (optional).
    duration: 12

  # An image slide: a picture, with a heading above it and a caption under it (both optional).
  - kind: image
    # The picture: a file in the deck folder (SVG, PNG or JPEG). Put yours in "images".
    image: images/placeholder.svg
    # The heading above the picture.
    heading:
      en: "Your picture here"
      fr: "Votre image ici"
    # A line under the picture.
    caption:
      en: "A caption says what the picture shows."
      fr: "Une légende dit ce que montre l'image."

  # A video slide (it needs a clip of yours in the deck folder, and pip install 'kiosk[media]';
  # remove the "# " in front of each line below to use it). The clip plays to its end in auto-play.
  # - kind: video
  #   video: clips/my-clip.mp4
  #   heading:
  #     en: "Inside the lab"
  #     fr: "Dans le laboratoire"
  #   # A picture shown until the clip plays, and if it cannot (optional).
  #   poster: images/placeholder.svg
"""

IN_NUMBERS_YAML = """\
# yaml-language-server: $schema=../theme.schema.json
#
# A second theme: figures that count up when they appear, and a QR code to take home.
# The figures below are examples: replace them with yours, each with its source.

# A short name for the theme, different for each theme: lower-case letters, digits and "-".
id: in-numbers

# The theme's title, on its tile and above its slides.
title:
  en: "In numbers"
  fr: "En chiffres"

# The icon on the tile.
icon: fa6s.chart-column

# The theme's colour.
accent: "#4da3ff"

# The slides, in order.
slides:
  # A figures slide: a heading and one to four numbers that count up.
  - kind: figures
    # The heading above the figures.
    heading:
      en: "A year at the exhibition"
      fr: "Une année d'exposition"
    # The figures, one to four. Each starts with "- value:".
    figures:
      # The number the counter ends on. Write it without spaces or thousands separators;
      # the player shows it the way each language writes numbers.
      - value: 48000
        # What the number means, with its year.
        label:
          en: "visitors welcomed (2024)"
          fr: "visiteurs accueillis (2024)"
        # Where the number comes from, with its year. Every figure needs one.
        source:
          en: "Ticket office, 2024"
          fr: "Billetterie, 2024"

      - value: 2.5
        # Digits after the decimal mark (0 if you leave it out).
        decimals: 1
        # Text before the number (optional); here it differs between languages.
        prefix:
          en: "€"
          fr: ""
        # Text after the number (optional). Start it with a space to keep it apart.
        suffix:
          en: " million"
          fr: " millions €"
        label:
          en: "invested in the new wing (2024)"
          fr: "investis dans la nouvelle aile (2024)"
        source:
          en: "Annual report, 2024"
          fr: "Rapport annuel, 2024"

      - value: 96
        suffix:
          en: "%"
          fr: " %"
        label:
          en: "of visitors would recommend the visit (2024)"
          fr: "des visiteurs recommanderaient la visite (2024)"
        source:
          en: "Visitor survey, 2024"
          fr: "Enquête auprès des visiteurs, 2024"

  # A QR code slide: visitors scan it with their phone to open a web page.
  - kind: qr
    # The heading.
    heading:
      en: "Take the visit home"
      fr: "Prolongez la visite chez vous"
    # The web address the code opens: replace it with yours (it starts with https://).
    url: "https://example.org/"
    # What the visitor gets by scanning the code.
    caption:
      en: "Scan the code with your phone's camera to read more on our website."
      fr: "Scannez le code avec l'appareil photo de votre téléphone pour en savoir plus sur notre site."
"""

PLACEHOLDER_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900" width="1600" height="900">
  <title>A placeholder picture, to replace with your own: a framed landscape with hills and a sun</title>
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2f6bb0"/>
      <stop offset="1" stop-color="#a9cdf2"/>
    </linearGradient>
  </defs>
  <!-- the frame and the picture inside it -->
  <rect x="30" y="30" width="1540" height="840" rx="28" fill="#efe6d6"/>
  <rect x="90" y="90" width="1420" height="720" fill="url(#sky)"/>
  <!-- the sun and its rays -->
  <circle cx="1160" cy="290" r="86" fill="#f2b134"/>
  <g stroke="#f2b134" stroke-width="14" stroke-linecap="round">
    <line x1="1160" y1="160" x2="1160" y2="120"/>
    <line x1="1160" y1="420" x2="1160" y2="460"/>
    <line x1="1030" y1="290" x2="990" y2="290"/>
    <line x1="1290" y1="290" x2="1330" y2="290"/>
    <line x1="1068" y1="198" x2="1040" y2="170"/>
    <line x1="1252" y1="198" x2="1280" y2="170"/>
    <line x1="1068" y1="382" x2="1040" y2="410"/>
    <line x1="1252" y1="382" x2="1280" y2="410"/>
  </g>
  <!-- two rows of hills -->
  <path d="M90,810 L90,560 Q330,390 600,560 Q800,680 1040,560 Q1290,440 1510,580 L1510,810 Z" fill="#4f9a64"/>
  <path d="M90,810 L90,700 Q460,580 860,700 Q1200,800 1510,680 L1510,810 Z" fill="#2f7047"/>
</svg>
"""

TEMPLATE: dict[str, str] = {
    "deck.yaml": DECK_YAML,
    "themes/about.yaml": ABOUT_YAML,
    "themes/in-numbers.yaml": IN_NUMBERS_YAML,
    "images/placeholder.svg": PLACEHOLDER_SVG,
}


def starter_files() -> dict[str, str]:
    """Every file of the starter deck, by path relative to its folder, with its text."""
    schemas = {
        json_schema.DECK_SCHEMA_FILE: json_schema.deck_schema(),
        json_schema.THEME_SCHEMA_FILE: json_schema.theme_schema(),
    }
    return TEMPLATE | {
        name: json.dumps(document, indent=2, ensure_ascii=False) + "\n" for name, document in schemas.items()
    }


def write_starter_deck(folder: Path) -> list[Path]:
    """Write the starter deck into ``folder`` (made if needed) and return the files written, deck.yaml first."""
    written = []
    for relative, text in starter_files().items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
