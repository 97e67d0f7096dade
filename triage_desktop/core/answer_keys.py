"""One rule for answer keys on every question (pure Python): Y / N / U always mean yes / no / don't know wherever
those answers exist, including choice questions whose options are yes / no / don't know in substance ("Yes: they
have it now…", "No weapon", "Don't know"); the number keys always follow the on-screen order. The GUI labels its
buttons with these keys and the flow checker warns when "Don't know" is not the last answer."""
from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

YES, NO, UNKNOWN = "Y", "N", "U"
_YES_LABEL = re.compile(r"^\s*yes\b", re.IGNORECASE)
_NO_LABEL = re.compile(r"^\s*no\b(?!\s+one\b)", re.IGNORECASE)  # "No weapon", "No: …"; not "None", "Nobody"
_UNKNOWN_LABELS = {"don't know", "do not know", "unknown", "not known", "not sure"}


def is_unknown(value: str, label: str) -> bool:
    """A "Don't know" answer, by its value or its words ("Not sure", "Not rated / don't know"; not "Not known to
    any service", which is an answer)."""
    words = label.strip().rstrip(".").lower().replace("\u2019", "'")
    return value == "unknown" or words in _UNKNOWN_LABELS or words.endswith("/ don't know")


def letter_for(value: str, label: str) -> Optional[str]:
    """The letter an answer means in substance, if any (before checking it is the only one)."""
    if value == "yes" or _YES_LABEL.match(label):
        return YES
    if value == "no" or _NO_LABEL.match(label):
        return NO
    if is_unknown(value, label):
        return UNKNOWN
    return None


def answer_keys(options: Sequence[tuple[str, str]]) -> list[Optional[str]]:
    """For each (value, label) in on-screen order: its letter key (Y, N or U) or None. A letter is given only when
    exactly one answer means it, so a key never has two meanings on one question."""
    letters = [letter_for(v, lab) for v, lab in options]
    return [ltr if ltr is not None and letters.count(ltr) == 1 else None for ltr in letters]


def unknown_not_last(options: Iterable[tuple[str, str]]) -> Optional[str]:
    """The label of a "Don't know" answer that is not the last one on screen, or None."""
    opts = list(options)
    for i, (v, lab) in enumerate(opts):
        if is_unknown(v, lab) and i != len(opts) - 1:
            return lab or v
    return None
