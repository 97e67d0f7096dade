"""CallActionsMixin: the main window's call actions (new call, resume, and those that open a dialog first: immediate
risk, who is calling, caller details, early exit, handover, override, finish, copy for the incident log) and its
handlers for the CallController's signals. MainWindow (menus and shell) mixes it in; every action goes to the
CallController, which runs it on the services' worker."""
from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING, Any, Optional, cast

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# the dialog modules are imported where a dialog is shown: not on the way to the first paint


if TYPE_CHECKING:
    from .call_screen import CallScreen
    from .controller import CallController

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

IMMEDIATE_RISK_SUGGESTIONS = (
    "Caller says someone is being attacked or threatened now",
    "Weapon mentioned and person is with others",
    "Person says they are about to harm themselves",
    "Caller screaming / call cut off in distress",
)
#: What the app does (it records the decision; the handler dispatches on the command-and-control system)
IMMEDIATE_RISK_OK = "Record immediate risk: police emergency"
IMMEDIATE_RISK_PROMPT = ("Say why there is an immediate risk to life or of serious harm: press a number for one of "
                         "these, or type your own, then Enter. The call is recorded as a police emergency.")


class CallActionsMixin:
    """Needs from the window: controller, call_screen, bridge, svc, stack, start_page, sync, statusBar(),
    show_error(), the handler (SignInMixin) and the title/actions/start-page refreshers."""

    controller: "CallController"
    bridge: Any
    svc: Any
    stack: Any
    start_page: Any
    sync: Optional[Any]
    _last_view: Optional[Any]
    _backup_due: bool
    _after_start: Any = None
    _resuming: bool = False

    if TYPE_CHECKING:
        @property
        def call_screen(self) -> "CallScreen": ...
        def statusBar(self) -> Any: ...  # noqa: N802
        def show_error(self, doing: str, exc: BaseException) -> None: ...
        @property
        def handler(self) -> tuple[str, str]: ...
        def ensure_handler(self) -> bool: ...
        def refresh_start_page(self) -> None: ...
        def on_backup_timer_timeout(self) -> None: ...
        def _attribute_call_to_signed_in(self) -> None: ...
        def _update_actions(self) -> None: ...
        def _update_title(self) -> None: ...

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
        """F9 from every screen: on a call, record the immediate risk; with no call open (the start page, history,
        reports), start a call and record it at once, so the call goes straight to the police emergency."""
        if self.svc is None:
            return
        if not self.controller.active:
            self.start_new_call(then=self._ask_immediate_risk)
            return
        self._ask_immediate_risk()

    def _ask_immediate_risk(self) -> None:
        if not self.controller.active:
            return
        win = self._parent()
        win.raise_()
        win.activateWindow()
        self.call_screen.side_panel.commit_note()
        from .reason_dialog import ReasonDialog
        reason = ReasonDialog.ask(win, title="Immediate risk",
                                  prompt=IMMEDIATE_RISK_PROMPT, ok_text=IMMEDIATE_RISK_OK,
                                  suggestions=IMMEDIATE_RISK_SUGGESTIONS)
        if reason:
            self.controller.immediate_risk(reason)

    def on_question_page_finish_clicked(self) -> None:
        """Finish after the decision: asks first (Enter finishes, Esc stays), as the steps left are then not asked."""
        view = self.controller.view
        if view is None or not view.in_post_decision:
            return
        self.call_screen.side_panel.commit_note()
        left = view.question.title if view.question is not None else translate("CallActions", "the remaining steps")
        from .message_boxes import ConfirmDialog
        if ConfirmDialog.ask(self._parent(), title=translate("CallActions", "Finish the call now?"),
                             text=translate("CallActions", "The decision stays as recorded. “{step}” and the steps after it will be "
                                          "recorded as not asked (never as “no”).").format(step=left),
                             yes=translate("CallActions", "Finish now"), no=translate("CallActions", "Keep asking")):
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

    def on_language_action_triggered(self) -> None:
        """F7: switch the call language between English and Welsh at any moment; the place in the call is kept."""
        view = self.controller.view
        if view is None or not view.open:
            return
        if "cy" not in view.languages:
            self.statusBar().showMessage(translate("CallActions", "The flows of this call have no Welsh texts: the call stays "
                                                   "in English."), 5000)
            return
        self.controller.set_language("en" if view.language == "cy" else "cy")

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
            from .outcome_dialogs import EarlyExitDialog
            got = EarlyExitDialog.ask(self._parent(), info=info)
            if got:
                self.controller.early_exit(*got)

        self.bridge.run(session.submit, session.early_exit_info, on_result=ask,
                        on_error=lambda exc: self.show_error(translate("CallActions", "listing the questions not asked"), exc))

    def on_handover_action_triggered(self) -> None:
        if not self.controller.active:
            return
        self.call_screen.side_panel.commit_note()
        view = self.controller.view
        try:
            recent = list(self.svc.shift.recent())
        except Exception:
            log.exception("reading the recent handler ids")
            recent = []
        from .handler_dialogs import HandoverDialog
        got = HandoverDialog.ask(self._parent(), current=view.actor[0] if view is not None else "", recent=recent)
        if got:
            self.controller.handover(*got)

    def on_outcome_page_override_clicked(self) -> None:
        view = self.controller.view
        if view is None or view.outcome is None:
            return
        out = view.outcome
        base = out.original_code if out.source == "override" and out.original_code else out.code
        from triage_desktop.services import outcome_choices

        from .outcome_dialogs import OverrideDialog
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
                            on_error=lambda exc: self.show_error(translate("CallActions", "building the incident-log block"), exc))
        elif self.svc is not None and view.uuid:
            self.bridge.run(self.svc.submit, self.svc.incident_log_text, view.uuid, on_result=self._copied,
                            on_error=lambda exc: self.show_error(translate("CallActions", "building the incident-log block"), exc))

    def _copied(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage(translate("CallActions", "Copied for the incident log: paste it into the command-and-control log."),
                                         8000)

    # ----- calls ------------------------------------------------------------------------------------
    def on_new_call_action_triggered(self) -> None:
        self.start_new_call()

    def start_new_call(self, then: Any = None) -> None:
        """Ctrl+N. Mid-call it asks first, and Enter keeps the handler on the current call. `then` runs once the
        new call is on screen (F9 from the start page)."""
        if self.svc is None:
            return
        self._resuming = False
        if self.controller.active:
            self.call_screen.side_panel.commit_note()
            from .message_boxes import ConfirmDialog
            if not ConfirmDialog.ask(self._parent(), title="Start another call?",
                                     text="This call is not finished. It stays saved and you can resume it "
                                          "from the start page. Start a new call now?",
                                     yes="Start new call", no="Stay on this call", default_yes=False):
                return
            self.controller.detach()
        if not self.ensure_handler():
            return
        hid, role = self.handler

        self._after_start = then  # once the new call is on screen (on_controller_call_started)
        self.bridge.run(self.svc.submit, self.svc.start_call, handler_id=hid, role=role,
                        on_result=self.controller.attach, on_error=lambda exc: self.show_error(translate("CallActions", "starting the call"), exc))

    def resume_call(self, uuid: str) -> None:
        self._after_start = None
        self._resuming = True
        if self.controller.active:
            if self.controller.uuid == uuid:
                return
            self.controller.detach()
        if self.svc is None:
            return

        def failed(exc: BaseException) -> None:
            self.show_error(translate("CallActions", "reopening the call"), exc)
            self.refresh_start_page()

        self.bridge.run(self.svc.submit, self.svc.resume_call, uuid, on_result=self.controller.attach,
                        on_error=failed)

    def on_controller_call_started(self, uuid: str) -> None:
        view = self.controller.view
        self.call_screen.question_page.reset()
        self.call_screen.side_panel.show_repeat("")
        self._show_repeat_contact()
        self.call_screen.side_panel.notes_edit.clear()
        self.call_screen.header.start_clock(view.started_at if view else "")
        self.call_screen.show_saved("")
        self.stack.setCurrentWidget(self.call_screen)
        self._last_code: Optional[str] = None
        self.statusBar().clearMessage()  # "Call finished…" was about the last call
        if self._resuming:  # a call resumed from the start page goes on in the name of who is signed in now
            self._resuming = False  # (never a training session's call: that one is the trainee's)
            self._attribute_call_to_signed_in()
        then, self._after_start = getattr(self, "_after_start", None), None
        if then is not None:
            QTimer.singleShot(0, then)  # after the call's first view is painted

    def _show_repeat_contact(self) -> None:
        """A resumed call shows its repeat contact again (a new call has none yet); read on the worker."""
        session = self.controller.session
        if session is None:
            return
        from .callers import repeat_notice

        def show(found: Any) -> None:
            if self.controller.session is session and found is not None and found.count:
                self.call_screen.side_panel.show_repeat(repeat_notice(found))

        self.bridge.run(session.submit, session.repeat_contact, on_result=show,
                        on_error=lambda exc: log.error("repeat contact", exc_info=exc))

    def on_controller_call_changed(self, changes: Any) -> None:
        view = changes.view
        if changes.closed or self.controller.view is None:
            return
        out = view.outcome
        code = out.code if out else None
        new_outcome = code is not None and code != getattr(self, "_last_code", None)
        self._last_code = code
        self.call_screen.show_view(view, changes, new_outcome=new_outcome)
        self._update_actions()
        self._update_title()

    def on_controller_call_finalised(self, uuid: str) -> None:
        self._last_view = self.controller.view
        self.statusBar().showMessage(translate("CallActions", "Call finished and saved as final."), 8000)
        self.start_page.show_last_call(translate("CallActions", "Last call finished at {time} (id {id}…). Find it with Ctrl+F.").format(
            time=_dt.datetime.now().strftime('%H:%M'), id=uuid[:8]))
        self._last_finished = uuid
        if self.sync is not None:
            self.sync.sync_now()  # in the background: never blocks the next call

    def on_controller_call_closed(self) -> None:
        if self._backup_due:
            self.on_backup_timer_timeout()
        self.call_screen.header.stop_clock()
        self.stack.setCurrentWidget(self.start_page)
        self.refresh_start_page()
        self._update_actions()
        self._update_title()
        self.start_page.new_call_button.setFocus()  # (Qt's OtherFocusReason)

    def on_controller_answer_rejected(self, message: str) -> None:
        from .service_words import answer_refused

        message = answer_refused(message)  # the services' words, in the interface language
        if self.call_screen.page_stack.currentWidget() is self.call_screen.question_page:
            self.call_screen.question_page.show_error(message)
        else:
            self.statusBar().showMessage(message, 8000)

    def on_controller_saved(self) -> None:
        self.call_screen.show_saved(translate("CallActions", "✓ Saved {time}").format(time=_dt.datetime.now().strftime('%H:%M:%S')))

    def confirm_quit(self) -> bool:
        """Mid-call, quitting asks first (Enter stays on the call); the call stays saved and can be resumed."""
        if not self.controller.active:
            return True
        self.call_screen.side_panel.commit_note()
        from .message_boxes import ConfirmDialog
        return ConfirmDialog.ask(self._parent(), title="Quit with a call open?",
                                 text="This call is not finished. It stays saved, and you can resume it from the "
                                      "start page when the app opens again. Quit now?",
                                 yes="Quit", no="Stay on this call", default_yes=False)

    def on_quit_action_triggered(self) -> None:
        """Ctrl+Q."""
        if self.confirm_quit():
            self._quit_confirmed = True
            self._parent().close()

    def on_notes_action_triggered(self) -> None:
        """Alt+N: to the notes box (Esc or Ctrl+Enter there comes back to the question)."""
        if self.controller.active:
            self.call_screen.side_panel.focus_notes()
