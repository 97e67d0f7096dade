"""The incident-log block pasted into the command-and-control log: one builder, from the call's CallView (during
the call, and for a stored call replayed on its own flow versions, with what the stored record adds)."""
from __future__ import annotations

import textwrap
from typing import Any, Mapping, Optional, Sequence

from .callview import CallView
from .times import format_elapsed
from .times import parse_utc as parse_started
from .vocab import CALLER_TYPES, NON_DECISION_CODES, OUTCOME_CODES, PARTNER_CODES, PATHWAYS, ROLE_NAMES

#: What a purged reason or text reads as.
PURGED = "[purged]"

WIDTH = 78


def _wrap(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, WIDTH - 2) or [""]
    return [f"{label}:"] + [f"  {ln}" for ln in lines]


def clock(seconds: Optional[float]) -> str:
    """Seconds from call start as mm:ss (h:mm:ss past an hour)."""
    if seconds is None:
        return "-"
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60:02d}:{rem % 60:02d}"


def _local(text: str) -> str:
    t = parse_started(text)
    return t.astimezone().strftime("%Y-%m-%d %H:%M:%S") if t else (text or "-")


def welsh_lines(view: CallView) -> list[str]:
    """'Call conducted in Welsh' (every question asked in Welsh), or partly, from the local time Welsh began."""
    if view.welsh_from is None:
        return []
    wall, every = view.welsh_from
    if every:
        return ["Call conducted in Welsh"]
    t = parse_started(wall)
    return [f"Call conducted partly in Welsh (from {t.astimezone().strftime('%H:%M:%S') if t else wall})"]


def incident_log_text(view: CallView, *, record: Optional[Mapping[str, Any]] = None,
                      addenda: Sequence[Mapping[str, Any]] = (), partner_lines: Optional[Sequence[str]] = None) -> str:
    """Call id, times, caller, decision, pathway, outcome, key answers (free text stays in the call record), notes,
    rationale and handler, as fixed-width plain text in local time. `record` (the stored calls row) and `addenda`
    add version, status, when it was finalised, whether the caller was told, and the corrections."""
    out = view.outcome
    rec = record or {}
    started = parse_started(view.started_at or rec.get("started_at") or "")
    lines = ["RCRP TRIAGE - INCIDENT LOG ENTRY", f"Call ID:   {view.uuid or rec.get('uuid', '')}"]
    if record is not None:
        lines.append(f"Version:   {rec.get('version')}   Status: {rec.get('status')}"
                     + ("   TRAINING - NOT A REAL CALL" if rec.get("mode") == "training" else ""))
    if started:
        lines.append(f"Started:   {started.astimezone().strftime('%Y-%m-%d %H:%M:%S %Z')} "
                     f"({started.strftime('%H:%M:%S')} UTC)")
    ct = CALLER_TYPES.get(view.caller_type or rec.get("caller_type") or "")
    lines.append(f"Caller: {ct.label if ct else 'not recorded'}")
    lines += welsh_lines(view)
    dec = view.decision_info
    if dec is not None and dec.offset is not None:
        lines.append(f"Decision: {dec.first_code} at {clock(dec.offset)} after start"
                     + (" (immediate-risk interrupt)" if dec.source == "immediate_risk" else ""))
        if dec.raised:
            lines.append(f"Decision raised to {dec.code} at {clock(dec.raised_offset)}")
    elif view.decision_offset is not None:
        lines.append(f"Decision: at {clock(view.decision_offset)} after start")
    if rec.get("finalised_at"):
        lines.append(f"Finished:  {_local(rec['finalised_at'])}")
    pathway = view.pathway or rec.get("pathway") or ""
    lines.append(f"Pathway:   {PATHWAYS.get(pathway, pathway or '-')}")
    code = out.code if out is not None else rec.get("outcome_code")
    if code:
        voc = OUTCOME_CODES.get(code)
        police = out.police if out is not None else bool(voc and voc.police)
        response = out.response if out is not None else (rec.get("response") or (voc.response if voc else ""))
        lines.append(f"Outcome:   {code} - {response}")
        if code in NON_DECISION_CODES:
            lines.append("Police:    FOLLOW FORCE PROCEDURE (pathway not yet under RCRP)")
        else:
            lines.append(f"Police attend: {'YES' if police else 'NO'} "
                         f"(police {'WILL' if police else 'WILL NOT'} ATTEND)")
    else:
        lines.append("Outcome:   not reached yet")
    h, r = view.first_actor if view.first_actor[0] else (rec.get("handler_id") or "", rec.get("handler_role") or "")
    lines.append(f"Handler:   {h} ({ROLE_NAMES.get(r, r)})" if h else "Handler:   not recorded")
    for row in view.path:
        if row.kind == "handover":
            lines.append(f"Handover:  to {row.actor} ({ROLE_NAMES.get(row.role, row.role)}) "
                         f"at +{format_elapsed(row.offset)}")
    lines.append("Key answers:")
    for row in view.path:
        if row.kind != "answer":
            continue
        ans = "(free text recorded in the call record)" if row.free_text else row.answer
        vol = " [volunteered]" if row.volunteered else ""
        lines.append(f"  - {row.title}: {ans}{vol}")
    changed = [a for a in view.answers if a.superseded]
    if changed:
        lines.append(f"Changed answers: {len(changed)} (kept in the audit trail)")
    lines.append(f"Flags:     {', '.join(view.flags) or 'none'}")
    if view.thrive:
        lines.append("THRIVE:    " + "; ".join(f"{f.capitalize()}: {text}" for f, text in view.thrive))
    notes = [row for row in view.path if row.kind == "note"]
    if notes:
        lines.append("Notes:")
        lines += [f"  - {_local(row.wall)} by {row.actor or '?'}: {row.text or PURGED}" for row in notes]
    for row in view.path:  # what the handler did, with the reason they gave (words, not codes)
        if row.kind == "immediate_risk":
            lines.append(f"Immediate risk recorded. Reason: {row.reason or PURGED}")
        elif row.kind == "early_exit":
            lines.append(f"Early exit ({row.code}). Reason: {row.reason or PURGED}")
        elif row.kind == "override":
            lines.append(f"Overridden to {row.code}"
                         + (f" from {out.original_code}" if out is not None and out.original_code else "")
                         + f". Reason: {row.reason or PURGED}")
    if out is not None:
        lines += _wrap("Rationale", out.rationale)
        partners = "; ".join(f"{p.name} ({p.contact})" if p.contact else p.name for p in out.partners)
        if partner_lines:  # from the force's partner directory, at the time of the outcome
            lines += ["Partners offered:", *partner_lines]
        elif partners:
            lines += _wrap("Partners", partners)
    if view.partners_added:  # one line each: the C&C log may not keep the wrapping
        lines.append("Added after the decision: " + "; ".join(PARTNER_CODES.get(c, c) for c in view.partners_added))
    by: dict[str, list[str]] = {}
    for title, reason in view.not_asked:
        by.setdefault(reason, []).append(title)
    for why, titles in by.items():  # one line each: the C&C log may not keep the wrapping
        lines.append(f"Not asked ({why}): " + "; ".join(titles))
    if record is not None:
        lines.append(f"Caller informed: {'yes' if rec.get('caller_informed') else 'no'}")
    for a in addenda:
        lines += _wrap(f"Addendum v{a.get('version')} by {a.get('author')} at {_local(a.get('wall') or '')}",
                       f"{a.get('text') or PURGED} (reason: {a.get('reason') or PURGED})")
    return "\n".join(lines) + "\n"
