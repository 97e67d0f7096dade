"""StartPage: between calls. New call, interrupted calls to resume, and the way to find an earlier call."""
from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Optional, Sequence

from PySide6.QtCore import QSize, Signal
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


class _LineLabel(QLabel):
    """A word-wrapped label that asks for the width of its words on one line. QLabel's own hint for wrapped text
    is a narrow guess (80 average characters at most, often a half or a quarter of that): beside a button and a
    stretch it would wrap on any screen. With this hint the words stay on one line where the row has room and wrap
    only where it has not (200 % text on 1366×768), shrinking towards QLabel's minimum, the longest word."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._line: tuple[str, str, int] = ("", "", 0)  # (text, font, width) of the last measure

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        key = (self.text(), self.font().key())
        if self._line[:2] != key:
            from PySide6.QtGui import QTextDocument

            doc = QTextDocument()  # the text as the label draws it (rich: the handler's name is bold)
            doc.setDefaultFont(self.font())
            doc.setDocumentMargin(0)
            doc.setHtml(self.text())
            self._line = (*key, math.ceil(doc.idealWidth()))
        m = self.contentsMargins()
        width = self._line[2] + m.left() + m.right() + 2 * max(self.margin(), 0)
        return QSize(max(width, self.minimumSizeHint().width()), max(hint.height(), self.heightForWidth(width)))


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
        self.title_label.setWordWrap(True)  # every line of the page wraps: 200 % text on 1366×768 (issue 12)
        a11y.text_label(self.title_label, self.tr("Status"))
        theme.apply_font(self.title_label, theme.SAY_FACTOR, bold=True)
        lay.addWidget(self.title_label)
        row = QHBoxLayout()
        # wraps: "Nobody is signed in…" on one line at 200 % text asked for 1508 px of a 1366 px screen (the window
        # grew past it); the button stays just after the words
        self.handler_label = _LineLabel()
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
        self.interrupted_list.setWordWrap(True)  # each call's description wraps (the rest is set with the first call)
        self._list_wraps = False
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

    def _wrap_list(self) -> None:
        """The interrupted calls' descriptions wrap instead of being cut off or scrolled sideways (200 % text, a
        narrow screen), as in ResumeDialog. Set with the first call listed: the `Qt` namespace is not built for the
        empty list of the first paint."""
        if self._list_wraps:
            return
        from PySide6.QtCore import Qt

        lst = self.interrupted_list
        lst.setTextElideMode(Qt.TextElideMode.ElideNone)
        lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lst.setResizeMode(QListWidget.ResizeMode.Adjust)
        self._list_wraps = True

    def show_interrupted(self, calls: Sequence[Any]) -> None:
        self.interrupted_list.clear()
        if calls:
            self._wrap_list()
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
