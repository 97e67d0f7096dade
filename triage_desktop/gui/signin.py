"""SignInMixin: who is taking calls (the handler id and role in settings, the passphrase-protected supervisor and
trainer roles) and the supervisor's partner-directory import. MainWindow (menus and shell) mixes it in; the services
own what is stored."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtWidgets import QWidget

from .dialogs import ErrorDialog, HandlerDialog

log = logging.getLogger(__name__)


class SignInMixin:
    """Needs from the window: svc, _settings, setting(), save_settings(), statusBar(), refresh_start_page()."""

    svc: Any
    _settings: dict[str, Any]

    if TYPE_CHECKING:
        def setting(self, key: str, default: str = "") -> str: ...
        def save_settings(self, values: dict[str, str], *, then: Any = None) -> None: ...
        def statusBar(self) -> Any: ...  # noqa: N802
        def refresh_start_page(self) -> None: ...

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
        """Ask who is taking calls if nobody has said yet. True once a handler is known."""
        if self.handler[0]:
            return True
        return self.on_handler_action_triggered()

    def on_handler_action_triggered(self) -> bool:
        hid, role = self.handler
        got = HandlerDialog.ask(self._win(), handler_id=hid, role=role)
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
            ErrorDialog.ask(self._win(), title="No supervisor or trainer role",
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
        path = FileChooser.ask(self._win(), title="Import the partner directory", suggested="", filter="CSV files (*.csv)",
                               save=False)
        if not path:
            return False
        try:
            with open(path, encoding="utf-8", newline="") as f:
                n = self.svc.force.import_directory_csv(f.read(), file=path)
        except Exception as exc:  # not a supervisor, set by the pack, or a bad row: said with file, line and reason
            problems = getattr(exc, "problems", None)
            what = "\n".join(f"• {p}" for p in problems[:8]) if problems else str(exc)
            ErrorDialog.ask(self._win(), title="The partner directory was not imported", what=what,
                            safe="Nothing has changed: the directory in use is as it was.",
                            next_step="Sign in as a supervisor, or correct the file and import it again.")
            return False
        self.statusBar().showMessage(f"Partner directory imported: {n} services.", 8000)
        return True

    def sign_in_role(self, staff_id: str, role: str) -> bool:
        from .role_dialog import PassphraseDialog

        force = self.svc.force
        if role not in force.allowed_roles(staff_id):
            ErrorDialog.ask(self._win(), title=f"Not a {role}",
                            what=f"{staff_id} is not listed as a {role} in the force configuration pack.",
                            safe="Nothing has changed: you keep your current role.",
                            next_step="Ask IT to add you to the pack's [roles] if you should have this role.")
            return False
        first = force.needs_new_passphrase(staff_id, role)
        passphrase = PassphraseDialog.ask(self._win(), staff_id=staff_id, role=role, first_use=first)
        if passphrase is None:
            return False
        try:
            force.sign_in_role(staff_id, role, passphrase, new=first)
        except Exception as exc:  # RoleRefused (wrong passphrase, locked out) or a store error: said, not raised
            ErrorDialog.ask(self._win(), title=f"Not signed in as {role}", what=str(exc),
                            safe="Nothing has changed: you keep your current role.",
                            next_step="Try again, or ask another supervisor.")
            return False
        self.statusBar().showMessage(f"Signed in as {role} ({staff_id}) until the app closes or the handler changes.",
                                     8000)
        self.refresh_start_page()
        return True
