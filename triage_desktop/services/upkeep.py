"""Keeping the database healthy: retention purge, backups (and restoring one), integrity checks, legal holds, the
About box's facts and audit events."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from ..paths import AppPaths
from ..store.retention import PurgeResult, purge_expired
from .base import ServicesBase
from .worker import on_worker as _on_worker


class UpkeepMixin(ServicesBase):
    """AppServices' health, retention, backup and legal-hold methods (see services/app.py)."""

    @staticmethod
    def restore_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> Any:
        """Replace the (damaged) database with a backup atomically, keeping the old file aside; then open() again.

        Takes the instance lock for the duration (raises DataDirLocked if the app is open elsewhere). Returns a
        store.backup.RestoreResult: where the previous file was kept (`kept`) and the calls only it had
        (`live_only`, to tell the user; `message()` says it in words).
        """
        from ..store.backup import restore_file
        from ..store.lock import InstanceLock

        paths.ensure_data_dir()
        lock = InstanceLock(paths.lock_file(training)).acquire()
        try:
            return restore_file(paths, training, Path(backup))
        finally:
            lock.release()

    @staticmethod
    def describe_backup(paths: AppPaths, backup: str | os.PathLike[str], *, training: bool = False) -> str:
        """'made 3 hours ago (2026-11-23 10:00 UTC), holds 42 calls' for a backup file."""
        from ..store import backup as backups

        path = Path(backup)
        info = next((b for b in backups.list_backups(paths, training) if b.path == path), None)
        try:
            calls = backups.count_calls(path)
        except Exception:  # noqa: BLE001 - a description, never an error
            calls = None
        made = f"made {info.age_text()}" if info else "made at an unknown time"
        return made + (f", holds {calls} calls" if calls is not None else "")

    @_on_worker
    def purge_expired(self, days: Optional[int] = None) -> PurgeResult:
        """Purge personal details and free text older than the retention period (audit-logged)."""
        self.last_purge = purge_expired(self.store, days=days or self.settings.get_int("retention_days"))
        return self.last_purge

    @_on_worker
    def backup_if_changed(self) -> Optional[Path]:
        """For the GUI's backup timer (submitted, never waited for): an online backup if anything changed."""
        return self.store.backup_if_changed()

    @_on_worker
    def backup(self, reason: str = "manual") -> Path:
        return self.store.backup(reason)

    @_on_worker
    def verify(self) -> Any:  # -> store.chain.VerifyResult
        from ..sync.summary import build_summary, canonical_json

        return self.store.verify(summary=(build_summary, canonical_json))

    @_on_worker
    def quick_check(self) -> str:
        return self.store.quick_check()

    @_on_worker
    def about(self) -> dict[str, Any]:
        """What the About box shows: database file, size, counts, migrations, backups."""
        import sqlite3

        from ..store.backup import list_backups

        conn = self.store.conn
        counts = dict(conn.execute("SELECT status, count(*) FROM calls GROUP BY status").fetchall())
        return {"db_path": str(self.store.path), "counts": counts, "sqlite_version": sqlite3.sqlite_version,
                "backups": len(list_backups(self.paths, self.training)), "migrated": list(self.store.migrated)}

    @_on_worker
    def _audit(self, kind: str, value: dict[str, Any]) -> None:
        """A database-level audit event in its own transaction."""
        with self.store.writing():
            self._calls.db_event(kind, value)

    @_on_worker
    def place_hold(self, call_uuid: str, reason: str, by: str, role: str) -> None:
        """Legal hold (coroner, IOPC, complaint): supervisors only, with a reason; the purge skips the call."""
        from ..store.retention import place_hold

        place_hold(self.store, call_uuid, reason=reason, by=by, role=role)

    @_on_worker
    def lift_hold(self, call_uuid: str, reason: str, by: str, role: str) -> None:
        from ..store.retention import lift_hold

        lift_hold(self.store, call_uuid, reason=reason, by=by, role=role)

    @_on_worker
    def holds(self) -> list[Any]:
        """Active legal holds (store.retention.Hold), oldest first."""
        from ..store.retention import active_holds

        return active_holds(self.store.conn)
