"""MenusMixin: the main window's menus, their actions and shortcuts, and which actions are enabled. The fast start
paints the window with the menus' titles only; `fill_menus` adds the actions just after the first paint."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, cast

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

#: The texts keep the main window's translation context ("MainWindow"), where they were always looked up.
translate = QCoreApplication.translate


class MenusMixin:
    """Mixed into MainWindow (which provides svc, controller, training_hooks and the slots the actions call)."""

    svc: Any
    controller: Any
    training_hooks: Any
    _menus_filled: bool

    if TYPE_CHECKING:  # provided by MainWindow / its other mixins / QMainWindow
        def menuBar(self) -> Any: ...  # noqa: N802
        def addAction(self, *args: Any, **kwargs: Any) -> Any: ...  # noqa: N802

        on_new_call_action_triggered: Callable[..., Any]
        on_risk_action_triggered: Callable[..., Any]
        on_handover_action_triggered: Callable[..., Any]
        on_early_exit_action_triggered: Callable[..., Any]
        on_caller_type_action_triggered: Callable[..., Any]
        on_caller_details_action_triggered: Callable[..., Any]
        on_language_action_triggered: Callable[..., Any]
        on_copy_action_triggered: Callable[..., Any]
        on_notes_action_triggered: Callable[..., Any]
        on_quit_action_triggered: Callable[..., Any]
        on_history_action_triggered: Callable[..., Any]
        on_reports_action_triggered: Callable[..., Any]
        on_settings_action_triggered: Callable[..., Any]
        on_handler_action_triggered: Callable[..., Any]
        on_role_action_triggered: Callable[..., Any]
        on_partners_import_action_triggered: Callable[..., Any]
        on_sync_settings_action_triggered: Callable[..., Any]
        on_help_action_triggered: Callable[..., Any]
        on_flows_help_action_triggered: Callable[..., Any]
        on_about_action_triggered: Callable[..., Any]

    def _enable_ready_actions(self) -> None:
        """What needs the call database is enabled once it is open."""
        if self._menus_filled:
            for a in (self.new_call_action, self.history_action, self.settings_action, self.handler_action,
                      self.role_action, self.partners_import_action, self.risk_action):
                a.setEnabled(self.svc is not None)

    def _action(self, text: str, slot, shortcut: Any = None, menu: Any = None, name: str = "") -> QAction:
        act = QAction(text, cast(QObject, self))  # (self: the window)
        if shortcut is not None:
            # setShortcuts([k]) is Qt's setShortcut(k); from Python, setShortcut's overloads (Qt.Key...) build `Qt`'s
            # enums; the default context is the window's (Qt.WindowShortcut)
            act.setShortcuts([QKeySequence(shortcut)])
        act.triggered.connect(slot)
        if menu is not None:
            menu.addAction(act)
        self.addAction(act)
        if name:
            act.setObjectName(name)
        return act

    def _make_menus(self) -> None:
        """The menu bar's menus, empty: what the first paint shows of them (their titles). `fill_menus` adds the
        actions."""
        mb = self.menuBar()
        self.call_menu = mb.addMenu(translate("MainWindow", "&Call"))
        self.find_menu = mb.addMenu(translate("MainWindow", "&Find"))
        self.tools_menu = mb.addMenu(translate("MainWindow", "&Tools"))
        self.help_menu = mb.addMenu(translate("MainWindow", "&Help"))
        for menu in (self.call_menu, self.find_menu, self.tools_menu, self.help_menu):
            menu.aboutToShow.connect(self.fill_menus)  # one opened before they are filled fills them all first

    def fill_menus(self) -> None:
        """The menus' actions and their shortcuts (once). A window made with its services fills them at once; the
        fast start (run_app) paints the window with the menus' titles, then fills them before it handles any input
        (~3 ms off the first paint), so Alt+letter, the shortcuts and every menu work from the first key press.
        set_services, or a menu about to open, fills them too if nothing has yet."""
        if self._menus_filled:
            return
        self._menus_filled = True
        self._make_actions()
        self.training_hooks.fill()
        self._enable_ready_actions()

    def _make_actions(self) -> None:
        act = self._action
        call = self.call_menu
        self.new_call_action = act(translate("MainWindow", "&New call"), self.on_new_call_action_triggered, "Ctrl+N",
                                   call)
        self.risk_action = act(translate("MainWindow", "&Immediate risk…"), self.on_risk_action_triggered, "F9", call)
        call.addSeparator()
        self.handover_action = act(translate("MainWindow", "&Hand over…"), self.on_handover_action_triggered, "Ctrl+H",
                                   call)
        self.early_exit_action = act(translate("MainWindow", "&End call early…"), self.on_early_exit_action_triggered,
                                     "Ctrl+E", call)
        self.caller_type_action = act(translate("MainWindow", "&Who is calling…"), self.on_caller_type_action_triggered,
                                      "Ctrl+T", call)
        self.caller_details_action = act(translate("MainWindow", "Caller &details…"),
                                         self.on_caller_details_action_triggered, "Ctrl+D", call)
        self.language_action = act(translate("MainWindow", "Call &language: Welsh / English"),
                                   self.on_language_action_triggered, "F7", call)
        self.copy_action = act(translate("MainWindow", "&Copy for incident log"), self.on_copy_action_triggered, None,
                               call)
        call.addSeparator()
        self.notes_action = act(translate("MainWindow", "Go to the &notes"), self.on_notes_action_triggered, "Alt+N",
                                call)
        self.quit_action = act(translate("MainWindow", "&Quit"), self.on_quit_action_triggered, "Ctrl+Q", call)
        view = self.find_menu
        self.history_action = act(translate("MainWindow", "&Find calls (history)…"), self.on_history_action_triggered,
                                  "Ctrl+F", view)
        self.reports_action = act(translate("MainWindow", "&Reports…"), self.on_reports_action_triggered, "Ctrl+R",
                                  view)
        tools = self.tools_menu
        self.settings_action = act(translate("MainWindow", "&Settings…"), self.on_settings_action_triggered, "Ctrl+,",
                                   tools)
        self.handler_action = act(translate("MainWindow", "&Sign in (who is taking calls)…"),
                                  self.on_handler_action_triggered, None, tools)
        self.role_action = act(translate("MainWindow", "Sign in as su&pervisor or trainer…"),
                               self.on_role_action_triggered, None, tools)
        self.partners_import_action = act(translate("MainWindow", "Import &partner directory (CSV)…"),
                                          self.on_partners_import_action_triggered, None, tools)
        self.sync_settings_action = act(translate("MainWindow", "S&ync settings…"),
                                        self.on_sync_settings_action_triggered, None, tools)
        self.sync_settings_action.setEnabled(False)
        helpm = self.help_menu
        self.help_action = act(translate("MainWindow", "&Help and shortcuts"), self.on_help_action_triggered, "F1",
                               helpm)
        self.flows_help_action = act(translate("MainWindow", "&Flows (diagrams)…"), self.on_flows_help_action_triggered,
                                     None, helpm)
        self.about_action = act(translate("MainWindow", "&About triage-desktop"), self.on_about_action_triggered, None,
                                helpm)
        self._update_actions()

    def _update_actions(self) -> None:
        if not self._menus_filled:
            return
        view = self.controller.view
        active = view is not None
        for a in (self.handover_action, self.copy_action, self.caller_type_action, self.caller_details_action,
                  self.notes_action):
            a.setEnabled(active)
        self.risk_action.setEnabled(self.svc is not None)  # F9 with no call open starts one at the emergency
        self.language_action.setEnabled(active)  # F7 says so when the flows have no Welsh
        self.early_exit_action.setEnabled(view is not None and view.outcome is None and view.status == "in_progress"
                                          and not view.in_post_decision)
