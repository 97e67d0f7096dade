"""Issue 8 widgets: who is calling (Ctrl+T), caller details with the repeat-contact notice (Ctrl+D), and the
"Decision recorded … while they are on the way" banner with Finish. Dialogs open through ask() (tests patch it)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from triage_desktop.core.vocab import CALLER_TYPES, OUTCOME_CODES

if TYPE_CHECKING:
    from triage_desktop.services import CallerView, NotAskedView

from . import a11y
from . import theme
from triage_desktop.services import format_elapsed
from .dialog_kit import ok_cancel_buttons
from .i18n import current_language, in_language
from .time_words import local_time
from .vocab_words import word
from .wrap_label import WrapLabel

translate = QCoreApplication.translate


def caller_words(code: Optional[str]) -> str:
    ct = CALLER_TYPES.get(code or "")
    return word(ct.label) if ct else translate("Callers", "Not recorded yet")


def decision_text(cv: CallerView, language: str = "") -> str:
    """'police priority at 00:42; raised to police emergency at 01:10' (or ''), in `language` (the interface's when
    not given; the side panel gives its rows' language: Welsh in a Welsh call)."""
    dec = cv.decision
    if dec is None:
        return ""
    lang = language or current_language()

    def say(text: object) -> str:  # a QT_TRANSLATE_NOOP (lupdate extracts it) in `lang`
        return in_language(lang, "Callers", str(text))

    def words(code: str) -> str:
        return in_language(lang, "Vocab", _decision_words(code))

    text = say(QT_TRANSLATE_NOOP("Callers", "{decision} at {time}")).format(decision=words(dec.first_code),
                                                                           time=mmss(dec.offset))
    if dec.raised:
        text += say(QT_TRANSLATE_NOOP("Callers", "; raised to {decision} at {time}")).format(
            decision=words(dec.code), time=mmss(dec.raised_offset))
    elif dec.code != dec.first_code:  # an override or an early exit: the handler's choice, said as such
        text += say(QT_TRANSLATE_NOOP("Callers", "; changed by the handler to {decision}")).format(
            decision=words(dec.code))
    return text


def _decision_words(code: str) -> str:
    """'police emergency', 'ambulance service', 'NHS 111 option 2 / crisis line' … in English (services:
    core.exits); the words are listed in vocab_words so they are said in Welsh too."""
    from triage_desktop.services import decision_words as words

    return words(code)


def decision_words(code: str) -> str:
    """The decision's words in the interface language."""
    return word(_decision_words(code))


def mmss(seconds: Optional[float]) -> str:
    if seconds is None:
        return "--:--"
    text = format_elapsed(seconds)
    return text[3:] if text.startswith("00:") else text


class CallerTypeDialog(a11y.NamedDialog):
    """Who is calling: one key press (1-9), Esc to cancel."""

    def __init__(self, parent: Optional[QWidget] = None, *, current: Optional[str] = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is calling?"))
        self.choice: Optional[str] = None
        lay = QVBoxLayout(self)
        intro = WrapLabel(self.tr("Who is calling? Press the number. What you say to the caller changes to fit them."))
        lay.addWidget(intro)
        self.buttons: list[QPushButton] = []
        for i, (code, ct) in enumerate(CALLER_TYPES.items(), 1):
            mark = self.tr("  ✓ current") if code == current else ""
            b = QPushButton(f"{i}   {word(ct.label).replace('&', '&&')}{mark}")
            b.setProperty("role", "answer")
            b.setAccessibleName(self.tr("{label} (shortcut {key})").format(label=word(ct.label), key=i))
            b.setAutoDefault(True)
            b.clicked.connect(lambda _=False, c=code: self.choose(c))
            lay.addWidget(b)
            self.buttons.append(b)
            sc = QShortcut(QKeySequence(str(i)), self)
            sc.activated.connect(lambda c=code: self.choose(c))
        cancel = QPushButton(self.tr("Cancel (Esc)"))
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


class CallerDetailsDialog(a11y.NamedDialog):
    """The caller's phone number and name, and the person's name: personal data, kept on this PC only and purged
    at the end of the retention period; the person's name is kept only as a salted hash, to find repeat contact."""

    def __init__(self, parent: Optional[QWidget] = None, *, phone: str = "", name: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Caller details"))
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Kept on this PC only, never sent anywhere, and deleted after the retention period. "
                               "A phone number or name is checked against earlier calls on this PC (last 7 days)."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.phone_edit = QLineEdit(phone)
        self.phone_edit.setAccessibleName(self.tr("Caller's phone number"))
        form.addRow(self.tr("Caller's phone number"), self.phone_edit)
        self.name_edit = QLineEdit(name)
        self.name_edit.setAccessibleName(self.tr("Caller's name"))
        form.addRow(self.tr("Caller's name"), self.name_edit)
        self.person_edit = QLineEdit()
        self.person_edit.setAccessibleName(self.tr("Name of the person the call is about"))
        form.addRow(self.tr("Person's name (if not the caller)"), self.person_edit)
        lay.addLayout(form)
        lay.addWidget(ok_cancel_buttons(self, self.tr("Save")))
        self.phone_edit.setFocus()

    def result_value(self) -> dict[str, str]:
        return {"caller_phone": self.phone_edit.text().strip(), "caller_name": self.name_edit.text().strip(),
                "person_name": self.person_edit.text().strip()}

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, phone: str = "", name: str = "") -> Optional[dict[str, str]]:
        d = cls(parent, phone=phone, name=name)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


def not_asked_words(not_asked: "tuple[NotAskedView, ...]") -> str:
    """'Not asked (call finished first): A; B. Not asked (caller with the person): C.' grouped by reason."""
    by: dict[str, list[str]] = {}
    for n in not_asked:
        by.setdefault(n.reason, []).append(n.title)
    return " ".join(translate("Callers", "Not asked ({why}): {titles}.").format(why=word(why), titles="; ".join(titles))
                    for why, titles in by.items())


def repeat_notice(found: Any) -> str:
    """'Repeat contact (this PC only): 2 earlier calls in the last 7 days — 14:02 police will not attend …'."""
    if found is None:
        return ""
    n = found.count
    head = translate("Callers", "Repeat contact (this PC only, last {days} days): ").format(days=found.window_days)
    if n == 0:
        return head + translate("Callers", "no earlier calls share this number or name.")
    items = []
    for c in found.calls[:5]:
        what = word(OUTCOME_CODES[c.outcome_code].response) if c.outcome_code in OUTCOME_CODES else (
            translate("Callers", "not finished") if c.status == "in_progress" else c.status)
        items.append(f"{local_time(c.started_at, '%d %b %H:%M')}: {what}"
                     + (" (decision: police to attend)" if c.police_attend else " (decision: police not to attend)"
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
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.setSpacing(8)
        self.top_layout = top
        self.title_label = WrapLabel()
        a11y.text_label(self.title_label, self.tr("Decision recorded"))
        theme.apply_font(self.title_label, 1.0, bold=True)
        self.title_label.setContentsMargins(10, 2, 6, 2)  # clear of the badge's left rule whatever the style
        top.addWidget(self.title_label, 1)
        buttons = QHBoxLayout()  # beside the title; below it when the text is large (see resizeEvent)
        buttons.setSpacing(8)
        # the whole dispatch script folds away (Alt+S) so the question and every answer stay in view
        self.script_button = QPushButton(self.tr("Script (Alt+S)"))
        self.script_button.setCheckable(True)
        self.script_button.setAutoDefault(True)
        self.script_button.setAccessibleDescription(self.tr("Show or hide the full script for the decision"))  # name: text
        self.script_button.toggled.connect(self.on_script_toggled)
        buttons.addWidget(self.script_button, 0, Qt.AlignmentFlag.AlignTop)
        self.finish_button = QPushButton(self.tr("Finish (Ctrl+Enter)"))
        self.finish_button.setAutoDefault(True)
        self.finish_button.setAccessibleName(self.tr("Finish the call now"))
        self.finish_button.setAccessibleDescription(self.tr("Steps not asked are recorded as not asked, never as no."))
        self.finish_button.setToolTip(self.tr("Steps not asked are recorded as not asked, never as “no”."))
        self.finish_button.clicked.connect(self.on_finish)
        buttons.addWidget(self.finish_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addStretch(1)
        top.addLayout(buttons)
        lay.addLayout(top)
        # the sentence to read: on the first step after the decision (or with the full script, Alt+S)
        self.headline_label = WrapLabel()
        self.headline_label.setProperty("role", "callout")
        a11y.text_label(self.headline_label, self.tr("Decision: the sentence to read to the caller"))
        lay.addWidget(self.headline_label)
        self.script_label = WrapLabel()
        self.script_label.setProperty("role", "callout")
        a11y.text_label(self.script_label, self.tr("Decision: the full script"))
        self.script_label.hide()
        lay.addWidget(self.script_label)
        sc = QShortcut(QKeySequence("Alt+S"), self)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
        sc.activated.connect(self.script_button.toggle)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(self.on_finish)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        """At large text sizes the buttons go below the title rather than squeezing it into a narrow column."""
        narrow = self.width() < 70 * max(1, self.fontMetrics().averageCharWidth())
        want = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self.top_layout.direction() != want:
            self.top_layout.setDirection(want)
        super().resizeEvent(event)

    def on_script_toggled(self, on: bool) -> None:
        self.script_label.setVisible(on)
        self.script_button.setText(self.tr("Hide script (Alt+S)") if on else self.tr("Script (Alt+S)"))

    def on_finish(self) -> None:
        if self.isVisible():
            self.finish_clicked.emit()

    def show_view(self, cv: CallerView) -> None:
        dec = cv.decision
        if dec is None or not cv.in_post_decision:
            self.hide()
            return
        emergency = dec.code == "POLICE_EMERGENCY"
        text = ("▲ " if emergency else "") + self.tr("Decision recorded: {decision} at {time}").format(
            decision=decision_words(dec.first_code), time=mmss(dec.offset))
        if dec.raised:
            text += self.tr(", raised to {decision} at {time}").format(decision=decision_words(dec.code),
                                                                      time=mmss(dec.raised_offset))
        text += self.tr(" — while they are on the way")
        self.title_label.setText(text)
        theme.set_role(self.title_label, "risk" if emergency else "badge")
        en_h, en_s = getattr(dec, "headline_en", ""), getattr(dec, "script_en", "")
        welsh = bool(en_h) and en_h != dec.headline  # a Welsh call (issue 15): the English under the Welsh
        self.headline_label.setText(self.tr("Say: {headline}").format(headline=dec.headline)
                                    + ("\n" + self.tr("English: {text}").format(text=en_h) if welsh else ""))
        self.headline_label.setVisible(cv.first_post_step or self.script_button.isChecked())
        self.script_label.setText(dec.script + (f"\n\nEnglish: {en_s}" if welsh and en_s and en_s != dec.script
                                                else ""))
        self.script_button.setVisible(bool(dec.script) and dec.script != dec.headline)
        self.show()
