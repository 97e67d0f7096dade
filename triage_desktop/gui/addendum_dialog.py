"""Adding an addendum (a correction or addition, with its reason) to a finished call."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from . import a11y
from .dialog_kit import ok_cancel_buttons


class AddendumDialog(a11y.NamedDialog):
    """Append a correction or addition to a finished call: text plus the reason for it."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add an addendum"))
        lay = QVBoxLayout(self)
        lab = QLabel(self.tr("A finished call cannot be changed. An addendum is added to its record with your id and "
                              "the time."))
        lab.setWordWrap(True)
        lay.addWidget(lab)
        form = QFormLayout()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(self.tr("Addendum text"))
        self.text_edit.setTabChangesFocus(True)
        form.addRow(self.tr("Addendum"), self.text_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason for the addendum"))
        form.addRow(self.tr("Reason"), self.reason_edit)
        lay.addLayout(form)
        self.button_box = ok_cancel_buttons(self, self.tr("Add addendum"))
        lay.addWidget(self.button_box)
        self.text_edit.textChanged.connect(self.on_field_changed)
        self.reason_edit.textChanged.connect(self.on_field_changed)
        self.on_field_changed()

    def on_field_changed(self, *_: Any) -> None:
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.text_edit.toPlainText().strip() and self.reason_edit.text().strip()))

    @classmethod
    def ask(cls, parent: Optional[QWidget]) -> Optional[tuple[str, str]]:
        """Returns (text, reason) or None."""
        d = cls(parent)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        return d.text_edit.toPlainText().strip(), d.reason_edit.text().strip()
