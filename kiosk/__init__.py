"""kiosk: a full-screen presentation player for slide decks written in YAML."""

__version__ = "0.1.0"
