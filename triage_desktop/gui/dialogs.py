"""Small modal dialogs, each opened through an ask() classmethod (tests monkeypatch ask; a real modal would hang)."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
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

from .vocab_words import word

translate = QCoreApplication.translate


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


def fit_wrapped(dialog: QDialog, chars: int = 64) -> None:
    """Size a dialog whose wrapped labels would otherwise be cut off at large text: wide enough for about `chars`
    characters (within the screen), and as tall as its wrapped text needs at that width."""
    fm = dialog.fontMetrics()
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    w = max(dialog.sizeHint().width(), chars * fm.averageCharWidth())
    if screen is not None:
        w = min(w, int(screen.width() * 0.9))
    lay = dialog.layout()
    h = lay.totalHeightForWidth(w) if lay is not None and lay.hasHeightForWidth() else -1
    dialog.resize(w, max(h, dialog.sizeHint().height()))


class HandlerDialog(QDialog):
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
        self.button_box = _buttons(self, self.tr("Save"))
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


class ReasonDialog(QDialog):
    """Asks for a mandatory reason (immediate risk, early exit, override, addendum).

    By keyboard: the preset reasons are on the number keys (1-5, while the reason box is not being typed in);
    Enter sends once there is a reason (in the box too: Shift+Enter starts a new line); Esc cancels."""

    reason_edit: QPlainTextEdit

    def __init__(self, parent: Optional[QWidget] = None, *, title: str, prompt: str, ok_text: str = "",
                 suggestions: Sequence[str] = ()):
        super().__init__(parent)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        lab = QLabel(prompt)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.suggestion_buttons: list[QPushButton] = []
        for i, s in enumerate(suggestions[:5], 1):
            b = QPushButton(f"{i}: {s}")
            b.setAccessibleName(f"{i}: {s} (use this reason, shortcut {i})")  # the name carries what is shown
            b.setAutoDefault(False)  # Enter sends the reason; it never re-picks the focused preset
            b.clicked.connect(lambda _=False, i=i: self.choose_suggestion(i))
            lay.addWidget(b)
            self.suggestion_buttons.append(b)
            sc = QShortcut(QKeySequence(str(i)), self)  # a text box being typed in keeps its digits
            sc.activated.connect(lambda i=i: self.choose_suggestion(i))
            sck = QShortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key(Qt.Key.Key_0 + i)), self)
            sck.activated.connect(lambda i=i: self.choose_suggestion(i))
        self.suggestions = list(suggestions[:5])
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.installEventFilter(self)
        lay.addWidget(self.reason_edit)
        self.button_box = _buttons(self, ok_text)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        lay.addWidget(self.button_box)
        self.reason_edit.textChanged.connect(self.on_reason_edit_text_changed)
        self.on_reason_edit_text_changed()
        (self.suggestion_buttons[0] if self.suggestion_buttons else self.reason_edit).setFocus()
        fit_wrapped(self)

    def choose_suggestion(self, i: int) -> None:
        """Preset reason i (1-based) goes into the box; focus moves to the send button (Enter sends)."""
        if 1 <= i <= len(self.suggestions):
            self.reason_edit.setPlainText(self.suggestions[i - 1])
            self.ok_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.reason_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            if self.reason():
                self.accept()
            return True  # Enter never adds a blank line; Shift+Enter does
        return super().eventFilter(obj, event)

    def on_reason_edit_text_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, prompt: str, ok_text: str = "",
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
        self.code_combo.setAccessibleName(self.tr("Outcome"))
        if not choices:  # the vocabulary, in order (force procedure: only the rollout sets it)
            choices = tuple((c, v.response) for c, v in OUTCOME_CODES.items() if c not in NON_DECISION_CODES)
        for code, label in choices:
            self.code_combo.addItem(f"{label} ({code})", code)
        self.code_combo.setPlaceholderText(self.tr("Choose an outcome…"))
        self.code_combo.setCurrentIndex(self.code_combo.findData(default) if default else -1)
        form.addRow(self.tr("Outcome"), self.code_combo)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setTabChangesFocus(True)
        form.addRow(self.tr("Reason (required)"), self.reason_edit)
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


class ResumeDialog(QDialog):
    """Offer an interrupted call for resumption, explicitly."""

    def __init__(self, parent: Optional[QWidget] = None, *, calls: Sequence[Any] = ()):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resume an interrupted call?"))
        lay = QVBoxLayout(self)
        self.calls = list(calls)
        self.intro_label = QLabel(self.tr("A call was not finished when the app last closed. Its answers are saved."))
        self.intro_label.setWordWrap(True)  # never cut off (200 % text, a narrow screen)
        lay.addWidget(self.intro_label)
        self.calls_list = QListWidget()
        self.calls_list.setAccessibleName(self.tr("Interrupted calls"))
        self.calls_list.setWordWrap(True)  # each "Resume call started …?" wraps instead of being cut off
        self.calls_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.calls_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.calls_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for c in self.calls:
            item = QListWidgetItem(describe_interrupted(c))
            item.setData(Qt.ItemDataRole.UserRole, c.uuid)
            self.calls_list.addItem(item)
        self.calls_list.setCurrentRow(0)
        self.calls_list.itemActivated.connect(lambda _item: self.accept())
        lay.addWidget(self.calls_list)
        # wide enough for the longest line where the screen allows it; it wraps where it does not
        fm = self.fontMetrics()
        longest = max([fm.horizontalAdvance(self.calls_list.item(i).text()) for i in range(self.calls_list.count())]
                      + [fm.horizontalAdvance(self.intro_label.text())])
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        cap = int(screen.width() * 0.9) if screen is not None else 1000
        self.resize(min(cap, longest + 80), self.sizeHint().height())
        self.button_box = _buttons(self, self.tr("Resume call"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Not now"))
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        lay.addWidget(self.button_box)
        for i in range(1, min(9, len(self.calls)) + 1):  # by keyboard: a number picks that call, Enter resumes it
            sc = QShortcut(QKeySequence(str(i)), self)
            sc.activated.connect(lambda i=i: self.calls_list.setCurrentRow(i - 1))
        if len(self.calls) > 1:
            lay.insertWidget(2, QLabel(self.tr("Press a number to choose a call, Enter to resume it, Esc for not now.")))
        self.calls_list.setFocus()

    def chosen(self) -> Optional[str]:
        item = self.calls_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, calls: Sequence[Any]) -> Optional[str]:
        d = cls(parent, calls=calls)
        return d.chosen() if d.exec() == QDialog.DialogCode.Accepted else None


def describe_interrupted(c: Any, as_question: bool = True) -> str:
    """'Resume call started 14:02 (Mini entry, handler 1234), 6 answers recorded?' (or, not as a question,
    'Call started 14:02 (...), 6 answers recorded'), in the interface language."""
    when = local_time(getattr(c, "started_at", ""))
    started = parse_started(getattr(c, "started_at", ""))
    if started and started.astimezone().date() != _dt.date.today():
        when = started.astimezone().strftime("%d %b %H:%M")
    n = getattr(c, "answers_count", 0)
    extra = ", ".join(x for x in (getattr(c, "flow_title", ""), translate("Dialogs", "handler {id}").format(
        id=c.handler) if getattr(c, "handler", "") else "") if x)
    answers = (translate("Dialogs", "1 answer recorded") if n == 1
               else translate("Dialogs", "{n} answers recorded").format(n=n))
    extra = f" ({extra})" if extra else ""
    if as_question:
        return translate("Dialogs", "Resume call started {when}{extra}, {answers}?").format(when=when, extra=extra,
                                                                                         answers=answers)
    return translate("Dialogs", "Call started {when}{extra}, {answers}").format(when=when, extra=extra,
                                                                             answers=answers)


class AddendumDialog(QDialog):
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
        self.button_box = _buttons(self, self.tr("Add addendum"))
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
    def build(cls, parent: Optional[QWidget], *, title: str, text: str, yes: str, no: str = "Cancel",
              default_yes: bool = True) -> tuple[QMessageBox, QPushButton]:
        """The box and its yes button. Enter presses the default (yes unless default_yes is False); Esc says no."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        y = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        n = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(y if default_yes else n)
        box.setEscapeButton(n)
        return box, y

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, text: str, yes: str, no: str = "Cancel",
            default_yes: bool = True) -> bool:
        box, y = cls.build(parent, title=title, text=text, yes=yes, no=no, default_yes=default_yes)
        box.exec()
        return box.clickedButton() is y


class ErrorDialog:
    """What happened, what is safe, what to do next. Never a traceback."""

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, what: str, safe: str, next_step: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.Ok, parent)
        more = f"{safe}\n\n{next_step}".strip()
        if more:
            box.setInformativeText(more)
        box.exec()
