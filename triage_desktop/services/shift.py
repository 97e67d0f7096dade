"""Who is taking calls on this PC (issue 12): sign in per shift, the recent handler ids offered at sign-in, and the
idle sign-out. Owned here, on the database worker; the GUI only asks and shows."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .worker import on_worker as _on_worker

if TYPE_CHECKING:
    from .app import AppServices

#: How many recent handler ids a sign-in offers
RECENT_MAX = 8


class ShiftAccess:
    """svc.shift: the signed-in handler (settings handler_id / handler_role) and the recent ids."""

    def __init__(self, svc: "AppServices") -> None:
        self._svc = svc
        self._worker = svc._worker

    @_on_worker
    def recent(self) -> list[str]:
        """Handler ids signed in here lately, newest first (the one signed in now first, if any)."""
        raw = str(self._svc.settings.get("recent_handlers") or "")
        return [x for x in raw.split(",") if x]

    @_on_worker
    def sign_in(self, handler_id: str, role: str) -> list[str]:
        """Sign `handler_id` in (every later step is theirs); returns the recent ids with them first. A protected
        role signed in by passphrase for someone else ends (force.sign_out_role)."""
        hid = handler_id.strip()
        if not hid:
            raise ValueError("a handler id is needed to sign in")
        force = self._svc.force
        if force.role and force.role[0] != hid:
            force.sign_out_role()  # someone else is taking calls now
        recent = [hid] + [x for x in self.recent() if x != hid]
        st = self._svc.settings
        st.set("handler_id", hid)
        st.set("handler_role", role)
        st.set("recent_handlers", ",".join(recent[:RECENT_MAX]))
        return recent[:RECENT_MAX]

    @_on_worker
    def sign_out(self) -> None:
        """Nobody is taking calls (idle between calls, end of shift): the next person signs in. The recent ids
        stay to be offered."""
        force = self._svc.force
        if force.role:
            force.sign_out_role()
        self._svc.settings.set("handler_id", "")

    @_on_worker
    def idle_minutes(self) -> int:
        """Minutes idle between calls before the sign-out (0: never)."""
        return int(self._svc.settings.get_int("signin_idle_minutes"))
