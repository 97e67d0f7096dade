"""Trainer report: per trainee and cohort over a date range, trend chart (QtCharts), PDF (QPdfWriter) and CSV.

Covers the training results stored on this PC (plus any imported from other PCs' CSV exports).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis, QCategoryAxis
from PySide6.QtCore import QDate, QMarginsF, QRect, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import PATHWAYS

from . import a11y, theme
from .message_boxes import ErrorDialog

COLUMNS = ["Trainee", "Scenarios taken", "Pass rate", "Critical deviations", "Median time to decision",
           "Mean score", "Ready for live"]


class FileChooser:
    """A native file dialog through ask() (tests monkeypatch it)."""

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, title: str, suggested: str, filter: str, save: bool = True
            ) -> Optional[str]:
        if save:
            path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter)
        else:
            path, _ = QFileDialog.getOpenFileName(parent, title, suggested, filter)
        return path or None


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _secs(x: Optional[float]) -> str:
    return "—" if x is None else f"{x:.0f} s"


def summary_rows(rep: dict[str, Any]) -> list[list[str]]:
    rows = []
    for t in list(rep["trainees"]) + [rep["cohort"]]:
        ready = rep["ready"].get(t.trainee, {}) if t.trainee != "cohort" else {}
        ready_text = ", ".join(PATHWAYS.get(p, p) for p, v in sorted(ready.items()) if v["ready"]) or (
            "—" if t.trainee == "cohort" else "not yet")
        rows.append(["Cohort (all trainees)" if t.trainee == "cohort" else t.trainee, str(t.taken),
                     _pct(t.pass_rate), str(t.critical), _secs(t.median_time),
                     "—" if t.mean_score is None else f"{t.mean_score:.0f}", ready_text])
    return rows


def build_chart(rep: dict[str, Any]) -> QChart:
    """Mean score and pass rate by ISO week (both 0-100)."""
    chart = QChart()
    chart.setTitle("Trend by week: mean score and pass rate (%)")
    score = QLineSeries()
    score.setName("Mean score")
    passed = QLineSeries()
    passed.setName("Pass rate %")
    pen = QPen(QColor(theme.INK))
    pen.setWidth(3)
    score.setPen(pen)
    pen2 = QPen(QColor("#1d70b8"))
    pen2.setWidth(3)
    pen2.setStyle(Qt.PenStyle.DashLine)  # never colour alone: dashed vs solid
    passed.setPen(pen2)
    weeks = rep["trend"]
    axis_x = QCategoryAxis()
    axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for i, w in enumerate(weeks):
        score.append(i, w["mean_score"])
        passed.append(i, 100 * w["pass_rate"])
        axis_x.append(w["week"], i)
    axis_x.setRange(-0.4, max(1, len(weeks)) - 0.6)  # room for the first and last week's labels
    for s in (score, passed):
        s.setPointsVisible(True)  # a single week still shows as a point
        s.setMarkerSize(10)
    chart.addSeries(score)
    chart.addSeries(passed)
    axis_y = QValueAxis()
    axis_y.setRange(0, 100)
    axis_y.setTitleText("%")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for s in (score, passed):
        s.attachAxis(axis_x)
        s.attachAxis(axis_y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def write_pdf(rep: dict[str, Any], path: str, *, title: str, force: str = "") -> None:
    """Page 1: the table and ready-for-live; page 2: the trend chart."""
    pdf = QPdfWriter(path)
    pdf.setTitle(title)
    pdf.setCreator("triage-desktop")
    pdf.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pdf.setPageOrientation(QPageLayout.Orientation.Landscape)
    pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    pdf.setResolution(120)
    p = QPainter(pdf)
    try:
        w = pdf.width()
        y = 0
        f = QFont("DejaVu Sans", 16, QFont.Weight.Bold)
        p.setFont(f)
        p.drawText(0, y + 30, title)
        y += 50
        p.setFont(QFont("DejaVu Sans", 10))
        for line in (f"{force + ' · ' if force else ''}{rep['date_from']} to {rep['date_to']}",
                     rep.get("coverage", ""), f"Ready for live: {rep['needed']} clean passes of a pathway "
                     "(no critical deviation)."):
            p.drawText(0, y + 16, line)
            y += 22
        y += 10
        widths = [0.14, 0.12, 0.1, 0.13, 0.16, 0.1, 0.25]
        xs = [int(sum(widths[:i]) * w) for i in range(len(widths))]
        p.setFont(QFont("DejaVu Sans", 10, QFont.Weight.Bold))
        for x, h in zip(xs, COLUMNS):
            p.drawText(QRect(x, y, int(w * 0.16), 40), Qt.TextFlag.TextWordWrap, h)
        y += 44
        p.drawLine(0, y, w, y)
        p.setFont(QFont("DejaVu Sans", 10))
        for row in summary_rows(rep):
            for x, cell, frac in zip(xs, row, widths):
                p.drawText(QRect(x, y + 4, int(w * frac) - 6, 40), Qt.TextFlag.TextWordWrap, cell)
            y += 40
        pdf.newPage()
        p.setFont(QFont("DejaVu Sans", 14, QFont.Weight.Bold))
        p.drawText(0, 30, "Trend over time (chart)")
        view = QChartView(build_chart(rep))
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.resize(1100, 560)
        pix = view.grab()
        target = QRect(0, 50, w, int(w * pix.height() / max(1, pix.width())))
        p.drawPixmap(target, pix)
    finally:
        p.end()


class TrainerReportWindow(QMainWindow):  # a main window: AT-SPI exposes it as a window, not a filler
    """A window of its own: date range, trainee filter, the table, the chart, PDF/CSV export and CSV import."""

    def __init__(self, svc: Any, parent: Optional[QWidget] = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.svc = svc
        self.api = svc.training_api
        self.setObjectName("TrainerReportWindow")
        self.setWindowTitle(self.tr("Trainer report — TRAINING: not a real call — triage-desktop"))
        self.resize(1200, 720)
        central = QWidget()
        self.setCentralWidget(central)
        lay = QVBoxLayout(central)
        banner = QLabel(self.tr("⚠ TRAINING: not a real call. Trainer report over the training results stored on "
                                "this PC (and results imported from other PCs)."))
        banner.setProperty("role", "training")
        banner.setWordWrap(True)
        lay.addWidget(banner)
        top = QHBoxLayout()
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-56))
        self.to_edit = QDateEdit(today)
        for e, name in ((self.from_edit, self.tr("Results from (date)")), (self.to_edit, self.tr("Results up to (date)"))):
            e.setCalendarPopup(True)
            e.setDisplayFormat("yyyy-MM-dd")
            e.setAccessibleName(name)
            e.dateChanged.connect(self.refresh)
        self.trainee_combo = QComboBox()
        self.trainee_combo.setAccessibleName(self.tr("Trainee"))
        self.trainee_combo.currentIndexChanged.connect(self.refresh)
        for text, edit in ((self.tr("From"), self.from_edit), (self.tr("To"), self.to_edit),
                           (self.tr("Trainee"), self.trainee_combo)):
            lab = QLabel(text)
            lab.setBuddy(edit)
            lab.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            top.addWidget(lab)
            top.addSpacing(max(4, self.fontMetrics().averageCharWidth()))
            top.addWidget(edit)
            top.addSpacing(max(8, 2 * self.fontMetrics().averageCharWidth()))
        top.addStretch(1)
        lay.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(self.tr("Results per trainee and for the cohort"))
        self.table.setHorizontalHeaderLabels([self.tr("Trainee"), self.tr("Scenarios taken"), self.tr("Pass rate"),
                                              self.tr("Critical deviations"), self.tr("Median time to decision"),
                                              self.tr("Mean score"), self.tr("Ready for live")])  # COLUMNS, on screen
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table, 0)
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setAccessibleName(self.tr("Trend chart: mean score and pass rate by week"))
        self.chart_view.viewport().setAccessibleName(self.tr("Trend chart: mean score and pass rate by week"))
        self.chart_view.setMinimumHeight(max(200, 9 * self.fontMetrics().height()))
        lay.addWidget(self.chart_view, 1)
        self.status_label = QLabel("")
        self.status_label.setProperty("role", "muted")
        self.status_label.setWordWrap(True)
        lay.addWidget(self.status_label)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Export &PDF…"))
        self.csv_button = QPushButton(self.tr("Export &CSV…"))
        self.import_button = QPushButton(self.tr("&Import results (CSV)…"))
        for b, slot in ((self.pdf_button, self.on_pdf_button_clicked), (self.csv_button, self.on_csv_button_clicked),
                        (self.import_button, self.on_import_button_clicked)):
            b.setAutoDefault(True)
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            b.clicked.connect(slot)
            bar.addWidget(b)
        lay.addLayout(bar)
        a11y.name_parts(self)  # scroll bars named after what they scroll (issue 12)
        self._fill_trainees()
        self.refresh()

    def _fill_trainees(self) -> None:
        cur = self.trainee_combo.currentData()
        self.trainee_combo.blockSignals(True)
        self.trainee_combo.clear()
        self.trainee_combo.addItem(self.tr("Everyone (cohort)"), "")
        for t in self.api.trainees():
            self.trainee_combo.addItem(t, t)
        i = self.trainee_combo.findData(cur)
        self.trainee_combo.setCurrentIndex(max(0, i))
        self.trainee_combo.blockSignals(False)

    def dates(self) -> tuple[str, str]:
        return (self.from_edit.date().toString("yyyy-MM-dd"), self.to_edit.date().toString("yyyy-MM-dd"))

    def report(self) -> dict[str, Any]:
        t = self.trainee_combo.currentData()
        return self.api.report(*self.dates(), trainees=[t] if t else None)

    def refresh(self, *_: Any) -> None:
        rep = self.report()
        rows = summary_rows(rep)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        shown = min(len(rows), 8)  # the table fits its rows (up to 8, then scrolls); the chart takes the rest
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(i) for i in range(shown))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth()
                                  + self.table.horizontalScrollBar().sizeHint().height())
        self.chart_view.setChart(build_chart(rep))
        self.status_label.setText(self.tr("{n} result(s) from {start} to {end}.").format(
            n=rep['cohort'].taken, start=rep['date_from'], end=rep['date_to']) + f" {rep['coverage']} "
            + self.tr("Ready for live: {n} clean passes per pathway.").format(n=rep['needed']))
        self._report = rep

    def _suggest(self, ext: str) -> str:
        a, b = self.dates()
        return str(self.svc.paths.documents_dir / f"trainer-report-{a}-to-{b}.{ext}")

    def on_pdf_button_clicked(self) -> None:
        path = FileChooser.ask(self, title=self.tr("Save the trainer report as PDF"), suggested=self._suggest("pdf"),
                               filter="PDF (*.pdf)")
        if path:
            self.export_pdf(path)

    def export_pdf(self, path: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_pdf(self.report(), path, title="Trainer report (training: not real calls)",
                  force=str(self.svc.settings.get("force_name") or ""))
        self.status_label.setText(self.tr("Saved the PDF: {path}").format(path=path))

    def on_csv_button_clicked(self) -> None:
        path = FileChooser.ask(self, title=self.tr("Save the results as CSV"), suggested=self._suggest("csv"),
                               filter="CSV (*.csv)")
        if path:
            t = self.trainee_combo.currentData() or None
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            n = self.api.export_csv(path, trainee=t, date_from=self.dates()[0], date_to=self.dates()[1])
            self.status_label.setText(self.tr("Saved {n} result(s) to {path} (no personal data).").format(n=n, path=path))

    def on_import_button_clicked(self) -> None:
        path = FileChooser.ask(self, title=self.tr("Import results from another PC"),
                               suggested=str(self.svc.paths.documents_dir),
                               filter="CSV (*.csv)", save=False)
        if not path:
            return
        try:
            added, dup = self.api.import_csv(path)
        except Exception as exc:
            ErrorDialog.ask(self, title=self.tr("Results not imported"), what=str(exc),
                            safe=self.tr("Nothing from that file was added."),
                            next_step=self.tr("Export the file again on the other PC (Trainer report ▸ Export CSV)."))
            return
        self._fill_trainees()
        self.refresh()
        self.status_label.setText(self.tr("Imported {added} result(s); {dup} were already here.").format(added=added, dup=dup))
