"""The tamper-evident audit chain: row hashes, salted hashes of purgeable text, and `db verify`."""
from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

from .schema import CALL_COLUMNS, MUTABLE_COLUMNS, PERSONAL_COLUMNS, PURGE_COLUMNS

#: call_events fields covered by each row's hash. Purgeable text (reason, text, a text answer's value) is
#: covered only through `private_hash`, a salted hash: a purge blanks the text and the salt, the chain stays whole.
HASHED_EVENT_FIELDS = ("id", "call_uuid", "seq", "kind", "wall", "offset_s", "actor", "role", "flow", "node",
                       "public_value", "value_private", "volunteered", "code", "private_hash",
                       "prev_call_hash", "prev_hash")
#: calls columns frozen into `content_hash` at finalise (personal details enter via `personal_hash`): version 1,
#: an explicit list so that columns added later never change the hash of a call sealed before them.
CONTENT_COLUMNS_V1 = (
    "uuid", "mode", "status", "flow_id", "flow_version", "flow_hash", "flows_json", "flow_set_id", "pathway",
    "current_flow", "current_node", "answers_count", "last_seq", "updated_at", "outcome_code",
    "original_outcome_code", "response", "grade", "police_attend", "flags_json", "thrive_json",
    "thrive_levels_json", "immediate_risk", "early_exit", "overridden", "handover", "caller_informed", "started_at",
    "decision_offset_s", "duration_s", "finalised_at", "handler_id", "handler_role", "personal_hash", "demo")
CONTENT_COLUMNS = CONTENT_COLUMNS_V1
assert set(CONTENT_COLUMNS) <= set(CALL_COLUMNS) - set(PURGE_COLUMNS) - set(MUTABLE_COLUMNS)
#: calls columns covered by the salted `personal_hash`.
#: version 1, explicit for the same reason (cad_incident, added later, is personal but not in version 1).
PERSONAL_HASHED = ("caller_name", "caller_phone", "address", "notes", "override_reason", "early_exit_reason",
                   "immediate_risk_reason", "abandon_reason", "rationale")


def canonical(obj: Any) -> str:
    """One text form for hashing: sorted keys, no spaces, exact unicode."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def private_hash(salt: str, values: Sequence[Any]) -> str:
    """Salted hash of purgeable text: once text and salt are purged, nothing can be guessed back from it."""
    return sha256(salt + canonical(list(values)))


def event_private_values(row: Mapping[str, Any]) -> list[Any]:
    return [row.get("value_json") if row.get("value_private") else None, row.get("reason"), row.get("text")]


def event_hash(row: Mapping[str, Any]) -> str:
    """The hash of one call_events row (over HASHED_EVENT_FIELDS)."""
    public = None if row.get("value_private") else row.get("value_json")
    return sha256(canonical([public if f == "public_value" else row.get(f) for f in HASHED_EVENT_FIELDS]))


def personal_hash(salt: str, row: Mapping[str, Any]) -> str:
    return private_hash(salt, [row.get(c) for c in PERSONAL_HASHED])


def content_hash(row: Mapping[str, Any]) -> str:
    """The frozen hash of a finalised call's decision record (plus the salted personal hash)."""
    return sha256(canonical({c: row.get(c) for c in CONTENT_COLUMNS}))


@dataclass
class VerifyResult:
    """What `db verify` found: rows checked and every problem (the first one names the first broken row)."""

    events_checked: int = 0
    calls_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_broken(self) -> Optional[str]:
        return self.problems[0] if self.problems else None

    def add(self, problem: str, limit: int) -> bool:
        self.problems.append(problem)
        return len(self.problems) >= limit


def _purge_cutoff(conn: sqlite3.Connection) -> Optional[str]:
    best: Optional[str] = None
    for (value,) in conn.execute("SELECT value_json FROM call_events WHERE call_uuid IS NULL AND kind = 'purge'"):
        try:
            cutoff = json.loads(value)["cutoff"]
        except (TypeError, ValueError, KeyError):
            continue
        best = cutoff if best is None or cutoff > best else best
    return best


def verify(conn: sqlite3.Connection, *, limit: int = 20) -> VerifyResult:
    """Walk the per-database and per-call chains and re-check every frozen call; never stops at the first problem."""
    res = VerifyResult()
    conn_rf = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        cutoff = _purge_cutoff(conn) or ""

        def purgeable(started_at: Optional[str]) -> bool:
            return started_at is not None and started_at < cutoff

        prev = ""
        heads: dict[Optional[str], str] = {}
        for r in conn.execute("SELECT e.*, c.started_at AS call_started_at FROM call_events e "
                              "LEFT JOIN calls c ON c.uuid = e.call_uuid ORDER BY e.id"):
            res.events_checked += 1
            row = dict(r)
            where = f"call_events row {row['id']}"
            if row["prev_hash"] != prev:
                if res.add(f"{where}: breaks the database chain (a row before it was removed or changed)", limit):
                    return res
            if row["prev_call_hash"] != heads.get(row["call_uuid"], ""):
                if res.add(f"{where}: breaks the chain of call {row['call_uuid']}", limit):
                    return res
            if event_hash(row) != row["hash"]:
                if res.add(f"{where}: contents changed (hash mismatch)", limit):
                    return res
            if row["purged"]:
                if not purgeable(row["call_started_at"]):
                    if res.add(f"{where}: text removed outside a recorded retention purge", limit):
                        return res
            elif row["private_salt"] is not None:
                if private_hash(row["private_salt"], event_private_values(row)) != row["private_hash"]:
                    if res.add(f"{where}: free text changed (hash mismatch)", limit):
                        return res
            elif row["private_hash"] is not None:
                if res.add(f"{where}: free text removed outside a recorded retention purge", limit):
                    return res
            prev = row["hash"]
            heads[row["call_uuid"]] = row["hash"]
        final_hashes = {}
        for r in conn.execute("SELECT call_uuid, value_json FROM call_events WHERE kind IN ('finalised', 'abandoned') "
                              "AND seq IS NULL"):
            try:
                final_hashes[r[0]] = json.loads(r[1])["content_hash"]
            except (TypeError, ValueError, KeyError):
                final_hashes[r[0]] = None
        for r in conn.execute("SELECT * FROM calls WHERE status <> 'in_progress' ORDER BY rowid"):
            res.calls_checked += 1
            row = dict(r)
            where = f"calls row {row['uuid']}"
            if row["content_hash"] is None:
                if row["demo"]:
                    continue
                if res.add(f"{where}: finalised without a content hash", limit):
                    return res
                continue
            if content_hash(row) != row["content_hash"]:
                if res.add(f"{where}: decision record changed (content hash mismatch)", limit):
                    return res
            elif row["uuid"] in final_hashes and final_hashes[row["uuid"]] != row["content_hash"]:
                if res.add(f"{where}: content hash differs from the one in its audit trail", limit):
                    return res
            if row["events_head"] is not None and row["events_head"] != heads.get(row["uuid"], ""):
                if res.add(f"{where}: its last audit event is missing or changed (chain head mismatch)", limit):
                    return res
            if row["personal_purged_at"] is None and row["personal_salt"] is not None:
                if personal_hash(row["personal_salt"], row) != row["personal_hash"]:
                    if res.add(f"{where}: personal details or free text changed (hash mismatch)", limit):
                        return res
            elif row["personal_purged_at"] is not None and not purgeable(row["started_at"]):
                if res.add(f"{where}: personal details removed outside a recorded retention purge", limit):
                    return res
        return res
    finally:
        conn.row_factory = conn_rf
