"""The player's own words (not the deck's): whole sentences in every language the player speaks.

Each value is a whole sentence or label in one language; only values that read
right in every language (a time, a weekday name in that same language, a count,
a file name) are slotted in. A deck language the player does not speak gets
English throughout, never an English sentence around a foreign word.
"""

from __future__ import annotations

from kiosk.deck import Deck, Mark, Problem, Severity

FALLBACK_LANGUAGE = "en"

STRINGS: dict[str, dict[str, str]] = {
    "still_there": {
        "en": "Still there?",
        "fr": "Vous êtes toujours là ?",
        "nl": "Bent u er nog?",
        "de": "Sind Sie noch da?",
    },
    "still_there_spoken": {
        "en": "Still there? Touch the screen to carry on, or choose More time. Back to the start in {seconds} seconds.",
        "fr": "Vous êtes toujours là ? Touchez l’écran pour continuer, ou choisissez Plus de temps. "
        "Retour au début dans {seconds} secondes.",
        "nl": "Bent u er nog? Raak het scherm aan om verder te gaan, of kies Meer tijd. "
        "Terug naar het begin over {seconds} seconden.",
        "de": "Sind Sie noch da? Berühren Sie den Bildschirm, um weiterzumachen, oder wählen Sie Mehr Zeit. "
        "Zurück zum Anfang in {seconds} Sekunden.",
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
    # When the display opens again: one sentence per case, as word order and prepositions differ by language.
    # {time} is the locale's short time; {day} is the weekday's name in the sentence's language.
    "opens_today": {
        "en": "Open again today at {time}",
        "fr": "Réouverture aujourd’hui à {time}",
        "nl": "Vandaag weer open om {time} uur",
        "de": "Heute wieder geöffnet um {time} Uhr",
    },
    "opens_tomorrow": {
        "en": "Open again tomorrow at {time}",
        "fr": "Réouverture demain à {time}",
        "nl": "Morgen weer open om {time} uur",
        "de": "Morgen wieder geöffnet um {time} Uhr",
    },
    "opens_on_day": {
        "en": "Open again on {day} at {time}",
        "fr": "Réouverture {day} à {time}",
        "nl": "Weer open op {day} om {time} uur",
        "de": "Wieder geöffnet am {day} um {time} Uhr",
    },
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
        "en": "Too many attempts. Try again in {seconds}\u00a0s",
        "fr": "Trop de tentatives. Réessayez dans {seconds}\u00a0s",
        "nl": "Te veel pogingen. Probeer het over {seconds}\u00a0s opnieuw",
        "de": "Zu viele Versuche. Bitte in {seconds}\u00a0s erneut versuchen",
    },
    "cancel": {"en": "Cancel", "fr": "Annuler", "nl": "Annuleren", "de": "Abbrechen"},
    "delete_digit": {
        "en": "Delete the last digit",
        "fr": "Effacer le dernier chiffre",
        "nl": "Laatste cijfer wissen",
        "de": "Letzte Ziffer löschen",
    },
    "confirm_pin": {"en": "OK", "fr": "Valider", "nl": "Bevestigen", "de": "Bestätigen"},
    # After the right PIN at the booth: staff either give a talk on this display or leave kiosk mode.
    "pin_choose": {
        "en": "PIN accepted. Give a talk here, or leave kiosk mode?",
        "fr": "Code accepté. Faire une présentation ici, ou quitter le mode kiosque ?",
        "nl": "Pincode aanvaard. Hier een presentatie geven, of de kioskmodus verlaten?",
        "de": "PIN akzeptiert. Hier einen Vortrag halten oder den Kioskmodus verlassen?",
    },
    "present_talk": {"en": "Present", "fr": "Présenter", "nl": "Presenteren", "de": "Präsentieren"},
    "exit_kiosk": {
        "en": "Exit kiosk mode",
        "fr": "Quitter le mode kiosque",
        "nl": "Kioskmodus verlaten",
        "de": "Kioskmodus beenden",
    },
    "home": {"en": "Home", "fr": "Accueil", "nl": "Startpagina", "de": "Startseite"},
    "previous": {"en": "Previous", "fr": "Précédent", "nl": "Vorige", "de": "Zurück"},
    "next": {"en": "Next", "fr": "Suivant", "nl": "Volgende", "de": "Weiter"},
    "language": {"en": "Language", "fr": "Langue", "nl": "Taal", "de": "Sprache"},
    # The control bar's accessibility menu (kiosk/ui/navbar.py); "speak" below is its read-aloud item.
    "access_menu": {"en": "Accessibility", "fr": "Accessibilité", "nl": "Toegankelijkheid", "de": "Barrierefreiheit"},
    "access_menu_description": {
        "en": "Read aloud, larger text, high contrast, controls within reach",
        "fr": "Lecture à voix haute, texte plus grand, contraste élevé, commandes à portée de main",
        "nl": "Voorlezen, grotere tekst, hoog contrast, bediening binnen handbereik",
        "de": "Vorlesen, größere Schrift, hoher Kontrast, Bedienelemente in Reichweite",
    },
    "larger_text": {"en": "Larger text", "fr": "Texte plus grand", "nl": "Grotere tekst", "de": "Größere Schrift"},
    "high_contrast": {"en": "High contrast", "fr": "Contraste élevé", "nl": "Hoog contrast", "de": "Hoher Kontrast"},
    "within_reach": {"en": "Within reach", "fr": "À portée de main", "nl": "Binnen handbereik", "de": "In Reichweite"},
    "speak": {"en": "Read aloud", "fr": "Lecture à voix haute", "nl": "Voorlezen", "de": "Vorlesen"},
    # Said when two fingers held on the screen turn reading aloud on (kiosk/player/two_finger_hold.py).
    "speech_on_hint": {
        "en": "Reading aloud is on. Swipe or use the arrows to move; the slide is read each time.",
        "fr": "La lecture à voix haute est activée. Balayez l’écran ou utilisez les flèches pour avancer ; "
        "chaque diapositive est lue.",
        "nl": "Voorlezen staat aan. Veeg of gebruik de pijlen om verder te gaan; elke dia wordt voorgelezen.",
        "de": "Vorlesen ist eingeschaltet. Wischen Sie oder nutzen Sie die Pfeile zum Blättern; "
        "jede Folie wird vorgelesen.",
    },
    "speech_already_on": {
        "en": "Reading aloud is already on.",
        "fr": "La lecture à voix haute est déjà activée.",
        "nl": "Voorlezen staat al aan.",
        "de": "Vorlesen ist bereits eingeschaltet.",
    },
    # Read aloud with a slide (kiosk/core/spoken.py): {source} is the deck's text, {host} a web host name.
    "spoken_source": {
        "en": "Source: {source}.",
        "fr": "Source : {source}.",
        "nl": "Bron: {source}.",
        "de": "Quelle: {source}.",
    },
    "spoken_picture": {"en": "A picture.", "fr": "Une image.", "nl": "Een afbeelding.", "de": "Ein Bild."},
    "spoken_qr": {
        "en": "A QR code links to {host}.",
        "fr": "Un code QR renvoie vers {host}.",
        "nl": "Een QR-code verwijst naar {host}.",
        "de": "Ein QR-Code führt zu {host}.",
    },
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
    # The presenter console. {number} and {count} are whole numbers; {time}, {spent} and {target} read "m:ss".
    "presenter_slide_of": {
        "en": "Slide {number} of {count}",
        "fr": "Diapositive {number} sur {count}",
        "nl": "Dia {number} van {count}",
        "de": "Folie {number} von {count}",
    },
    "presenter_home": {
        "en": "Home screen",
        "fr": "Écran d’accueil",
        "nl": "Startscherm",
        "de": "Startbildschirm",
    },
    "presenter_next": {"en": "Next", "fr": "Ensuite", "nl": "Hierna", "de": "Danach"},
    "presenter_notes": {"en": "Notes", "fr": "Notes", "nl": "Notities", "de": "Notizen"},
    "presenter_no_notes": {
        "en": "No notes for this slide.",
        "fr": "Pas de notes pour cette diapositive.",
        "nl": "Geen notities bij deze dia.",
        "de": "Keine Notizen zu dieser Folie.",
    },
    "presenter_talk_time": {
        "en": "Talk {time}",
        "fr": "Exposé {time}",
        "nl": "Presentatie {time}",
        "de": "Vortrag {time}",
    },
    "presenter_slide_time": {
        "en": "This slide {spent} of {target}",
        "fr": "Cette diapositive {spent} sur {target}",
        "nl": "Deze dia {spent} van {target}",
        "de": "Diese Folie {spent} von {target}",
    },
    "presenter_time_ok": {"en": "● On time", "fr": "● Dans les temps", "nl": "● Op tijd", "de": "● Im Plan"},
    "presenter_time_nearly": {
        "en": "▲ Nearly time",
        "fr": "▲ Bientôt l’heure",
        "nl": "▲ Bijna tijd",
        "de": "▲ Zeit fast um",
    },
    "presenter_time_over": {
        "en": "■ Over time",
        "fr": "■ Temps dépassé",
        "nl": "■ Tijd voorbij",
        "de": "■ Zeit überschritten",
    },
    "presenter_pace_on_time": {
        "en": "The talk is on time.",
        "fr": "L’exposé est dans les temps.",
        "nl": "De presentatie ligt op schema.",
        "de": "Der Vortrag liegt im Zeitplan.",
    },
    "presenter_pace_behind": {
        "en": "The talk is {minutes} min behind.",
        "fr": "L’exposé a {minutes} min de retard.",
        "nl": "De presentatie loopt {minutes} min achter.",
        "de": "Der Vortrag liegt {minutes} Min. zurück.",
    },
    "presenter_pace_ahead": {
        "en": "The talk is {minutes} min ahead.",
        "fr": "L’exposé a {minutes} min d’avance.",
        "nl": "De presentatie loopt {minutes} min voor.",
        "de": "Der Vortrag liegt {minutes} Min. voraus.",
    },
    "presenter_paused": {
        "en": "Timer paused: press P to go on.",
        "fr": "Chronomètre en pause : appuyez sur P pour reprendre.",
        "nl": "Timer gepauzeerd: druk op P om verder te gaan.",
        "de": "Zeitmessung angehalten: P drücken, um fortzufahren.",
    },
    "presenter_summary": {
        "en": "Talk over after {time}.",
        "fr": "Exposé terminé après {time}.",
        "nl": "Presentatie afgelopen na {time}.",
        "de": "Vortrag nach {time} beendet.",
    },
    "presenter_ran_long": {
        "en": "Slide {number} ran long: {spent} of {target}.",
        "fr": "La diapositive {number} a débordé : {spent} sur {target}.",
        "nl": "Dia {number} liep uit: {spent} van {target}.",
        "de": "Folie {number} hat überzogen: {spent} von {target}.",
    },
    "presenter_none_long": {
        "en": "Every slide kept to its time.",
        "fr": "Chaque diapositive a tenu son temps.",
        "nl": "Elke dia bleef binnen de tijd.",
        "de": "Jede Folie blieb in ihrer Zeit.",
    },
    # After the talk: how it compares with the earlier recorded runs of the same deck ({mean} and {time} are m:ss).
    "presenter_previous_run": {
        "en": "The previous run took {mean}; this one took {time}.",
        "fr": "La répétition précédente a duré {mean} ; celle-ci a duré {time}.",
        "nl": "De vorige doorloop duurde {mean}; deze duurde {time}.",
        "de": "Der letzte Durchlauf dauerte {mean}; dieser dauerte {time}.",
    },
    "presenter_previous_runs": {
        "en": "The previous {count} runs took {mean} on average; this one took {time}.",
        "fr": "Les {count} répétitions précédentes ont duré {mean} en moyenne ; celle-ci a duré {time}.",
        "nl": "De vorige {count} doorlopen duurden gemiddeld {mean}; deze duurde {time}.",
        "de": "Die letzten {count} Durchläufe dauerten im Schnitt {mean}; dieser dauerte {time}.",
    },
    "presenter_trend_tighter": {
        "en": "The talk is getting tighter.",
        "fr": "L’exposé se resserre.",
        "nl": "De presentatie wordt strakker.",
        "de": "Der Vortrag wird straffer.",
    },
    "presenter_trend_steady": {
        "en": "The talk is holding steady.",
        "fr": "L’exposé garde la même durée.",
        "nl": "De presentatie blijft even lang.",
        "de": "Der Vortrag bleibt gleich lang.",
    },
    "presenter_trend_longer": {
        "en": "The talk is getting longer.",
        "fr": "L’exposé s’allonge.",
        "nl": "De presentatie wordt langer.",
        "de": "Der Vortrag wird länger.",
    },
    "presenter_first_run": {
        "en": "This is the first recorded run of this deck.",
        "fr": "C’est la première répétition enregistrée de cette présentation.",
        "nl": "Dit is de eerste opgenomen doorloop van deze presentatie.",
        "de": "Dies ist der erste aufgezeichnete Durchlauf dieser Präsentation.",
    },
    "presenter_quit_again": {
        "en": "Press Esc again to close.",
        "fr": "Appuyez de nouveau sur Échap pour fermer.",
        "nl": "Druk nogmaals op Esc om te sluiten.",
        "de": "Zum Schließen erneut Esc drücken.",
    },
    # Accessibility: the warning's "More time" button, and the names and descriptions assistive technology reads.
    "more_time": {"en": "More time", "fr": "Plus de temps", "nl": "Meer tijd", "de": "Mehr Zeit"},
    "more_time_description": {
        "en": "Doubles the time before the display returns to the start.",
        "fr": "Double le temps avant le retour de l’écran au début.",
        "nl": "Verdubbelt de tijd voordat het scherm terugkeert naar het begin.",
        "de": "Verdoppelt die Zeit, bevor der Bildschirm zum Anfang zurückkehrt.",
    },
    "page_of": {
        "en": "Page {number} of {count}",
        "fr": "Page {number} sur {count}",
        "nl": "Pagina {number} van {count}",
        "de": "Seite {number} von {count}",
    },
    "pages": {"en": "Pages", "fr": "Pages", "nl": "Pagina’s", "de": "Seiten"},
    "slide_of": {
        "en": "Slide {number} of {count}",
        "fr": "Diapositive {number} sur {count}",
        "nl": "Dia {number} van {count}",
        "de": "Folie {number} von {count}",
    },
    "progress": {"en": "Progress", "fr": "Progression", "nl": "Voortgang", "de": "Fortschritt"},
    "pin_entry": {"en": "PIN entry", "fr": "Saisie du code", "nl": "Invoer van de pincode", "de": "PIN-Eingabe"},
    "digits_entered": {
        "en": "Digits entered: {count}",
        "fr": "Chiffres saisis : {count}",
        "nl": "Ingevoerde cijfers: {count}",
        "de": "Eingegebene Ziffern: {count}",
    },
    "presenter_console": {
        "en": "Presenter console",
        "fr": "Console du présentateur",
        "nl": "Presentatorconsole",
        "de": "Referentenansicht",
    },
    "presenter_current": {
        "en": "Current slide",
        "fr": "Diapositive actuelle",
        "nl": "Huidige dia",
        "de": "Aktuelle Folie",
    },
    "presenter_clocks": {
        "en": "Talk timing",
        "fr": "Minutage de l’exposé",
        "nl": "Timing van de presentatie",
        "de": "Zeitplan des Vortrags",
    },
}

PLAYER_LANGUAGES: frozenset[str] = frozenset({"en", "fr", "nl", "de"})
"""The languages the player has its own words in (every key of ``STRINGS`` has each of them)."""


def _base_language(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def unspoken_language_problems(deck: Deck) -> list[Problem]:
    """A warning for each deck language the player has no words of its own in (its controls fall back to English)."""
    mark = deck.languages_origin or Mark("deck.yaml", 1, 1)
    spoken = ", ".join(sorted(PLAYER_LANGUAGES))
    return [
        Problem(
            mark,
            Severity.WARNING,
            f"the player has no words of its own in '{language}' (it has {spoken}): its controls and messages "
            "will show in English",
        )
        for language in deck.languages
        if not speaks(language)
    ]


def speaks(language: str) -> bool:
    """True when the player has its own words in ``language`` or its base language ("fr" for "fr-BE")."""
    return _base_language(language) in PLAYER_LANGUAGES


def player_language(language: str) -> str:
    """The language the player's words are shown in for a deck in ``language``: its base language, else English."""
    base = _base_language(language)
    return base if base in PLAYER_LANGUAGES else FALLBACK_LANGUAGE


def locale_name(language: str) -> str:
    """The locale for times and weekday names next to the player's words: ``language`` itself if spoken, else English.

    A regional code the player speaks keeps its region's formats ("en-GB" writes 09:00); any other
    language gets English ones, so a sentence never mixes languages.
    """
    return language if speaks(language) else FALLBACK_LANGUAGE


def text(key: str, language: str, **values: object) -> str:
    """The player's text ``key`` for a deck in ``language`` (English when the player lacks it), ``values`` filled in."""
    return STRINGS[key][player_language(language)].format(**values)
