"""OptionButtons: the answer buttons of a yes/no, choice or multi question, reused from question to question."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from triage_desktop.services import AnswerView, QuestionView

from . import theme
from .answer_button import AnswerButton

translate = QCoreApplication.translate


def shown_label(o: Any) -> str:
    """An option's label in the call language, with its English beside it in a Welsh call ("Ie — Yes")."""
    en = getattr(o, "label_en", "")
    return o.label if not en or en == o.label else f"{o.label}  —  {en}"


class OptionButtons(QWidget):
    """One big keyed button per option. Buttons are kept and relabelled rather than rebuilt for each question
    (building a styled button costs more than a frame); a multi question's buttons tick instead of answering.

    The buttons sit in a grid of `columns` columns (1 by default). When a long list would fall below the fold
    (200 % text, a small screen) the question page asks for 2 or 3: the numbers then run down the first column
    and on down the next (reading and Tab order stay 1, 2, 3, …, "Don't know" last)."""

    chosen = Signal(object)  # the option's value (yes/no and choice questions)

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
        self.ticked: set[str] = set()

    def _button(self, i: int) -> AnswerButton:
        while len(self._pool) <= i:
            n = len(self._pool)
            b = AnswerButton("", "")
            b.clicked.connect(lambda _=False, n=n: self.on_button_clicked(n))
            b.toggled.connect(lambda on, n=n: self.on_button_toggled(n, on))
            b.set_compact(self.compact)
            self.layout_.addWidget(b, n, 0)
            self._pool.append(b)
        return self._pool[i]

    def set_columns(self, columns: int, *, compact: bool = False) -> None:
        """Lay the buttons in use out in `columns` columns, filled top to bottom then left to right."""
        columns = max(1, min(columns, len(self.buttons) or 1))
        if compact != self.compact:
            self.compact = compact
            for b in self._pool:
                b.set_compact(compact)
            self.updateGeometry()
        if columns == self.columns and all(self.layout_.indexOf(b) >= 0 for b in self.buttons):
            return
        self.columns = columns
        self._place()

    def _place(self) -> None:
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

    def show_options(self, q: QuestionView, prev: Optional[AnswerView]) -> None:
        """Label one button per option of q (yes/no, choice or multi); hide the rest."""
        self.kind = q.kind
        self.values = [o.value for o in q.options]
        self.labels = [shown_label(o) for o in q.options]
        self.letters = [o.key for o in q.options]  # Y / N / U where the answer means it (one rule, every question)
        multi = q.kind == "multi"
        self.ticked = set(prev.value if prev is not None and multi and prev.value else [])
        self.buttons = []
        for i, o in enumerate(q.options):
            b = self._button(i)
            n = i + 1
            key = o.key or str(n)
            b.blockSignals(True)
            current = not multi and prev is not None and prev.value == o.value
            b.setCheckable(True)  # a state a screen reader says: the ticked options, or the answer given earlier
            b.setChecked(o.value in self.ticked if multi else current)
            b.blockSignals(False)
            b.key_label.setText(key)
            label = self.labels[i]
            if multi:
                self._label_multi(i)
                b.setAccessibleName(translate("OptionButtons", "{label} (shortcut {key} toggles)").format(label=label, key=n))
            else:
                b.setText(label + (translate("OptionButtons", "  ✓ current") if current else ""))
                shortcut = translate("OptionButtons", "{key} or {n}").format(key=key, n=n) if key != str(n) else key
                b.setAccessibleName(translate("OptionButtons", "{label} (shortcut {key})").format(label=label,
                                                                                                key=shortcut))
            if b.property("current") != ("true" if current else "false"):
                b.setProperty("current", "true" if current else "false")
                theme.restyle(b)  # the thicker border's box too, not only its colour
            b.show()  # painted with the page, not one event-loop turn later
            self.buttons.append(b)
        for b in self._pool[len(q.options):]:
            b.hide()
        self._place()

    def clear(self) -> None:
        """No option buttons (typed answers and info steps)."""
        self.kind, self.values, self.labels, self.buttons, self.ticked = "", [], [], [], set()
        self.letters = []
        for b in self._pool:
            b.hide()

    def _label_multi(self, i: int) -> None:
        on = self.values[i] in self.ticked
        self.buttons_or_pool(i).setText(f"{'☑' if on else '☐'}  {self.labels[i]}" + (translate("OptionButtons", "  (ticked)") if on else ""))

    def buttons_or_pool(self, i: int) -> AnswerButton:
        return self._pool[i]

    def ticked_values(self) -> list[str]:
        """The ticked options of a multi question, in on-screen order."""
        return [v for v in self.values if v in self.ticked]

    def on_button_clicked(self, i: int) -> None:
        if i < len(self.values) and self.kind in ("yesno", "choice"):
            for j, b in enumerate(self.buttons):  # the chosen one is checked, the others not (one answer)
                b.blockSignals(True)
                b.setChecked(j == i)
                b.blockSignals(False)
            self.chosen.emit(self.values[i])

    def on_button_toggled(self, i: int, on: bool) -> None:
        if i >= len(self.values) or self.kind != "multi":
            return
        (self.ticked.add if on else self.ticked.discard)(self.values[i])
        self._label_multi(i)

    def value_of(self, i: int) -> Any:
        return self.values[i] if i < len(self.values) else None
