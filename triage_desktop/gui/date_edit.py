"""A date field that is no focus trap, for the History and Reports windows."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget


class DateEdit(QDateEdit):
    """A date field Tab and Shift+Tab leave (a QDateEdit moves between day, month and year instead: a focus trap);
    Left and Right still move between its parts, and typing a date fills them in order."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802 - Qt's names
        return QWidget.focusNextPrevChild(self, next)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent) and e.key() in (Qt.Key.Key_Tab,
                                                                                         Qt.Key.Key_Backtab):
            return QWidget.focusNextPrevChild(self, e.key() == Qt.Key.Key_Tab)
        return super().event(e)
