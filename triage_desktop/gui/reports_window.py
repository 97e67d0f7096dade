"""ReportsWindow (Ctrl+R): this PC's figures as QtCharts charts with their tables, a period and a comparison,
PDF/CSV export and printing. Figures are computed on a worker thread (reports_jobs.py); the pages reflow at large
text (reports_layout.py); the files, printing and the assumptions dialog are in reports_export.py."""
from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from . import a11y
from .draft_marks import draft_banner, draft_title, training_banner, training_title
from .reports_charts import chart_view
from .reports_export import (
    AssumptionsDialog,
    PrintDialog,
    assumption_rows,
    out_dir,
    print_report,
    report_stem,
    title_lines,
    write_csv,
    write_pdf,
)
from .reports_jobs import FiguresRelay, UiJobPump, start_figures
from .reports_layout import FigurePage
from .reports_periods import FIGURE_KEYS, PERIODS, TAB_NAMES, period_words
from .reports_pickers import ReportsPickers
from .reports_table import FigureTableModel

# show the progress bar only when a computation takes longer than this
PROGRESS_AFTER_MS = 200


class ReportsWindow(QMainWindow):
    """The figures for this PC's calls; the force-wide view is the collector's dashboard."""

    computed = Signal(float)  # seconds the last full computation took
    exported = Signal(str)  # path of a PDF or CSV just written
    chart_added = Signal(str)  # figure key whose chart was just added to its page

    def __init__(self, svc: Any, parent: Optional[QWidget] = None, *, today: Optional[Callable[[], date]] = None) -> None:
        super().__init__(parent)
        self.setObjectName("reports_window")
        # on the training store the title and a banner say so, in the main window's words and colours
        self.setWindowTitle(training_title(svc) + self.tr("Reports — this PC's calls") + draft_title(svc))
        self.svc = svc
        self.today = today or date.today
        self.figures: dict[str, Any] = {}
        self.comparison_figure: Optional[Any] = None
        self._generation = 0
        self._done_generation = -1
        self._relay = FiguresRelay(self)
        # results are applied to the window one per turn of the event loop, never in one burst
        self._pump = UiJobPump(self)
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
        self.training_banner = training_banner(self.svc)
        outer.addWidget(self.training_banner)
        self.draft_banner = draft_banner(self.svc)  # draft flows in use (training only), as on the main window
        outer.addWidget(self.draft_banner)
        self.source_label = QLabel(self.tr(
            "<b>Where these numbers come from:</b> this PC's finalised training calls only (mock calls on the "
            "training database; no live call is counted). A baseline compared here is the force's pre-RCRP figure "
            "and is <b>force-wide</b>.") if self.training else self.tr(
            "<b>Where these numbers come from:</b> this PC's finalised live calls only. The force-wide view, across "
            "every control-room PC, is the collector's dashboard (/dashboard on the force's collector, for analysts). "
            "A baseline compared here is the force's pre-RCRP figure and is <b>force-wide</b>."))
        self.source_label.setWordWrap(True)
        self.source_label.setObjectName("reports_source")
        outer.addWidget(self.source_label)
        self.pickers = ReportsPickers(self.today())
        self.period_combo, self.compare_combo = self.pickers.period_combo, self.pickers.compare_combo
        self.from_edit, self.to_edit, self.show_button = self.pickers.from_edit, self.pickers.to_edit, \
            self.pickers.show_button
        outer.addWidget(self.pickers)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Computing figures"))
        self.progress.setVisible(False)
        self.status_label = QLabel("")
        self.status_label.setObjectName("reports_status")
        self.status_label.setWordWrap(True)  # a long status (training calls, 200 % text) wraps, never widens the window
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
        self.resize(1300, 720)

    def on_app_focus_changed(self, _old: Any, new: Any) -> None:
        """A table that gets the focus is scrolled into view (at 200 % text a page scrolls)."""
        page = self.tabs.currentWidget()
        if isinstance(page, FigurePage) and new is not None and shiboken6.isValid(page) and page.isAncestorOf(new):
            page.scroll_area.ensureWidgetVisible(new)

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

    @property
    def training(self) -> bool:
        """The training store: its figures count its mock calls, and the window says so."""
        return bool(getattr(self.svc, "training", False))

    # ----- computing ------------------------------------------------------------------------------
    @property
    def period(self) -> Any:
        return self.pickers.period(self.today())

    @property
    def period_words(self) -> str:
        """The chosen period in the interface language (reports_periods.period_words)."""
        return period_words(PERIODS[self.period_combo.currentIndex()], self.period)

    @property
    def comparison_mode(self) -> str:
        return self.pickers.comparison[0]

    @property
    def busy(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def on_period_combo_changed(self, _index: int) -> None:
        self.pickers.enable_custom()
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
        thread = start_figures(self.svc, self._relay, generation=generation, keys=FIGURE_KEYS, period=period,
                               mode=mode)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _later(self, job: Callable[[], None]) -> None:
        self._pump.later(job)

    @property
    def pending_ui(self) -> int:
        """Results received but not yet shown."""
        return self._pump.pending

    @property
    def settled(self) -> bool:
        """The latest computation has finished (or failed) and everything it produced is on screen."""
        return self._done_generation == self._generation and not self._pump.pending

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
        counted = (self.tr("{n} training calls on this PC in {period}") if self.training
                   else self.tr("{n} calls on this PC in {period}"))
        self.status_label.setText(counted.format(n=calls, period=self.period_words)
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
        """A figure's page, new or in place of the one it replaces: the title, its table (a model: nothing per cell)
        and notes now; the chart is added on a later turn of the event loop (FigurePage)."""
        name = self.tr(TAB_NAMES[fig.key]) if fig.key in TAB_NAMES else fig.key
        page = FigurePage(fig)
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
            page.table.setFocus()  # the focus never falls out of the window when a figure is recomputed
        self._fix_tab_order()
        self._chart_for_current()

    def _chart_for_current(self) -> None:
        """Charts are drawn for the tab being shown (on a later turn of the event loop than its table): a refresh
        builds one chart, not ten, and each other tab builds its own when it is first shown."""
        page = self.tabs.currentWidget()
        if not isinstance(page, FigurePage) or page.figure.chart == "none" or page.charted:
            return
        page.charted = True
        self._later(lambda: self._add_chart(page, page.figure))

    def _add_chart(self, page: FigurePage, fig: Any) -> None:
        if not shiboken6.isValid(page) or page.figure is not fig:
            return  # a newer computation replaced this figure (and its page) meanwhile
        view = chart_view(fig, with_title=False)  # the wrapped title above carries it, never elided
        if view is None:
            return
        page.add_chart(view)
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
    def title_lines(self) -> list[str]:
        return title_lines(self.svc.figures_assumptions(), period_label=self.period.label,
                           compared_with=self.pickers.comparison[1], training=self.training)

    def assumption_rows(self) -> list[list[str]]:
        return assumption_rows(self.svc.figures_assumptions())

    def export_pdf(self, path: Optional[Path] = None) -> Path:
        path = path or out_dir(self.svc) / f"{report_stem(self.period)}.pdf"
        figures = self.ordered_figures()
        self.progress.setVisible(True)
        self.progress.setRange(0, len(figures) + 1)
        pages = write_pdf(path, title_lines=self.title_lines(), assumptions=self.assumption_rows(), figures=figures,
                          progress=lambda n, _t: self.progress.setValue(n))
        self.progress.setVisible(False)
        self.status_label.setText(self.tr("PDF saved ({n} pages): {path}").format(n=pages, path=path))
        self.exported.emit(str(path))
        return path

    def export_csv(self, path: Optional[Path] = None) -> Path:
        from triage_desktop.services import tidy_rows

        path = path or out_dir(self.svc) / f"{report_stem(self.period)}.csv"
        rows = tidy_rows(self.period, self.ordered_figures())
        self.progress.setVisible(True)
        self.progress.setRange(0, len(rows))
        write_csv(path, rows, self.progress.setValue)
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
            self._guarded(self.tr("printing"), lambda: print_report(printer, title_lines=self.title_lines(),
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
