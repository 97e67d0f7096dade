"""SettingsDialog: handler, role, force name, retention, idle sign-out; values the force pack sets are shown locked."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import ROLE_NAMES

from . import a11y
from .vocab_words import word

#: What the authority of a setting says beside it (force pack → supervisor → user).
AUTHORITY_WORDS = {"force": QT_TRANSLATE_NOOP("SettingsDialog", "Set by the force (locked)"),
                   "supervisor": QT_TRANSLATE_NOOP("SettingsDialog", "Supervisor only")}
#: The interface languages, each named in its own language (Settings → Interface language).
LANGUAGE_NAMES = (("en", "English"), ("cy", "Cymraeg"))
PROTECTED_ROLES = ("supervisor", "trainer")


class SettingsDialog(a11y.NamedDialog):
    """Edit the settings a handler or supervisor may change. Returns only what changed.

    `authority` maps a setting to 'force' (locked by the pack), 'supervisor' or 'user'; `supervisor` says whether a
    supervisor has signed in with their passphrase. `force_lines` describe the pack (read-only).
    """

    def __init__(self, parent: Optional[QWidget] = None, *, values: dict[str, str], paths: Any = None,
                 authority: Optional[dict[str, str]] = None, supervisor: bool = False,
                 force_lines: Optional[list[str]] = None, pack_roles: bool = False):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        self.values = dict(values)
        self.authority = dict(authority or {})
        self.supervisor = supervisor
        self.locks: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        # the form scrolls (at 200 % text it never clips); Save and Cancel stay in view below it
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        self.form = QFormLayout()
        self.handler_edit = QLineEdit(values.get("handler_id", ""))
        self.handler_edit.setAccessibleName(self.tr("Collar number or staff id"))
        self.form.addRow(self.tr("Collar number or staff id"), self.handler_edit)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("Role"))
        for key, name in ROLE_NAMES.items():
            if pack_roles and key in PROTECTED_ROLES:
                continue  # taken by signing in with a passphrase (Tools menu), never by a setting
            self.role_combo.addItem(word(name), key)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(values.get("handler_role", "call_handler"))))
        self.form.addRow(self.tr("Role"), self.role_combo)
        if pack_roles:
            note = QLabel(self.tr("Supervisors and trainers sign in from Tools → Sign in as supervisor or trainer."))
            note.setWordWrap(True)
            note.setProperty("role", "muted")
            self.form.addRow("", note)
        self.language_combo = QComboBox()  # each language named in its own language
        self.language_combo.setAccessibleName(self.tr("Interface language"))
        self.language_combo.addItem(self.tr("The system's language"), "")
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(values.get("interface_language", ""))))
        self.form.addRow(self.tr("Interface language"), self.language_combo)
        language_note = QLabel(self.tr("The new language is used the next time you start the app. Keys stay the "
                                       "same: Y, N and U are always Yes, No and Don't know."))
        language_note.setWordWrap(True)
        language_note.setProperty("role", "muted")
        self.form.addRow("", language_note)
        self.force_edit = QLineEdit(values.get("force_name", ""))
        self.force_edit.setPlaceholderText(self.tr("e.g. Anyshire Police"))
        self._row(self.tr("Force name"), "force_name", self.force_edit)
        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(1, 3650)
        self.retention_spin.setSuffix(self.tr(" days"))
        try:
            self.retention_spin.setValue(int(values.get("retention_days", "30") or 30))
        except ValueError:
            self.retention_spin.setValue(30)
        self._row(self.tr("Keep personal details for"), "retention_days", self.retention_spin)
        hint = QLabel(self.tr("Names, phone numbers, addresses and free-text notes are removed after this many days. "
                      "The anonymous record of each call is kept."))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.form.addRow("", hint)
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 1440)
        self.idle_spin.setSuffix(self.tr(" minutes"))
        self.idle_spin.setSpecialValueText("Never")
        try:
            self.idle_spin.setValue(int(values.get("signin_idle_minutes", "60") or 60))
        except ValueError:
            self.idle_spin.setValue(60)
        self._row(self.tr("Sign out when idle for"), "signin_idle_minutes", self.idle_spin)
        idle_hint = QLabel(self.tr("Between calls, after this long without a key press or click, the handler is "
                                   "signed out and the next person signs in when they start a call (0: never)."))
        idle_hint.setWordWrap(True)
        idle_hint.setProperty("role", "muted")
        self.form.addRow("", idle_hint)
        data_dir = str(getattr(paths, "data_dir", "")) if paths is not None else ""
        self.data_dir_label = QLabel(data_dir or self.tr("(not known)"))
        self.data_dir_label.setWordWrap(True)
        self.form.addRow(self.tr("Data folder"), self.data_dir_label)
        note = QLabel(self.tr("To use another data folder, start the app with --data-dir FOLDER."))
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        self.form.addRow("", note)
        lay.addLayout(self.form)
        self.force_label = QLabel("\n".join(force_lines or []))
        self.force_label.setWordWrap(True)
        self.force_label.setProperty("role", "muted")
        if force_lines:
            cap = QLabel(self.tr("Force configuration"))
            cap.setProperty("role", "caption")
            lay.addWidget(cap)
            lay.addWidget(self.force_label)
        lay.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(self.tr("Save settings"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        self.button_box.accepted.connect(self.on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        outer.addWidget(self.button_box)
        self.resize(max(640, body.sizeHint().width() + 40), min(body.sizeHint().height() + 100, 720))
        self._shown = self.current()

    def _row(self, label: str, name: str, widget: QWidget) -> None:
        """A form row whose control is locked (set by the force) or supervisor-only, with the words beside it."""
        level = self.authority.get(name, "user")
        editable = level == "user" or (level == "supervisor" and self.supervisor)
        widget.setEnabled(editable)
        words = self.tr(AUTHORITY_WORDS[level]) if level in AUTHORITY_WORDS else ""
        if level == "supervisor" and self.supervisor:
            words = self.tr("Supervisor: your change is recorded in the audit log")
        widget.setAccessibleName(f"{label} ({words})" if words else label)
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.addWidget(widget, 1)
        lock = QLabel(words)
        lock.setProperty("role", "muted")
        lock.setVisible(bool(words))
        h.addWidget(lock)
        self.locks[name] = lock
        self.form.addRow(label, row)

    def current(self) -> dict[str, str]:
        out = {"handler_id": self.handler_edit.text().strip(), "handler_role": str(self.role_combo.currentData()),
               "interface_language": str(self.language_combo.currentData())}
        if self.force_edit.isEnabled():
            out["force_name"] = self.force_edit.text().strip()
        if self.retention_spin.isEnabled():
            out["retention_days"] = str(self.retention_spin.value())
        if self.idle_spin.isEnabled():
            out["signin_idle_minutes"] = str(self.idle_spin.value())
        return out

    def changes(self) -> dict[str, str]:
        """What the handler changed (a setting not passed in is compared with what the dialog first showed)."""
        return {k: v for k, v in self.current().items() if self.values.get(k, self._shown.get(k, "")) != v}

    def on_button_box_accepted(self) -> None:
        if not self.handler_edit.text().strip():
            self.error_label.setText(self.tr("✖ Enter your collar number or staff id."))
            self.error_label.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, values: dict[str, str], paths: Any = None,
            authority: Optional[dict[str, str]] = None, supervisor: bool = False,
            force_lines: Optional[list[str]] = None, pack_roles: bool = False) -> Optional[dict[str, str]]:
        """The changed settings, or None if cancelled."""
        d = cls(parent, values=values, paths=paths, authority=authority, supervisor=supervisor,
                force_lines=force_lines, pack_roles=pack_roles)
        return d.changes() if d.exec() == QDialog.DialogCode.Accepted else None
