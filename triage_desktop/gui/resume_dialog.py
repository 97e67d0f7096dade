"""Offering an interrupted call for resumption (ResumeDialog), and the one line that describes such a call."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from triage_desktop.services import parse_utc as parse_started

from . import a11y
from .dialog_kit import ok_cancel_buttons
from .time_words import local_time

translate = QCoreApplication.translate


class ResumeDialog(a11y.NamedDialog):
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
        self.button_box = ok_cancel_buttons(self, self.tr("Resume call"))
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
