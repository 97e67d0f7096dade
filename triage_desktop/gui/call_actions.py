"""CallActionsMixin: the main window's call actions that open a dialog first (immediate risk, who is calling, caller
details, early exit, handover, override, finish, copy for the incident log). MainWindow (menus and shell) mixes it in;
every action goes to the CallController, which runs it on the services' worker."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Optional, cast

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from .dialogs import ConfirmDialog, EarlyExitDialog, HandoverDialog, OverrideDialog, ReasonDialog

if TYPE_CHECKING:
    from .call_screen import CallScreen
    from .controller import CallController

log = logging.getLogger(__name__)

IMMEDIATE_RISK_SUGGESTIONS = (
    "Caller says someone is being attacked or threatened now",
    "Weapon mentioned and person is with others",
    "Person says they are about to harm themselves",
    "Caller screaming / call cut off in distress",
)


class CallActionsMixin:
    """Needs from the window: controller, call_screen, bridge, svc, statusBar(), show_error()."""

    controller: "CallController"
    bridge: Any
    svc: Any
    _last_view: Optional[Any]

    if TYPE_CHECKING:
        @property
        def call_screen(self) -> "CallScreen": ...
        def statusBar(self) -> Any: ...  # noqa: N802
        def show_error(self, doing: str, exc: BaseException) -> None: ...

    def _parent(self) -> QWidget:
        """The window, as the dialogs' parent."""
        return cast(QWidget, self)

    def on_question_page_answer_chosen(self, value: Any) -> None:
        self.controller.answer(value, volunteered=self.call_screen.question_page.volunteered)

    def on_question_page_volunteered_changed(self, on: bool) -> None:
        view = self.controller.view
        if view is not None and view.question is not None and view.question.previous is not None:
            self.controller.set_volunteered(on)

    def on_side_panel_note_committed(self, text: str) -> None:
        if self.controller.note(text):
            self.call_screen.side_panel.note_stored(text)

    def on_risk_action_triggered(self) -> None:
        if not self.controller.active:
            return
        self.call_screen.side_panel.commit_note()
        reason = ReasonDialog.ask(self._parent(), title="Immediate risk",
                                  prompt="Police will be sent as an emergency. Say why there is an immediate risk "
                                         "to life or of serious harm (choose one or type your own).",
                                  ok_text="Send police now", suggestions=IMMEDIATE_RISK_SUGGESTIONS)
        if reason:
            self.controller.immediate_risk(reason)

    def on_question_page_finish_clicked(self) -> None:
        """Finish after the decision: asks first (Enter finishes, Esc stays), as the steps left are then not asked."""
        view = self.controller.view
        if view is None or not view.in_post_decision:
            return
        self.call_screen.side_panel.commit_note()
        left = view.question.title if view.question is not None else "the remaining steps"
        if ConfirmDialog.ask(self._parent(), title="Finish the call now?",
                             text=f"The decision stays as recorded. “{left}” and the steps after it will be recorded "
                                  "as not asked (never as “no”).",
                             yes="Finish now", no="Keep asking"):
            self.controller.finish()

    def on_caller_type_action_triggered(self) -> None:
        """Ctrl+T: record or change who is calling; the words on screen change to fit them."""
        view = self.controller.view
        if view is None:
            return
        from .callers import CallerTypeDialog

        code = CallerTypeDialog.ask(self._parent(), current=view.caller_type)
        if code and code != view.caller_type:
            self.controller.set_caller_type(code)

    def on_caller_details_action_triggered(self) -> None:
        """Ctrl+D: phone number and names; shows how many earlier calls on this PC share them."""
        if not self.controller.active:
            return
        from .callers import CallerDetailsDialog, repeat_notice

        got = CallerDetailsDialog.ask(self._parent())
        if got is None:
            return

        def found(contact: Any) -> None:
            if contact is not None:
                self.call_screen.side_panel.show_repeat(repeat_notice(contact))

        self.controller.set_caller_details(got, then=found)

    def on_early_exit_action_triggered(self) -> None:
        view = self.controller.view
        if view is None or view.outcome is not None or view.status != "in_progress" or view.in_post_decision:
            return
        self.call_screen.side_panel.commit_note()
        session = self.controller.session
        if session is None:
            return

        def ask(info: Any) -> None:
            if self.controller.session is not session:
                return
            got = EarlyExitDialog.ask(self._parent(), info=info)
            if got:
                self.controller.early_exit(*got)

        self.bridge.run(session.submit, session.early_exit_info, on_result=ask,
                        on_error=lambda exc: self.show_error("listing the questions not asked", exc))

    def on_handover_action_triggered(self) -> None:
        if not self.controller.active:
            return
        self.call_screen.side_panel.commit_note()
        got = HandoverDialog.ask(self._parent())
        if got:
            self.controller.handover(*got)

    def on_outcome_page_override_clicked(self) -> None:
        view = self.controller.view
        if view is None or view.outcome is None:
            return
        out = view.outcome
        base = out.original_code if out.source == "override" and out.original_code else out.code
        from triage_desktop.services import outcome_choices

        got = OverrideDialog.ask(self._parent(), current_code=base, choices=outcome_choices(current=base))
        if got:
            self.controller.override(*got)

    def on_outcome_page_finish_clicked(self) -> None:  # "told the caller", or "caller not reachable (rang off)"
        self.call_screen.side_panel.commit_note()
        self.controller.finalise(caller_informed=self.call_screen.outcome_page.informed_check.isChecked())

    def on_outcome_page_cad_changed(self, number: str) -> None:
        self.controller.set_cad_incident(number)

    def on_copy_action_triggered(self) -> None:
        """The block comes from the services (the same renderer as the report's Copy), built on the worker: during
        the call from the session, for the call just finished from its record."""
        session = self.controller.session
        view = self.controller.view or self._last_view
        if view is None:
            return
        if session is not None:
            page = self.call_screen.outcome_page
            page.on_cad_edit_editing_finished()  # a number typed but not yet left: stored first (same worker queue)
            informed = view.outcome is not None and page.informed_check.isChecked()
            self.bridge.run(session.submit, session.incident_log_text, informed, on_result=self._copied,
                            on_error=lambda exc: self.show_error("building the incident-log block", exc))
        elif self.svc is not None and view.uuid:
            self.bridge.run(self.svc.submit, self.svc.incident_log_text, view.uuid, on_result=self._copied,
                            on_error=lambda exc: self.show_error("building the incident-log block", exc))

    def _copied(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage("Copied for the incident log: paste it into the command-and-control log.",
                                         8000)

