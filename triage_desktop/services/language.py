"""The interface language (English or Welsh): the declared setting `interface_language`, read before the window.

The GUI installs its translator before it builds any widget, and the window is shown before the call database
opens (fast start), so the stored choice is read here straight from the database file, read-only, with the
standard library only (no sqlite-utils, no worker): a missing, locked or unreadable file simply means "no choice
stored", and the system's language decides. Writing the setting goes through the services as for every other one.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any, Optional

#: The setting's name (declared in store/settings.py) and the languages the interface has.
SETTING = "interface_language"
LANGUAGES = {"en": "English", "cy": "Cymraeg"}


def translations_dir() -> Path:
    """resources/translations beside the package, or inside a PyInstaller bundle (sys._MEIPASS)."""
    return Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2])) / "resources" / "translations"


def stored_choice(paths: Any, training: bool = False) -> str:
    """'en', 'cy', or '' (no choice stored, or the database cannot be read now)."""
    try:
        db: Path = paths.database(training)
        if not db.is_file():
            return ""
        con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
        try:
            row = con.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
        finally:
            con.close()
    except (sqlite3.Error, OSError, AttributeError, ValueError):
        return ""
    value = str(row[0]).strip().lower() if row and row[0] is not None else ""
    return value if value in LANGUAGES else ""


def resolve(choice: str, system_locale: Optional[str]) -> str:
    """The language to show: the stored choice, else Welsh when the system's locale is Welsh, else English."""
    choice = (choice or "").strip().lower()
    if choice in LANGUAGES:
        return choice
    name = (system_locale or "").replace("-", "_").lower()
    return "cy" if name == "cy" or name.startswith("cy_") else "en"
