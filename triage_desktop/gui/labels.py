"""One way to make a read-only, wrapping text label for the training and review screens."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from .wrap_label import WrapLabel


def wrapped_label(text: str = "", role: str = "") -> QLabel:
    """A word-wrapped label, copyable by mouse but never a Tab stop; `role` is the theme's style property."""
    lab = WrapLabel(text)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        lab.setProperty("role", role)
    return lab
