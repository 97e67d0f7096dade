"""The collector's set-at-a-time ingest (one statement per batch on PostgreSQL, the rollup folded per record shape)
keeps every rule of record-at-a-time ingest: the rollup equals the sum of `contribution` over the latest version of
each call, however the versions arrive; a retried batch stores nothing twice; and `serve --workers N` serves the same
API from several processes that die with the server."""
from __future__ import annotations

import os
import random
import signal
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
from sqlalchemy import select

from sync_support import Collector, make_call

from triage_desktop.collector import db as collector_db
from triage_desktop.collector import ingest, ingest_store, rollup
from triage_desktop.core.summary_vocab import S136_BANDS
from triage_desktop.sync.summary import build_summary, canonical_json

CALLER_TYPES = [None, "self", "family_friend_public", "hcp_gp", "police"]
BANDS = [None] + [b[0] for b in S136_BANDS]
PARTNERS = [[], ["ambulance"], ["crisis_team", "gp"], ["samaritans"]]
FLAGS = [[], ["medical_emergency"], ["alone", "crime"], ["self_harm"]]
OUTCOMES = ["AMBULANCE", "ADVICE_ONLY", "POLICE_EMERGENCY", "MH_CRISIS_LINE"]


def varied_summaries(rng: random.Random, device_id: str, calls: int) -> list[dict[str, Any]]:
    """Summaries of `calls` calls, some with later versions; every field the rollup reads is varied."""
    out = []
    for i in range(calls):
        base = build_summary(make_call(rng), device_id=device_id, force_code="XX")
        versions = 1 if i % 4 else rng.randint(2, 3)
        for version in range(1, versions + 1):
            ttd = rng.choice([None, 0, 4.4, 4.5, 37.2, 599.9, 601.0, 5000.0])
            summary = dict(
                base, call_version=version, caller_type=rng.choice(CALLER_TYPES),
                s136_minutes_band=rng.choice(BANDS), partners=rng.choice(PARTNERS), flags=rng.choice(FLAGS),
                outcome_code=rng.choice(OUTCOMES), police_attend=rng.random() < 0.5,
                immediate_risk=rng.random() < 0.3, early_exit=rng.random() < 0.2, overridden=rng.random() < 0.2,
                handover=rng.random() < 0.5, decision_raised=rng.random() < 0.2, repeat_contact=rng.random() < 0.3,
                time_to_decision_s=ttd, duration_s=max(base["duration_s"], (ttd or 0) + 10),
                started_at=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}Z",
            )
            out.append(summary)
    return out


def expected_rollup(summaries: list[dict[str, Any]], device: str) -> dict[tuple[str, ...], dict[str, int]]:
    """The weekly rollup by hand: `contribution` of the latest version of each call, record by record."""
    latest: dict[str, dict[str, Any]] = {}
    for s in summaries:
        if s["call_version"] > latest.get(s["call_uuid"], {"call_version": 0})["call_version"]:
            latest[s["call_uuid"]] = s
    rows: dict[tuple[str, ...], dict[str, int]] = defaultdict(lambda: {m: 0 for m in rollup.MEASURES})
    for s in latest.values():
        key = (ingest.iso_week(s["started_at"][:10]), s["force_code"], device, s["pathway"], s["outcome_code"])
        for measure, value in rollup.contribution(s).items():
            rows[key][measure] += value
    return dict(rows)


def held_rollup(engine: Any) -> dict[tuple[str, ...], dict[str, int]]:
    table = rollup.rollup_weekly
    keys = ("iso_week", "force_code", "device", "pathway", "outcome_code")
    with engine.connect() as conn:
        rows = conn.execute(select(table)).mappings().all()
    return {tuple(r[k] for k in keys): {m: int(r[m]) for m in rollup.MEASURES} for r in rows if int(r["calls"])}


def callers_and_ttd(engine: Any) -> tuple[dict[Any, int], dict[Any, int]]:
    with engine.connect() as conn:
        callers = {tuple(r[:5]): int(r[5]) for r in conn.execute(select(rollup.rollup_callers)) if int(r[5])}
        ttd = {tuple(r[:4]): int(r[4]) for r in conn.execute(select(rollup.rollup_ttd)) if int(r[4])}
    return callers, ttd


@pytest.fixture
def engine(backend: str) -> Iterator[Any]:
    """The collector's database on `backend`, with its schema; disposed after the test."""
    made = collector_db.make_engine(backend)
    collector_db.create_schema(made)
    yield made
    made.dispose()


def test_batch_rollup_equals_the_record_by_record_sum_whatever_the_version_order(engine: Any) -> None:
    rng = random.Random(5)
    device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    summaries = varied_summaries(rng, device_id, 240)
    shuffled = summaries[:]
    rng.shuffle(shuffled)  # later versions often arrive before earlier ones, in the same or another batch
    for start in range(0, len(shuffled), 97):
        results = ingest.store_batch(engine, shuffled[start:start + 97], "pc-1")
        assert {r["status"] for r in results} == {"accepted"}, results[:3]
    assert held_rollup(engine) == expected_rollup(summaries, "pc-1")
    callers, ttd = callers_and_ttd(engine)

    # a retried batch (the answer was lost) stores nothing twice and changes no figure
    again = ingest.store_batch(engine, shuffled[:300], "pc-1")
    assert {r["status"] for r in again} == {"duplicate"}
    assert held_rollup(engine) == expected_rollup(summaries, "pc-1")
    assert callers_and_ttd(engine) == (callers, ttd)

    # and the incremental figures are the ones a full rebuild computes
    rollup.rebuild(engine)
    assert held_rollup(engine) == expected_rollup(summaries, "pc-1")
    assert callers_and_ttd(engine) == (callers, ttd)
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT COUNT(*) FROM summaries").scalar()
    assert stored == len(summaries)


def test_a_batch_with_an_invalid_record_and_a_repeat_answers_each_record(engine: Any) -> None:
    """Set-at-a-time storing still answers per record: invalid with its reason, the same key twice in one batch
    a duplicate, other content under a held key a conflict; the rest stored."""
    rng = random.Random(9)
    device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    good = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(6)]
    bad = dict(good[1], started_at="2024-02-31T10:00Z")
    changed = dict(good[0], outcome_code="ADVICE_ONLY" if good[0]["outcome_code"] != "ADVICE_ONLY" else "AMBULANCE")
    body = ('{"records":[' + ",".join(canonical_json(s) for s in [good[0], bad, good[2], good[2], *good[3:]])
            + "]}").encode()
    results = ingest.handle_upload(engine, body, "pc-1")
    assert [r["status"] for r in results] == ["accepted", "invalid", "accepted", "duplicate", "accepted",
                                               "accepted", "accepted"]
    assert "/started_at" in results[1]["error"]
    later = ingest.store_batch(engine, [changed, good[1]], "pc-1")
    assert [r["status"] for r in later] == ["conflict", "accepted"]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM summaries").scalar() == 6
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM conflicts").scalar() == 1


def test_a_miscounted_sqlite_insert_is_made_again_with_returning(engine: Any, monkeypatch: Any) -> None:
    """On SQLite what is new is known from the keys read in the same write transaction; were the insert ever to
    count otherwise, the attempt is rolled back and made again with RETURNING: every record still answered once."""
    rng = random.Random(13)
    calls: list[int] = []
    real = ingest._insert_known_new

    def miscount_once(conn: Any, rows: list[Any]) -> None:
        calls.append(len(rows))
        real(conn, rows)
        if len(calls) == 1:
            raise ingest._Miscounted("as if a row had not gone in")

    monkeypatch.setattr(ingest, "_insert_known_new", miscount_once)
    device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    good = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(5)]
    assert [r["status"] for r in ingest.store_batch(engine, good[:2], "pc-1")] == ["accepted"] * 2
    results = ingest.store_batch(engine, good, "pc-1")
    assert [r["status"] for r in results] == ["duplicate"] * 2 + ["accepted"] * 3
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM summaries").scalar() == 5
    assert held_rollup(engine) == expected_rollup(good, "pc-1")
    if engine.dialect.name == "sqlite":
        assert calls == [2, 3]  # the first batch miscounted once (then RETURNING); the second: its 3 new rows


def test_keys_written_meanwhile_by_another_upload_are_sorted_out_by_a_second_attempt(engine: Any,
                                                                                    monkeypatch: Any) -> None:
    """What is new is known from the keys read first in the transaction, and inserted without ON CONFLICT work (on
    PostgreSQL a COPY straight into the table). Another upload may write one of those keys in between (PostgreSQL
    writes uploads concurrently; here the read is made to miss the keys held): the insert then fails or miscounts,
    the attempt is rolled back and made again with ON CONFLICT DO NOTHING RETURNING. The held records are answered
    as duplicates, the others accepted, nothing is stored twice and the rollup counts each call once."""
    rng = random.Random(23)
    device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    good = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(5)]
    assert [r["status"] for r in ingest.store_batch(engine, good[:2], "pc-1")] == ["accepted"] * 2
    real, missed = ingest.rows_for_uuids, []

    def misses_the_held_keys_once(conn: Any, table: str, columns: str, uuids: Any, where: str = "") -> list[Any]:
        rows = real(conn, table, columns, uuids, where)
        if table == "summaries" and columns.startswith("call_uuid, device_id") and not missed:
            missed.append(len(rows))  # as if the other upload committed them just after this read
            return []
        return rows

    monkeypatch.setattr(ingest, "rows_for_uuids", misses_the_held_keys_once)
    results = ingest.store_batch(engine, good, "pc-1")
    assert missed == [2]
    assert [r["status"] for r in results] == ["duplicate"] * 2 + ["accepted"] * 3
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM summaries").scalar() == 5
    assert held_rollup(engine) == expected_rollup(good, "pc-1")


def test_a_binding_made_meanwhile_by_the_same_token_is_its_own(engine: Any, monkeypatch: Any) -> None:
    """Two first uploads of one token at once (PostgreSQL writes them concurrently): the second may read 'not
    bound' before the first commits and find the device bound to this token right after; its records are this
    device's, never refused as another device's."""
    rng = random.Random(19)
    device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    first = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(3)]
    assert {r["status"] for r in ingest.store_batch(engine, first, "pc-1")} == {"accepted"}
    real, reads = ingest.bound_device, []

    def first_read_too_early(conn: Any, name: str) -> Any:
        reads.append(name)  # the second upload's first read comes before the binding was committed
        return None if len(reads) == 1 else real(conn, name)

    monkeypatch.setattr(ingest, "bound_device", first_read_too_early)
    second = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(3)]
    assert {r["status"] for r in ingest.store_batch(engine, second, "pc-1")} == {"accepted"}
    other = str(uuid.UUID(int=rng.getrandbits(128), version=4))  # still: another device's records are refused
    third = [build_summary(make_call(rng), device_id=other, force_code="XX")]
    assert [r["status"] for r in ingest.store_batch(engine, third, "pc-1")] == ["invalid"]


def test_large_sqlite_batches_checkpoint_the_log_in_full_and_queue_across_processes(tmp_path: Path,
                                                                                      monkeypatch: Any) -> None:
    """A large batch's commit leaves the checkpoint to the write queue, which copies the whole log once enough was
    written (the log then starts again); the connection goes back to the pool with SQLite's usual autocheckpoint;
    and the worker processes queue on a lock file beside the database."""
    rng = random.Random(17)
    path = tmp_path / "collector.sqlite"
    engine = collector_db.make_engine(str(path))
    collector_db.create_schema(engine)
    monkeypatch.setattr(ingest_store, "CHECKPOINT_EVERY_BYTES", 1)  # read where the checkpoint is made
    try:
        device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        wal = tmp_path / "collector.sqlite-wal"
        sizes = []
        for _ in range(3):
            batch = [build_summary(make_call(rng), device_id=device_id, force_code="XX")
                     for _ in range(ingest.CHECKPOINT_AFTER_ROWS)]
            assert {r["status"] for r in ingest.store_batch(engine, batch, "pc-1")} == {"accepted"}
            sizes.append(wal.stat().st_size)
        # each batch was copied into the database before the next one wrote: the log started again each time
        # (without the checkpoint it would have held all three batches)
        assert sizes[2] < 1.5 * sizes[0], sizes
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == collector_db.SQLITE_AUTOCHECKPOINT
            assert conn.exec_driver_sql("SELECT COUNT(*) FROM summaries").scalar() == 3 * len(batch)
        if os.name == "posix":
            assert (tmp_path / "collector.sqlite.ingest-lock").exists()
    finally:
        engine.dispose()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


def test_serve_with_workers_answers_uploads_and_its_workers_die_with_it(tmp_path: Path) -> None:
    collector = Collector(str(tmp_path / "collector.sqlite"), tmp_path, extra=("--workers", "2")).start()
    try:
        rng = random.Random(3)
        device_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        token = collector.add_device("pc-1")
        records = [build_summary(make_call(rng), device_id=device_id, force_code="XX") for _ in range(40)]
        body = '{"records":[' + ",".join(canonical_json(r) for r in records) + "]}"
        with httpx.Client(base_url=collector.url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as http:
            answers = [http.post("/v1/summaries", content=body, headers={"Content-Type": "application/json"})
                       for _ in range(4)]  # over several connections' worth of requests: any worker may answer
        assert [a.status_code for a in answers] == [200] * 4
        assert answers[0].json()["counts"]["accepted"] == 40
        assert all(a.json()["counts"]["duplicate"] == 40 for a in answers[1:])
        assert collector.count() == 40
        assert collector.proc is not None
        workers = [c for c in _children(collector.proc.pid) if _alive(c)]
        assert len(workers) >= 2
        collector.kill()  # SIGKILL of the server process: no handler runs in it
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [w for w in workers if _alive(w)]
        for w in left:
            os.kill(w, signal.SIGKILL)
        assert not left, "a worker outlived the server it belonged to"
    finally:
        collector.stop()
