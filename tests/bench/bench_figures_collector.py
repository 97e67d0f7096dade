"""Collector figures at scale: dashboard figures and /v1/aggregate over N summaries (default 1,000,000) from the
weekly rollup, against the direct latest-version GROUP BY over the summaries table measured in the same run.
Target: under 1 s on PostgreSQL. Run: make bench (PostgreSQL when TRIAGE_TEST_POSTGRES_URL is set; else SQLite)."""
from __future__ import annotations

import io
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "sync"))

from sync_support import make_call, pg_schema_target  # noqa: E402

from triage_desktop.collector import db as collector_db  # noqa: E402
from triage_desktop.collector import rollup  # noqa: E402
from triage_desktop.collector.dashboard_figures import aggregate_rows, force_figures  # noqa: E402
from triage_desktop.collector.ingest import SUMMARY_COLUMNS, iso_week, store_batch  # noqa: E402
from triage_desktop.collector.reports import aggregate_rows as direct_aggregate  # noqa: E402
from triage_desktop.core.summary_vocab import CALLER_TYPES, PARTNER_CODES  # noqa: E402
from triage_desktop.sync.summary import build_summary, canonical_json  # noqa: E402

N = int(os.environ.get("BENCH_FIGURES_N", "1000000"))
DEVICES = [f"cr-{i:02d}" for i in range(20)]


def _rows(n: int):
    rng = random.Random(7)
    templates = []
    for i in range(200):
        call = make_call(rng)
        call.update(caller_type=rng.choice(sorted(CALLER_TYPES)), partners_json=json.dumps(rng.sample(PARTNER_CODES, 2)))
        templates.append(build_summary(call, device_id=str(uuid.uuid4()), force_code="XX",
                                       schema_version=1 if i % 3 == 0 else 2, s136_minutes=rng.choice([None, 30, 90])))
    for i in range(n):
        record = dict(templates[i % len(templates)])
        record["call_uuid"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        day = 1 + i % 364
        record["started_at"] = f"2025-{1 + (day - 1) // 31 % 12:02d}-{1 + day % 28:02d}T10:{i % 60:02d}Z"
        text = canonical_json(record)
        yield (record["call_uuid"], 1, record["device_id"], "XX", record["schema_version"], record["pathway"],
               record["outcome_code"], iso_week(record["started_at"][:10]), record["started_at"], text,
               "0" * 64, DEVICES[i % len(DEVICES)], "2025-12-01T00:00:00.000000Z")


def _fill(engine, n: int) -> float:
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY summaries ({', '.join(SUMMARY_COLUMNS)}) FROM STDIN") as copy:
                for row in _rows(n):
                    copy.write_row(row)
        else:
            sql = f"INSERT INTO summaries ({', '.join(SUMMARY_COLUMNS)}) VALUES ({', '.join('?' * len(SUMMARY_COLUMNS))})"
            batch = []
            for row in _rows(n):
                batch.append(row)
                if len(batch) == 50000:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - started


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def run(target: str, label: str) -> None:
    engine = collector_db.make_engine(target)
    collector_db.create_schema(engine)
    fill_s = _fill(engine, N)
    t = time.perf_counter()
    counted = rollup.rebuild(engine)
    rebuild_s = time.perf_counter() - t
    assert counted == N
    figures_s = _best(lambda: force_figures(engine))
    group_s = _best(lambda: force_figures(engine, since="2025-W10", until="2025-W30"))
    agg_s = _best(lambda: aggregate_rows(engine, None, None, None))
    direct_s = _best(lambda: direct_aggregate(engine, None, None, None), repeat=1)
    assert sum(r["count"] for r in aggregate_rows(engine, None, None, None)) == N
    # ingest with the rollup kept up to date: 20 batches of 1000 fresh summaries
    rng = random.Random(3)
    batches = [[build_summary(make_call(rng), device_id=str(uuid.uuid4()), force_code="XX") for _ in range(1000)]
               for _ in range(20)]
    t = time.perf_counter()
    for b in batches:
        store_batch(engine, b, "cr-00")
    ingest_rate = 20000 / (time.perf_counter() - t)
    print(f"\n[{label}] {N:,} summaries (bulk load {fill_s:.0f} s, rollup rebuild {rebuild_s:.0f} s)")
    print(f"  dashboard figures, all weeks     {figures_s * 1000:8.0f} ms   (target < 1000 ms)")
    print(f"  dashboard figures, 21 weeks      {group_s * 1000:8.0f} ms   (target < 1000 ms)")
    print(f"  /v1/aggregate from the rollup    {agg_s * 1000:8.0f} ms   (target < 1000 ms)")
    print(f"  direct GROUP BY over summaries   {direct_s * 1000:8.0f} ms   (baseline; rollup is {direct_s / agg_s:.0f}x faster)")
    print(f"  ingest with rollup upkeep        {ingest_rate:8.0f} summaries/s (1000-record batches)")
    engine.dispose()


def test_bench_collector_figures() -> None:
    url = os.environ.get("TRIAGE_TEST_POSTGRES_URL")
    if url:
        target, drop = pg_schema_target(url, "bench_fig_")
        try:
            run(target, "PostgreSQL")
        finally:
            drop()
    else:
        with tempfile.TemporaryDirectory() as folder:
            run(str(Path(folder) / "collector.sqlite"), "SQLite (no TRIAGE_TEST_POSTGRES_URL)")


if __name__ == "__main__":
    test_bench_collector_figures()
