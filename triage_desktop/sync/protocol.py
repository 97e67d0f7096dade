"""The wire protocol shared by the sync client and the collector: paths, statuses and reconcile digests."""
from __future__ import annotations

import hashlib
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


def key_digest(keys: Iterable[Key]) -> str:
    """sha256 over the sorted "uuid:version:hash" lines of a set of keys (order-independent)."""
    digest = hashlib.sha256()
    for call_uuid, version, hash_ in sorted(keys):
        digest.update(f"{call_uuid}:{version}:{hash_}\n".encode("ascii"))
    return digest.hexdigest()


def bucket_digests(keys: Sequence[Key], prefix: str) -> dict[str, dict[str, object]]:
    """Count and digest of the keys under each next hex digit after prefix (only non-empty buckets)."""
    buckets: dict[str, list[Key]] = {}
    at = len(prefix)
    for key in keys:
        if key[0].startswith(prefix) and len(key[0]) > at:
            buckets.setdefault(key[0][at], []).append(key)
    return {digit: {"count": len(group), "digest": key_digest(group)} for digit, group in sorted(buckets.items())}


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string above every uuid that starts with prefix (for range queries)."""
    return prefix + "~"
