"""Issue 8 widgets: who is calling (Ctrl+T), caller details with the repeat-contact notice (Ctrl+D), and the
"Decision recorded … while they are on the way" banner with Finish. Dialogs open through ask() (tests patch it)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.engine import FlowRun
from triage_desktop.core.vocab import CALLER_TYPES, OUTCOME_CODES

from . import theme
from .call_header import format_elapsed
from .dialogs import _buttons, local_time


def caller_words(code: Optional[str]) -> str:
    ct = CALLER_TYPES.get(code or "")
    return ct.label if ct else "Not recorded yet"


def decision_words(code: str) -> str:
    """'police emergency', 'police priority', 'ambulance service' … for the banner."""
    voc = OUTCOME_CODES.get(code)
    if voc is None:
        return code
    return ("police " if voc.police else "") + voc.response.split(": ", 1)[-1].split(" (")[0].lower()


def mmss(seconds: Optional[float]) -> str:
    if seconds is None:
        return "--:--"
    text = format_elapsed(seconds)
    return text[3:] if text.startswith("00:") else text


class CallerTypeDialog(QDialog):
    """Who is calling: one key press (1-9), Esc to cancel."""

    def __init__(self, parent: Optional[QWidget] = None, *, current: Optional[str] = None):
        super().__init__(parent)
        self.setWindowTitle("Who is calling?")
        self.choice: Optional[str] = None
        lay = QVBoxLayout(self)
        intro = QLabel("Who is calling? Press the number. What you say to the caller changes to fit them.")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.buttons: list[QPushButton] = []
        for i, (code, ct) in enumerate(CALLER_TYPES.items(), 1):
            mark = "  ✓ current" if code == current else ""
            b = QPushButton(f"{i}   {ct.label.replace('&', '&&')}{mark}")
            b.setProperty("role", "answer")
            b.setAccessibleName(f"{ct.label} (shortcut {i})")
            b.setAutoDefault(True)
            b.clicked.connect(lambda _=False, c=code: self.choose(c))
            lay.addWidget(b)
            self.buttons.append(b)
            sc = QShortcut(QKeySequence(str(i)), self)
            sc.activated.connect(lambda c=code: self.choose(c))
        cancel = QPushButton("Cancel (Esc)")
        cancel.clicked.connect(self.reject)
        lay.addWidget(cancel)
        if current in CALLER_TYPES:
            self.buttons[list(CALLER_TYPES).index(current)].setFocus()

    def choose(self, code: str) -> None:
        self.choice = code
        self.accept()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, current: Optional[str] = None) -> Optional[str]:
        d = cls(parent, current=current)
        return d.choice if d.exec() == QDialog.DialogCode.Accepted else None


class CallerDetailsDialog(QDialog):
    """The caller's phone number and name, and the person's name: personal data, kept on this PC only and purged
    at the end of the retention period; the person's name is kept only as a salted hash, to find repeat contact."""

    def __init__(self, parent: Optional[QWidget] = None, *, phone: str = "", name: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Caller details")
        lay = QVBoxLayout(self)
        intro = QLabel("Kept on this PC only, never sent anywhere, and deleted after the retention period. "
                       "A phone number or name is checked against earlier calls on this PC (last 7 days).")
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.phone_edit = QLineEdit(phone)
        self.phone_edit.setAccessibleName("Caller's phone number")
        form.addRow("Caller's phone number", self.phone_edit)
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName("Caller's name")
        form.addRow("Caller's name", self.name_edit)
        self.person_edit = QLineEdit()
        self.person_edit.setAccessibleName("Name of the person the call is about")
        form.addRow("Person's name (if not the caller)", self.person_edit)
        lay.addLayout(form)
        lay.addWidget(_buttons(self, "Save"))
        self.phone_edit.setFocus()

    def result_value(self) -> dict[str, str]:
        return {"caller_phone": self.phone_edit.text().strip(), "caller_name": self.name_edit.text().strip(),
                "person_name": self.person_edit.text().strip()}

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, phone: str = "", name: str = "") -> Optional[dict[str, str]]:
        d = cls(parent, phone=phone, name=name)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


def repeat_notice(found: Any) -> str:
    """'Repeat contact (this PC only): 2 earlier calls in the last 7 days — 14:02 police will not attend …'."""
    if found is None:
        return ""
    n = found.count
    head = f"Repeat contact (this PC only, last {found.window_days} days): "
    if n == 0:
        return head + "no earlier calls share this number or name."
    items = []
    for c in found.calls[:5]:
        what = OUTCOME_CODES[c.outcome_code].response if c.outcome_code in OUTCOME_CODES else (
            "not finished" if c.status == "in_progress" else c.status)
        items.append(f"{local_time(c.started_at, '%d %b %H:%M')}: {what}"
                     + (" (police attended)" if c.police_attend else " (police did not attend)"
                        if c.outcome_code else ""))
    more = f"; and {n - 5} more" if n > 5 else ""
    return head + f"{n} earlier call{'s' if n != 1 else ''} share this number or name. " + "; ".join(items) + more


class DecisionBanner(QFrame):
    """Above the post-decision steps: the decision and its time, the words to read, and Finish (any time)."""

    finish_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("DecisionBanner")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(6)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName("Decision recorded")
        theme.apply_font(self.title_label, 1.0, bold=True)
        self.title_label.setContentsMargins(10, 2, 6, 2)  # clear of the badge's left rule whatever the style
        lay.addWidget(self.title_label)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.headline_label = QLabel()
        self.headline_label.setWordWrap(True)
        self.headline_label.setProperty("role", "callout")
        self.headline_label.setAccessibleName("Decision: what the caller has been told")
        row.addWidget(self.headline_label, 1)
        self.finish_button = QPushButton("Finish now\n(Ctrl+Enter)")
        self.finish_button.setAutoDefault(True)
        self.finish_button.setAccessibleName("Finish the call now")
        self.finish_button.setAccessibleDescription("Steps not asked are recorded as not asked, never as no.")
        self.finish_button.setToolTip("Steps not asked are recorded as not asked, never as “no”.")
        self.finish_button.clicked.connect(self.on_finish)
        row.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(row)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(self.on_finish)

    def on_finish(self) -> None:
        if self.isVisible():
            self.finish_clicked.emit()

    def show_run(self, run: FlowRun) -> None:
        dec, info = run.decision, run.decision_info
        if dec is None or info is None or not run.in_post_decision:
            self.hide()
            return
        emergency = dec.code == "POLICE_EMERGENCY"
        when = mmss(info.offset)
        text = f"{'▲ ' if emergency else ''}Decision recorded: {decision_words(info.first_code)} at {when}"
        if info.raised:
            text += f", raised to {decision_words(info.code)} at {mmss(info.raised_offset)}"
        text += " — while they are on the way"
        self.title_label.setText(text)
        self.title_label.setProperty("role", "risk" if emergency else "badge")
        self.title_label.style().unpolish(self.title_label)
        self.title_label.style().polish(self.title_label)
        first_step = next((p for p in run.path if p.after_decision and p.node.kind != "outcome"
                           and p.node.kind != "route" and not p.skipped), None)
        at_first = first_step is not None and (first_step.flow, first_step.node.id) == run.current
        # on the first step after the decision the whole dispatch script is there to read; later, its headline
        self.headline_label.setText(("Read to the caller: " + dec.script) if at_first and dec.script
                                    else f"Caller told: {dec.headline}")
        self.show()
