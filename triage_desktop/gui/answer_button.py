"""AnswerButton: a big answer button whose label wraps (so long answers still fit at 200 % text)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from . import theme


class AnswerButton(QPushButton):
    """A QPushButton drawn by two labels: the shortcut key and the answer text (word-wrapped)."""

    def __init__(self, key: str, text: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setProperty("role", "answer")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(14)
        self.key_label = QLabel(key)
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        for lab in (self.key_label, self.text_label):
            lab.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # transparent: the theme's rule
            theme.apply_font(lab, theme.BUTTON_FACTOR, bold=lab is self.key_label)
        lay.addWidget(self.key_label, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.text_label, 1, Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(48)
        self.compact = False

    def set_compact(self, compact: bool) -> None:
        """Tighter margins and body-size words (a long list in a grid on a small screen or at 200 % text)."""
        if compact != self.compact:
            self.compact = compact
            self.layout().setContentsMargins(*((12, 4, 12, 4) if compact else (16, 10, 16, 10)))
            for lab in (self.key_label, self.text_label):  # body size (still 200 % at 200 % text), not 1.2×
                theme.apply_font(lab, 1.0 if compact else theme.BUTTON_FACTOR, bold=lab is self.key_label)
            self.setMinimumHeight(self._min_height())
            self.layout().invalidate()
            self.layout().activate()  # placed now: a resize in this event-loop turn then moves the labels too
            self.updateGeometry()

    def _min_height(self) -> int:
        return 36 if self.compact else 48

    # the visible text lives in the labels; text() answers for it (tests, accessibility fall-back)
    def text(self) -> str:  # type: ignore[override]
        return f"{self.key_label.text()}   {self.text_label.text()}"

    def setText(self, text: str) -> None:  # type: ignore[override]
        self.text_label.setText(text)

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint().expandedTo(QSize(0, self._min_height()))

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize().expandedTo(QSize(0, self._min_height()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._min_height(), self.layout().totalHeightForWidth(width))
