"""Who may act as trainer or supervisor: the one role check (apart from training.py, which the app needs only when
a training or review screen opens; the start page asks at once)."""
from __future__ import annotations

from typing import Any

#: Role names the settings may hold (until the force pack's staff lists: see has_role).
TRAINER_ROLES = ("trainer", "supervisor")
SUPERVISOR_ROLES = ("supervisor",)


def has_role(settings: Any, role: str) -> bool:
    """Whether the signed-in person may act as `role` ('trainer' or 'supervisor').

    The one place roles are checked: today from the `handler_role` setting; the force pack's staff lists (issue 11)
    replace this body.
    """
    signed = getattr(settings, "role_source", None)
    if callable(signed):  # a force pack is installed: its staff lists and a passphrase sign-in (force_services)
        got = signed()
        current = got[1] if got else ""
    else:
        current = str(settings.get("handler_role") or "")
    allowed = {"trainer": TRAINER_ROLES, "supervisor": SUPERVISOR_ROLES}.get(role, (role,))
    return current in allowed
