"""Rebuilding a stored call on the exact flow versions it used: replay, full report, incident-log text."""
from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from ..core.engine import FlowLibrary, FlowRun
from ..core.loader import load_flow_text
from ..core.vocab import CALLER_TYPES, FLAGS, OUTCOME_CODES, PARTNER_CODES, PATHWAYS, THRIVE_FIELDS
from .calls import PURGED_TEXT, CallStore, event_to_engine
from .errors import StoreError

#: calls columns never shown in reports (salts and hashes are for the audit chain only).
HIDDEN_COLUMNS = ("personal_salt",)
STORE_EVENT_KINDS = ("started", "finalised", "abandoned", "amended", "personal", "purge")


class FlowLibraries:
    """FlowLibrary per set of flow hashes: the current one when it matches, else rebuilt from stored sources."""

    def __init__(self, calls: CallStore, current: Optional[FlowLibrary] = None):
        self.calls = calls
        self.current = current
        self._cache: dict[frozenset[str], FlowLibrary] = {}
        self._by_set: dict[int, FlowLibrary] = {}
        if current is not None:
            self._cache[frozenset(f.content_hash for f in current)] = current

    def for_call(self, row: Mapping[str, Any]) -> FlowLibrary:
        by_set = self._by_set.get(row["flow_set_id"])
        if by_set is not None:
            return by_set
        lib = self._for_hashes(row)
        if row["flow_set_id"] is not None:
            self._by_set[row["flow_set_id"]] = lib
        return lib

    def _for_hashes(self, row: Mapping[str, Any]) -> FlowLibrary:
        hashes = frozenset(self.calls.flow_set(row["flow_set_id"])) or frozenset({row["flow_hash"]})
        lib = self._cache.get(hashes)
        if lib is not None:
            return lib
        sources = self.calls.flow_sources(hashes)
        missing = hashes - set(sources)
        if missing:
            raise StoreError(f"call {row['uuid']}: {len(missing)} of the flow versions it used are not stored")
        flows = []
        for flow_id, text in sources.values():
            flow, problems = load_flow_text(text, file=f"{flow_id}.yaml")
            errors = [p for p in problems if p.is_error]  # warnings (e.g. a legacy partner form) do not stop a replay
            if flow is None or errors:
                raise StoreError(f"call {row['uuid']}: a stored flow version no longer loads ({errors[:1]})")
            flows.append(flow)
        lib = FlowLibrary(flows)
        self._cache[hashes] = lib
        return lib

    def replay(self, row: Mapping[str, Any]) -> FlowRun:
        """The call's run rebuilt from its stored events on the flow versions it started with."""
        lib = self.for_call(row)
        return FlowRun.replay(lib, row["flow_id"], self.calls.engine_events(row["uuid"]), started_at=row["started_at"])


def _event_view(r: Mapping[str, Any]) -> dict[str, Any]:
    ev = event_to_engine(r)
    ev.update(id=r["id"], call_uuid=r["call_uuid"], purged=bool(r["purged"]), hash=r["hash"],
              free_text=bool(r["value_private"]))
    return ev


def call_report(calls: CallStore, libs: FlowLibraries, call_uuid: str) -> dict[str, Any]:
    """The full read-only report of a call: row, path, superseded answers, audit trail, addenda."""
    row = calls.get(call_uuid)
    call = {k: v for k, v in row.items() if k not in HIDDEN_COLUMNS}
    rows = calls.events(call_uuid)
    events = [_event_view(r) for r in rows]
    snap: Optional[dict[str, Any]] = None
    unasked: list[str] = []
    replay_error = None
    if any(r["seq"] is not None for r in rows) or row["status"] == "in_progress":
        try:
            run = libs.replay(row)
            snap, unasked = run.snapshot(), run.unasked_titles()
        except (StoreError, ValueError, KeyError) as exc:
            replay_error = str(exc)
    addenda = [{"version": (e["value"] or {}).get("version"), "text": e["text"], "reason": e["reason"],
                "author": e["actor"], "role": e["role"], "wall": e["wall"], "purged": e["purged"]}
               for e in events if e["kind"] == "amended"]
    return {
        "call": call,
        "path": snap["path"] if snap else [],
        "superseded": snap["superseded"] if snap else [],
        "outcome": snap["outcome"] if snap else None,
        "unasked": unasked,
        "events": events,
        "addenda": addenda,
        "replay_error": replay_error,
        # flow format v2 (issue 8): who called, the decision and its time, what was added after it
        "caller_type": (snap or {}).get("caller_type") or row.get("caller_type"),
        "decision": (snap or {}).get("decision"),
        "partners_added": (snap or {}).get("partners_added", []),
        "not_asked": (snap or {}).get("not_asked", []),
        "repeat_links": json.loads(row.get("repeat_links_json") or "[]"),
    }


def clock(seconds: Optional[float]) -> str:
    """Seconds from call start as mm:ss (h:mm:ss past an hour)."""
    if seconds is None:
        return "-"
    s = int(round(seconds))
    h, rem = divmod(s, 3600)
    return f"{h}:{rem // 60:02d}:{rem % 60:02d}" if h else f"{rem // 60:02d}:{rem % 60:02d}"


def decision_lines(report: Mapping[str, Any]) -> list[str]:
    """Caller type, the decision and its time, a raise, partners added after the decision, steps not asked."""
    c = report.get("call") or {}
    ct = report.get("caller_type") or c.get("caller_type")
    lines = [f"Caller: {CALLER_TYPES[ct].label if ct in CALLER_TYPES else 'not recorded'}"]
    d = report.get("decision")
    if d:
        lines.append(f"Decision: {d['first_code']} at {clock(d.get('offset_s'))} after start"
                     + (" (immediate-risk interrupt)" if d.get("source") == "immediate_risk" else ""))
        if d.get("raised"):
            lines.append(f"Decision raised to {d['code']} at {clock(d.get('raised_offset_s'))}")
    added = report.get("partners_added") or []
    if added:
        lines.append("Added after the decision: " + "; ".join(PARTNER_CODES.get(p, p) for p in added))
    by: dict[str, list[str]] = {}
    for n in report.get("not_asked") or []:
        by.setdefault(n["reason"], []).append(n["title"])
    lines += [f"Not asked ({why}): " + "; ".join(titles) for why, titles in by.items()]
    links = report.get("repeat_links") or []
    if links:
        lines.append(f"Repeat contact (this PC only, last 7 days): {len(links)} earlier call(s) share the phone number "
                     "or name")
    return lines


def _flag_names(call: Mapping[str, Any]) -> str:
    flags = json.loads(call.get("flags_json") or "[]")
    return ", ".join(FLAGS.get(f, f) for f in flags) or "none"


def incident_log_text(report: Mapping[str, Any]) -> str:
    """A plain-text block the handler pastes into the command-and-control log."""
    c = report["call"]
    out = report.get("outcome") or {}
    code = c.get("outcome_code") or out.get("code")
    lines = [
        "RCRP TRIAGE RECORD (triage-desktop)",
        f"Call ref: {c['uuid']}   Version: {c['version']}   Status: {c['status']}"
        + ("   TRAINING - NOT A REAL CALL" if c["mode"] == "training" else ""),
        f"Started: {c['started_at']} UTC   Finalised: {c.get('finalised_at') or '-'}",
        f"Handler: {c.get('handler_id') or '-'} ({c.get('handler_role') or '-'})",
        *decision_lines(report),
        f"Pathway: {PATHWAYS.get(c.get('pathway') or '', c.get('pathway') or '-')}",
        f"Outcome: {code or 'not reached'}"
        + (f" - {OUTCOME_CODES[code].meaning}" if code in OUTCOME_CODES else ""),
        f"Response: {c.get('response') or out.get('response') or '-'}",
        f"Police attend: {'YES' if c.get('police_attend') else 'NO'}",
    ]
    if c.get("original_outcome_code"):
        lines.append(f"Overridden from {c['original_outcome_code']}. Reason: {c.get('override_reason') or PURGED_TEXT}")
    if c.get("early_exit"):
        lines.append(f"Early exit. Reason: {c.get('early_exit_reason') or PURGED_TEXT}")
    if c.get("immediate_risk"):
        lines.append(f"Immediate risk recorded. Reason: {c.get('immediate_risk_reason') or PURGED_TEXT}")
    lines.append(f"Rationale: {c.get('rationale') or out.get('rationale') or '-'}")
    lines.append(f"Flags: {_flag_names(c)}")
    thrive = json.loads(c.get("thrive_json") or "{}")
    if thrive:
        lines.append("THRIVE:")
        lines += [f"  {f.capitalize()}: {thrive[f]}" for f in THRIVE_FIELDS if thrive.get(f)]
    lines.append("Questions and answers:")
    for p in report.get("path", []):
        if p.get("answer") is not None:
            vol = " (volunteered)" if p.get("volunteered") else ""
            lines.append(f"  - {p['title']}: {p['answer']}{vol}")
    if report.get("superseded"):
        lines.append("Answers changed during the call:")
        lines += [f"  - {s['node']}: {s['answer']} (superseded)" for s in report["superseded"]]
    notes = [e for e in report.get("events", []) if e["kind"] == "note"]
    if notes:
        lines.append("Notes:")
        lines += [f"  - {e['wall']}: {e['text'] or PURGED_TEXT}" for e in notes]
    lines.append(f"Caller informed: {'yes' if c.get('caller_informed') else 'no'}")
    for a in report.get("addenda", []):
        lines.append(f"Addendum v{a['version']} by {a['author']} at {a['wall']}: {a['text'] or PURGED_TEXT} "
                     f"(reason: {a['reason'] or PURGED_TEXT})")
    return "\n".join(lines) + "\n"
