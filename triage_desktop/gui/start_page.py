"""StartPage: between calls. New call, interrupted calls to resume, and the way to find an earlier call."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Optional, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import a11y
from . import theme
from triage_desktop.core.vocab import ROLE_NAMES
from .draft_marks import training_banner_text
from .vocab_words import word


def _escape(text: str) -> str:
    """html.escape (quote=True) without importing html before the first paint."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#x27;"))


def _left(lay: QVBoxLayout, widget: QWidget) -> None:
    """Add `widget` at its own width on the left (what addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft) does),
    without naming `Qt`: the page is built before the first paint, and the first use of `Qt` builds its 93 Python
    enums (~12 ms)."""
    row = QHBoxLayout()  # a nested layout has no margins of its own
    row.addWidget(widget)
    row.addStretch(1)
    lay.addLayout(row)


class StartPage(QFrame):
    """The calm screen shown when no call is open.

    A QFrame (no frame drawn) rather than a plain QWidget subclass: the style sheet paints a frame's background
    itself (it gives a frame the styled-background attribute), which a QWidget subclass needs set by hand with
    `Qt.WidgetAttribute.WA_StyledBackground`."""

    new_call_clicked = Signal()
    resume_clicked = Signal(str)          # uuid
    history_clicked = Signal()
    change_handler_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("StartPage")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(48, 32, 48, 32)
        lay.setSpacing(14)
        self.training_label = QLabel(training_banner_text())  # the words History and Reports show too
        self.training_label.setProperty("role", "training")
        self.training_label.setWordWrap(True)
        self.training_label.hide()
        lay.addWidget(self.training_label)
        self.title_label = QLabel(self.tr("Ready for the next call"))
        a11y.text_label(self.title_label, self.tr("Status"))
        theme.apply_font(self.title_label, theme.SAY_FACTOR, bold=True)
        lay.addWidget(self.title_label)
        row = QHBoxLayout()
        self.handler_label = QLabel()
        a11y.text_label(self.handler_label, self.tr("Taking calls as"))
        row.addWidget(self.handler_label)
        self.change_handler_button = QPushButton(self.tr("Change…"))
        self.change_handler_button.setAutoDefault(True)  # Enter presses the focused button
        self.change_handler_button.setAccessibleName(self.tr("Change who is taking calls"))
        self.change_handler_button.clicked.connect(self.change_handler_clicked)
        row.addWidget(self.change_handler_button)
        row.addStretch(1)
        lay.addLayout(row)

        self.new_call_button = QPushButton(self.tr("Start a new call  (Ctrl+N)"))

        self.new_call_button.setAutoDefault(True)  # Enter presses the focused button
        self.new_call_button.setProperty("role", "primary")
        self.new_call_button.setAccessibleName(self.tr("Start a new call"))
        self.new_call_button.setMinimumHeight(56)
        theme.apply_font(self.new_call_button, theme.HEADLINE_FACTOR, bold=True)
        self.new_call_button.clicked.connect(self.new_call_clicked)
        _left(lay, self.new_call_button)
        hint = QLabel(self.tr("The first questions check for a risk to life and for crime. Press F9 at any point "
                      "if there is an immediate risk."))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        lay.addWidget(hint)

        self.interrupted_caption = QLabel(self.tr("Calls not finished"))
        self.interrupted_caption.setProperty("role", "caption")
        lay.addWidget(self.interrupted_caption)
        self.interrupted_list = QListWidget()
        self.interrupted_list.setAccessibleName(self.tr("Calls not finished"))
        self.interrupted_list.setMaximumHeight(140)
        self.interrupted_list.itemActivated.connect(self.on_interrupted_list_item_activated)
        lay.addWidget(self.interrupted_list)
        self.resume_button = QPushButton(self.tr("Resume selected call"))
        self.resume_button.setAutoDefault(True)  # Enter presses the focused button
        self.resume_button.setAccessibleName(self.tr("Resume selected call"))
        self.resume_button.clicked.connect(self.on_resume_button_clicked)
        _left(lay, self.resume_button)

        self.last_call_label = QLabel()
        self.last_call_label.setWordWrap(True)
        self.last_call_label.setProperty("role", "muted")
        self.last_call_label.hide()
        lay.addWidget(self.last_call_label)

        lay.addStretch(1)
        self.history_button = QPushButton(self.tr("Find an earlier call  (Ctrl+F)"))
        self.history_button.setAutoDefault(True)  # Enter presses the focused button
        self.history_button.setAccessibleName(self.tr("Find an earlier call"))
        self.history_button.clicked.connect(self.history_clicked)
        _left(lay, self.history_button)
        self.show_interrupted([])

    def show_ready(self, ready: bool) -> None:
        """While the call database and flows open (a second or so), say so and keep New call disabled."""
        self.title_label.setText(self.tr("Ready for the next call") if ready
                                 else self.tr("Opening the call database and flows…"))
        for w in (self.new_call_button, self.history_button, self.change_handler_button):
            w.setEnabled(ready)

    def show_handler(self, handler_id: str, role: str, since: Optional[_dt.datetime] = None) -> None:
        """Who is signed in (every step of the next call is theirs), and since when."""
        if handler_id:
            at = self.tr(", signed in at {time}").format(time=f"{since:%H:%M}") if since is not None else ""
            self.handler_label.setText(self.tr("Taking calls as <b>{role} {handler}</b>{at}").format(
                role=_escape(word(ROLE_NAMES.get(role, role))), handler=_escape(handler_id), at=at))
            self.change_handler_button.setText(self.tr("Change…"))
        else:
            self.handler_label.setText(self.tr("Nobody is signed in to take calls. You will be asked who you are "
                                               "when you start a call."))
            self.change_handler_button.setText(self.tr("Sign in…"))

    def show_training(self, on: bool) -> None:
        self.training_label.setVisible(on)

    def show_interrupted(self, calls: Sequence[Any]) -> None:
        self.interrupted_list.clear()
        for c in calls:
            from PySide6.QtCore import Qt  # not for an empty list (the first paint)

            from .resume_dialog import describe_interrupted

            item = QListWidgetItem(describe_interrupted(c, as_question=False))
            item.setData(Qt.ItemDataRole.UserRole, c.uuid)
            self.interrupted_list.addItem(item)
        if calls:
            self.interrupted_list.setCurrentRow(0)
        for w in (self.interrupted_caption, self.interrupted_list, self.resume_button):
            w.setVisible(bool(calls))

    def show_last_call(self, text: str) -> None:
        self.last_call_label.setText(text)
        self.last_call_label.setVisible(bool(text))

    def on_resume_button_clicked(self) -> None:
        from PySide6.QtCore import Qt

        item = self.interrupted_list.currentItem()
        if item is not None:
            self.resume_clicked.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def on_interrupted_list_item_activated(self, item: QListWidgetItem) -> None:
        from PySide6.QtCore import Qt

        self.resume_clicked.emit(str(item.data(Qt.ItemDataRole.UserRole)))
