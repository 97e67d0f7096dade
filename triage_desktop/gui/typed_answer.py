"""TypedAnswer: the answer kinds typed into a box (number, free text), and what Enter does with the words typed."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from triage_desktop.services import AnswerView, QuestionView

from . import theme
from .i18n import handler_language

translate = QCoreApplication.translate

def shown_unit(node: QuestionView) -> str:
    """A number's unit as the handler reads it beside the box ('munud' in a Welsh call or interface)."""
    return node.unit_in(handler_language(node.lang))


UNKNOWN_WORDS = {"u", "unknown", "?", "not known", "dk", "ddim yn gwybod", "ddim yn hysbys"}  # U in Welsh too


class TypedAnswer(QObject):
    """The box, its unit and the rules for a number or a text answer.

    Not a QWidget of its own: the box must stay a sibling of the question's words (a row of the page's layout,
    `row`), since Qt finds the label of a widget (the labelled-by relation a screen reader follows, through the
    label's buddy) among that widget's siblings."""

    typing_again = Signal()  # typed after "nothing is typed": the question about a blank answer is withdrawn

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.answer_edit = QLineEdit()
        self.answer_edit.setAccessibleName(translate("QuestionPage", "Answer"))  # and the question as its description (show)
        self.answer_edit.setMinimumWidth(240)
        self.answer_edit.textEdited.connect(self.on_answer_edit_text_edited)
        theme.apply_font(self.answer_edit, theme.BUTTON_FACTOR)
        self.row.addWidget(self.answer_edit, 1)
        self.unit_label = QLabel()
        theme.apply_font(self.unit_label, theme.BUTTON_FACTOR)
        self.row.addWidget(self.unit_label)
        self._typed: dict[tuple[str, str], str] = {}  # typed answers handed on, by question (this call only)
        self._blank_confirmed: Optional[tuple[str, str]] = None  # the text question where Enter on blank was asked

    def reset(self) -> None:
        """A new or resumed call: nothing typed yet."""
        self._typed = {}
        self._blank_confirmed = None

    def new_question(self) -> None:
        self._blank_confirmed = None

    def set_visible(self, on: bool, node: Optional[QuestionView] = None) -> None:
        self.answer_edit.setVisible(on)
        self.unit_label.setVisible(on and node is not None and bool(shown_unit(node)))
        if not on:
            self.answer_edit.setAccessibleDescription("")

    def show(self, node: QuestionView, prev: Optional[AnswerView]) -> str:
        """Fill the box for `node` (the answer given earlier, or what was typed before a failed write); returns the
        hint to show under it."""
        self.set_visible(True, node)
        self.answer_edit.setAccessibleDescription(node.say)  # focus lands here: read with the question's words
        if prev is not None and prev.value is not None:
            self.answer_edit.setText(str(prev.value) if prev.value != "unknown" else "unknown")
        else:  # back on a question whose answer was not saved (a failed write): what was typed comes back
            self.answer_edit.setText(self._typed.get(node.key, ""))
        unit = shown_unit(node)
        self.unit_label.setText(unit)
        if node.kind == "number":
            self.answer_edit.setAccessibleName(translate("QuestionPage", "Answer in {unit}").format(unit=unit) if unit
                                               else translate("QuestionPage", "Answer (a number)"))
            return translate("QuestionPage", "Type a number and press Enter.") + (translate("QuestionPage", " Type U or press Alt+U if not known.")
                                                            if node.has_unknown else "")
        self.answer_edit.setAccessibleName(translate("QuestionPage", "Answer (free text)"))
        return translate("QuestionPage", "Type the answer as given and press Enter.")

    def take(self, node: QuestionView) -> tuple[Optional[str], Any]:
        """Enter on a typed answer: (None, the value to record) or (what is wrong, None)."""
        text = self.answer_edit.text().strip()
        self._typed[node.key] = text
        if node.kind == "number":
            if not text:
                return (translate("QuestionPage", "Type a number first, or U if it is not known.") if node.has_unknown
                        else translate("QuestionPage", "Type a number first.")), None
            return None, ("unknown" if text.lower() in UNKNOWN_WORDS and node.has_unknown else text)
        if not text and self._blank_confirmed != node.key:
            # an empty answer is asked about first: Enter again records it as left blank
            self._blank_confirmed = node.key
            return ("nothing is typed. Press Enter again to leave this answer blank, or type the answer as given."), None
        self._blank_confirmed = None
        return None, text

    def on_answer_edit_text_edited(self, _text: str) -> None:
        if self._blank_confirmed is not None:
            self._blank_confirmed = None  # typing again: a later empty Enter asks again
            self.typing_again.emit()
