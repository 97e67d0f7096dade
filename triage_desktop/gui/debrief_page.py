"""The debrief after a training call: score, the expected and the trainee's path side by side, each deviation
named and weighted, and the learning points."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import OUTCOME_CODES, PATHWAYS

from . import a11y, theme
from .labels import wrapped_label
from .training_words import WEIGHT_WORDS, translate
from .vocab_words import word


class DebriefPage(QWidget):
    """Score, expected vs trainee's path side by side, each deviation named and weighted, learning points."""

    next_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("DebriefPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = wrapped_label(self.tr("⚠ TRAINING: not a real call. Debrief of a mock call; the result is kept in "
                                    "this PC's training database."), "training")
        outer.addWidget(self.banner)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(32, 16, 32, 16)
        self.title_label = wrapped_label()
        theme.apply_font(self.title_label, theme.HEADLINE_FACTOR, bold=True)
        lay.addWidget(self.title_label)
        self.score_label = wrapped_label()
        a11y.text_label(self.score_label, self.tr("Score"))
        theme.apply_font(self.score_label, theme.SAY_FACTOR, bold=True)
        lay.addWidget(self.score_label)
        self.ready_label = wrapped_label("", "flag")
        self.ready_label.hide()
        lay.addWidget(self.ready_label)
        lay.addWidget(wrapped_label(self.tr("Deviations (each named, with its weight)"), "caption"))
        self.deviation_list = QListWidget()
        self.deviation_list.setAccessibleName(self.tr("Deviations"))
        self.deviation_list.setWordWrap(True)
        lay.addWidget(self.deviation_list)
        lay.addWidget(wrapped_label(self.tr("Expected path and the trainee's path, side by side"), "caption"))
        self.path_table = QTableWidget(0, 3)
        self.path_table.setAccessibleName(self.tr("Expected path and trainee's path"))
        self.path_table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Expected (careful handler)"),
                                                   self.tr("Trainee")])
        self.path_table.verticalHeader().setVisible(False)
        self.path_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.path_table.setWordWrap(True)
        hh = self.path_table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.path_table.setMinimumHeight(220)
        lay.addWidget(self.path_table, 1)
        lay.addWidget(wrapped_label(self.tr("Learning points"), "caption"))
        self.learning_label = wrapped_label()
        lay.addWidget(self.learning_label)
        self.notes_label = wrapped_label("", "muted")
        lay.addWidget(self.notes_label)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(32, 8, 32, 12)
        self.progress_label = wrapped_label("", "muted")
        bar.addWidget(self.progress_label, 1)
        self.next_button = QPushButton(self.tr("Next call  (Enter)"))
        self.next_button.setProperty("role", "primary")
        self.next_button.setAutoDefault(True)
        self.next_button.setAccessibleName(self.tr("Next call"))
        self.next_button.clicked.connect(self.next_clicked)
        bar.addWidget(self.next_button)
        outer.addLayout(bar)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            sc = QShortcut(QKeySequence(key), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(self.next_button.click)
        a11y.name_parts(self)  # scroll bars named after what they scroll (issue 12)

    def show_debrief(self, d: Any, *, trainee: str, progress: str, last: bool) -> None:
        s = d.score
        self.title_label.setText(self.tr("Debrief: {title} (trainee {id})").format(title=d.scenario.title, id=trainee))
        verdict = self.tr("PASSED") if s.passed else self.tr("NOT PASSED")
        self.score_label.setText(self.tr("Score {score} / 100 · {verdict} · {critical} critical, {major} major, "
                                         "{minor} minor").format(score=s.score, verdict=verdict, critical=s.critical,
                                                                 major=s.count('major'), minor=s.count('minor')))
        if d.ready_now:
            names = ", ".join(word(PATHWAYS.get(p, p)) for p in d.ready_now)
            self.ready_label.setText(self.tr("✓ Ready for live: {names} (the required clean passes are now "
                                             "recorded).").format(names=names))
            self.ready_label.show()
        else:
            self.ready_label.hide()
        self.deviation_list.clear()
        for dev in s.deviations:
            self.deviation_list.addItem(f"{translate('Training', WEIGHT_WORDS[dev.weight])} (−{dev.points}) · "
                                        f"{dev.name}: {dev.message}")
        if not s.deviations:
            self.deviation_list.addItem(self.tr("None: the call followed the card."))
        self._fit(self.deviation_list, 6)
        self._fill_paths(d)
        self.learning_label.setText("\n".join(f"• {p}" for p in d.learning_points))
        self.notes_label.setText(" ".join(d.notes))
        self.progress_label.setText(progress)
        self.next_button.setText(self.tr("Finish the session  (Enter)") if last else self.tr("Next call  (Enter)"))
        self.next_button.setAccessibleName(self.tr("Finish the session") if last else self.tr("Next call"))
        self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _fit(lst: QListWidget, most: int) -> None:
        """As tall as its rows (up to `most`, then it scrolls): the side-by-side table gets the rest."""
        lst.doItemsLayout()
        rows = [lst.sizeHintForRow(i) for i in range(min(lst.count(), most))]
        lst.setFixedHeight(sum(rows) + 2 * lst.frameWidth() + 6)

    def _fill_paths(self, d: Any) -> None:
        exp = {(r["flow"], r["node"]): r for r in d.expected}
        got = {(r["flow"], r["node"]): r for r in d.taken}
        keys = [k for k in exp] + [k for k in got if k not in exp]
        flagged = {(dev.flow, dev.node) for dev in d.score.deviations if dev.node}
        rows = []
        for k in keys:
            e, g = exp.get(k), got.get(k)
            row = e if e is not None else g
            assert row is not None
            title = row["title"] + (self.tr(" (risk)") if row["risk"] else "")
            ea = e["answer"] if e else self.tr("— not on the card's path")
            ga = g["answer"] if g else self.tr("— not asked")
            mark = "≠ " if (e is not None and g is not None and ea != ga) or k in flagged else ""
            rows.append((title, ea, mark + ga))
        out_e = ", ".join(f"{c} ({word(OUTCOME_CODES[c].response)})" if c in OUTCOME_CODES else c
                          for c in d.expected_outcome.split(" or "))
        out_g = (f"{d.taken_outcome} ({word(OUTCOME_CODES[d.taken_outcome].response)})"
                 if d.taken_outcome in OUTCOME_CODES else d.taken_outcome)
        rows.append((self.tr("Outcome"), out_e, ("" if d.taken_outcome in d.expected_outcome.split(" or ") else "≠ ") + out_g))
        self.path_table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.path_table.setItem(i, j, QTableWidgetItem(text))
        self.path_table.resizeRowsToContents()
