"""The two answer kinds with option buttons: one answer (yes/no, choice) and several (multi).

A screen reader meets the one-answer buttons as radio buttons (role RadioButton, "checked" on the answer given
earlier; see `RadioAnswerButton`) and the several-answer ones as check boxes (Qt's role for a checkable button:
CheckBox, "checked" on each ticked option)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

from triage_desktop.services import AnswerView, QuestionView

from . import a11y, theme
from .answer_button import AnswerButton, RadioAnswerButton
from .option_buttons import OptionButtons

translate = QCoreApplication.translate


def _set_name(b: AnswerButton, name: str) -> None:
    if b.accessibleName() != name:
        b.setAccessibleName(name)


def _set_current(b: AnswerButton, current: bool) -> None:
    """The answer given earlier keeps a thicker border (a style property: the rule is applied in full)."""
    want = "true" if current else "false"
    if b.property("current") != want:
        b.setProperty("current", want)
        theme.restyle(b)  # the thicker border's box too, not only its colour


class ChoiceAnswers(OptionButtons):
    """Yes/no and choice questions: pressing an option (its number, Y / N / U, a click) answers at once."""

    kinds = ("yesno", "choice")

    button_class = RadioAnswerButton  # role RadioButton for a screen reader (a11y.RadioButtonAccessible)

    #: An answer chosen by its key is marked on its button only if the next question has not come up by then (the
    #: worker busy with a backup, say). Marking it at once was a paint pass of its own on most answers, before the
    #: next question's and while the worker was working that question out (issue 14: 3-6 % of key to painted).
    MARK_AFTER_MS = 50

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        a11y.install_accessible_factories()
        self._chosen = -1
        self.mark_timer = QTimer(self)
        self.mark_timer.setSingleShot(True)
        self.mark_timer.setInterval(self.MARK_AFTER_MS)
        self.mark_timer.timeout.connect(self.on_mark_timer_timeout)

    def _begin(self, q: QuestionView, prev: Optional[AnswerView]) -> None:
        self.mark_timer.stop()  # another question (or the same one again) is shown: its own marks

    def clear(self) -> None:
        self.mark_timer.stop()
        super().clear()

    def _end(self) -> None:
        for b in self._pool[len(self.buttons):]:
            self._set_checked(b, False)

    def _label(self, i: int, b: AnswerButton, key: str, prev: Optional[AnswerView]) -> None:
        n = i + 1
        label = self.labels[i]
        current = prev is not None and prev.value == self.values[i]
        self._set_checked(b, current)
        b.setText(label + (translate("OptionButtons", "  ✓ current") if current else ""))
        shortcut = translate("OptionButtons", "{key} or {n}").format(key=key, n=n) if key != str(n) else key
        _set_name(b, translate("OptionButtons", "{label} (shortcut {key})").format(label=label, key=shortcut))
        _set_current(b, current)

    def on_button_clicked(self, i: int) -> None:
        if i < len(self.values):
            self._mark(i)
            self.chosen.emit(self.values[i])

    def choose(self, i: int) -> None:
        """Answer i chosen by its key (a number, Y / N / U): answered now; marked on its button after
        MARK_AFTER_MS if this question is still on screen then."""
        if i < len(self.values):
            self._chosen = i
            self.mark_timer.start()
            self.chosen.emit(self.values[i])

    def on_mark_timer_timeout(self) -> None:
        if self.isVisible() and self._chosen < len(self.buttons):
            self._mark(self._chosen)

    def _mark(self, i: int) -> None:
        for j, b in enumerate(self.buttons):  # the chosen one is checked, the others not (one answer)
            self._set_checked(b, j == i)


class MultiAnswers(OptionButtons):
    """Multi questions: the numbers tick and untick options; Enter confirms the ticked ones."""

    kinds = ("multi",)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.ticked: set[str] = set()

    def _begin(self, q: QuestionView, prev: Optional[AnswerView]) -> None:
        self.ticked = set(prev.value if prev is not None and prev.value else [])

    def _label(self, i: int, b: AnswerButton, key: str, prev: Optional[AnswerView]) -> None:
        self._set_checked(b, self.values[i] in self.ticked)
        self._label_multi(i)
        _set_name(b, translate("OptionButtons", "{label} (shortcut {key} toggles)").format(label=self.labels[i],
                                                                                           key=i + 1))
        _set_current(b, False)

    def _label_multi(self, i: int) -> None:
        on = self.values[i] in self.ticked
        self._pool[i].setText(f"{'☑' if on else '☐'}  {self.labels[i]}"
                              + (translate("OptionButtons", "  (ticked)") if on else ""))

    def clear(self) -> None:
        super().clear()
        self.ticked = set()

    def hint(self, q: QuestionView) -> str:
        """What the keys do, under the options."""
        return (translate("QuestionPage", "Press the numbers to tick every option that applies, then Enter.")
                + (translate("QuestionPage", " Enter with nothing ticked means none of these.") if q.allow_none
                   else ""))

    def ticked_values(self) -> list[str]:
        """The ticked options, in on-screen order."""
        return [v for v in self.values if v in self.ticked]

    def on_button_toggled(self, i: int, on: bool) -> None:
        if i >= len(self.values):
            return
        (self.ticked.add if on else self.ticked.discard)(self.values[i])
        self._label_multi(i)
