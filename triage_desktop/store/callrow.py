"""What a call's row holds besides its events: the position saved with every action, the decision columns written
at finalise, and the outbox row of a finalised live call. Pure functions of the engine's run (no SQL)."""
from __future__ import annotations

import datetime as _dt
import hashlib
from typing import Any, Callable, Mapping, Optional

from ..core.engine import Event, FlowRun
from .chain import canonical as jdump


def now_iso() -> str:
    """Wall-clock now, ISO 8601 UTC with milliseconds (the engine's format)."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def position_fields(run: FlowRun, ev: Optional[Event] = None) -> dict[str, Any]:
    """Where the call is now: saved with every action so a crash resumes at the same point."""
    cur = run.current
    out: dict[str, Any] = {"current_flow": cur[0] if cur else None, "current_node": cur[1] if cur else None,
                           "answers_count": len(run.answers), "last_seq": len(run.events), "pathway": run.pathway,
                           "caller_type": run.caller_type}
    if ev is not None:
        out["updated_at"] = ev.wall
        if ev.kind == "note":
            out["notes"] = "\n\n".join(run.notes) or None
    return out


def _last_reason(run: FlowRun, kind: str) -> Optional[str]:
    return next((e.reason for e in reversed(run.events) if e.kind == kind), None)


def decision_fields(run: FlowRun) -> dict[str, Any]:
    """The calls columns derived from the run at finalise (or abandon)."""
    snap = run.snapshot()
    out = snap["outcome"] or {}
    over = bool(snap["overridden"])
    return {
        **position_fields(run),
        "flows_json": jdump(snap["flows"]), "pathway": snap["pathway"],
        "outcome_code": out.get("code"), "response": out.get("response"), "grade": out.get("grade"),
        "original_outcome_code": out.get("original_code") if out.get("source") == "override" else None,
        "police_attend": int(bool(snap["police_attend"])), "flags_json": jdump(snap["flags"]),
        "thrive_json": jdump(snap["thrive"]), "thrive_levels_json": jdump(snap["thrive_levels"]),
        "immediate_risk": int(bool(snap["immediate_risk"])), "early_exit": int(bool(snap["early_exit"])),
        "overridden": int(over), "handover": int(bool(snap["handover"])),
        "decision_offset_s": snap["decision_offset_s"], "rationale": out.get("rationale"),
        "override_reason": _last_reason(run, "override") if over else None,
        "early_exit_reason": _last_reason(run, "early_exit") if snap["early_exit"] else None,
        "immediate_risk_reason": _last_reason(run, "immediate_risk"),
        "notes": "\n\n".join(run.notes) or None,
        **decision_columns(run),
    }


#: Builds the outbox row for a finalised live call (the services pass sync's `outbox_row`; the store never imports
#: sync). Raises ValueError (SummaryInvalid) for a summary it refuses.
SummaryBuilder = Callable[..., dict[str, Any]]


def decision_columns(run: FlowRun) -> dict[str, Any]:
    """Flow format v2 columns (migration 0004): who called, the first decision, whether it was raised."""
    d = run.decision_info
    return {"caller_type": run.caller_type, "first_decision_code": d.first_code if d else None,
            "decision_raised": int(bool(d and d.raised)),
            # issue 15: 'cy' when any question was asked in Welsh (the per-question language is in the events)
            "call_language": "cy" if run.welsh_from is not None else "en"}


def outbox_row_for(call: Mapping[str, Any], *, device_id: str, force_code: str, summary: SummaryBuilder,
                   extras: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The outbox row for a finalised live call; a summary the builder refuses is kept quarantined for review."""
    try:
        return summary(dict(call), device_id=device_id, force_code=force_code, **(extras or {}))
    except ValueError as exc:  # SummaryInvalid: never block a finalise on the summary; keep it for review
        return {"call_uuid": call["uuid"], "call_version": call["version"], "payload": "{}",
                "payload_hash": hashlib.sha256(b"{}").hexdigest(), "status": "quarantined", "attempts": 0,
                "next_attempt_at": None, "last_error": str(exc)[:500],
                "created_at": now_iso(), "synced_at": None}
