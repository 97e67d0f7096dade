"""History repository (count/page/search/filters, indexed) and the report, over demo calls from the real flows."""
import datetime as dt

import pytest

from triage_desktop.cli import main
from triage_desktop.paths import AppPaths
from triage_desktop.services import load_library
from triage_desktop.store import demo
from triage_desktop.store.database import Store
from triage_desktop.store.history import HistoryRepository
from triage_desktop.store.report import HOUR_SOURCES, build_report, format_report

NOW = dt.datetime(2026, 11, 1, 12, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    paths = AppPaths.from_root(tmp_path_factory.mktemp("hist"))
    store = Store.open(paths)
    lib = load_library()  # the real bundled flows
    demo.generate(store, lib, 150, seed=7, days=60, bulk=False, now=NOW)
    demo.generate(store, lib, 1200, seed=8, days=60, bulk=True, now=NOW)
    yield store
    store.close(check=False, backup=False)


@pytest.fixture
def repo(demo_store):
    return HistoryRepository(demo_store.db)


def raw_count(store, where="", params=()):
    return store.conn.execute(f"SELECT count(*) FROM calls {where}", params).fetchone()[0]


def test_demo_data_is_sound(demo_store):
    assert raw_count(demo_store) == 1350
    assert demo_store.verify().ok and demo_store.quick_check() == "ok" and demo_store.fts_check() == "ok"
    assert demo_store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0, "demo calls are never synced"
    pathways = {r[0] for r in demo_store.conn.execute("SELECT DISTINCT pathway FROM calls")}
    assert len(pathways) >= 4
    assert demo_store.conn.execute("SELECT count(*) FROM call_events WHERE seq IS NOT NULL").fetchone()[0] > 500


def test_demo_refuses_a_real_database(paths):
    from triage_desktop.store.errors import StoreError

    store = Store.open(paths)
    try:
        store.conn.execute("INSERT INTO calls (uuid, mode, flow_id, flow_version, flow_hash, started_at) "
                           "VALUES ('u', 'live', 'f', '1.0.0', 'h', 'now')")
        with pytest.raises(StoreError, match="real calls"):
            demo.generate(store, load_library(), 5)
    finally:
        store.close(check=False, backup=False)


@pytest.mark.parametrize("filters,where,params", [
    ({}, "", ()),
    ({"pathway": "welfare"}, "WHERE pathway = ?", ("welfare",)),
    ({"outcome": "POLICE_EMERGENCY"}, "WHERE outcome_code = ?", ("POLICE_EMERGENCY",)),
    ({"handler": "1201"}, "WHERE handler_id = ?", ("1201",)),
    ({"status": "abandoned"}, "WHERE status = ?", ("abandoned",)),
    ({"date_from": "2026-10-01", "date_to": "2026-10-15"}, "WHERE started_at >= ? AND started_at < ?",
     ("2026-10-01", "2026-10-16")),
    ({"pathway": "crisis", "date_from": "2026-10-10"}, "WHERE pathway = ? AND started_at >= ?",
     ("crisis", "2026-10-10")),
])
def test_count_matches_raw_sql(repo, demo_store, filters, where, params):
    assert repo.count(filters) == raw_count(demo_store, where, params)


def test_page_and_keyset_agree(repo):
    pages = [repo.page(offset, 100) for offset in range(0, 400, 100)]
    rows = [r for p in pages for r in p]
    assert [r["started_at"] for r in rows] == sorted((r["started_at"] for r in rows), reverse=True)
    keyset, after = [], None
    for _ in range(4):
        got = repo.page_after(after, 100)
        keyset += got
        after = (got[-1]["started_at"], got[-1]["uuid"])
    assert [r["uuid"] for r in keyset] == [r["uuid"] for r in rows]
    assert "caller_name" not in rows[0] and "notes" not in rows[0]
    asc = repo.page(0, 5, "outcome_code", desc=False, filters={"pathway": "awol"})
    assert [r["outcome_code"] for r in asc] == sorted(r["outcome_code"] for r in asc)
    with pytest.raises(ValueError):
        repo.page(0, 5, "caller_name")
    with pytest.raises(ValueError):
        repo.count({"colour": "red"})


def test_search_notes_and_rationale(repo, demo_store):
    n = raw_count(demo_store, "WHERE notes LIKE ?", ("%crisis team%",))
    assert n > 0
    assert len(repo.search("crisis team", limit=10_000)) >= n
    assert repo.count({"text": "threshold"}) > 0
    assert repo.count({"text": "zzzznotthere"}) == 0
    assert set(repo.distinct_values("status")) <= {"final", "abandoned", "in_progress"}


@pytest.mark.parametrize("filters", [{}, {"pathway": "welfare"}, {"outcome": "AMBULANCE"}, {"handler": "1201"},
                                     {"status": "final"}, {"date_from": "2026-10-01", "date_to": "2026-10-02"}])
def test_queries_use_indexes(repo, demo_store, filters):
    where, params = repo._where(filters)
    for sql in (f"SELECT uuid FROM calls{where} ORDER BY started_at DESC, rowid DESC LIMIT 50",
                f"SELECT count(*) FROM calls{where}"):
        plan = " | ".join(r[3] for r in demo_store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
        assert "INDEX" in plan, plan


def test_report_figures(demo_store):
    rep = build_report(demo_store.db, "2026-09-01", "2026-11-01")
    finals = raw_count(demo_store, "WHERE status = 'final'")
    assert rep["total_calls"] == finals
    police = raw_count(demo_store, "WHERE status = 'final' AND police_attend = 1")
    # a pathway not yet under RCRP takes the force's own procedure: counted for the baseline, never as "avoided"
    not_rcrp = raw_count(demo_store, "WHERE status = 'final' AND outcome_code = 'FORCE_PROCEDURE'")
    assert rep["police_attended"] == police and rep["attendance_avoided"] == finals - police - not_rcrp
    expected = sum(d["avoided"] * d["hours_each"] for d in rep["by_pathway"])
    assert rep["hours_saved"] == round(expected, 1) and rep["hours_saved"] > 0
    assert {a["pathway"] for a in rep["assumptions"]} == set(HOUR_SOURCES)
    text = format_report(rep)
    assert "Met 2023" in text and "Staffordshire 2013" in text and "check: force data" in text
    demo_store.settings.set("hours_s136", "12")
    rep2 = build_report(demo_store.db, "2026-09-01", "2026-11-01")
    s136 = [d for d in rep2["by_pathway"] if d["pathway"] == "s136"]
    assert not s136 or s136[0]["hours_each"] == 12
    demo_store.settings.set("hours_s136", "10")
    plan = " ".join(r[3] for r in demo_store.conn.execute("EXPLAIN QUERY PLAN " + __import__(
        "triage_desktop.store.report", fromlist=["REPORT_SQL"]).REPORT_SQL, ("a", "b")))
    assert "COVERING INDEX idx_calls_status" in plan


def test_report_and_export_commands(tmp_path, capsys):
    paths = AppPaths.default()
    store = Store.open(paths)
    demo.generate(store, load_library(), 20, seed=3, days=20, bulk=False, now=NOW)
    store.close()
    data = ["--data-dir", str(paths.data_dir)]
    assert main([*data, "report", "--from", "2026-10-01", "--to", "2026-11-01"]) == 0
    assert "Estimated officer hours released" in capsys.readouterr().out
    assert main([*data, "report", "--from", "2026-10-01", "--to", "2026-11-01", "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["total_calls"] <= 20


def test_many_matches_plan_gives_the_same_rows(repo, monkeypatch):
    from triage_desktop.store import history

    f = {"text": "threshold", "date_from": "2026-09-15"}
    normal = (repo.page(0, 30, filters=f), repo.page_after(None, 30, filters=f), repo.count(f))
    assert repo._source(f) == "calls"
    monkeypatch.setattr(history, "MANY_MATCHES", 0)
    assert repo._source(f) == "calls INDEXED BY idx_calls_started"
    assert (repo.page(0, 30, filters=f), repo.page_after(None, 30, filters=f), repo.count(f)) == normal
    assert repo.count({"text": "threshold"}) == repo.count({"text": "threshold", "date_from": "2000-01-01"})
