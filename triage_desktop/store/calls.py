"""Calls and their append-only events: one durable transaction per action, finalise, abandon, addenda."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from ..core.engine import EngineError, Event, FlowLibrary, FlowRun
from .chain import canonical, content_hash, current_hash_version, new_salt, personal_hash
from .database import Store
from .errors import CallImmutable, CallNotFound
from .eventrows import (HASH_AT, LIVE_POSITION_SQL, NO_POSITION, POSITION_KEYS, STORED_EVENT_COLUMNS,
                        event_params, insert_for)
from .callrow import (SummaryBuilder, decision_columns, decision_fields, now_iso, outbox_row_for,  # noqa: F401
                      position_fields)  # (re-exported: their home was this module)
from .shownfold import foldable_shown, shown_json, unfold  # noqa: F401 - shown_json re-exported

#: What a purged free-text answer reads as when a call is replayed or reported.
PURGED_TEXT = "[purged]"
#: Personal-detail fields a handler may type (set_personal).
PERSONAL_FIELDS = ("caller_name", "caller_phone", "address", "cad_incident")


#: record_many's one look-up: the call's status, its chain head (its last event's hash: the calls row's events_head
#: is not moved by answers, migration 0044), and the database chain's last (id, hash). (Scalar subqueries: cheaper
#: than a join on a one-row subquery, which SQLite materializes.)
_RECORD_LOOKUP_SQL = ("SELECT status, (SELECT hash FROM call_events WHERE call_uuid = ?1 ORDER BY id DESC LIMIT 1), "
                      "(SELECT id FROM call_events ORDER BY id DESC LIMIT 1), "
                      "(SELECT hash FROM call_events ORDER BY id DESC LIMIT 1) FROM calls WHERE uuid = ?1")
#: The position columns an answer keeps in its own row instead of the calls row (POSITION_KEYS, as a set).
_ROW_POSITION = frozenset(POSITION_KEYS)

#: UPDATE statements by (columns..., only_open): an answer sends the same few position columns every time.
_UPDATE_SQL: dict[tuple[Any, ...], str] = {}
#: record_many's position UPDATE (the position's columns, open calls only) by position columns.
_POSITION_SQL: dict[tuple[str, ...], str] = {}


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


class _StaleTail(Exception):
    """The chain tail record_many remembered is no longer the last row (another connection appended to the chain)."""


class CallStore:
    """The calls and call_events tables of one open Store (same thread as the Store)."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    @classmethod
    def reader(cls, conn: sqlite3.Connection) -> "CallStore":
        """Read-only access over a bare connection (the export command, while the app may be running)."""
        cs = cls.__new__(cls)
        cs.store, cs.conn = None, conn  # type: ignore[assignment]
        return cs

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

    def create(self, *, call_uuid: str, mode: str, run: FlowRun, handler_id: str, role: str,
               library: FlowLibrary, demo: bool = False) -> None:
        """The call row, the flow sources it may use, and a 'started' audit event: one transaction."""
        entry = library[run.entry_flow]
        wall = run.started_at
        with self.store.writing():
            self.conn.execute(
                "INSERT INTO calls (uuid, mode, status, version, flow_id, flow_version, flow_hash, flows_json, "
                "pathway, started_at, updated_at, handler_id, handler_role, demo, current_flow, "
                "current_node) VALUES (?, ?, 'in_progress', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (call_uuid, mode, entry.id, entry.version, entry.content_hash, jdump([entry.ref]),
                 entry.pathway, wall, wall, handler_id, role, int(demo), *(run.current or (None, None))))
            self.conn.execute("UPDATE calls SET flow_set_id = ? WHERE uuid = ?",
                              (self.save_flow_set(library, wall), call_uuid))
            self._insert_event(call_uuid, kind="started", wall=wall, offset=0.0, actor=handler_id, role=role,
                               flow=entry.id, value={"flow": entry.ref, "mode": mode})

    def save_flow_set(self, library: FlowLibrary, wall: str) -> int:
        """Store each flow's source text by hash, and the set of them; returns the set's id (in a transaction)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO flow_versions (hash, flow_id, version, title, pathway, source_text, "
            "first_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(f.content_hash, f.id, f.version, f.title, f.pathway, f.source_text, wall) for f in library])
        hashes = jdump(sorted(f.content_hash for f in library))
        self.conn.execute("INSERT OR IGNORE INTO flow_sets (hashes_json) VALUES (?)", (hashes,))
        return int(self.conn.execute("SELECT id FROM flow_sets WHERE hashes_json = ?", (hashes,)).fetchone()[0])

    def flow_set(self, set_id: Optional[int]) -> list[str]:
        """The flow hashes of a stored set."""
        row = self.conn.execute("SELECT hashes_json FROM flow_sets WHERE id = ?", (set_id,)).fetchone()
        return json.loads(row[0]) if row else []

    def record(self, call_uuid: str, ev: Event, *, value_private: bool, position: Mapping[str, Any],
               also: Sequence[tuple[Event, bool]] = (), before_commit: Optional[Callable[[], None]] = None) -> None:
        """One engine event (and `also`, e.g. the 'question shown' it led to) and the new position: one durable
        transaction."""
        if before_commit is None and len(also) <= 1:
            try:
                if self._record_alone(call_uuid, ev, value_private, position, also):
                    return
            except _StaleTail:  # another connection appended to the chain since the last answer: look it up
                self.store.chain_tail = None
        events = [(ev, value_private), *also]
        try:  # record_many's body, here too: this is every answer's way in
            self._record_many(call_uuid, events, position, before_commit, use_tail=True)
        except _StaleTail:
            self.store.chain_tail = None
            self._record_many(call_uuid, events, position, before_commit, use_tail=False)

    def _record_alone(self, call_uuid: str, ev: Event, value_private: bool, position: Mapping[str, Any],
                      also: Sequence[tuple[Event, bool]]) -> bool:
        """Most answers, as one statement: the answer's row, with the 'question shown' it led to and the call's
        position in it, INSERTed in autocommit mode (a statement is its own durable transaction: no BEGIN, no
        COMMIT). Only while the chain tail this connection remembers is still the database's last row and this
        call's; the INSERT's trigger checks the call is open. False (nothing written) for any other case."""
        store, conn = self.store, self.conn
        tail = store.chain_tail
        if (tail is None or tail[0] != conn.total_changes or tail[3] != call_uuid or conn.in_transaction
                or position.keys() != _ROW_POSITION):
            return False
        shown = None
        if also:
            if ev.kind == "shown" or not foldable_shown(*also[0]):
                return False
            shown = shown_json(also[0][0])
        _, last_id, last_hash, _, head = tail
        row = event_params(last_id + 1, last_hash, head, call_uuid, ev.seq, ev.kind, ev.wall, ev.offset, ev.actor,
                           ev.role, ev.flow, ev.node, ev.value, value_private, ev.volunteered, ev.code, ev.reason,
                           ev.text, shown, store.audit_key,
                           (position["current_flow"], position["current_node"], position["answers_count"],
                            position["last_seq"], position["updated_at"]))
        try:
            self._write_params([row])
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, sqlite3.IntegrityError) and "call_events.id" in str(exc):
                raise _StaleTail() from exc
            mapped = store._translated(exc)
            if mapped is exc:
                raise
            raise mapped from exc
        store.chain_tail = (conn.total_changes, last_id + 1, row[HASH_AT], call_uuid, row[HASH_AT])
        return True

    def record_many(self, call_uuid: str, events: Sequence[tuple[Event, bool]], *,
                    position: Mapping[str, Any], before_commit: Optional[Callable[[], None]] = None) -> None:
        """An action's engine events (e.g. the answer, the decision it made, the question shown next) and the new
        position: one durable transaction, so a decision is never stored without its cause, nor the cause without
        its decision. `before_commit` runs once every row is written, just before the COMMIT (and its fsync): the
        app paints the next question then, while the disk syncs; if the commit fails, the action still fails."""
        try:
            self._record_many(call_uuid, events, position, before_commit, use_tail=True)
        except _StaleTail:  # another connection appended to the chain since the last answer: look it up
            self.store.chain_tail = None
            self._record_many(call_uuid, events, position, before_commit, use_tail=False)

    def _record_many(self, call_uuid: str, events: Sequence[tuple[Event, bool]], position: Mapping[str, Any],
                     before_commit: Optional[Callable[[], None]], *, use_tail: bool) -> None:
        store, conn = self.store, self.conn
        nested = conn.in_transaction
        # The chain's tail as this connection's last answer left it, if nothing has been written on the connection
        # since (total_changes has not moved: no other write, no rollback) and it was this call's. Another
        # connection appending meanwhile makes the INSERT of id last + 1 fail: then this answer looks it up.
        tail = store.chain_tail if use_tail and not nested else None
        if tail is not None and (tail[0] != conn.total_changes or tail[3] != call_uuid):
            tail = None
        with store.writing():
            if tail is not None:
                _, last_id, last_hash, _, head = tail
            else:
                # one look-up: the call's status and chain head, and the database chain's last row
                found = conn.execute(_RECORD_LOOKUP_SQL, (call_uuid,)).fetchone()
                if found is None:
                    raise CallNotFound(f"no call {call_uuid} in this database")
                status, head, last_id, last_hash = found
                if status != "in_progress":
                    raise CallImmutable("This call is finalised and cannot be changed: add an addendum instead.")
                head = head or ""  # (no event yet)
            if position.keys() == _ROW_POSITION and events:  # an answer: its position goes in its own row
                pos: Sequence[Any] = (position["current_flow"], position["current_node"], position["answers_count"],
                                      position["last_seq"], position["updated_at"])
            else:  # a new pathway, caller type or note: the calls row is rewritten, its position with it
                pos = self._rewrite_position(call_uuid, position)
            key = store.audit_key
            rows: list[list[Any]] = []
            i, n = 0, len(events)
            while i < n:
                ev, value_private = events[i]
                shown = None  # the 'question shown' this event led to, kept in its row (not a row of its own)
                if i + 1 < n and ev.kind != "shown" and foldable_shown(*events[i + 1]):
                    shown = shown_json(events[i + 1][0])
                    i += 1
                i += 1
                last_id = last_id + 1 if last_id is not None else 1
                row = event_params(last_id, last_hash or "", head, call_uuid, ev.seq, ev.kind, ev.wall, ev.offset,
                                   ev.actor, ev.role, ev.flow, ev.node, ev.value, value_private, ev.volunteered,
                                   ev.code, ev.reason, ev.text, shown, key, pos if i == n else NO_POSITION)
                rows.append(row)
                last_hash = head = row[HASH_AT]
            if rows:
                try:  # an engine event's INSERT checks the call is open (trigger call_events_open_call)
                    self._write_params(rows)
                except sqlite3.IntegrityError as exc:
                    if tail is not None and "call_events.id" in str(exc):
                        raise _StaleTail() from exc
                    raise
            written = conn.total_changes
            if before_commit is not None:
                before_commit()
        if not nested and rows and conn.total_changes == written:
            store.chain_tail = (written, last_id, last_hash, call_uuid, head)

    def _rewrite_position(self, call_uuid: str, position: Mapping[str, Any]) -> Sequence[Any]:
        """Write `position` (and the rest of the call's position, as it stands) into the open call's row; the
        position's values for the action's last row (POSITION_KEYS order)."""
        if not position.keys() >= _ROW_POSITION:
            now = self.conn.execute(f"SELECT {', '.join(POSITION_KEYS)} FROM calls WHERE uuid = ?",
                                    (call_uuid,)).fetchone()
            position = {**dict(zip(POSITION_KEYS, now or NO_POSITION)), **self.live_position(call_uuid), **position}
        keys = tuple(position)
        sql = _POSITION_SQL.get(keys)
        if sql is None:
            sql = _POSITION_SQL[keys] = (f"UPDATE calls SET {', '.join(f'[{k}] = ?' for k in keys)} "
                                         f"WHERE uuid = ? AND status = 'in_progress'")
            if len(_POSITION_SQL) > 64:  # the column sets a session sends are few; never a leak
                _POSITION_SQL.clear()
        if self.conn.execute(sql, [*position.values(), call_uuid]).rowcount != 1:
            self.get(call_uuid)  # raises CallNotFound
            raise CallImmutable("This call is finalised and cannot be changed: add an addendum instead.")
        return tuple(position[k] for k in POSITION_KEYS)

    def set_personal(self, call_uuid: str, fields: Mapping[str, Optional[str]], *, actor: str, role: str,
                     offset: float) -> None:
        """Personal details typed by the handler (own columns, purgeable); the audit event names only the fields."""
        bad = set(fields) - set(PERSONAL_FIELDS)
        if bad:
            raise ValueError(f"not a personal-detail field: {', '.join(sorted(bad))}")
        clean = {k: (None if v is None or v == "" else str(v)) for k, v in fields.items()}
        wall = now_iso()
        with self.store.writing():
            self._update(call_uuid, {**clean, "updated_at": wall})
            self._insert_event(call_uuid, kind="personal", wall=wall, offset=offset, actor=actor, role=role,
                               value={"fields": sorted(clean)})

    def personal_event(self, call_uuid: str, fields: list[str], *, actor: str, role: str, offset: float) -> None:
        """An audit event naming personal details given but not stored as text (e.g. the person's name, hashed for
        repeat contact only)."""
        with self.store.writing():
            self.get(call_uuid)
            self._insert_event(call_uuid, kind="personal", wall=now_iso(), offset=offset, actor=actor, role=role,
                               value={"fields": list(fields)})

    def _close(self, call_uuid: str, fields: Mapping[str, Any], *, status: str, event_kind: str, offset: float,
               actor: str, role: str, reason: Optional[str] = None,
               value_extra: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
        """Write the final fields, freeze the hashes, append the audit event (inside a transaction). The position
        its answers kept in their rows is written into the calls row first (the fields given win)."""
        self._update(call_uuid, {**self.live_position(call_uuid), **fields})
        row = self.get(call_uuid, live=False)  # as written just now (the hashes cover these columns)
        salt = new_salt()
        version = current_hash_version()
        row.update(status=status, personal_salt=salt, hash_version=version)
        row["personal_hash"] = personal_hash(salt, row)
        row["content_hash"] = content_hash(row)
        self._update(call_uuid, {"personal_salt": salt, "personal_hash": row["personal_hash"],
                                 "content_hash": row["content_hash"], "hash_version": version,
                                 "status": status})
        self._insert_event(call_uuid, kind=event_kind, wall=row["finalised_at"] or now_iso(), offset=offset,
                           actor=actor, role=role, reason=reason,
                           value={"version": row["version"], "content_hash": row["content_hash"],
                                  "hash_version": version, "outcome_code": row["outcome_code"], **(value_extra or {})})
        return row

    def finalise(self, call_uuid: str, run: FlowRun, *, caller_informed: bool, duration_s: float,
                 outbox: bool, device_id: str, force_code: str, summary: Optional[SummaryBuilder] = None,
                 wall: Optional[str] = None, extra: Optional[Mapping[str, Any]] = None,
                 caller_unreachable: bool = False) -> dict[str, Any]:
        """Status final, frozen content hash, audit event and (live) outbox row: one transaction.

        `extra`: more calls columns set at finalise (e.g. partners_json, rollout_phase from the force pack).
        `caller_unreachable` (only after an early exit for a caller who rang off): the caller was not told; the
        row keeps caller_informed 0 and the finalised event records 'caller not reachable (rang off)'."""
        if run.outcome is None:
            raise EngineError("the call has no outcome yet: answer the questions, or use early exit")
        if caller_unreachable and not run.outcome.caller_unreachable:
            raise EngineError("'caller not reachable' is recorded only after an early exit for a caller who rang off")
        if not caller_informed and not caller_unreachable:
            raise EngineError("confirm the caller has been told whether police will attend before finalising")
        wall = wall or now_iso()
        actor, role = run.actor
        fields = {**decision_fields(run), "caller_informed": 0 if caller_unreachable else 1, "version": 1,
                  "finalised_at": wall, "updated_at": wall, "duration_s": round(max(duration_s, 0.0), 3),
                  **(extra or {})}
        with self.store.writing():
            row = self._close(call_uuid, fields, status="final", event_kind="finalised", offset=duration_s,
                              actor=actor, role=role,
                              value_extra={"caller_unreachable": True} if caller_unreachable else None)
            if outbox and row["mode"] == "live" and not row["demo"]:
                self._insert_outbox(row, device_id=device_id, force_code=force_code, summary=summary)
        return self.get(call_uuid)

    def abandon(self, call_uuid: str, run: Optional[FlowRun], reason: str, *, duration_s: Optional[float],
                actor: str = "", role: str = "", wall: Optional[str] = None) -> dict[str, Any]:
        """Status abandoned (kept, never deleted), with the reason: one transaction."""
        if not reason or not reason.strip():
            raise EngineError("say why the call is abandoned (a reason is required)")
        wall = wall or now_iso()
        fields: dict[str, Any] = {"finalised_at": wall, "updated_at": wall, "abandon_reason": reason.strip()}
        if run is not None:
            snap = run.snapshot()
            fields.update(flows_json=jdump(snap["flows"]), flags_json=jdump(snap["flags"]),
                          **position_fields(run), notes="\n\n".join(run.notes) or None)
            actor, role = actor or run.actor[0], role or run.actor[1]
        if duration_s is not None:
            fields["duration_s"] = round(max(duration_s, 0.0), 3)
        with self.store.writing():
            self._close(call_uuid, fields, status="abandoned", event_kind="abandoned", offset=duration_s or 0.0,
                        actor=actor, role=role, reason=reason.strip())
        return self.get(call_uuid)

    def add_addendum(self, call_uuid: str, text: str, reason: str, author: str, *, role: str = "",
                     device_id: str = "", force_code: str = "", summary: Optional[SummaryBuilder] = None) -> int:
        """A correction to a closed call: version + 1, an 'amended' event, and (live, final) a new outbox row."""
        if not text or not text.strip():
            raise EngineError("an addendum needs its text")
        if not reason or not reason.strip():
            raise EngineError("an addendum needs a reason")
        if not author or not author.strip():
            raise EngineError("an addendum needs its author")
        with self.store.writing():
            cur = self.conn.execute("UPDATE calls SET version = version + 1 WHERE uuid = ? AND status <> 'in_progress'",
                                    (call_uuid,))
            if cur.rowcount != 1:
                self.get(call_uuid)
                raise CallImmutable("Only finalised or abandoned calls take addenda; this call is still open.")
            row = self.get(call_uuid)
            self._insert_event(call_uuid, kind="amended", wall=now_iso(), offset=0.0, actor=author.strip(), role=role,
                               value={"version": row["version"]}, text=text, reason=reason.strip())
            if row["status"] == "final" and row["mode"] == "live" and not row["demo"]:
                self._insert_outbox(row, device_id=device_id, force_code=force_code, summary=summary)
        return int(row["version"])

    def _insert_outbox(self, row: Mapping[str, Any], *, device_id: str, force_code: str,
                       summary: Optional[SummaryBuilder]) -> None:
        from .figures import summary_extras

        if summary is None:
            raise ValueError("a live call's outbox row needs the summary builder (the services pass sync's)")
        ob = outbox_row_for(row, device_id=device_id, force_code=force_code, summary=summary,
                            extras=summary_extras(self.conn, row, self.store.settings))
        cols = list(ob)
        self.conn.execute(f"INSERT INTO outbox ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                          [ob[c] for c in cols])

    def db_event(self, kind: str, value: Mapping[str, Any]) -> None:
        """A database-level audit event (no call), e.g. a retention purge (inside a transaction)."""
        self._insert_event(None, kind=kind, wall=now_iso(), offset=0.0, value=dict(value))

