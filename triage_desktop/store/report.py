"""The reporting query: calls by pathway and outcome, police attendance avoided, officer hours released."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ..core.vocab import NON_DECISION_CODES, PATHWAYS, POLICE_CODES
from .history import _day_end
from .settings import Settings

if TYPE_CHECKING:
    from sqlite_utils import Database

_CHECK = "domain brief §7: welfare check, walk-out and AWOL attendances ~2-4 h (check: force data)"
#: Hours released per avoided deployment, by pathway: (setting that holds the figure, where it comes from).
HOUR_SOURCES: dict[str, tuple[str, str]] = {
    "entry": ("hours_entry", _CHECK + "; lower bound used"),
    "welfare": ("hours_welfare", _CHECK + "; lower bound used"),
    "walkout": ("hours_walkout", _CHECK + "; lower bound used"),
    "awol": ("hours_awol", _CHECK + "; midpoint used"),
    "conveyance": ("hours_conveyance", "hospital wait ~4-9 h (Staffordshire 2013, up to 9 h); lower bound used"),
    "s136": ("hours_s136", "s136 detention ~10 h with the person (Met 2023)"),
    "crisis": ("hours_crisis", _CHECK + "; an avoided s136 detention would be ~10 h (Met 2023)"),
}

#: One pass over a period's finalised calls, read from idx_calls_status alone: the counts by pathway, outcome and
#: police, each split by RCRP rollout phase (the report sums the phases for its pathway table).
REPORT_SQL = ("SELECT pathway, outcome_code, police_attend, rollout_phase, count(*) FROM calls "
              "WHERE status = 'final' AND started_at >= ? AND started_at < ? "
              "GROUP BY pathway, outcome_code, police_attend, rollout_phase "
              "ORDER BY pathway, outcome_code, police_attend, rollout_phase")


def build_report(db: Database, date_from: str, date_to: str, settings: Optional[Settings] = None) -> dict[str, Any]:
    """Finalised calls started in [date_from, date_to) (a bare date_to includes that day)."""
    settings = settings or Settings(db)
    by_phase_rows = db.execute(REPORT_SQL, (date_from, _day_end(date_to))).fetchall()
    summed: dict[tuple[Any, Any, Any], int] = {}
    for pathway, code, police, _phase, n in by_phase_rows:
        summed[(pathway, code, police)] = summed.get((pathway, code, police), 0) + n
    rows = [(pathway, code, police, n) for (pathway, code, police), n in summed.items()]
    assumptions = {p: (settings.get_float(name), src) for p, (name, src) in HOUR_SOURCES.items()}
    by_pathway: dict[str, dict[str, Any]] = {}
    released = 0
    for pathway, code, police, n in rows:
        p = pathway or "entry"
        # police / not police follows the vocabulary: POLICE_HANDOVER_LEAVE (officers hand over and leave) and
        # AMHP_REFERRAL are not police; a stored flag can never disagree with the code's own flag
        police = code in POLICE_CODES if code else police
        if code == "POLICE_HANDOVER_LEAVE":
            released += n
        hours, src = assumptions.get(p, (0.0, "no assumption for this pathway"))
        d = by_pathway.setdefault(p, {"pathway": p, "title": PATHWAYS.get(p, p), "calls": 0, "police": 0,
                                      "avoided": 0, "hours_each": hours, "hours_saved": 0.0, "source": src})
        d["calls"] += n
        if police:
            d["police"] += n
        else:
            d["avoided"] += n
            d["hours_saved"] += n * hours
    for pathway, code, police, n in rows:  # force procedure (not yet under RCRP): baseline, never "avoided"
        if code in NON_DECISION_CODES and not police:
            d = by_pathway[pathway or "entry"]
            d["avoided"] -= n
            d["hours_saved"] -= n * d["hours_each"]
            d["force_procedure"] = d.get("force_procedure", 0) + n
    total = sum(d["calls"] for d in by_pathway.values())
    not_rcrp = sum(d.get("force_procedure", 0) for d in by_pathway.values())
    police = sum(d["police"] for d in by_pathway.values())
    return {
        "from": date_from, "to": date_to,
        "total_calls": total,
        "police_attended": police,
        "attendance_avoided": total - police - not_rcrp,
        "force_procedure": not_rcrp,
        "by_phase": _by_phase(by_phase_rows),
        "officers_released_at_handover": released,
        "hours_saved": round(sum(d["hours_saved"] for d in by_pathway.values()), 1),
        "by_pathway_outcome": [{"pathway": p or "entry", "outcome_code": c,
                                "police_attend": (c in POLICE_CODES) if c else bool(pa), "calls": n}
                               for p, c, pa, n in rows],
        "by_pathway": list(by_pathway.values()),
        "assumptions": [{"pathway": p, "hours": h, "source": s} for p, (h, s) in assumptions.items()],
        "force_name": settings.get("force_name"),
    }


def _by_phase(rows: list[Any]) -> list[dict[str, Any]]:
    """Finalised calls by RCRP rollout phase (None: entry triage only, or no pack): under RCRP or force procedure."""
    out: dict[Any, dict[str, Any]] = {}
    for _pathway, code, police, phase, n in rows:
        d = out.setdefault(phase, {"phase": phase, "calls": 0, "under_rcrp": 0, "police": 0, "avoided": 0,
                                   "force_procedure": 0})
        d["calls"] += n
        if code in NON_DECISION_CODES:
            d["force_procedure"] += n
        else:
            d["under_rcrp"] += n
            d["police" if police else "avoided"] += n
    return [out[k] for k in sorted(out, key=lambda p: (p is None, p or 0))]


def format_report(rep: dict[str, Any]) -> str:
    """The report as plain text, assumptions beside the figure."""
    lines = [f"RCRP report {rep['from']} to {rep['to']}" + (f" - {rep['force_name']}" if rep.get("force_name") else ""),
             f"Finalised calls: {rep['total_calls']}",
             f"Calls with the decision police to attend: {rep['police_attended']}",
             f"Police attendance avoided: {rep['attendance_avoided']}",
             f"  of which officers on scene handed over and left: {rep.get('officers_released_at_handover', 0)}",
             f"Estimated officer hours released: {rep['hours_saved']:g}", "", "By pathway:"]
    for d in rep["by_pathway"]:
        lines.append(f"  {d['title']}: {d['calls']} calls, police {d['police']}, avoided {d['avoided']} "
                     f"x {d['hours_each']:g} h = {d['hours_saved']:g} h")
    if rep.get("by_phase"):
        lines += ["", "By RCRP rollout phase (force pack):"]
        for d in rep["by_phase"]:
            name = f"phase {d['phase']}" if d["phase"] is not None else "no phase (entry triage only)"
            lines.append(f"  {name}: {d['calls']} calls; under RCRP {d['under_rcrp']} (police {d['police']}, "
                         f"avoided {d['avoided']}); not yet under RCRP, force procedure {d['force_procedure']}")
    lines += ["", "By pathway and outcome:"]
    lines += [f"  {r['pathway']:<11} {r['outcome_code'] or '-':<28} {'police' if r['police_attend'] else 'other':<6} "
              f"{r['calls']}" for r in rep["by_pathway_outcome"]]
    lines += ["", "Assumptions (hours released per avoided deployment; change with the hours_* settings):"]
    lines += [f"  {a['pathway']:<11} {a['hours']:g} h - {a['source']}" for a in rep["assumptions"]]
    return "\n".join(lines) + "\n"
