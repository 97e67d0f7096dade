"""The handler's queries on the start page: their calls a supervisor queried, until they acknowledge each.

Its own small module (not review_screen.py): the start page shows it in live mode, so it is built before the first
paint, and it must not bring the review screen's PDF writer, charts and training screens with it.
"""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from .labels import wrapped_label


class QueriesPanel(QWidget):
    """On the handler's start page: their calls a supervisor queried, until they acknowledge each."""

    acknowledged = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.caption = wrapped_label(self.tr("⚠ Queried by a supervisor: please read and acknowledge (calls on this PC)"),
                                     "flag")
        lay.addWidget(self.caption)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Calls queried by a supervisor"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(110)
        lay.addWidget(self.list)
        self.ack_button = QPushButton(self.tr("&Acknowledge the selected query"))
        self.ack_button.setAutoDefault(True)
        self.ack_button.clicked.connect(self.on_ack_button_clicked)
        lay.addWidget(self.ack_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.hide()

    def show_queries(self, queries: list[dict[str, Any]]) -> None:
        self.list.clear()
        for q in queries:
            it = QListWidgetItem(self.tr("Call {id} queried by {who} on {date}: “{comment}”").format(
                id=q['call_uuid'][:8], who=q['reviewer'], date=q['created_at'][:10], comment=q['comment']))
            it.setData(Qt.ItemDataRole.UserRole, q["id"])
            self.list.addItem(it)
        if queries:
            self.list.setCurrentRow(0)
        self.setVisible(bool(queries))

    def on_ack_button_clicked(self) -> None:
        it = self.list.currentItem()
        if it is not None:
            self.acknowledged.emit(int(it.data(Qt.ItemDataRole.UserRole)))
