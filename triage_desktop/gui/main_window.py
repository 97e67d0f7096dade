"""MainWindow: menus, the start page and the call screen, wired to a CallController over the services facade."""
from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING, Any, Optional

# No `Qt` (the namespace) on the way to the first paint and to "ready": its first use builds its 93 Python enums
# (~12 ms, as much as a tenth of the bare window's start); it is imported where a later action needs it.
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

if TYPE_CHECKING:
    from triage_desktop.services.protocol import ServicesLike

from . import a11y
from .controller import CallController
from .menus import MenusMixin
from .start_page import StartPage
from .call_actions import CallActionsMixin
from .signin import SignInMixin
from .window_state import WindowStateMixin
from .worker_bridge import ServicesBridge

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .call_screen import CallScreen



def _freeze_startup_heap() -> None:
    """The flows, the services and the screens made at start-up live as long as the app: once, move them out of the
    cycle collector's generations (gc.freeze), so the collections that run during a call never walk them again
    (otherwise a full collection in the middle of an answer costs several frames)."""
    import gc

    global _heap_frozen
    if _heap_frozen:
        return
    _heap_frozen = True
    gc.collect()
    gc.freeze()


_heap_frozen = False


class MainWindow(WindowStateMixin, CallActionsMixin, SignInMixin, MenusMixin, QMainWindow):
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
        self._settings_fresh = False  # True while set_services works from the snapshot it has just read
        self.history_window: Optional[Any] = None  # HistoryView, made on first use
        self.reports_window: Optional[Any] = None  # ReportsWindow, made on first use
        self._last_view: Optional[Any] = None  # the CallView of the call just finished (Copy after Finish)
        self._draft_title = ""  # " — DRAFT FLOWS" in training on draft flows (draft_marks.mark_drafts)
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
        self._menus_filled = False
        self._make_menus()
        from .training_menus import install as install_training_hooks  # issue 9: Training / Review menus

        self.training_hooks = install_training_hooks(self)
        if svc is not None:  # else run_app fills them just after the first paint (see fill_menus)
            self.fill_menus()
        self._wire()
        self._update_title()
        self.refresh_start_page()
        self.restore_geometry()
        self._update_ready()
        self.idle_timer = QTimer(self)  # the idle sign-out between calls (SignInMixin)
        self.idle_timer.setInterval(30_000)
        self.idle_timer.timeout.connect(self.on_idle_timer_timeout)
        if svc is not None:  # else set_services names them: before "ready", not before the first paint (~3 ms)
            a11y.name_parts(self)
        self.backup_timer = QTimer(self)
        self.backup_timer.timeout.connect(self.on_backup_timer_timeout)
        self._backup_due = False
        self.sync: Optional[Any] = None  # SyncController, live mode only
        if svc is not None:
            self.call_screen  # noqa: B018 - build it now
            self._start_backup_timer()
            self._start_sync()
            self.start_idle_watch()

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
            a11y.name_parts(cs)  # scroll bars named after what they scroll (issue 12)
            state = self._geometry_value("splitter")
            if state is not None:
                cs.splitter.restoreState(state)
            _freeze_startup_heap()
        return self._call_screen

    def set_services(self, svc: ServicesLike) -> None:
        """The call database and flows are open: the app is ready to take calls."""
        self.svc = svc
        self._settings = dict(svc.settings.all())
        if self.paths is None:
            self.paths = svc.paths
        self._settings_fresh = True  # just read in one go: what follows reads it, not the worker once per setting
        self.fill_menus()  # (run_app has filled them already, after the first paint)
        try:
            self._start_backup_timer()
            self._start_sync()
            self.start_idle_watch()
            self.refresh_start_page()
            self._update_ready()
            self._update_title()
            a11y.name_parts(self)  # the scroll bars and clear buttons Qt adds unnamed (screen readers, issue 12)
        finally:
            self._settings_fresh = False
        # built while the handler reads the start page (at once if a call starts first): "ready" does not wait for it
        QTimer.singleShot(0, lambda: self.call_screen)

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
        self._enable_ready_actions()
        if ready and not self.controller.active:
            self.start_page.new_call_button.setFocus()  # where a handler starts (Qt's OtherFocusReason)
        if ready:
            from .draft_marks import mark_drafts

            mark_drafts(self)  # draft flows (training only) are marked on every screen

    # ----- set-up ---------------------------------------------------------------------------------
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
        cs.language_clicked.connect(self.on_language_action_triggered)
        cs.handover_clicked.connect(self.on_handover_action_triggered)
        cs.early_exit_clicked.connect(self.on_early_exit_action_triggered)

    # ----- handler and settings ---------------------------------------------------------------------
    def setting(self, key: str, default: str = "") -> str:
        """A setting (a short read on the database worker; what this window last knew if that fails)."""
        v = self._settings.get(key)
        if self.svc is not None and not self._settings_fresh:
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
                self.on_controller_store_failed(self.tr("saving the setting '{name}'").format(name=k), why)
            if problems:
                self.bridge.run(self.svc.submit, self.svc.settings.all, on_result=self._settings_reloaded)
            if then is not None:
                then()

        self.bridge.run(self.svc.submit, self.svc.settings.set_many, values, on_result=done,
                        on_error=lambda exc: self.show_error(self.tr("saving the settings"), exc))

    def _settings_reloaded(self, values: dict[str, Any]) -> None:
        self._settings = dict(values)
        self.refresh_start_page()


    def startup(self) -> None:
        """After the window is shown: who is taking calls, then any interrupted call offered explicitly."""
        if self.svc is None:
            return
        self.svc.warm_up()  # on the worker while the handler signs in: the first outcome then does not wait
        self.sign_in_for_shift()
        self.offer_resume()
        if not self.controller.active:
            self.start_page.new_call_button.setFocus()  # (Qt's OtherFocusReason)

    def offer_resume(self) -> None:
        """At start-up (the one time the window waits for the database): offer any interrupted call."""
        if self.svc is None or self.controller.active:
            return
        try:
            calls = list(self.svc.interrupted_calls())
        except Exception as exc:
            log.exception("listing interrupted calls")
            self.show_error(self.tr("listing calls that were not finished"), exc)
            return
        self.start_page.show_interrupted(calls)
        if not calls:
            return
        from .resume_dialog import ResumeDialog

        uuid = ResumeDialog.ask(self, calls=calls)
        if uuid:
            self.resume_call(uuid)

    def refresh_start_page(self) -> None:
        """Handler and the interrupted calls (read on the worker; the list fills in when they arrive)."""
        self.start_page.show_handler(*self.handler, since=self._signed_in_at)
        if getattr(self, "training_hooks", None) is not None:
            self.training_hooks.refresh()  # queried calls until acknowledged
        if self.svc is None or self.controller.active:
            return

        def listed(calls: list[Any]) -> None:
            if not self.controller.active:
                self.start_page.show_interrupted(calls)

        self.bridge.run(self.svc.submit, self.svc.interrupted_calls, on_result=listed,
                        on_error=lambda exc: self.show_error(self.tr("listing calls that were not finished"), exc))


    def on_controller_store_failed(self, doing: str, message: str) -> None:
        from .errors import describe_action_error  # (only when something failed: not on the way to the first paint)
        from .message_boxes import ErrorDialog

        t = describe_action_error(doing, message)
        ErrorDialog.ask(self, title=t.title, what=t.what, safe=t.safe, next_step=t.next_step)

    def show_error(self, doing: str, exc: BaseException) -> None:
        self.on_controller_store_failed(doing, str(exc) or type(exc).__name__)

    # ----- other windows ----------------------------------------------------------------------------
    def on_history_action_triggered(self) -> None:
        from .history_view import HistoryView  # lazy: keeps start-up light

        if self.svc is None:
            return
        if self.history_window is None:
            self.history_window = HistoryView(self.svc, author=lambda: self.handler[0], parent=self)
            self.history_window.addAction(self.risk_action)  # F9 works here too
            self.watch_window(self.history_window)
        self.history_window.show()
        self.history_window.raise_()
        self.history_window.activateWindow()
        self.history_window.focus_search()

    def on_reports_action_triggered(self) -> None:
        from PySide6.QtCore import Qt

        from .reports_window import ReportsWindow  # lazy: QtCharts only when asked for

        if self.svc is None:
            return
        if self.reports_window is None:
            self.reports_window = ReportsWindow(self.svc, parent=self)
            self.reports_window.setWindowFlag(Qt.WindowType.Window, True)
            self.reports_window.addAction(self.risk_action)  # F9 works here too
            self.watch_window(self.reports_window)
        self.reports_window.show()
        self.reports_window.raise_()
        self.reports_window.activateWindow()

    def on_settings_action_triggered(self) -> None:
        from .settings_dialog import SettingsDialog

        if self.svc is None:
            return
        force = self.svc.force
        names = ("handler_id", "handler_role", "force_name", "retention_days", "signin_idle_minutes")
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
                    self.show_error(self.tr("saving the setting '{name}'").format(name=k), exc)
            self.refresh_start_page()

    def force_lines(self) -> list[str]:
        """The force pack in a few lines, for the Settings dialog (worded by the services)."""
        return list(self.svc.force.describe_lines())

    def settings_values(self) -> dict[str, str]:
        return {k: self.setting(k, d) for k, d in (("handler_id", ""), ("handler_role", "call_handler"),
                                                  ("force_name", ""), ("retention_days", "30"),
                                                  ("signin_idle_minutes", "60"),
                                                  ("interface_language", ""))}

    def on_help_action_triggered(self) -> None:
        from .about import HelpDialog

        HelpDialog.ask(self)

    def on_flows_help_action_triggered(self) -> None:
        from .flows_help import FlowsDialog

        dlg = FlowsDialog.open_for(self)
        if dlg is not None and self.risk_action not in dlg.actions():
            dlg.addAction(self.risk_action)  # F9 works beside the call too

    def on_about_action_triggered(self) -> None:
        from .about import AboutDialog

        AboutDialog.ask(self, svc=self.svc, paths=self.paths)

    # ----- window state -----------------------------------------------------------------------------
    def _update_title(self) -> None:
        """No codes and no app name: the platform adds the application's display name itself."""
        from triage_desktop.services import window_title

        draft = self._draft_title
        loaded = self.svc.force.loaded if self.svc is not None else None
        if loaded is not None and loaded.is_example:
            draft += self.tr(" — EXAMPLE FORCE PACK (fictional numbers)")
        from .i18n import handler_language
        from .service_words import window_title as said

        view = self.controller.view
        if view is not None and view.flow_title:  # the flow's title as the header shows it (Welsh call or interface)
            view = dataclasses.replace(view, flow_title=view.flow_title_in(handler_language(view.language)))
        self.setWindowTitle(said(window_title(view, training=self.training, extra=draft)))

    def closeEvent(self, event: QCloseEvent) -> None:
        # the window's close button (a spontaneous close) asks first mid-call, as Ctrl+Q does; a close from code
        # (the app shutting down) does not
        if event.spontaneous() and not getattr(self, "_quit_confirmed", False) and not self.confirm_quit():
            event.ignore()
            return
        self._quit_confirmed = False
        # anything typed in the notes box is stored before the window goes; the call itself is already saved
        if self._call_screen is not None:
            self._call_screen.side_panel.commit_note()
        self.save_geometry()
        if self.sync is not None:
            self.sync.stop()
        if self.history_window is not None:
            self.history_window.close()
        super().closeEvent(event)
