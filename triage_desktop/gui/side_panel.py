"""CallSidePanel: the path so far (changed answers struck through), flags, THRIVE and the notes box."""
from __future__ import annotations

import html
from typing import Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import FLAGS, ROLE_NAMES
from triage_desktop.services import CallView, PathRow, decision_words

from . import a11y
from . import theme
from .i18n import handler_language, in_language
from .path_rows import PathRowDelegate
from .thrive_rows import ThriveRows
from .time_words import local_time
from .wrap_label import WrapLabel

#: A THRIVE note's level as the flows write it (core.vocab.THRIVE_LEVELS), said in the rows' language.
THRIVE_LEVEL_WORDS = (QT_TRANSLATE_NOOP("CallSidePanel", "Low"), QT_TRANSLATE_NOOP("CallSidePanel", "Medium"),
                      QT_TRANSLATE_NOOP("CallSidePanel", "High"))

JUMP_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2

#: One path row as shown: (text, jump key or None, struck through, bold, is a note).
_Row = tuple[str, Optional[tuple[str, str]], bool, bool, bool]


class CallSidePanel(QWidget):
    """Read-mostly summary beside the question; rows of answered questions can be activated to jump back."""

    jump_chosen = Signal(str, str)       # flow id, node id
    note_committed = Signal(str)         # a note to store (the box is cleared once stored)
    notes_left = Signal()                # Esc or Ctrl+Enter in the notes box: back to the question

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("CallSidePanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumWidth(280)
        self._lang = "en"  # the language of the rows, the caller and the decision (handler_language of the call)
        self._rows_shown: list[_Row] = []  # what the path list shows (show_view touches only what changed)
        self._flags_shown: object = False  # the flags shown (False: none drawn yet)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 12, 12, 12)
        lay.setSpacing(6)

        # who is calling, the decision and its time, repeat contact (issue 8)
        self.caller_label = WrapLabel()
        a11y.text_label(self.caller_label, self.tr("Who is calling (Ctrl+T to change)"))
        lay.addWidget(self.caller_label)
        self.decision_label = WrapLabel()
        a11y.text_label(self.decision_label, self.tr("Decision and its time"))
        self.decision_label.hide()
        lay.addWidget(self.decision_label)
        self.repeat_label = WrapLabel()
        self.repeat_label.setProperty("role", "flag")
        a11y.text_label(self.repeat_label, self.tr("Repeat contact on this PC"))
        self.repeat_label.hide()
        lay.addWidget(self.repeat_label)

        cap = QLabel(self.tr("So far"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.path_list = QListWidget()
        self.path_list.setAccessibleName(self.tr("Answers and notes so far (Enter on an answer to change it)"))
        self.path_list.setWordWrap(True)
        self.path_list.setItemDelegate(PathRowDelegate(self.path_list))  # each row's words laid out once
        self.path_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.path_list.setMinimumHeight(120)
        self.path_list.itemActivated.connect(self.on_path_list_item_activated)
        lay.addWidget(self.path_list, 3)

        cap = QLabel(self.tr("Flags"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.flags_box = QWidget()
        self.flags_layout = QVBoxLayout(self.flags_box)
        self.flags_layout.setContentsMargins(0, 0, 0, 0)
        self.flags_layout.setSpacing(3)
        lay.addWidget(self.flags_box)

        cap = QLabel("THRIVE")
        cap.setProperty("role", "caption")
        cap.setToolTip(self.tr("Threat, Harm, Risk, Investigation, Vulnerability, Engagement"))
        lay.addWidget(cap)
        self.thrive_rows = ThriveRows(self.tr("Not assessed yet"), self.tr("THRIVE assessment so far"))
        lay.addWidget(self.thrive_rows)

        cap = QLabel(self.tr("Add a note (Alt+N)"))
        cap.setProperty("role", "caption")
        lay.addWidget(cap)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName(self.tr("Notes (Alt+N; saved when you leave the box or press Ctrl+Enter)"))
        self.notes_edit.setPlaceholderText(self.tr("Alt+N to type a note. Ctrl+Enter saves it and goes back to the "
                                                   "question; Esc goes back."))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(90)
        self.notes_edit.installEventFilter(self)
        lay.addWidget(self.notes_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_note_button = QPushButton(self.tr("Save note (Ctrl+Enter)"))
        self.add_note_button.setAccessibleName(self.tr("Save note"))
        self.add_note_button.clicked.connect(self.commit_note)
        row.addWidget(self.add_note_button)
        lay.addLayout(row)
        # a pause in typing also saves, so nothing typed is lost if the app is closed or a dialog opens
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(4000)
        self.idle_timer.timeout.connect(self.commit_note)
        self.notes_edit.textChanged.connect(self.on_notes_edit_text_changed)

    # ----- notes ----------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.notes_edit:
            t = event.type()
            if t == QEvent.Type.FocusOut:
                self.commit_note()
            elif t in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and (
                    self._is_save_key(event) or self._is_plain_enter(event) or self._is_escape(event)):
                # Ctrl+Enter saves the note and goes back to the question (it never finishes the call); Esc goes
                # back too (what was typed is saved as you leave); Enter is a new line (it never presses Continue)
                event.accept()
                if t == QEvent.Type.KeyPress and self._is_plain_enter(event):
                    return False  # the box adds the line break
                if t == QEvent.Type.KeyPress:
                    self.commit_note()
                    self.notes_left.emit()
                return True
        return super().eventFilter(obj, event)

    @staticmethod
    def _is_save_key(event: QEvent) -> bool:
        return (isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier))

    @staticmethod
    def _is_plain_enter(event: QEvent) -> bool:
        return (isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    @staticmethod
    def _is_escape(event: QEvent) -> bool:
        return isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape

    def focus_notes(self) -> None:
        """Alt+N: the cursor into the notes box, at the end of anything already typed."""
        self.notes_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.notes_edit.moveCursor(QTextCursor.MoveOperation.End)

    def on_notes_edit_text_changed(self) -> None:
        if self.notes_edit.toPlainText().strip():
            self.idle_timer.start()

    def commit_note(self) -> None:
        """Hand the typed note on to be stored; the box is cleared by `note_stored`."""
        self.idle_timer.stop()
        text = self.notes_edit.toPlainText().strip()
        if text:
            self.note_committed.emit(text)

    def note_stored(self, text: str) -> None:
        if self.notes_edit.toPlainText().strip() == text:
            self.notes_edit.blockSignals(True)
            self.notes_edit.clear()
            self.notes_edit.blockSignals(False)

    # ----- refresh ----------------------------------------------------------------------------------
    def show_view(self, view: Optional[CallView]) -> None:
        """Show the call's path, flags and THRIVE. Only what changed is touched: after an answer that is usually one
        row relabelled and one added, so the panel is not rebuilt (nor laid out again) for every answer."""
        if view is None:
            self._set_rows([])
            self._set_flags(None)
            self.thrive_rows.show_lines([], self.tr("Not assessed yet"))
            self.caller_label.setText("")
            self.decision_label.hide()
            return
        lang = self._lang = handler_language(view.language)  # the rows: Welsh in a Welsh call or interface
        self._show_caller_and_decision(view)
        rows: list[_Row] = []
        for row in view.path:
            spec = self._row_spec(row, lang)
            if spec is not None:
                rows.append(spec)
        added = self._set_rows(rows)
        self._set_flags(tuple(view.flags))
        self.thrive_rows.show_lines([(self._word(f.capitalize()), self._thrive_note(text)) for f, text in view.thrive],
                                    self.tr("Not assessed yet"))
        if added:
            self.path_list.scrollToBottom()

    def _set_flags(self, flags: Optional[tuple[str, ...]]) -> None:
        if self._flags_shown is not False and self._flags_shown == (flags, self._lang):
            return
        self._flags_shown = (flags, self._lang)  # drawn again on F7: the flags in the rows' language
        while self.flags_layout.count():
            w = self.flags_layout.takeAt(0).widget()
            if w is not None:
                w.hide()  # deleteLater alone would leave it painted under the new one until the next loop turn
                w.deleteLater()
        if flags is None:
            return
        if not flags:
            lab = WrapLabel(self.tr("None raised"))
            lab.setProperty("role", "muted")
            self.flags_layout.addWidget(lab)
            lab.show()
        for f in flags:
            lab = WrapLabel(self.tr("⚠ Flag: {flag}").format(flag=self._word(FLAGS.get(f, f))))
            lab.setProperty("role", "flag")
            self.flags_layout.addWidget(lab)
            lab.show()

    def _set_rows(self, rows: list["_Row"]) -> bool:
        """Make the list show `rows`, reusing the items already there; True if rows were added."""
        shown = self._rows_shown
        lst = self.path_list
        if len(shown) != lst.count():  # the list was changed from outside: start again
            lst.clear()
            shown = []
        keep = 0
        while keep < min(len(shown), len(rows)) and shown[keep] == rows[keep]:
            keep += 1
        while lst.count() > len(rows):
            lst.takeItem(lst.count() - 1)  # takeItem hands the item back to Python, which deletes it
        for i in range(keep, min(lst.count(), len(rows))):
            self._style_item(lst.item(i), rows[i])
        added = len(rows) > lst.count()
        for r in rows[lst.count():]:
            item = QListWidgetItem()
            self._style_item(item, r)
            lst.addItem(item)
        self._rows_shown = list(rows)
        return added

    def _row_spec(self, r: PathRow, lang: str = "en") -> Optional["_Row"]:
        """One row of the CallView's path, in words: (text, jump key, struck, bold, note); the step's title, the
        answer and the panel's own words in `lang` (English where the flow has no text in it)."""
        k = r.kind
        self._lang = lang
        say, w = self._say, self._word
        title, answer = r.title_in(lang), r.answer_in(lang)
        if k == "outcome":  # the services say the row's head in English
            head = (say(QT_TRANSLATE_NOOP("CallSidePanel", "Decision")) if r.text == "Decision"
                    else say(QT_TRANSLATE_NOOP("CallSidePanel", "Outcome")))
            return ("➜ " + head + f": {w(r.answer)}", None, False, True, False)
        if k in ("skipped", "not_asked_step"):
            why = say(QT_TRANSLATE_NOOP("CallSidePanel", "not asked ({why})")).format(why=w(r.reason))
            return (f"– {title} — " + why, None, False, False, False)
        if k == "changed":
            return (f"✗ {title} — {answer} " + say(QT_TRANSLATE_NOOP("CallSidePanel", "(changed)")),
                    None, True, False, False)
        if k == "not_asked":
            return (f"– {title} — " + say(QT_TRANSLATE_NOOP("CallSidePanel", "not asked (call ended)")),
                    None, False, False, False)
        if k == "current":
            return (f"▸ {title} — " + say(QT_TRANSLATE_NOOP("CallSidePanel", "on screen now")), None, False, True, False)
        if k == "answer":
            extra = []
            if r.volunteered:
                extra.append(say(QT_TRANSLATE_NOOP("CallSidePanel", "volunteered")))
            if r.by:
                extra.append(say(QT_TRANSLATE_NOOP("CallSidePanel", "by {who}")).format(who=r.by))
            if r.flags:
                extra.append(say(QT_TRANSLATE_NOOP("CallSidePanel", "⚠ flag: "))
                             + ", ".join(w(FLAGS.get(f, f)).lower() for f in r.flags))
            marker = "▸" if r.on_screen else "✓"
            text = f"{marker} {title} — {answer}" + (f"  ({'; '.join(extra)})" if extra else "")
            return (text, r.key, False, r.on_screen, False)
        if k == "off_path":
            return (f"✗ {title} — {answer} " + say(QT_TRANSLATE_NOOP("CallSidePanel", "(no longer on the path)")),
                    None, True, False, False)
        if k == "handover":
            return (say(QT_TRANSLATE_NOOP("CallSidePanel", "⇄ Handed over to {who} ({role})")).format(
                who=r.actor, role=w(ROLE_NAMES.get(r.role, r.role.replace('_', ' ')))), None, False, False, False)
        if k == "immediate_risk":
            return (say(QT_TRANSLATE_NOOP("CallSidePanel", "▲ IMMEDIATE RISK recorded by {who}: {reason}")).format(
                who=r.actor, reason=w(r.reason)), None, False, True, False)
        if k == "early_exit":
            return (say(QT_TRANSLATE_NOOP("CallSidePanel", "■ Ended early ({code}) by {who}: {reason}")).format(
                code=w(decision_words(r.code)), who=r.actor, reason=r.reason), None, False, True, False)
        if k == "override":
            return (say(QT_TRANSLATE_NOOP("CallSidePanel", "⚠ Outcome changed to {code} by {who}: {reason}")).format(
                code=w(decision_words(r.code)), who=r.actor, reason=r.reason), None, False, True, False)
        if k == "note":
            return (say(QT_TRANSLATE_NOOP("CallSidePanel", "✎ Note {time} by {who}: {text}")).format(
                time=local_time(r.wall), who=r.actor or "?", text=r.text), None, False, False, True)
        return None

    def _thrive_note(self, note: str) -> str:
        """A THRIVE note with its level ('Low: …', 'Medium: …', 'High: …') in the rows' language; the flows give the
        rest of the note in English only (the record keeps the English)."""
        head, sep, rest = note.partition(": ")
        if sep and head in THRIVE_LEVEL_WORDS:
            return self._say(head) + sep + rest
        return note

    def _say(self, text: object) -> str:
        """One of the panel's own words (a QT_TRANSLATE_NOOP, so lupdate extracts it) in the rows' language
        (`_lang`: Welsh in a Welsh call or interface)."""
        return in_language(self._lang, "CallSidePanel", str(text))

    def _word(self, text: str) -> str:
        """A vocabulary word in the rows' language."""
        return in_language(self._lang, "Vocab", text) if text else text

    def _show_caller_and_decision(self, view: CallView) -> None:
        if view.caller is not None:
            self.show_caller_view(view.caller)

    def show_caller_view(self, cv) -> None:
        """Who is calling, the decision and its time, the partners added after it (a CallerView)."""
        from .callers import decision_text

        self.caller_label.setText(self.tr("<b>Caller:</b> {caller}  <span>(Ctrl+T to change)</span>").format(
            caller=html.escape(self._word(cv.caller_label))))  # the call language's, as the rows' answers
        if cv.decision is None:
            self.decision_label.hide()
            return
        text = self.tr("<b>Decision:</b> {decision}").format(decision=html.escape(decision_text(cv, self._lang)))
        if cv.partners_added:
            text += "<br>" + self.tr("<b>Added after the decision:</b> ") + html.escape("; ".join(cv.partners_added_names))
        self.decision_label.setText(text)
        self.decision_label.show()

    def show_repeat(self, text: str) -> None:
        """The repeat-contact notice (this PC only), or nothing."""
        self.repeat_label.setText(("⚠ " + text) if text else "")
        self.repeat_label.setVisible(bool(text))

    def _style_item(self, item: QListWidgetItem, row: "_Row") -> None:
        text, key, struck, bold, note = row
        item.setText(text)
        item.setData(NOTE_ROLE, note)
        if struck or bold:
            f = QFont(self.path_list.font())
            f.setStrikeOut(struck)
            f.setBold(bold)
            item.setFont(f)
        else:
            item.setData(Qt.ItemDataRole.FontRole, None)  # the list's own font (follows a text-size change)
        item.setData(Qt.ItemDataRole.ForegroundRole, QBrush(QColor(theme.MUTED)) if struck else None)
        flags = item.flags() | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if key is not None:
            item.setData(JUMP_ROLE, key)
            item.setToolTip(self.tr("Press Enter or double-click to change this answer"))
        else:
            item.setData(JUMP_ROLE, None)
            item.setToolTip("")
            flags &= ~Qt.ItemFlag.ItemIsSelectable
        item.setFlags(flags)

    def note_rows(self) -> list[str]:
        return [self.path_list.item(i).text() for i in range(self.path_list.count())
                if self.path_list.item(i).data(NOTE_ROLE)]

    def on_path_list_item_activated(self, item: QListWidgetItem) -> None:
        key = item.data(JUMP_ROLE)
        if key:
            self.jump_chosen.emit(str(key[0]), str(key[1]))
