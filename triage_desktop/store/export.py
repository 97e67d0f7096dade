"""Export per-call full reports as CSV (one row per call) or JSON (one report object per call), streamed."""
from __future__ import annotations

import csv
import json
from typing import Any, Optional, TextIO

from .callreport import FlowLibraries, call_report
from .calls import CallStore
from .history import _day_end
from .retention import REASON_COLUMNS, redact
from .tabledefs import PERSONAL_COLUMNS

FORMATS = ("csv", "json")
CSV_COLUMNS = ("uuid", "mode", "status", "version", "started_at", "finalised_at", "flow_id", "flow_version",
               "pathway", "outcome_code", "original_outcome_code", "response", "grade", "police_attend",
               "flags_json", "thrive_levels_json", "immediate_risk", "early_exit", "overridden", "handover",
               "caller_informed", "decision_offset_s", "duration_s", "handler_id", "handler_role", "rationale",
               "content_hash")
CSV_EXTRA = ("answers", "superseded_answers", "addenda", "events")


def _strip_personal(rep: dict[str, Any]) -> dict[str, Any]:
    """Leave out personal details and typed free text (notes, text answers, reasons, addenda text)."""
    secrets = [rep["call"].get(k) for k in REASON_COLUMNS]
    rep["call"] = {k: v for k, v in rep["call"].items() if k not in PERSONAL_COLUMNS}
    rep["call"]["rationale"] = redact(rep["call"].get("rationale"), secrets)
    if rep.get("outcome"):
        rep["outcome"] = {**rep["outcome"], "reason": "",
                          "rationale": redact(rep["outcome"].get("rationale"), secrets)}
    text_nodes = {(ev["flow"], ev["node"]) for ev in rep["events"] if ev["free_text"]}
    for ev in rep["events"]:
        ev["reason"] = ev["text"] = ""
        if ev["free_text"]:
            ev["value"] = None
    for p in rep["path"] + rep["superseded"]:
        if (p["flow"], p["node"]) in text_nodes:
            p["answer"] = "(free text)"
            p.pop("value", None)
    for a in rep["addenda"]:
        a["text"] = a["reason"] = ""
    return rep


def _where(date_from: Optional[str], date_to: Optional[str]) -> tuple[str, list[str]]:
    clauses, params = [], []
    if date_from:
        clauses.append("started_at >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("started_at < ?")
        params.append(_day_end(date_to))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def export_calls(calls: CallStore, libs: FlowLibraries, out: TextIO, fmt: str, *, date_from: Optional[str] = None,
                 date_to: Optional[str] = None, include_personal: bool = False) -> int:
    """Write every call in the date range (oldest first); returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}' (use {' or '.join(FORMATS)})")
    where, params = _where(date_from, date_to)
    uuids = [r[0] for r in calls.conn.execute(f"SELECT uuid FROM calls{where} ORDER BY started_at, rowid", params)]
    writer = None
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow([*CSV_COLUMNS, *CSV_EXTRA])
    else:
        out.write("[")
    for i, u in enumerate(uuids):
        rep = call_report(calls, libs, u)
        if not include_personal:
            rep = _strip_personal(rep)
        if writer is not None:
            c = rep["call"]
            answers = "; ".join(f"{p['title']}: {p['answer']}" for p in rep["path"] if p.get("answer") is not None)
            superseded = "; ".join(f"{s['node']}: {s['answer']}" for s in rep["superseded"])
            writer.writerow([*(c.get(k) for k in CSV_COLUMNS), answers, superseded, len(rep["addenda"]),
                             len(rep["events"])])
        else:
            out.write(("," if i else "") + "\n" + json.dumps(rep, ensure_ascii=False, sort_keys=True))
    if writer is None:
        out.write("\n]\n")
    return len(uuids)
