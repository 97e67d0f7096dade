"""MainWindow: menus, the start page and the call screen, wired to a CallController over the services facade."""
from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:
    from triage_desktop.services.protocol import ServicesLike

from .controller import CallController
from .dialogs import (
    ConfirmDialog,
    ErrorDialog,
    HandlerDialog,
    ResumeDialog,
)
from .errors import describe_action_error
from .start_page import StartPage
from .call_actions import CallActionsMixin
from .window_state import WindowStateMixin
from .worker_bridge import ServicesBridge

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .call_screen import CallScreen



class MainWindow(WindowStateMixin, CallActionsMixin, QMainWindow):
    """The one main window. Widgets only show state; every action goes through the controller."""

    def __init__(self, svc: Optional[ServicesLike] = None, *, paths: Any = None, training: bool = False,
                 parent: Optional[QWidget] = None):
        """svc may be None at first: the window shows at once and `set_services` completes it (fast start)."""
        super().__init__(parent)
        self.svc = svc
        self.paths = paths if paths is not None else (svc.paths if svc is not None else None)
        self.training = training
        self.bridge = ServicesBridge(self)  # every services call from the window goes to the worker through it
        self._settings: dict[str, Any] = dict(svc.settings.all()) if svc is not None else {}
        self.history_window: Optional[Any] = None  # HistoryView, made on first use
        self.reports_window: Optional[Any] = None  # ReportsWindow, made on first use
        self._last_view: Optional[Any] = None  # the CallView of the call just finished (Copy after Finish)
        self._draft_title = ""  # " — DRAFT FLOWS" in training on draft flows (flows_help.mark_drafts)
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
            state = self._geometry_value("splitter")
            if state is not None:
                cs.splitter.restoreState(state)
        return self._call_screen

    def set_services(self, svc: ServicesLike) -> None:
        """The call database and flows are open: the app is ready to take calls."""
        self.svc = svc
        self._settings = dict(svc.settings.all())
        if self.paths is None:
            self.paths = svc.paths
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

        self.sync = SyncController(self.svc, parent=self)
        self.sync_status = SyncStatusWidget(self.sync)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_settings_action.setEnabled(True)

    def on_sync_settings_action_triggered(self) -> None:
        if self.sync is None:
            return
        from .sync_status import SyncSettingsDialog

        minutes = SyncSettingsDialog.ask(self.svc, self, self.sync.timer.interval() // 60_000)
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
        op.cad_changed.connect(self.on_outcome_page_cad_changed)
        sp.jump_chosen.connect(c.jump_to)
        sp.note_committed.connect(self.on_side_panel_note_committed)
        cs.header.immediate_risk_clicked.connect(self.on_risk_action_triggered)
        cs.handover_clicked.connect(self.on_handover_action_triggered)
        cs.early_exit_clicked.connect(self.on_early_exit_action_triggered)

    # ----- handler and settings ---------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        """A setting (a short read on the database worker; what this window last knew if that fails)."""
        v = self._settings.get(key)
        if self.svc is not None:
            try:
                v = self._settings[key] = self.svc.settings.get(key)
            except Exception:  # settings are never worth a crash
                log.exception("reading setting %s", key)
        return default if v in (None, "") else str(v)

    def save_settings(self, values: dict[str, str], *, then: Any = None) -> None:
        """Store settings on the worker (never waited for); a value the store refuses is shown, the rest kept."""
        if self.svc is None:
            return
        self._settings.update(values)

        def done(problems: dict[str, str]) -> None:
            for k, why in problems.items():
                self.on_controller_store_failed(f"saving the setting '{k}'", why)
            if problems:
                self.bridge.run(self.svc.submit, self.svc.settings.all, on_result=self._settings_reloaded)
            if then is not None:
                then()

        self.bridge.run(self.svc.submit, self.svc.settings.set_many, values, on_result=done,
                        on_error=lambda exc: self.show_error("saving the settings", exc))

    def _settings_reloaded(self, values: dict[str, Any]) -> None:
        self._settings = dict(values)
        self.refresh_start_page()

    @property
    def handler(self) -> tuple[str, str]:
        hid, role = self.setting("handler_id"), self.setting("handler_role", "call_handler")
        signed = self.svc.force.role if self.svc is not None else None  # a passphrase sign-in this session
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
        force = self.svc.force
        if force.pack is not None and got[1] in ("supervisor", "trainer"):
            self.svc.settings.set("handler_id", got[0])
            self._settings["handler_id"] = got[0]
            self.sign_in_role(got[0], got[1])  # a protected role: the pack's list and a passphrase
            self.refresh_start_page()
            return True
        if force.role and force.role[0] != got[0]:
            force.sign_out_role()  # someone else is taking calls now
        self.save_settings({"handler_id": got[0], "handler_role": got[1]})
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
        """At start-up (the one time the window waits for the database): offer any interrupted call."""
        if self.svc is None or self.controller.active:
            return
        try:
            calls = list(self.svc.interrupted_calls())
        except Exception as exc:
            log.exception("listing interrupted calls")
            self.show_error("listing calls that were not finished", exc)
            return
        self.start_page.show_interrupted(calls)
        if not calls:
            return
        uuid = ResumeDialog.ask(self, calls=calls)
        if uuid:
            self.resume_call(uuid)

    def refresh_start_page(self) -> None:
        """Handler and the interrupted calls (read on the worker; the list fills in when they arrive)."""
        self.start_page.show_handler(*self.handler)
        if getattr(self, "training_hooks", None) is not None:
            self.training_hooks.refresh()  # queried calls until acknowledged
        if self.svc is None or self.controller.active:
            return

        def listed(calls: list[Any]) -> None:
            if not self.controller.active:
                self.start_page.show_interrupted(calls)

        self.bridge.run(self.svc.submit, self.svc.interrupted_calls, on_result=listed,
                        on_error=lambda exc: self.show_error("listing calls that were not finished", exc))

    # ----- calls ------------------------------------------------------------------------------------
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
        self.bridge.run(self.svc.submit, self.svc.start_call, handler_id=hid, role=role,
                        on_result=self.controller.attach, on_error=lambda exc: self.show_error("starting the call", exc))

    def resume_call(self, uuid: str) -> None:
        if self.controller.active:
            if self.controller.uuid == uuid:
                return
            self.controller.detach()
        if self.svc is None:
            return

        def failed(exc: BaseException) -> None:
            self.show_error("reopening the call", exc)
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
        if self.reports_window is None:
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
                    self.svc.set_setting(k, v, actor=self.handler[0])  # with its authority (force pack)
                    self._settings[k] = v
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
        view = self.controller.view
        active = view is not None
        for a in (self.risk_action, self.handover_action, self.copy_action, self.caller_type_action,
                  self.caller_details_action):
            a.setEnabled(active)
        self.early_exit_action.setEnabled(view is not None and view.outcome is None and view.status == "in_progress"
                                          and not view.in_post_decision)

    def _update_title(self) -> None:
        """No codes and no app name: the platform adds the application's display name itself."""
        from triage_desktop.services import window_title

        draft = self._draft_title
        loaded = self.svc.force.loaded if self.svc is not None else None
        if loaded is not None and loaded.is_example:
            draft += " — EXAMPLE FORCE PACK (fictional numbers)"
        self.setWindowTitle(window_title(self.controller.view, training=self.training, extra=draft))

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
