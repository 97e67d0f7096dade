"""Rebuilding a stored call on the exact flow versions it used: replay, full report, incident-log text."""
from __future__ import annotations

import json
from typing import Any, Mapping, Optional

from ..core.engine import FlowLibrary, FlowRun
from ..core.loader import load_flow_text
from .callbase import event_to_engine
from .calls import CallStore
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
