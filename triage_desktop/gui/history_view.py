"""HistoryView: find earlier calls by date, pathway, outcome, handler, status and words in their notes."""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QModelIndex, QObject, QTimer, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import OUTCOME_CODES, PATHWAYS

from triage_desktop.services import format_elapsed

from . import a11y
from .column_fit import ColumnSpec, fit_columns
from .message_boxes import ErrorDialog
from .date_edit import DateEdit
from .dialog_kit import let_combo_narrow
from .draft_marks import draft_banner, draft_title, training_banner, training_title
from .history_model import COLUMNS, STATUS_WORDS, HistoryModel, display
from .vocab_words import word

translate = QCoreApplication.translate

ANY = QT_TRANSLATE_NOOP("HistoryView", "Any")


class HistoryView(QMainWindow):
    """A window of its own, so a call in progress stays where it is (a main window: a screen reader meets it as a
    window, where a plain QWidget with the Window flag is exposed as a filler)."""

    def __init__(self, svc: Any, *, author: Callable[[], str] = lambda: "", parent: Optional[QWidget] = None):
        super().__init__(parent, Qt.WindowType.Window)
        central = QWidget()
        self.setCentralWidget(central)
        self.svc, self.author = svc, author
        self._selected_before: Optional[str] = None  # the call selected when Enter was pressed in the search
        self.setObjectName("HistoryView")
        # on the training store the title and a banner say so, in the main window's words and colours
        self.setWindowTitle(training_title(svc) + self.tr("Find calls — triage-desktop") + draft_title(svc))
        self.resize(1100, 680)
        lay = QVBoxLayout(central)
        self.training_banner = training_banner(svc)
        lay.addWidget(self.training_banner)
        self.draft_banner = draft_banner(svc)  # draft flows in use (training only), as on the main window
        lay.addWidget(self.draft_banner)

        top = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search words in notes and rationale (e.g. knife, bridge), or a call id. "
                                            "Enter opens the call; Down goes to the list")
        self.search_edit.setAccessibleName(self.tr("Search calls"))
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("Search"))
        a11y.label_for(self.search_edit, search_label)  # the visible word labels the box (labelled-by)
        top.addWidget(search_label)
        top.addWidget(self.search_edit, 1)
        lay.addLayout(top)

        filters = QHBoxLayout()
        form_a, form_b = QFormLayout(), QFormLayout()
        self.from_edit = self._date_edit(self.tr("Calls from (date)"))
        self.to_edit = self._date_edit(self.tr("Calls up to (date)"))
        form_a.addRow(self.tr("From"), self.from_edit)
        form_a.addRow(self.tr("To"), self.to_edit)
        self.pathway_combo = self._combo(self.tr("Pathway"), [(word(v), k) for k, v in PATHWAYS.items()])
        self.outcome_combo = self._combo(self.tr("Outcome"), [(f"{k} — {word(v.response)}", k) for k, v in OUTCOME_CODES.items()])
        form_a.addRow(self.tr("Pathway"), self.pathway_combo)
        form_a.addRow(self.tr("Outcome"), self.outcome_combo)
        self.handler_edit = QLineEdit()
        self.handler_edit.setPlaceholderText(self.tr(str(ANY)))
        self.handler_edit.setAccessibleName(self.tr("Handler id"))
        self.status_combo = self._combo(self.tr("Status"), [(translate("HistoryModel", v), k)
                                                           for k, v in STATUS_WORDS.items()])
        form_b.addRow(self.tr("Handler"), self.handler_edit)
        form_b.addRow(self.tr("Status"), self.status_combo)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.on_clear_button_clicked)
        form_b.addRow("", self.clear_button)
        filters.addLayout(form_a, 2)
        filters.addSpacing(24)
        filters.addLayout(form_b, 1)
        lay.addLayout(filters)

        self.model = HistoryModel(svc.history, self, submit=getattr(svc, "submit", None))  # queries on the worker
        self.table_view = QTableView()
        self.table_view.setAccessibleName(self.tr("Calls found (Enter opens the report)"))
        self.table_view.setModel(self.model)
        self.table_view.setSortingEnabled(True)
        self.table_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.verticalHeader().hide()
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_view.horizontalHeader().setStretchLastSection(False)
        # widths from the font (headers whole, short columns' content whole, long text sharing the rest), refitted
        # whenever the list's width or font changes: no pixel widths that cut headers at 200 % text
        self.table_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table_view.viewport().installEventFilter(self)
        self.table_view.installEventFilter(self)
        self.table_view.activated.connect(self.on_table_view_activated)
        self.table_view.horizontalHeader().sortIndicatorChanged.connect(self.on_header_sort_indicator_changed)

        lay.addWidget(self.table_view, 1)

        self.sort_label = QLabel()  # a click on a column that cannot be sorted says so here
        self.sort_label.setProperty("role", "muted")
        self.sort_label.setWordWrap(True)
        self.sort_label.hide()
        lay.addWidget(self.sort_label)

        bottom = QHBoxLayout()
        self.count_label = QLabel()
        a11y.text_label(self.count_label, self.tr("How many calls were found"))
        bottom.addWidget(self.count_label, 1)
        self.open_button = QPushButton(self.tr("Open report (Enter)"))
        self.open_button.setAccessibleName(self.tr("Open report of the selected call"))
        self.open_button.clicked.connect(self.on_open_button_clicked)
        bottom.addWidget(self.open_button)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)

        # typing pauses before the (indexed) query runs, so each key press stays instant
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(300)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self.on_search_edit_return_pressed)
        self.search_edit.installEventFilter(self)
        self.handler_edit.textChanged.connect(self.search_timer.start)
        for combo in (self.pathway_combo, self.outcome_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.apply_filters)
        self.model.load_failed.connect(self.on_model_load_failed)
        self.model.reloaded.connect(self.update_count)
        self.model.rowsInserted.connect(self.update_count)
        self.model.counted.connect(self.update_count)
        esc = QShortcut(QKeySequence("Escape"), self)
        esc.activated.connect(self.close)
        self.update_count()
        a11y.name_parts(self)  # the search box's clear button and the scroll bars (issue 12)

    # ----- building -----------------------------------------------------------------------------------
    def _date_edit(self, name: str) -> QDateEdit:
        d = DateEdit()
        d.setAccessibleName(name)
        d.setCalendarPopup(True)
        d.setDisplayFormat("dd MMM yyyy")
        d.setMinimumDate(QDate(2000, 1, 1))
        d.setSpecialValueText(self.tr(str(ANY)))
        d.setDate(d.minimumDate())
        return d

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        c = QComboBox()
        c.setAccessibleName(name)
        c.addItem(self.tr(str(ANY)), "")
        for label, value in items:
            c.addItem(label, value)
        if c.sizeHint().width() > 24 * c.fontMetrics().averageCharWidth():
            # a long list (outcomes, pathways) may be as narrow as 20 characters when the window is (200 % text on
            # 1366 px): its longest entry would otherwise push the window's minimum width past the screen; the list
            # that opens still shows whole entries
            let_combo_narrow(c, 20)
        return c

    # ----- filtering ------------------------------------------------------------------------------------
    def current_filters(self) -> dict[str, Any]:
        def date(edit: QDateEdit) -> Optional[str]:
            return None if edit.date() == edit.minimumDate() else edit.date().toString("yyyy-MM-dd")

        return {"date_from": date(self.from_edit), "date_to": date(self.to_edit),
                "pathway": self.pathway_combo.currentData() or None,
                "outcome": self.outcome_combo.currentData() or None,
                "handler": self.handler_edit.text().strip() or None,
                "status": self.status_combo.currentData() or None,
                "text": self.search_edit.text().strip() or None}

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.model.set_filters(**self.current_filters())

    def on_clear_button_clicked(self) -> None:
        for w in (self.pathway_combo, self.outcome_combo, self.status_combo, self.from_edit, self.to_edit,
                  self.search_edit, self.handler_edit):
            w.blockSignals(True)
        self.pathway_combo.setCurrentIndex(0)
        self.outcome_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        self.from_edit.setDate(self.from_edit.minimumDate())
        self.to_edit.setDate(self.to_edit.minimumDate())
        self.search_edit.clear()
        self.handler_edit.clear()
        for w in (self.pathway_combo, self.outcome_combo, self.status_combo, self.from_edit, self.to_edit,
                  self.search_edit, self.handler_edit):
            w.blockSignals(False)
        self.apply_filters()

    def update_count(self, *_: Any) -> None:
        total = self.model.total()
        shown = self.model.rowCount()
        if total == 0:
            self.count_label.setText(self.tr("No calls match.") if any(self.current_filters().values())
                                     else self.tr("No calls yet."))
        elif shown < total:
            self.count_label.setText(self.tr("{total} calls match; showing the first {shown} (scroll for more).").format(
                total=f"{total:,}", shown=f"{shown:,}"))
        else:
            self.count_label.setText(self.tr("1 call matches.") if total == 1
                                     else self.tr("{total} calls match.").format(total=f"{total:,}"))

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        self.model.reload()

    # ----- opening ----------------------------------------------------------------------------------------
    def on_table_view_activated(self, index: QModelIndex) -> None:
        self.open_report(index.row())

    def on_open_button_clicked(self) -> None:
        idx = self.table_view.currentIndex()
        if idx.isValid():
            self.open_report(idx.row())

    def open_report(self, row: int) -> None:
        from .report_dialog import CallReportDialog

        uuid = self.model.uuid_at(row)
        if uuid:
            CallReportDialog.ask(self, svc=self.svc, uuid=uuid, author=self.author)

    def column_specs(self) -> list[ColumnSpec]:
        """Each column's header, whether it sorts, and the widest content it shows (measured in the list's font)."""
        fm = self.table_view.fontMetrics()

        def widest(texts: list[str]) -> str:
            return max(texts, key=fm.horizontalAdvance) if texts else ""

        samples = {
            "started_at": widest([display({"started_at": f"2026-{m:02d}-28T23:58:00+00:00"}, "started_at")
                                  for m in range(1, 13)]),
            "status": widest([translate("HistoryModel", v) for v in STATUS_WORDS.values()]),
            "pathway": widest([word(v) for v in PATHWAYS.values()]),
            "outcome_code": widest([word(v.response) for v in OUTCOME_CODES.values()]),
            "police_attend": widest([translate("HistoryModel", "Attend"), translate("HistoryModel", "No")]),
            "handler_id": "000000",
            "answers_count": "000",
            "duration_s": format_elapsed(0),
            "marks": display({"immediate_risk": 1, "overridden": 1}, "marks"),
        }
        flexible = {"pathway", "outcome_code", "marks"}  # long text: shares the spare width, elided when short
        return [ColumnSpec(translate("HistoryModel", title), order is not None, samples.get(key, ""), key in flexible)
                for title, key, order in COLUMNS]

    def fit_columns(self) -> list[int]:
        return fit_columns(self.table_view, self.column_specs())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """The columns refit when the list's width or font changes; Down in the search box goes to the list of calls
        (the first row, or the one already selected)."""
        if ((obj is self.table_view.viewport() and event.type() == QEvent.Type.Resize)
                or (obj is self.table_view and event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange))):
            self.fit_columns()
            return False
        if (obj is self.search_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down and self.model.rowCount() > 0):
            if self.search_timer.isActive():
                self.apply_filters()
            idx = self.table_view.currentIndex()
            if not idx.isValid():
                idx = self.model.index(0, 0)
            self.table_view.setCurrentIndex(idx)
            self.table_view.selectRow(idx.row())
            self.table_view.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(obj, event)

    def on_search_edit_return_pressed(self) -> None:
        """Enter in the search: run it now, then open the one call found, or the selected one (once the search's
        rows have come back from the database worker; the selection is remembered by call id across the reload)."""
        idx = self.table_view.currentIndex()
        selected = (self.model.uuid_at(idx.row()) if idx.isValid()
                    and self.table_view.selectionModel().isRowSelected(idx.row(), QModelIndex()) else None)
        self.apply_filters()
        if self.model.reloading:
            self._selected_before = selected
            self.model.reloaded.connect(self._open_found_once)
            return
        self._open_found(selected)

    def _open_found_once(self) -> None:
        self.model.reloaded.disconnect(self._open_found_once)
        self._open_found(self._selected_before)

    def _open_found(self, selected: Optional[str]) -> None:
        if self.model.rowCount() == 1:
            self.open_report(0)
        elif selected is not None:
            rows = [i for i in range(self.model.rowCount()) if self.model.uuid_at(i) == selected]
            if rows:
                self.open_report(rows[0])

    def on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        """A click on a column that cannot be sorted says so, and leaves the indicator where the sort really is."""
        if COLUMNS[column][2] is None:
            now = next(c[0] for c in COLUMNS if c[2] == self.model.order_by)
            self.sort_label.setText(self.tr("“{column}” cannot be sorted: the call store has no index for it, and "
                                            "sorting a million calls without one would freeze this window. Still "
                                            "sorted by {now}.").format(
                column=QCoreApplication.translate("HistoryModel", COLUMNS[column][0]),
                now=QCoreApplication.translate("HistoryModel", now)))
            self.sort_label.show()
            current = next(i for i, c in enumerate(COLUMNS) if c[2] == self.model.order_by)
            header = self.table_view.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if self.model.desc
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
        else:
            self.sort_label.hide()

    def on_model_load_failed(self, message: str) -> None:
        ErrorDialog.ask(self, title=self.tr("Calls could not be listed"),
                        what=self.tr("The call history could not be read: {error}").format(error=message),
                        safe=self.tr("No call has been changed."), next_step=self.tr("Close this window and try again."))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.model.reload()  # calls finished since the window was last open appear
