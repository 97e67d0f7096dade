"""The training words the screens share: difficulty and deviation weights in the interface language, a scenario's
one-line label, and the caller's words without stray quote marks."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from triage_desktop.core.vocab import PATHWAYS

from .vocab_words import word

translate = QCoreApplication.translate
#: Shown through translate("Training", …)
DIFFICULTY_WORDS = {"foundation": str(QT_TRANSLATE_NOOP("Training", "Foundation")),
                    "intermediate": str(QT_TRANSLATE_NOOP("Training", "Intermediate")),
                    "advanced": str(QT_TRANSLATE_NOOP("Training", "Advanced"))}
WEIGHT_WORDS = {"critical": str(QT_TRANSLATE_NOOP("Training", "CRITICAL")),
                "major": str(QT_TRANSLATE_NOOP("Training", "Major")),
                "minor": str(QT_TRANSLATE_NOOP("Training", "Minor"))}


def difficulty_words(d: str) -> str:
    return translate("Training", DIFFICULTY_WORDS[d]) if d in DIFFICULTY_WORDS else d


def scenario_label(s: Any) -> str:
    return (f"{s.title} · {word(PATHWAYS.get(s.pathway, s.pathway))} · {difficulty_words(s.difficulty)}"
            + (translate("Training", " · escalation") if s.escalation is not None else ""))


def unquote(text: str) -> str:
    """The caller's words without the quote marks a scenario file may already have round them."""
    return str(text).strip().strip('"“”').strip()
