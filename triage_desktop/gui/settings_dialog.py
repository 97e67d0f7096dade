"""SettingsDialog: handler, role, force name, retention; the data folder is shown (not editable here)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import ROLE_NAMES


class SettingsDialog(QDialog):
    """Edit the settings a handler or supervisor may change. Returns only what changed."""

    def __init__(self, parent: Optional[QWidget] = None, *, values: dict[str, str], paths: Any = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(560)
        self.values = dict(values)
        lay = QVBoxLayout(self)
        self.form = QFormLayout()
        self.handler_edit = QLineEdit(values.get("handler_id", ""))
        self.handler_edit.setAccessibleName("Collar number or staff id")
        self.form.addRow("Collar number or staff id", self.handler_edit)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName("Role")
        for key, name in ROLE_NAMES.items():
            self.role_combo.addItem(name, key)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(values.get("handler_role", "call_handler"))))
        self.form.addRow("Role", self.role_combo)
        self.force_edit = QLineEdit(values.get("force_name", ""))
        self.force_edit.setAccessibleName("Force name")
        self.force_edit.setPlaceholderText("e.g. Anyshire Police")
        self.form.addRow("Force name", self.force_edit)
        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(1, 3650)
        self.retention_spin.setSuffix(" days")
        self.retention_spin.setAccessibleName("Keep personal details for (days)")
        try:
            self.retention_spin.setValue(int(values.get("retention_days", "30") or 30))
        except ValueError:
            self.retention_spin.setValue(30)
        self.form.addRow("Keep personal details for", self.retention_spin)
        hint = QLabel("Names, phone numbers, addresses and free-text notes are removed after this many days. "
                      "The anonymous record of each call is kept.")
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.form.addRow("", hint)
        data_dir = str(getattr(paths, "data_dir", "")) if paths is not None else ""
        self.data_dir_label = QLabel(data_dir or "(not known)")
        self.data_dir_label.setWordWrap(True)
        self.data_dir_label.setAccessibleName("Data folder")
        self.form.addRow("Data folder", self.data_dir_label)
        note = QLabel("To use another data folder, start the app with --data-dir FOLDER.")
        note.setWordWrap(True)
        note.setProperty("role", "muted")
        self.form.addRow("", note)
        lay.addLayout(self.form)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                           | QDialogButtonBox.StandardButton.Cancel)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Save settings")
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.button_box.accepted.connect(self.on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        lay.addWidget(self.button_box)

    def current(self) -> dict[str, str]:
        return {"handler_id": self.handler_edit.text().strip(), "handler_role": str(self.role_combo.currentData()),
                "force_name": self.force_edit.text().strip(), "retention_days": str(self.retention_spin.value())}

    def changes(self) -> dict[str, str]:
        return {k: v for k, v in self.current().items() if self.values.get(k, "") != v}

    def on_button_box_accepted(self) -> None:
        if not self.handler_edit.text().strip():
            self.error_label.setText("✖ Enter your collar number or staff id.")
            self.error_label.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, values: dict[str, str], paths: Any = None) -> Optional[dict[str, str]]:
        """The changed settings, or None if cancelled."""
        d = cls(parent, values=values, paths=paths)
        return d.changes() if d.exec() == QDialog.DialogCode.Accepted else None
