"""Force-wide figures from the weekly rollup: by week and by device group, for the dashboard, its CSV and the API."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

from sqlalchemy import Engine, func, select

from ..core.summary_vocab import CALLER_TYPES, S136_BANDS
from ..core.vocab import NON_DECISION_CODES, PATHWAYS
from .db import devices
from .rollup import MEASURES, device_groups, device_seen, rollup_callers, rollup_ttd, rollup_weekly, ttd_bucket_width

UNGROUPED = "(no group)"


def _filters(table: Any, since: Optional[str], until: Optional[str], force_code: Optional[str],
             group: Optional[str]) -> list[Any]:
    where = []
    if since:
        where.append(table.c.iso_week >= since)
    if until:
        where.append(table.c.iso_week <= until)
    if force_code:
        where.append(table.c.force_code == force_code)
    if group:
        members = select(device_groups.c.device).where(device_groups.c.group_name == group)
        if group == UNGROUPED:
            where.append(table.c.device.not_in(select(device_groups.c.device)))
        else:
            where.append(table.c.device.in_(members))
    return where


def percentile(histogram: dict[int, int], share: float) -> Optional[float]:
    """The upper edge of the bucket holding the `share` point of a time-to-decision histogram (None if empty)."""
    total = sum(histogram.values())
    if total <= 0:
        return None
    rank = share * total
    running = 0
    for bucket in sorted(histogram):
        running += histogram[bucket]
        if running >= rank:
            return float(bucket + ttd_bucket_width(bucket))
    return None


def aggregate_rows(engine: Engine, since: Optional[str], until: Optional[str], force_code: Optional[str]) -> list[dict[str, Any]]:
    """Counts by ISO week, pathway and outcome across devices (latest version of each call), from the rollup."""
    t = rollup_weekly
    query = (select(t.c.iso_week, t.c.pathway, t.c.outcome_code, func.sum(t.c.calls))
             .where(*_filters(t, since, until, force_code, None))
             .group_by(t.c.iso_week, t.c.pathway, t.c.outcome_code)
             .order_by(t.c.iso_week, t.c.pathway, t.c.outcome_code))
    with engine.connect().execution_options(read_only=True) as conn:
        return [{"iso_week": w, "pathway": p, "outcome_code": o, "count": int(c)}
                for w, p, o, c in conn.execute(query) if int(c)]


def groups(engine: Engine) -> list[str]:
    with engine.connect().execution_options(read_only=True) as conn:
        return sorted({g for (g,) in conn.execute(select(device_groups.c.group_name).distinct())})


def force_figures(engine: Engine, *, since: Optional[str] = None, until: Optional[str] = None,
                  force_code: Optional[str] = None, group: Optional[str] = None) -> dict[str, Any]:
    """Every dashboard figure for a period (ISO weeks, inclusive), a force and a device group (None: all)."""
    t, c, h = rollup_weekly, rollup_callers, rollup_ttd
    sums = [func.sum(getattr(t.c, m)) for m in MEASURES]
    group_col = func.coalesce(device_groups.c.group_name, UNGROUPED)
    with engine.connect().execution_options(read_only=True) as conn:
        weekly = conn.execute(
            select(t.c.iso_week, t.c.pathway, t.c.outcome_code, group_col, *sums)
            .select_from(t.outerjoin(device_groups, device_groups.c.device == t.c.device))
            .where(*_filters(t, since, until, force_code, group))
            .group_by(t.c.iso_week, t.c.pathway, t.c.outcome_code, group_col)
        ).all()
        callers = conn.execute(
            select(c.c.caller_type, c.c.outcome_code, func.sum(c.c.calls))
            .where(*_filters(c, since, until, force_code, group)).group_by(c.c.caller_type, c.c.outcome_code)
        ).all()
        ttd = conn.execute(
            select(h.c.iso_week, h.c.bucket_s, func.sum(h.c.calls))
            .where(*_filters(h, since, until, force_code, group)).group_by(h.c.iso_week, h.c.bucket_s)
        ).all()
    totals = {m: 0 for m in MEASURES}
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: {m: 0 for m in MEASURES})
    week_pathway: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    pathway_outcome: dict[tuple[str, str], int] = defaultdict(int)
    by_group: dict[str, dict[str, int]] = defaultdict(lambda: {m: 0 for m in MEASURES})
    s136_calls = 0
    police_codes: dict[str, bool] = {}
    decided: dict[Any, int] = defaultdict(int)  # calls with an RCRP decision: the deployment rates' denominator
    for row in weekly:
        week, pathway, outcome, grp = row[0], row[1], row[2], row[3]
        values = {m: int(v or 0) for m, v in zip(MEASURES, row[4:])}
        if not values["calls"]:
            continue
        police_codes[outcome] = police_codes.get(outcome, False) or values["police"] > 0
        for m, v in values.items():
            totals[m] += v
            weeks[week][m] += v
            by_group[grp][m] += v
        if outcome not in NON_DECISION_CODES:  # the force procedure made no RCRP decision: not in any rate
            decided["total"] += values["calls"]
            decided[("week", week)] += values["calls"]
            decided[("group", grp)] += values["calls"]
        week_pathway[week][pathway] += values["calls"]
        pathway_outcome[(pathway, outcome)] += values["calls"]
        if pathway == "s136":
            s136_calls += values["calls"]
    histogram: dict[int, int] = defaultdict(int)
    week_hist: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for week, bucket, n in ttd:
        histogram[int(bucket)] += int(n)
        week_hist[week][int(bucket)] += int(n)
    professional: dict[str, dict[str, int]] = defaultdict(lambda: {"calls": 0, "police": 0})
    caller_outcomes: dict[tuple[str, str], int] = defaultdict(int)
    for caller, outcome, n in callers:
        n = int(n or 0)
        if not n or CALLER_TYPES.get(caller) != "professional":
            continue
        professional[caller]["calls"] += n
        caller_outcomes[(caller, outcome)] += n
    band_names = [b[0] for b in S136_BANDS]
    ordered_weeks = sorted(weeks)
    return {
        "period": {"since": since, "until": until, "force_code": force_code, "group": group},
        "totals": totals,
        "weeks": ordered_weeks,
        "calls_by_week_pathway": {w: dict(week_pathway[w]) for w in ordered_weeks},
        "calls_by_pathway_outcome": [{"pathway": p, "outcome_code": o, "calls": n}
                                     for (p, o), n in sorted(pathway_outcome.items())],
        "deployment_rate_by_week": [{"iso_week": w, "calls": weeks[w]["calls"], "police": weeks[w]["police"],
                                     "decided": decided[("week", w)],
                                     "rate": weeks[w]["police"] / decided[("week", w)] if decided[("week", w)] else None}
                                    for w in ordered_weeks],
        "deployment_rate": totals["police"] / decided["total"] if decided["total"] else None,
        "s136": {"calls": s136_calls, "bands": {b: totals[f"s136_{b}"] for b in band_names},
                 "past_one_hour": sum(totals[f"s136_{b}"] for b in band_names[2:])},
        "professional_callers": [{"caller_type": k, "calls": v["calls"],
                                  "outcomes": {o: n for (ct, o), n in sorted(caller_outcomes.items()) if ct == k}}
                                 for k, v in sorted(professional.items())],
        "ambulance": totals["ambulance"],
        "time_to_decision": {"median_s": percentile(histogram, 0.5), "p90_s": percentile(histogram, 0.9),
                             "n": sum(histogram.values()),
                             "by_week": [{"iso_week": w, "median_s": percentile(week_hist[w], 0.5),
                                          "p90_s": percentile(week_hist[w], 0.9)} for w in sorted(week_hist)]},
        "safety": {"overridden": totals["overridden"], "early_exit": totals["early_exit"],
                   "immediate_risk": totals["immediate_risk"], "decision_raised": totals["decision_raised"]},
        "repeat_contact": totals["repeat_contact"],
        "schema_versions": {"1": totals["v1"], "2": totals["v2"]},
        "by_group": [{"group": g, "calls": v["calls"], "police": v["police"],
                      "rate": v["police"] / decided[("group", g)] if decided[("group", g)] else None}
                     for g, v in sorted(by_group.items()) if v["calls"]],
        "pathway_titles": PATHWAYS,
    }


def device_health(engine: Engine, *, silent_after_hours: float = 24.0, now: Optional[datetime] = None) -> list[dict[str, Any]]:
    """Every registered device with its group, last summary received and whether it has been silent too long."""
    now = now or datetime.now(timezone.utc)
    limit = now - timedelta(hours=silent_after_hours)
    with engine.connect().execution_options(read_only=True) as conn:
        rows = conn.execute(
            select(devices.c.name, devices.c.created_at, devices.c.revoked_at, device_groups.c.group_name,
                   device_seen.c.last_received_at, device_seen.c.last_started_at, device_seen.c.summaries)
            .select_from(devices.outerjoin(device_groups, device_groups.c.device == devices.c.name)
                         .outerjoin(device_seen, device_seen.c.device == devices.c.name))
            .order_by(devices.c.name)
        ).all()
    out = []
    for name, created, revoked, grp, last, last_call, count in rows:
        reference = last or created
        moment = datetime.fromisoformat(reference.replace("Z", "+00:00"))
        silent = revoked is None and moment < limit
        out.append({"name": name, "group": grp or UNGROUPED, "created_at": created, "revoked_at": revoked,
                    "last_received_at": last, "last_call_started_at": last_call, "summaries": int(count or 0),
                    "silent": silent, "state": "revoked" if revoked else ("SILENT" if silent else "ok")})
    return out
