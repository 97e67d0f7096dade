"""WrapLabel: a word-wrapped QLabel that remembers its height for each width until its words or font change."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

from .kept import Kept

#: the events after which the height for a width may differ (words are handled in setText)
_RESET = {QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ContentsRectChange,
          QEvent.Type.LayoutDirectionChange}

#: heights measured for any label, by everything QLabel's height for a width depends on (the words, their format,
#: the font, the frame, the margins and indent, the width): a label given the words of a question asked earlier in
#: the shift needs no new text layout
_SHARED: Kept[tuple, int] = Kept(4096)


class WrapLabel(QLabel):
    """QLabel lays its text out afresh for every `heightForWidth` a layout pass asks, and a pass asks several times,
    at a few widths (a rich-text label does it through a whole QTextDocument). On the call screen that was about a
    fifth of the GUI thread's work per answer (callgrind, issue 14). Here the answer for each width is kept until the
    words, the format, the font, the margins or the style change; everything else is QLabel's own."""

    def __init__(self, text: str = "", parent: Optional[QWidget] = None):
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._hfw: Kept[int, int] = Kept(33)  # this label's heights by width, for its words now
        self._hfw_text = ""

    def _forget(self) -> None:
        self._hfw.clear()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt)
        text = self.text()
        if text != self._hfw_text:
            self._hfw_text = text
            self._hfw.clear()
        return self._hfw.get(width, lambda: _SHARED.get(self._shared_key(width, text),
                                                          lambda: super(WrapLabel, self).heightForWidth(width)))

    def _shared_key(self, width: int, text: str) -> tuple:
        """Everything QLabel's height for `width` depends on."""
        m = self.contentsMargins()
        return (width, text, self.textFormat(), self.font().key(), self.frameWidth(), self.margin(), self.indent(),
                m.left(), m.top(), m.right(), m.bottom(), self.layoutDirection(), self.wordWrap())

    def setTextFormat(self, fmt: Any) -> None:  # noqa: N802 (Qt)
        self._forget()
        super().setTextFormat(fmt)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 (Qt)
        if hasattr(self, "_hfw"):
            self._forget()
        super().setWordWrap(on)

    def setMargin(self, margin: int) -> None:  # noqa: N802 (Qt)
        self._forget()
        super().setMargin(margin)

    def setIndent(self, indent: int) -> None:  # noqa: N802 (Qt)
        self._forget()
        super().setIndent(indent)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() in _RESET:
            self._forget()
        super().changeEvent(event)
