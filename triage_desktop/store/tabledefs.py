"""The calls and call_events columns, and the triggers that freeze a closed call and the audit trail."""
from __future__ import annotations

#: calls columns that may change on a closed call: an addendum's version bump, and the chain head.
MUTABLE_COLUMNS = ("version", "events_head")
#: Personal details and free text on a call: purged after the retention period (never synced).
PERSONAL_COLUMNS = ("caller_name", "caller_phone", "address", "notes", "override_reason", "early_exit_reason",
                    "immediate_risk_reason", "abandon_reason", "cad_incident")
#: Columns that may change on a finalised call only as part of a purge (rationale loses the reasons in it).
PURGE_COLUMNS = PERSONAL_COLUMNS + ("rationale", "personal_salt", "personal_purged_at")

CALL_COLUMNS: dict[str, str] = {
    "uuid": "TEXT PRIMARY KEY",
    "mode": "TEXT NOT NULL CHECK (mode IN ('live', 'training'))",
    "status": "TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'final', 'abandoned'))",
    "version": "INTEGER NOT NULL DEFAULT 0",
    "flow_id": "TEXT NOT NULL",
    "flow_version": "TEXT NOT NULL",
    "flow_hash": "TEXT NOT NULL",
    "flows_json": "TEXT NOT NULL DEFAULT '[]'",
    "flow_set_id": "INTEGER REFERENCES flow_sets(id)",  # every flow loaded at call start (for resume)
    "pathway": "TEXT",
    "current_flow": "TEXT",
    "current_node": "TEXT",
    "answers_count": "INTEGER NOT NULL DEFAULT 0",
    "last_seq": "INTEGER NOT NULL DEFAULT 0",
    "updated_at": "TEXT",
    "outcome_code": "TEXT",
    "original_outcome_code": "TEXT",
    "response": "TEXT",
    "grade": "TEXT",
    "police_attend": "INTEGER NOT NULL DEFAULT 0",
    "flags_json": "TEXT NOT NULL DEFAULT '[]'",
    "thrive_json": "TEXT NOT NULL DEFAULT '{}'",
    "thrive_levels_json": "TEXT NOT NULL DEFAULT '{}'",
    "immediate_risk": "INTEGER NOT NULL DEFAULT 0",
    "early_exit": "INTEGER NOT NULL DEFAULT 0",
    "overridden": "INTEGER NOT NULL DEFAULT 0",
    "handover": "INTEGER NOT NULL DEFAULT 0",
    "caller_informed": "INTEGER NOT NULL DEFAULT 0",
    "started_at": "TEXT NOT NULL",
    "decision_offset_s": "REAL",
    "duration_s": "REAL",
    "finalised_at": "TEXT",
    "handler_id": "TEXT",
    "handler_role": "TEXT",
    "rationale": "TEXT",
    "override_reason": "TEXT",
    "early_exit_reason": "TEXT",
    "immediate_risk_reason": "TEXT",
    "abandon_reason": "TEXT",
    "caller_name": "TEXT",
    "caller_phone": "TEXT",
    "address": "TEXT",
    "notes": "TEXT",
    "personal_salt": "TEXT",
    "personal_hash": "TEXT",
    "personal_purged_at": "TEXT",
    "content_hash": "TEXT",
    "events_head": "TEXT",  # hash of the call's last call_events row (where its chain continues)
    "demo": "INTEGER NOT NULL DEFAULT 0",
}
#: Columns added by migration 0004 for the issues that build on the store (one migration, so branches never
#: collide on a name). They are NOT in content-hash version 1 (chain.CONTENT_COLUMNS_V1): old finalised calls keep
#: their hashes; hash version 2 (chain.HASH_VERSIONS) covers them. Owners: callers (caller_type, first_decision_code,
#: decision_raised, repeat_links_json), force pack (partners_json, rollout_phase), screens (cad_incident,
#: personal), Welsh (call_language).
SHARED_CALL_COLUMNS: dict[str, str] = {
    "caller_type": "TEXT",                     # who is calling (vocab code), recorded by the entry flow
    "first_decision_code": "TEXT",             # the first decision's outcome code (decision_offset_s is its time)
    "decision_raised": "INTEGER NOT NULL DEFAULT 0",  # 1 when a post-decision step raised the decision
    "repeat_links_json": "TEXT NOT NULL DEFAULT '[]'",  # uuids of earlier calls on this PC sharing a number/name
    "partners_json": "TEXT NOT NULL DEFAULT '[]'",      # partner directory codes offered at the outcome
    "rollout_phase": "INTEGER",                # the force pack's RCRP phase of the call's pathway (NULL: none)
    "cad_incident": "TEXT",                    # command-and-control incident number (personal: purged)
    "call_language": "TEXT NOT NULL DEFAULT 'en'",  # language the call was conducted in (en / cy)
}
CALL_COLUMNS.update(SHARED_CALL_COLUMNS)
#: Columns added by the rel branch's migration 0005 (the hash versions each closed call and each event was sealed
#: with). Kept out of CALL_COLUMNS / EVENT_COLUMNS, which migrations 0001 and 0004 create; the store writes them.
SEAL_CALL_COLUMNS: dict[str, str] = {"hash_version": "INTEGER NOT NULL DEFAULT 1"}
SEAL_EVENT_COLUMNS: dict[str, str] = {"chain_version": "INTEGER NOT NULL DEFAULT 1"}
#: Added by 0007: the HMAC of the event's hash with the audit key kept outside the data dir (NULL without a key).
MAC_EVENT_COLUMNS: dict[str, str] = {"mac": "TEXT"}
#: Added by 0042_durable_shown_folded: the 'question shown' event an answer led to, kept in the answer's own row
#: (canonical JSON of its fields; NULL for every other row). Covered by chain version 2 (chain.CHAIN_VERSIONS).
FOLD_EVENT_COLUMNS: dict[str, str] = {"shown_json": "TEXT"}
#: Added by 0044_durable_position_in_row: where the call stood after the action whose last row this is (the
#: calls columns current_flow, current_node, answers_count, last_seq, updated_at), kept in that row instead of an
#: UPDATE of the call's row per answer; NULL in every other row. Not hashed (like the calls columns while the call
#: is open); frozen by the append-only trigger like every column. Written into the calls row when the call closes.
POSITION_EVENT_COLUMNS: dict[str, str] = {"pos_flow": "TEXT", "pos_node": "TEXT", "pos_answers": "INTEGER",
                                          "pos_seq": "INTEGER", "pos_at": "TEXT"}

EVENT_COLUMNS: dict[str, str] = {
    "id": "INTEGER PRIMARY KEY",
    "call_uuid": "TEXT REFERENCES calls(uuid)",
    "seq": "INTEGER",  # the engine's event number; NULL for store events (started, finalised, amended, ...)
    "kind": "TEXT NOT NULL",
    "wall": "TEXT NOT NULL",
    "offset_s": "REAL NOT NULL",
    "actor": "TEXT NOT NULL DEFAULT ''",
    "role": "TEXT NOT NULL DEFAULT ''",
    "flow": "TEXT NOT NULL DEFAULT ''",
    "node": "TEXT NOT NULL DEFAULT ''",
    "value_json": "TEXT",
    "value_private": "INTEGER NOT NULL DEFAULT 0",  # 1: value is free text (a text answer), purged with reason/text
    "volunteered": "INTEGER NOT NULL DEFAULT 0",
    "code": "TEXT NOT NULL DEFAULT ''",
    "reason": "TEXT",
    "text": "TEXT",
    "private_salt": "TEXT",
    "private_hash": "TEXT",
    "purged": "INTEGER NOT NULL DEFAULT 0",
    "prev_call_hash": "TEXT NOT NULL",
    "prev_hash": "TEXT NOT NULL",
    "hash": "TEXT NOT NULL",
}
#: call_events columns a purge may blank (everything else is frozen for ever).
EVENT_PURGE_COLUMNS = ("value_json", "reason", "text", "private_salt", "purged")


def _changed(cols: "tuple[str, ...] | list[str]") -> str:
    return " OR ".join(f"NEW.[{c}] IS NOT OLD.[{c}]" for c in cols)


#: The frozen calls columns an action's position UPDATE sets (store/calls.py record_many; `caller_type` too, only when
#: it changed, which is rare). Once the call is closed they are guarded by a trigger of their own
#: (calls_frozen_position): AFTER UPDATE OF these columns only, reading nothing but them and the status, all among
#: the table's first 32 columns. So the UPDATE every answer makes fires that small trigger alone, and SQLite neither
#: loads the whole old row for it nor reloads the row after it, as it must for the row-wide BEFORE triggers
#: (callgrind: 67,000 -> 46,000 instructions per position UPDATE). The guard is the same: an UPDATE of a closed call
#: that changes any frozen column is refused by one of the three triggers, with the same message.
POSITION_GUARDED_COLUMNS = ("pathway", "current_flow", "current_node", "answers_count", "last_seq", "updated_at")


def _of(cols: "list[str]") -> str:
    return ", ".join(f"[{c}]" for c in cols)


def call_triggers_sql(columns: "dict[str, str] | None" = None) -> list[str]:
    """Triggers that make finalised/abandoned calls immutable, except version bumps and purges.

    Each fires only for an UPDATE that names one of its columns (UPDATE OF): an UPDATE that names none of them cannot
    change them. Migration 0043_durable_position_guard split them so (before it: two triggers on every UPDATE)."""
    columns = CALL_COLUMNS if columns is None else columns
    frozen = [c for c in columns if c not in PURGE_COLUMNS and c not in MUTABLE_COLUMNS]
    position = [c for c in frozen if c in POSITION_GUARDED_COLUMNS]
    rest = [c for c in frozen if c not in POSITION_GUARDED_COLUMNS]
    purge = [c for c in PURGE_COLUMNS if c in columns]
    personal_null = " AND ".join(f"NEW.[{c}] IS NULL" for c in PERSONAL_COLUMNS if c in columns)
    return [
        "DROP TRIGGER IF EXISTS calls_frozen",
        f"""CREATE TRIGGER calls_frozen BEFORE UPDATE OF {_of(rest)} ON calls
WHEN OLD.status <> 'in_progress' AND ({_changed(rest)})
BEGIN SELECT RAISE(ABORT, 'calls: a finalised call is immutable (add an addendum)'); END""",
        "DROP TRIGGER IF EXISTS calls_frozen_position",
        f"""CREATE TRIGGER calls_frozen_position AFTER UPDATE OF {_of(position)} ON calls
WHEN OLD.status <> 'in_progress' AND ({_changed(position)})
BEGIN SELECT RAISE(ABORT, 'calls: a finalised call is immutable (add an addendum)'); END""",
        "DROP TRIGGER IF EXISTS calls_version",
        """CREATE TRIGGER calls_version BEFORE UPDATE OF version ON calls
WHEN OLD.status <> 'in_progress' AND NEW.version IS NOT OLD.version AND NEW.version IS NOT OLD.version + 1
BEGIN SELECT RAISE(ABORT, 'calls: a finalised call is immutable (version only moves on by one)'); END""",
        "DROP TRIGGER IF EXISTS calls_purge_only",
        f"""CREATE TRIGGER calls_purge_only BEFORE UPDATE OF {_of(purge)} ON calls
WHEN OLD.status <> 'in_progress' AND ({_changed(PURGE_COLUMNS)})
 AND NOT (OLD.personal_purged_at IS NULL AND NEW.personal_purged_at IS NOT NULL
          AND NEW.personal_salt IS NULL AND {personal_null})
BEGIN SELECT RAISE(ABORT, 'calls: a finalised call is immutable (personal details can only be purged)'); END""",
        "DROP TRIGGER IF EXISTS calls_no_delete",
        """CREATE TRIGGER calls_no_delete BEFORE DELETE ON calls
BEGIN SELECT RAISE(ABORT, 'calls: calls are never deleted (immutable record)'); END""",
    ]


def event_triggers_sql(columns: "dict[str, str] | None" = None) -> list[str]:
    """Triggers that make call_events append-only (a purge may only blank the private fields)."""
    columns = EVENT_COLUMNS if columns is None else columns
    frozen = [c for c in columns if c not in EVENT_PURGE_COLUMNS]
    return [
        "DROP TRIGGER IF EXISTS call_events_append_only",
        f"""CREATE TRIGGER call_events_append_only BEFORE UPDATE ON call_events
WHEN NOT (OLD.purged = 0 AND NEW.purged = 1 AND NEW.reason IS NULL AND NEW.text IS NULL
          AND NEW.private_salt IS NULL
          AND (NEW.value_json IS OLD.value_json OR (OLD.value_private = 1 AND NEW.value_json IS NULL))
          AND NOT ({_changed(frozen)}))
BEGIN SELECT RAISE(ABORT, 'call_events: the audit trail is append-only and immutable'); END""",
        "DROP TRIGGER IF EXISTS call_events_no_delete",
        """CREATE TRIGGER call_events_no_delete BEFORE DELETE ON call_events
BEGIN SELECT RAISE(ABORT, 'call_events: the audit trail is append-only and immutable'); END""",
        "DROP TRIGGER IF EXISTS call_events_open_call",
        """CREATE TRIGGER call_events_open_call BEFORE INSERT ON call_events
WHEN NEW.seq IS NOT NULL AND (SELECT status FROM calls WHERE uuid = NEW.call_uuid) IS NOT 'in_progress'
BEGIN SELECT RAISE(ABORT, 'call_events: the call is finalised and immutable (add an addendum)'); END""",
    ]
