"""Retention: purge personal details and free text after N days; the anonymised record stays for reporting."""
from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .callbase import PURGED_TEXT
from .calls import CallStore, now_iso
from .database import Store
from .errors import StoreError

#: Roles that may place or lift a legal hold.
HOLD_ROLES = ("supervisor",)
HOLD_KINDS = ("legal_hold", "hold_lifted")

ABANDON_REASON = "not resumed within the retention period"
REASON_COLUMNS = ("override_reason", "early_exit_reason", "immediate_risk_reason", "abandon_reason")


@dataclass(frozen=True)
class PurgeResult:
    """What one purge did."""

    cutoff: str
    retention_days: int
    calls_abandoned: int = 0
    calls_purged: int = 0
    events_purged: int = 0
    calls_held: int = 0
    files: "FilesResult | None" = None


@dataclass
class FilesResult:
    """What the purge did to the other files in the data dir (backups, damaged copies)."""

    deleted: list[str] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hold:
    """An active legal hold on a call."""

    call_uuid: str
    placed_by: str
    placed_at: str
    reason: str


class HoldRefused(StoreError):
    """Only a supervisor, with a reason, may place or lift a legal hold."""


def active_holds(conn: sqlite3.Connection) -> list[Hold]:
    """Calls whose latest hold event is a 'legal_hold' (not lifted), oldest first."""
    rows = conn.execute(
        "SELECT e.call_uuid, e.actor, e.wall, COALESCE(e.reason, '') FROM call_events e "
        "WHERE e.kind = 'legal_hold' AND e.id = (SELECT max(h.id) FROM call_events h WHERE h.call_uuid = e.call_uuid "
        "AND h.kind IN ('legal_hold', 'hold_lifted')) ORDER BY e.id").fetchall()
    return [Hold(*r) for r in rows]


def held_uuids(conn: sqlite3.Connection) -> set[str]:
    return {h.call_uuid for h in active_holds(conn)}


def _check_hold_args(reason: str, by: str, role: str) -> None:
    if role not in HOLD_ROLES:
        raise HoldRefused(f"Only a supervisor can place or lift a legal hold (this role is '{role or 'none'}').")
    if not by or not by.strip():
        raise HoldRefused("A legal hold needs the supervisor's id.")
    if not reason or not reason.strip():
        raise HoldRefused("A legal hold needs a reason (e.g. coroner, IOPC referral, complaint).")


def place_hold(store: Store, call_uuid: str, *, reason: str, by: str, role: str) -> None:
    """Put a call on legal hold: the purge skips it until the hold is lifted. An audit event on the call's chain."""
    _check_hold_args(reason, by, role)
    calls = CallStore(store)
    with store.writing():
        calls.get(call_uuid)
        if call_uuid in held_uuids(store.conn):
            raise HoldRefused(f"Call {call_uuid} is already on legal hold.")
        calls._insert_event(call_uuid, kind="legal_hold", wall=now_iso(), offset=0.0, actor=by.strip(), role=role,
                            reason=reason.strip(), value={"hold": True})


def lift_hold(store: Store, call_uuid: str, *, reason: str, by: str, role: str) -> None:
    """Lift a legal hold (audit event); the next purge treats the call like any other."""
    _check_hold_args(reason, by, role)
    calls = CallStore(store)
    with store.writing():
        calls.get(call_uuid)
        if call_uuid not in held_uuids(store.conn):
            raise HoldRefused(f"Call {call_uuid} is not on legal hold.")
        calls._insert_event(call_uuid, kind="hold_lifted", wall=now_iso(), offset=0.0, actor=by.strip(), role=role,
                            reason=reason.strip(), value={"hold": False})


def cutoff_for(days: int, now: Optional[_dt.datetime] = None) -> str:
    """Calls started before this ISO time are past retention."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return (now - _dt.timedelta(days=days)).isoformat(timespec="milliseconds")


def redact(text: Optional[str], secrets: list[Optional[str]]) -> Optional[str]:
    """The rationale with every typed reason in it replaced by the purge marker."""
    if text is None:
        return None
    for s in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(s, PURGED_TEXT)
    return text


def _purge_rows(conn: sqlite3.Connection, uuids: list[str], stamp: str) -> int:
    """Blank personal columns and private event fields of these calls (inside a transaction); returns events."""
    events = 0
    have = {r[1] for r in conn.execute("PRAGMA table_info(calls)")}
    blank = [c for c in ("caller_name", "caller_phone", "address", "notes", "override_reason", "early_exit_reason",
                         "immediate_risk_reason", "abandon_reason", "cad_incident") if c in have]
    sets = ", ".join(f"{c} = NULL" for c in blank)
    for call_uuid in uuids:
        row = conn.execute("SELECT rationale, " + ", ".join(REASON_COLUMNS) + " FROM calls WHERE uuid = ?",
                           (call_uuid,)).fetchone()
        rationale, *reasons = row
        conn.execute(f"UPDATE calls SET {sets}, rationale = ?, personal_salt = NULL, personal_purged_at = ? "
                     "WHERE uuid = ?", (redact(rationale, reasons), stamp, call_uuid))
        cur = conn.execute(
            "UPDATE call_events SET value_json = CASE WHEN value_private = 1 THEN NULL ELSE value_json END, "
            "reason = NULL, text = NULL, private_salt = NULL, purged = 1 "
            "WHERE call_uuid = ? AND private_salt IS NOT NULL", (call_uuid,))
        events += cur.rowcount
    return events


def forget_bytes(conn: sqlite3.Connection, *, vacuum: bool = True) -> None:
    """Make purged text unrecoverable from the file: FTS5 optimize, secure_delete, VACUUM, checkpoint (no txn open).

    VACUUM may renumber the implicit rowids the full-text index points at, so the index is rebuilt after it.
    """
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('optimize')")
    conn.commit()
    if vacuum:
        conn.execute("VACUUM")
        conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('rebuild')")
        conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('optimize')")
        conn.commit()
    with contextlib.suppress(sqlite3.OperationalError):  # another reader may hold the WAL: truncate next time
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def purge_expired(store: Store, *, days: int, now: Optional[_dt.datetime] = None,
                  files: bool = True) -> PurgeResult:
    """Abandon stale in-progress calls and blank personal/free-text fields of expired ones (one transaction, a
    'purge' audit event); calls on legal hold are skipped. Then the bytes are made unrecoverable (forget_bytes) and
    the same clock is applied to the backups and damaged copies (purge_files)."""
    if days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = cutoff_for(days, now)
    calls = CallStore(store)
    conn = store.conn
    conn.execute("PRAGMA secure_delete=ON")
    held = held_uuids(conn)
    stale = [r[0] for r in conn.execute(
        "SELECT uuid FROM calls WHERE status = 'in_progress' AND started_at < ?", (cutoff,)) if r[0] not in held]
    todo = [r[0] for r in conn.execute(
        "SELECT uuid FROM calls WHERE personal_salt IS NOT NULL AND started_at < ? AND status <> 'in_progress'",
        (cutoff,)) if r[0] not in held]
    n_held = len([u for u in held if conn.execute("SELECT 1 FROM calls WHERE uuid = ? AND started_at < ? AND "
                                                  "personal_salt IS NOT NULL", (u, cutoff)).fetchone()])
    result = PurgeResult(cutoff, days, calls_held=n_held)
    if stale or todo:
        stamp = now_iso()
        with store.writing():
            for call_uuid in stale:
                calls.abandon(call_uuid, None, ABANDON_REASON, duration_s=None, actor="system", role="retention")
            todo = [r[0] for r in conn.execute(
                "SELECT uuid FROM calls WHERE personal_salt IS NOT NULL AND started_at < ? AND status <> "
                "'in_progress'", (cutoff,)) if r[0] not in held]
            events = _purge_rows(conn, todo, stamp)
            from .repeat import purge_repeat_keys  # repeat-contact hashes go with the personal data (issue 8)

            purge_repeat_keys(store, cutoff)
            calls.db_event("purge", {"cutoff": cutoff, "retention_days": days, "calls": len(todo),
                                     "events": events, "abandoned": len(stale), "held": n_held})
        result = PurgeResult(cutoff, days, len(stale), len(todo), events, n_held)
        try:
            forget_bytes(conn)
        except sqlite3.Error:  # e.g. no room for VACUUM: secure_delete already zeroed the freed cells
            with contextlib.suppress(sqlite3.Error):
                forget_bytes(conn, vacuum=False)
    if files:  # copies made before this purge may still hold what it just removed: sweep them too
        swept = purge_files(store, cutoff, held, sweep_newer=bool(stale or todo))
        result = PurgeResult(result.cutoff, days, result.calls_abandoned, result.calls_purged,
                             result.events_purged, n_held, swept)
    return result


def _file_time(p: Path) -> _dt.datetime:
    """When a copy was made: the UTC stamp in its name (damaged copies), else its modification time."""
    import re

    m = re.search(r"\.(\d{8}T\d{12})(?:\.\d+)?$", p.name)
    if m:
        from .backup import stamp_time

        return stamp_time(m[1])
    return _dt.datetime.fromtimestamp(p.stat().st_mtime, _dt.timezone.utc)


def purge_file(path: Path, cutoff: str, held: set[str]) -> bool:
    """Apply the purge to a copy of the database (a backup, a damaged copy); True if it changed anything."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "delete":
            conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA secure_delete=ON")
        todo = [r[0] for r in conn.execute(
            "SELECT uuid FROM calls WHERE started_at < ? AND (personal_salt IS NOT NULL OR caller_name IS NOT NULL "
            "OR notes IS NOT NULL OR EXISTS (SELECT 1 FROM call_events e WHERE e.call_uuid = calls.uuid AND "
            "e.private_salt IS NOT NULL))", (cutoff,)) if r[0] not in held]
        if not todo:
            return False
        conn.execute("BEGIN IMMEDIATE")
        events = _purge_rows(conn, todo, now_iso())
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'repeat_keys'").fetchone():
            conn.execute("DELETE FROM repeat_keys WHERE started_at < ?", (cutoff,))  # as in the live file
        CallStore.reader(conn).db_event("purge", {"cutoff": cutoff, "calls": len(todo), "events": events,
                                                  "copy": True})
        conn.execute("COMMIT")
        forget_bytes(conn)
        return True
    finally:
        conn.close()


def purge_files(store: Store, cutoff: str, held: set[str], *, sweep_newer: bool = True) -> FilesResult:
    """The same clock for every other file in the data dir: backups and damaged/unverified copies made before the
    cutoff are deleted; newer ones that still hold expired personal data are purged in place (a copy of a call on
    legal hold keeps it). Half-written `.partial` files are removed at open."""
    from . import backup as backups

    out = FilesResult()
    cut = _dt.datetime.fromisoformat(cutoff)
    paths = store.paths
    candidates: list[tuple[Path, _dt.datetime]] = [(b.path, b.made_at) for b in backups.list_backups(paths,
                                                                                                   store.training)]
    stem = "training" if store.training else "triage"
    if paths.backups_dir.is_dir():
        candidates += [(p, _file_time(p)) for p in paths.backups_dir.glob(f"{stem}-*.unverified")]
    if paths.quarantine_dir.is_dir():
        candidates += [(p, _file_time(p)) for p in paths.quarantine_dir.iterdir()
                       if p.name.startswith(store.path.name) and not p.name.endswith(("-wal", "-shm", "-journal"))]
    for p, made in candidates:
        try:
            if made < cut and not (held and _holds_any(p, held)):
                for side in ("", "-wal", "-shm", "-journal"):
                    Path(str(p) + side).unlink(missing_ok=True)
                out.deleted.append(p.name)
            elif made >= cut and not sweep_newer:
                continue  # nothing was purged now: copies made after the last purge hold nothing expired
            elif purge_file(p, cutoff, held):
                out.purged.append(p.name)
        except (sqlite3.Error, OSError):
            if made < cut:
                with contextlib.suppress(OSError):
                    p.unlink()
                    out.deleted.append(p.name)
                    continue
            out.failed.append(p.name)  # a damaged copy that cannot even be opened: kept, reported
    return out


def _holds_any(path: Path, held: set[str]) -> bool:
    """A copy made before the cutoff is deleted unless it holds a call on legal hold (then it is purged instead)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            q = ",".join("?" * len(held))
            return conn.execute(f"SELECT 1 FROM calls WHERE uuid IN ({q}) LIMIT 1", list(held)).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False
