"""Writing a call's close: finalise, abandon, addenda, and the outbox row a live final call (or addendum) gets."""
from __future__ import annotations

from typing import Any, Mapping, Optional

from ..core.engine import EngineError, FlowRun
from .callbase import CallStoreBase, jdump
from .callrow import SummaryBuilder, decision_fields, now_iso, outbox_row_for, position_fields
from .chain import content_hash, current_hash_version, new_salt, personal_hash
from .errors import CallImmutable


class CallClosing(CallStoreBase):
    """The close of a call (inside CallStore): status, frozen hashes, its audit event and its outbox row."""

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
