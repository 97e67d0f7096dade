"""The wire protocol shared by the sync client and the collector: paths, statuses and reconcile digests."""
from __future__ import annotations

import bisect
import hashlib
import json
import random
from datetime import datetime
from typing import Any, Iterable, Optional, Protocol, Sequence

API_VERSION = "v1"
HEALTH_PATH = "/v1/health"
SUMMARIES_PATH = "/v1/summaries"
RECONCILE_PATH = "/v1/reconcile"
AGGREGATE_PATH = "/v1/aggregate"
#: The device's audit-chain head: POST one with each sync pass, GET the ones kept (db verify --against-collector).
CHAIN_HEAD_PATH = "/v1/chain-heads"

#: Per-record statuses in a batch upload answer.
ACCEPTED = "accepted"  # stored now
DUPLICATE = "duplicate"  # already held with the same content: success, nothing stored twice
CONFLICT = "conflict"  # already held with different content: kept aside for a person (409-style)
INVALID = "invalid"  # breaks the summary schema: not stored (422-style)
RECORD_CODES = {ACCEPTED: 201, DUPLICATE: 200, CONFLICT: 409, INVALID: 422}

#: Most records the collector takes in one batch.
MAX_RECORDS_PER_BATCH = 5000

#: Most keys the collector lists in one reconcile answer (narrow the prefix for more).
RECONCILE_MAX_KEYS = 5000

HEX_DIGITS = "0123456789abcdef"

Key = tuple[str, int, str]  # (call_uuid, call_version, payload_hash)


class OutboxRowLike(Protocol):
    """One outbox row waiting to be pushed (store.outbox.OutboxRow)."""

    @property
    def id(self) -> int: ...
    @property
    def payload(self) -> str: ...
    @property
    def payload_hash(self) -> str: ...
    @property
    def attempts(self) -> int: ...


class OutboxPort(Protocol):
    """What a sync pass asks of the outbox. The store's OutboxRepository provides it; in the app the services run
    each call on their database worker, so sync never opens a connection of its own."""

    def has_outbox(self) -> bool: ...
    def due_rows(self, *, now: str, limit: int, after_id: int = 0,
                 ignore_backoff: bool = False) -> Sequence[OutboxRowLike]: ...
    def mark_synced(self, ids: Sequence[int], *, now: str) -> None: ...
    def mark_quarantined(self, reasons: Sequence[tuple[int, str]]) -> None: ...
    def mark_retry(self, rows: Sequence[Any], *, error: str, now: datetime, base: float, cap: float,
                   rng: Optional[random.Random] = None) -> None: ...
    def requeue(self, ids: Iterable[int], *, reason: str) -> int: ...
    def status_counts(self) -> dict[str, int]: ...
    def device_ids(self) -> list[str]: ...
    def keys_by_status(self, device_id: str, status: str) -> dict[tuple[str, int], tuple[int, str]]: ...
    def reconcile_keys(self) -> dict[str, tuple[dict[tuple[str, int], tuple[int, str]],
                                           dict[tuple[str, int], tuple[int, str]]]]: ...
    def setting(self, key: str) -> Optional[str]: ...
    def chain_head(self) -> Optional[tuple[int, str]]: ...


def device_of(payload: str) -> Optional[str]:
    """The device_id a summary's payload text names (None when it names none)."""
    try:
        value = json.loads(payload).get("device_id")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _lines(ordered: Sequence[Key]) -> list[str]:
    return [f"{call_uuid}:{version}:{hash_}\n" for call_uuid, version, hash_ in ordered]


def _sha256(lines: Sequence[str]) -> str:
    return hashlib.sha256("".join(lines).encode("ascii")).hexdigest()


def key_digest(keys: Iterable[Key]) -> str:
    """sha256 over the sorted "uuid:version:hash" lines of a set of keys (order-independent)."""
    return _sha256(_lines(sorted(keys)))


def bucket_digests(keys: Sequence[Key], prefix: str) -> dict[str, dict[str, object]]:
    """Count and digest of the keys under each next hex digit after prefix (only non-empty buckets)."""
    return reconcile_digests(keys, prefix)[1]


def reconcile_digests(keys: Sequence[Key], prefix: str) -> tuple[str, dict[str, dict[str, object]]]:
    """key_digest(keys) and bucket_digests(keys, prefix) from one sort and one formatting of the lines: in sorted
    order the keys under each next digit after prefix are one run (found by bisection), and a bucket's digest is
    that of its run of lines."""
    ordered = sorted(keys)
    lines = _lines(ordered)
    at = len(prefix)
    buckets: dict[str, dict[str, object]] = {}
    start, count = 0, len(ordered)
    while start < count:
        call_uuid = ordered[start][0]
        if len(call_uuid) <= at or not call_uuid.startswith(prefix):
            start += 1  # not under the prefix: in no bucket
            continue
        digit = call_uuid[at]
        end = bisect.bisect_left(ordered, (prefix + chr(ord(digit) + 1),), start)
        buckets[digit] = {"count": end - start, "digest": _sha256(lines[start:end])}
        start = end
    return _sha256(lines), buckets


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string above every uuid that starts with prefix (for range queries)."""
    return prefix + "~"
