"""Small modal dialogs, each opened through an ask() classmethod (tests monkeypatch ask; a real modal would hang)."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import NON_DECISION_CODES, OUTCOME_CODES

from triage_desktop.core.vocab import ROLE_NAMES
from triage_desktop.services import parse_utc as parse_started


def local_time(iso: str, fmt: str = "%H:%M") -> str:
    t = parse_started(iso)
    return t.astimezone().strftime(fmt) if t else iso


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)  # its name is its text (a fixed name would go stale when a dialog relabels it)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class HandlerDialog(QDialog):
    """Who is taking calls on this machine: asked once, remembered in settings."""

    def __init__(self, parent: Optional[QWidget] = None, *, handler_id: str = "", role: str = "call_handler",
                 title: str = "Who is taking calls?"):
        super().__init__(parent)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        intro = QLabel("Your collar number or staff id is recorded against every step you take in a call.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.id_edit = QLineEdit(handler_id)
        self.id_edit.setAccessibleName("Collar number or staff id")
        form.addRow("Collar number or staff id", self.id_edit)
        self.role_combo = QComboBox()
        self.role_combo.setAccessibleName("Role")
        for key, name in ROLE_NAMES.items():
            self.role_combo.addItem(name, key)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        form.addRow("Role", self.role_combo)
        lay.addLayout(form)
        self.button_box = _buttons(self, "Save")
        lay.addWidget(self.button_box)
        self.id_edit.textChanged.connect(self.on_id_edit_text_changed)
        self.on_id_edit_text_changed(handler_id)

    def on_id_edit_text_changed(self, text: str) -> None:
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def result_value(self) -> tuple[str, str]:
        return self.id_edit.text().strip(), str(self.role_combo.currentData())

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, handler_id: str = "", role: str = "call_handler",
            title: str = "Who is taking calls?") -> Optional[tuple[str, str]]:
        d = cls(parent, handler_id=handler_id, role=role, title=title)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


class HandoverDialog(HandlerDialog):
    """Hand the call to someone else (usually the mental-health practitioner); later steps are theirs."""

    def __init__(self, parent: Optional[QWidget] = None, **kw: Any):
        kw.setdefault("role", "mh_practitioner")
        kw["title"] = "Hand over the call"
        super().__init__(parent, **kw)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText("Hand over")

    @classmethod
    def ask(cls, parent: Optional[QWidget], **kw: Any) -> Optional[tuple[str, str]]:  # type: ignore[override]
        d = cls(parent, **kw)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


class ReasonDialog(QDialog):
    """Asks for a mandatory reason (immediate risk, early exit, override, addendum)."""

    reason_edit: QPlainTextEdit

    def __init__(self, parent: Optional[QWidget] = None, *, title: str, prompt: str, ok_text: str = "OK",
                 suggestions: Sequence[str] = ()):
        super().__init__(parent)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        lab = QLabel(prompt)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        for i, s in enumerate(suggestions[:5], 1):
            b = QPushButton(f"{s}")
            b.setAccessibleName(f"Use reason: {s}")
            b.clicked.connect(lambda _=False, s=s: self.reason_edit.setPlainText(s))
            lay.addWidget(b)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setTabChangesFocus(True)
        lay.addWidget(self.reason_edit)
        self.button_box = _buttons(self, ok_text)
        lay.addWidget(self.button_box)
        self.reason_edit.textChanged.connect(self.on_reason_edit_text_changed)
        self.on_reason_edit_text_changed()
        self.reason_edit.setFocus()

    def on_reason_edit_text_changed(self) -> None:
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, prompt: str, ok_text: str = "OK",
            suggestions: Sequence[str] = ()) -> Optional[str]:
        d = cls(parent, title=title, prompt=prompt, ok_text=ok_text, suggestions=suggestions)
        return d.reason() if d.exec() == QDialog.DialogCode.Accepted else None


class OutcomeChoiceDialog(QDialog):
    """Choose an outcome code and give a reason: used for early exit and override. The choices (and their order)
    come from the services (core.exits); with `default` empty nothing is chosen until the handler picks one."""

    def __init__(self, parent: Optional[QWidget] = None, *, title: str, prompt: str, ok_text: str,
                 choices: Sequence[tuple[str, str]] = (), default: str = "", details: str = "", warning: str = "",
                 refuse: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.refuse = refuse  # a code that cannot be chosen (the current outcome, listed first for reference)
        lay = QVBoxLayout(self)
        if warning:
            w = QLabel(f"⚠ {warning}")
            w.setWordWrap(True)
            w.setProperty("role", "flag")
            w.setAccessibleName(warning)
            lay.addWidget(w)
            self.warning_label: Optional[QLabel] = w
        else:
            self.warning_label = None
        lab = QLabel(prompt)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.details_label: Optional[QLabel] = None
        if details:
            d = QLabel(details)
            d.setWordWrap(True)
            d.setProperty("role", "muted")
            d.setAccessibleName(details)
            lay.addWidget(d)
            self.details_label = d
        form = QFormLayout()
        self.code_combo = QComboBox()
        self.code_combo.setAccessibleName("Outcome")
        if not choices:  # the vocabulary, in order (force procedure: only the rollout sets it)
            choices = tuple((c, v.response) for c, v in OUTCOME_CODES.items() if c not in NON_DECISION_CODES)
        for code, label in choices:
            self.code_combo.addItem(f"{label} ({code})", code)
        self.code_combo.setPlaceholderText("Choose an outcome…")
        self.code_combo.setCurrentIndex(self.code_combo.findData(default) if default else -1)
        form.addRow("Outcome", self.code_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setTabChangesFocus(True)
        form.addRow("Reason (required)", self.reason_edit)
        lay.addLayout(form)
        self.extra_layout = QVBoxLayout()
        lay.addLayout(self.extra_layout)
        self.button_box = _buttons(self, ok_text)
        lay.addWidget(self.button_box)
        self.reason_edit.textChanged.connect(self.on_reason_edit_text_changed)
        self.code_combo.currentIndexChanged.connect(self.on_reason_edit_text_changed)
        self.on_reason_edit_text_changed()
        self.code_combo.setFocus()

    def on_reason_edit_text_changed(self, *_: Any) -> None:
        code = self.code_combo.currentData()
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.reason_edit.toPlainText().strip()) and bool(code) and code != self.refuse)

    def result_value(self) -> tuple[str, str]:
        return str(self.code_combo.currentData()), self.reason_edit.toPlainText().strip()


class EarlyExitDialog(OutcomeChoiceDialog):
    """End the call before the questions are done: no default outcome; the questions not asked on this call's own
    path, grouped; a warning (and the safer outcomes first) when risk questions were not answered; "the caller rang
    off" (then there is nothing to read to them, and the record says they could not be told)."""

    def __init__(self, parent: Optional[QWidget] = None, *, info: Any = None):
        summary = info.summary if info is not None else "none"
        details = ("Not asked on this call's path: " + summary) if summary != "none" else \
            "Every question on this call's path has been asked."
        super().__init__(parent, title="End the call early", ok_text="End call early",
                         prompt="Choose the outcome (there is no default) and say why the call is ending before the "
                                "questions are done.",
                         choices=info.choices if info is not None else (), details=details,
                         warning=info.warning if info is not None else "")
        self.rang_off_check = QCheckBox("The caller rang off: they cannot be told the outcome")
        self.rang_off_check.setAccessibleName("The caller rang off: they cannot be told the outcome")
        self.extra_layout.addWidget(self.rang_off_check)
        self.setTabOrder(self.reason_edit, self.rang_off_check)  # reading order: outcome, reason, rang off, buttons
        self.setTabOrder(self.rang_off_check, self.button_box)

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, info: Any = None) -> Optional[tuple[str, str, bool]]:
        """Returns (reason, code, caller rang off) or None."""
        d = cls(parent, info=info)
        if d.exec() != QDialog.DialogCode.Accepted:
            return None
        code, reason = d.result_value()
        return reason, code, d.rang_off_check.isChecked()


class OverrideDialog(OutcomeChoiceDialog):
    """Change the outcome the questions reached; the original is kept in the record. The list starts at the
    current outcome (shown, not choosable), so the handler sees where they are changing from."""

    def __init__(self, parent: Optional[QWidget] = None, *, current_code: str = "",
                 choices: Sequence[tuple[str, str]] = ()):
        from triage_desktop.services import decision_words, outcome_choices

        super().__init__(parent, title="Change the outcome", ok_text="Change outcome",
                         choices=choices or outcome_choices(current=current_code), default=current_code,
                         refuse=current_code,
                         prompt=f"The outcome now is {decision_words(current_code)}. Choose the outcome you are "
                                "changing it to and say why. The original outcome stays in the record.")

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, current_code: str = "",
            choices: Sequence[tuple[str, str]] = ()) -> Optional[tuple[str, str]]:
        """Returns (code, reason) or None."""
        d = cls(parent, current_code=current_code, choices=choices)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


class ResumeDialog(QDialog):
    """Offer an interrupted call for resumption, explicitly."""

    def __init__(self, parent: Optional[QWidget] = None, *, calls: Sequence[Any] = ()):
        super().__init__(parent)
        self.setWindowTitle("Resume an interrupted call?")
        lay = QVBoxLayout(self)
        self.calls = list(calls)
        self.intro_label = QLabel("A call was not finished when the app last closed. Its answers are saved.")
        self.intro_label.setWordWrap(True)  # never cut off (200 % text, a narrow screen)
        lay.addWidget(self.intro_label)
        self.calls_list = QListWidget()
        self.calls_list.setAccessibleName("Interrupted calls")
        self.calls_list.setWordWrap(True)  # each "Resume call started …?" wraps instead of being cut off
        self.calls_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.calls_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.calls_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for c in self.calls:
            item = QListWidgetItem(describe_interrupted(c))
            item.setData(Qt.ItemDataRole.UserRole, c.uuid)
            self.calls_list.addItem(item)
        self.calls_list.setCurrentRow(0)
        lay.addWidget(self.calls_list)
        # wide enough for the longest line where the screen allows it; it wraps where it does not
        fm = self.fontMetrics()
        longest = max([fm.horizontalAdvance(self.calls_list.item(i).text()) for i in range(self.calls_list.count())]
                      + [fm.horizontalAdvance(self.intro_label.text())])
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        cap = int(screen.width() * 0.9) if screen is not None else 1000
        self.resize(min(cap, longest + 80), self.sizeHint().height())
        self.button_box = _buttons(self, "Resume call")
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText("Not now")
        lay.addWidget(self.button_box)

    def chosen(self) -> Optional[str]:
        item = self.calls_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, calls: Sequence[Any]) -> Optional[str]:
        d = cls(parent, calls=calls)
        return d.chosen() if d.exec() == QDialog.DialogCode.Accepted else None


def describe_interrupted(c: Any) -> str:
    """'Resume call started 14:02 (Mini entry, handler 1234), 6 answers recorded?'"""
    when = local_time(getattr(c, "started_at", ""))
    started = parse_started(getattr(c, "started_at", ""))
    if started and started.astimezone().date() != _dt.date.today():
        when = started.astimezone().strftime("%d %b %H:%M")
    n = getattr(c, "answers_count", 0)
    extra = ", ".join(x for x in (getattr(c, "flow_title", ""), f"handler {c.handler}"
                                  if getattr(c, "handler", "") else "") if x)
    return f"Resume call started {when}{f' ({extra})' if extra else ''}, {n} answer{'s' if n != 1 else ''} recorded?"


class AddendumDialog(QDialog):
    """Append a correction or addition to a finished call: text plus the reason for it."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setWindowTitle("Add an addendum")
        lay = QVBoxLayout(self)
        lab = QLabel("A finished call cannot be changed. An addendum is added to its record with your id and the time.")
        lab.setWordWrap(True)
        lay.addWidget(lab)
        form = QFormLayout()
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Addendum text")
        self.text_edit.setTabChangesFocus(True)
        form.addRow("Addendum", self.text_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("Reason for the addendum")
        form.addRow("Reason", self.reason_edit)
        lay.addLayout(form)
        self.button_box = _buttons(self, "Add addendum")
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


class ConfirmDialog:
    """A yes/no question with plain words on the buttons."""

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, text: str, yes: str, no: str = "Cancel") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        y = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is y


class ErrorDialog:
    """What happened, what is safe, what to do next. Never a traceback."""

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, what: str, safe: str, next_step: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.Ok, parent)
        box.setInformativeText(f"{safe}\n\n{next_step}".strip())
        box.exec()
