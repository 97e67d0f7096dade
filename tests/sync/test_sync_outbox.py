"""Outbox bookkeeping on a real SQLite file: due rows, growing jittered delays, quarantine and re-queue."""
from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from triage_desktop.store import outbox
from triage_desktop.sync.protocol import bucket_digests, key_digest
from triage_desktop.sync.reconcile import NotingOutbox, as_keys

from sync_support import Store


def test_backoff_grows_is_capped_and_jittered() -> None:
    rng = random.Random(42)
    for attempt in range(1, 12):
        ceiling = min(60.0, 0.5 * 2 ** (attempt - 1))
        samples = [outbox.backoff_delay(attempt, base=0.5, cap=60.0, rng=rng) for _ in range(200)]
        assert all(ceiling / 2 <= s <= ceiling for s in samples)
        assert len(set(samples)) > 150  # jitter: retries from many PCs do not line up
    assert outbox.backoff_delay(30, base=1, cap=10, rng=rng) <= 10


def test_due_rows_respect_each_rows_next_attempt(store: Store) -> None:
    store.add_calls(5)
    db = store.db
    rows = outbox.due_rows(db, now=outbox.utc_iso(), limit=10)
    assert [r.id for r in rows] == [1, 2, 3, 4, 5]
    now = datetime.now(timezone.utc)
    outbox.mark_retry(db, rows[:2], error="collector unreachable (connection failed)", now=now, base=60, cap=3600,
                      rng=random.Random(1))
    due = outbox.due_rows(db, now=outbox.utc_iso(now), limit=10)
    assert [r.id for r in due] == [3, 4, 5]
    assert [r.id for r in outbox.due_rows(db, now=outbox.utc_iso(now), limit=10, ignore_backoff=True)] == [1, 2, 3, 4, 5]
    later = outbox.utc_iso(now + timedelta(seconds=61))
    assert [r.id for r in outbox.due_rows(db, now=later, limit=10)] == [1, 2, 3, 4, 5]
    row = db["outbox"].get(1)
    assert row["attempts"] == 1 and row["last_error"].startswith("collector unreachable")
    # a second failure waits longer than the first (growing delay)
    outbox.mark_retry(db, outbox.due_rows(db, now=later, limit=1), error="x", now=now, base=60, cap=3600,
                      rng=random.Random(1))
    assert db["outbox"].get(1)["attempts"] == 2
    assert db["outbox"].get(1)["next_attempt_at"] > db["outbox"].get(2)["next_attempt_at"]


def test_quarantine_requeue_release_and_counts(store: Store) -> None:
    store.add_calls(4)
    db = store.db
    outbox.mark_synced(db, [1, 2], now=outbox.utc_iso())
    outbox.mark_quarantined(db, [(3, "invalid: record 0: /pathway: not one of the allowed values")])
    assert outbox.status_counts(db) == {"pending": 1, "synced": 2, "quarantined": 1}
    assert db["outbox"].get(3)["last_error"].startswith("invalid:")
    assert [r.id for r in outbox.due_rows(db, now=outbox.utc_iso(), limit=10)] == [4]
    assert outbox.requeue(db, [1], reason="re-sent") == 1
    assert db["outbox"].get(1)["status"] == "pending" and db["outbox"].get(1)["synced_at"] is None
    assert outbox.release_quarantined(db) == 1
    assert outbox.status_counts(db) == {"pending": 3, "synced": 1, "quarantined": 0}


def test_device_ids_and_keys_come_from_the_payloads(store: Store) -> None:
    rows = store.add_calls(3)
    assert outbox.device_ids(store.db) == [store.device_id]
    pending = outbox.keys_by_status(store.db, store.device_id, "pending")
    assert set(pending) == {(r["call_uuid"], r["call_version"]) for r in rows}
    keys = as_keys(pending)
    assert keys == sorted(keys) and key_digest(keys) == key_digest(reversed(keys))
    buckets = bucket_digests(keys, "")
    assert sum(b["count"] for b in buckets.values()) == 3


def test_reconcile_keys_read_early_and_brought_up_to_date_equal_a_fresh_reading(store: Store) -> None:
    """A pass reads the reconcile keys while its last batches are still at the collector, then notes every status it
    gives; the reading brought up to date is exactly what reading every row again gives (a row new since the early
    reading, in neither of its maps, makes it read again)."""
    store.add_calls(8)
    repo = outbox.OutboxRepository(store.db)
    repo.mark_synced([1, 2], now=outbox.utc_iso())
    repo.mark_quarantined([(3, "invalid: record 0: /pathway: not one of the allowed values")])
    noting = NotingOutbox(repo, repo.reconcile_keys())
    noting.mark_synced([4, 5, 1], now=outbox.utc_iso())
    noting.mark_quarantined([(6, "conflict: the collector holds different content")])
    noting.mark_retry(outbox.due_rows(store.db, now=outbox.utc_iso(), limit=1), error="x",
                      now=datetime.now(timezone.utc), base=60, cap=3600, rng=random.Random(1))
    assert noting.requeue([2], reason="re-sent: the collector did not hold it at reconcile") == 1
    assert noting.status_counts() == {"pending": 3, "synced": 3, "quarantined": 2}  # the rest passes through
    assert noting.keys_now() == repo.reconcile_keys()
    again = NotingOutbox(repo, repo.reconcile_keys())
    again.requeue([3], reason="released")  # quarantined at the early reading: in neither map
    assert again.keys_now() == repo.reconcile_keys()


def test_writes_wait_for_the_stores_writer_instead_of_failing(store: Store) -> None:
    """The store may be mid-transaction when a pass records results: the pass waits (busy timeout), then commits."""
    store.add_calls(1)
    other = sqlite3.connect(store.path, timeout=5, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    mine = outbox.open_database(str(store.path), timeout=0.2)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        outbox.mark_synced(mine, [1], now=outbox.utc_iso())
    other.execute("COMMIT")
    outbox.mark_synced(mine, [1], now=outbox.utc_iso())
    assert store.db["outbox"].get(1)["status"] == "synced"
    assert not mine.conn.in_transaction  # the failed attempt left no transaction open
    mine.close()
    other.close()
