"""Menu hooks for training (training mode) and review (live mode), kept out of MainWindow.

MainWindow calls `install(window)` once and `hooks.refresh()` when its start page refreshes. Role checks go through
the services' has_role (one place; the force pack's staff lists replace it).
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QKeySequence

# the dialog modules are imported where a dialog is shown: not on the way to the first paint

from triage_desktop.core.vocab import ROLE_NAMES

from .vocab_words import word

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class TrainingHooks:
    def __init__(self, window: Any):
        self.window = window
        self.run: Optional[Any] = None
        self.report_window: Optional[Any] = None
        self.review_window: Optional[Any] = None
        self._queries: Optional[Any] = None  # the start page's queries panel (live mode), made when first needed
        self._live = not window.training
        mb = window.menuBar()
        if window.training:
            self.menu = mb.addMenu(translate("TrainingHooks", "T&raining"))
            self._resumed: Optional[str] = None
            window.controller.call_finalised.connect(self._on_call_finalised)
            window.controller.call_closed.connect(self._on_call_closed)
        else:
            self.menu = mb.addMenu(translate("TrainingHooks", "&Review"))
        self.menu.aboutToShow.connect(window.fill_menus)  # its actions come with the window's (fill)
        # keep the Help menu last
        help_menu = next((a for a in mb.actions() if a.text() == translate("MainWindow", "&Help")), None)
        if help_menu is not None:
            mb.removeAction(help_menu)
            mb.addAction(help_menu)

    def fill(self) -> None:
        """The menu's actions and shortcuts (MainWindow.fill_menus, once)."""
        if self.window.training:
            self.session_action = self._action(self.menu, translate("TrainingHooks", "&Start a training session…"),
                                               self.start_session, "Ctrl+Shift+T")
            self.report_action = self._action(self.menu, translate("TrainingHooks", "Trainer &report…"),
                                              self.open_report)
            self.form_action = self._action(self.menu, translate("TrainingHooks", "&New scenario…"), self.new_scenario)
        else:
            self.review_action = self._action(self.menu, translate("TrainingHooks", "&Review live calls (supervisor)…"),
                                              self.open_review, "Ctrl+Shift+R")

    @property
    def queries(self) -> Optional[Any]:
        """The start page's panel of queried calls (live mode; None in training), made the first time it is needed:
        it stays hidden until a query is listed, so the first paint does not build it."""
        if self._queries is None and self._live:
            from .queries_panel import QueriesPanel

            self._queries = QueriesPanel()
            self._queries.acknowledged.connect(self.acknowledge)
            self.window.start_page.layout().insertWidget(3, self._queries)  # under who is taking calls
            from . import a11y

            a11y.name_parts(self._queries)  # its list's scroll bars, named as the window's are (issue 12)
        return self._queries

    def _show_queries(self, queries: list[Any]) -> None:
        panel = self.queries if (queries or self._queries is not None) else None  # made for its first query
        if panel is not None:
            panel.show_queries(queries)

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Optional[str] = None) -> QAction:
        act = QAction(text, self.window)
        if shortcut:
            # setShortcuts([k]) is Qt's setShortcut(k); from Python, setShortcut's overloads (Qt.Key...) build `Qt`'s
            # enums; the default context is the window's (Qt.WindowShortcut)
            act.setShortcuts([QKeySequence(shortcut)])
        act.triggered.connect(slot)
        menu.addAction(act)
        self.window.addAction(act)
        return act

    def _allowed(self, role: str, what: str) -> bool:
        svc = self.window.svc
        if svc is None:
            return False
        if svc.has_role(role):
            return True
        role = word(ROLE_NAMES.get(role, role)).lower()  # `what` comes translated from the caller
        from .message_boxes import ErrorDialog
        ErrorDialog.ask(self.window, title=translate("TrainingHooks", "Only a {role} can {what}").format(role=role,
                                                                                                       what=what),
                        what=translate("TrainingHooks", "The person signed in is not a {role}.").format(role=role),
                        safe=translate("TrainingHooks", "Nothing has changed."),
                        next_step=translate("TrainingHooks", "Sign in as a {role} (Tools ▸ Sign in as supervisor or "
                                            "trainer, with a force pack; else Tools ▸ Change handler) and try "
                                            "again.").format(role=role))
        return False

    # ----- training ---------------------------------------------------------------------------------------
    def start_session(self) -> None:
        w = self.window
        if not self._allowed("trainer", translate("TrainingHooks", "start a training session")):
            return
        if w.controller.active:
            from .message_boxes import ErrorDialog
            ErrorDialog.ask(w, title=translate("TrainingHooks", "Finish this call first"),
                            what=translate("TrainingHooks", "A call is open."),
                            safe=translate("TrainingHooks", "It is saved."),
                            next_step=translate("TrainingHooks", "Finish it, then start the session."))
            return
        from .training_session import TrainingRun
        from .training_session_dialog import TrainingSessionDialog

        if self.run is not None:  # a session left without a call open (e.g. a plain call taken in between)
            self.run.stop()

        scenarios = w.svc.training_api.scenarios()
        got = TrainingSessionDialog.ask(w, scenarios=scenarios)
        if not got:
            return
        plan = [(t, s) for t in got["trainees"] for s in got["scenarios"]]
        self.run = TrainingRun(w, plan=plan, reveal=got["reveal"], trainer=w.handler[0])
        self.run.finished.connect(self._session_finished)
        self.run.start()

    # a training call resumed after a crash (no session running): still scored, with its debrief
    def _on_call_finalised(self, uuid: str) -> None:
        self._resumed = uuid if self.run is None else None

    def _on_call_closed(self) -> None:
        # after the main window has gone back to its start page (its slot is connected after this one)
        QTimer.singleShot(0, self._show_resumed_debrief)

    def _show_resumed_debrief(self) -> None:
        uuid, self._resumed = self._resumed, None
        w = self.window
        if uuid is None or w.svc is None or w.svc.training_api.call_meta(uuid) is None:
            return
        from .debrief_page import DebriefPage

        try:
            d = w.svc.training_api.score_call(uuid)
        except Exception as exc:
            w.show_error(translate("TrainingHooks", "scoring the training call"), exc)
            return
        page = getattr(self, "resumed_debrief", None)
        if page is None:
            page = self.resumed_debrief = DebriefPage()
            w.stack.addWidget(page)
            page.next_clicked.connect(lambda: w.stack.setCurrentWidget(w.start_page))
        page.show_debrief(d, trainee=d.result["trainee"], progress=translate("TrainingHooks", "A resumed training call"),
                          last=True)
        page.next_button.setText(translate("TrainingHooks", "Back to the start page  (Enter)"))
        page.next_button.setAccessibleName(translate("TrainingHooks", "Back to the start page"))
        w.stack.setCurrentWidget(page)

    def _session_finished(self) -> None:
        self.run = None
        if self.report_window is not None:
            self.report_window.refresh()

    def open_report(self) -> None:
        if not self._allowed("trainer", translate("TrainingHooks", "open the trainer report")):
            return
        from .training_report import TrainerReportWindow

        if self.report_window is None:
            self.report_window = TrainerReportWindow(self.window.svc, parent=self.window)
        else:
            self.report_window._fill_trainees()
            self.report_window.refresh()
        self.report_window.show()
        self.report_window.raise_()

    def new_scenario(self) -> None:
        if not self._allowed("trainer", translate("TrainingHooks", "add a scenario")):
            return
        from .training_scenario_form import ScenarioFormDialog

        path = ScenarioFormDialog.ask(self.window, svc=self.window.svc)
        if path:
            self.window.statusBar().showMessage(translate("TrainingHooks", "Scenario saved and checked: {path}").format(
                path=path), 10000)

    # ----- review ---------------------------------------------------------------------------------------------
    def open_review(self) -> None:
        if not self._allowed("supervisor", translate("TrainingHooks", "review calls")):
            return
        from .review_screen import ReviewWindow

        if self.review_window is None:
            self.review_window = ReviewWindow(self.window.svc, reviewer=lambda: self.window.handler[0],
                                              parent=self.window)
        else:
            self.review_window.refresh()
        self.review_window.show()
        self.review_window.raise_()

    def acknowledge(self, review_id: int) -> None:
        svc, handler = self.window.svc, self.window.handler[0]

        def failed(exc: BaseException) -> None:
            self.window.show_error(translate("TrainingHooks", "acknowledging the query"), exc)
            self.refresh()

        self.window.bridge.run(svc.submit, lambda: svc.review_api.acknowledge(review_id, handler),
                               on_result=lambda _: self.refresh(), on_error=failed)

    def refresh(self) -> None:
        svc = self.window.svc
        if not self._live or svc is None:
            return
        handler = self.window.handler[0]
        if not handler:  # nobody signed in (as at start-up): no queries to list, as open_queries('') says
            self._show_queries([])
            return
        # read on the database worker; the panel fills in when the answer arrives (the GUI thread never waits)
        self.window.bridge.run(svc.submit, lambda: svc.review_api.open_queries(handler),
                               on_result=self._show_queries,
                               on_error=lambda exc: log.error("listing queried calls", exc_info=exc))


def install(window: Any) -> TrainingHooks:
    return TrainingHooks(window)
