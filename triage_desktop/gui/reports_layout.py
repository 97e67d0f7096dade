"""The Reports window's reflowing parts: one figure's page (title, chart and table, notes) that stacks the chart
above the table when the text is large, and a row of picker groups that breaks into one row per group."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from .reports_table import figure_table


class FigurePage(QWidget):
    """One figure's tab: title, chart and table side by side, notes below, in a vertical scroll area. When the text
    is large for the width (200 % text) the chart goes above the table (each full width) and the page scrolls down
    rather than squeezing the chart until its axes and legend are elided; nothing ever scrolls sideways.

    The title, the table (a model: nothing per cell) and the notes are made with the page; the chart is added later
    (add_chart), so no single step of the GUI thread builds a chart and a long table."""

    #: side by side only when the page is at least this many average characters wide
    SIDE_BY_SIDE_CHARS = 100

    def __init__(self, fig: Any) -> None:
        super().__init__()
        self.figure = fig
        self.charted = False  # a chart has been asked for (it is added on a later turn of the event loop)
        self.setObjectName(f"figure_{fig.key}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table inside takes the focus, not the page
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName(f"split_{fig.key}")
        self.split.setChildrenCollapsible(False)
        self.table = figure_table(fig.key, fig.title, fig.columns, fig.rows)
        self.split.addWidget(self.table)
        title = QLabel(f"<b>{fig.title}</b>")
        title.setWordWrap(True)
        title.setObjectName(f"title_{fig.key}")
        self.body.addWidget(title)
        self.body.addWidget(self.split, 1)
        for note in fig.notes:
            label = QLabel(note)
            label.setWordWrap(True)
            self.body.addWidget(label)
        self.scroll_area.setWidget(content)
        outer.addWidget(self.scroll_area)

    def add_chart(self, view: QWidget) -> None:
        """The chart goes before the table (left of it, or above it when stacked), the two sharing the room."""
        self.split.insertWidget(0, view)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        line = self.fontMetrics().lineSpacing()
        side = event.size().width() >= self.SIDE_BY_SIDE_CHARS * self.fontMetrics().averageCharWidth()
        self.split.setOrientation(Qt.Orientation.Horizontal if side else Qt.Orientation.Vertical)
        # room for a chart's axes and legend: 16 lines of text side by side, 16 + 8 for the table when stacked
        self.split.setMinimumHeight(max(260, line * (16 if side else 24)))
        super().resizeEvent(event)


class ReflowingGroups(QWidget):
    """Groups of controls in one row when they fit, one row per group when they do not (e.g. at 200 % text): the
    layout reflows instead of clipping or making the window wider than the screen."""

    def __init__(self, groups: tuple[tuple[QWidget, ...], ...], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_pickers")
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.rows: list[QHBoxLayout] = []
        for group in groups:
            row = QHBoxLayout()
            for w in group:
                row.addWidget(w)
            self.rows.append(row)
            self.box.addLayout(row)
            self.box.setAlignment(row, Qt.AlignmentFlag.AlignLeft)
        self.box.addStretch(1)
        self.setMinimumWidth(max(r.minimumSize().width() for r in self.rows))

    def one_row_width(self) -> int:
        return sum(r.sizeHint().width() for r in self.rows) + self.box.spacing() * (len(self.rows) - 1)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        wanted = (QBoxLayout.Direction.LeftToRight if event.size().width() >= self.one_row_width()
                  else QBoxLayout.Direction.TopToBottom)
        if self.box.direction() != wanted:
            self.box.setDirection(wanted)
        super().resizeEvent(event)
