"""The words for a decision and the main window's title (pure; only the vocabulary).

Apart from core/exits.py so the window's first paint can say its title without the outcome rules (exits.py
re-exports them).
"""
from __future__ import annotations

from typing import Any

from .vocab import NON_DECISION_CODES, OUTCOME_CODES


def decision_words(code: str) -> str:
    """'police emergency', 'NHS 111 option 2 / crisis line', 'control-room mental-health practitioner' (proper
    names and abbreviations keep their capitals)."""
    voc = OUTCOME_CODES.get(code)
    if voc is None:
        return code
    tail = voc.response.split(": ", 1)[-1].split(" (")[0].strip()
    if len(tail) > 1 and tail[0].isupper() and tail[1].islower():
        tail = tail[0].lower() + tail[1:]
    return ("police " if voc.police else "") + tail


def attend_words(code: str) -> str:
    """'police will attend' / 'police will not attend' / 'follow force procedure'."""
    if code in NON_DECISION_CODES:
        return "follow force procedure"
    voc = OUTCOME_CODES.get(code)
    return "police will attend" if voc is not None and voc.police else "police will not attend"


def window_title(view: Any, *, training: bool, extra: str = "") -> str:
    """The main window's title without codes and without the app name (the platform adds the display name)."""
    parts = ["TRAINING: not a real call"] if training else []
    if view is None:
        parts.append("No call open")
    else:
        out = view.outcome
        if out is not None:
            parts.append(f"Outcome: {attend_words(out.code)} ({decision_words(out.code)})")
        else:
            parts.append(f"Call in progress: {view.flow_title}" if getattr(view, "flow_title", "") else
                         "Call in progress")
    title = " — ".join(parts)
    return title + extra
