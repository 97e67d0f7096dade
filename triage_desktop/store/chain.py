"""The tamper-evident audit chain: row hashes, salted hashes of purgeable text, and `db verify`."""
from __future__ import annotations

import hashlib
import json
import json.encoder as _json_encoder
import secrets
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

from .tabledefs import CALL_COLUMNS, MUTABLE_COLUMNS, PERSONAL_COLUMNS, PURGE_COLUMNS, SHARED_CALL_COLUMNS

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
#: calls columns covered by the salted `personal_hash`.
#: version 1, explicit for the same reason (cad_incident, added later, is personal but not in version 1).
PERSONAL_HASHED_V1 = ("caller_name", "caller_phone", "address", "notes", "override_reason", "early_exit_reason",
                      "immediate_risk_reason", "abandon_reason", "rationale")
PERSONAL_HASHED = PERSONAL_HASHED_V1  # kept for callers of the old name


@dataclass(frozen=True)
class HashVersion:
    """What one version of a closed call's seal covers: the content-hash columns and the personal-hash columns."""

    content: tuple[str, ...]
    personal: tuple[str, ...]


#: Every content/personal hash version a closed call may have been sealed with (`calls.hash_version`).
#: NEVER change an entry once released: a call sealed with it must verify for ever. To cover a new column, add
#: one line with the next number (docs/store.md, "Adding a column to the hash"); new closes use the highest.
HASH_VERSIONS: dict[int, HashVersion] = {
    1: HashVersion(CONTENT_COLUMNS_V1, PERSONAL_HASHED_V1),
    2: HashVersion(CONTENT_COLUMNS_V1 + tuple(c for c in SHARED_CALL_COLUMNS if c not in PERSONAL_COLUMNS),
                   PERSONAL_HASHED_V1 + tuple(c for c in SHARED_CALL_COLUMNS if c in PERSONAL_COLUMNS)),
}
CURRENT_HASH_VERSION = max(HASH_VERSIONS)
CONTENT_COLUMNS = HASH_VERSIONS[CURRENT_HASH_VERSION].content


def current_hash_version() -> int:
    """The version new closes are sealed with: the highest registered."""
    return max(HASH_VERSIONS)


def current_chain_version() -> int:
    """The highest canonical form of event rows registered (new rows: FOLDED_CHAIN_VERSION if they carry a folded
    'shown' event, else version 1; see chain_version_for)."""
    return max(CHAIN_VERSIONS)


def chain_version_for(shown_json: Optional[str]) -> int:
    """The chain version a new event row is hashed in."""
    return FOLDED_CHAIN_VERSION if shown_json is not None else 1

for _v in HASH_VERSIONS.values():
    assert set(_v.content) <= set(CALL_COLUMNS) - set(PURGE_COLUMNS) - set(MUTABLE_COLUMNS), _v
    assert set(_v.personal) <= set(PURGE_COLUMNS), _v

#: Every canonical form of an event row's hash (`call_events.chain_version`); same rule: add, never change.
CHAIN_VERSIONS: dict[int, tuple[str, ...]] = {
    1: HASHED_EVENT_FIELDS,
    # a row that carries the 'question shown' event its answer led to (call_events.shown_json, migration 0042)
    2: HASHED_EVENT_FIELDS + ("shown_json",),
}
#: The chain version of a row carrying a folded 'shown' event; a row without one is written as version 1 (its
#: version-2 hash would only add a constant null). A version-1 row never carries one: `db verify` says so.
FOLDED_CHAIN_VERSION = 2
CURRENT_CHAIN_VERSION = max(CHAIN_VERSIONS)


class UnknownHashVersion(ValueError):
    """A row sealed with a hash version this app does not know (written by a newer app, or tampered with)."""


#: json.dumps with these arguments builds this same encoder on every call; made once, the text is the same.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_CANONICAL = _ENCODER.encode
#: The C encoder that `_ENCODER.encode` itself builds on each call (json.encoder.JSONEncoder.iterencode), made once:
#: the same text, without the two Python layers and the per-call construction (~1 us of the ~3 us an event row's
#: hash input takes). No circular-reference bookkeeping (markers None): a structure that contains itself is never
#: hashed (it would fail either way: RecursionError instead of ValueError).
_C_CANONICAL = (_json_encoder.c_make_encoder(None, _ENCODER.default, _json_encoder.encode_basestring, None, ":", ",",
                                             True, False, False)
                if _json_encoder.c_make_encoder is not None else None)
_encode_str = _json_encoder.encode_basestring


def canonical(obj: Any) -> str:
    """One text form for hashing: sorted keys, no spaces, exact unicode."""
    if obj.__class__ is str:
        return _encode_str(obj)
    if _C_CANONICAL is None:
        return _CANONICAL(obj)
    return "".join(_C_CANONICAL(obj, 0))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def private_hash(salt: str, values: Sequence[Any]) -> str:
    """Salted hash of purgeable text: once text and salt are purged, nothing can be guessed back from it."""
    return sha256(salt + canonical(list(values)))


def event_private_values(row: Mapping[str, Any]) -> list[Any]:
    return [row.get("value_json") if row.get("value_private") else None, row.get("reason"), row.get("text")]


def _version(row: Mapping[str, Any], key: str, version: Optional[int], current: int) -> int:
    if version is not None:
        return version
    got = row.get(key)
    return current if got is None else int(got)


def hash_version_of(row: Mapping[str, Any], version: Optional[int] = None) -> HashVersion:
    """The HashVersion a closed call row was sealed with (its `hash_version`; the current one when absent)."""
    v = _version(row, "hash_version", version, current_hash_version())
    try:
        return HASH_VERSIONS[v]
    except KeyError:
        raise UnknownHashVersion(f"hash version {v} is not known to this version of triage-desktop") from None


def event_hash(row: Mapping[str, Any], version: Optional[int] = None) -> str:
    """The hash of one call_events row, in the canonical form of its `chain_version` (version 1 if absent: a row
    from before chain versions, or one without a folded 'shown' event)."""
    v = _version(row, "chain_version", version, 1)
    try:
        fields = CHAIN_VERSIONS[v]
    except KeyError:
        raise UnknownHashVersion(f"chain version {v} is not known to this version of triage-desktop") from None
    get = row.get
    values = list(map(get, fields))  # a missing field hashes as None
    if "public_value" in fields:
        values[fields.index("public_value")] = None if get("value_private") else get("value_json")
    return sha256(canonical(values))


def personal_hash(salt: str, row: Mapping[str, Any], version: Optional[int] = None) -> str:
    """The salted hash of a closed call's personal columns, as its hash version lists them."""
    return private_hash(salt, [row.get(c) for c in hash_version_of(row, version).personal])


def content_hash(row: Mapping[str, Any], version: Optional[int] = None) -> str:
    """The frozen hash of a finalised call's decision record (plus the salted personal hash), in its hash version."""
    return sha256(canonical({c: row.get(c) for c in hash_version_of(row, version).content}))


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


def verify(conn: sqlite3.Connection, *, limit: int = 20, key: Any = None, summary: Any = None) -> VerifyResult:
    """Walk the per-database and per-call chains and re-check every frozen call; never stops at the first problem.

    With the audit key (store/auditkey.py), every event from the first one it signed must carry its signature.
    """
    res = VerifyResult()
    conn_rf = conn.row_factory
    conn.row_factory = sqlite3.Row
    try:
        cutoff = _purge_cutoff(conn) or ""

        def purgeable(started_at: Optional[str]) -> bool:
            return started_at is not None and started_at < cutoff

        prev = ""
        heads: dict[Optional[str], str] = {}
        since = key.since() if key is not None else None
        first_signed = None
        if key is not None and "mac" in {r[1] for r in conn.execute("PRAGMA table_info(call_events)")}:
            first = conn.execute("SELECT min(id) FROM call_events WHERE mac IS NOT NULL").fetchone()
            first_signed = first[0] if first else None
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
            try:
                changed = event_hash(row) != row["hash"]
            except UnknownHashVersion as exc:
                if res.add(f"{where}: {exc}", limit):
                    return res
                changed = False
            if changed:
                if res.add(f"{where}: contents changed (hash mismatch)", limit):
                    return res
            elif row.get("shown_json") is not None and "shown_json" not in CHAIN_VERSIONS.get(
                    int(row.get("chain_version") or 1), ()):
                if res.add(f"{where}: contents changed (a 'shown' event its hash does not cover)", limit):
                    return res
            if key is not None:
                signed_from = since if since is not None else first_signed
                if row.get("mac") is not None and not key.check(row["hash"], row.get("mac")):
                    if res.add(f"{where}: its signature does not match the audit key (forged or altered)", limit):
                        return res
                elif row.get("mac") is None and signed_from is not None and row["id"] >= signed_from:
                    if res.add(f"{where}: not signed with the audit key (forged, or written without the key)",
                               limit):
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
        final_versions: dict[str, Any] = {}
        for r in conn.execute("SELECT call_uuid, value_json FROM call_events WHERE kind IN ('finalised', 'abandoned') "
                              "AND seq IS NULL"):
            try:
                sealed = json.loads(r[1])
                final_hashes[r[0]] = sealed["content_hash"]
                final_versions[r[0]] = sealed.get("hash_version", 1)
            except (TypeError, ValueError, KeyError, AttributeError):
                final_hashes[r[0]] = None
        call_status = dict(conn.execute("SELECT uuid, status FROM calls"))
        for call_uuid in heads:  # events whose call row is gone: a deleted call
            if call_uuid is not None and call_uuid not in call_status:
                if res.add(f"calls row {call_uuid}: missing (its audit events are there: the call was deleted)",
                           limit):
                    return res
        for call_uuid, status in call_status.items():
            if status == "in_progress" and call_uuid in final_hashes:
                if res.add(f"calls row {call_uuid}: marked in progress but its audit trail says it was closed",
                           limit):
                    return res
        for r in conn.execute("SELECT * FROM calls WHERE status <> 'in_progress' ORDER BY rowid"):
            res.calls_checked += 1
            row = dict(r)
            where = f"calls row {row['uuid']}"
            has_trail = row["uuid"] in heads
            if has_trail and row["uuid"] not in final_hashes:
                if res.add(f"{where}: closed, but its 'finalised'/'abandoned' audit event is missing", limit):
                    return res
            if row["content_hash"] is None:
                if res.add(f"{where}: finalised without a content hash", limit):
                    return res
                continue
            hv = row["hash_version"] if "hash_version" in row else 1  # a database not migrated yet: all version 1
            row["hash_version"] = hv
            if hv not in HASH_VERSIONS:
                if res.add(f"{where}: sealed with hash version {hv}, which this version of triage-desktop does "
                           "not know", limit):
                    return res
                continue
            if row["uuid"] in final_versions and final_versions[row["uuid"]] != hv:
                if res.add(f"{where}: hash version differs from the one in its audit trail", limit):
                    return res
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
        for problem in _outbox_problems(conn, summary) + _flow_version_problems(conn):
            if res.add(problem, limit):
                return res
        return res
    finally:
        conn.row_factory = conn_rf


def _outbox_problems(conn: sqlite3.Connection, summary: Any = None) -> list[str]:
    """Each outbox payload against its stored hash, and against the summary its (sealed) call gives.

    `summary`: sync's (build_summary, canonical_json), handed in by the services or the command line (the store never
    imports sync); without it only the stored hashes are checked."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").fetchone() is None:
        return []
    problems = []
    build_summary, canonical_json = summary if summary is not None else (None, None)
    calls: dict[str, dict[str, Any]] = {}
    for r in conn.execute("SELECT o.*, c.uuid AS c_uuid FROM outbox o LEFT JOIN calls c ON c.uuid = o.call_uuid "
                          "ORDER BY o.id"):
        row = dict(r)
        where = f"outbox row {row['id']}"
        if row["status"] == "quarantined" and row["payload"] == "{}":
            continue  # a summary the builder refused at finalise: nothing was to be sent
        if sha256(row["payload"]) != row["payload_hash"]:
            problems.append(f"{where}: payload changed (does not match its stored hash)")
            continue
        if build_summary is None or row["c_uuid"] is None:
            continue
        try:
            sent = json.loads(row["payload"])
            if row["call_uuid"] not in calls:
                calls[row["call_uuid"]] = dict(conn.execute("SELECT * FROM calls WHERE uuid = ?",
                                                            (row["call_uuid"],)).fetchone())
            call = dict(calls[row["call_uuid"]], version=row["call_version"])
            expected = build_summary(call, device_id=sent["device_id"], force_code=sent["force_code"])
        except Exception:  # noqa: BLE001 - a payload that cannot even be rebuilt is itself the finding
            problems.append(f"{where}: payload does not match its call (cannot be rebuilt)")
            continue
        if canonical_json(expected) != row["payload"]:
            problems.append(f"{where}: payload does not match its call {row['call_uuid']} (edited with its hash)")
    return problems


def _flow_version_problems(conn: sqlite3.Connection) -> list[str]:
    """Each stored flow source against the content hash it is stored under (what calls were asked from)."""
    return [f"flow_versions row {h}: flow {fid} source text changed (hash mismatch)"
            for h, fid, text in conn.execute("SELECT hash, flow_id, source_text FROM flow_versions")
            if sha256(text) != h]
