"""Supervisor review of live calls: the weekly sample, each call read only with its automatic checks, ratify or
query with a comment, the per-handler QA report (PDF/CSV), and the handler's queries on the start page.

Covers the calls stored on this PC only; nothing of a review leaves it (no outbox row, the call never changes).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QMarginsF, QRect, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.sampling import iso_week_of, week_bounds
from triage_desktop.core.vocab import OUTCOME_CODES, PATHWAYS

from . import a11y
from .time_words import local_time
from .training_report import FileChooser
from .training_words import WEIGHT_WORDS, translate as _translate
from .labels import wrapped_label
from .queries_panel import QueriesPanel  # noqa: F401 - on the start page; its own module keeps the first paint light


def translate_weight(weight: str) -> str:
    return _translate("Training", WEIGHT_WORDS[weight]) if weight in WEIGHT_WORDS else weight


COVERAGE = QT_TRANSLATE_NOOP("ReviewWindow", "Covers the calls stored on this PC only. Nothing of a review leaves this PC.")
COLUMNS = ["Handler", "Started", "Outcome", "Why sampled", "Checks", "Review"]


def recent_weeks(n: int = 8, today: Optional[_dt.date] = None) -> list[str]:
    d = today or _dt.date.today()
    return [iso_week_of((d - _dt.timedelta(weeks=i)).isoformat()) for i in range(n)]




def write_qa_pdf(rep: dict[str, Any], path: str) -> None:
    pdf = QPdfWriter(path)
    pdf.setTitle("QA report: reviews of live calls")
    pdf.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pdf.setPageOrientation(QPageLayout.Orientation.Landscape)
    pdf.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    pdf.setResolution(120)
    p = QPainter(pdf)
    try:
        w = pdf.width()
        p.setFont(QFont("DejaVu Sans", 16, QFont.Weight.Bold))
        p.drawText(0, 30, "QA report: reviews of live calls")
        p.setFont(QFont("DejaVu Sans", 10))
        p.drawText(0, 60, f"{rep['date_from']} to {rep['date_to']} · {rep['coverage']}")
        heads = ["Handler", "Reviewed", "Ratified", "Queried", "Mean score", "Critical", "Deviations"]
        fr = [0.12, 0.09, 0.09, 0.09, 0.1, 0.09, 0.42]
        xs = [int(sum(fr[:i]) * w) for i in range(len(fr))]
        y = 90
        p.setFont(QFont("DejaVu Sans", 10, QFont.Weight.Bold))
        for x, h in zip(xs, heads):
            p.drawText(x, y, h)
        p.drawLine(0, y + 8, w, y + 8)
        p.setFont(QFont("DejaVu Sans", 10))
        y += 14
        for h in rep["handlers"]:
            cells = [h["handler"], str(h["reviewed"]), str(h["ratified"]), str(h["queried"]),
                     "—" if h["mean_score"] is None else f"{h['mean_score']:.0f}", str(h["critical"]),
                     "; ".join(f"{k.replace('_', ' ')} ×{v}" for k, v in sorted(h["deviations"].items())) or "none"]
            for x, c, f in zip(xs, cells, fr):
                p.drawText(QRect(x, y, int(w * f) - 6, 44), Qt.TextFlag.TextWordWrap, c)
            y += 46
    finally:
        p.end()


class ReviewWindow(QMainWindow):  # a main window: AT-SPI exposes it as a window, not a filler
    """The supervisor's Review screen (a window of its own; calls are read only here)."""

    def __init__(self, svc: Any, *, reviewer: Any, parent: Optional[QWidget] = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.svc, self.reviewer = svc, reviewer
        self.api = svc.review_api
        self.setObjectName("ReviewWindow")
        self.setWindowTitle(self.tr("Review live calls — triage-desktop"))
        self.resize(1300, 740)
        self.sample: list[dict[str, Any]] = []
        central = QWidget()
        self.setCentralWidget(central)
        lay = QVBoxLayout(central)
        self.coverage_label = wrapped_label(self.tr("Review of live calls. ") + self.tr(str(COVERAGE)), "caption")
        lay.addWidget(self.coverage_label)
        top = QHBoxLayout()
        self.week_combo = QComboBox()
        self.week_combo.setAccessibleName(self.tr("Week"))
        for wk in recent_weeks():
            lo, hi = week_bounds(wk)
            self.week_combo.addItem(self.tr("{week} ({start} to {end})").format(week=wk, start=lo, end=hi), wk)
        self.week_combo.currentIndexChanged.connect(self.refresh)
        self.rule_label = wrapped_label("", "muted")
        week_label = QLabel(self.tr("&Week"))
        week_label.setBuddy(self.week_combo)
        top.addWidget(week_label)
        top.addWidget(self.week_combo)
        top.addWidget(self.rule_label, 1)
        lay.addLayout(top)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(self.tr("Sampled calls"))
        self.table.setHorizontalHeaderLabels([self.tr("Handler"), self.tr("Started"), self.tr("Outcome"),  # COLUMNS
                                              self.tr("Why sampled"), self.tr("Checks"), self.tr("Review")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(self.on_table_current_cell_changed)
        split.addWidget(self.table)
        right = QWidget()
        rl = QVBoxLayout(right)
        self.call_label = wrapped_label()
        a11y.text_label(self.call_label, self.tr("The call (read only)"))
        rl.addWidget(self.call_label)
        rl.addWidget(wrapped_label(self.tr("Questions and answers (read only)"), "caption"))
        self.path_list = QListWidget()
        self.path_list.setAccessibleName(self.tr("Questions and answers"))
        self.path_list.setWordWrap(True)
        rl.addWidget(self.path_list, 2)
        rl.addWidget(wrapped_label(self.tr("Automatic compliance checks (same weights as training)"), "caption"))
        self.checks_list = QListWidget()
        self.checks_list.setAccessibleName(self.tr("Automatic compliance checks"))
        self.checks_list.setWordWrap(True)
        rl.addWidget(self.checks_list, 1)
        self.reviews_label = wrapped_label("", "muted")
        rl.addWidget(self.reviews_label)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setAccessibleName(self.tr("Review comment"))
        self.comment_edit.setPlaceholderText(self.tr("Comment (required to query the call)"))
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setMaximumHeight(90)
        rl.addWidget(self.comment_edit)
        row = QHBoxLayout()
        self.ratify_button = QPushButton(self.tr("&Ratify"))
        self.query_button = QPushButton(self.tr("&Query (comment required)"))
        self.ratify_button.setAccessibleName(self.tr("Ratify the call"))
        self.query_button.setAccessibleName(self.tr("Query (comment required): query the call"))
        self.ratify_button.clicked.connect(lambda: self.decide("ratified"))
        self.query_button.clicked.connect(lambda: self.decide("queried"))
        for b in (self.ratify_button, self.query_button):
            b.setAutoDefault(True)
            row.addWidget(b)
        row.addStretch(1)
        self.message_label = wrapped_label("", "muted")
        rl.addLayout(row)
        rl.addWidget(self.message_label)
        split.addWidget(right)
        split.setSizes([720, 580])
        lay.addWidget(split, 1)
        bar = QHBoxLayout()
        bar.addWidget(wrapped_label(self.tr("QA report per handler (reviews over the last 4 weeks):"), "muted"), 1)
        self.qa_pdf_button = QPushButton(self.tr("QA report &PDF…"))
        self.qa_csv_button = QPushButton(self.tr("QA report &CSV…"))
        self.qa_pdf_button.clicked.connect(lambda: self.export_qa("pdf"))
        self.qa_csv_button.clicked.connect(lambda: self.export_qa("csv"))
        for b in (self.qa_pdf_button, self.qa_csv_button):
            b.setAutoDefault(True)
            b.setAccessibleName(b.text().replace("&", "").rstrip("…"))
            bar.addWidget(b)
        lay.addLayout(bar)
        a11y.name_parts(self)  # scroll bars named after what they scroll (issue 12)
        self.refresh()

    @property
    def week(self) -> str:
        return str(self.week_combo.currentData())

    def refresh(self, *_: Any) -> None:
        s = self.svc.settings
        self.rule_label.setText(self.tr("Per handler: every override, early exit and immediate risk, plus {n} random "
                                        "call(s) (seed '{seed}', set in Settings).").format(
                                            n=s.get('review_sample_size'), seed=s.get('review_seed')))
        try:
            self.sample = self.api.sample(self.week)
        except Exception as exc:  # never a traceback in front of the supervisor
            self.sample = []
            self.message_label.setText(self.tr("The sample could not be drawn: {error}").format(error=exc))
        self.table.setRowCount(len(self.sample))
        for i, c in enumerate(self.sample):
            score = self.api.checks(c["uuid"])
            rv = c.get("review")
            cells = [c["handler_id"] or self.tr("(none)"), local_time(c["started_at"], "%d %b %H:%M"),
                     c["outcome_code"] or "", c["why"],
                     self.tr("{score} · {critical} crit.").format(score=score.score, critical=score.critical),
                     rv["verdict"] if rv else self.tr("not reviewed")]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        outcome = COLUMNS.index("Outcome")  # long codes are elided (the detail pane has them in full)
        self.table.setColumnWidth(outcome, min(self.table.columnWidth(outcome), 14 * self.fontMetrics().averageCharWidth()))
        hh.setStretchLastSection(True)
        if self.sample:
            self.table.setCurrentCell(0, 0)
        else:
            self.show_call(None)

    def on_table_current_cell_changed(self, row: int, *_: Any) -> None:
        self.show_call(self.sample[row] if 0 <= row < len(self.sample) else None)

    def current(self) -> Optional[dict[str, Any]]:
        r = self.table.currentRow()
        return self.sample[r] if 0 <= r < len(self.sample) else None

    def show_call(self, c: Optional[dict[str, Any]]) -> None:
        self.path_list.clear()
        self.checks_list.clear()
        for b in (self.ratify_button, self.query_button):
            b.setEnabled(c is not None)
        if c is None:
            self.call_label.setText(self.tr("No call in this week's sample on this PC."))
            self.reviews_label.setText("")
            return
        rep = self.svc.call_report(c["uuid"])
        call = rep["call"]
        code = call.get("outcome_code") or ""
        dec = call.get("decision_offset_s")
        self.call_label.setText(
            f"<b>Call {c['uuid'][:8]}</b> · {PATHWAYS.get(call.get('pathway') or '', call.get('pathway') or '')} · "
            f"handler {call.get('handler_id') or '(none)'} · "
            f"{local_time(call['started_at'], '%a %d %b %Y %H:%M')} · sampled: {c['why']}<br>"
            f"Outcome <b>{code}</b> ({OUTCOME_CODES[code].response if code in OUTCOME_CODES else ''}) · "
            f"time to decision {'—' if dec is None else f'{dec:.0f} s'} · "
            f"caller told: {'yes' if call.get('caller_informed') else 'NO'}"
            + (" · overridden" if call.get("overridden") else "") + (" · ended early" if call.get("early_exit") else "")
            + (" · immediate risk" if call.get("immediate_risk") else ""))
        for p in rep["path"]:
            if p.get("answer") is not None:
                self.path_list.addItem(QListWidgetItem(f"{p['title']}: {p['answer']}"))
        for t in rep.get("unasked", []):
            self.path_list.addItem(QListWidgetItem(self.tr("Not asked: {step}").format(step=t)))
        score = self.api.checks(c["uuid"])
        for d in score.deviations:
            self.checks_list.addItem(f"{translate_weight(d.weight)} (−{d.points}) · {d.name}: {d.message}")
        if not score.deviations:
            self.checks_list.addItem(self.tr("✓ All checks met: threshold questions first, every risk question "
                                             "answered, no early exit without a reason, caller told, time to "
                                             "decision on target."))
        self.checks_list.addItem(self.tr("Score {score} / 100").format(score=score.score))
        reviews = self.api.reviews_for(c["uuid"])
        self.reviews_label.setText("; ".join(self.tr("{verdict} by {who} on {date}").format(
                                                 verdict=r['verdict'], who=r['reviewer'], date=r['created_at'][:10])
                                             + (f": “{r['comment']}”" if r["comment"] else "")
                                             + (self.tr(" (acknowledged)") if r["acknowledged_at"] else "")
                                             for r in reviews) or self.tr("Not reviewed yet."))

    def decide(self, verdict: str) -> bool:
        c = self.current()
        if c is None:
            return False
        try:
            self.api.review(c["uuid"], verdict=verdict, reviewer=self.reviewer(),
                            comment=self.comment_edit.toPlainText(), week=self.week, why=c["why"])
        except Exception as exc:
            self.message_label.setText(self.tr("Not recorded: {error}").format(error=exc))
            return False
        row = self.table.currentRow()
        self.comment_edit.clear()
        self.message_label.setText(self.tr("Recorded: call {id} {verdict}. The call itself is unchanged.").format(
            id=c['uuid'][:8], verdict=verdict))
        self.refresh()
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, 0)
        return True

    def export_qa(self, kind: str) -> Optional[str]:
        today = _dt.date.today()
        lo, hi = (today - _dt.timedelta(days=28)).isoformat(), today.isoformat()
        path = FileChooser.ask(self, title=self.tr("Save the QA report as {kind}").format(kind=kind.upper()),
                               suggested=str(self.svc.paths.documents_dir / f"qa-report-{lo}-to-{hi}.{kind}"),
                               filter=f"{kind.upper()} (*.{kind})")
        if not path:
            return None
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if kind == "pdf":
            write_qa_pdf(self.api.qa_report(lo, hi), path)
        else:
            self.api.qa_csv(path, lo, hi)
        self.message_label.setText(self.tr("Saved the QA report: {path}").format(path=path))
        return path
