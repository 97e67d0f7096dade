"""A page whose content scrolls when it is taller than the window (200 % text, long scripts)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_body(page: QWidget, name: str, *, spacing: int) -> tuple[QScrollArea, QVBoxLayout]:
    """Give `page` a frameless scroll area filling it; returns the area and the body's layout."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    outer.addWidget(area)
    body = QWidget()
    body.setObjectName(name)
    area.setWidget(body)
    lay = QVBoxLayout(body)
    lay.setContentsMargins(24, 16, 24, 16)
    lay.setSpacing(spacing)
    return area, lay
