"""The outbox repository: the store's `outbox` table read and updated in short transactions (never held across
network I/O). The store writes rows at finalise / addendum; sync pushes them through `OutboxRepository` (in the app,
on the services' database worker)."""
from __future__ import annotations

import contextlib
import random
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from ..core.times import backoff_delay, utc_iso
from ..core.vocab import OUTBOX_PENDING as PENDING
from ..core.vocab import OUTBOX_QUARANTINED as QUARANTINED
from ..core.vocab import OUTBOX_SYNCED as SYNCED

if TYPE_CHECKING:
    from sqlite_utils import Database

Key = tuple[str, int, str]  # (call uuid, call version, payload hash)

__all__ = ["OutboxRepository", "OutboxRow", "PENDING", "SYNCED", "QUARANTINED", "backoff_delay", "utc_iso"]


@dataclass(frozen=True)
class OutboxRow:
    """One row waiting to be pushed: the payload is already canonical, anonymised JSON text."""

    id: int
    call_uuid: str
    call_version: int
    payload: str
    payload_hash: str
    attempts: int


@contextlib.contextmanager
def write_transaction(db: Database) -> Iterator[None]:
    """A short BEGIN IMMEDIATE transaction: waits for the store's writer rather than failing half-way."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def due_rows(db: Database, *, now: str, limit: int, after_id: int = 0, ignore_backoff: bool = False) -> list[OutboxRow]:
    """Pending rows with id above after_id that are due now (or all pending ones with ignore_backoff), oldest first."""
    sql = (
        "SELECT id, call_uuid, call_version, payload, payload_hash, attempts FROM outbox "
        "WHERE status = 'pending' AND id > ? AND (? OR next_attempt_at IS NULL OR next_attempt_at <= ?) "
        "ORDER BY id LIMIT ?"
    )
    rows = db.execute(sql, (after_id, 1 if ignore_backoff else 0, now, limit)).fetchall()
    return [OutboxRow(r[0], r[1], int(r[2]), r[3], r[4], int(r[5] or 0)) for r in rows]


def mark_synced(db: Database, ids: Sequence[int], *, now: str) -> None:
    """Record that the collector confirmed these rows are committed."""
    if ids:
        with write_transaction(db):
            db.conn.executemany(
                "UPDATE outbox SET status = 'synced', synced_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
                [(now, i) for i in ids],
            )


def mark_quarantined(db: Database, reasons: Sequence[tuple[int, str]]) -> None:
    """Set rows aside with the reason the collector gave; they no longer block the rest."""
    if reasons:
        with write_transaction(db):
            db.conn.executemany(
                "UPDATE outbox SET status = 'quarantined', last_error = ?, attempts = attempts + 1 WHERE id = ?",
                [(reason[:500], i) for i, reason in reasons],
            )


def mark_retry(
    db: Database, rows: Sequence[OutboxRow], *, error: str, now: datetime, base: float, cap: float,
    rng: Optional[random.Random] = None,
) -> None:
    """Count a failed attempt and schedule each row's next try with a growing, jittered delay."""
    if not rows:
        return
    updates = []
    for row in rows:
        attempts = row.attempts + 1
        due = now + timedelta(seconds=backoff_delay(attempts, base=base, cap=cap, rng=rng))
        updates.append((attempts, utc_iso(due), error[:500], row.id))
    with write_transaction(db):
        db.conn.executemany(
            "UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'pending'",
            updates,
        )


def requeue(db: Database, ids: Iterable[int], *, reason: str) -> int:
    """Put rows back to pending, due now (used when the collector turns out not to hold them)."""
    params = [(reason[:500], i) for i in ids]
    if not params:
        return 0
    with write_transaction(db):
        db.conn.executemany(
            "UPDATE outbox SET status = 'pending', next_attempt_at = NULL, synced_at = NULL, last_error = ? WHERE id = ?",
            params,
        )
    return len(params)


def release_quarantined(db: Database) -> int:
    """Give every quarantined row another chance (after a person fixed the cause, e.g. upgraded the collector)."""
    with write_transaction(db):
        cursor = db.conn.execute("UPDATE outbox SET status = 'pending', next_attempt_at = NULL WHERE status = 'quarantined'")
    return cursor.rowcount


def status_counts(db: Database) -> dict[str, int]:
    """Number of outbox rows per status (pending, synced, quarantined)."""
    counts = {PENDING: 0, SYNCED: 0, QUARANTINED: 0}
    for status, count in db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall():
        counts[status] = count
    return counts


def device_ids(db: Database) -> list[str]:
    """The device ids the outbox payloads carry (normally exactly one)."""
    rows = db.execute(
        "SELECT DISTINCT json_extract(payload, '$.device_id') FROM outbox WHERE status IN ('pending', 'synced')"
    ).fetchall()
    return sorted(r[0] for r in rows if isinstance(r[0], str))


def keys_by_status(db: Database, device_id: str, status: str) -> dict[tuple[str, int], tuple[int, str]]:
    """(uuid, version) -> (row id, payload hash) for one device's rows with a given status."""
    rows = db.execute(
        "SELECT id, call_uuid, call_version, payload_hash FROM outbox "
        "WHERE status = ? AND json_extract(payload, '$.device_id') = ?",
        (status, device_id),
    ).fetchall()
    return {(r[1], int(r[2])): (r[0], r[3]) for r in rows}


Held = dict[tuple[str, int], tuple[int, str]]


def reconcile_keys(db: Database) -> dict[str, tuple[Held, Held]]:
    """device id -> (synced, pending) keys_by_status() mappings of every pending or synced row, read in one scan
    (each payload's device id is read once, where device_ids() and keys_by_status() read them again each)."""
    out: dict[str, tuple[Held, Held]] = {}
    rows = db.execute(
        "SELECT json_extract(payload, '$.device_id'), status, id, call_uuid, call_version, payload_hash FROM outbox "
        "WHERE status IN (?, ?)", (SYNCED, PENDING),
    ).fetchall()
    for device_id, status, row_id, call_uuid, version, hash_ in rows:
        if not isinstance(device_id, str):
            continue
        held = out.get(device_id)
        if held is None:
            held = out[device_id] = ({}, {})
        held[0 if status == SYNCED else 1][(call_uuid, int(version))] = (row_id, hash_)
    return out


def as_keys(held: dict[tuple[str, int], tuple[int, str]]) -> list[Key]:
    """Sorted (uuid, version, hash) keys from a keys_by_status() mapping."""
    return sorted((u, v, h) for (u, v), (_i, h) in held.items())


class OutboxRepository:
    """The outbox operations a sync pass needs, over one connection (sync.runner.OutboxPort)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def has_outbox(self) -> bool:
        return has_outbox(self.db)

    def due_rows(self, *, now: str, limit: int, after_id: int = 0, ignore_backoff: bool = False) -> list[OutboxRow]:
        return due_rows(self.db, now=now, limit=limit, after_id=after_id, ignore_backoff=ignore_backoff)

    def mark_synced(self, ids: Sequence[int], *, now: str) -> None:
        mark_synced(self.db, ids, now=now)

    def mark_quarantined(self, reasons: Sequence[tuple[int, str]]) -> None:
        mark_quarantined(self.db, reasons)

    def mark_retry(self, rows: Sequence[OutboxRow], *, error: str, now: datetime, base: float, cap: float,
                   rng: Optional[random.Random] = None) -> None:
        mark_retry(self.db, rows, error=error, now=now, base=base, cap=cap, rng=rng)

    def requeue(self, ids: Iterable[int], *, reason: str) -> int:
        return requeue(self.db, ids, reason=reason)

    def release_quarantined(self) -> int:
        return release_quarantined(self.db)

    def status_counts(self) -> dict[str, int]:
        return status_counts(self.db)

    def device_ids(self) -> list[str]:
        return device_ids(self.db)

    def keys_by_status(self, device_id: str, status: str) -> dict[tuple[str, int], tuple[int, str]]:
        return keys_by_status(self.db, device_id, status)

    def reconcile_keys(self) -> dict[str, tuple[Held, Held]]:
        return reconcile_keys(self.db)

    def setting(self, key: str) -> Optional[str]:
        return setting(self.db, key)

    def chain_head(self) -> Optional[tuple[int, str]]:
        """The newest call_events row's (id, hash): what a pass anchors at the collector (None: no events)."""
        try:
            row = self.db.execute("SELECT id, hash FROM call_events ORDER BY id DESC LIMIT 1").fetchone()
        except sqlite3.OperationalError:  # a store-shaped file without events (tests): nothing to anchor
            return None
        return (int(row[0]), str(row[1])) if row else None


def open_database(path: str, *, timeout: float = 30.0) -> Database:
    """A connection of the caller's own (for a worker thread), waiting up to `timeout` s for the store's writer."""
    from .connection import StoreDb

    return StoreDb(sqlite3.connect(path, timeout=timeout))


def has_outbox(db: Database) -> bool:
    """True when the database has an outbox table (a live store)."""
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").fetchone() is not None


def setting(db: Database, key: str) -> Optional[str]:
    """A value from the store's settings table, or None."""
    try:
        row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None
