"""A call store's connection, its reads of calls and events, and the low-level chained writes every action uses."""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Optional, Sequence

from .chain import canonical
from .database import Store
from .errors import CallImmutable, CallNotFound
from .eventrows import LIVE_POSITION_SQL, POSITION_KEYS, STORED_EVENT_COLUMNS, event_params, insert_for
from .shownfold import unfold

#: What a purged free-text answer reads as when a call is replayed or reported.
PURGED_TEXT = "[purged]"

#: UPDATE statements by (columns..., only_open): an answer sends the same few position columns every time.
_UPDATE_SQL: dict[tuple[Any, ...], str] = {}


#: Compact, sorted JSON for the *_json columns: the audit chain's one canonical form (store/chain.py).
jdump = canonical


def event_to_engine(row: Mapping[str, Any]) -> dict[str, Any]:
    """A stored call_events row as the engine's Event.to_dict() form (for replay)."""
    if row["value_json"] is not None:
        value = json.loads(row["value_json"])
    else:
        value = PURGED_TEXT if row["value_private"] and row["purged"] else None
    return {"seq": row["seq"], "kind": row["kind"], "wall": row["wall"], "offset": row["offset_s"],
            "actor": row["actor"], "role": row["role"], "flow": row["flow"], "node": row["node"], "value": value,
            "volunteered": bool(row["volunteered"]), "reason": row["reason"] or "", "code": row["code"],
            "text": row["text"] or ""}


class CallStoreBase:
    """What every part of CallStore (store/calls.py) stands on: the connection, the reads, the chained writes."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    # ----- reading --------------------------------------------------------------------------------
    def get(self, call_uuid: str, *, live: bool = True) -> dict[str, Any]:
        """The call's row; an open call's position as its last action left it (`live`), not as its row holds it."""
        cur = self.conn.execute("SELECT * FROM calls WHERE uuid = ?", (call_uuid,))
        row = cur.fetchone()
        if row is None:
            raise CallNotFound(f"no call {call_uuid} in this database")
        out = dict(zip([d[0] for d in cur.description], row))
        if live and out["status"] == "in_progress":  # where it stands now: kept in its last answer's row, not in this one
            out.update(self.live_position(call_uuid))
        return out

    def live_position(self, call_uuid: str) -> dict[str, Any]:
        """An open call's position (current_flow, current_node, answers_count, last_seq, updated_at) as its last
        action left it; {} if no action kept one in its row yet (the calls row's own columns hold it then)."""
        found = self.conn.execute(LIVE_POSITION_SQL, (call_uuid,)).fetchone()
        return dict(zip(POSITION_KEYS, found)) if found is not None else {}

    def events(self, call_uuid: str) -> list[dict[str, Any]]:
        """Every event of the call (the audit trail), in order: a 'question shown' kept in its answer's row
        (shown_json) comes out as its own event, just after that row's."""
        cur = self.conn.execute("SELECT * FROM call_events WHERE call_uuid = ? ORDER BY id", (call_uuid,))
        cols = [d[0] for d in cur.description]
        out: list[dict[str, Any]] = []
        for r in cur:
            row = dict(zip(cols, r))
            if row.get("shown_json") is None:
                out.append(row)
            else:
                out.extend(unfold(row))
        return out

    def engine_events(self, call_uuid: str) -> list[dict[str, Any]]:
        """The engine's events for replay (store events such as 'started' and 'finalised' left out)."""
        return [event_to_engine(r) for r in self.events(call_uuid) if r["seq"] is not None]

    def flow_sources(self, hashes: Iterable[str]) -> dict[str, tuple[str, str]]:
        """(flow id, source text) by hash, as stored when the calls started."""
        hs = list(hashes)
        if not hs:
            return {}
        q = ",".join("?" * len(hs))
        return {h: (fid, text) for h, fid, text in self.conn.execute(
            f"SELECT hash, flow_id, source_text FROM flow_versions WHERE hash IN ({q})", hs)}

    # ----- writing --------------------------------------------------------------------------------
    def _head(self, call_uuid: Optional[str]) -> str:
        """The hash of the call's last event ('' for none); db-level events (no call) form their own chain. (Read
        from the events: an open call's events_head is not moved by its answers.)"""
        head = self.conn.execute("SELECT hash FROM call_events WHERE call_uuid IS ? ORDER BY id DESC LIMIT 1",
                                 (call_uuid,)).fetchone()
        return head[0] if head else ""

    def _insert_event(self, call_uuid: Optional[str], *, kind: str, wall: str, offset: float, seq: Optional[int] = None,
                      actor: str = "", role: str = "", flow: str = "", node: str = "", value: Any = None,
                      value_private: bool = False, volunteered: bool = False, code: str = "",
                      reason: Optional[str] = None, text: Optional[str] = None, head: Optional[str] = None,
                      update_head: bool = True) -> dict[str, Any]:
        """Append one chained event row and move the call's chain head (inside a write transaction)."""
        last = self.conn.execute("SELECT id, hash FROM call_events ORDER BY id DESC LIMIT 1").fetchone()
        if head is None:
            head = self._head(call_uuid)
        row = self._event_row(last, head, call_uuid, seq, kind, wall, offset, actor, role, flow, node, value,
                              value_private, volunteered, code, reason, text)
        self._write_rows([row])
        if update_head and call_uuid is not None:
            self.conn.execute("UPDATE calls SET events_head = ? WHERE uuid = ?", (row["hash"], call_uuid))
        return row

    def _event_row(self, last: Optional[Sequence[Any]], head: str, call_uuid: Optional[str], seq: Optional[int],
                   kind: str, wall: str, offset: float, actor: Optional[str], role: Optional[str],
                   flow: Optional[str], node: Optional[str], value: Any, value_private: bool, volunteered: bool,
                   code: Optional[str], reason: Optional[str], text: Optional[str],
                   shown: Optional[str] = None) -> dict[str, Any]:
        """One chained event row after `last` (the database's last (id, hash), or None) and the call's `head`: its
        hash (and signature, with the audit key) computed, not yet written. `shown`: the shown_json of the
        'question shown' event kept in this row (chain version 2), or None (version 1)."""
        key = self.store.audit_key if self.store is not None else None
        return dict(zip(STORED_EVENT_COLUMNS, event_params(
            (last[0] + 1) if last else 1, last[1] if last else "", head, call_uuid, seq, kind, wall, offset, actor,
            role, flow, node, value, value_private, volunteered, code, reason, text, shown, key)))

    def _write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert chained event rows (one statement, however many rows)."""
        self._write_params([[r[c] for c in STORED_EVENT_COLUMNS] for r in rows])

    def _write_params(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert chained event rows given as event_params lists (an action writes one, two or three)."""
        execute = self.conn.execute
        for row in rows:
            sql, values = insert_for(row)
            execute(sql, values(row))
        key = self.store.audit_key if self.store is not None else None
        if key is not None:
            key.record_since(rows[0][0])

    def _update(self, call_uuid: str, fields: Mapping[str, Any], *, only_open: bool = True) -> None:
        key = (*fields, only_open)
        sql = _UPDATE_SQL.get(key)
        if sql is None:
            sets = ", ".join(f"[{k}] = ?" for k in fields)
            where = "uuid = ? AND status = 'in_progress'" if only_open else "uuid = ?"
            sql = f"UPDATE calls SET {sets} WHERE {where}"
            if len(_UPDATE_SQL) < 256:  # the column sets the store sends are few (an answer's position, a close)
                _UPDATE_SQL[key] = sql
        cur = self.conn.execute(sql, [*fields.values(), call_uuid])
        if cur.rowcount != 1:
            self.get(call_uuid)  # raises CallNotFound
            raise CallImmutable("This call is finalised and cannot be changed: add an addendum instead.")
