"""A figure's table as a QAbstractTableModel: the view asks for the cells it paints, so a long table costs the GUI
thread nothing when it arrives (no per-cell item objects, no measuring every cell)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY, _ACCESSIBLE, _ALIGN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                                 Qt.ItemDataRole.TextAlignmentRole)
#: Columns are sized from the header and this many rows (a long table is never measured cell by cell)
SIZE_FROM_ROWS = 200


def cell_text(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class FigureTableModel(QAbstractTableModel):
    """Read-only rows of one figure (columns = the figure's column names)."""

    def __init__(self, columns: list[str], rows: list[list[Any]], parent: Optional[Any] = None) -> None:
        super().__init__(parent)
        self.columns, self.rows = list(columns), rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _DISPLAY or role == _ACCESSIBLE:
            return cell_text(self.rows[index.row()][index.column()])
        if role == _ALIGN:
            value = self.rows[index.row()][index.column()]
            return _RIGHT if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        return None  # every other role (font, colour, decoration...): the view's defaults

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def text(self, row: int, column: int) -> str:
        return cell_text(self.rows[row][column])


def figure_table(key: str, title: str, columns: list[str], rows: list[list[Any]],
                 parent: Optional[QWidget] = None) -> QTableView:
    """A read-only table view over a FigureTableModel (columns sized from the first 100 rows only)."""
    view = QTableView(parent)
    view.setObjectName(f"table_{key}")
    view.setAccessibleName(f"{title}: table")
    view.setModel(FigureTableModel(columns, rows, view))
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setTabKeyNavigation(False)  # Tab leaves the table (arrow keys move inside): no focus trap
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    size_columns(view, columns, rows)
    return view


def size_columns(view: QTableView, columns: list[str], rows: list[list[Any]]) -> None:
    """Each column as wide as its header or its longest text in the first SIZE_FROM_ROWS rows: one text measured
    per column, in this font (so 200 % text gets wider columns), instead of asking the model for every cell."""
    body, head = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    pad = body.horizontalAdvance("M") + 8
    for c, name in enumerate(columns):
        longest = max((cell_text(r[c]) for r in rows[:SIZE_FROM_ROWS]), key=len, default="")
        view.setColumnWidth(c, max(head.horizontalAdvance(name), body.horizontalAdvance(longest)) + pad)
