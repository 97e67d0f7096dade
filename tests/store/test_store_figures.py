"""The Reports window's figures from a hand-built data set, checked number by number."""
from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures_data import fill  # noqa: E402

from triage_desktop.paths import AppPaths  # noqa: E402
from triage_desktop.store.database import Store  # noqa: E402
from triage_desktop.store.figures import _WEEK_NUMBER as WEEK_NUMBER_SQL  # noqa: E402
from triage_desktop.store.figures import FiguresReader, Period, tidy_rows  # noqa: E402

PERIOD = Period("2025-03-03", "2025-03-17", "two weeks")


@pytest.fixture
def reader(tmp_path: Path):
    store = Store.open(AppPaths.from_root(tmp_path / "app"))
    fill(store.conn)
    store.settings.set("baseline_deployment_rate", "69")
    store.settings.set("baseline_source", "Cheshire, same days a year earlier (domain brief §1)")
    store.settings.set("baseline_deployments_welfare", "30.44")
    store.settings.set("hours_s136_source", "Met 2023: ~10 h with the person")
    r = FiguresReader(store.path)
    yield r
    r.close()
    store.close(check=False, backup=False)


def test_calls_by_pathway_and_outcome_per_week(reader: FiguresReader) -> None:
    assert reader.figure("calls_by_week", PERIOD).rows == [
        ["2025-03-03", "awol", "HEALTH_PROVIDER_RESPONSIBLE", 1], ["2025-03-03", "s136", "S136_HANDOVER_ESCALATE", 1],
        ["2025-03-03", "welfare", "MH_CRISIS_LINE", 1], ["2025-03-03", "welfare", "POLICE_EMERGENCY", 1],
        ["2025-03-10", "conveyance", "POLICE_PRIORITY", 1], ["2025-03-10", "crisis", "AMBULANCE", 1],
        ["2025-03-10", "s136", "ADVICE_ONLY", 1], ["2025-03-10", "welfare", "ADVICE_ONLY", 1]]


def test_deployment_rate_against_the_force_wide_baseline(reader: FiguresReader) -> None:
    fig = reader.figure("deployment_rate", PERIOD)
    assert fig.rows == [["2025-03-03", 4, 2, 50.0, 69.0], ["2025-03-10", 4, 1, 25.0, 69.0]]
    assert "force-wide" in fig.notes[1] and "Cheshire" in fig.notes[1]


def test_force_procedure_calls_are_left_out_of_the_deployment_rate(tmp_path: Path) -> None:
    # a call on a pathway not yet under RCRP made no attend / not-attend decision: counted as a call, not in the rate
    store = Store.open(AppPaths.from_root(tmp_path / "app"))
    fill(store.conn)
    row = {"uuid": "00000000-0000-4000-8000-0000000000ff", "mode": "live", "status": "in_progress", "version": 1,
           "flow_id": "entry_triage", "flow_version": "1.0.0", "flow_hash": "0" * 64, "pathway": "conveyance",
           "outcome_code": "FORCE_PROCEDURE", "police_attend": 0, "started_at": "2025-03-12T10:00:00+00:00",
           "decision_offset_s": 20.0, "duration_s": 60.0, "caller_informed": 1, "finalised_at": "2025-03-12T10:00:00+00:00"}
    store.conn.execute(f"INSERT INTO calls ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    store.conn.execute("UPDATE calls SET status = 'final' WHERE uuid = ?", (row["uuid"],))
    store.conn.commit()
    r = FiguresReader(store.path)
    try:
        assert ["2025-03-10", "conveyance", "FORCE_PROCEDURE", 1] in r.figure("calls_by_week", PERIOD).rows
        fig = r.figure("deployment_rate", PERIOD)
        assert fig.rows[1][:4] == ["2025-03-10", 4, 1, 25.0]  # 1 of the 4 RCRP decisions, not 1 of 5 calls
        assert "force procedure" in fig.notes[0]
    finally:
        r.close()
        store.close(check=False, backup=False)


def test_officer_hours_released_with_assumptions_and_sources(reader: FiguresReader) -> None:
    fig = reader.figure("hours_released", PERIOD)
    rows = {r[0]: r for r in fig.rows}
    assert rows["welfare"][1:7] == [3, 1, 2, 2.0, 4.0, round(30.44 * 14 / (365.25 / 12), 1)]
    assert rows["s136"][1:6] == [2, 1, 1, 10.0, 10.0] and rows["s136"][7] == "Met 2023: ~10 h with the person"
    assert rows["awol"][1:6] == [1, 0, 1, 3.0, 3.0]
    assert rows["crisis"][1:6] == [1, 0, 1, 2.0, 2.0]
    assert rows["conveyance"][1:6] == [1, 1, 0, 4.0, 0.0] and "Staffordshire" in rows["conveyance"][7]
    assert rows["entry"][1:6] == [0, 0, 0, 2.0, 0.0]
    assert "19 h" in fig.notes[0]


def test_s136_handovers(reader: FiguresReader) -> None:
    fig = reader.figure("s136", PERIOD)
    assert fig.rows == [["Under 30 min", 1], ["30-59 min", 0], ["1-2 h", 1], ["2-4 h", 0], ["4 h or more", 0],
                        ["Handovers (all)", 2], ["Escalated past one hour", 1]]


def test_professional_callers_by_setting_and_what_happened(reader: FiguresReader) -> None:
    assert reader.figure("professionals", PERIOD).rows == [
        ["GP surgery", "MH_CRISIS_LINE", 1, 0], ["Mental-health unit", "HEALTH_PROVIDER_RESPONSIBLE", 1, 0],
        ["Police officer (e.g. at a place of safety)", "ADVICE_ONLY", 1, 0],
        ["Police officer (e.g. at a place of safety)", "S136_HANDOVER_ESCALATE", 1, 1]]


def test_ambulance_time_to_decision_safety_and_repeats(reader: FiguresReader) -> None:
    assert reader.figure("ambulance", PERIOD).rows == [["crisis", 1, 1]]
    assert reader.figure("time_to_decision", PERIOD).rows == [
        ["2025-03-03", 4, 80.0, 170.0], ["2025-03-10", 3, 50.0, 106.0], ["Whole period", 7, 60.0, 152.0]]
    assert reader.figure("safety", PERIOD).rows == [["2025-03-03", 1, 0, 1], ["2025-03-10", 0, 1, 0],
                                                    ["Whole period", 1, 1, 1]]
    assert reader.figure("repeats", PERIOD).rows == [["awol", 1, 0, 0.0], ["crisis", 1, 0, 0.0], ["s136", 1, 0, 0.0],
                                                     ["welfare", 2, 1, 50.0]]


def test_comparisons_with_the_period_before_and_the_baseline(reader: FiguresReader) -> None:
    before = reader.comparison(PERIOD, "before")
    assert before.rows == [["Calls", 8, 1], ["Decision: police to attend", 3, 1], ["Police deployment rate %", 37.5, 100.0],
                           ["Officer hours released (estimate)", 19.0, 0.0]]
    base = reader.comparison(PERIOD, "baseline")
    assert base.rows == [["Police deployment rate %", 37.5, 69.0],
                         ["Police deployments: Concern for welfare", 1, round(30.44 * 14 / (365.25 / 12), 1)]]
    assert "force-wide" in base.title and reader.comparison(PERIOD, "none") is None


def test_rollout_phase_and_tidy_csv_rows(reader: FiguresReader) -> None:
    phase = Period("0001-01-01", "2100-01-01", "phase 1", 1)
    assert reader.figure("calls_by_week", phase).rows == [["2025-03-03", "welfare", "MH_CRISIS_LINE", 1]]
    rows = tidy_rows(PERIOD, [reader.figure("s136", PERIOD), reader.figure("calls_by_week", PERIOD)])
    assert rows[0] == ["figure", "period_start", "period_end", "row", "column", "value"]
    assert ["s136", "2025-03-03", "2025-03-17", "1-2 h", "Calls", 1] in rows
    assert ["calls_by_week", "2025-03-03", "2025-03-17", "2025-03-10 / crisis / AMBULANCE", "Calls", 1] in rows


def test_percentiles_in_sql_match_statistics_quantiles_and_use_the_indexes(tmp_path: Path) -> None:
    """Time to decision is picked in SQL along the 0040 indexes: the same numbers as statistics.quantiles
    (inclusive) per week and overall, on 600 random calls, and the queries read the indexes (no sort)."""
    import random
    import statistics

    store = Store.open(AppPaths.from_root(tmp_path / "app"))
    rng = random.Random(7)
    values: dict[str, list[float]] = {}
    rows = []
    for i in range(600):
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(60))
        seconds = round(rng.uniform(5, 600), 3)
        rows.append((f"u{i}", "live", "final", 1, "f", "1", "0" * 64, f"{day.isoformat()}T10:00:00+00:00", seconds))
        if date(2025, 1, 6) <= day < date(2025, 2, 24):
            monday = (day - timedelta(days=day.weekday())).isoformat()
            values.setdefault(monday, []).append(seconds)
    with store.writing():
        store.conn.executemany("INSERT INTO calls (uuid, mode, status, version, flow_id, flow_version, flow_hash, "
                               "started_at, decision_offset_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    reader = FiguresReader(store.path)
    try:
        got = reader.figure("time_to_decision", Period("2025-01-06", "2025-02-24", "seven weeks")).rows

        def expect(v: list[float]) -> list[Any]:
            q = statistics.quantiles(v, n=100, method="inclusive")
            return [len(v), round(statistics.median(v), 1), round(q[89], 1)]

        assert got[:-1] == [[w, *expect(v)] for w, v in sorted(values.items())]
        assert got[-1] == ["Whole period", *expect([s for v in values.values() for s in v])]
        plans = []
        for sql in ("SELECT decision_offset_s FROM calls WHERE status = 'final' AND mode = 'live' AND started_at >= "
                    "'2025' AND started_at < '2026' AND decision_offset_s IS NOT NULL AND "
                    f"{WEEK_NUMBER_SQL} = 1 ORDER BY decision_offset_s LIMIT 2 OFFSET 3",
                    "SELECT decision_offset_s FROM calls WHERE status = 'final' AND mode = 'live' AND started_at >= "
                    "'2025' AND started_at < '2026' AND decision_offset_s IS NOT NULL "
                    "ORDER BY decision_offset_s LIMIT 2 OFFSET 3"):
            plans.append(" ".join(r[-1] for r in reader.conn.execute("EXPLAIN QUERY PLAN " + sql)))
        assert "COVERING INDEX idx_calls_decision_week" in plans[0] and "TEMP B-TREE" not in plans[0]
        assert "COVERING INDEX idx_calls_decision " in plans[1] and "TEMP B-TREE" not in plans[1]
    finally:
        reader.close()
        store.close(check=False, backup=False)
