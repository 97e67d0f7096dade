"""The sync client against a real collector: batches, quarantine, reconcile, command line, worker thread."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from sqlalchemy import text

from triage_desktop.sync import reconcile as reconcile_module
from triage_desktop.sync.runner import SyncConfig, SyncReport, run_sync_pass
from triage_desktop.sync.summary import canonical_json, payload_hash

from sync_support import REPO, Collector, Store

pytestmark = pytest.mark.timeout(120)


def config(c: Collector, token: str, **overrides: Any) -> SyncConfig:
    values: dict[str, Any] = dict(collector_url=c.url, token=token, retry_base_s=0.02, retry_cap_s=0.2, max_attempts=3)
    values.update(overrides)
    return SyncConfig(**values)


def tamper(store: Store, row_id: int, **changes: Any) -> None:
    """Rewrite one outbox payload (as a buggy store might have), keeping the row consistent with its hash."""
    payload = json.loads(store.db["outbox"].get(row_id)["payload"])
    payload.update(changes)
    text_ = canonical_json(payload)
    store.db["outbox"].update(row_id, {"payload": text_, "payload_hash": payload_hash(text_), "status": "pending"})


def test_a_pass_pushes_everything_and_reconciles(sync_collector: Collector, store: Store) -> None:
    store.add_calls(1200)
    token = sync_collector.add_device()
    report = run_sync_pass(store.path, config(sync_collector, token, batch_size=500))
    assert report.error is None and report.ok and report.exit_code == 0
    assert (report.sent, report.accepted, report.duplicate, report.quarantined) == (1200, 1200, 0, 0)
    assert report.reconciled is True and report.pending == 0 and report.synced_total == 1200
    assert store.statuses() == {"synced": 1200}
    assert sync_collector.count(store.device_id) == 1200
    assert store.db.execute("SELECT COUNT(*) FROM outbox WHERE synced_at IS NULL").fetchone()[0] == 0
    again = run_sync_pass(store.path, config(sync_collector, token))
    assert again.sent == 0 and again.reconciled is True and again.exit_code == 0
    assert "sync: sent 0" in again.line() and "reconcile ok" in again.line()


def test_rejected_records_are_quarantined_with_the_reason_and_do_not_block_the_rest(
    sync_collector: Collector, store: Store
) -> None:
    store.add_calls(10)
    tamper(store, 3, schema_version=1)  # a version-2 payload labelled 1: breaks the version-1 schema
    tamper(store, 7, pathway="somewhere else")
    token = sync_collector.add_device()
    report = run_sync_pass(store.path, config(sync_collector, token, batch_size=4))
    assert report.quarantined == 2 and report.accepted == 8 and report.exit_code == 4
    assert store.statuses() == {"synced": 8, "quarantined": 2}
    reasons = {r["id"]: r["last_error"] for r in store.db["outbox"].rows_where("status = 'quarantined'")}
    assert reasons[3] == "invalid: record 2: /response: is required"
    assert reasons[7].startswith("invalid: record 2: /pathway: not one of the allowed values")
    assert "somewhere" not in reasons[7]
    assert sync_collector.count(store.device_id) == 8
    assert report.reconciled is True  # quarantined rows are not expected to be held


def test_same_key_with_other_content_is_a_conflict_kept_aside(sync_collector: Collector, store: Store) -> None:
    store.add_calls(3)
    token = sync_collector.add_device()
    assert run_sync_pass(store.path, config(sync_collector, token)).accepted == 3
    original = store.db["outbox"].get(2)
    tamper(store, 2, duration_s=5000.0)  # other content, still a possible call (decision before the end)
    report = run_sync_pass(store.path, config(sync_collector, token))
    assert report.quarantined == 1 and report.conflicts == 1
    assert store.db["outbox"].get(2)["last_error"].startswith("conflict:")
    held = sync_collector.scalar("SELECT payload_hash FROM summaries WHERE call_uuid = :u", u=original["call_uuid"])
    assert held == original["payload_hash"]
    assert sync_collector.scalar("SELECT COUNT(*) FROM conflicts WHERE call_uuid = :u", u=original["call_uuid"]) == 1


@pytest.mark.parametrize("max_keys", [5000, 7])
def test_reconcile_resends_what_the_collector_no_longer_holds(
    sync_collector: Collector, store: Store, monkeypatch: pytest.MonkeyPatch, max_keys: int
) -> None:
    monkeypatch.setattr(reconcile_module, "RECONCILE_MAX_KEYS", max_keys)  # 7: walk hex buckets before listing keys
    store.add_calls(300)
    token = sync_collector.add_device()
    assert run_sync_pass(store.path, config(sync_collector, token)).accepted == 300
    lost = [r["call_uuid"] for r in store.db.query("SELECT call_uuid FROM outbox ORDER BY id LIMIT 9")]
    with sync_collector.engine.begin() as conn:  # e.g. the collector was restored from an older backup
        for call_uuid in lost:
            conn.execute(text("DELETE FROM summaries WHERE call_uuid = :u"), {"u": call_uuid})
    report = run_sync_pass(store.path, config(sync_collector, token))
    assert report.requeued == 9 and report.accepted == 9 and report.reconciled is True
    assert sync_collector.count(store.device_id) == 300 == sync_collector.distinct(store.device_id)
    assert store.statuses() == {"synced": 300}


def test_reconcile_confirms_rows_the_collector_already_committed(sync_collector: Collector, store: Store) -> None:
    """A commit whose answer was lost: the rows wait in backoff, and reconcile marks them synced without re-sending."""
    store.add_calls(6)
    token = sync_collector.add_device()
    import httpx

    payloads = [r["payload"] for r in store.db.query("SELECT payload FROM outbox ORDER BY id LIMIT 4")]
    body = '{"records":[' + ",".join(payloads) + "]}"
    httpx.post(sync_collector.url + "/v1/summaries", content=body, headers={"Authorization": f"Bearer {token}"})
    store.db.execute("UPDATE outbox SET next_attempt_at = '2999-01-01T00:00:00.000000Z', attempts = 1 WHERE id <= 4")
    report = run_sync_pass(store.path, config(sync_collector, token))
    assert report.sent == 2 and report.confirmed_by_reconcile == 4 and report.reconciled is True
    assert store.statuses() == {"synced": 6}


def test_a_refused_token_stops_the_pass_and_keeps_everything_queued(sync_collector: Collector, store: Store) -> None:
    store.add_calls(5)
    report = run_sync_pass(store.path, config(sync_collector, "tdc_wrong"))
    assert report.auth_failed and report.exit_code == 3 and "refused the device token" in report.error
    assert store.statuses() == {"pending": 5}
    assert store.db.execute("SELECT MAX(attempts) FROM outbox").fetchone()[0] == 0


def test_an_oversized_batch_is_split_not_quarantined(shared_collector: Collector, store: Store) -> None:
    store.add_calls(150)  # ~160 KB in one batch, against the shared collector's 64 KiB limit
    token = shared_collector.add_device()
    report = run_sync_pass(store.path, config(shared_collector, token, batch_size=150))
    assert report.accepted == 150 and report.quarantined == 0 and report.exit_code == 0


def test_a_database_without_outbox_is_refused(tmp_path: Path, sqlite_collector: Collector) -> None:
    sync_collector = sqlite_collector
    path = tmp_path / "training.sqlite"
    sqlite_utils.Database(path)["calls"].insert({"uuid": "x", "mode": "training"})
    report = run_sync_pass(path, config(sync_collector, "tdc_any"))
    assert report.error and "no outbox" in report.error and report.exit_code == 1


def test_cancel_stops_between_batches(sqlite_collector: Collector, store: Store) -> None:
    sync_collector = sqlite_collector
    store.add_calls(5)
    cancel = threading.Event()
    cancel.set()
    report = run_sync_pass(store.path, config(sync_collector, sync_collector.add_device(), cancel=cancel))
    assert report.cancelled and report.sent == 0 and "cancelled" in report.line()


def test_worker_thread_pass_never_holds_a_write_lock_during_network_io(tmp_path: Path, store: Store) -> None:
    """While the collector sits on a committed batch's answer, the store can still write at once."""
    slow = Collector(str(tmp_path / "slow.sqlite"), tmp_path, extra=("--fault-pause-after-commit", "0.6")).start()
    try:
        _worker_pass_while_store_writes(slow, store)
    finally:
        slow.stop()


def _worker_pass_while_store_writes(slow: Collector, store: Store) -> None:
    store.add_calls(40)
    token = slow.add_device()
    reports: list[SyncReport] = []
    worker = threading.Thread(target=lambda: reports.append(
        run_sync_pass(store.path, config(slow, token, batch_size=20))))
    worker.start()
    deadline = time.monotonic() + 20
    while slow.count(store.device_id) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    writer = sqlite3.connect(store.path, timeout=0.2, isolation_level=None)
    writes = 0
    while worker.is_alive() and writes < 5:
        writer.execute("BEGIN IMMEDIATE")  # would raise 'database is locked' if the pass held a write transaction
        writer.execute("UPDATE settings SET value = value WHERE key = 'force_code'")
        writer.execute("COMMIT")
        writes += 1
        time.sleep(0.1)
    writer.close()
    store.add_calls(5)  # the store finalises more calls while the pass runs
    worker.join(30)
    assert writes >= 3 and reports and reports[0].error is None
    final = run_sync_pass(store.path, config(slow, token, batch_size=20))
    assert final.exit_code == 0 and store.statuses() == {"synced": 45}


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "triage_desktop.sync.cli", "sync", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=90, env=env or dict(os.environ))


def test_command_line_pass_prints_one_line_and_exits_by_result(sqlite_collector: Collector, store: Store) -> None:
    sync_collector = sqlite_collector
    store.add_calls(25)
    token = sync_collector.add_device()
    missing = run_cli("--db", str(store.path))
    assert missing.returncode == 2 and "no collector URL" in missing.stderr
    done = run_cli("--db", str(store.path), "--collector-url", sync_collector.url, "--token", token, "--save")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("sync: saved sync_collector_url, token (")
    assert lines[-1].startswith("sync: sent 25 (accepted 25") and "reconcile ok" in lines[-1]
    assert token not in done.stdout + done.stderr
    store.add_calls(3)
    again = run_cli("--data-dir", str(store.path.parent))  # everything from the saved settings and token store
    assert again.returncode == 0 and again.stdout.startswith("sync: sent 3 (accepted 3"), again.stderr
    refused = run_cli("--db", str(store.path), "--token", "tdc_wrong")
    assert refused.returncode == 3 and "refused the device token" in refused.stdout
    unreachable = run_cli("--db", str(store.path), "--collector-url", "http://127.0.0.1:9", "--attempts", "2")
    assert unreachable.returncode == 1 and "unreachable" in unreachable.stdout
