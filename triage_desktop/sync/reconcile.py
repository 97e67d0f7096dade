"""Compare what this PC believes is synced with what the collector holds, and repair the difference."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..core.times import utc_iso
from ..core.vocab import OUTBOX_PENDING, OUTBOX_QUARANTINED, OUTBOX_SYNCED
from .protocol import (HEX_DIGITS, RECONCILE_MAX_KEYS, Key, OutboxPort, bucket_digests, key_digest,
                       prefix_upper_bound)
from .transport import CollectorClient

Caller = Callable[..., Any]


@dataclass
class ReconcileOutcome:
    """matched: the collector holds every row this PC marked synced; requeued: rows put back to pending;
    confirmed: pending rows the collector already held (answer lost), now marked synced."""

    matched: bool
    requeued: int = 0
    confirmed: int = 0
    remote_count: int = 0
    requests: int = 0


def _in_prefix(keys: list[Key], prefix: str) -> list[Key]:
    """The slice of sorted keys whose uuid starts with prefix."""
    low = bisect.bisect_left(keys, (prefix,))
    high = bisect.bisect_left(keys, (prefix_upper_bound(prefix),))
    return keys[low:high]


def as_keys(held: dict[tuple[str, int], tuple[int, str]]) -> list[Key]:
    """Sorted (uuid, version, hash) keys from a keys_by_status() mapping."""
    return sorted((u, v, h) for (u, v), (_i, h) in held.items())


Held = dict[tuple[str, int], tuple[int, str]]


def reconcile_device(client: CollectorClient, db: OutboxPort, device_id: str, *, call: Caller,
                     held: Optional[tuple[Held, Held]] = None,
                     first: Optional[Callable[[], dict[str, Any]]] = None) -> ReconcileOutcome:
    """Walk the uuid space by hex prefix, comparing digests, and list keys only where they differ.

    `held`: this device's (synced, pending) keys when the caller read them already (`OutboxPort.reconcile_keys`);
    `first`: gives the collector's answer for the whole uuid space (prefix ""), when the caller asked for it already
    (this side's digest is worked out before waiting for it)."""
    synced, pending = held if held is not None else (db.keys_by_status(device_id, OUTBOX_SYNCED),
                                                     db.keys_by_status(device_id, OUTBOX_PENDING))
    local = as_keys(synced)
    missing: list[int] = []
    differing: list[tuple[int, str]] = []
    confirm: list[int] = []
    outcome = ReconcileOutcome(matched=True)

    def compare(mine: list[Key], theirs: list[list[Any]]) -> None:
        remote = {(str(u), int(v)): str(h) for u, v, h in theirs}
        for call_uuid, version, hash_ in mine:
            held = remote.get((call_uuid, version))
            row_id = synced[(call_uuid, version)][0]
            if held is None:
                missing.append(row_id)
            elif held != hash_:
                differing.append((row_id, "conflict: the collector holds different content for this call version"))
        for key, held in remote.items():
            waiting = pending.get(key)
            if waiting is not None and waiting[1] == held:
                confirm.append(waiting[0])

    def walk(prefix: str) -> None:
        mine = _in_prefix(local, prefix)
        early = key_digest(mine) if prefix == "" and first is not None else None
        answer = first() if prefix == "" and first is not None else call(client.reconcile, device_id, prefix)
        outcome.requests += 1
        if prefix == "":
            outcome.remote_count = int(answer["count"])
        if int(answer["count"]) == len(mine) and answer["digest"] == (early or key_digest(mine)):
            return
        if int(answer["count"]) <= RECONCILE_MAX_KEYS or len(prefix) >= 8:
            listed = call(client.reconcile, device_id, prefix, keys=True)
            outcome.requests += 1
            if listed.get("keys") is not None:
                compare(mine, listed["keys"])
                return
        ours = bucket_digests(mine, prefix)
        theirs = answer.get("buckets") or {}
        for digit in HEX_DIGITS:
            if ours.get(digit) != theirs.get(digit):
                walk(prefix + digit)

    walk("")
    if confirm:
        db.mark_synced(confirm, now=utc_iso())
    if differing:
        db.mark_quarantined(differing)
    outcome.requeued = db.requeue(missing, reason="re-sent: the collector did not hold it at reconcile")
    outcome.confirmed = len(confirm)
    outcome.matched = not missing and not differing
    return outcome


class NotingOutbox:
    """The outbox, noting the status every row is given from now on (mark_synced, mark_quarantined, requeue; a retry
    leaves a row pending): a pass that read the reconcile keys early, while its last batches were still at the
    collector, brings that reading up to date with `keys_now` instead of reading every row again."""

    def __init__(self, db: OutboxPort, early: dict[str, tuple[Held, Held]]) -> None:
        self.db, self.early = db, early
        self.changes: dict[int, str] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.db, name)

    def mark_synced(self, ids: Any, *, now: str) -> None:
        ids = list(ids)
        self.db.mark_synced(ids, now=now)
        self.changes.update(dict.fromkeys(ids, OUTBOX_SYNCED))

    def mark_quarantined(self, reasons: Any) -> None:
        reasons = list(reasons)
        self.db.mark_quarantined(reasons)
        self.changes.update((row_id, OUTBOX_QUARANTINED) for row_id, _reason in reasons)

    def requeue(self, ids: Any, *, reason: str) -> int:
        ids = list(ids)
        count = self.db.requeue(ids, reason=reason)
        self.changes.update(dict.fromkeys(ids, OUTBOX_PENDING))
        return count

    def keys_now(self) -> dict[str, tuple[Held, Held]]:
        """What `reconcile_keys` would read now: the early reading with the noted changes applied (read again when a
        changed row was in neither map then)."""
        where: dict[int, tuple[str, int, tuple[str, int]]] = {}
        for device_id, maps in self.early.items():
            for which, held in enumerate(maps):
                for key, (row_id, _hash) in held.items():
                    where[row_id] = (device_id, which, key)
        for row_id, status in self.changes.items():
            if row_id not in where:
                return self.db.reconcile_keys()
            device_id, which, key = where[row_id]
            entry = self.early[device_id][which].pop(key)
            if status in (OUTBOX_SYNCED, OUTBOX_PENDING):
                now = 0 if status == OUTBOX_SYNCED else 1
                self.early[device_id][now][key] = entry
                where[row_id] = (device_id, now, key)
            else:
                del where[row_id]
        return self.early
