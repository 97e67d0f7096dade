"""Who is taking calls: the sign-in dialog (HandlerDialog) and handing a call to someone else (HandoverDialog)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import ROLE_NAMES

from . import a11y
from .dialog_kit import fit_wrapped, ok_cancel_buttons
from .vocab_words import word


class HandlerDialog(a11y.NamedDialog):
    """Who is taking calls on this machine: asked at the start of each shift (and after the app was idle), with the
    handler ids signed in here lately offered (Down / Up in the id box, or the list)."""

    def __init__(self, parent: Optional[QWidget] = None, *, handler_id: str = "", role: str = "call_handler",
                 title: str = "Who is taking calls?", recent: Sequence[str] = (),
                 intro: str = "Your collar number or staff id is recorded against every step you take in a call."):
        super().__init__(parent)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        self.intro_label = QLabel(intro)
        self.intro_label.setWordWrap(True)
        lay.addWidget(self.intro_label)
        self.form = form = QFormLayout()
        self.id_edit = QLineEdit(handler_id)
        self.id_edit.setAccessibleName(self.tr("Collar number or staff id"))
        self.id_edit.installEventFilter(self)
        form.addRow(self.tr("Collar number or staff id"), self.id_edit)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName(self.tr("Role"))
        for key, name in ROLE_NAMES.items():
            self.role_combo.addItem(word(name), key)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        form.addRow(self.tr("Role"), self.role_combo)
        lay.addLayout(form)
        self.recent = [r for r in recent if r]
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName(self.tr("Recent handler ids on this PC"))
        self.recent_list.addItems(self.recent)
        self.recent_list.setMaximumHeight(110)
        self.recent_list.currentTextChanged.connect(self.on_recent_list_current_text_changed)
        self.recent_list.itemActivated.connect(self.on_recent_list_item_activated)
        self.recent_caption = QLabel(self.tr("Recent on this PC (Down and Up in the box choose one):"))
        self.recent_caption.setProperty("role", "muted")
        lay.addWidget(self.recent_caption)
        lay.addWidget(self.recent_list)
        for w in (self.recent_caption, self.recent_list):
            w.setVisible(bool(self.recent))
        self.button_box = ok_cancel_buttons(self, self.tr("Save"))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        lay.addWidget(self.button_box)
        self.id_edit.textChanged.connect(self.on_id_edit_text_changed)
        self.on_id_edit_text_changed(handler_id)
        self.id_edit.setFocus()
        self.id_edit.selectAll()
        fit_wrapped(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.id_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.recent):
            now = self.recent.index(self.id_edit.text()) if self.id_edit.text() in self.recent else -1
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.recent_list.setCurrentRow(max(0, min(len(self.recent) - 1, now + step)))
            self.id_edit.setFocus()
            return True
        return super().eventFilter(obj, event)

    def on_recent_list_item_activated(self, _item: QListWidgetItem) -> None:
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).click()

    def on_recent_list_current_text_changed(self, text: str) -> None:
        if text:
            self.id_edit.setText(text)
            self.id_edit.selectAll()

    def on_id_edit_text_changed(self, text: str) -> None:
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def result_value(self) -> tuple[str, str]:
        return self.id_edit.text().strip(), str(self.role_combo.currentData())

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, handler_id: str = "", role: str = "call_handler",
            title: str = "Who is taking calls?", recent: Sequence[str] = (), **kw: Any) -> Optional[tuple[str, str]]:
        d = cls(parent, handler_id=handler_id, role=role, title=title, recent=recent, **kw)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


class HandoverDialog(HandlerDialog):
    """Hand the call to someone else (usually the mental-health practitioner); later steps are theirs. It asks for
    the person taking over, never offers the one handing over."""

    def __init__(self, parent: Optional[QWidget] = None, **kw: Any):
        kw.setdefault("role", "mh_practitioner")
        kw["title"] = QCoreApplication.translate("HandoverDialog", "Hand over the call")
        kw.setdefault("intro", "Who is taking over this call? Their collar number or staff id is recorded against "
                               "every step from now on.")
        current = kw.pop("current", "")
        kw["recent"] = [r for r in kw.get("recent", ()) if r != current]
        kw["handler_id"] = ""  # the person taking over, not the one handing over
        self._current = current
        super().__init__(parent, **kw)
        label = self.form.labelForField(self.id_edit)
        if isinstance(label, QLabel):
            label.setText(self.tr("Person taking over"))
        self.id_edit.setAccessibleName(self.tr("Person taking over: collar number or staff id"))
        self.id_edit.setPlaceholderText(self.tr("The person taking over"))
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Hand over"))
        ok.setAccessibleName(self.tr("Hand over"))

    def on_id_edit_text_changed(self, text: str) -> None:
        """The person taking over is someone else (handing over to yourself records nothing)."""
        ok = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()) and text.strip() != getattr(self, "_current", ""))

    @classmethod
    def ask(cls, parent: Optional[QWidget], **kw: Any) -> Optional[tuple[str, str]]:  # type: ignore[override]
        d = cls(parent, **kw)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None
