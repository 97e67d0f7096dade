"""A mandatory reason (immediate risk, early exit, override, addendum), with preset reasons on the number keys."""
from __future__ import annotations

from typing import Optional, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from . import a11y
from .dialog_kit import fit_wrapped, ok_cancel_buttons


class ReasonDialog(a11y.NamedDialog):
    """Asks for a mandatory reason (immediate risk, early exit, override, addendum).

    By keyboard: the preset reasons are on the number keys (1-5, while the reason box is not being typed in);
    Enter sends once there is a reason (in the box too: Shift+Enter starts a new line); Esc cancels."""

    reason_edit: QPlainTextEdit

    def __init__(self, parent: Optional[QWidget] = None, *, title: str, prompt: str, ok_text: str = "",
                 suggestions: Sequence[str] = ()):
        super().__init__(parent)
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        lab = QLabel(prompt)
        lab.setWordWrap(True)
        lay.addWidget(lab)
        self.suggestion_buttons: list[QPushButton] = []
        for i, s in enumerate(suggestions[:5], 1):
            b = QPushButton(f"{i}: {s}")
            b.setAccessibleName(f"{i}: {s} (use this reason, shortcut {i})")  # the name carries what is shown
            b.setAutoDefault(False)  # Enter sends the reason; it never re-picks the focused preset
            b.clicked.connect(lambda _=False, i=i: self.choose_suggestion(i))
            lay.addWidget(b)
            self.suggestion_buttons.append(b)
            sc = QShortcut(QKeySequence(str(i)), self)  # a text box being typed in keeps its digits
            sc.activated.connect(lambda i=i: self.choose_suggestion(i))
            sck = QShortcut(QKeySequence(Qt.KeyboardModifier.KeypadModifier | Qt.Key(Qt.Key.Key_0 + i)), self)
            sck.activated.connect(lambda i=i: self.choose_suggestion(i))
        self.suggestions = list(suggestions[:5])
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.installEventFilter(self)
        lay.addWidget(self.reason_edit)
        self.button_box = ok_cancel_buttons(self, ok_text)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        lay.addWidget(self.button_box)
        self.reason_edit.textChanged.connect(self.on_reason_edit_text_changed)
        self.on_reason_edit_text_changed()
        (self.suggestion_buttons[0] if self.suggestion_buttons else self.reason_edit).setFocus()
        fit_wrapped(self)

    def choose_suggestion(self, i: int) -> None:
        """Preset reason i (1-based) goes into the box; focus moves to the send button (Enter sends)."""
        if 1 <= i <= len(self.suggestions):
            self.reason_edit.setPlainText(self.suggestions[i - 1])
            self.ok_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (obj is self.reason_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            if self.reason():
                self.accept()
            return True  # Enter never adds a blank line; Shift+Enter does
        return super().eventFilter(obj, event)

    def on_reason_edit_text_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, prompt: str, ok_text: str = "",
            suggestions: Sequence[str] = ()) -> Optional[str]:
        d = cls(parent, title=title, prompt=prompt, ok_text=ok_text, suggestions=suggestions)
        return d.reason() if d.exec() == QDialog.DialogCode.Accepted else None
