"""Plain-text block for pasting into a command-and-control log (fallback when the store does not build it)."""
from __future__ import annotations

import textwrap
from typing import Optional

from triage_desktop.core.vocab import CALLER_TYPES, PARTNER_CODES, PATHWAYS
from triage_desktop.services import CallView

from .call_header import ROLE_NAMES, format_elapsed, parse_started

WIDTH = 78


def _wrap(label: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, WIDTH - 2) or [""]
    return [f"{label}:"] + [f"  {ln}" for ln in lines]


def build_incident_log(view: CallView, *, finished_at: Optional[str] = None) -> str:
    """Call uuid, times, pathway, outcome, key answers, rationale and handler as fixed-width plain text."""
    out = view.outcome
    started = parse_started(view.started_at)
    lines = ["RCRP TRIAGE - INCIDENT LOG ENTRY", f"Call ID:   {view.uuid}"]
    if started:
        lines.append(f"Started:   {started.astimezone().strftime('%Y-%m-%d %H:%M:%S %Z')} "
                     f"({started.strftime('%H:%M:%S')} UTC)")
    dec = view.decision_info
    if dec is not None and view.decision_offset is not None:
        lines.append(f"Decision:  {dec.first_code} at {format_elapsed(view.decision_offset)} after start")
        if dec.raised and dec.raised_offset is not None:
            lines.append(f"Raised:    to {dec.code} at {format_elapsed(dec.raised_offset)} after start")
    elif view.decision_offset is not None:
        lines.append(f"Decision:  {format_elapsed(view.decision_offset)} after start")
    ct = CALLER_TYPES.get(view.caller_type or "")
    lines.append(f"Caller:    {ct.label if ct else 'not recorded'}")
    if finished_at:
        fin = parse_started(finished_at)
        lines.append(f"Finished:  {fin.astimezone().strftime('%Y-%m-%d %H:%M:%S') if fin else finished_at}")
    lines.append(f"Pathway:   {PATHWAYS.get(view.pathway, view.pathway)}")
    if out is not None:
        lines.append(f"Outcome:   {out.code} - {out.response}")
        lines.append(f"Police:    {'WILL ATTEND' if out.police else 'WILL NOT ATTEND'}")
    else:
        lines.append("Outcome:   not reached yet")
    h, r = view.first_actor
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
    if out is not None:
        lines += _wrap("Rationale", out.rationale)
        if out.source == "override":
            lines += _wrap("Override", f"from {out.original_code}: {out.reason}")
        elif out.reason:
            lines += _wrap(out.source.replace("_", " ").capitalize(), out.reason)
        partners = "; ".join(f"{p.name} ({p.contact})" if p.contact else p.name for p in out.partners)
        if partners:
            lines += _wrap("Partners", partners)
    if view.partners_added:
        lines += _wrap("Added after the decision", "; ".join(PARTNER_CODES.get(c, c) for c in view.partners_added))
    if view.not_asked:
        lines += _wrap("Not asked", "; ".join(f"{title} ({reason})" for title, reason in view.not_asked))
    return "\n".join(lines) + "\n"
