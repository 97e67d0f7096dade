"""Check, classify and store one uploaded batch: accepted, duplicate, conflict or invalid per record, exactly once."""
from __future__ import annotations

import functools
import hashlib
import re
import time
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from sqlalchemy import Engine, and_, func, select
from sqlalchemy.exc import IntegrityError, OperationalError

from ..sync.protocol import (
    ACCEPTED,
    CONFLICT,
    DUPLICATE,
    INVALID,
    RECORD_CODES,
    Key,
    bucket_digests,
    key_digest,
    prefix_upper_bound,
)
from ..sync.schema import summary_problem
from ..sync.summary import canonical_json
from .db import conflicts, summaries, utc_now

_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_LOOKUP_CHUNK = 400
_STORE_TRIES = 8


@dataclass
class Prepared:
    """A valid record, canonicalised and ready to store."""

    index: int
    row: dict[str, Any]

    @property
    def key(self) -> tuple[str, int]:
        return self.row["call_uuid"], self.row["call_version"]


@functools.lru_cache(maxsize=4096)
def iso_week(day: str) -> str:
    """ISO week label (e.g. 2024-W05) of a YYYY-MM-DD date."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def _result(index: int, record: Any, status: str, error: Optional[str] = None) -> dict[str, Any]:
    """One record's answer; identifiers are echoed only when they are well-formed (never free text)."""
    call_uuid = call_version = None
    if isinstance(record, dict):
        value = record.get("call_uuid")
        if isinstance(value, str) and _UUID_RE.fullmatch(value):
            call_uuid = value
        version = record.get("call_version")
        if isinstance(version, int) and not isinstance(version, bool) and 0 < version <= 1000:
            call_version = version
    answer: dict[str, Any] = {
        "index": index,
        "call_uuid": call_uuid,
        "call_version": call_version,
        "status": status,
        "code": RECORD_CODES[status],
    }
    if error:
        answer["error"] = error
    return answer


def prepare(records: list[Any], uploaded_by: str) -> tuple[list[Optional[dict[str, Any]]], list[Prepared]]:
    """Check every record against its schema; return per-index results for the invalid ones and the valid rows."""
    results: list[Optional[dict[str, Any]]] = [None] * len(records)
    valid: list[Prepared] = []
    received = utc_now()
    for index, record in enumerate(records):
        problem = summary_problem(record)
        if problem:
            results[index] = _result(index, record, INVALID, f"record {index}: {problem}")
            continue
        text = canonical_json(record)
        started = record["started_at"]
        valid.append(Prepared(index, {
            "call_uuid": record["call_uuid"],
            "call_version": record["call_version"],
            "device_id": record["device_id"],
            "force_code": record["force_code"],
            "schema_version": record["schema_version"],
            "pathway": record["pathway"],
            "outcome_code": record["outcome_code"],
            "iso_week": iso_week(started[:10]),
            "started_at": started,
            "payload": text,
            "payload_hash": hashlib.sha256(text.encode("ascii")).hexdigest(),
            "uploaded_by": uploaded_by,
            "received_at": received,
        }))
    return results, valid


def _existing(conn: Any, table: Any, keys: list[tuple[str, int]], with_hash: bool) -> dict[Any, str]:
    """Rows already held for these (uuid, version) keys: key -> payload_hash (or (key, hash) -> hash)."""
    held: dict[Any, str] = {}
    uuids = sorted({k[0] for k in keys})
    for start in range(0, len(uuids), _LOOKUP_CHUNK):
        chunk = uuids[start:start + _LOOKUP_CHUNK]
        rows = conn.execute(
            select(table.c.call_uuid, table.c.call_version, table.c.payload_hash).where(table.c.call_uuid.in_(chunk))
        )
        for call_uuid, version, hash_ in rows:
            held[((call_uuid, version), hash_) if with_hash else (call_uuid, version)] = hash_
    return held


def _store_once(engine: Engine, valid: list[Prepared], results: list[Optional[dict[str, Any]]], records: list[Any]) -> None:
    """One attempt, in one transaction: classify against what is held, insert the new rows and the conflicts."""
    with engine.begin() as conn:
        held = _existing(conn, summaries, [p.key for p in valid], with_hash=False)
        new_rows: list[dict[str, Any]] = []
        conflicting: list[Prepared] = []
        for prepared in valid:
            key, hash_ = prepared.key, prepared.row["payload_hash"]
            known = held.get(key)  # also catches a second copy of the same key within this batch
            if known is None:
                held[key] = hash_
                new_rows.append(prepared.row)
                status = ACCEPTED
            elif known == hash_:
                status = DUPLICATE
            else:
                conflicting.append(prepared)
                status = CONFLICT
            error = "this call version is already held with different content; kept aside for review" if status == CONFLICT else None
            results[prepared.index] = _result(prepared.index, records[prepared.index], status, error)
        if new_rows:
            conn.execute(summaries.insert(), new_rows)
        if conflicting:
            seen = _existing(conn, conflicts, [p.key for p in conflicting], with_hash=True)
            fresh = {}
            for prepared in conflicting:
                marker = (prepared.key, prepared.row["payload_hash"])
                if marker not in seen and marker not in fresh:
                    row = {k: prepared.row[k] for k in ("call_uuid", "call_version", "device_id", "payload",
                                                         "payload_hash", "uploaded_by", "received_at")}
                    fresh[marker] = row
            if fresh:
                conn.execute(conflicts.insert(), list(fresh.values()))


def store_batch(engine: Engine, records: list[Any], uploaded_by: str) -> list[dict[str, Any]]:
    """Check and store a batch; returns one result per record, in order, after the commit."""
    results, valid = prepare(records, uploaded_by)
    if valid:
        for attempt in range(_STORE_TRIES):
            try:
                _store_once(engine, valid, results, records)
                break
            except IntegrityError:
                # Another upload committed one of these keys between our look-up and insert: classify again.
                if attempt == _STORE_TRIES - 1:
                    raise
            except OperationalError as error:
                if "locked" not in str(error).lower() or attempt == _STORE_TRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
    return [r for r in results if r is not None]


def held_keys(engine: Engine, device_id: str, prefix: str) -> list[Key]:
    """Every (uuid, version, hash) held for a device whose uuid starts with prefix, sorted."""
    query = select(summaries.c.call_uuid, summaries.c.call_version, summaries.c.payload_hash).where(
        and_(
            summaries.c.device_id == device_id,
            summaries.c.call_uuid >= prefix,
            summaries.c.call_uuid < prefix_upper_bound(prefix),
        )
    )
    with engine.connect().execution_options(read_only=True) as conn:
        keys = [(u, int(v), h) for u, v, h in conn.execute(query)]
    keys.sort()
    return keys


def reconcile_answer(engine: Engine, device_id: str, prefix: str, list_keys: bool, max_keys: int) -> dict[str, Any]:
    """Count, digest and per-digit buckets of what is held for a device under a uuid prefix (and the keys if asked)."""
    keys = held_keys(engine, device_id, prefix)
    answer: dict[str, Any] = {
        "device_id": device_id,
        "prefix": prefix,
        "count": len(keys),
        "digest": key_digest(keys),
        "buckets": bucket_digests(keys, prefix),
    }
    if list_keys:
        if len(keys) > max_keys:
            answer["keys"] = None
            answer["too_many_keys"] = True
        else:
            answer["keys"] = [list(k) for k in keys]
    return answer


def aggregate_rows(engine: Engine, since: Optional[str], until: Optional[str], force_code: Optional[str]) -> list[dict[str, Any]]:
    """Counts of summaries by ISO week, pathway and outcome, across devices (only the latest version of each call)."""
    latest = (
        select(summaries.c.call_uuid, func.max(summaries.c.call_version).label("v"))
        .group_by(summaries.c.call_uuid)
        .subquery()
    )
    joined = summaries.join(
        latest, and_(summaries.c.call_uuid == latest.c.call_uuid, summaries.c.call_version == latest.c.v)
    )
    query = select(
        summaries.c.iso_week, summaries.c.pathway, summaries.c.outcome_code, func.count().label("count")
    ).select_from(joined)
    if since:
        query = query.where(summaries.c.iso_week >= since)
    if until:
        query = query.where(summaries.c.iso_week <= until)
    if force_code:
        query = query.where(summaries.c.force_code == force_code)
    query = query.group_by(summaries.c.iso_week, summaries.c.pathway, summaries.c.outcome_code).order_by(
        summaries.c.iso_week, summaries.c.pathway, summaries.c.outcome_code
    )
    with engine.connect().execution_options(read_only=True) as conn:
        return [
            {"iso_week": w, "pathway": p, "outcome_code": o, "count": int(c)} for w, p, o, c in conn.execute(query)
        ]
