"""Choosing an outcome by hand, with a reason: ending a call early (EarlyExitDialog) and changing the outcome the
questions reached (OverrideDialog)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import NON_DECISION_CODES, OUTCOME_CODES

from . import a11y
from .dialog_kit import fit_wrapped, let_combo_narrow, ok_cancel_buttons

translate = QCoreApplication.translate


class OutcomeChoiceDialog(a11y.NamedDialog):
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
        self.code_combo.setAccessibleName(self.tr("Outcome"))
        if not choices:  # the vocabulary, in order (force procedure: only the rollout sets it)
            choices = tuple((c, v.response) for c, v in OUTCOME_CODES.items() if c not in NON_DECISION_CODES)
        for code, label in choices:
            self.code_combo.addItem(f"{label} ({code})", code)
        self.code_combo.setPlaceholderText(self.tr("Choose an outcome…"))
        let_combo_narrow(self.code_combo, 40)  # the dialog fits the screen at 200 % text; the list shows all
        self.code_combo.setCurrentIndex(self.code_combo.findData(default) if default else -1)
        form.addRow(self.tr("Outcome"), self.code_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setTabChangesFocus(True)
        form.addRow(self.tr("Reason (required)"), self.reason_edit)
        lay.addLayout(form)
        self.extra_layout = QVBoxLayout()
        lay.addLayout(self.extra_layout)
        self.button_box = ok_cancel_buttons(self, ok_text)
        lay.addWidget(self.button_box)
        self.reason_edit.textChanged.connect(self.on_reason_edit_text_changed)
        self.code_combo.currentIndexChanged.connect(self.on_reason_edit_text_changed)
        self.on_reason_edit_text_changed()
        self.code_combo.setFocus()
        fit_wrapped(self)

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
        details = (translate("EarlyExitDialog", "Not asked on this call's path: ") + summary) if summary != "none" \
            else translate("EarlyExitDialog", "Every question on this call's path has been asked.")
        super().__init__(parent, title=translate("EarlyExitDialog", "End the call early"),
                         ok_text=translate("EarlyExitDialog", "End call early"),
                         prompt=translate("EarlyExitDialog", "Choose the outcome (there is no default) and say why the "
                                          "call is ending before the questions are done."),
                         choices=info.choices if info is not None else (), details=details,
                         warning=info.warning if info is not None else "")
        self.rang_off_check = QCheckBox(self.tr("The caller rang off: they cannot be told the outcome"))
        self.rang_off_check.setAccessibleName(self.tr("The caller rang off: they cannot be told the outcome"))
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

        super().__init__(parent, title=translate("OverrideDialog", "Change the outcome"),
                         ok_text=translate("OverrideDialog", "Change outcome"),
                         choices=choices or outcome_choices(current=current_code), default=current_code,
                         refuse=current_code,
                         prompt=translate("OverrideDialog", "The outcome now is {outcome}. Choose the outcome you are "
                                          "changing it to and say why. The original outcome stays in the "
                                          "record.").format(outcome=decision_words(current_code)))

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, current_code: str = "",
            choices: Sequence[tuple[str, str]] = ()) -> Optional[tuple[str, str]]:
        """Returns (code, reason) or None."""
        d = cls(parent, current_code=current_code, choices=choices)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None
