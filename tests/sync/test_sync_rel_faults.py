"""The collector trusts no device beyond itself, and the client sends only what the store sealed.

Every test here uses the REAL store (AppServices over a data dir, calls finalised through the engine) as the outbox
and a real collector subprocess on loopback; a collector answering HTTP 5xx fails the test (Collector.stop), except
where a test makes it fail on purpose. Each test is named after the fault it reproduces.
"""
from __future__ import annotations

import json
import select
import socket
import sqlite3
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync_support import Collector, free_port
from triage_desktop.cli import main as app_main
from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices
from triage_desktop.sync.runner import SyncConfig, run_sync_pass
from triage_desktop.sync.schema import summary_problem
from triage_desktop.sync.summary import canonical_json, payload_hash
from triage_desktop.sync.transport import CollectorClient, check_collector_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_support import FLOWS_OK, finished_call  # noqa: E402


class RealStore:
    """A real data dir: the app's own database, migrations, triggers and outbox rows written at finalise."""

    def __init__(self, root: Path):
        self.paths = AppPaths.from_root(root)
        svc = AppServices.open(self.paths, flows_dir=FLOWS_OK)
        self.device_id = svc.settings.get("device_id")
        svc.close()
        self.path = self.paths.database()

    def finalise(self, n: int) -> list[str]:
        svc = AppServices.open(self.paths, flows_dir=FLOWS_OK, purge=False)
        try:
            return [finished_call(svc, caller_name="Jo Bloggs").uuid for _ in range(n)]
        finally:
            svc.close()

    def outbox(self) -> list[dict[str, Any]]:
        c = sqlite3.connect(self.path)
        c.row_factory = sqlite3.Row
        rows = [dict(r) for r in c.execute("SELECT * FROM outbox ORDER BY id")]
        c.close()
        return rows

    def sql(self, statement: str, *args: Any) -> None:
        c = sqlite3.connect(self.path)
        c.execute(statement, args)
        c.commit()
        c.close()


@pytest.fixture
def real(tmp_path) -> RealStore:
    return RealStore(tmp_path / "pc")


@pytest.fixture
def live(tmp_path):
    c = Collector(str(tmp_path / "collector.sqlite"), tmp_path)
    c.start()
    yield c
    c.stop()


def cfg(c: Collector, token: str, **kw: Any) -> SyncConfig:
    values: dict[str, Any] = dict(collector_url=c.url, token=token, retry_base_s=0.01, retry_cap_s=0.05,
                                  max_attempts=2, ignore_backoff=True)
    values.update(kw)
    return SyncConfig(**values)


def post(c: Collector, token: str, records: list[Any]) -> httpx.Response:
    return httpx.post(c.url + "/v1/summaries", json={"records": records},
                      headers={"Authorization": f"Bearer {token}"}, timeout=30)


# ----- a device token writes and reconciles only its own records ------------------------------------------------
def test_device_token_cannot_write_or_reconcile_another_devices_records(live, real, tmp_path):
    real.finalise(2)
    mine = live.add_device("pc-a", real.device_id)
    assert run_sync_pass(real.path, cfg(live, mine)).accepted == 2
    other = RealStore(tmp_path / "pc-b")
    thief = live.add_device("pc-b")
    stolen = [json.loads(r["payload"]) for r in real.outbox()]
    # 1. another token posting this PC's records (its device_id): invalid per record, nothing stored
    answer = post(live, thief, stolen).json()
    assert [r["status"] for r in answer["results"]] == ["invalid", "invalid"]
    # 2. the thief's token is now bound to ITS device; a call uuid first sent by pc-a under pc-b's device_id
    other.finalise(1)
    assert run_sync_pass(other.path, cfg(live, thief)).accepted == 1
    hijack = dict(stolen[0], device_id=other.device_id, outcome_code="POLICE_EMERGENCY")
    [result] = post(live, thief, [hijack]).json()["results"]
    assert result["status"] == "invalid" and "another device" in result["error"]
    assert live.scalar("SELECT outcome_code FROM summaries WHERE call_uuid = :u", u=stolen[0]["call_uuid"]) == \
        stolen[0]["outcome_code"]
    # 3. reconcile of another device's keys is refused
    r = httpx.post(live.url + "/v1/reconcile", json={"device_id": real.device_id, "keys": True},
                   headers={"Authorization": f"Bearer {thief}"})
    assert r.status_code == 403
    assert live.count(real.device_id) == 2 and live.count(other.device_id) == 1


def test_impossible_dates_and_durations_are_invalid_per_record_never_a_500(live, real):
    real.finalise(3)
    token = live.add_device("pc", real.device_id)
    good = [json.loads(r["payload"]) for r in real.outbox()]
    bad = [dict(good[0], call_uuid=str(uuid.uuid4()), started_at="2026-02-31T10:00Z"),
           dict(good[0], call_uuid=str(uuid.uuid4()), started_at="0000-01-01T00:00Z"),
           dict(good[0], call_uuid=str(uuid.uuid4()), started_at="2999-01-01T00:00Z"),
           dict(good[0], call_uuid=str(uuid.uuid4()), time_to_decision_s=600000, duration_s=10),
           dict(good[0], call_uuid=str(uuid.uuid4()), started_at="1899-12-31T23:59Z")]
    answer = post(live, token, [bad[0], good[0], bad[1], good[1], bad[2], bad[3], good[2], bad[4]])
    assert answer.status_code == 200
    statuses = [r["status"] for r in answer.json()["results"]]
    assert statuses == ["invalid", "accepted", "invalid", "accepted", "invalid", "invalid", "accepted", "invalid"]
    errors = [r["error"] for r in answer.json()["results"] if r["status"] == "invalid"]
    assert "not a real date" in errors[0] and "not a real date" in errors[1] and "future" in errors[2]
    assert "longer than the call" in errors[3] and "before 2000" in errors[4]
    for b in bad:  # and the client's own check quarantines the same records before they are ever sent
        assert summary_problem(b)


def test_impossible_summary_from_a_pc_clock_days_ahead_is_quarantined_on_the_client_with_the_reason(live):
    """A PC clock 3 days fast (faketime, a real child process): the PC cannot see it, the collector can. The record
    is invalid per record and quarantined on the PC with the collector's reason; the call itself is kept."""
    import shutil

    from fault_support import Child

    assert shutil.which("faketime"), "faketime is needed (.ci/run installs it)"
    lines = Child("one-call", faketime="+3d").finish()
    [call] = [line.split()[1] for line in lines if line.startswith("ack-final")]
    paths = AppPaths.default()
    c = sqlite3.connect(paths.database())
    device_id = c.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()[0]
    c.close()
    token = live.add_device("fast-clock-pc", device_id)
    report = run_sync_pass(paths.database(), cfg(live, token))
    assert report.quarantined == 1 and report.accepted == 0
    c = sqlite3.connect(paths.database())
    status, error = c.execute("SELECT status, last_error FROM outbox WHERE call_uuid = ?", (call,)).fetchone()
    assert c.execute("SELECT status FROM calls WHERE uuid = ?", (call,)).fetchone()[0] == "final"
    c.close()
    assert status == "quarantined" and "/started_at: is in the future" in error


def test_strict_json_is_enforced_over_http(live, real):
    token = live.add_device("pc", real.device_id)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for body in (b'{"records":[],"records":[]}', b'{"records":[], "padding": "     "}',
                 b'\xef\xbb\xbf{"records":[]}'):
        r = httpx.post(live.url + "/v1/summaries", content=body, headers=headers)
        assert r.status_code == 400, body


# ----- the client --------------------------------------------------------------------------------------------------
def test_client_checks_each_outbox_payload_against_its_hash_before_sending(live, real):
    real.finalise(3)
    rows = real.outbox()
    edited = json.loads(rows[1]["payload"])
    edited["police_attend"] = not edited["police_attend"]
    real.sql("UPDATE outbox SET payload = ? WHERE id = ?", canonical_json(edited), rows[1]["id"])
    token = live.add_device("pc", real.device_id)
    report = run_sync_pass(real.path, cfg(live, token))
    assert report.accepted == 2 and report.quarantined == 1
    [row] = [r for r in real.outbox() if r["id"] == rows[1]["id"]]
    assert row["status"] == "quarantined" and "does not match its stored hash" in row["last_error"]
    assert live.count() == 2 and payload_hash(rows[1]["payload"]) == rows[1]["payload_hash"]


def test_client_splits_a_failing_batch_to_isolate_a_poison_record(tmp_path, real):
    uuids = real.finalise(8)
    poison = uuids[5]
    c = Collector(str(tmp_path / "poison.sqlite"), tmp_path, extra=("--fault-fail-on-call", poison))
    c.allow_server_errors = True  # this collector fails on purpose, on one record
    c.start()
    try:
        token = c.add_device("pc", real.device_id)
        report = run_sync_pass(real.path, cfg(c, token, batch_size=8))
        assert report.accepted == 7 and report.quarantined == 1, report.line()
        [row] = [r for r in real.outbox() if r["call_uuid"] == poison]
        assert row["status"] == "quarantined" and "failed on this record" in row["last_error"]
        assert c.count() == 7
    finally:
        c.stop()


def test_collector_failing_on_everything_quarantines_nothing(tmp_path, real):
    """The split must not turn a broken collector into a quarantined outbox: rows wait for a later pass."""
    real.finalise(6)
    c = Collector(str(tmp_path / "broken.sqlite"), tmp_path, extra=("--fault-fail-on-call", '"call_uuid"'))
    c.allow_server_errors = True
    c.start()
    try:
        token = c.add_device("pc", real.device_id)
        report = run_sync_pass(real.path, cfg(c, token, batch_size=6))
        assert report.quarantined == 0 and report.error and not report.ok
        assert {r["status"] for r in real.outbox()} == {"pending"}
    finally:
        c.stop()


@pytest.mark.parametrize("url", ["http://collector.example.police.uk:8765", "http://10.1.2.3", "http://[fe80::1]",
                                 "ftp://127.0.0.1", "https://"])
def test_client_refuses_plain_http_except_loopback(url, real, capsys):
    with pytest.raises(ValueError, match="collector_url"):
        check_collector_url(url)
    with pytest.raises(ValueError, match="collector_url"):
        CollectorClient(url, "t")
    rc = app_main(["--data-dir", str(real.paths.data_dir), "sync", "--collector-url", url, "--token", "t"])
    assert rc == 2 and "collector_url" in capsys.readouterr().err
    for ok in ("http://127.0.0.1:1", "http://localhost:8765", "http://[::1]:9", "https://collector.example"):
        check_collector_url(ok)


def test_empty_outbox_against_an_unreachable_collector_is_not_reported_ok(real):
    port = free_port()  # nothing listens here
    report = run_sync_pass(real.path, SyncConfig(collector_url=f"http://127.0.0.1:{port}", token="t",
                                                 max_attempts=1, timeout_s=2))
    assert report.sent == 0
    assert not report.ok and report.error and "reconcile ok" not in report.line(), report.line()


def test_global_data_dir_option_is_used_by_sync(live, real, tmp_path, capsys, monkeypatch):
    """`triage-desktop --data-dir X sync` used to sync the default data dir (the sync's own --data-dir default
    shadowed the global one)."""
    monkeypatch.setenv("TRIAGE_DESKTOP_DATA_DIR", str(tmp_path / "somewhere-else"))
    real.finalise(2)
    token = live.add_device("pc", real.device_id)
    rc = app_main(["--data-dir", str(real.paths.data_dir), "sync", "--collector-url", live.url, "--token", token])
    assert rc == 0, capsys.readouterr()
    assert live.count(real.device_id) == 2


# ----- the chain head goes out with each pass; db verify --against-collector -----------------------------------------
def _against(real: RealStore, c: Collector, token: str, capsys) -> tuple[int, str]:
    capsys.readouterr()
    rc = app_main(["--data-dir", str(real.paths.data_dir), "db", "verify", "--against-collector",
                   "--collector-url", c.url, "--token", token])
    out = capsys.readouterr()
    return rc, out.out + out.err


def test_chain_head_anchored_each_pass_catches_a_deleted_newest_call(live, real, capsys):
    real.finalise(2)
    token = live.add_device("pc", real.device_id)
    report = run_sync_pass(real.path, cfg(live, token))
    assert report.chain_head and report.ok
    newest = real.finalise(1)[0]
    assert run_sync_pass(real.path, cfg(live, token)).chain_head > report.chain_head
    assert _against(real, live, token, capsys)[0] == 0
    # someone with the file removes the newest call, its events and its outbox row: the local chain still verifies
    c = sqlite3.connect(real.path)
    for t in [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'call%'")
              if r[0] not in ("calls_ai", "calls_ad", "calls_au")]:
        c.execute(f"DROP TRIGGER {t}")
    c.execute("DELETE FROM outbox WHERE call_uuid = ?", (newest,))
    c.execute("DELETE FROM call_events WHERE call_uuid = ?", (newest,))
    c.execute("DELETE FROM calls WHERE uuid = ?", (newest,))
    c.commit()
    c.close()
    assert app_main(["--data-dir", str(real.paths.data_dir), "db", "verify"]) == 0, "locally it cannot be seen"
    rc, text = _against(real, live, token, capsys)
    assert rc == 1 and "collector holds chain head" in text, text


def test_chain_head_anchor_catches_a_rewritten_history(live, real, capsys):
    from triage_desktop.store.chain import event_hash

    real.finalise(2)
    token = live.add_device("pc", real.device_id)
    run_sync_pass(real.path, cfg(live, token))
    # rewrite an early event and recompute every hash after it: the local chain is whole again
    c = sqlite3.connect(real.path)
    c.row_factory = sqlite3.Row
    for t in [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'call%'")
              if r[0] not in ("calls_ai", "calls_ad", "calls_au")]:
        c.execute(f"DROP TRIGGER {t}")
    rows = [dict(r) for r in c.execute("SELECT * FROM call_events ORDER BY id")]
    rows[3]["actor"] = "someone else"
    prev, heads = "", {}
    for r in rows:
        r["prev_hash"], r["prev_call_hash"] = prev, heads.get(r["call_uuid"], "")
        r["hash"] = event_hash(r)
        c.execute("UPDATE call_events SET actor = ?, prev_hash = ?, prev_call_hash = ?, hash = ? WHERE id = ?",
                  (r["actor"], r["prev_hash"], r["prev_call_hash"], r["hash"], r["id"]))
        prev, heads[r["call_uuid"]] = r["hash"], r["hash"]
    for u, h in heads.items():
        c.execute("UPDATE calls SET events_head = ? WHERE uuid = ?", (h, u))
    c.commit()
    c.close()
    assert app_main(["--data-dir", str(real.paths.data_dir), "db", "verify"]) == 0, "locally whole again"
    rc, text = _against(real, live, token, capsys)
    assert rc == 1 and "differs from the head the collector holds" in text, text


# ----- slow and idle connections -----------------------------------------------------------------------------------
def test_many_slow_and_idle_connections_are_timed_out_and_others_are_served(tmp_path, capsys):
    c = Collector(str(tmp_path / "slow.sqlite"), tmp_path, extra=("--request-timeout", "1", "--idle-timeout", "1"))
    c.start()
    try:
        n_slow, n_idle = 150, 50
        slow = [socket.create_connection(("127.0.0.1", c.port)) for _ in range(n_slow)]
        for s in slow:
            s.sendall(b"POST /v1/summaries HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n")  # never finished
        idle = [socket.create_connection(("127.0.0.1", c.port)) for _ in range(n_idle)]
        t0 = time.monotonic()
        assert httpx.get(c.url + "/v1/health", timeout=5).status_code == 200  # others are still served
        served_s = time.monotonic() - t0
        open_ = set(slow + idle)
        closed_at = []
        while open_ and time.monotonic() - t0 < 15:
            ready, _, _ = select.select(list(open_), [], [], 0.5)
            for s in ready:
                try:
                    data = s.recv(1024)
                except OSError:
                    data = b""
                if not data:
                    open_.discard(s)
                    closed_at.append(time.monotonic() - t0)
            for s in list(open_)[:20]:  # dribble a byte now and then: a slowloris, not just a silent client
                if s in slow:
                    try:
                        s.send(b"X")
                    except OSError:
                        pass
        for s in slow + idle:
            s.close()
        with capsys.disabled():
            print(f"\n[slow connections] {n_slow} slow + {n_idle} idle: all closed after "
                  f"{max(closed_at):.2f} s (target: request timeout 1 s, < 5 s); health answered in {served_s:.3f} s")
        assert not open_, f"{len(open_)} connections were never closed"
        assert max(closed_at) < 5.0
    finally:
        c.stop()
