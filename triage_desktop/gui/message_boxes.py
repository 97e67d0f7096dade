"""Message boxes in plain words: a yes/no question (ConfirmDialog) and what went wrong (ErrorDialog)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class ConfirmDialog:
    """A yes/no question with plain words on the buttons."""

    @classmethod
    def build(cls, parent: Optional[QWidget], *, title: str, text: str, yes: str, no: str = "Cancel",
              default_yes: bool = True) -> tuple[QMessageBox, QPushButton]:
        """The box and its yes button. Enter presses the default (yes unless default_yes is False); Esc says no."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        y = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        n = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(y if default_yes else n)
        box.setEscapeButton(n)
        return box, y

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, text: str, yes: str, no: str = "Cancel",
            default_yes: bool = True) -> bool:
        box, y = cls.build(parent, title=title, text=text, yes=yes, no=no, default_yes=default_yes)
        box.exec()
        return box.clickedButton() is y


class ErrorDialog:
    """What happened, what is safe, what to do next. Never a traceback."""

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, what: str, safe: str, next_step: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, what, QMessageBox.StandardButton.Ok, parent)
        more = f"{safe}\n\n{next_step}".strip()
        if more:
            box.setInformativeText(more)
        box.exec()
