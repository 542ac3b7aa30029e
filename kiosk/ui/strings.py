"""The player's own words (not the deck's), in every language the bundled deck speaks."""

from __future__ import annotations

FALLBACK_LANGUAGE = "en"

STRINGS: dict[str, dict[str, str]] = {
    "still_there": {
        "en": "Still there?",
        "fr": "Vous êtes toujours là ?",
        "nl": "Bent u er nog?",
        "de": "Sind Sie noch da?",
    },
    "touch_to_continue": {
        "en": "Touch the screen to carry on.",
        "fr": "Touchez l’écran pour continuer.",
        "nl": "Raak het scherm aan om verder te gaan.",
        "de": "Berühren Sie den Bildschirm, um weiterzumachen.",
    },
    "returning_in": {
        "en": "Back to the start in {seconds} s",
        "fr": "Retour au début dans {seconds} s",
        "nl": "Terug naar het begin over {seconds} s",
        "de": "Zurück zum Anfang in {seconds} s",
    },
    "touch_to_explore": {
        "en": "Touch to explore",
        "fr": "Touchez pour découvrir",
        "nl": "Raak aan om te ontdekken",
        "de": "Zum Entdecken berühren",
    },
    "closed": {
        "en": "Closed",
        "fr": "Fermé",
        "nl": "Gesloten",
        "de": "Geschlossen",
    },
    "opens_at": {
        "en": "Open again {day} at {time}",
        "fr": "Réouverture {day} à {time}",
        "nl": "Weer open {day} om {time}",
        "de": "Wieder geöffnet {day} um {time}",
    },
    "today": {"en": "today", "fr": "aujourd’hui", "nl": "vandaag", "de": "heute"},
    "tomorrow": {"en": "tomorrow", "fr": "demain", "nl": "morgen", "de": "morgen"},
    "enter_pin": {
        "en": "Enter the PIN to leave kiosk mode",
        "fr": "Saisissez le code pour quitter le mode kiosque",
        "nl": "Voer de pincode in om de kioskmodus te verlaten",
        "de": "PIN eingeben, um den Kioskmodus zu verlassen",
    },
    "wrong_pin": {
        "en": "Wrong PIN",
        "fr": "Code incorrect",
        "nl": "Onjuiste pincode",
        "de": "Falsche PIN",
    },
    "locked_for": {
        "en": "Too many attempts. Try again in {seconds} s",
        "fr": "Trop de tentatives. Réessayez dans {seconds} s",
        "nl": "Te veel pogingen. Probeer opnieuw over {seconds} s",
        "de": "Zu viele Versuche. Erneut versuchen in {seconds} s",
    },
    "cancel": {"en": "Cancel", "fr": "Annuler", "nl": "Annuleren", "de": "Abbrechen"},
    "image_not_available": {
        "en": "Image not available: {name}",
        "fr": "Image indisponible : {name}",
        "nl": "Afbeelding niet beschikbaar: {name}",
        "de": "Bild nicht verfügbar: {name}",
    },
    "slide_not_available": {
        "en": "This slide cannot be shown.",
        "fr": "Cette diapositive ne peut pas être affichée.",
        "nl": "Deze dia kan niet worden getoond.",
        "de": "Diese Folie kann nicht angezeigt werden.",
    },
}


def text(key: str, language: str, **values: object) -> str:
    """The player's text ``key`` in ``language`` (English when missing), with ``values`` filled in."""
    table = STRINGS[key]
    template = table.get(language) or table.get(language.split("-")[0]) or table[FALLBACK_LANGUAGE]
    return template.format(**values)
