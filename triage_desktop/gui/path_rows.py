"""PathRowDelegate: the side panel's rows ("So far"), drawn from a kept layout of their words."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QStaticText, QTextOption, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from .kept import Kept

_KEEP = 512  # rows' layouts kept (a call has tens; the list is cleared for each call)


class PathRowDelegate(QStyledItemDelegate):
    """Qt's item delegate lays each row's wrapped words out afresh every time the list asks a row's size or paints
    it, and the list asks for every row after each answer (a row is relabelled and one added). That was about a
    fifth of the GUI thread's work per answer (callgrind, issue 14). Here each row's words are laid out once for
    their font and width (a QStaticText) and drawn from that; the row's background, selection and focus frame are
    the style's, as before."""

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self._texts: Kept[tuple[str, str, int], QStaticText] = Kept(_KEEP)
        self._sizes: Kept[tuple[str, str, int], QSize] = Kept(_KEEP)

    @staticmethod
    def _style(opt: QStyleOptionViewItem) -> QStyle:
        return opt.widget.style() if opt.widget is not None else QApplication.style()

    @staticmethod
    def _margin(style: QStyle, widget: Optional[QWidget]) -> int:
        # as QCommonStyle's item text: a focus-frame margin and one pixel each side
        return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1

    def _static(self, text: str, font: QFont, width: int) -> QStaticText:
        return self._texts.get((text, font.key(), width), lambda: self._lay_out(text, font, width))

    @staticmethod
    def _lay_out(text: str, font: QFont, width: int) -> QStaticText:
        st = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        st.setTextOption(option)
        st.setTextWidth(max(1, width))
        st.prepare(QTransform(), font)
        return st

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802 (Qt)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        size = self._sizes.get((opt.text, opt.font.key(), opt.rect.width()),
                               lambda: super(PathRowDelegate, self).sizeHint(option, index))
        return QSize(size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = self._style(opt)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        margin = self._margin(style, widget)
        rect = opt.rect.adjusted(margin, 0, -margin, 0)
        st = self._static(opt.text, opt.font, rect.width())
        state = opt.state
        group = (QPalette.ColorGroup.Disabled if not state & QStyle.StateFlag.State_Enabled
                 else QPalette.ColorGroup.Normal if state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        role = (QPalette.ColorRole.HighlightedText if state & QStyle.StateFlag.State_Selected
                else QPalette.ColorRole.Text)
        painter.save()
        painter.setPen(opt.palette.color(group, role))
        painter.setFont(opt.font)
        top = rect.y() + max(0.0, (rect.height() - st.size().height()) / 2)  # centred, as the style's text
        painter.drawStaticText(QPointF(rect.x(), top), st)
        painter.restore()
        if state & QStyle.StateFlag.State_HasFocus:
            focus = QStyleOptionFocusRect()
            if widget is not None:
                focus.initFrom(widget)
            focus.rect = opt.rect
            focus.state = state | QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_Item
            focus.backgroundColor = opt.palette.color(group, QPalette.ColorRole.Highlight if state
                                                      & QStyle.StateFlag.State_Selected else QPalette.ColorRole.Window)
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)

