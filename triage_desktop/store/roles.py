"""Supervisor and trainer passphrases: argon2 hashes in the database, set on first use, rate-limited."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Callable, Optional

from .database import Store

ROLES = ("supervisor", "trainer")
#: Wrong passphrases allowed before a lock-out; each further failure doubles the lock-out (30 s, 60 s, ...).
FREE_FAILURES = 5
LOCKOUT_BASE_S = 30
MIN_PASSPHRASE = 10


class RoleRefused(PermissionError):
    """Not allowed to act in this role (not listed in the force pack, wrong passphrase, locked out)."""


@dataclass(frozen=True)
class RoleCheck:
    staff_id: str
    role: str
    first_use: bool


def _hasher():  # lazy: argon2 is only needed when someone signs in to a role
    from argon2 import PasswordHasher

    return PasswordHasher()


class Passphrases:
    """The staff_passphrases table of one open Store."""

    def __init__(self, store: Store, *, now: Optional[Callable[[], _dt.datetime]] = None):
        self.store = store
        self.now = now or (lambda: _dt.datetime.now(_dt.timezone.utc))

    def _row(self, staff_id: str, role: str) -> Optional[tuple[str, int, Optional[str]]]:
        return self.store.conn.execute(
            "SELECT hash, failures, locked_until FROM staff_passphrases WHERE staff_id = ? AND role = ?",
            (staff_id, role)).fetchone()

    def has_passphrase(self, staff_id: str, role: str) -> bool:
        return self._row(staff_id, role) is not None

    def set_first(self, staff_id: str, role: str, passphrase: str) -> None:
        """Set the passphrase on first use (refused if one exists: a supervisor cannot be impersonated by resetting)."""
        if role not in ROLES:
            raise RoleRefused(f"'{role}' is not a role with a passphrase")
        if len(passphrase) < MIN_PASSPHRASE:
            raise RoleRefused(f"choose a passphrase of at least {MIN_PASSPHRASE} characters")
        with self.store.writing():
            if self._row(staff_id, role) is not None:
                raise RoleRefused(f"{staff_id} already has a {role} passphrase")
            self.store.conn.execute(
                "INSERT INTO staff_passphrases (staff_id, role, hash, created_at) VALUES (?, ?, ?, ?)",
                (staff_id, role, _hasher().hash(passphrase), self.now().isoformat(timespec="seconds")))

    def verify(self, staff_id: str, role: str, passphrase: str) -> None:
        """Raises RoleRefused on a wrong passphrase or while locked out; a success clears the failure count."""
        from argon2.exceptions import VerificationError, InvalidHashError

        row = self._row(staff_id, role)
        if row is None:
            raise RoleRefused(f"{staff_id} has no {role} passphrase yet: set one first")
        stored, failures, locked_until = row
        now = self.now()
        if locked_until and now < _dt.datetime.fromisoformat(locked_until):
            wait = int((_dt.datetime.fromisoformat(locked_until) - now).total_seconds()) + 1
            raise RoleRefused(f"too many wrong passphrases: try again in {wait} seconds")
        try:
            _hasher().verify(stored, passphrase)
        except (VerificationError, InvalidHashError):
            failures += 1
            until = None
            if failures >= FREE_FAILURES:
                until = (now + _dt.timedelta(seconds=LOCKOUT_BASE_S * 2 ** (failures - FREE_FAILURES))
                         ).isoformat(timespec="seconds")
            with self.store.writing():
                self.store.conn.execute(
                    "UPDATE staff_passphrases SET failures = ?, locked_until = ? WHERE staff_id = ? AND role = ?",
                    (failures, until, staff_id, role))
            left = FREE_FAILURES - failures
            raise RoleRefused("wrong passphrase" + (f" ({left} tries left before a lock-out)" if left > 0 else
                                                    " (locked out for a while: ask another supervisor)")) from None
        if failures or locked_until:
            with self.store.writing():
                self.store.conn.execute(
                    "UPDATE staff_passphrases SET failures = 0, locked_until = NULL WHERE staff_id = ? AND role = ?",
                    (staff_id, role))
