"""Fitting the screen: button words that move their shortcut hint into the tooltip when a row is too narrow."""
from __future__ import annotations

import re
from typing import Iterable

from PySide6.QtWidgets import QAbstractButton, QWidget

_HINT = re.compile(r"^(?P<words>.*?)\s*\((?P<keys>[^()]*)\)\s*$")


def split_hint(text: str) -> tuple[str, str]:
    """'Hand over… (Ctrl+H)' -> ('Hand over…', 'Ctrl+H'); text without a trailing hint -> (text, '')."""
    m = _HINT.match(text)
    return (m.group("words"), m.group("keys")) if m and m.group("words") else (text, "")


def fit_hints(buttons: Iterable[QAbstractButton], width: int, *, spacing: int = 8) -> bool:
    """Show the buttons' full labels when they fit side by side in `width`, else the words alone with the
    shortcut in the tooltip (never a label cut mid-word). Returns True when the hints had to move."""
    items = [b for b in buttons]
    for b in items:
        if b.property("full_text") is None:
            b.setProperty("full_text", b.text())
            b.setProperty("own_tooltip", b.toolTip())  # kept: shown again when the full words fit
    # the same row, words, fonts and width as last time: the same answer, and nothing is touched (setting the
    # full words to measure them and the short ones back would ask for a new layout every time)
    key = repr((width, spacing, [(b.property("full_text"), b.property("own_tooltip"), b.isHidden(),
                                  b.font().key(), b.text()) for b in items]))
    if items and all(b.property("fit_key") == key for b in items):
        return bool(items[0].property("fit_short"))
    shown = [b for b in items if not b.isHidden()]
    for b in shown:
        b.setText(str(b.property("full_text")))
    need = sum(b.sizeHint().width() + spacing for b in shown)
    short = need > width
    for b in items:
        full = str(b.property("full_text"))
        words, keys = split_hint(full)
        b.setText(words if short and keys else full)
        tip = f"{words} ({keys})" if short and keys else str(b.property("own_tooltip") or "")
        if b.toolTip() != tip:
            b.setToolTip(tip)
    key = repr((width, spacing, [(b.property("full_text"), b.property("own_tooltip"), b.isHidden(),
                                  b.font().key(), b.text()) for b in items]))
    for b in items:
        b.setProperty("fit_key", key)
        b.setProperty("fit_short", short)
    return short


def set_full_text(button: QAbstractButton, text: str) -> None:
    """Change a button's label where `fit_hints` manages it (the next fit decides long or short)."""
    button.setProperty("full_text", text)
    button.setText(text)


def width_of(widgets: Iterable[QWidget], spacing: int = 8) -> int:
    return sum(w.sizeHint().width() + spacing for w in widgets if not w.isHidden())
