"""Table columns sized from the font, not in pixels: each header's words whole (with room for the sort arrow where
the column sorts) and each short column's content whole, the long text columns sharing what is left, so at 200 %
text on a 1366-pixel screen no header is cut and nothing scrolls sideways."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView


@dataclass(frozen=True)
class ColumnSpec:
    """A column's header text, whether it can be sorted (room for the arrow), the widest content it shows, and
    whether it is long text that takes a share of the spare width (and may be elided) rather than its content's."""

    header: str
    sortable: bool
    sample: str
    flexible: bool = False


def header_label_room(header: QHeaderView, width: int, text: str, sortable: bool) -> int:
    """The width the style leaves for a header's words in a section `width` wide (less the sort arrow's room when
    the column sorts): what CE_HeaderLabel draws into, so a header is cut exactly when this is below its text's."""
    opt = QStyleOptionHeader()
    opt.initFrom(header)
    opt.rect = QRect(0, 0, width, max(header.height(), header.sizeHint().height()))
    opt.text = text
    opt.orientation = Qt.Orientation.Horizontal
    opt.state |= QStyle.StateFlag.State_Horizontal
    opt.sortIndicator = (QStyleOptionHeader.SortIndicator.SortDown if sortable
                         else QStyleOptionHeader.SortIndicator.None_)
    return header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, opt, header).width()


def header_need(header: QHeaderView, text: str, sortable: bool) -> int:
    """The narrowest section that shows `text` whole (the style's margins and, if sortable, the arrow's room)."""
    probe = 1000
    overhead = probe - header_label_room(header, probe, text, sortable)
    return header.fontMetrics().horizontalAdvance(text) + overhead + 2  # 2: the section's divider line


def cell_need(view: QTableView, text: str) -> int:
    """The width a cell needs to show `text` whole (the item delegate's text margins on each side)."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return view.fontMetrics().horizontalAdvance(text) + 2 * margin + 2


def two_line_text(view: QTableView, text: str) -> str:
    """The longer line of `text` split at the space that makes its two lines most even (as the cell wraps it)."""
    fm = view.fontMetrics()
    best = text
    for i, ch in enumerate(text):
        if ch == " ":
            left, right = text[:i].rstrip(), text[i:].lstrip()
            longer = max(left, right, key=fm.horizontalAdvance)
            if fm.horizontalAdvance(longer) < fm.horizontalAdvance(best):
                best = longer
    return best


def share(heads: Sequence[int], contents: Sequence[int], flexible: Sequence[bool], available: int) -> list[int]:
    """Column widths within `available` pixels: every column at least its header's need (when that fits at all);
    short columns their content's need, narrowed toward their header's only if the whole would not fit; the spare
    then shared by the flexible columns in proportion to how much more their content wants."""
    need = [max(h, c) for h, c in zip(heads, contents)]
    widths = [h if flex else n for h, n, flex in zip(heads, need, flexible)]
    over = sum(widths) - available
    if over > 0:  # the short columns' content does not all fit: narrow them in proportion to their slack
        slack = [w - h for w, h in zip(widths, heads)]
        total = sum(slack)
        if total:
            cut = min(over, total)
            widths = [w - (cut * s + total - 1) // total if s else w for w, s in zip(widths, slack)]
        return [max(w, h) for w, h in zip(widths, heads)]
    spare = -over
    wants = [n - w if flex else 0 for n, w, flex in zip(need, widths, flexible)]
    total = sum(wants)
    if total:
        give = min(spare, total)
        widths = [w + give * want // total for w, want in zip(widths, wants)]
        spare -= sum(give * want // total for want in wants)
    flex_cols = [i for i, f in enumerate(flexible) if f]
    if spare > 0 and flex_cols:  # more room than anything needs: the long text columns share it
        for n, i in enumerate(flex_cols):
            widths[i] += spare // len(flex_cols) + (1 if n < spare % len(flex_cols) else 0)
    return widths


def fits(heads: Sequence[int], contents: Sequence[int], flexible: Sequence[bool], available: int) -> bool:
    """Every header and every short column's content whole within `available` pixels."""
    return sum(h if flex else max(h, c) for h, c, flex in zip(heads, contents, flexible)) <= available


def fit_columns(view: QTableView, specs: Sequence[ColumnSpec]) -> list[int]:
    """Size `view`'s columns from the font (see `share`) to fill its viewport; returns the widths set. When the
    short columns' content cannot all fit on one line (200 % text on 1366 pixels), rows are two lines tall and the
    cells wrap at a space ("28 May 2026" over "23:58"), so a date keeps its time rather than losing it to "…"."""
    header = view.horizontalHeader()
    heads = [header_need(header, s.header, s.sortable) for s in specs]
    flexible = [s.flexible for s in specs]
    available = view.viewport().width()
    contents = [cell_need(view, s.sample) for s in specs]
    rows = view.verticalHeader()
    if not view.property("one_line_height"):
        view.setProperty("one_line_height", rows.defaultSectionSize())
    one_line = int(view.property("one_line_height"))
    lines = 1
    if not fits(heads, contents, flexible, available) and view.wordWrap():
        lines = 2
        contents = [cell_need(view, two_line_text(view, s.sample)) for s in specs]
    height = one_line if lines == 1 else one_line + view.fontMetrics().lineSpacing()
    if rows.defaultSectionSize() != height:
        rows.setDefaultSectionSize(height)
    view.setProperty("row_lines", lines)
    widths = share(heads, contents, flexible, available)
    header.setMinimumSectionSize(min(heads) if heads else header.minimumSectionSize())
    for col, width in enumerate(widths):
        if header.sectionSize(col) != width:
            header.resizeSection(col, width)
    return widths
