"""Plain-text block for pasting into a command-and-control log (fallback when the store does not build it)."""
from __future__ import annotations

import textwrap
from typing import Optional

from triage_desktop.core.engine import FlowRun
from triage_desktop.core.vocab import CALLER_TYPES, NON_DECISION_CODES, PARTNER_CODES, PATHWAYS

from .call_header import ROLE_NAMES, format_elapsed, parse_started

WIDTH = 78


def _wrap(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, WIDTH - 2) or [""]
    return [f"{label}:"] + [f"  {ln}" for ln in lines]


def build_incident_log(run: FlowRun, *, uuid: str, handler: str = "", role: str = "",
                       finished_at: Optional[str] = None, partner_lines: Optional[list[str]] = None) -> str:
    """Call uuid, times, pathway, outcome, key answers, rationale and handler as fixed-width plain text."""
    out = run.outcome
    started = parse_started(run.started_at)
    lines = ["RCRP TRIAGE - INCIDENT LOG ENTRY", f"Call ID:   {uuid}"]
    if started:
        lines.append(f"Started:   {started.astimezone().strftime('%Y-%m-%d %H:%M:%S %Z')} "
                     f"({started.strftime('%H:%M:%S')} UTC)")
    dec = run.decision_info
    if dec is not None and run.decision_offset is not None:
        lines.append(f"Decision:  {dec.first_code} at {format_elapsed(run.decision_offset)} after start")
        if dec.raised and dec.raised_offset is not None:
            lines.append(f"Raised:    to {dec.code} at {format_elapsed(dec.raised_offset)} after start")
    elif run.decision_offset is not None:
        lines.append(f"Decision:  {format_elapsed(run.decision_offset)} after start")
    ct = CALLER_TYPES.get(run.caller_type or "")
    lines.append(f"Caller:    {ct.label if ct else 'not recorded'}")
    if finished_at:
        fin = parse_started(finished_at)
        lines.append(f"Finished:  {fin.astimezone().strftime('%Y-%m-%d %H:%M:%S') if fin else finished_at}")
    lines.append(f"Pathway:   {PATHWAYS.get(run.pathway, run.pathway)}")
    if out is not None:
        lines.append(f"Outcome:   {out.code} - {out.response}")
        lines.append("Police:    FOLLOW FORCE PROCEDURE (pathway not yet under RCRP)" if out.code in NON_DECISION_CODES
                     else f"Police:    {'WILL ATTEND' if out.police else 'WILL NOT ATTEND'}")
    else:
        lines.append("Outcome:   not reached yet")
    first = run.events[0] if run.events else None
    h = handler or (first.actor if first else "")
    r = role or (first.role if first else "")
    lines.append(f"Handler:   {h} ({ROLE_NAMES.get(r, r)})" if h else "Handler:   not recorded")
    for ev in run.events:
        if ev.kind == "handover":
            lines.append(f"Handover:  to {ev.actor} ({ROLE_NAMES.get(ev.role, ev.role)}) at +{format_elapsed(ev.offset)}")
    lines.append("Key answers:")
    for p in run.path:
        if p.answer is None:
            continue
        ans = "(free text recorded in the call record)" if p.node.kind == "text" else p.answer.label
        vol = " [volunteered]" if p.answer.volunteered else ""
        lines.append(f"  - {p.node.title}: {ans}{vol}")
    changed = [a for a in run.answers if a.superseded]
    if changed:
        lines.append(f"Changed answers: {len(changed)} (kept in the audit trail)")
    lines.append(f"Flags:     {', '.join(sorted(run.flags)) or 'none'}")
    if out is not None:
        lines += _wrap("Rationale", out.rationale)
        if out.source == "override":
            lines += _wrap("Override", f"from {out.original_code}: {out.reason}")
        elif out.reason:
            lines += _wrap(out.source.replace("_", " ").capitalize(), out.reason)
        partners = "; ".join(f"{p.name} ({p.contact})" if p.contact else p.name for p in out.partners)
        if partner_lines:  # from the force's partner directory, at the time of the outcome
            lines += ["Partners offered:"] + partner_lines
        elif partners:
            lines += _wrap("Partners", partners)
    added = run.partners_added
    if added:
        lines += _wrap("Added after the decision", "; ".join(PARTNER_CODES.get(c, c) for c in added))
    by: dict[str, list[str]] = {}
    for n in run.not_asked:
        by.setdefault(n["reason"], []).append(n["title"])
    for why, titles in by.items():
        lines += _wrap(f"Not asked ({why})", "; ".join(titles))
    return "\n".join(lines) + "\n"
