"""MainWindow: menus, the start page and the call screen, wired to a CallController over the services facade."""
from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from triage_desktop.core.vocab import OUTCOME_CODES

from .controller import CallController
from .dialogs import (
    ConfirmDialog,
    EarlyExitDialog,
    ErrorDialog,
    HandlerDialog,
    HandoverDialog,
    OverrideDialog,
    ReasonDialog,
    ResumeDialog,
)
from .errors import describe_action_error
from .incident_log import build_incident_log
from .start_page import StartPage
from .window_state import WindowStateMixin

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .call_screen import CallScreen

IMMEDIATE_RISK_SUGGESTIONS = (
    "Caller says someone is being attacked or threatened now",
    "Weapon mentioned and person is with others",
    "Person says they are about to harm themselves",
    "Caller screaming / call cut off in distress",
)


class MainWindow(WindowStateMixin, QMainWindow):
    """The one main window. Widgets only show state; every action goes through the controller."""

    def __init__(self, svc: Any = None, *, paths: Any = None, training: bool = False,
                 parent: Optional[QWidget] = None):
        """svc may be None at first: the window shows at once and `set_services` completes it (fast start)."""
        super().__init__(parent)
        self.svc = svc
        self.paths = paths if paths is not None else getattr(svc, "paths", None)
        self.training = training
        self.history_window: Optional[QWidget] = None
        self.setObjectName("MainWindow")
        self.resize(1200, 780)
        self.controller = CallController(self)
        self.stack = QStackedWidget()
        self.start_page = StartPage()
        self._call_screen: Optional[CallScreen] = None  # built on first use (or once services are open)
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self.start_page.show_training(training)
        self.statusBar().setSizeGripEnabled(False)  # made now, so the layout never shifts when a message shows
        self._make_actions()
        from .training_menus import install as install_training_hooks  # issue 9: Training / Review menus

        self.training_hooks = install_training_hooks(self)
        self._wire()
        self._update_title()
        self.refresh_start_page()
        self.restore_geometry()
        self._update_ready()
        self.backup_timer = QTimer(self)
        self.backup_timer.timeout.connect(self.on_backup_timer_timeout)
        self._backup_due = False
        self.sync: Optional[Any] = None  # SyncController, live mode only
        if svc is not None:
            self.call_screen  # noqa: B018 - build it now
            self._start_backup_timer()
            self._start_sync()

    @property
    def call_screen(self) -> CallScreen:
        """The call screen, built the first time it is needed (keeps the first paint fast)."""
        if self._call_screen is None:
            from .call_screen import CallScreen

            cs = CallScreen()
            cs.training_label.setVisible(self.training)
            self.stack.addWidget(cs)
            self._call_screen = cs
            self._wire_call_screen(cs)
            cs.outcome_page.partner_offer_for = self.partner_offer_for
            state = self._geometry_value("splitter")
            if state is not None:
                cs.splitter.restoreState(state)
        return self._call_screen

    def set_services(self, svc: Any) -> None:
        """The call database and flows are open: the app is ready to take calls."""
        self.svc = svc
        if self.paths is None:
            self.paths = getattr(svc, "paths", None)
        self._start_backup_timer()
        self._start_sync()
        self.refresh_start_page()
        self._update_ready()
        self._update_title()
        self.call_screen  # noqa: B018 - build it while the handler reads the start page

    def _start_sync(self) -> None:
        """Live mode: background sync on a timer and after each finished call, status in the status bar."""
        if self.training or self.sync is not None or self.svc is None:
            return
        from .sync_status import SyncController, SyncStatusWidget

        self.sync = SyncController(self.svc.paths.db_path, parent=self)
        self.sync_status = SyncStatusWidget(self.sync)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_settings_action.setEnabled(True)

    def on_sync_settings_action_triggered(self) -> None:
        if self.sync is None:
            return
        from .sync_status import SyncSettingsDialog

        minutes = SyncSettingsDialog.ask(self.sync.db_path, self, self.sync.timer.interval() // 60_000)
        if minutes is not None:
            self.sync.set_interval(minutes)
            self.sync.sync_now()

    def _update_ready(self) -> None:
        ready = self.svc is not None
        self.start_page.show_ready(ready)
        for a in (self.new_call_action, self.history_action, self.settings_action, self.handler_action,
                  self.role_action, self.partners_import_action):
            a.setEnabled(ready)
        if ready and not self.controller.active:
            self.start_page.new_call_button.setFocus(Qt.FocusReason.OtherFocusReason)  # where a handler starts
        if ready:
            from .flows_help import mark_drafts

            mark_drafts(self)  # draft flows (training only) are marked on every screen

    # ----- set-up ---------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: Any = None, menu: Any = None, name: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(slot)
        if menu is not None:
            menu.addAction(act)
        self.addAction(act)
        if name:
            act.setObjectName(name)
        return act

    def _make_actions(self) -> None:
        mb = self.menuBar()
        call = mb.addMenu("&Call")
        self.new_call_action = self._action("&New call", self.on_new_call_action_triggered, "Ctrl+N", call)
        self.risk_action = self._action("&Immediate risk…", self.on_risk_action_triggered, "F9", call)
        call.addSeparator()
        self.handover_action = self._action("&Hand over…", self.on_handover_action_triggered, "Ctrl+H", call)
        self.early_exit_action = self._action("&End call early…", self.on_early_exit_action_triggered, "Ctrl+E", call)
        self.caller_type_action = self._action("&Who is calling…", self.on_caller_type_action_triggered, "Ctrl+T",
                                               call)
        self.caller_details_action = self._action("Caller &details…", self.on_caller_details_action_triggered,
                                                  "Ctrl+D", call)
        self.copy_action = self._action("&Copy for incident log", self.on_copy_action_triggered, None, call)
        call.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, call)
        view = mb.addMenu("&Find")
        self.history_action = self._action("&Find calls (history)…", self.on_history_action_triggered, "Ctrl+F", view)
        self.reports_action = self._action("&Reports…", self.on_reports_action_triggered, "Ctrl+R", view)
        tools = mb.addMenu("&Tools")
        self.settings_action = self._action("&Settings…", self.on_settings_action_triggered, "Ctrl+,", tools)
        self.handler_action = self._action("Change &handler…", self.on_handler_action_triggered, None, tools)
        self.role_action = self._action("Sign in as su&pervisor or trainer…", self.on_role_action_triggered, None,
                                        tools)
        self.partners_import_action = self._action("Import &partner directory (CSV)…",
                                                   self.on_partners_import_action_triggered, None, tools)
        self.sync_settings_action = self._action("S&ync settings…", self.on_sync_settings_action_triggered, None, tools)
        self.sync_settings_action.setEnabled(False)
        helpm = mb.addMenu("&Help")
        self.help_action = self._action("&Help and shortcuts", self.on_help_action_triggered, "F1", helpm)
        self.flows_help_action = self._action("&Flows (diagrams)…", self.on_flows_help_action_triggered, None, helpm)
        self.about_action = self._action("&About triage-desktop", self.on_about_action_triggered, None, helpm)
        self._update_actions()

    def _wire(self) -> None:
        c = self.controller
        c.call_changed.connect(self.on_controller_call_changed)
        c.call_started.connect(self.on_controller_call_started)
        c.call_finalised.connect(self.on_controller_call_finalised)
        c.call_closed.connect(self.on_controller_call_closed)
        c.answer_rejected.connect(self.on_controller_answer_rejected)
        c.store_failed.connect(self.on_controller_store_failed)
        c.saved.connect(self.on_controller_saved)
        self.start_page.new_call_clicked.connect(self.on_new_call_action_triggered)
        self.start_page.resume_clicked.connect(self.resume_call)
        self.start_page.history_clicked.connect(self.on_history_action_triggered)
        self.start_page.change_handler_clicked.connect(self.on_handler_action_triggered)

    def _wire_call_screen(self, cs: "CallScreen") -> None:
        c = self.controller
        qp, op, sp = cs.question_page, cs.outcome_page, cs.side_panel
        qp.answer_chosen.connect(self.on_question_page_answer_chosen)
        qp.volunteered_changed.connect(self.on_question_page_volunteered_changed)
        qp.back_clicked.connect(c.back)
        qp.forward_clicked.connect(c.forward)
        qp.jump_chosen.connect(c.jump_to)
        qp.finish_clicked.connect(self.on_question_page_finish_clicked)
        op.back_clicked.connect(c.back)
        op.finish_clicked.connect(self.on_outcome_page_finish_clicked)
        op.override_clicked.connect(self.on_outcome_page_override_clicked)
        op.copy_clicked.connect(self.on_copy_action_triggered)
        sp.jump_chosen.connect(c.jump_to)
        sp.note_committed.connect(self.on_side_panel_note_committed)
        cs.header.immediate_risk_clicked.connect(self.on_risk_action_triggered)
        cs.handover_clicked.connect(self.on_handover_action_triggered)
        cs.early_exit_clicked.connect(self.on_early_exit_action_triggered)

    # ----- handler and settings ---------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        if self.svc is None:
            return default
        try:
            v = self.svc.settings.get(key)
        except Exception:  # settings are never worth a crash
            log.exception("reading setting %s", key)
            v = None
        return default if v in (None, "") else str(v)

    @property
    def handler(self) -> tuple[str, str]:
        hid, role = self.setting("handler_id"), self.setting("handler_role", "call_handler")
        signed = getattr(getattr(self.svc, "force", None), "role", None)  # a passphrase sign-in this session
        if signed and signed[0] == hid:
            role = signed[1]
        return hid, role

    def ensure_handler(self) -> bool:
        """Ask who is taking calls if nobody has said yet. True once a handler is known."""
        if self.handler[0]:
            return True
        return self.on_handler_action_triggered()

    def on_handler_action_triggered(self) -> bool:
        hid, role = self.handler
        got = HandlerDialog.ask(self, handler_id=hid, role=role)
        if not got:
            return bool(hid)
        force = getattr(self.svc, "force", None)
        if force is not None and force.pack is not None and got[1] in ("supervisor", "trainer"):
            self.svc.settings.set("handler_id", got[0])
            self.sign_in_role(got[0], got[1])  # a protected role: the pack's list and a passphrase
            self.refresh_start_page()
            return True
        if force is not None and force.role and force.role[0] != got[0]:
            force.sign_out_role()  # someone else is taking calls now
        self.svc.settings.set("handler_id", got[0])
        self.svc.settings.set("handler_role", got[1])
        self.refresh_start_page()
        return True

    def on_role_action_triggered(self) -> bool:
        """Tools → Sign in as supervisor or trainer: the staff id in settings, a role the pack lists, passphrase."""
        if self.svc is None:
            return False
        hid = self.handler[0]
        allowed = self.svc.force.allowed_roles(hid) if hid else []
        if not allowed:
            ErrorDialog.ask(self, title="No supervisor or trainer role",
                            what=f"{hid or 'This staff id'} is not listed as a supervisor or trainer in the force "
                                 "configuration pack.",
                            safe="Nothing has changed.",
                            next_step="Change the handler to your own staff id first, or ask IT to add you to the "
                                      "pack's [roles].")
            return False
        return self.sign_in_role(hid, allowed[0])

    def on_partners_import_action_triggered(self) -> bool:
        """A supervisor replaces the partner directory from CSV (when the force pack does not set it)."""
        from .training_report import FileChooser

        if self.svc is None:
            return False
        path = FileChooser.ask(self, title="Import the partner directory", suggested="", filter="CSV files (*.csv)",
                               save=False)
        if not path:
            return False
        try:
            with open(path, encoding="utf-8", newline="") as f:
                n = self.svc.force.import_directory_csv(f.read(), file=path)
        except Exception as exc:  # not a supervisor, set by the pack, or a bad row: said with file, line and reason
            problems = getattr(exc, "problems", None)
            what = "\n".join(f"• {p}" for p in problems[:8]) if problems else str(exc)
            ErrorDialog.ask(self, title="The partner directory was not imported", what=what,
                            safe="Nothing has changed: the directory in use is as it was.",
                            next_step="Sign in as a supervisor, or correct the file and import it again.")
            return False
        self.statusBar().showMessage(f"Partner directory imported: {n} services.", 8000)
        return True

    def sign_in_role(self, staff_id: str, role: str) -> bool:
        from .role_dialog import PassphraseDialog

        force = self.svc.force
        if role not in force.allowed_roles(staff_id):
            ErrorDialog.ask(self, title=f"Not a {role}",
                            what=f"{staff_id} is not listed as a {role} in the force configuration pack.",
                            safe="Nothing has changed: you keep your current role.",
                            next_step="Ask IT to add you to the pack's [roles] if you should have this role.")
            return False
        first = force.needs_new_passphrase(staff_id, role)
        passphrase = PassphraseDialog.ask(self, staff_id=staff_id, role=role, first_use=first)
        if passphrase is None:
            return False
        try:
            force.sign_in_role(staff_id, role, passphrase, new=first)
        except Exception as exc:  # RoleRefused (wrong passphrase, locked out) or a store error: said, not raised
            ErrorDialog.ask(self, title=f"Not signed in as {role}", what=str(exc),
                            safe="Nothing has changed: you keep your current role.",
                            next_step="Try again, or ask another supervisor.")
            return False
        self.statusBar().showMessage(f"Signed in as {role} ({staff_id}) until the app closes or the handler changes.",
                                     8000)
        self.refresh_start_page()
        return True

    def startup(self) -> None:
        """After the window is shown: who is taking calls, then any interrupted call offered explicitly."""
        if self.svc is None:
            return
        self.ensure_handler()
        self.offer_resume()
        if not self.controller.active:
            self.start_page.new_call_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def offer_resume(self) -> None:
        calls = self.interrupted_calls()
        if not calls or self.controller.active:
            return
        uuid = ResumeDialog.ask(self, calls=calls)
        if uuid:
            self.resume_call(uuid)

    def interrupted_calls(self) -> list[Any]:
        if self.svc is None:
            return []
        try:
            return list(self.svc.interrupted_calls())
        except Exception as exc:
            log.exception("listing interrupted calls")
            self.show_error("listing calls that were not finished", exc)
            return []

    def refresh_start_page(self) -> None:
        self.start_page.show_handler(*self.handler)
        if getattr(self, "training_hooks", None) is not None:
            self.training_hooks.refresh()  # queried calls until acknowledged
        if not self.controller.active:
            self.start_page.show_interrupted(self.interrupted_calls())

    # ----- calls ------------------------------------------------------------------------------------
    def entry_flow(self) -> str:
        lib = self.svc.library
        if "entry_triage" in lib:
            return "entry_triage"
        return next((f.id for f in lib if f.pathway == "entry"), next(iter(lib)).id)

    def on_new_call_action_triggered(self) -> None:
        if self.svc is None:
            return
        if self.controller.active:
            self.call_screen.side_panel.commit_note()
            if not ConfirmDialog.ask(self, title="Start another call?",
                                     text="This call is not finished. It stays saved and you can resume it "
                                          "from the start page. Start a new call now?",
                                     yes="Start new call", no="Stay on this call"):
                return
            self.controller.detach()
        if not self.ensure_handler():
            return
        hid, role = self.handler
        try:
            session = self.svc.start_call(handler_id=hid, role=role, entry_flow=self.entry_flow())
        except Exception as exc:
            self.show_error("starting the call", exc)
            return
        self.controller.attach(session)

    def resume_call(self, uuid: str) -> None:
        if self.controller.active:
            if self.controller.uuid == uuid:
                return
            self.controller.detach()
        try:
            session = self.svc.resume_call(uuid)
        except Exception as exc:
            self.show_error("reopening the call", exc)
            self.refresh_start_page()
            return
        self.controller.attach(session)

    def on_controller_call_started(self, uuid: str) -> None:
        run = self.controller.run
        self.call_screen.question_page.reset()
        self.call_screen.side_panel.show_repeat(self._repeat_text())
        self.call_screen.side_panel.notes_edit.clear()
        self.call_screen.header.start_clock(run.started_at if run else "")
        self.call_screen.show_saved("")
        self.stack.setCurrentWidget(self.call_screen)
        self._last_code: Optional[str] = None

    def _repeat_text(self) -> str:
        """A resumed call shows its repeat contact again (a new call has none yet)."""
        session = self.controller.session
        fn = getattr(session, "repeat_contact", None)
        if fn is None:
            return ""
        try:
            found = fn()
        except Exception:  # the notice is never worth interrupting the call
            log.exception("repeat contact")
            return ""
        from .callers import repeat_notice

        return repeat_notice(found) if found.count else ""

    def on_controller_call_changed(self) -> None:
        run = self.controller.run
        if run is None:
            return
        out = run.outcome
        code = out.code if out else None
        new_outcome = code is not None and code != getattr(self, "_last_code", None)
        self._last_code = code
        self.call_screen.show_run(run, step=self.controller.step_number(),
                                  can_go_back=self.controller.can_go_back(), new_outcome=new_outcome)
        self._update_actions()
        self._update_title()

    def on_controller_call_finalised(self, uuid: str) -> None:
        self.statusBar().showMessage("Call finished and saved as final.", 8000)
        self.start_page.show_last_call(f"Last call finished at {_dt.datetime.now().strftime('%H:%M')} "
                                       f"(id {uuid[:8]}…). Find it with Ctrl+F.")
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
        self.start_page.new_call_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_controller_answer_rejected(self, message: str) -> None:
        if self.call_screen.page_stack.currentWidget() is self.call_screen.question_page:
            self.call_screen.question_page.show_error(message)
        else:
            self.statusBar().showMessage(message, 8000)

    def on_controller_store_failed(self, doing: str, message: str) -> None:
        t = describe_action_error(doing, message)
        ErrorDialog.ask(self, title=t.title, what=t.what, safe=t.safe, next_step=t.next_step)

    def show_error(self, doing: str, exc: BaseException) -> None:
        self.on_controller_store_failed(doing, str(exc) or type(exc).__name__)

    def on_controller_saved(self) -> None:
        self.call_screen.show_saved(f"✓ Saved {_dt.datetime.now().strftime('%H:%M:%S')}")

    def on_question_page_answer_chosen(self, value: Any) -> None:
        self.controller.answer(value, volunteered=self.call_screen.question_page.volunteered)

    def on_question_page_volunteered_changed(self, on: bool) -> None:
        run = self.controller.run
        if run is not None and run.current is not None and run.answer_at(run.current) is not None:
            self.controller.set_volunteered(on)

    def on_side_panel_note_committed(self, text: str) -> None:
        if self.controller.note(text):
            self.call_screen.side_panel.note_stored(text)

    def on_risk_action_triggered(self) -> None:
        if not self.controller.active:
            return
        self.call_screen.side_panel.commit_note()
        reason = ReasonDialog.ask(self, title="Immediate risk",
                                  prompt="Police will be sent as an emergency. Say why there is an immediate risk "
                                         "to life or of serious harm (choose one or type your own).",
                                  ok_text="Send police now", suggestions=IMMEDIATE_RISK_SUGGESTIONS)
        if reason:
            self.controller.immediate_risk(reason)

    def on_question_page_finish_clicked(self) -> None:
        """Finish after the decision: asks first (Enter finishes, Esc stays), as the steps left are then not asked."""
        run = self.controller.run
        if run is None or not run.in_post_decision:
            return
        self.call_screen.side_panel.commit_note()
        node = run.current_node
        left = node.title if node is not None else "the remaining steps"
        if ConfirmDialog.ask(self, title="Finish the call now?",
                             text=f"The decision stays as recorded. “{left}” and the steps after it will be recorded "
                                  "as not asked (never as “no”).",
                             yes="Finish now", no="Keep asking"):
            self.controller.finish()

    def on_caller_type_action_triggered(self) -> None:
        """Ctrl+T: record or change who is calling; the words on screen change to fit them."""
        run = self.controller.run
        if run is None:
            return
        from .callers import CallerTypeDialog

        code = CallerTypeDialog.ask(self, current=run.caller_type)
        if code and code != run.caller_type:
            self.controller.set_caller_type(code)

    def on_caller_details_action_triggered(self) -> None:
        """Ctrl+D: phone number and names; shows how many earlier calls on this PC share them."""
        if not self.controller.active:
            return
        from .callers import CallerDetailsDialog, repeat_notice

        got = CallerDetailsDialog.ask(self)
        if got is None:
            return
        found = self.controller.set_caller_details(got)
        if found is not None:
            self.call_screen.side_panel.show_repeat(repeat_notice(found))

    def on_early_exit_action_triggered(self) -> None:
        run = self.controller.run
        if run is None or run.outcome is not None or run.status != "in_progress" or run.in_post_decision:
            return
        self.call_screen.side_panel.commit_note()
        got = EarlyExitDialog.ask(self, unasked=run.unasked_titles())
        if got:
            self.controller.early_exit(*got)

    def on_handover_action_triggered(self) -> None:
        if not self.controller.active:
            return
        self.call_screen.side_panel.commit_note()
        got = HandoverDialog.ask(self)
        if got:
            self.controller.handover(*got)

    def on_outcome_page_override_clicked(self) -> None:
        run = self.controller.run
        if run is None or run.outcome is None:
            return
        out = run.outcome
        base = out.original_code if out.source == "override" and out.original_code else out.code
        got = OverrideDialog.ask(self, current_code=base)
        if got:
            self.controller.override(*got)

    def on_outcome_page_finish_clicked(self) -> None:
        self.call_screen.side_panel.commit_note()
        self.controller.finalise(caller_informed=self.call_screen.outcome_page.informed_check.isChecked())

    def incident_log_text(self) -> str:
        """During the call, built from the live run (the store's row is only complete once finalised)."""
        uuid, run = self.controller.uuid, self.controller.run
        if run is not None:
            hid, role = self.handler
            got = self.partner_offer_for(run)
            return build_incident_log(run, uuid=uuid, handler=run.events[0].actor if run.events else hid,
                                      role=run.events[0].role if run.events else role,
                                      partner_lines=got[0].text_lines() if got else None)
        fn = getattr(self.svc, "incident_log_text", None)
        uuid = getattr(self, "_last_finished", "")
        if fn is not None and uuid:
            try:
                return str(fn(uuid))
            except Exception:
                log.exception("store incident log text")
        return ""

    def partner_offer_for(self, run: Any) -> Any:
        """(PartnerOffer, directory origin) for the run's outcome now, or None (no directory, no outcome)."""
        force = getattr(self.svc, "force", None)
        if force is None or run is None or run.outcome is None:
            return None
        try:
            offer = force.partner_offer(run)
            return (offer, force.directory_origin()) if offer is not None else None
        except Exception:  # the directory is never worth a crash at the outcome
            log.exception("partner directory")
            return None

    def on_copy_action_triggered(self) -> None:
        text = self.incident_log_text()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.statusBar().showMessage("Copied for the incident log: paste it into the command-and-control log.",
                                         8000)

    # ----- other windows ----------------------------------------------------------------------------
    def on_history_action_triggered(self) -> None:
        from .history_view import HistoryView  # lazy: keeps start-up light

        if self.svc is None:
            return
        if self.history_window is None:
            self.history_window = HistoryView(self.svc, author=lambda: self.handler[0], parent=self)
        self.history_window.show()
        self.history_window.raise_()
        self.history_window.activateWindow()
        self.history_window.focus_search()

    def on_reports_action_triggered(self) -> None:
        from .reports_window import ReportsWindow  # lazy: QtCharts only when asked for

        if self.svc is None:
            return
        if getattr(self, "reports_window", None) is None:
            self.reports_window = ReportsWindow(self.svc, parent=self)
            self.reports_window.setWindowFlag(Qt.WindowType.Window, True)
        self.reports_window.show()
        self.reports_window.raise_()
        self.reports_window.activateWindow()

    def on_settings_action_triggered(self) -> None:
        from .settings_dialog import SettingsDialog

        if self.svc is None:
            return
        force = self.svc.force
        names = ("handler_id", "handler_role", "force_name", "retention_days")
        supervisor = force.pack is None or bool(force.role and force.role[1] == "supervisor")
        got = SettingsDialog.ask(self, values=self.settings_values(), paths=self.paths,
                                 authority={n: force.authority(n) for n in names}, supervisor=supervisor,
                                 force_lines=self.force_lines(), pack_roles=force.pack is not None)
        if got:
            for k, v in got.items():
                try:
                    self.svc.set_setting(k, v, actor=self.handler[0])
                except Exception as exc:  # a value the store refuses: say which, keep the rest
                    self.show_error(f"saving the setting '{k}'", exc)
            self.refresh_start_page()

    def force_lines(self) -> list[str]:
        """The force pack in a few lines, for the Settings dialog (worded by the services)."""
        return list(self.svc.force.describe_lines())

    def settings_values(self) -> dict[str, str]:
        return {k: self.setting(k, d) for k, d in (("handler_id", ""), ("handler_role", "call_handler"),
                                                  ("force_name", ""), ("retention_days", "30"))}

    def on_help_action_triggered(self) -> None:
        from .about import HelpDialog

        HelpDialog.ask(self)

    def on_flows_help_action_triggered(self) -> None:
        from .flows_help import FlowsDialog

        FlowsDialog.open_for(self)

    def on_about_action_triggered(self) -> None:
        from .about import AboutDialog

        AboutDialog.ask(self, svc=self.svc, paths=self.paths)

    # ----- window state -----------------------------------------------------------------------------
    def _update_actions(self) -> None:
        run = self.controller.run
        active = run is not None
        for a in (self.risk_action, self.handover_action, self.copy_action, self.caller_type_action,
                  self.caller_details_action):
            a.setEnabled(active)
        self.early_exit_action.setEnabled(active and run.outcome is None and run.status == "in_progress"
                                          and not run.in_post_decision)

    def _update_title(self) -> None:
        mode = ("TRAINING: not a real call — " if self.training else "")
        draft = getattr(self, "_draft_title", "")
        loaded = getattr(getattr(self.svc, "force", None), "loaded", None)
        if loaded is not None and loaded.is_example:
            draft += " — EXAMPLE FORCE PACK (fictional numbers)"
        run = self.controller.run
        if run is None:
            self.setWindowTitle(f"{mode}triage-desktop{draft}")
        else:
            out = run.outcome
            state = f"outcome {out.code}" if out else "call in progress"
            self.setWindowTitle(f"{mode}triage-desktop{draft} — {state}")

    def closeEvent(self, event: QCloseEvent) -> None:
        # anything typed in the notes box is stored before the window goes; the call itself is already saved
        if self._call_screen is not None:
            self._call_screen.side_panel.commit_note()
        self.save_geometry()
        if self.sync is not None:
            self.sync.stop()
        if self.history_window is not None:
            self.history_window.close()
        super().closeEvent(event)


def outcome_words(code: str) -> str:
    voc = OUTCOME_CODES.get(code)
    return voc.response if voc else code

