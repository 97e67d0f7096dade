"""PassphraseDialog: a supervisor's or trainer's passphrase (set on first use, then asked for each sign-in)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import ROLE_NAMES

from . import a11y
from .vocab_words import word

MIN_LENGTH = 10


class PassphraseDialog(a11y.NamedDialog):
    """Enter (or, the first time, choose and repeat) the passphrase for acting in a protected role."""

    def __init__(self, parent: Optional[QWidget] = None, *, staff_id: str, role: str, first_use: bool):
        super().__init__(parent)
        self.first_use = first_use
        role = word(ROLE_NAMES.get(role, role)).lower()
        self.setWindowTitle(self.tr("Sign in as {role}").format(role=role))
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr("{staff_id} is listed as a {role} in the force configuration pack. Choose a passphrase of at "
                    "least {n} characters: you will be asked for it each time you act as {role}. It is stored only "
                    "as a secure hash.").format(staff_id=staff_id, role=role, n=MIN_LENGTH) if first_use else
            self.tr("Enter the {role} passphrase for {staff_id}. After five wrong tries, sign-in is paused for a "
                    "while.").format(role=role, staff_id=staff_id))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.pass_edit = QLineEdit()
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_edit.setAccessibleName(self.tr("Passphrase"))
        form.addRow(self.tr("Passphrase"), self.pass_edit)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setAccessibleName(self.tr("Repeat the passphrase"))
        if first_use:
            form.addRow(self.tr("Repeat it"), self.repeat_edit)
        else:
            self.repeat_edit.hide()
        lay.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("Sign in"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self.button_box.accepted.connect(self.on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        lay.addWidget(self.button_box)

    def problem(self) -> str:
        pw = self.pass_edit.text()
        if not pw:
            return self.tr("Enter the passphrase.")
        if self.first_use and len(pw) < MIN_LENGTH:
            return self.tr("Choose at least {n} characters.").format(n=MIN_LENGTH)
        if self.first_use and pw != self.repeat_edit.text():
            return self.tr("The two passphrases are not the same.")
        return ""

    def on_button_box_accepted(self) -> None:
        why = self.problem()
        if why:
            self.error_label.setText(f"✖ {why}")
            self.error_label.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, staff_id: str, role: str, first_use: bool) -> Optional[str]:
        """The passphrase, or None if cancelled."""
        d = cls(parent, staff_id=staff_id, role=role, first_use=first_use)
        return d.pass_edit.text() if d.exec() == QDialog.DialogCode.Accepted else None
