"""QtCharts charts for the Reports window's figures, and the PDF/print renderer (QPdfWriter / QPrinter)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPagedPaintDevice, QPdfWriter, QPen
from PySide6.QtWidgets import QGraphicsScene

from triage_desktop.core.vocab import PATHWAYS

from . import a11y

#: Okabe-Ito: distinguishable with colour-blindness; the table beside each chart carries every number.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")


def _short_week(week: str) -> str:
    return week[5:] if len(week) == 10 else week


def _axis_x(chart: QChart, series: Any, categories: Sequence[str]) -> None:
    axis = QBarCategoryAxis()
    axis.append([_short_week(c) for c in categories])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)


def _axis_y(chart: QChart, series: Sequence[Any], top: float, title: str = "") -> None:
    axis = QValueAxis()
    axis.setRange(0, max(top, 1) * 1.1)
    axis.applyNiceNumbers()
    if title == "%":
        axis.setRange(0, 100)
    axis.setLabelFormat("%.0f")
    if title:
        axis.setTitleText(title)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    for s in series:
        s.attachAxis(axis)


def build_chart(fig: Any, *, with_title: bool = True) -> Optional[QChart]:
    """The chart for one figure (None for a table-only figure). Without its title where a wrapped label above
    carries it (the window): a chart title is one line and would be elided at 200 % text."""
    chart = QChart()
    if with_title:
        chart.setTitle(fig.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setShowToolTips(True)
    key = fig.key
    if key == "calls_by_week":
        per: dict[tuple[str, str], float] = {}  # (week, pathway) -> calls: one pass over the rows
        totals_by_week: dict[str, float] = {}
        for r in fig.rows:
            per[(r[0], r[1])] = per.get((r[0], r[1]), 0) + r[3]
            totals_by_week[r[0]] = totals_by_week.get(r[0], 0) + r[3]
        weeks = sorted(totals_by_week)
        seen = {p for _w, p in per}
        pathways = [p for p in PATHWAYS if p in seen]
        series = QStackedBarSeries()
        for i, p in enumerate(pathways):
            bar = QBarSet(PATHWAYS[p])
            bar.setColor(QColor(PALETTE[i % len(PALETTE)]))
            bar.append([float(per.get((w, p), 0)) for w in weeks])
            series.append(bar)
        chart.addSeries(series)
        _axis_x(chart, series, weeks)
        _axis_y(chart, [series], max(totals_by_week.values(), default=1), "Calls")
        return chart
    if key == "safety":
        rows = [r for r in fig.rows if r[0] != "Whole period"]
        series = QStackedBarSeries()
        for i, name in enumerate(fig.columns[1:]):
            bar = QBarSet(name)
            bar.setColor(QColor(PALETTE[i]))
            for r in rows:
                bar.append(r[i + 1])
            series.append(bar)
        chart.addSeries(series)
        _axis_x(chart, series, [r[0] for r in rows])
        _axis_y(chart, [series], max((sum(r[1:]) for r in rows), default=1), "Calls")
        return chart
    if key in ("deployment_rate", "time_to_decision"):
        rows = [r for r in fig.rows if r[0] != "Whole period"]
        columns = [(3, "Police deployment rate %"), (4, "Pre-RCRP baseline % (force-wide)")] if key == "deployment_rate" \
            else [(2, "Median (s)"), (3, "90th percentile (s)")]
        made, top = [], 0.0
        for i, (col, name) in enumerate(columns):
            line = QLineSeries()
            line.setName(name)
            pen = QPen(QColor(PALETTE[i] if i == 0 else "#000000"), 2.5)
            if key == "deployment_rate" and i == 1:
                pen.setStyle(Qt.PenStyle.DashLine)
            elif i == 1:
                pen.setColor(QColor(PALETTE[1]))
            line.setPen(pen)
            for x, r in enumerate(rows):
                if r[col] is not None:
                    line.append(x + 0.5, float(r[col]))
                    top = max(top, float(r[col]))
            if line.count():
                chart.addSeries(line)
                made.append(line)
        if not made:
            return chart
        axis = QValueAxis()
        axis.setRange(0, max(len(rows), 1))
        axis.setTickCount(min(len(rows), 12) + 1)
        axis.setLabelFormat("%d")
        axis.setTitleText("Week (from the first in the period)")
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        for s in made:
            s.attachAxis(axis)
        _axis_y(chart, made, 100 if key == "deployment_rate" else top, "%" if key == "deployment_rate" else "seconds")
        return chart
    if fig.chart == "bar":
        pairs = _bar_pairs(fig)
        series = QHorizontalBarSeries()
        bar = QBarSet(_bar_name(fig))
        bar.setColor(QColor(PALETTE[0]))
        for _label, value in pairs:
            bar.append(float(value or 0))
        series.append(bar)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append([label for label, _ in pairs] or ["(none)"])
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        values = QValueAxis()
        values.setRange(0, max([float(v or 0) for _, v in pairs] + [1]) * 1.15)
        values.applyNiceNumbers()
        values.setLabelFormat("%.0f")
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        chart.legend().setVisible(False)
        return chart
    return None


def _bar_name(fig: Any) -> str:
    return {"hours_released": "Hours released", "s136": "Calls", "professionals": "Calls", "ambulance": "Calls",
            "repeats": "% with a repeat contact"}.get(fig.key, "")


def _bar_pairs(fig: Any) -> list[tuple[str, Any]]:
    if fig.key == "hours_released":
        return [(PATHWAYS.get(r[0], r[0]), r[5]) for r in fig.rows]
    if fig.key == "s136":
        return [(r[0], r[1]) for r in fig.rows[:-2]]
    if fig.key == "professionals":
        totals: dict[str, int] = {}
        for r in fig.rows:
            totals[r[0]] = totals.get(r[0], 0) + r[2]
        return sorted(totals.items())
    if fig.key == "ambulance":
        return [(PATHWAYS.get(r[0], r[0]), r[1]) for r in fig.rows]
    if fig.key == "repeats":
        return [(PATHWAYS.get(r[0], r[0]), r[3] or 0) for r in fig.rows]
    return []


def chart_view(fig: Any, *, with_title: bool = True) -> Optional[QChartView]:
    chart = build_chart(fig, with_title=with_title)
    if chart is None:
        return None
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setAccessibleName(fig.title)
    view.viewport().setAccessibleName(fig.title)  # the drawing surface a screen reader can land on
    view.setAccessibleDescription(QCoreApplication.translate("ReportsCharts", "Chart; the table beside it has every number."))
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do in it by keyboard: Tab goes to the table
    view.setMinimumSize(QSize(360, 240))
    # the chart is drawn to the view's size: it never scrolls (and its scroll bars, never shown, carry names)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    a11y.name_parts(view)
    return view


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def render_report(device: QPagedPaintDevice, *, title_lines: list[str], assumptions: list[list[str]],
                  figures: list[Any], progress: Any = None) -> int:
    """Paint the report on a PDF writer or a printer: a title page, then one figure per page (chart above its
    table), 'Page n of N' on every page. Returns the number of pages."""
    layout = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15))
    device.setPageLayout(layout)
    pages = 1 + len(figures)
    painter = QPainter(device)
    try:
        rect = QRectF(painter.viewport())
        scale = rect.width() / 800.0  # lay out on an 800-unit-wide page whatever the resolution

        def font(size: float, bold: bool = False) -> QFont:
            f = QFont("DejaVu Sans")
            f.setPixelSize(max(1, int(size * scale)))
            f.setBold(bold)
            return f

        def footer(n: int) -> None:
            painter.setFont(font(10))
            painter.drawText(QRectF(0, rect.height() - 24 * scale, rect.width(), 20 * scale),
                             Qt.AlignmentFlag.AlignCenter, f"Page {n} of {pages}")

        def lines(y: float, texts: list[str], size: float = 12, bold: bool = False, step: float = 20) -> float:
            painter.setFont(font(size, bold))
            for text in texts:
                painter.drawText(QRectF(0, y, rect.width(), step * scale * 2), Qt.TextFlag.TextWordWrap, text)
                bounds = painter.boundingRect(QRectF(0, y, rect.width(), 1000 * scale), Qt.TextFlag.TextWordWrap, text)
                y += max(bounds.height(), step * scale) + 4 * scale
            return y

        y = lines(0, [title_lines[0]], 22, True, 30)
        y = lines(y + 6 * scale, title_lines[1:], 12)
        y = lines(y + 16 * scale, ["Assumptions: hours released per avoided deployment"], 14, True)
        for row in assumptions:
            y = lines(y, [f"{row[0]}: {row[1]} h  —  {row[2]}"], 10, False, 15)
        footer(1)
        for n, fig in enumerate(figures, start=2):
            device.newPage()
            y = lines(0, [fig.title], 16, True, 24)
            chart = build_chart(fig, with_title=False)  # the title is drawn above it, wrapped
            if chart is not None:
                scene = QGraphicsScene()
                scene.addItem(chart)
                chart.setGeometry(QRectF(0, 0, 1000, 520))
                target = QRectF(0, y, rect.width(), rect.width() * 0.52)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                scene.render(painter, target, QRectF(0, 0, 1000, 520))
                y = target.bottom() + 10 * scale
            for note in fig.notes:
                y = lines(y, [note], 9, False, 13)
            painter.setFont(font(9, True))
            widths = _column_widths(fig, rect.width())
            row_h = 15 * scale
            x = 0.0
            for col, w in zip(fig.columns, widths):
                painter.drawText(QRectF(x, y, w - 4 * scale, row_h), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine, col)
                x += w
            y += row_h
            painter.setFont(font(9))
            limit = rect.height() - 40 * scale
            shown = 0
            for row in fig.rows:
                if y + row_h > limit:
                    break
                x = 0.0
                for value, w in zip(row, widths):
                    painter.drawText(QRectF(x, y, w - 4 * scale, row_h), Qt.TextFlag.TextSingleLine, _cell(value))
                    x += w
                y += row_h
                shown += 1
            if shown < len(fig.rows):
                painter.setFont(font(9, True))
                painter.drawText(QRectF(0, y, rect.width(), row_h), Qt.TextFlag.TextSingleLine,
                                 f"First {shown} of {len(fig.rows)} rows; the CSV export has them all.")
            footer(n)
            if progress is not None:
                progress(n, pages)
    finally:
        painter.end()
    return pages


def _column_widths(fig: Any, width: float) -> list[float]:
    sizes = [max(len(str(c)), *(len(_cell(r[i])) for r in fig.rows[:40])) if fig.rows else len(str(c))
             for i, c in enumerate(fig.columns)]
    sizes = [min(max(s, 4), 60) for s in sizes]
    total = sum(sizes)
    return [width * s / total for s in sizes]


def pdf_writer(path: str) -> QPdfWriter:
    writer = QPdfWriter(path)
    writer.setResolution(150)
    writer.setTitle("RCRP figures")
    writer.setCreator("triage-desktop")
    return writer
