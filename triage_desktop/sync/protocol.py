"""The wire protocol shared by the sync client and the collector: paths, statuses and reconcile digests."""
from __future__ import annotations

import hashlib
from typing import Iterable, Sequence

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
