"""RadioButtonAccessible: a one-answer button as a screen reader is told of it (installed by
a11y.install_accessible_factories; apart from a11y.py so the first window is painted without Qt's accessibility
classes)."""
from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QWidget


class RadioButtonAccessible(QAccessibleWidget):
    """What a screen reader is told about a one-answer button (`RadioAnswerButton`): a radio button, checked when
    it is the answer given earlier, named by its accessible name, pressed by the Press action. (Qt would call a
    checkable push button a check box, and a radio only if it were auto-exclusive: see RadioAnswerButton.)"""

    def __init__(self, widget: QWidget):
        super().__init__(widget, QAccessible.Role.RadioButton)

    def button(self) -> QAbstractButton:
        w = self.widget()
        assert isinstance(w, QAbstractButton)
        return w

    def state(self) -> QAccessible.State:
        s = super().state()
        s.checkable = True
        s.checked = self.button().isChecked()
        return s

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            b = self.button()
            return b.accessibleName() or b.text()
        return super().text(t)

    def actionNames(self) -> list[str]:  # noqa: N802 (Qt)
        return [QAccessibleActionInterface.pressAction(), *super().actionNames()]

    def doAction(self, name: str) -> None:  # noqa: N802 (Qt)
        if name == QAccessibleActionInterface.pressAction():
            self.button().click()
        else:
            super().doAction(name)
