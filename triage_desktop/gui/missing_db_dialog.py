"""The call database is missing or empty but backups exist: restore the newest one, or start empty on purpose.

Never silently replaced with an empty database (that would hide every call in the backups). Starting empty is an
explicit, confirmed choice, recorded in the new database's audit trail ('started_empty').
"""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from . import a11y

RESTORE, START_EMPTY = "restore", "empty"


class MissingDatabaseDialog(a11y.NamedDialog):
    """What was found, the newest backup, and the two ways on (keyboard: Enter restores, Esc quits)."""

    def __init__(self, parent: Optional[QWidget], *, found: str, where: str, newest: str, about_newest: str,
                 backups: int):
        super().__init__(parent)
        self.setWindowTitle(self.tr("The call database is missing"))
        self.choice: Optional[str] = None
        lay = QVBoxLayout(self)
        found = {"missing": self.tr("missing"), "empty": self.tr("empty")}.get(found, found)
        what = QLabel((self.tr("The call database in {where} is {found}, but 1 backup of it exists. Nothing has been "
                               "changed or deleted.") if backups == 1 else
                       self.tr("The call database in {where} is {found}, but {n} backups of it exist. Nothing has "
                               "been changed or deleted.")).format(where=where, found=found, n=backups))
        what.setWordWrap(True)
        lay.addWidget(what)
        newest_label = QLabel(self.tr("Newest backup: {name}").format(name=newest) + f"\n{about_newest}")
        newest_label.setWordWrap(True)
        lay.addWidget(newest_label)
        self.restore_button = QPushButton(self.tr("&Restore the newest backup"))
        self.restore_button.setDefault(True)
        self.restore_button.setAutoDefault(True)
        warning = QLabel(self.tr("An empty database will not show the calls in the backups (they stay in the "
                                 "backups folder, untouched)."))
        warning.setWordWrap(True)
        self.confirm = QCheckBox(self.tr("I &understand"))
        self.confirm.setAccessibleDescription(warning.text())
        self.empty_button = QPushButton(self.tr("Start with an &empty database"))
        self.empty_button.setEnabled(False)
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.confirm.toggled.connect(self.empty_button.setEnabled)
        self.restore_button.clicked.connect(lambda: self._done(RESTORE))
        self.empty_button.clicked.connect(lambda: self._done(START_EMPTY))
        self.quit_button.clicked.connect(self.reject)
        lay.addWidget(self.restore_button)
        lay.addWidget(warning)
        lay.addWidget(self.confirm)
        row = QHBoxLayout()
        row.addWidget(self.empty_button)
        row.addStretch(1)
        row.addWidget(self.quit_button)
        lay.addLayout(row)
        note = QLabel(self.tr("Starting empty is recorded in the new database's audit trail. If unsure, restore, or "
                              "quit and tell your supervisor or IT support."))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.setMinimumWidth(520)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, error: Any, about_newest: str = "") -> Optional[str]:
        """'restore', 'empty' or None (quit) for a DatabaseMissing error."""
        backups = list(getattr(error, "backup_candidates", []) or [])
        dlg = cls(parent, found=getattr(error, "found", "missing"), where=str(getattr(error, "path", "") or ""),
                  newest=backups[0].name if backups else QCoreApplication.translate("MissingDatabaseDialog", "(none)"), about_newest=about_newest, backups=len(backups))
        dlg.exec()
        return dlg.choice
