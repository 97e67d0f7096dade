"""What the summary needs beyond the calls row: the s136 minutes answer (from the events) and the handler-key secret."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Mapping, Optional

from .settings import Settings

#: The s136 flow's question for minutes at the place of safety.
S136_FLOW, S136_MINUTES_NODE = "s136_handover", "minutes_at_pos"

_MINUTES_SQL = ("SELECT value_json FROM call_events WHERE call_uuid = ? AND flow = ? AND node = 'minutes_at_pos' "
                "AND kind IN ('answered', 'changed') ORDER BY id DESC LIMIT 1")  # literal: the partial index


def _number(value_json: Optional[str]) -> Optional[float]:
    try:
        value = json.loads(value_json) if value_json else None
    except ValueError:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def s136_minutes(conn: sqlite3.Connection, call_uuid: str) -> Optional[float]:
    """The latest answer to the s136 minutes question on a call (None when it was not asked)."""
    row = conn.execute(_MINUTES_SQL, (call_uuid, S136_FLOW)).fetchone()
    return _number(row[0]) if row else None


def summary_extras(conn: sqlite3.Connection, row: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """Keyword arguments for sync.summary.outbox_row beyond the calls row (summary version 2)."""
    return {"s136_minutes": s136_minutes(conn, row["uuid"]),
            "handler_secret": settings.get("summary_handler_secret") or None}


# ---------------------------------------------------------------- the Reports window's figures (this PC's calls)

from dataclasses import dataclass, field, replace  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

from ..core.summary_vocab import CALLER_TYPE_LABELS, CALLER_TYPES, S136_BAND_LABELS, S136_BANDS  # noqa: E402
from ..core.vocab import PATHWAYS  # noqa: E402
from .report import HOUR_SOURCES  # noqa: E402

_DAY = "substr(started_at, 1, 10)"
#: An integer per week (Julian day number // 7; day numbers divisible by 7 are Mondays): a cheap sort key, and
#: date(week * 7 - 0.5) is its Monday
_WEEK_NUMBER = "CAST(julianday(substr(started_at, 1, 10)) + 0.5 AS INTEGER) / 7"
_MONDAY = "date(day, 'weekday 0', '-6 days')"  # Monday of a day's week (applied to a few hundred days, not per call)
PROFESSIONAL = tuple(k for k, g in CALLER_TYPES.items() if g == "professional")


@dataclass
class Figure:
    """One figure: a title, a table (columns and rows) and the chart kind the window draws from it."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    chart: str  # stacked | line | bar | none
    notes: list[str] = field(default_factory=list)


@dataclass
class Period:
    """Calls started in [start, end) (ISO dates), optionally only one rollout phase; a label for people."""

    start: str
    end: str
    label: str
    phase: Optional[int] = None
    mode: str = "live"  # the calls counted: "live", or "training" on the training store (its mock calls)

    def days(self) -> int:
        return max((date.fromisoformat(self.end) - date.fromisoformat(self.start)).days, 1)

    def before(self) -> "Period":
        """The period of the same length just before this one."""
        start = date.fromisoformat(self.start) - timedelta(days=self.days())
        return Period(start.isoformat(), self.start, f"the period before ({start.isoformat()} to {self.start})",
                      self.phase, self.mode)


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """A read-only connection of its own (for a worker thread; never the store's connection)."""
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=30, check_same_thread=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def _where(period: Period, alias: str = "") -> tuple[str, list[Any]]:
    a = f"{alias}." if alias else ""
    sql = f"{a}status = 'final' AND {a}mode = ? AND {a}started_at >= ? AND {a}started_at < ?"
    params: list[Any] = ["training" if period.mode == "training" else "live", period.start, period.end]
    if period.phase is not None:
        sql += f" AND {a}rollout_phase = ?"
        params.append(period.phase)
    return sql, params


def _pct(part: float, whole: float) -> Optional[float]:
    return round(100.0 * part / whole, 1) if whole else None


def hours_assumptions(settings: Settings) -> list[dict[str, Any]]:
    """Hours released per avoided deployment, per pathway, with the source shown beside the figure."""
    out = []
    for pathway, (name, default_source) in HOUR_SOURCES.items():
        source = settings.get(f"{name}_source") or default_source
        out.append({"pathway": pathway, "setting": name, "hours": settings.get_float(name), "source": source})
    return out


def baseline(settings: Settings) -> dict[str, Any]:
    """The force's pre-RCRP baseline (force-wide figures, entered as settings)."""
    rate = settings.get("baseline_deployment_rate")
    per_month = {p: float(settings.get(f"baseline_deployments_{p}")) for p in PATHWAYS
                 if settings.get(f"baseline_deployments_{p}")}
    return {"rate": float(rate) if rate else None, "per_month": per_month,
            "source": settings.get("baseline_source") or "", "period": settings.get("baseline_period") or ""}


def _calls_by_week(conn: sqlite3.Connection, period: Period) -> Figure:
    where, params = _where(period)
    rows = conn.execute(
        f"SELECT {_MONDAY} AS week, p, o, sum(n) FROM (SELECT {_DAY} AS day, COALESCE(pathway, 'entry') AS p, "
        f"COALESCE(outcome_code, '-') AS o, count(*) AS n FROM calls WHERE {where} GROUP BY day, p, o) "
        "GROUP BY week, p, o ORDER BY week, p, o", params).fetchall()
    return Figure("calls_by_week", "Calls by pathway and outcome per week",
                  ["Week beginning", "Pathway", "Outcome", "Calls"], [list(r) for r in rows], "stacked")


def _deployment_rate(conn: sqlite3.Connection, period: Period, base: dict[str, Any]) -> Figure:
    where, params = _where(period)
    # calls that took the force procedure (pathway not yet under RCRP) made no RCRP decision: not in the rate
    rows = conn.execute(f"SELECT {_MONDAY} AS week, sum(n), sum(p) FROM (SELECT {_DAY} AS day, "
                        "sum(COALESCE(outcome_code, '') <> 'FORCE_PROCEDURE') AS n, "
                        f"sum(police_attend) AS p FROM calls WHERE {where} GROUP BY day) GROUP BY week ORDER BY week",
                        params).fetchall()
    table = [[w, n, int(p or 0), _pct(p or 0, n), base["rate"]] for w, n, p in rows]
    notes = ["Police deployment rate = calls with the decision police to attend / calls decided under RCRP, this PC (calls that "
             "followed the force procedure, on a pathway not yet under RCRP, are left out)."]
    if base["rate"] is not None:
        notes.append(f"Baseline {base['rate']:g} % is the force-wide pre-RCRP rate"
                     + (f" ({base['period']})" if base["period"] else "") + (f"; source: {base['source']}" if base["source"] else "") + ".")
    else:
        notes.append("No pre-RCRP baseline is set (Settings: baseline_deployment_rate).")
    return Figure("deployment_rate", "Police deployment rate per week against the baseline",
                  ["Week beginning", "Calls decided under RCRP", "Decision: police to attend", "Rate %", "Baseline % (force-wide)"], table, "line", notes)


def _hours(conn: sqlite3.Connection, period: Period, settings: Settings, base: dict[str, Any]) -> Figure:
    where, params = _where(period)
    # calls that took the force procedure (pathway not yet under RCRP: no RCRP decision) are never "avoided"
    counts = {p: (n, int(pol or 0), int(fp or 0)) for p, n, pol, fp in conn.execute(
        f"SELECT COALESCE(pathway, 'entry'), count(*), sum(police_attend), sum(outcome_code = 'FORCE_PROCEDURE') "
        f"FROM calls WHERE {where} GROUP BY 1", params)}
    months = period.days() / (365.25 / 12)
    table = []
    for a in hours_assumptions(settings):
        n, police, force_procedure = counts.get(a["pathway"], (0, 0, 0))
        avoided = n - police - force_procedure
        per_month = base["per_month"].get(a["pathway"])
        table.append([a["pathway"], n, police, avoided, a["hours"], round(avoided * a["hours"], 1),
                      None if per_month is None else round(per_month * months, 1), a["source"]])
    total = round(sum(r[5] for r in table), 1)
    notes = [f"Estimated officer hours released: {total:g} h = attendances avoided × hours per avoided deployment "
             "(assumptions and sources beside each row; a supervisor can change them).",
             "Baseline deployments are the force-wide pre-RCRP monthly figure scaled to this period."]
    return Figure("hours_released", "Officer hours released, with the assumptions",
                  ["Pathway", "Calls", "Decision: police to attend", "Attendance avoided", "Hours each", "Hours released",
                   "Baseline deployments (force-wide)", "Source of the hours figure"], table, "bar", notes)


def _band_sql(expr: str) -> str:
    """SQL CASE giving the S136_BANDS code for minutes (NULL when unknown or negative), as core s136_band does."""
    parts = []
    for code, low, high in S136_BANDS:
        cond = f"{expr} >= {float(low)!r}" + (f" AND {expr} < {float(high)!r}" if high is not None else "")
        parts.append(f"WHEN {cond} THEN '{code}'")
    return "CASE " + " ".join(parts) + " END"


def _s136(conn: sqlite3.Connection, period: Period) -> Figure:
    where, params = _where(period, "c")
    # the latest answer per call (SQLite takes the bare column from the max(id) row); a number, or NULL
    latest = ("SELECT e.call_uuid, e.value_json AS v, max(e.id) FROM call_events e JOIN calls c ON c.uuid = e.call_uuid "
              f"WHERE e.node = 'minutes_at_pos' AND e.flow = ? AND e.kind IN ('answered', 'changed') AND {where} "
              "GROUP BY e.call_uuid")
    number = "CASE WHEN json_valid(v) AND json_type(v) IN ('integer', 'real') THEN json_extract(v, '$') END"
    counted = dict(conn.execute(
        f"SELECT {_band_sql('m')} AS band, count(*) FROM (SELECT {number} AS m FROM ({latest})) GROUP BY band",
        [S136_FLOW, *params]).fetchall())
    recorded = sum(counted.values())
    s136_calls = conn.execute(
        f"SELECT count(*), sum(outcome_code = 'S136_HANDOVER_ESCALATE' OR flags_json LIKE '%\"over_one_hour\"%') "
        f"FROM calls c WHERE {where} AND pathway = 's136'", params).fetchone()
    table = [[S136_BAND_LABELS[b], int(counted.get(b, 0))] for b, _low, _high in S136_BANDS]
    count, escalated = int(s136_calls[0] or 0), int(s136_calls[1] or 0)
    notes = [f"s136 handovers: {count}; escalations past one hour: {escalated}; time at the place of safety "
             f"recorded on {recorded}."]
    fig = Figure("s136", "s136 handovers: time at the place of safety", ["Time at the place of safety", "Calls"],
                 table, "bar", notes)
    fig.rows.append(["Handovers (all)", count])
    fig.rows.append(["Escalated past one hour", escalated])
    return fig


def _professionals(conn: sqlite3.Connection, period: Period) -> Figure:
    where, params = _where(period)
    marks = ", ".join("?" * len(PROFESSIONAL))
    rows = conn.execute(
        f"SELECT CASE WHEN caller_type IN ({marks}) THEN caller_type ELSE '' END AS ct, COALESCE(outcome_code, '-'), "
        f"count(*), sum(police_attend) FROM calls WHERE {where} AND (caller_type IN ({marks}) OR "
        "(caller_type IS NULL AND flags_json LIKE '%\"professional_caller\"%')) GROUP BY ct, 2 ORDER BY ct, 2",
        [*PROFESSIONAL, *params, *PROFESSIONAL]).fetchall()
    table = [[CALLER_TYPE_LABELS.get(ct, "Professional (setting not recorded)"), code, n, int(p or 0)]
             for ct, code, n, p in rows]
    return Figure("professionals", "Calls from health and care professionals, by setting and what happened",
                  ["Setting", "Outcome", "Calls", "Decision: police to attend"], table, "bar")


def _ambulance(conn: sqlite3.Connection, period: Period) -> Figure:
    where, params = _where(period)
    rows = conn.execute(
        f"SELECT COALESCE(pathway, 'entry'), count(*), sum(outcome_code = 'AMBULANCE') FROM calls WHERE {where} AND "
        "(outcome_code = 'AMBULANCE' OR flags_json LIKE '%\"medical_emergency\"%' OR partners_json LIKE '%\"ambulance\"%') "
        "GROUP BY 1 ORDER BY 1", params).fetchall()
    return Figure("ambulance", "Ambulance involved",
                  ["Pathway", "Calls with an ambulance involved", "Of which outcome: ambulance"],
                  [[p, n, int(a or 0)] for p, n, a in rows], "bar",
                  ["Involved: outcome AMBULANCE, a medical-emergency flag, or the ambulance service offered as a partner."])


#: Percentiles are picked in SQL: the two neighbouring values of the q-th cut point of the sorted values, the same
#: positions as statistics.quantiles(method="inclusive") uses (j = q*(n-1) // 100, weight q*(n-1) % 100).


def _interpolate(n: int, q: int, lo: Optional[float], hi: Optional[float]) -> Optional[float]:
    if not n or lo is None:
        return None
    delta = q * (n - 1) % 100
    hi = lo if hi is None or not delta else hi
    return round((lo * (100 - delta) + hi * delta) / 100, 1)


def _week_number(day: date) -> int:
    """The SQL _WEEK_NUMBER of a date (its Julian day number // 7)."""
    return (day.toordinal() + 1721425) // 7


def _time_to_decision(conn: sqlite3.Connection, period: Period) -> Figure:
    """Median and 90th percentile per week and for the whole period, picked in SQLite: the values at the cut points
    are read with ORDER BY ... LIMIT 2 OFFSET j along an index already in that order (0040_figures_reports_index),
    so nothing is sorted and only two values per percentile come back to Python."""
    where, params = _where(period)
    where += " AND decision_offset_s IS NOT NULL"
    first, last = date.fromisoformat(period.start), date.fromisoformat(period.end) - timedelta(days=1)
    lo, hi = (_week_number(first), _week_number(last)) if first <= last else (1, 0)
    counts = conn.execute(f"SELECT {_WEEK_NUMBER} AS w, count(*) FROM calls WHERE {where} AND {_WEEK_NUMBER} "
                          "BETWEEN ? AND ? GROUP BY w ORDER BY w", [*params, lo, hi]).fetchall()

    def cut(n: int, q: int, extra: str = "", extra_params: tuple[Any, ...] = ()) -> Optional[float]:
        if not n:
            return None
        values = [r[0] for r in conn.execute(
            f"SELECT decision_offset_s FROM calls WHERE {where}{extra} ORDER BY decision_offset_s LIMIT 2 OFFSET ?",
            [*params, *extra_params, q * (n - 1) // 100])]
        return _interpolate(n, q, values[0] if values else None, values[1] if len(values) > 1 else None)

    same_week = f" AND {_WEEK_NUMBER} = ?"
    table: list[list[Any]] = [[date.fromordinal(w * 7 - 1721425).isoformat(), n, cut(n, 50, same_week, (w,)),
                               cut(n, 90, same_week, (w,))] for w, n in counts]
    total = sum(n for _w, n in counts)
    table.append(["Whole period", total, cut(total, 50), cut(total, 90)])
    return Figure("time_to_decision", "Time to decision (seconds): median and 90th percentile",
                  ["Week beginning", "Calls", "Median s", "90th percentile s"], table, "line")


def _safety(conn: sqlite3.Connection, period: Period) -> Figure:
    where, params = _where(period)
    rows = conn.execute(f"SELECT {_MONDAY} AS week, sum(o), sum(e), sum(i) FROM (SELECT {_DAY} AS day, "
                        f"sum(overridden) AS o, sum(early_exit) AS e, sum(immediate_risk) AS i FROM calls "
                        f"WHERE {where} GROUP BY day) GROUP BY week ORDER BY week", params).fetchall()
    table = [[w, int(o or 0), int(e or 0), int(i or 0)] for w, o, e, i in rows]
    table.append(["Whole period", sum(r[1] for r in table), sum(r[2] for r in table), sum(r[3] for r in table)])
    return Figure("safety", "Safety signals: overrides, early exits, immediate-risk interrupts",
                  ["Week beginning", "Overrides", "Early exits", "Immediate-risk interrupts"], table, "stacked")


def _repeats(conn: sqlite3.Connection, period: Period) -> Figure:
    where, params = _where(period, "c1")
    base = dict(conn.execute(f"SELECT COALESCE(c1.pathway, 'entry'), count(*) FROM calls c1 WHERE {where} "
                             "AND c1.police_attend = 0 GROUP BY 1", params).fetchall())
    repeated = dict(conn.execute(
        "SELECT COALESCE(c1.pathway, 'entry'), count(DISTINCT c1.uuid) FROM calls c2 "
        "CROSS JOIN json_each(c2.repeat_links_json) j CROSS JOIN calls c1 ON c1.uuid = j.value "  # this join order
        f"WHERE c2.repeat_links_json <> '[]' AND c2.status = 'final' AND c2.uuid <> c1.uuid AND {where} "
        "AND c1.police_attend = 0 AND julianday(c2.started_at) - julianday(c1.started_at) BETWEEN 0 AND 7 "
        "GROUP BY 1", params).fetchall())
    table = [[p, n, int(repeated.get(p, 0)), _pct(repeated.get(p, 0), n)] for p, n in sorted(base.items())]
    return Figure("repeats", "Repeat contacts within 7 days after a \"police will not attend\" decision",
                  ["Pathway", "Police will not attend", "Repeat contact within 7 days", "%"], table, "bar",
                  ["From the repeat-contact links this PC records (same number or name); a signal that the right "
                   "care may not have arrived. Per PC: calls to other PCs are not linked."])


FIGURES: tuple[str, ...] = ("calls_by_week", "deployment_rate", "hours_released", "s136", "professionals",
                            "ambulance", "time_to_decision", "safety", "repeats")


def compute_figure(conn: sqlite3.Connection, key: str, period: Period, settings: Settings) -> Figure:
    """One figure for a period (raises KeyError for an unknown key)."""
    base = baseline(settings)
    makers: dict[str, Callable[[], Figure]] = {
        "calls_by_week": lambda: _calls_by_week(conn, period),
        "deployment_rate": lambda: _deployment_rate(conn, period, base),
        "hours_released": lambda: _hours(conn, period, settings, base),
        "s136": lambda: _s136(conn, period),
        "professionals": lambda: _professionals(conn, period),
        "ambulance": lambda: _ambulance(conn, period),
        "time_to_decision": lambda: _time_to_decision(conn, period),
        "safety": lambda: _safety(conn, period),
        "repeats": lambda: _repeats(conn, period),
    }
    return makers[key]()


def headline(conn: sqlite3.Connection, period: Period, settings: Settings) -> dict[str, Any]:
    """The few numbers compared between periods (and against the force-wide baseline)."""
    where, params = _where(period)
    n, police = conn.execute(f"SELECT count(*), COALESCE(sum(police_attend), 0) FROM calls WHERE {where}", params).fetchone()
    hours = _hours(conn, period, settings, baseline(settings))
    return {"calls": int(n), "police": int(police), "rate": _pct(police, n),
            "hours_released": round(sum(r[5] for r in hours.rows), 1),
            "police_by_pathway": {r[0]: r[2] for r in hours.rows}}


def comparison(conn: sqlite3.Connection, period: Period, mode: str, settings: Settings) -> Optional[Figure]:
    """This period against the period before ('before') or the force's pre-RCRP baseline ('baseline')."""
    if mode not in ("before", "baseline"):
        return None
    now = headline(conn, period, settings)
    if mode == "before":
        other_period = period.before()
        then = headline(conn, other_period, settings)
        rows = [["Calls", now["calls"], then["calls"]], ["Decision: police to attend", now["police"], then["police"]],
                ["Police deployment rate %", now["rate"], then["rate"]],
                ["Officer hours released (estimate)", now["hours_released"], then["hours_released"]]]
        return Figure("comparison", f"This period against {other_period.label}",
                      ["Measure", "This period (this PC)", "Period before (this PC)"], rows, "none")
    base = baseline(settings)
    months = period.days() / (365.25 / 12)
    rows = [["Police deployment rate %", now["rate"], base["rate"]]]
    for p in PATHWAYS:
        if p in base["per_month"]:
            rows.append([f"Police deployments: {PATHWAYS[p]}", now["police_by_pathway"].get(p, 0),
                         round(base["per_month"][p] * months, 1)])
    label = "the force's pre-RCRP baseline (force-wide" + (f", {base['period']}" if base["period"] else "") + ")"
    notes = [f"Baseline source: {base['source'] or 'not given'}. The baseline is force-wide; this PC's calls are a "
             "part of the force's, so compare rates rather than counts."]
    return Figure("comparison", f"This period (this PC) against {label}",
                  ["Measure", "This period (this PC)", "Pre-RCRP baseline (force-wide)"], rows, "none", notes)


def tidy_rows(period: Period, figures: list[Figure]) -> list[list[Any]]:
    """Every table as one tidy long table: figure, period start, period end, row label, column, value."""
    out: list[list[Any]] = [["figure", "period_start", "period_end", "row", "column", "value"]]
    for fig in figures:
        k = _label_columns(fig)
        for row in fig.rows:
            label = " / ".join(str(v) for v in row[:k])
            for column, value in zip(fig.columns[k:], row[k:]):
                out.append([fig.key, period.start, period.end, label, column, "" if value is None else value])
    return out


def _label_columns(fig: Figure) -> int:
    return {"calls_by_week": 3, "professionals": 2}.get(fig.key, 1)


class FiguresReader:
    """Computes figures over a read-only connection of its own: create and use it on one worker thread."""

    def __init__(self, path: str | Path, *, training: bool = False) -> None:
        from .connection import StoreDb

        self.conn = open_readonly(path)
        self.settings = Settings(StoreDb(self.conn))
        self.mode = "training" if training else "live"  # the training store's figures are of its mock calls

    def figure(self, key: str, period: Period) -> Figure:
        return compute_figure(self.conn, key, replace(period, mode=self.mode), self.settings)

    def comparison(self, period: Period, mode: str) -> Optional[Figure]:
        return comparison(self.conn, replace(period, mode=self.mode), mode, self.settings)

    def close(self) -> None:
        self.conn.close()
