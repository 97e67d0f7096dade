"""Calls and their append-only events: CallStore, one durable transaction per action (start, answers, details).

Its reads and the chained writes under every action are in callbase.py; the close (finalise, abandon, addenda,
outbox) in callclose.py."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Callable, Mapping, Optional, Sequence

from ..core.engine import Event, FlowLibrary, FlowRun
from .callbase import jdump
from .callclose import CallClosing
from .errors import CallImmutable, CallNotFound
from .eventrows import HASH_AT, NO_POSITION, POSITION_KEYS, answer_row, event_params, row_position
from .callrow import (SummaryBuilder, decision_columns, decision_fields, now_iso, outbox_row_for,  # noqa: F401
                      position_fields)  # (re-exported: their home was this module)
from .shownfold import foldable_shown, shown_json, unfold  # noqa: F401 - shown_json re-exported

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
#: record_many's position UPDATE (the position's columns, open calls only) by position columns.
_POSITION_SQL: dict[tuple[str, ...], str] = {}


class _StaleTail(Exception):
    """The chain tail record_many remembered is no longer the last row (another connection appended to the chain)."""


class CallStore(CallClosing):
    """The calls and call_events tables of one open Store (same thread as the Store)."""

    @classmethod
    def reader(cls, conn: sqlite3.Connection) -> "CallStore":
        """Read-only access over a bare connection (the export command, while the app may be running)."""
        cs = cls.__new__(cls)
        cs.store, cs.conn = None, conn  # type: ignore[assignment]
        return cs

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
                or len(position) != len(POSITION_KEYS)):
            return False
        try:
            pos = row_position(position)  # (five keys, all of them the position's: the row's position columns)
        except KeyError:
            return False
        _, last_id, last_hash, _, head = tail
        key = store.audit_key
        # the common answer, its row built in one step (eventrows.answer_row); any other shape the general way
        fast = answer_row(last_id + 1, last_hash, head, call_uuid, ev, value_private, also[0], key, pos) if len(
            also) == 1 else None
        shown = None
        if fast is None and also:
            if ev.kind == "shown" or not foldable_shown(*also[0]):
                return False
            shown = shown_json(also[0][0])
        try:
            if fast is not None:
                conn.execute(fast[0], fast[1])
                if key is not None:
                    key.record_since(last_id + 1)
                digest = fast[2]
            else:
                row = event_params(last_id + 1, last_hash, head, call_uuid, ev.seq, ev.kind, ev.wall, ev.offset,
                                   ev.actor, ev.role, ev.flow, ev.node, ev.value, value_private, ev.volunteered,
                                   ev.code, ev.reason, ev.text, shown, key, pos)
                self._write_params([row])
                digest = row[HASH_AT]
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, sqlite3.IntegrityError) and "call_events.id" in str(exc):
                raise _StaleTail() from exc
            mapped = store._translated(exc)
            if mapped is exc:
                raise
            raise mapped from exc
        store.chain_tail = (conn.total_changes, last_id + 1, digest, call_uuid, digest)
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
                pos: Sequence[Any] = row_position(position)
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
        return row_position(position)

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

    def db_event(self, kind: str, value: Mapping[str, Any]) -> None:
        """A database-level audit event (no call), e.g. a retention purge (inside a transaction)."""
        self._insert_event(None, kind=kind, wall=now_iso(), offset=0.0, value=dict(value))
