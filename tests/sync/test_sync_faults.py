"""Faults against the real collector on loopback, on SQLite and PostgreSQL: kills, outages, repeats, crowds."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable

import pytest

from triage_desktop.store import outbox
from triage_desktop.sync.runner import SyncConfig, SyncReport
from triage_desktop.sync_cli import run_pass_on as run_sync_pass
from triage_desktop.sync.transport import CollectorClient

from sync_support import Collector, Store, free_port

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]


def patient(c: Collector, token: str, **overrides: Any) -> SyncConfig:
    """A client that keeps retrying quickly for ~60 s: long enough for a collector restart on a loaded machine."""
    values: dict[str, Any] = dict(collector_url=c.url, token=token, max_attempts=200, retry_base_s=0.05,
                                  retry_cap_s=0.3, timeout_s=60)
    values.update(overrides)
    return SyncConfig(**values)


def in_thread(fn: Callable[[], SyncReport]) -> tuple[threading.Thread, list[SyncReport]]:
    out: list[SyncReport] = []
    thread = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    thread.start()
    return thread, out


def wait_until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


def assert_exactly_once(c: Collector, store: Store, n: int) -> None:
    assert c.count(store.device_id) == n
    assert c.distinct(store.device_id) == n
    assert store.statuses() == {"synced": n}


def test_killed_after_commit_before_answering(collector_factory: Callable[..., Collector], store: Store) -> None:
    """SIGKILL in the window where the batch is committed but the client has no answer: resent, held once."""
    first = collector_factory("--fault-pause-after-commit", "60").start()
    token = first.add_device()
    store.add_calls(600)
    thread, reports = in_thread(lambda: run_sync_pass(store.path, patient(first, token, batch_size=200)))
    wait_until(lambda: first.count(store.device_id) >= 200)  # batch 1 committed, its answer held back
    first.kill()
    assert store.statuses() == {"pending": 600}  # nothing marked synced without the collector's confirmation
    second = collector_factory(port=first.port)
    second.start(extra=())
    thread.join(60)
    report = reports[0]
    assert report.error is None and report.exit_code == 0, report.line()
    assert report.duplicate >= 200 and report.accepted + report.duplicate >= 600
    assert report.reconciled is True
    assert_exactly_once(second, store, 600)


def test_killed_in_the_middle_of_a_stream_of_batches(collector_factory: Callable[..., Collector], store: Store) -> None:
    first = collector_factory().start()
    token = first.add_device()
    store.add_calls(3000)
    thread, reports = in_thread(lambda: run_sync_pass(store.path, patient(first, token, batch_size=100)))
    wait_until(lambda: first.count(store.device_id) >= 700)
    first.kill()
    held_at_kill = first.count(store.device_id)
    assert 700 <= held_at_kill < 3000
    time.sleep(0.3)  # the client meets a closed port for a while
    second = collector_factory(port=first.port).start()
    thread.join(90)
    assert reports and reports[0].exit_code == 0, reports[0].line() if reports else "no report"
    assert_exactly_once(second, store, 3000)


def test_unreachable_collector_then_queue_drains(collector_factory: Callable[..., Collector], store: Store) -> None:
    port = free_port()
    down = SyncConfig(collector_url=f"http://127.0.0.1:{port}", token="tdc_later", max_attempts=2,
                      retry_base_s=0.02, retry_cap_s=0.05, row_backoff_base_s=0.2, row_backoff_cap_s=0.4)
    store.add_calls(50)
    first = run_sync_pass(store.path, down)
    assert first.exit_code == 1 and "unreachable" in first.error and first.pending == 50
    assert store.db.execute("SELECT MIN(attempts), COUNT(next_attempt_at) FROM outbox").fetchone() == (1, 50)
    store.add_calls(50)  # calls keep being finalised while the collector is away
    second = run_sync_pass(store.path, down)
    assert second.exit_code == 1 and second.pending == 100
    collector = collector_factory(port=port).start()
    token = collector.add_device()
    time.sleep(0.5)  # let the rows' own backoff elapse, as the GUI's timer would
    drained = run_sync_pass(store.path, SyncConfig(collector_url=collector.url, token=token, batch_size=30,
                                                   row_backoff_base_s=0.2))
    assert drained.exit_code == 0 and drained.accepted == 100 and drained.pending == 0, drained.line()
    assert_exactly_once(collector, store, 100)


def test_same_batch_twice_is_held_once(collector_factory: Callable[..., Collector], store: Store) -> None:
    collector = collector_factory().start()
    token = collector.add_device()
    rows = store.add_calls(120)
    with CollectorClient(collector.url, token) as client:
        first = client.push([r["payload"] for r in rows])
        second = client.push([r["payload"] for r in rows])
    assert {r["status"] for r in first} == {"accepted"} and {r["status"] for r in second} == {"duplicate"}
    store.db.execute("UPDATE outbox SET status = 'pending'")  # the PC lost track: sends all again
    report = run_sync_pass(store.path, SyncConfig(collector_url=collector.url, token=token))
    assert report.duplicate == 120 and report.accepted == 0 and report.exit_code == 0
    assert_exactly_once(collector, store, 120)


def test_ten_clients_with_a_thousand_each_at_once(collector_factory: Callable[..., Collector],
                                                  store_factory: Callable[..., Store]) -> None:
    collector = collector_factory().start()
    stores = [store_factory(f"pc{i}") for i in range(10)]
    for s in stores:
        s.add_calls(1000)
    tokens = [collector.add_device(f"pc{i}", stores[i].device_id) for i in range(10)]
    echo_token = collector.add_device("echo")
    start = threading.Barrier(11, timeout=60)
    payloads = [r[0] for r in stores[0].db.execute("SELECT payload FROM outbox ORDER BY id").fetchall()]
    reports: list[SyncReport] = []
    errors: list[BaseException] = []

    def client(i: int) -> None:
        try:
            start.wait()
        except threading.BrokenBarrierError as error:
            errors.append(error)
            return
        reports.append(run_sync_pass(stores[i].path, SyncConfig(collector_url=collector.url, token=tokens[i],
                                                                 batch_size=250, max_attempts=10, retry_base_s=0.05)))

    def echo() -> None:
        """Another device racing PC 0 with the very same records, batch by batch: it may write none of them."""
        try:
            start.wait()
            with CollectorClient(collector.url, echo_token) as c:
                for at in range(0, len(payloads), 250):
                    results = c.push(payloads[at:at + 250])
                    assert {r["status"] for r in results} == {"invalid"}
                    assert all("device" in r["error"] for r in results)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(10)]
    threads.append(threading.Thread(target=echo, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join(150)
    assert not errors, errors
    assert len(reports) == 10 and all(r.exit_code == 0 for r in reports), [r.line() for r in reports]
    assert sum(r.accepted for r in reports) + sum(r.duplicate for r in reports) == 10_000
    for s in stores:
        assert_exactly_once(collector, s, 1000)
    assert collector.count() == 10_000
    assert outbox.status_counts(stores[0].db) == {"pending": 0, "synced": 1000, "quarantined": 0}
