"""SignInMixin: who is taking calls (sign in per shift: at start-up, after the app was idle between calls, and from
the menu, offering the recent ids; the passphrase-protected supervisor and trainer roles) and the supervisor's
partner-directory import. MainWindow (menus and shell) mixes it in; the services
own what is stored."""
from __future__ import annotations

import logging
import datetime as _dt
import time
from typing import TYPE_CHECKING, Any, Optional, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget

# the dialog modules are imported where a dialog is shown: not on the way to the first paint

from .vocab_words import word

from triage_desktop.core.vocab import ROLE_NAMES

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


class _InputWatch(QObject):
    """An event filter on the app's top-level windows that only notes the time of the last key press or click."""

    KINDS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel})

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.last_input = time.monotonic()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS:
            self.last_input = time.monotonic()
        return False


class SignInMixin:
    """Needs from the window: svc, _settings, setting(), save_settings(), statusBar(), refresh_start_page()."""

    svc: Any
    _settings: dict[str, Any]
    controller: Any
    start_page: Any
    idle_timer: Any
    _idle_filter: Optional[_InputWatch] = None
    _signed_in_at: Optional[_dt.datetime] = None

    if TYPE_CHECKING:
        def setting(self, key: str, default: str = "") -> str: ...
        def save_settings(self, values: dict[str, str], *, then: Any = None) -> None: ...
        def statusBar(self) -> Any: ...  # noqa: N802
        def refresh_start_page(self) -> None: ...
        def show_error(self, doing: str, exc: BaseException) -> None: ...

    def _win(self) -> QWidget:
        """The window, as the dialogs' parent."""
        return cast(QWidget, self)

    @property
    def handler(self) -> tuple[str, str]:
        hid, role = self.setting("handler_id"), self.setting("handler_role", "call_handler")
        signed = self.svc.force.role if self.svc is not None else None  # a passphrase sign-in this session
        if signed and signed[0] == hid:
            role = signed[1]
        return hid, role

    def ensure_handler(self) -> bool:
        """Ask who is taking calls if nobody is signed in (first start, after the idle sign-out). True once known."""
        if self.handler[0]:
            return True
        return self.on_handler_action_triggered()

    def sign_in_for_shift(self) -> bool:
        """At start-up: a new shift may have begun, so whoever is at the keyboard signs in (the last ids offered)."""
        return self.on_handler_action_triggered(
            title="Sign in for this shift",
            intro="Who is taking calls now? Your collar number or staff id is recorded against every step you take "
                  "in a call. Choose your id from the recent ones (Down and Up) or type it, then Enter.")

    def on_handler_action_triggered(self, *, title: str = "Who is taking calls?", intro: str = "") -> bool:
        """Tools → Sign in, the start page's button, start-up and the first call after the idle sign-out. Mid-call,
        a different person signing in takes the call over (a handover): every later step is theirs."""
        if self.svc is None:
            return False
        hid, role = self.handler
        try:
            recent = list(self.svc.shift.recent())
        except Exception:  # never worth refusing a sign-in
            log.exception("reading the recent handler ids")
            recent = []
        kw: dict[str, Any] = {"intro": intro} if intro else {}
        from .handler_dialogs import HandlerDialog
        got = HandlerDialog.ask(self._win(), handler_id=hid or (recent[0] if recent else ""), role=role,
                                title=title, recent=recent, **kw)
        if not got:
            return bool(hid)
        new_id, new_role = got
        force = self.svc.force
        protected = force.pack is not None and new_role in ("supervisor", "trainer")
        stored_role = self.setting("handler_role", "call_handler") if protected else new_role
        try:
            self.svc.shift.sign_in(new_id, stored_role)
        except Exception as exc:  # a store error: said, and nobody new is signed in
            self.show_error(translate("SignIn", "signing in"), exc)
            return bool(hid)
        self._settings.update({"handler_id": new_id, "handler_role": stored_role})
        self._signed_in_at = _dt.datetime.now()
        if protected:
            self.sign_in_role(new_id, new_role)  # a protected role: the pack's list and a passphrase
        self._attribute_call_to_signed_in()
        self.refresh_start_page()
        return True

    def _attribute_call_to_signed_in(self) -> None:
        """The call on screen goes on in the name of who is signed in (a handover when that is someone else)."""
        view = self.controller.view if self.controller.active else None
        hid, role = self.handler
        if view is not None and hid and tuple(view.actor) != (hid, role) and view.status == "in_progress":
            self.controller.handover(hid, role)

    # ----- idle sign-out --------------------------------------------------------------------------
    def start_idle_watch(self) -> None:
        """Key presses and clicks in the app's windows count as use; between calls, after the declared
        `signin_idle_minutes` without use, the handler is signed out and the next person signs in. The watch sits on
        each top-level QWindow (where the platform delivers input), not on the whole application, so it costs one
        check per input event and nothing per paint."""
        if self._idle_filter is None:
            self._idle_filter = _InputWatch(self._win())
        self.watch_window(self._win())
        self.idle_timer.start()

    def watch_window(self, widget: QWidget) -> None:
        """Count input in this top-level window (the main window, Find calls, Reports) as use."""
        if self._idle_filter is None:
            return
        widget.winId()  # makes its QWindow
        handle = widget.windowHandle()
        if handle is not None and not handle.property("triage_idle_watched"):
            handle.installEventFilter(self._idle_filter)
            handle.setProperty("triage_idle_watched", True)

    def on_idle_timer_timeout(self) -> None:
        if self.svc is None or self._idle_filter is None or self.controller.active or not self.handler[0]:
            return
        try:
            minutes = int(self.setting("signin_idle_minutes", "60"))
        except ValueError:
            minutes = 60
        idle_s = time.monotonic() - self._idle_filter.last_input
        if minutes <= 0 or idle_s < minutes * 60:
            return
        try:
            self.svc.shift.sign_out()
        except Exception as exc:
            self.show_error(translate("SignIn", "signing out after the app was idle"), exc)
            return
        self._settings["handler_id"] = ""
        self.refresh_start_page()
        self.start_page.show_last_call(f"Signed out at {_dt.datetime.now():%H:%M} after {minutes} minutes without "
                                       "use. The next person signs in when they start a call.")

    def on_role_action_triggered(self) -> bool:
        """Tools → Sign in as supervisor or trainer: the staff id in settings, a role the pack lists, passphrase."""
        if self.svc is None:
            return False
        hid = self.handler[0]
        allowed = self.svc.force.allowed_roles(hid) if hid else []
        if not allowed:
            from .message_boxes import ErrorDialog
            ErrorDialog.ask(self._win(), title=translate("SignIn", "No supervisor or trainer role"),
                            what=translate("SignIn", "{staff_id} is not listed as a supervisor or trainer in the force "
                                           "configuration pack.").format(
                                               staff_id=hid or translate("SignIn", "This staff id")),
                            safe=translate("SignIn", "Nothing has changed."),
                            next_step=translate("SignIn", "Change the handler to your own staff id first, or ask IT "
                                                "to add you to the pack's [roles]."))
            return False
        return self.sign_in_role(hid, allowed[0])
    def on_partners_import_action_triggered(self) -> bool:
        """A supervisor replaces the partner directory from CSV (when the force pack does not set it)."""
        from .training_report import FileChooser

        if self.svc is None:
            return False
        path = FileChooser.ask(self._win(), title=translate("SignIn", "Import the partner directory"), suggested="",
                               filter=translate("SignIn", "CSV files (*.csv)"),
                               save=False)
        if not path:
            return False
        try:
            with open(path, encoding="utf-8", newline="") as f:
                n = self.svc.force.import_directory_csv(f.read(), file=path)
        except Exception as exc:  # not a supervisor, set by the pack, or a bad row: said with file, line and reason
            problems = getattr(exc, "problems", None)
            what = "\n".join(f"• {p}" for p in problems[:8]) if problems else str(exc)
            from .message_boxes import ErrorDialog
            ErrorDialog.ask(self._win(), title=translate("SignIn", "The partner directory was not imported"), what=what,
                            safe=translate("SignIn", "Nothing has changed: the directory in use is as it was."),
                            next_step=translate("SignIn", "Sign in as a supervisor, or correct the file and import it "
                                                "again."))
            return False
        self.statusBar().showMessage(translate("SignIn", "Partner directory imported: {n} services.").format(n=n), 8000)
        return True

    def sign_in_role(self, staff_id: str, role: str) -> bool:
        from .role_dialog import PassphraseDialog

        force = self.svc.force
        if role not in force.allowed_roles(staff_id):
            words = word(ROLE_NAMES.get(role, role))
            from .message_boxes import ErrorDialog
            ErrorDialog.ask(self._win(), title=translate("SignIn", "Not a {role}").format(role=words),
                            what=translate("SignIn", "{staff_id} is not listed as a {role} in the force configuration "
                                           "pack.").format(staff_id=staff_id, role=words),
                            safe=translate("SignIn", "Nothing has changed: you keep your current role."),
                            next_step=translate("SignIn", "Ask IT to add you to the pack's [roles] if you should have "
                                                "this role."))
            return False
        first = force.needs_new_passphrase(staff_id, role)
        passphrase = PassphraseDialog.ask(self._win(), staff_id=staff_id, role=role, first_use=first)
        if passphrase is None:
            return False
        try:
            force.sign_in_role(staff_id, role, passphrase, new=first)
        except Exception as exc:  # RoleRefused (wrong passphrase, locked out) or a store error: said, not raised
            from .message_boxes import ErrorDialog
            ErrorDialog.ask(self._win(), title=translate("SignIn", "Not signed in as {role}").format(
                                role=word(ROLE_NAMES.get(role, role))), what=str(exc),
                            safe=translate("SignIn", "Nothing has changed: you keep your current role."),
                            next_step=translate("SignIn", "Try again, or ask another supervisor."))
            return False
        self.statusBar().showMessage(translate("SignIn", "Signed in as {role} ({staff_id}) until the app closes or the "
                                               "handler changes.").format(role=word(ROLE_NAMES.get(role, role)),
                                                                          staff_id=staff_id), 8000)
        self.refresh_start_page()
        return True
