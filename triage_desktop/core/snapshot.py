"""A run as plain data for the store and the report (`FlowRun.snapshot()`), with its step timings and Welsh start."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from .runstate import StepKey
from .vocab import POLICE_CODES, caller_group

if TYPE_CHECKING:
    from .runqueries import RunQueries


def step_timings(run: RunQueries) -> list[dict[str, Any]]:
    """Per answered step on the path: when it was shown and answered (monotonic seconds from start)."""
    shown: dict[StepKey, float] = {}
    for e in run.events:
        if e.kind == "shown":
            shown[(e.flow, e.node)] = e.offset
    out, prev = [], 0.0
    for p in run.path:
        if p.answer is None:
            continue
        start = shown.get((p.flow, p.node.id), prev)
        out.append({"flow": p.flow, "node": p.node.id, "shown_s": start, "answered_s": p.answer.offset,
                    "took_s": round(max(0.0, p.answer.offset - start), 6)})
        prev = p.answer.offset
    return out


def welsh_from(run: RunQueries) -> Optional[tuple[str, bool]]:
    """When any question was asked in Welsh: (wall time of the first question asked in Welsh, whether every
    question was asked in Welsh). None for a call conducted in English."""
    asked = list(run.state.log)
    cy = [a for a in asked if a.lang == "cy"]
    if not cy:
        return None
    first = min(cy, key=lambda a: a.seq)
    ev = next((e for e in run.events if e.seq == first.seq), None)
    # the switch that made it Welsh: the last language event before that answer (the moment Welsh began)
    switch = next((e for e in reversed(run.state.language_events) if e.seq < first.seq and e.value == "cy"), None)
    began = switch or ev
    return (began.wall if began is not None else ""), all(a.lang == "cy" for a in asked)


def decision_dict(run: RunQueries) -> Optional[dict[str, Any]]:
    """The decision's codes and times as plain data (None before a decision)."""
    d = run.decision_info
    if d is None:
        return None
    return {"code": d.code, "first_code": d.first_code, "offset_s": d.offset, "raised": d.raised,
            "raised_offset_s": d.raised_offset, "source": d.source}


def snapshot(run: RunQueries) -> dict[str, Any]:
    """Everything the store and GUI need, as plain data."""
    s = run.state
    out = run.outcome
    return {
        "entry_flow": run.entry_flow,
        "flows": run.flows_used,
        "pathway": run.pathway,
        "status": run.status,
        "current": list(run.current) if run.current else None,
        "flags": sorted(run.flags),
        "thrive": run.thrive,
        "thrive_levels": run.thrive_levels,
        "path": [{"flow": p.flow, "node": p.node.id, "title": p.node.title,
                  "answer": p.answer.label if p.answer else ("Not asked" if p.skipped else None),
                  "skipped": p.skipped, "after_decision": p.after_decision,
                  "value": p.answer.value if p.answer else None,
                  "volunteered": p.answer.volunteered if p.answer else False,
                  "lang": p.answer.lang if p.answer else None,
                  "flags": list(p.flags)} for p in run.path],
        "superseded": [{"flow": a.flow, "node": a.node, "answer": a.label, "seq": a.seq}
                       for a in s.log if a.superseded],
        "outcome": out.to_dict() if out else None,
        "police_attend": bool(out and out.code in POLICE_CODES),
        "started_at": run.started_at,
        "decision_offset_s": run.decision_offset,
        "timings": step_timings(run),
        "immediate_risk": any(e.kind == "immediate_risk" for e in run.events),
        "early_exit": s.ended is not None and s.ended.source == "early_exit",
        "overridden": s.override is not None and out is s.override,
        "handover": s.handovers > 0,
        "caller_type": s.caller_type,
        "caller_group": caller_group(s.caller_type),
        "language": s.language,
        "caller_with_person": run.caller_with_person,
        "decision": decision_dict(run),
        "in_post_decision": run.in_post_decision,
        "partners_added": run.partners_added,
        "not_asked": run.not_asked,
    }
