"""Training sessions in the app: the trainer's session dialog, the caller-card panel, the debrief page.

Only in training mode (the training database). The trainee takes each mock call in the normal call screen; the
caller card (a dock beside it) plays the caller, either all of it for the trainer to read, or each reply revealed
as the trainee asks its question. The trainer plays the scenario's escalation line at any time (F8). When the
call is finished, the debrief page shows the score, the expected and the trainee's path side by side, each
deviation named and weighted, and the learning points.
"""
from __future__ import annotations

import logging
import uuid as _uuid
from typing import Any, Optional, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from triage_desktop.core.vocab import OUTCOME_CODES, PATHWAYS

from . import a11y
from . import theme
from .dialogs import _buttons
from .labels import wrapped_label

log = logging.getLogger(__name__)

DIFFICULTY_WORDS = {"foundation": "Foundation", "intermediate": "Intermediate", "advanced": "Advanced"}
WEIGHT_WORDS = {"critical": "CRITICAL", "major": "Major", "minor": "Minor"}


def scenario_label(s: Any) -> str:
    return (f"{s.title} · {PATHWAYS.get(s.pathway, s.pathway)} · {DIFFICULTY_WORDS.get(s.difficulty, s.difficulty)}"
            + (" · escalation" if s.escalation is not None else ""))


def _unquote(text: str) -> str:
    """The caller's words without the quote marks a scenario file may already have round them."""
    return str(text).strip().strip('"“”').strip()




class TrainingSessionDialog(QDialog):
    """The trainer chooses trainees and scenarios (by hand, or a random draw by pathway and difficulty)."""

    def __init__(self, parent: Optional[QWidget], *, scenarios: Sequence[Any], trainees: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Start a training session — TRAINING: not a real call")
        self.scenarios = list(scenarios)
        lay = QVBoxLayout(self)
        lay.addWidget(wrapped_label("TRAINING: not a real call. Each trainee takes each chosen scenario in turn, in the "
                            "normal call screen. Results are kept on this PC's training database only.", "training"))
        form = QFormLayout()
        self.trainees_edit = QLineEdit(trainees)
        self.trainees_edit.setAccessibleName("Trainee staff ids")
        self.trainees_edit.setPlaceholderText("e.g. 4512, 4519 (staff ids, comma separated)")
        form.addRow("&Trainees (staff ids)", self.trainees_edit)
        lay.addLayout(form)
        from triage_desktop.core.training import library_summary

        self.library_label = wrapped_label(f"Library on this PC: {library_summary(self.scenarios)}", "muted")
        lay.addWidget(self.library_label)
        lay.addWidget(QLabel("Scenarios (Space ticks the selected one)"))
        self.scenario_list = QListWidget()
        self.scenario_list.setAccessibleName("Scenarios")
        for s in self.scenarios:
            item = QListWidgetItem(scenario_label(s))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.scenario_list.addItem(item)
        if self.scenarios:
            self.scenario_list.setCurrentRow(0)
        lay.addWidget(self.scenario_list, 1)
        row = QHBoxLayout()
        self.pathway_combo = QComboBox()
        self.pathway_combo.setAccessibleName("Draw from pathway")
        self.pathway_combo.addItem("Any pathway", "")
        for p in sorted({s.pathway for s in self.scenarios}):
            self.pathway_combo.addItem(PATHWAYS.get(p, p), p)
        self.difficulty_combo = QComboBox()
        self.difficulty_combo.setAccessibleName("Draw at difficulty")
        self.difficulty_combo.addItem("Any difficulty", "")
        for d in DIFFICULTY_WORDS:
            self.difficulty_combo.addItem(DIFFICULTY_WORDS[d], d)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, 20)
        self.count_spin.setValue(2)
        self.count_spin.setAccessibleName("How many to draw")
        self.draw_button = QPushButton("&Random draw")
        self.draw_button.setAutoDefault(False)
        self.draw_button.clicked.connect(self.on_draw_button_clicked)
        for w in (QLabel("Draw"), self.count_spin, self.pathway_combo, self.difficulty_combo, self.draw_button):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        self.reveal_check = QCheckBox("&Reveal each caller reply only when the trainee asks its question")
        self.reveal_check.setChecked(True)
        lay.addWidget(self.reveal_check)
        self.error_label = wrapped_label("", "error")
        self.error_label.hide()
        lay.addWidget(self.error_label)
        self.button_box = _buttons(self, "Start session")
        self.button_box.accepted.disconnect()
        self.button_box.accepted.connect(self.on_start)
        lay.addWidget(self.button_box)
        order = [self.trainees_edit, self.scenario_list, self.count_spin, self.pathway_combo, self.difficulty_combo,
                 self.draw_button, self.reveal_check, *self.button_box.buttons()]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)  # reading order
        self.resize(720, 560)
        a11y.name_parts(self)

    def checked_ids(self) -> list[str]:
        out = []
        for i in range(self.scenario_list.count()):
            it = self.scenario_list.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(str(it.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_checked(self, ids: Sequence[str]) -> None:
        for i in range(self.scenario_list.count()):
            it = self.scenario_list.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in ids
                             else Qt.CheckState.Unchecked)

    def on_draw_button_clicked(self, seed: Optional[int] = None) -> None:
        from triage_desktop.core.training import draw

        got = draw(self.scenarios, count=self.count_spin.value(), pathway=self.pathway_combo.currentData(),
                   difficulty=self.difficulty_combo.currentData(), seed=seed if isinstance(seed, int) else None)
        self.set_checked([s.id for s in got])
        if not got:
            self._error("No scenario fits that pathway and difficulty.")

    def trainees(self) -> list[str]:
        return [t for t in self.trainees_edit.text().replace(",", " ").split() if t]

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def on_start(self) -> None:
        if not self.trainees():
            self._error("Type at least one trainee's staff id.")
            self.trainees_edit.setFocus()
        elif not self.checked_ids():
            self._error("Tick at least one scenario, or use Random draw.")
            self.scenario_list.setFocus()
        else:
            self.accept()

    def result_value(self) -> dict[str, Any]:
        return {"trainees": self.trainees(), "scenarios": self.checked_ids(), "reveal": self.reveal_check.isChecked()}

    @classmethod
    def ask(cls, parent: Optional[QWidget], *, scenarios: Sequence[Any], trainees: str = "") -> Optional[dict]:
        d = cls(parent, scenarios=scenarios, trainees=trainees)
        return d.result_value() if d.exec() == QDialog.DialogCode.Accepted else None


class CallerCard(QWidget):
    """The caller's side of the script, for the trainer who plays the caller."""

    escalation_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("CallerCard")
        lay = QVBoxLayout(self)
        self.banner = wrapped_label("⚠ TRAINING: not a real call. Caller card: for the trainer playing the caller.",
                            "training")
        lay.addWidget(self.banner)
        self.title_label = wrapped_label()
        theme.apply_font(self.title_label, theme.BUTTON_FACTOR, bold=True)
        lay.addWidget(self.title_label)
        self.trainee_label = wrapped_label("", "muted")
        lay.addWidget(self.trainee_label)
        lay.addWidget(wrapped_label("The caller opens with", "caption"))
        self.narrative_label = wrapped_label()
        a11y.text_label(self.narrative_label, "What the caller says first")
        lay.addWidget(self.narrative_label)
        lay.addWidget(wrapped_label("Asked now", "caption"))
        self.asked_label = wrapped_label()
        lay.addWidget(self.asked_label)
        self.reply_label = wrapped_label()
        a11y.text_label(self.reply_label, "What the caller says to this question")
        theme.apply_font(self.reply_label, theme.BUTTON_FACTOR)
        lay.addWidget(self.reply_label)
        self.escalation_button = QPushButton("Play escalation (F8)")
        self.escalation_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.escalation_button.setAccessibleName("Play escalation line")
        self.escalation_button.setAutoDefault(True)
        self.escalation_button.clicked.connect(self.escalation_clicked)
        lay.addWidget(self.escalation_button)
        self.escalation_label = wrapped_label("", "flag")
        self.escalation_label.hide()
        lay.addWidget(self.escalation_label)
        self.card_caption = wrapped_label("Caller's replies so far", "caption")
        lay.addWidget(self.card_caption)
        self.card_list = QListWidget()
        self.card_list.setAccessibleName("Caller's replies")
        self.card_list.setWordWrap(True)
        self.card_list.setMinimumWidth(0)
        self.card_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lay.addWidget(self.card_list, 1)
        self.progress_label = wrapped_label("", "muted")
        lay.addWidget(self.progress_label)
        lay.addWidget(wrapped_label("F8 plays the escalation line; Shift+F8 hides or shows this card.", "muted"))

    def show_scenario(self, scenario: Any, *, trainee: str, progress: str, reveal: bool) -> None:
        self.title_label.setText(scenario.title)
        self.trainee_label.setText(f"Trainee {trainee} · {PATHWAYS.get(scenario.pathway, scenario.pathway)} · "
                                   f"{DIFFICULTY_WORDS.get(scenario.difficulty, scenario.difficulty)}")
        self.narrative_label.setText(f"“{_unquote(scenario.narrative)}”")
        self.card_caption.setText("Caller's replies so far" if reveal else "The whole card (trainer view)")
        self.escalation_button.setVisible(scenario.escalation is not None)
        self.escalation_button.setEnabled(scenario.escalation is not None)
        self.escalation_label.hide()
        self.progress_label.setText(progress)

    def show_escalation(self, line: str) -> None:
        self.escalation_label.setText(f"⚠ Escalation played. The caller now says: “{_unquote(line)}”")
        self.escalation_label.show()
        self.escalation_button.setEnabled(False)

    def show_replies(self, asked: str, reply: str, lines: Sequence[str]) -> None:
        self.asked_label.setText(asked)
        self.reply_label.setText(reply)
        self.card_list.clear()
        for ln in lines:
            self.card_list.addItem(ln)


class DebriefPage(QWidget):
    """Score, expected vs trainee's path side by side, each deviation named and weighted, learning points."""

    next_clicked = Signal()

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setObjectName("DebriefPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = wrapped_label("⚠ TRAINING: not a real call. Debrief of a mock call; the result is kept in this PC's "
                            "training database.", "training")
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
        a11y.text_label(self.score_label, "Score")
        theme.apply_font(self.score_label, theme.SAY_FACTOR, bold=True)
        lay.addWidget(self.score_label)
        self.ready_label = wrapped_label("", "flag")
        self.ready_label.hide()
        lay.addWidget(self.ready_label)
        lay.addWidget(wrapped_label("Deviations (each named, with its weight)", "caption"))
        self.deviation_list = QListWidget()
        self.deviation_list.setAccessibleName("Deviations")
        self.deviation_list.setWordWrap(True)
        lay.addWidget(self.deviation_list)
        lay.addWidget(wrapped_label("Expected path and the trainee's path, side by side", "caption"))
        self.path_table = QTableWidget(0, 3)
        self.path_table.setAccessibleName("Expected path and trainee's path")
        self.path_table.setHorizontalHeaderLabels(["Question", "Expected (careful handler)", "Trainee"])
        self.path_table.verticalHeader().setVisible(False)
        self.path_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.path_table.setWordWrap(True)
        hh = self.path_table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.path_table.setMinimumHeight(220)
        lay.addWidget(self.path_table, 1)
        lay.addWidget(wrapped_label("Learning points", "caption"))
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
        self.next_button = QPushButton("Next call  (Enter)")
        self.next_button.setProperty("role", "primary")
        self.next_button.setAutoDefault(True)
        self.next_button.setAccessibleName("Next call")
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
        self.title_label.setText(f"Debrief: {d.scenario.title} (trainee {trainee})")
        verdict = "PASSED" if s.passed else "NOT PASSED"
        self.score_label.setText(f"Score {s.score} / 100 · {verdict} · {s.critical} critical, "
                                 f"{s.count('major')} major, {s.count('minor')} minor")
        if d.ready_now:
            names = ", ".join(PATHWAYS.get(p, p) for p in d.ready_now)
            self.ready_label.setText(f"✓ Ready for live: {names} (the required clean passes are now recorded).")
            self.ready_label.show()
        else:
            self.ready_label.hide()
        self.deviation_list.clear()
        for dev in s.deviations:
            self.deviation_list.addItem(f"{WEIGHT_WORDS[dev.weight]} (−{dev.points}) · {dev.name}: {dev.message}")
        if not s.deviations:
            self.deviation_list.addItem("None: the call followed the card.")
        self._fit(self.deviation_list, 6)
        self._fill_paths(d)
        self.learning_label.setText("\n".join(f"• {p}" for p in d.learning_points))
        self.notes_label.setText(" ".join(d.notes))
        self.progress_label.setText(progress)
        self.next_button.setText("Finish the session  (Enter)" if last else "Next call  (Enter)")
        self.next_button.setAccessibleName("Finish the session" if last else "Next call")
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
            title = row["title"] + (" (risk)" if row["risk"] else "")
            ea = e["answer"] if e else "— not on the card's path"
            ga = g["answer"] if g else "— not asked"
            mark = "≠ " if (e is not None and g is not None and ea != ga) or k in flagged else ""
            rows.append((title, ea, mark + ga))
        out_e = ", ".join(f"{c} ({OUTCOME_CODES[c].response})" if c in OUTCOME_CODES else c
                          for c in d.expected_outcome.split(" or "))
        out_g = (f"{d.taken_outcome} ({OUTCOME_CODES[d.taken_outcome].response})"
                 if d.taken_outcome in OUTCOME_CODES else d.taken_outcome)
        rows.append(("Outcome", out_e, ("" if d.taken_outcome in d.expected_outcome.split(" or ") else "≠ ") + out_g))
        self.path_table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                self.path_table.setItem(i, j, QTableWidgetItem(text))
        self.path_table.resizeRowsToContents()


class TrainingRun(QObject):
    """One training session: the queue of (trainee, scenario), each call, the card and the debriefs."""

    finished = Signal()

    def __init__(self, window: Any, *, plan: Sequence[tuple[str, str]], reveal: bool, trainer: str):
        super().__init__(window)
        self.window = window
        self.api = window.svc.training_api
        self.plan = list(plan)
        self.reveal = reveal
        self.trainer = trainer
        self.session_id = str(_uuid.uuid4())[:8]
        self.index = -1
        self.current: Optional[tuple[str, str]] = None
        self.escalated = False
        self.debriefs: list[Any] = []
        self._pending: Optional[str] = None
        self.card = CallerCard()
        self.dock = QDockWidget("Caller card (trainer)", window)
        self.dock.setObjectName("CallerCardDock")
        # closable (Shift+F8 brings it back) and floatable: at 200 % text on a 1366×768 screen, float it or hide it
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                              | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.card_scroll = QScrollArea()  # at 200 % text the card scrolls instead of clipping
        self.card_scroll.setWidgetResizable(True)
        self.card_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.card_scroll.setWidget(self.card)
        self.card_scroll.setMinimumWidth(240)  # narrow at any text size: its words wrap, it scrolls down
        self.dock.setWidget(self.card_scroll)
        self.card_scroll.setAccessibleName("Caller card")
        a11y.name_parts(self.card_scroll)  # its scroll bars and the replies list's (issue 12)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.debrief = DebriefPage()
        window.stack.addWidget(self.debrief)
        self.card.escalation_clicked.connect(self.inject_escalation)
        self.debrief.next_clicked.connect(self.next_call)
        self.f8 = QShortcut(QKeySequence("F8"), window)
        self.f8.activated.connect(self.inject_escalation)
        # Shift+F8, beside F8 (the escalation line): F7 is the call language, F6 the side panel (fit branch)
        self.card_key = QShortcut(QKeySequence("Shift+F8"), window)
        self.card_key.activated.connect(self.toggle_card)
        c = window.controller
        c.call_changed.connect(self.on_call_changed)
        c.call_finalised.connect(self.on_call_finalised)
        c.call_closed.connect(self.on_call_closed)

    @property
    def scenario(self) -> Any:
        return self.api.scenario(self.current[1]) if self.current else None

    def progress(self) -> str:
        return f"Call {self.index + 1} of {len(self.plan)} in this session"

    def start(self) -> None:
        self.next_call()

    def next_call(self) -> None:
        if self.window.controller.active:
            return
        self.index += 1
        if self.index >= len(self.plan):
            self.stop()
            return
        trainee, sid = self.plan[self.index]
        self.current = (trainee, sid)
        self.escalated = False
        try:
            session = self.api.start_call(sid, trainee=trainee, trainer=self.trainer, session_id=self.session_id)
        except Exception as exc:
            self.window.show_error("starting the training call", exc)
            self.stop()
            return
        self.card.show_scenario(self.scenario, trainee=trainee, progress=self.progress(), reveal=self.reveal)
        self.dock.show()
        self.window.controller.attach(session)

    def toggle_card(self) -> None:
        """Shift+F8: hide or show the caller card (the call goes on either way)."""
        if self.window.controller.active:
            self.dock.setVisible(not self.dock.isVisible())

    def inject_escalation(self) -> None:
        c = self.window.controller
        if not c.active or self.current is None or self.escalated or self.scenario.escalation is None:
            return
        try:
            line = self.api.inject_escalation(c.session, self.current[1])
        except Exception as exc:
            self.window.show_error("playing the escalation line", exc)
            return
        self.escalated = True
        self.card.show_escalation(line)
        self.on_call_changed()

    def on_call_changed(self, changes: Any = None) -> None:
        view = self.window.controller.view
        if view is None or self.current is None:
            return
        sid = self.current[1]
        key = view.current
        esc = self.scenario.escalation
        titles = {r.key: r.title for r in view.path if r.key is not None}
        if key is not None and view.question is not None and view.question.kind != "info":
            titles[key] = view.question.title
            asked = f"“{view.question.title}”"
            if esc is not None and key == esc.at:
                reply = ("(The caller has just said the escalation line: below.)" if self.escalated
                         else "⚠ The escalation comes here: press F8 and read the caller's new line.")
            else:
                reply = self.api.caller_reply(sid, key, escalated=self.escalated)
        else:
            asked, reply = "(No question on screen)", ""
        lines = []
        asked_keys = [r.key for r in view.path if r.kind == "answer" and r.key is not None]  # answered questions
        if self.reveal:
            keys = asked_keys
        else:
            keys = asked_keys + [k for k in self.api.scenario(sid).answers if k not in asked_keys]
        for k in keys:
            title = titles.get(k) or self.api.question_title(sid, k)
            if title is None:
                continue
            lines.append(f"{title}: {self.api.caller_reply(sid, k, escalated=self.escalated)}")
        if not self.reveal:
            lines.extend(f"Fact: {f}" for f in self.scenario.facts)
        self.card.show_replies(asked, reply, lines)

    def on_call_finalised(self, uuid: str) -> None:
        # only this session's scenario calls get a debrief (a plain Ctrl+N call in between is left alone)
        self._pending = uuid if self.api.call_meta(uuid) is not None else None

    def on_call_closed(self) -> None:
        uuid, self._pending = self._pending, None
        if uuid is None:
            return
        self.dock.hide()
        try:
            d = self.api.score_call(uuid)
        except Exception as exc:
            log.exception("scoring the training call")
            self.window.show_error("scoring the training call", exc)
            return
        self.debriefs.append(d)
        self.debrief.show_debrief(d, trainee=self.current[0] if self.current else "", progress=self.progress(),
                                  last=self.index + 1 >= len(self.plan))
        self.window.stack.setCurrentWidget(self.debrief)
        self.debrief.next_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        c = self.window.controller
        for sig, slot in ((c.call_changed, self.on_call_changed), (c.call_finalised, self.on_call_finalised),
                          (c.call_closed, self.on_call_closed)):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self.f8.setEnabled(False)
        self.card_key.setEnabled(False)
        self.dock.hide()
        self.window.removeDockWidget(self.dock)
        self.window.stack.setCurrentWidget(self.window.start_page)
        self.window.stack.removeWidget(self.debrief)
        self.window.statusBar().showMessage(f"Training session finished: {len(self.debriefs)} call(s) scored. "
                                            "See Training ▸ Trainer report.", 10000)
        self.finished.emit()
