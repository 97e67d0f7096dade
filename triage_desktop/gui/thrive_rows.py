"""ThriveRows: the side panel's THRIVE so far, each dimension's name in bold beside its note."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from . import a11y, theme
from .wrap_label import WrapLabel


class ThriveRows(QWidget):
    """Plain-text labels in a grid, kept and relabelled. It was one rich-text label ("<b>Threat</b>: …<br>…"), which
    Qt measures through a whole QTextDocument: about 1.3 ms of the GUI thread every time a note was added, in about
    one answer in six (issue 14)."""

    def __init__(self, empty: str, heading: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._heading = heading
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(1, 1)
        self.empty_label = WrapLabel(empty)
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        a11y.text_label(self.empty_label, heading)
        self.grid.addWidget(self.empty_label, 0, 0, 1, 2)
        self._rows: list[tuple[QLabel, WrapLabel]] = []
        self._shown: tuple[tuple[tuple[str, str], ...], str] = ((), empty)

    def show_lines(self, lines: list[tuple[str, str]], empty: str) -> None:
        """(dimension, note) per line; `empty` when there are none. Only what differs is touched."""
        shown = (tuple(lines), empty)
        if shown == self._shown:
            return
        self._shown = shown
        while len(self._rows) < len(lines):
            n = len(self._rows) + 1
            name = QLabel()
            name.setTextFormat(Qt.TextFormat.PlainText)
            theme.apply_font(name, 1.0, bold=True)
            note = WrapLabel()
            note.setTextFormat(Qt.TextFormat.PlainText)
            a11y.text_label(note, self._heading, caption=name)  # read as its note, labelled by the dimension
            self.grid.addWidget(name, n, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.grid.addWidget(note, n, 1)
            self._rows.append((name, note))
        for i, (name, note) in enumerate(self._rows):
            on = i < len(lines)
            if on:
                dim, text = lines[i]
                if name.text() != dim + ":":
                    name.setText(dim + ":")
                if note.text() != text:
                    note.setText(text)
            if name.isHidden() == on:
                name.setVisible(on)
                note.setVisible(on)
        if self.empty_label.text() != empty:
            self.empty_label.setText(empty)
        self.empty_label.setVisible(not lines)

    def text(self) -> str:
        """What the rows say, a line each ("Threat: Low: …"), or the words for none."""
        lines, empty = self._shown
        return "\n".join(f"{dim}: {note}" for dim, note in lines) or empty
