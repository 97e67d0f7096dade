"""QuestionKeys: the question page's keys (numbers, Y / N / U, Enter, Alt+←/→, Alt+V/W/J/U), wherever focus is."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QPushButton, QToolButton

from .choice_answers import ChoiceAnswers

if TYPE_CHECKING:
    from triage_desktop.services import QuestionView

    from .answer_button import AnswerButton
    from .option_buttons import OptionButtons


class QuestionKeys:
    """Mixed into QuestionPage (a QWidget): window-wide shortcuts that press the page's own controls."""

    # what the page provides
    node: Optional["QuestionView"]
    answers_box: "OptionButtons"

    @property
    def answer_buttons(self) -> list["AnswerButton"]:
        """The option buttons on screen, in order."""
        return self.answers_box.buttons

    @property
    def _values(self) -> list[str]:
        return self.answers_box.values

    confirm_button: QPushButton
    back_button: QPushButton
    forward_button: QPushButton
    jump_button: QToolButton
    why_button: QToolButton
    volunteered_check: QCheckBox
    back_clicked: Any
    forward_clicked: Any
    on_confirm_button_clicked: Callable[[], None]
    on_unknown_button_clicked: Callable[[], None]

    def _shortcut(self, keys: str | QKeySequence, slot) -> QShortcut:
        sc = QShortcut(QKeySequence(keys), self)  # type: ignore[call-overload]
        sc.setContext(Qt.ShortcutContext.WindowShortcut)  # works wherever focus is (text boxes keep their keys)
        sc.activated.connect(slot)
        return sc

    def _make_shortcuts(self) -> None:
        for i in range(1, 10):
            self._shortcut(str(i), lambda i=i: self.press_number(i))
            self._shortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key(Qt.Key.Key_0 + i)),
                           lambda i=i: self.press_number(i))
        for letter, value in (("Y", "yes"), ("N", "no"), ("U", "unknown")):
            self._shortcut(letter, lambda v=value: self.press_yesno(v))
        self._shortcut("Alt+U", self.on_unknown_button_clicked)
        self._shortcut("Return", self.press_enter)
        self._shortcut("Enter", self.press_enter)
        self._shortcut("Alt+Left", self.on_back_shortcut_activated)
        self._shortcut("Alt+Right", self.on_forward_shortcut_activated)
        self._shortcut("Alt+V", self.volunteered_check.toggle)
        self._shortcut("Alt+W", self.why_button.toggle)
        self._shortcut("Alt+J", self.on_jump_shortcut_activated)

    def press_number(self, i: int) -> None:
        node = self.node
        if node is None or i > len(self.answer_buttons):
            return
        if node.kind in ("yesno", "choice") and i <= len(self._values):
            self._choose(i - 1)
        elif node.kind == "multi":
            self.answer_buttons[i - 1].click()  # ticks or unticks it

    def press_yesno(self, value: str) -> None:
        """Y / N / U: yes / no / don't know on every question that has that answer (yes/no and choice alike)."""
        letter = {"yes": "Y", "no": "N", "unknown": "U"}[value]
        if self.node is None or self.node.kind not in ("yesno", "choice"):
            return
        letters = self.answers_box.letters
        if letter in letters and letters.index(letter) < len(self.answer_buttons):
            self._choose(letters.index(letter))

    def _choose(self, i: int) -> None:
        """A one-answer question's key: the answer goes at once; the button is not pressed (ChoiceAnswers.choose)."""
        box = self.answers_box
        if isinstance(box, ChoiceAnswers):
            box.choose(i)
        else:
            self.answer_buttons[i].click()

    def press_enter(self) -> None:
        """Enter confirms a typed or ticked answer; on a focused button or list row it acts on that instead."""
        fw = QApplication.focusWidget()
        if isinstance(fw, (QPushButton, QToolButton)) and fw is not self.confirm_button and fw.isVisible():
            fw.click()
            return
        if isinstance(fw, QAbstractItemView):
            if fw.currentIndex().isValid():
                fw.activated.emit(fw.currentIndex())
            return
        if self.node is not None and self.node.kind in ("number", "text", "multi", "info"):
            self.on_confirm_button_clicked()

    def on_back_shortcut_activated(self) -> None:
        if self.back_button.isVisible() and self.back_button.isEnabled():
            self.back_clicked.emit()

    def on_forward_shortcut_activated(self) -> None:
        if self.forward_button.isVisible():
            self.forward_clicked.emit()

    def on_jump_shortcut_activated(self) -> None:
        if self.jump_button.isEnabled():
            self.jump_button.showMenu()
