"""The interface language: Qt's translation system over resources/translations/triage_desktop_cy.ts.

Every user-visible string of the GUI goes through `self.tr()` (context: the class) or
`QCoreApplication.translate(context, text)`; `make translations` extracts them with pyside6-lupdate into
resources/translations/triage_desktop_cy.ts and compiles it with pyside6-lrelease into the .qm this module loads.
The choice is the declared setting `interface_language` (Settings → Interface language); empty means the
system's language. It is read before any widget is built, so a change applies the next time the app starts.
Keyboard shortcuts are the same in both languages (Y / N / U keep their meaning).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTranslator

from triage_desktop.services.language import LANGUAGES, resolve, stored_choice, translations_dir

log = logging.getLogger(__name__)

#: The compiled catalogue's base name: triage_desktop_cy.qm (built by `make translations`).
CATALOGUE = "triage_desktop"

#: Qt's own texts the app shows (standard dialog buttons, the text-field menu): Qt ships no Welsh catalogue, so
#: they are in ours. Listed here so lupdate keeps them (they are not obsolete) and the tests can check them.
QT_STRINGS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Undo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Redo"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Cu&t"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Paste"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Delete"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
)


def tr(context: str, text: str) -> str:
    """Shorthand for module-level code. lupdate does not see calls to it: write
    `QCoreApplication.translate("Context", "text")` at the call site so the text is extracted."""
    return QCoreApplication.translate(context, text)


def catalogue_path(language: str, directory: Optional[Path] = None) -> Path:
    return (directory or translations_dir()) / f"{CATALOGUE}_{language}.qm"


def choose(paths: Any, training: bool = False) -> str:
    """The language to show now: the stored setting, else the system locale ('en' or 'cy')."""
    return resolve(stored_choice(paths, training) if paths is not None else "", QLocale.system().name())


_installed: dict[str, Any] = {"translator": None, "language": "en", "locale": None, "directory": None}
_others: dict[tuple[str, str], Any] = {}  # (language, directory): a catalogue kept aside for in_language()


def install(app: Any, language: str, directory: Optional[Path] = None) -> bool:
    """Install the catalogue for `language` on the application (English needs none). False, logged, if the
    compiled catalogue is missing (the app then shows English: run `make translations`)."""
    if _installed["translator"] is not None:
        app.removeTranslator(_installed["translator"])
        _installed["translator"] = None
    if _installed["locale"] is not None:  # dates and calendars back in the locale they had before
        QLocale.setDefault(_installed["locale"])
        _installed["locale"] = None
    _installed["language"] = "en"
    if directory is not None:
        _installed["directory"] = directory
    if language not in LANGUAGES or language == "en":
        return True
    path = catalogue_path(language, directory)
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.warning("interface language %s: no compiled catalogue at %s (run 'make translations')", language, path)
        return False
    app.installTranslator(translator)
    _installed.update(translator=translator, language=language, locale=QLocale())
    QLocale.setDefault(QLocale(QLocale.Language.Welsh, QLocale.Country.UnitedKingdom))  # calendars, month names
    return True


def current_language() -> str:
    """The language installed now: 'cy' or 'en'."""
    return str(_installed["language"])


def handler_language(call_language: str) -> str:
    """The language of flow texts the handler reads but does not say (the flow's title in the header, a number's
    unit): the call language when it is not English, else the interface language (a Welsh interface shows the
    Welsh title of an English call). English where the flow has no text in it."""
    return call_language if call_language in LANGUAGES and call_language != "en" else current_language()


def in_language(language: str, context: str, text: str) -> str:
    """`text` (a string extracted under `context`) in `language` whatever the interface language: the side panel's
    rows of a Welsh call in an English interface say their words in Welsh, as the steps' titles are. The text as it
    is where the catalogue is missing or has no translation for it."""
    if language == current_language():
        return QCoreApplication.translate(context, text)
    if language not in LANGUAGES or language == "en":
        return text
    directory = _installed["directory"] or translations_dir()
    key = (language, str(directory))
    if key not in _others:
        translator = QTranslator()
        _others[key] = translator if translator.load(str(catalogue_path(language, directory))) else None
    translator = _others[key]
    return (translator.translate(context, text) or text) if translator is not None else text
