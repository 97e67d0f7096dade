"""OptionButtons: the keyed answer buttons of a question with options, reused from question to question.

The two answer kinds built on it are in `choice_answers.py`: one answer (yes/no, choice: radio buttons) and
several (multi: check boxes)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from triage_desktop.services import AnswerView, QuestionView

from .answer_button import AnswerButton

translate = QCoreApplication.translate


def shown_label(o: Any) -> str:
    """An option's label in the call language, with its English beside it in a Welsh call ("Ie — Yes")."""
    en = getattr(o, "label_en", "")
    return o.label if not en or en == o.label else f"{o.label}  —  {en}"


class OptionButtons(QWidget):
    """One big keyed button per option. Buttons are kept and relabelled rather than rebuilt for each question
    (building a styled button costs more than a frame); only the words and states that differ are set.

    The buttons sit in a grid of `columns` columns (1 by default). When a long list would fall below the fold
    (200 % text, a small screen) the question page asks for 2 or 3: the numbers then run down the first column
    and on down the next (reading and Tab order stay 1, 2, 3, …, "Don't know" last)."""

    chosen = Signal(object)  # the option's value (one-answer questions)
    #: the question kinds this widget shows
    kinds: tuple[str, ...] = ()
    #: the button each option gets
    button_class: type[AnswerButton] = AnswerButton

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.layout_ = QGridLayout(self)
        self.layout_.setContentsMargins(0, 4, 0, 4)
        self.layout_.setSpacing(8)
        self.columns = 1
        self.compact = False
        self._pool: list[AnswerButton] = []
        self.buttons: list[AnswerButton] = []  # the ones in use, in order
        self.values: list[str] = []
        self.labels: list[str] = []
        self.letters: list[str] = []
        self.kind = ""
        self._placed: tuple[int, int] = (-1, -1)  # (buttons in use, columns) the grid was last laid out for

    # ----- the pool and the grid --------------------------------------------------------------------------
    @property
    def pool_size(self) -> int:
        """How many buttons this box has made (shown or not)."""
        return len(self._pool)

    def _button(self, i: int) -> AnswerButton:
        while len(self._pool) <= i:
            n = len(self._pool)
            b = self.button_class("", "")
            b.setCheckable(True)  # a state a screen reader says: the ticked options, or the answer given earlier
            b.clicked.connect(lambda _=False, n=n: self.on_button_clicked(n))
            b.toggled.connect(lambda on, n=n: self.on_button_toggled(n, on))
            b.set_compact(self.compact)
            self.layout_.addWidget(b, n, 0)
            self._pool.append(b)
            self._placed = (-1, -1)
        return self._pool[i]

    def set_columns(self, columns: int, *, compact: bool = False) -> None:
        """Lay the buttons in use out in `columns` columns, filled top to bottom then left to right."""
        columns = max(1, min(columns, len(self.buttons) or 1))
        if compact != self.compact:
            self.compact = compact
            for b in self._pool:
                b.set_compact(compact)
            self.updateGeometry()
        if columns == self.columns and self._placed == (len(self.buttons), columns):
            return
        self.columns = columns
        self._place()

    def _place(self) -> None:
        if self._placed == (len(self.buttons), self.columns):
            return  # the same grid: nothing moves (a relabelled button asks for its new height by itself)
        self._placed = (len(self.buttons), self.columns)
        rows = -(-len(self.buttons) // self.columns) if self.buttons else 1
        for b in self._pool:
            self.layout_.removeWidget(b)
        for i, b in enumerate(self.buttons):
            self.layout_.addWidget(b, i % rows, i // rows)
        for i, b in enumerate(self._pool[len(self.buttons):], start=len(self.buttons)):
            self.layout_.addWidget(b, i, 0)  # hidden, out of the grid's way
        for c in range(max(3, self.layout_.columnCount())):
            self.layout_.setColumnStretch(c, 1 if c < self.columns else 0)
        self.layout_.invalidate()
        self.updateGeometry()  # the page's layout asks again (its cached height for this width is stale)

    # ----- showing a question -----------------------------------------------------------------------------
    def show_options(self, q: QuestionView, prev: Optional[AnswerView]) -> None:
        """Label one button per option of q; hide the rest."""
        self.kind = q.kind
        self.values = [o.value for o in q.options]
        self.labels = [shown_label(o) for o in q.options]
        self.letters = [o.key for o in q.options]  # Y / N / U where the answer means it (one rule, every question)
        self._begin(q, prev)
        self.buttons = []
        for i, o in enumerate(q.options):
            b = self._button(i)
            b.key_label.setText(o.key or str(i + 1))
            self._label(i, b, o.key or str(i + 1), prev)
            if b.isHidden():
                b.show()  # painted with the page, not one event-loop turn later
            self.buttons.append(b)
        self._end()
        for b in self._pool[len(q.options):]:
            if not b.isHidden():
                b.hide()
        self._place()

    def _begin(self, q: QuestionView, prev: Optional[AnswerView]) -> None:
        """Before the buttons are labelled (a kind's own state)."""

    def _end(self) -> None:
        """After the buttons are labelled."""

    def _label(self, i: int, b: AnswerButton, key: str, prev: Optional[AnswerView]) -> None:
        raise NotImplementedError

    @staticmethod
    def _set_checked(b: AnswerButton, on: bool) -> None:
        if b.isChecked() != on:
            b.blockSignals(True)
            b.setChecked(on)
            b.blockSignals(False)

    def clear(self) -> None:
        """No option buttons (another kind of question is on screen)."""
        self.kind, self.values, self.labels, self.buttons = "", [], [], []
        self.letters = []
        for b in self._pool:
            if not b.isHidden():
                b.hide()

    # ----- the handler's choice -----------------------------------------------------------------------------
    def on_button_clicked(self, i: int) -> None:
        """A button was pressed (by mouse, Space, or its shortcut through `click`)."""

    def on_button_toggled(self, i: int, on: bool) -> None:
        """A button's checked state changed."""

    def value_of(self, i: int) -> Any:
        return self.values[i] if i < len(self.values) else None
