"""Training sessions in the app: one session's run (TrainingRun) of mock calls, with the caller card and the debriefs.

Only in training mode (the training database). The trainee takes each mock call in the normal call screen; the
caller card (a dock beside it, caller_card.py) plays the caller, either all of it for the trainer to read, or each
reply revealed as the trainee asks its question. The trainer plays the scenario's escalation line at any time (F8).
When the call is finished, the debrief page (debrief_page.py) shows the score, the expected and the trainee's path
side by side, each deviation named and weighted, and the learning points. The session is chosen in
training_session_dialog.py.
"""
from __future__ import annotations

import logging
import uuid as _uuid
from typing import Any, Optional, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QScrollArea

from . import a11y
from .caller_card import CallerCard
from .debrief_page import DebriefPage

log = logging.getLogger(__name__)


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
        self.dock = QDockWidget(self.tr("Caller card (trainer)"), window)
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
        self.card_scroll.setAccessibleName(self.tr("Caller card"))
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
        return self.tr("Call {n} of {total} in this session").format(n=self.index + 1, total=len(self.plan))

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
            self.window.show_error(self.tr("starting the training call"), exc)
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
            self.window.show_error(self.tr("playing the escalation line"), exc)
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
                reply = (self.tr("(The caller has just said the escalation line: below.)") if self.escalated
                         else self.tr("⚠ The escalation comes here: press F8 and read the caller's new line."))
            else:
                reply = self.api.caller_reply(sid, key, escalated=self.escalated)
        else:
            asked, reply = self.tr("(No question on screen)"), ""
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
            lines.extend(self.tr("Fact: {fact}").format(fact=f) for f in self.scenario.facts)
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
            self.window.show_error(self.tr("scoring the training call"), exc)
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
        self.window.statusBar().showMessage(self.tr("Training session finished: {n} call(s) scored. See Training ▸ "
                                                    "Trainer report.").format(n=len(self.debriefs)), 10000)
        self.finished.emit()
