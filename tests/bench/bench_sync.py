"""Sync speed: summaries/s pushed to a loopback collector vs one bulk insert, and the cost of the outbox row at finalise.

Run on demand: `make bench`, or `.venv/bin/python -m pytest -q -s tests/bench/bench_sync.py -o python_files='bench_*.py'`,
or `.venv/bin/python tests/bench/bench_sync.py [N]`. PostgreSQL is measured when TRIAGE_TEST_POSTGRES_URL is set.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "sync"))

from sync_support import Collector, create_store_tables, make_call, pg_schema_target  # noqa: E402

from triage_desktop.collector import db as collector_db  # noqa: E402
from triage_desktop.collector.ingest import iso_week  # noqa: E402
from triage_desktop.sync.runner import SyncConfig  # noqa: E402
from triage_desktop.sync_cli import run_pass_on as run_sync_pass  # noqa: E402
from triage_desktop.sync.summary import build_summary, canonical_json, outbox_row  # noqa: E402

N_CALLS = int(os.environ.get("BENCH_SYNC_N", "100000"))
FINALISE_N = 2000
#: collector worker processes (`triage-collector serve --workers`), as a deployment would run it
WORKERS = int(os.environ.get("BENCH_COLLECTOR_WORKERS", "2"))
#: each push / ingest figure is measured this many times, alternating with its bulk-insert baseline (the baseline
#: alone varied 2.9-4.9 s between runs of the same code: one pair per figure made the ratio a coin toss)
REPEATS = max(1, int(os.environ.get("BENCH_SYNC_REPEATS", "3")))


def repeated(measure: Any, baseline: Any, repeats: int = REPEATS) -> tuple[float, float, list[float]]:
    """Median seconds of measure() and of baseline(), run alternately (the order swapped each repeat, so a drift of
    the machine hits both), and each repeat's ratio baseline / measure."""
    ours, base, ratios = [], [], []
    for i in range(repeats):
        if i % 2 == 0:
            a = measure(i)
            b = baseline(i)
        else:
            b = baseline(i)
            a = measure(i)
        ours.append(a)
        base.append(b)
        ratios.append(b / a)
    return statistics.median(ours), statistics.median(base), ratios


def _spread(ratios: list[float]) -> str:
    return f"{len(ratios)} alternating repeats, per-repeat ratios {min(ratios):.2f}-{max(ratios):.2f}"


def against_bulk(measure: Any, base: Optional[str], folder: Path, name: str, rows: list[dict[str, Any]],
                 drops: list[Any]) -> tuple[float, float, list[float]]:
    """repeated(measure, a bulk insert of rows into a fresh database each time); then every PostgreSQL schema made
    for either (in `drops`) is dropped."""
    def bulk(i: int) -> float:
        return bulk_insert_seconds(_target(base, folder, f"{name}-bulk-{i}", drops), rows)

    try:
        return repeated(measure, bulk)
    finally:
        for drop in drops:
            drop()


def _target(base: Optional[str], folder: Path, name: str, drops: list[Any]) -> str:
    """A fresh, empty collector database: a SQLite file in folder, or a PostgreSQL schema dropped afterwards."""
    if base is None:
        return str(folder / f"{name}.sqlite")
    target, drop = pg_target(base)
    drops.append(drop)
    return target


def fill_outbox(path: Path, n: int, device_id: str, seed: int = 7) -> list[str]:
    """A store with n finished calls' outbox rows (built from a few real summaries, with fresh uuids and times)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    create_store_tables(db)
    rng = random.Random(seed)
    templates = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(64)]
    payloads, rows = [], []
    for i in range(n):
        summary = dict(templates[i % 64], call_uuid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                       started_at=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}Z")
        text = canonical_json(summary)
        payloads.append(text)
        rows.append((summary["call_uuid"], 1, text, hashlib.sha256(text.encode()).hexdigest(), "pending", 0,
                     "2024-01-01T00:00:00Z"))
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO outbox (call_uuid, call_version, payload, payload_hash, status, attempts, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()
    return payloads


def collector_rows(payloads: list[str]) -> list[dict[str, Any]]:
    """The rows the collector stores for these payloads, prepared in memory ahead of the bulk insert."""
    rows = []
    for text in payloads:
        record = json.loads(text)
        rows.append({
            "call_uuid": record["call_uuid"], "call_version": record["call_version"], "device_id": record["device_id"],
            "force_code": record["force_code"], "schema_version": 1, "pathway": record["pathway"],
            "outcome_code": record["outcome_code"], "iso_week": iso_week(record["started_at"][:10]),
            "started_at": record["started_at"], "payload": text,
            "payload_hash": hashlib.sha256(text.encode()).hexdigest(), "uploaded_by": "bench",
            "received_at": "2024-01-01T00:00:00Z",
        })
    return rows


def bulk_insert_seconds(target: str, rows: list[dict[str, Any]]) -> float:
    """One bulk INSERT of every row into a fresh collector database (same schema, indexes and settings)."""
    engine = collector_db.make_engine(target)
    collector_db.create_schema(engine)
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(collector_db.summaries.insert(), rows)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def push_seconds(target: str, folder: Path, store: Path, batch_size: int) -> tuple[float, str]:
    """Time one sync pass of the whole outbox to a real collector subprocess on loopback."""
    collector = Collector(target, folder, extra=("--workers", str(WORKERS))).start()
    try:
        token = collector.add_device("bench")
        started = time.perf_counter()
        report = run_sync_pass(store, SyncConfig(collector_url=collector.url, token=token, batch_size=batch_size,
                                                 timeout_s=300))
        elapsed = time.perf_counter() - started
        assert report.exit_code == 0 and report.accepted == collector.count(), report.line()
        return elapsed, report.line()
    finally:
        collector.stop()


def pg_target(base: str) -> tuple[str, Any]:
    return pg_schema_target(base, prefix="bench_")


def _push_figure(name: str, base: Optional[str], folder: Path, n: int, rows: list[dict[str, Any]],
                 batch_size: int) -> list[str]:
    """One backend's push figure: REPEATS pushes of the whole outbox, each beside a bulk insert."""
    lines: list[str] = []
    drops: list[Any] = []
    said: list[str] = []

    def push(i: int) -> float:
        store = folder / f"store-{name}-{i}.sqlite"
        shutil.copy(folder / "store-template.sqlite", store)
        pushed, line = push_seconds(_target(base, folder, f"push-{i}", drops), folder, store, batch_size)
        said.append(line)
        return pushed

    pushed, bulk_s, ratios = against_bulk(push, base, folder, "push", rows, drops)
    lines.append(f"push {name:10s}: {n} summaries in {pushed:6.2f} s = {n / pushed:8.0f}/s (batches of {batch_size}); "
                 f"bulk insert {bulk_s:5.2f} s = {n / bulk_s:8.0f}/s; ratio {statistics.median(ratios):.2f} (target >= 0.5; "
                 f"median of {_spread(ratios)}; collector workers {WORKERS})")
    lines.append(f"    client said (last repeat): {said[-1]}")
    return lines


def bench_push(folder: Path, n: int, batch_size: int = SyncConfig.batch_size) -> list[str]:
    """Push rate vs bulk-insert rate, SQLite always, PostgreSQL where available."""
    lines = []
    device = str(uuid.uuid4())
    backends: list[tuple[str, Optional[str]]] = [("SQLite", None)]
    if os.environ.get("TRIAGE_TEST_POSTGRES_URL"):
        backends.append(("PostgreSQL", os.environ["TRIAGE_TEST_POSTGRES_URL"]))
    payloads = fill_outbox(folder / "store-template.sqlite", n, device)
    rows = collector_rows(payloads)
    for name, base in backends:
        lines += _push_figure(name, base, folder, n, rows, batch_size)
    return lines


def _ingest_figure(name: str, base: Optional[str], folder: Path, devices: int, per: int,
                   rows: list[dict[str, Any]]) -> list[str]:
    """One backend's ingest figure: REPEATS rounds of `devices` PCs pushing at once, each beside a bulk insert."""
    import threading

    lines: list[str] = []
    drops: list[Any] = []

    def ingest(r: int) -> float:
        collector = Collector(_target(base, folder, f"devices-{r}", drops), folder,
                              extra=("--workers", str(WORKERS))).start()
        try:
            tokens = [collector.add_device(f"pc{i}") for i in range(devices)]
            stores = []
            for i in range(devices):
                store = folder / f"dev-{i}-{name}-{r}.sqlite"
                shutil.copy(folder / f"dev-{i}-template.sqlite", store)
                stores.append(store)
            reports: list[Any] = [None] * devices
            start = threading.Barrier(devices + 1)

            def one(i: int, start: threading.Barrier, url: str, store: Path, token: str,
                    reports: list[Any]) -> None:
                start.wait()
                reports[i] = run_sync_pass(store, SyncConfig(collector_url=url, token=token, timeout_s=300,
                                                             max_attempts=8))

            threads = [threading.Thread(target=one, args=(i, start, collector.url, stores[i], tokens[i], reports))
                       for i in range(devices)]
            for t in threads:
                t.start()
            start.wait()
            began = time.perf_counter()
            for t in threads:
                t.join()
            wall = time.perf_counter() - began
            assert all(r is not None and r.exit_code == 0 for r in reports), [r and r.line() for r in reports]
            assert collector.count() == len(rows)
            return wall
        finally:
            collector.stop()

    wall, bulk_s, ratios = against_bulk(ingest, base, folder, "devices", rows, drops)
    lines.append(f"ingest {name:10s}: {devices} devices x {per} summaries at once in {wall:6.2f} s = "
                 f"{len(rows) / wall:8.0f}/s; bulk insert {bulk_s:5.2f} s = {len(rows) / bulk_s:8.0f}/s; "
                 f"ratio {statistics.median(ratios):.2f} (target >= 0.4; median of {_spread(ratios)}; "
                 f"collector workers {WORKERS})")
    return lines


def bench_devices(folder: Path, n: int, devices: int = 10) -> list[str]:
    """Collector ingest with `devices` PCs pushing at once (each its own outbox of n/devices summaries, its own
    token) vs one bulk insert of all n rows into a fresh collector database: SQLite always, PostgreSQL if set."""
    lines = []
    per = max(1, n // devices)
    backends: list[tuple[str, Optional[str]]] = [("SQLite", None)]
    if os.environ.get("TRIAGE_TEST_POSTGRES_URL"):
        backends.append(("PostgreSQL", os.environ["TRIAGE_TEST_POSTGRES_URL"]))
    ids = [str(uuid.uuid4()) for _ in range(devices)]
    payloads: list[str] = []
    for i, device in enumerate(ids):
        payloads += fill_outbox(folder / f"dev-{i}-template.sqlite", per, device, seed=100 + i)
    rows = collector_rows(payloads)
    for name, base in backends:
        lines += _ingest_figure(name, base, folder, devices, per, rows)
    return lines


def bench_finalise(folder: Path, n: int = FINALISE_N) -> list[str]:
    """Finalising a call with its outbox row in the same transaction vs a bare call-row write (WAL, synchronous=FULL)."""
    rng = random.Random(11)
    calls = [make_call(rng) for _ in range(n)]
    columns = sorted(calls[0])
    results = {}
    for label, with_outbox in (("bare call row", False), ("call row + outbox row", True)):
        path = folder / f"finalise-{with_outbox}.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"CREATE TABLE calls ({', '.join(c + ' ' + ('TEXT PRIMARY KEY' if c == 'uuid' else '') for c in columns)})")
        import sqlite_utils

        create_store_tables(sqlite_utils.Database(conn))
        insert_call = f"INSERT INTO calls ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        insert_outbox = ("INSERT INTO outbox (call_uuid, call_version, payload, payload_hash, status, attempts, "
                         "next_attempt_at, last_error, created_at, synced_at) VALUES (:call_uuid, :call_version, :payload, "
                         ":payload_hash, :status, :attempts, :next_attempt_at, :last_error, :created_at, :synced_at)")
        started = time.perf_counter()
        for call in calls:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(insert_call, [call[c] for c in columns])
            if with_outbox:
                conn.execute(insert_outbox, outbox_row(call, device_id="0b8f6f7e-2f55-4d5f-9a3e-0c6a1b2c3d4e",
                                                       force_code="XX"))
            conn.execute("COMMIT")
        results[label] = (time.perf_counter() - started) / n
        conn.close()
    bare, full = results["bare call row"], results["call row + outbox row"]
    started = time.perf_counter()
    for call in calls:
        build_summary(call, device_id="0b8f6f7e-2f55-4d5f-9a3e-0c6a1b2c3d4e", force_code="XX")
    build = (time.perf_counter() - started) / n
    return [
        f"finalise (SQLite WAL, synchronous=FULL, {n} transactions): bare call row {bare * 1e3:.3f} ms, "
        f"with outbox row {full * 1e3:.3f} ms, added {(full - bare) * 1e3:.3f} ms ({(full / bare - 1) * 100:.0f} %); "
        f"build_summary alone {build * 1e6:.0f} us",
    ]


def run(n: int = N_CALLS) -> list[str]:
    """Every figure, one line each."""
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        return bench_push(folder, n) + bench_devices(folder, n) + bench_finalise(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.timeout(3600)  # 100,000 summaries pushed REPEATS times per backend, each beside a bulk insert
def test_bench_sync() -> None:
    """Print the sync benchmark (collected only with python_files='bench_*.py')."""
    print()
    for line in run():
        print(line)


if __name__ == "__main__":
    for figure in run(int(sys.argv[1]) if len(sys.argv) > 1 else N_CALLS):
        print(figure, flush=True)
