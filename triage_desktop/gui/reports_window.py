"""ReportsWindow (Ctrl+R): this PC's figures as QtCharts charts with their tables, a period and a comparison,
PDF/CSV export and printing. Figures are computed on a worker thread over the services' read-only figures reader."""
from __future__ import annotations

import csv
import threading
from collections import deque
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Optional

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.summary_vocab import ROLLOUT_PHASES

from . import a11y
from .reports_charts import chart_view, pdf_writer, render_report
from .reports_table import FigureTableModel, figure_table

FIGURE_KEYS = ("calls_by_week", "deployment_rate", "hours_released", "s136", "professionals", "ambulance",
               "time_to_decision", "safety", "repeats")
TAB_NAMES = {"calls_by_week": str(QT_TRANSLATE_NOOP("ReportsWindow", "Calls")),  # shown through tr()
             "deployment_rate": str(QT_TRANSLATE_NOOP("ReportsWindow", "Deployment rate")),
             "hours_released": str(QT_TRANSLATE_NOOP("ReportsWindow", "Hours released")),
             "s136": str(QT_TRANSLATE_NOOP("ReportsWindow", "s136")),
             "professionals": str(QT_TRANSLATE_NOOP("ReportsWindow", "Professionals")),
             "ambulance": str(QT_TRANSLATE_NOOP("ReportsWindow", "Ambulance")),
             "time_to_decision": str(QT_TRANSLATE_NOOP("ReportsWindow", "Time to decision")),
             "safety": str(QT_TRANSLATE_NOOP("ReportsWindow", "Safety signals")),
             "repeats": str(QT_TRANSLATE_NOOP("ReportsWindow", "Repeat contacts")),
             "comparison": str(QT_TRANSLATE_NOOP("ReportsWindow", "Comparison"))}
PERIODS = ["This week", "Last month"] + [f"Rollout phase {n}" for n in ROLLOUT_PHASES] + ["Custom"]
COMPARISONS = [("none", str(QT_TRANSLATE_NOOP("ReportsWindow", "No comparison"))),
               ("before", str(QT_TRANSLATE_NOOP("ReportsWindow", "The period before"))),
               ("baseline", str(QT_TRANSLATE_NOOP("ReportsWindow", "The force's pre-RCRP baseline (force-wide)")))]
#: Show the progress bar only when a computation takes longer than this.
PROGRESS_AFTER_MS = 200


def period_for(choice: str, today: date, custom: tuple[date, date]) -> Any:
    """The store Period for a picker choice (end exclusive)."""
    from triage_desktop.services import Period

    if choice == "This week":
        start = today - timedelta(days=today.weekday())
        return Period(start.isoformat(), (today + timedelta(days=1)).isoformat(), f"this week ({start} to {today})")
    if choice == "Last month":
        first = today.replace(day=1)
        start = (first - timedelta(days=1)).replace(day=1)
        return Period(start.isoformat(), first.isoformat(), f"last month ({start:%B %Y})")
    if choice.startswith("Rollout phase"):
        phase = int(choice.rsplit(" ", 1)[1])
        return Period("0001-01-01", (today + timedelta(days=1)).isoformat(), ROLLOUT_PHASES[phase], phase)
    start, end = custom
    return Period(start.isoformat(), (end + timedelta(days=1)).isoformat(), f"{start} to {end}")


# core/summary_vocab.py ROLLOUT_PHASES, shown through translate("ReportsWindow", …)
PHASE_WORDS = (QT_TRANSLATE_NOOP("ReportsWindow", "Phase 1: concern for welfare"),
               QT_TRANSLATE_NOOP("ReportsWindow", "Phase 2: walk-outs and AWOL"),
               QT_TRANSLATE_NOOP("ReportsWindow", "Phase 3: transport of patients"),
               QT_TRANSLATE_NOOP("ReportsWindow", "Phase 4: s136 and voluntary patients"))


def period_words(choice: str, period: Any) -> str:
    """The period as the window says it, in the interface language (the Period's own label, for the exported
    report and the logs, stays English): 'this week (…)', 'last month (November 2026)', a phase, 'FROM to TO'."""
    translate = QCoreApplication.translate
    start = date.fromisoformat(period.start)
    last = date.fromisoformat(period.end) - timedelta(days=1)
    if choice == "This week":
        return translate("ReportsWindow", "this week ({start} to {end})").format(start=start, end=last)
    if choice == "Last month":
        month = QLocale().toString(QDate(start.year, start.month, 1), "MMMM yyyy")  # Welsh month names in Welsh
        return translate("ReportsWindow", "last month ({month})").format(month=month)
    if period.phase is not None:
        return translate("ReportsWindow", str(period.label))
    return translate("ReportsWindow", "{start} to {end}").format(start=start, end=last)


class _Relay(QObject):
    """Carries results from the worker thread to the GUI thread (queued signals)."""

    figure_ready = Signal(int, object)
    progressed = Signal(int, int, int)
    finished = Signal(int, float)
    failed = Signal(int, str)


class AssumptionsDialog(QDialog):
    """Supervisor-only: hours per avoided deployment per pathway and their sources."""

    def __init__(self, parent: Optional[QWidget], hours: list[dict[str, Any]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Officer-hours assumptions"))
        form = QFormLayout(self)
        self.edits: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        for a in hours:
            value, source = QLineEdit(f"{a['hours']:g}"), QLineEdit(a["source"])
            value.setAccessibleName(self.tr("Hours per avoided deployment, {pathway}").format(pathway=a['pathway']))
            source.setAccessibleName(self.tr("Source of the hours figure, {pathway}").format(pathway=a['pathway']))
            row = QHBoxLayout()
            row.addWidget(value, 1)
            row.addWidget(source, 5)
            form.addRow(f"&{a['pathway']}", row)
            self.edits[a["setting"]] = (value, source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, str]:
        out = {}
        for name, (value, source) in self.edits.items():
            out[name] = value.text().strip()
            out[f"{name}_source"] = source.text().strip()
        return out

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, hours: list[dict[str, Any]]) -> Optional[dict[str, str]]:
        dialog = cls(parent, hours)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PrintDialog:
    """QPrintDialog behind an ask() classmethod (tests patch it): the chosen printer, or None."""

    @classmethod
    def ask(cls, parent: Optional[QWidget]) -> Any:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, parent)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReportsWindow(QMainWindow):
    """The figures for this PC's calls; the force-wide view is the collector's dashboard."""

    computed = Signal(float)  # seconds the last full computation took
    exported = Signal(str)  # path of a PDF or CSV just written
    chart_added = Signal(str)  # figure key whose chart was just added to its page

    def __init__(self, svc: Any, parent: Optional[QWidget] = None, *, today: Optional[Callable[[], date]] = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_window")
        self.setWindowTitle(self.tr("Reports — this PC's calls"))
        self.svc = svc
        self.today = today or date.today
        self.figures: dict[str, Any] = {}
        self.comparison_figure: Optional[Any] = None
        self._generation = 0
        self._done_generation = -1
        self._relay = _Relay(self)
        # results are applied to the window one per turn of the event loop (a zero timer), never in one burst:
        # whatever else is waiting (painting, keys) runs between two of them
        self._ui_jobs: deque[Callable[[], None]] = deque()
        self._pump = QTimer(self, interval=0)
        self._pump.timeout.connect(self._run_ui_job)
        self._relay.figure_ready.connect(lambda g, f: self._later(lambda: self.on_worker_figure_ready(g, f)))
        self._relay.progressed.connect(lambda g, d, t: self._later(lambda: self.on_worker_progressed(g, d, t)))
        self._relay.finished.connect(lambda g, sec: self._later(lambda: self.on_worker_finished(g, sec)))
        self._relay.failed.connect(lambda g, m: self._later(lambda: self.on_worker_failed(g, m)))
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(lambda: self.progress.setVisible(True))
        self._threads: list[threading.Thread] = []
        self._build()
        self.refresh()

    # ----- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        outer = QVBoxLayout(body)
        self.source_label = QLabel(self.tr(
            "<b>Where these numbers come from:</b> this PC's finalised live calls only. The force-wide view, across "
            "every control-room PC, is the collector's dashboard (/dashboard on the force's collector, for analysts). "
            "A baseline compared here is the force's pre-RCRP figure and is <b>force-wide</b>."))
        self.source_label.setWordWrap(True)
        self.source_label.setObjectName("reports_source")
        outer.addWidget(self.source_label)
        self.period_combo = QComboBox()
        words = {"This week": self.tr("This week"), "Last month": self.tr("Last month"), "Custom": self.tr("Custom")}
        self.period_combo.addItems([words.get(p) or self.tr("Rollout phase {n}").format(n=p.rsplit(" ", 1)[-1])
                                    for p in PERIODS])  # PERIODS[index] is the choice, in any language
        self.period_combo.setAccessibleName(self.tr("Period"))
        period_label = QLabel(self.tr("&Period:"))
        period_label.setBuddy(self.period_combo)
        self.from_edit, self.to_edit = _DateEdit(), _DateEdit()
        for edit, name in ((self.from_edit, self.tr("From date (custom period)")),
                           (self.to_edit, self.tr("To date (custom period)"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        today = self.today()
        self.from_edit.setDate(QDate(today.year, today.month, 1))
        self.to_edit.setDate(QDate(today.year, today.month, today.day))
        self.compare_combo = QComboBox()
        for _key, label in COMPARISONS:
            self.compare_combo.addItem(self.tr(label))
        self.compare_combo.setAccessibleName(self.tr("Compare with"))
        compare_label = QLabel(self.tr("Compare &with:"))
        compare_label.setBuddy(self.compare_combo)
        self.show_button = QPushButton(self.tr("&Show"))
        from_label, to_label = QLabel(self.tr("&From")), QLabel(self.tr("&to"))
        from_label.setBuddy(self.from_edit)
        to_label.setBuddy(self.to_edit)
        self.pickers = _Reflowing(((period_label, self.period_combo, from_label, self.from_edit, to_label,
                                    self.to_edit), (compare_label, self.compare_combo, self.show_button)))
        outer.addWidget(self.pickers)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Computing figures"))
        self.progress.setVisible(False)
        self.status_label = QLabel("")
        self.status_label.setObjectName("reports_status")
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.progress)
        outer.addLayout(status)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reports_tabs")
        self.tabs.setAccessibleName(self.tr("Figures"))
        outer.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Export P&DF"))
        self.csv_button = QPushButton(self.tr("Export &CSV"))
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.assumptions_button = QPushButton(self.tr("&Assumptions…"))
        self.assumptions_button.setEnabled(self.svc.settings.get("handler_role") == "supervisor")
        self.assumptions_button.setToolTip(self.tr("Supervisors can change the hours per avoided deployment and their "
                                                   "sources."))
        self.close_button = QPushButton(self.tr("Close"))
        for b in (self.pdf_button, self.csv_button, self.print_button, self.assumptions_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.setCentralWidget(body)
        self.period_combo.currentIndexChanged.connect(self.on_period_combo_changed)
        self.compare_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button.clicked.connect(self.on_pdf_button_clicked)
        self.csv_button.clicked.connect(self.on_csv_button_clicked)
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.assumptions_button.clicked.connect(self.on_assumptions_button_clicked)
        self.close_button.clicked.connect(self.close)
        self.close_button.setShortcut(QKeySequence("Esc"))
        # tabs by keyboard wherever the focus is (QTabWidget alone handles these only with the focus inside it)
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda step=step: self.next_tab(step))
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        QApplication.instance().focusChanged.connect(self.on_app_focus_changed)
        self._enable_custom()
        self.resize(1300, 720)

    def on_app_focus_changed(self, _old: Any, new: Any) -> None:
        """A table that gets the focus is scrolled into view (at 200 % text a page scrolls)."""
        page = self.tabs.currentWidget()
        if isinstance(page, _FigurePage) and new is not None and shiboken6.isValid(page) and page.isAncestorOf(new):
            page.scroll.ensureWidgetVisible(new)

    def on_tabs_current_changed(self, _index: int) -> None:
        self._fix_tab_order()
        self._chart_for_current()

    def next_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _fix_tab_order(self) -> None:
        """Reading order: pickers, the tabs, the shown figure's table, then the buttons (pages are made later than
        the buttons, so without this their tables would come after Close)."""
        table = self.tabs.currentWidget().findChild(QTableView) if self.tabs.currentWidget() else None
        chain = [self.period_combo, self.from_edit, self.to_edit, self.compare_combo, self.show_button, self.tabs,
                 *([table] if table is not None else []), self.pdf_button, self.csv_button, self.print_button,
                 self.assumptions_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _enable_custom(self) -> None:
        custom = PERIODS[self.period_combo.currentIndex()] == "Custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)

    # ----- computing ------------------------------------------------------------------------------
    @property
    def period(self) -> Any:
        custom = (self.from_edit.date().toPython(), self.to_edit.date().toPython())
        return period_for(PERIODS[self.period_combo.currentIndex()], self.today(), custom)

    @property
    def period_words(self) -> str:
        """The chosen period in the interface language (period_words)."""
        return period_words(PERIODS[self.period_combo.currentIndex()], self.period)

    @property
    def comparison_mode(self) -> str:
        return COMPARISONS[self.compare_combo.currentIndex()][0]

    @property
    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def on_period_combo_changed(self, _index: int) -> None:
        self._enable_custom()
        self.refresh()

    def refresh(self) -> None:
        """Compute every figure for the chosen period and comparison, on a worker thread."""
        self._generation += 1
        generation, period, mode = self._generation, self.period, self.comparison_mode
        self.figures = {}
        self.comparison_figure = None
        self.status_label.setText(self.tr("Computing the figures for {period}…").format(period=self.period_words))
        self.progress.setRange(0, len(FIGURE_KEYS) + 1)
        self.progress.setValue(0)
        self._progress_timer.start()
        self._set_export_enabled(False)
        relay = self._relay

        def work() -> None:
            started = datetime.now()
            try:
                reader = self.svc.figures_reader()
                try:
                    for n, key in enumerate(FIGURE_KEYS, start=1):
                        relay.figure_ready.emit(generation, reader.figure(key, period))
                        relay.progressed.emit(generation, n, len(FIGURE_KEYS) + 1)
                    relay.figure_ready.emit(generation, reader.comparison(period, mode))
                finally:
                    reader.close()
            except Exception as exc:  # noqa: BLE001 - shown to the person, never a crash
                relay.failed.emit(generation, f"{type(exc).__name__}: {exc}")
                return
            relay.finished.emit(generation, (datetime.now() - started).total_seconds())

        thread = threading.Thread(target=work, name="triage-reports", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _later(self, job: Callable[[], None]) -> None:
        self._ui_jobs.append(job)
        if not self._pump.isActive():
            self._pump.start()

    def _run_ui_job(self) -> None:
        if self._ui_jobs:
            self._ui_jobs.popleft()()
        if not self._ui_jobs:
            self._pump.stop()

    @property
    def pending_ui(self) -> int:
        """Results received but not yet shown."""
        return len(self._ui_jobs)

    @property
    def settled(self) -> bool:
        """The latest computation has finished (or failed) and everything it produced is on screen."""
        return self._done_generation == self._generation and not self._ui_jobs

    def on_worker_figure_ready(self, generation: int, fig: Any) -> None:
        if generation != self._generation or fig is None:
            return
        if fig.key == "comparison":
            self.comparison_figure = fig
        else:
            self.figures[fig.key] = fig
        self._show_figure(fig)

    def on_worker_progressed(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progress.setValue(done)

    def on_worker_finished(self, generation: int, seconds: float) -> None:
        if generation != self._generation:
            return
        self._done_generation = generation
        self._progress_timer.stop()
        self.progress.setVisible(False)
        total = next((r[1] for r in self.figures["time_to_decision"].rows if r[0] == "Whole period"), 0) \
            if "time_to_decision" in self.figures else 0
        calls = sum(r[3] for r in self.figures["calls_by_week"].rows) if "calls_by_week" in self.figures else 0
        self.status_label.setText(self.tr("{n} calls on this PC in {period}").format(n=calls, period=self.period_words)
                                  + (self.tr(" ({n} with a decision time)").format(n=total) if total else "")
                                  + f" · {seconds:.2f} s")
        self._set_export_enabled(True)
        a11y.name_parts(self)  # the figure pages' scroll bars, made as the figures arrived (issue 12)
        self.computed.emit(seconds)

    def on_worker_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._done_generation = generation
        self._progress_timer.stop()
        self.progress.setVisible(False)
        self.status_label.setText(self.tr("The figures could not be computed: {error}. Nothing was changed; try "
                                          "again.").format(error=message))

    def _set_export_enabled(self, on: bool) -> None:
        for b in (self.pdf_button, self.csv_button, self.print_button):
            b.setEnabled(on)

    # ----- showing --------------------------------------------------------------------------------
    def ordered_figures(self) -> list[Any]:
        out = [self.figures[k] for k in FIGURE_KEYS if k in self.figures]
        if self.comparison_figure is not None:
            out.insert(0, self.comparison_figure)
        return out

    def _show_figure(self, fig: Any) -> None:
        """A figure's page: the title, its table (a model: nothing per cell) and notes now; the chart is added on a
        later turn of the event loop, so no single step of the GUI thread builds a chart and a long table."""
        name = self.tr(TAB_NAMES[fig.key]) if fig.key in TAB_NAMES else fig.key
        page = _FigurePage(fig.key)
        split, layout = page.split, page.body
        table = figure_table(fig.key, fig.title, fig.columns, fig.rows)
        split.addWidget(table)
        title = QLabel(f"<b>{fig.title}</b>")
        title.setWordWrap(True)
        title.setObjectName(f"title_{fig.key}")
        layout.addWidget(title)
        layout.addWidget(split, 1)
        for note in fig.notes:
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
        had_focus = False
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).objectName() == page.objectName():
                old = self.tabs.widget(i)
                had_focus = old.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
                current = self.tabs.currentIndex() == i
                self.tabs.blockSignals(True)  # no tab is "shown" (and charted) while this one is swapped
                try:
                    self.tabs.removeTab(i)
                    old.deleteLater()
                    self.tabs.insertTab(i, page, name)
                    if current:
                        self.tabs.setCurrentIndex(i)
                finally:
                    self.tabs.blockSignals(False)
                break
        else:
            self.tabs.insertTab(0 if fig.key == "comparison" else self.tabs.count(), page, name)
        if had_focus:
            table.setFocus()  # the focus never falls out of the window when a figure is recomputed
        self._fix_tab_order()
        page.figure, page.charted = fig, False  # type: ignore[attr-defined]
        self._chart_for_current()

    def _chart_for_current(self) -> None:
        """Charts are drawn for the tab being shown (on a later turn of the event loop than its table): a refresh
        builds one chart, not ten, and each other tab builds its own when it is first shown."""
        page = self.tabs.currentWidget()
        fig = getattr(page, "figure", None)
        if fig is None or fig.chart == "none" or page.charted:  # type: ignore[union-attr]
            return
        page.charted = True  # type: ignore[union-attr]
        self._later(lambda: self._add_chart(page, fig))

    def _add_chart(self, page: QWidget, fig: Any) -> None:
        if not shiboken6.isValid(page) or getattr(page, "figure", None) is not fig:
            return  # a newer computation replaced this figure (and its page) meanwhile
        split = page.findChild(QSplitter)
        view = chart_view(fig, with_title=False)  # the wrapped title above carries it, never elided
        if view is None:
            return
        split.insertWidget(0, view)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.chart_added.emit(fig.key)

    def chart(self, key: str) -> Any:
        """The chart view on a figure's page (None until its tab has been shown)."""
        from PySide6.QtCharts import QChartView

        page = self.findChild(QWidget, f"figure_{key}")
        return page.findChild(QChartView) if page is not None else None

    def table(self, key: str) -> QTableView:
        return self.findChild(QTableView, f"table_{key}")  # type: ignore[return-value]

    def table_texts(self, key: str) -> list[list[str]]:
        """The cells of a figure's table as shown (for tests and accessibility checks)."""
        model: FigureTableModel = self.table(key).model()  # type: ignore[assignment]
        return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]

    # ----- export -----------------------------------------------------------------------------------
    def _stem(self) -> str:
        p = self.period
        return f"rcrp-figures-{p.start}-to-{p.end}" + (f"-phase{p.phase}" if p.phase else "")

    def _out_dir(self) -> Path:
        folder = Path(self.svc.paths.documents_dir)
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def title_lines(self) -> list[str]:
        info = self.svc.figures_assumptions()
        force = info["force_name"] or f"Force {info['force_code']}"
        base = info["baseline"]
        compare = COMPARISONS[self.compare_combo.currentIndex()][1]
        lines = ["RCRP figures: " + force, f"Period: {self.period.label}", f"Compared with: {compare}",
                 "Source: this PC's finalised live calls (the force-wide view is the collector's dashboard).",
                 f"Made {datetime.now():%Y-%m-%d %H:%M} by triage-desktop."]
        if base["rate"] is not None or base["per_month"]:
            lines.append(f"Pre-RCRP baseline (force-wide): {base['rate'] if base['rate'] is not None else '–'} % "
                         f"attended; {base['period'] or 'period not given'}; source: {base['source'] or 'not given'}.")
        return lines

    def assumption_rows(self) -> list[list[str]]:
        return [[a["pathway"], f"{a['hours']:g}", a["source"]] for a in self.svc.figures_assumptions()["hours"]]

    def export_pdf(self, path: Optional[Path] = None) -> Path:
        path = path or self._out_dir() / f"{self._stem()}.pdf"
        self.progress.setVisible(True)
        self.progress.setRange(0, len(self.ordered_figures()) + 1)
        writer = pdf_writer(str(path))
        pages = render_report(writer, title_lines=self.title_lines(), assumptions=self.assumption_rows(),
                              figures=self.ordered_figures(), progress=lambda n, _t: self.progress.setValue(n))
        del writer  # the file is complete once the writer is gone
        self.progress.setVisible(False)
        self.status_label.setText(self.tr("PDF saved ({n} pages): {path}").format(n=pages, path=path))
        self.exported.emit(str(path))
        return path

    def export_csv(self, path: Optional[Path] = None) -> Path:
        from triage_desktop.services import tidy_rows

        path = path or self._out_dir() / f"{self._stem()}.csv"
        rows = tidy_rows(self.period, self.ordered_figures())
        self.progress.setVisible(True)
        self.progress.setRange(0, len(rows))
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for n, row in enumerate(rows):
                writer.writerow(row)
                if n % 5000 == 0:
                    self.progress.setValue(n)
        self.progress.setVisible(False)
        self.status_label.setText(self.tr("CSV saved ({n} values): {path}").format(n=len(rows) - 1, path=path))
        self.exported.emit(str(path))
        return path

    def on_pdf_button_clicked(self) -> None:
        self._guarded(self.tr("saving the PDF"), self.export_pdf)

    def on_csv_button_clicked(self) -> None:
        self._guarded(self.tr("saving the CSV"), self.export_csv)

    def on_print_button_clicked(self) -> None:
        printer = PrintDialog.ask(self)
        if printer is not None:
            self._guarded(self.tr("printing"), lambda: render_report(printer, title_lines=self.title_lines(),
                                                            assumptions=self.assumption_rows(),
                                                            figures=self.ordered_figures()))

    def on_assumptions_button_clicked(self) -> None:
        got = AssumptionsDialog.ask(self, hours=self.svc.figures_assumptions()["hours"])
        if not got:
            return
        for name, value in got.items():
            try:
                self.svc.set_setting(name, value)  # force-level: locked by the pack, or a supervisor's (audited)
            except (KeyError, ValueError, PermissionError) as exc:
                self.status_label.setText(self.tr("Not saved: {error}").format(error=exc))
                return
        self.refresh()

    def _guarded(self, doing: str, action: Callable[[], Any]) -> None:
        try:
            action()
        except OSError as exc:
            self.progress.setVisible(False)
            self.status_label.setText(self.tr("Problem {doing}: {error}. Your calls are safe; choose another folder or "
                                              "free some space and try again.").format(doing=doing,
                                                                                      error=exc.strerror or exc))

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self._generation += 1  # results still on their way are ignored
        super().closeEvent(event)



class _DateEdit(QDateEdit):
    """A date field that Tab leaves (Qt's own moves Tab through year, month and day first): the parts are
    reached with the arrow keys, and typing a date fills them in order."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        return QWidget.focusNextPrevChild(self, forward)


class _FigurePage(QWidget):
    """One figure's tab: title, chart and table side by side, notes below, in a vertical scroll area. When the text
    is large for the width (200 % text) the chart goes above the table (each full width) and the page scrolls down
    rather than squeezing the chart until its axes and legend are elided; nothing ever scrolls sideways."""

    #: side by side only when the page is at least this many average characters wide
    SIDE_BY_SIDE_CHARS = 100

    def __init__(self, key: str) -> None:
        super().__init__()
        self.setObjectName(f"figure_{key}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table inside takes the focus, not the page
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName(f"split_{key}")
        self.split.setChildrenCollapsible(False)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        line = self.fontMetrics().lineSpacing()
        side = event.size().width() >= self.SIDE_BY_SIDE_CHARS * self.fontMetrics().averageCharWidth()
        self.split.setOrientation(Qt.Orientation.Horizontal if side else Qt.Orientation.Vertical)
        # room for a chart's axes and legend: 16 lines of text side by side, 16 + 8 for the table when stacked
        self.split.setMinimumHeight(max(260, line * (16 if side else 24)))
        super().resizeEvent(event)


class _Reflowing(QWidget):
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
