"""Check, classify and store one uploaded batch: accepted, duplicate, conflict or invalid per record, exactly once."""
from __future__ import annotations

import gc
import hashlib
import json
import re
import threading
import time
from typing import Any, Optional

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from ..sync.protocol import ACCEPTED, CONFLICT, DUPLICATE, INVALID, MAX_RECORDS_PER_BATCH, RECORD_CODES
from ..sync.schema import summary_problem
from ..sync.summary import canonical_json
from .bulk import rows_for_uuids
from .canonical_body import canonical_records
from .db import bound_device, conflicts, device_bindings, owner_of_device_id, summaries, utc_now
from .ingest_store import CHECKPOINT_AFTER_ROWS as CHECKPOINT_AFTER_ROWS  # (still importable from here)
from .ingest_store import SUMMARY_COLUMNS as SUMMARY_COLUMNS
from .ingest_store import NOT_WRITING, YIELD_EVERY
from .ingest_store import (CONFLICT_COLUMNS, _checkpoint_if_due, _insert_known_new, _insert_new, _insert_sql,
                           _large_batch_commit, _Miscounted, _writer)
from .rollup import FirstVersions, apply_new, iso_week, record_shape
from .wire import BodyError, parse_body

_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STORE_TRIES = 8
_CONFLICT_NOTE = "this call version is already held with different content; kept aside for review"
_NOT_YOUR_DEVICE = "device_id is not the device this token belongs to"
_NOT_YOUR_CALL = "this call was first sent by another device; a device may only write its own calls"


class Prepared:
    """A valid record ready to store: its payload text (as sent, or canonical), hash and column values."""

    __slots__ = ("index", "record", "key", "payload", "payload_hash", "values", "shape")

    def __init__(self, index: int, record: dict[str, Any], payload: str, uploaded_by: str, received: str) -> None:
        self.index, self.record, self.payload = index, record, payload
        self.key = (record["call_uuid"], record["call_version"])
        self.payload_hash = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        started = record["started_at"]
        self.values = (
            record["call_uuid"], record["call_version"], record["device_id"], record["force_code"],
            record["schema_version"], record["pathway"], record["outcome_code"], iso_week(started[:10]), started,
            payload, self.payload_hash, uploaded_by, received,
        )
        self.shape = record_shape(record, uploaded_by)  # its rollup share, worked out before the transaction

    def same_content(self, other_payload: str) -> bool:
        """True when another stored text holds the same JSON value (e.g. only key order or spacing differ)."""
        try:
            return canonical_json(json.loads(other_payload)) == canonical_json(self.record)
        except ValueError:
            return False


def _invalid(index: int, record: Any, error: str) -> dict[str, Any]:
    """An invalid record's answer; identifiers are echoed only when well-formed (never free text)."""
    call_uuid = call_version = None
    if isinstance(record, dict):
        value = record.get("call_uuid")
        if isinstance(value, str) and _UUID_RE.fullmatch(value):
            call_uuid = value
        version = record.get("call_version")
        if isinstance(version, int) and not isinstance(version, bool) and 0 < version <= 1000:
            call_version = version
    return {"index": index, "call_uuid": call_uuid, "call_version": call_version, "status": INVALID,
            "code": RECORD_CODES[INVALID], "error": error}


def _answer(prepared: Prepared, status: str) -> dict[str, Any]:
    answer = {"index": prepared.index, "call_uuid": prepared.key[0], "call_version": prepared.key[1],
              "status": status, "code": RECORD_CODES[status]}
    if status == CONFLICT:
        answer["error"] = _CONFLICT_NOTE
    return answer


def prepare(records: list[tuple[Any, Optional[str]]], uploaded_by: str, *,
            canonical: bool = False) -> tuple[list[Optional[dict[str, Any]]], list[Prepared]]:
    """Check every record against its schema; results for the invalid ones, and the valid ones.

    What is stored is always the canonical re-serialisation of the validated record, never the text as sent
    (`canonical`: the texts paired with the records are already exactly that, from `canonical_records`).
    """
    results: list[Optional[dict[str, Any]]] = [None] * len(records)
    valid: list[Prepared] = []
    received = utc_now()
    for index, (record, raw) in enumerate(records):
        if not index % YIELD_EVERY:
            NOT_WRITING.wait()  # let this process's upload in SQLite's write queue have the interpreter
        problem = summary_problem(record)
        if problem:
            results[index] = _invalid(index, record, f"record {index}: {problem}")
        else:
            try:
                text = raw if canonical and raw is not None else canonical_json(record)
                prepared = Prepared(index, record, text, uploaded_by, received)
            except ValueError as error:  # e.g. a date the calendar does not have: invalid, never a 500
                results[index] = _invalid(index, record, f"record {index}: /started_at: {error}")
                continue
            valid.append(prepared)
    return results, valid


def _held(conn: Connection, table: Any, keys: list[tuple[str, int]], text: bool = False) -> dict[tuple[str, int], list[Any]]:
    """What is already held for these (uuid, version) keys: key -> [payload_hash, ...] (or payload texts)."""
    held: dict[tuple[str, int], list[Any]] = {}
    column = "payload" if text else "payload_hash"
    for call_uuid, version, value in rows_for_uuids(conn, table.name, f"call_uuid, call_version, {column}",
                                                    (k[0] for k in keys)):
        held.setdefault((call_uuid, int(version)), []).append(value)
    return held


def _first_copies(valid: list[Prepared]) -> tuple[dict[tuple[str, int], Prepared], list[Prepared]]:
    """The first record of each (uuid, version) key, by key in batch order, and the later copies of a key."""
    first: dict[tuple[str, int], Prepared] = {}
    repeats: list[Prepared] = []  # a second copy of a key within this batch
    for prepared in valid:
        if prepared.key in first:
            repeats.append(prepared)
        else:
            first[prepared.key] = prepared
    return first, repeats


def _store_once(conn: Connection, valid: list[Prepared], results: list[Optional[dict[str, Any]]],
                first_versions: Optional[FirstVersions] = None, *, returning: bool = False) -> None:
    """One attempt, in the caller's transaction: insert what is new (ON CONFLICT DO NOTHING), then
    classify the rest against what is held (duplicate: same content; conflict: kept aside). `first_versions`: the
    rollup share of the first copies of the batch's version-1 records, added up before the transaction.

    The keys read by `_own_records_only` say what is new before the insert. On SQLite the transaction holds the
    write lock from its start (BEGIN IMMEDIATE), so they are exactly those held; on PostgreSQL another upload may
    write one of them meanwhile, and the insert then fails and the attempt is made again (`returning`: ask the
    insert which keys went in instead, ON CONFLICT DO NOTHING RETURNING)."""
    count = len(valid)
    valid, later, held_before = _own_records_only(conn, valid, results)
    if len(valid) != count:
        first_versions = None  # a record was refused: the share is worked out again from what went in
    first, repeats = _first_copies(valid)
    if returning:
        inserted = _insert_new(conn, [p.values for p in first.values()])
    else:
        new = [p.values for k, p in first.items() if k not in held_before]
        _insert_known_new(conn, new)
        inserted = {(values[0], values[1]) for values in new}
    later.update(u for u, v in inserted if v > 1)
    batch = {k: p for k, p in first.items() if k in inserted}
    others = [p for k, p in first.items() if k not in inserted] + repeats
    held = {key: hashes[0] for key, hashes in _held(conn, summaries, [p.key for p in others]).items()} if others else {}
    for key, prepared in batch.items():
        results[prepared.index] = _answer(prepared, ACCEPTED)
        held.setdefault(key, prepared.payload_hash)
    suspects: list[Prepared] = []
    for prepared in others:
        known = held.get(prepared.key)
        if known == prepared.payload_hash:
            results[prepared.index] = _answer(prepared, DUPLICATE)
        else:
            suspects.append(prepared)
    if suspects:  # same key, other text: the same value written differently is still a duplicate
        stored = _held(conn, summaries, [p.key for p in suspects], text=True)
        conflicting = []
        for prepared in suspects:
            mine = batch.get(prepared.key)
            texts = stored.get(prepared.key) or ([mine.payload] if mine else [])
            same = any(prepared.same_content(t) for t in texts)
            results[prepared.index] = _answer(prepared, DUPLICATE if same else CONFLICT)
            if not same:
                conflicting.append(prepared)
        _keep_conflicts(conn, conflicting)
    if batch:
        apply_new(conn, [(p.record, p.values[-2], p.values[-1]) for p in batch.values()],
                  {k: p.shape for k, p in batch.items()}, later=later,
                  first_versions=first_versions)  # weekly rollup


def _own_records_only(conn: Connection, valid: list[Prepared],
                      results: list[Optional[dict[str, Any]]]
                      ) -> tuple[list[Prepared], set[str], set[tuple[str, int]]]:
    """Bind the token to its device_id (on its first upload) and refuse, per record, any record for another device
    or for a call uuid another device sent first. Also answers, from the same read, which of these uuids have a
    version above 1 held already (for the rollup) and which (uuid, version) keys are held already."""
    later: set[str] = set()
    held: set[tuple[str, int]] = set()
    if not valid:
        return valid, later, held
    name = valid[0].values[-2]
    mine = bound_device(conn, name)
    if mine is None:
        wanted = valid[0].record["device_id"]
        owner = owner_of_device_id(conn, wanted)
        if owner is None:
            conn.execute(device_bindings.insert().values(name=name, device_id=wanted, bound_at=utc_now()))
            mine = wanted
        elif owner == name:
            # another upload of this token bound it between the two reads (PostgreSQL: its transaction committed
            # meanwhile; a first pass sends two batches at once): it is this token's device
            mine = wanted
    owners: dict[str, str] = {}
    for call_uuid, device_id, version in rows_for_uuids(conn, "summaries", "call_uuid, device_id, call_version",
                                                        (p.key[0] for p in valid)):
        owners.setdefault(call_uuid, device_id)
        held.add((call_uuid, int(version)))
        if version > 1:
            later.add(call_uuid)
    keep = []
    for p in valid:
        if mine is None or p.record["device_id"] != mine:
            results[p.index] = _invalid(p.index, p.record, f"record {p.index}: /device_id: {_NOT_YOUR_DEVICE}")
        elif owners.get(p.key[0], mine) != mine:
            results[p.index] = _invalid(p.index, p.record, f"record {p.index}: /call_uuid: {_NOT_YOUR_CALL}")
        else:
            keep.append(p)
    return keep, later, held


def _keep_conflicts(conn: Connection, conflicting: list[Prepared]) -> None:
    """Keep each distinct conflicting content once, for a person to look at."""
    if not conflicting:
        return
    seen = _held(conn, conflicts, [p.key for p in conflicting])
    fresh: dict[tuple[tuple[str, int], str], tuple[Any, ...]] = {}
    for p in conflicting:
        marker = (p.key, p.payload_hash)
        if p.payload_hash not in seen.get(p.key, ()) and marker not in fresh:
            fresh[marker] = (p.key[0], p.key[1], p.record["device_id"], p.payload, p.payload_hash,
                             p.values[-2], p.values[-1])
    if fresh:
        conn.exec_driver_sql(_insert_sql(conn, "conflicts", CONFLICT_COLUMNS), list(fresh.values()))



#: Uploads of this process being parsed and checked at once. That work holds the GIL throughout: more at once only
#: interleaves them, so ten uploads arriving together would all reach the database at the end, together, leaving
#: it idle meanwhile; one at a time, each goes on to the database while the next is being checked.
_CHECKING = threading.Semaphore(1)


class _Checked:
    """A batch checked and ready to store: one result slot per record (filled for invalid ones), the valid ones,
    and the rollup share of its version-1 records."""

    def __init__(self, records: list[tuple[Any, Optional[str]]], uploaded_by: str, canonical: bool) -> None:
        self.results, self.valid = prepare(records, uploaded_by, canonical=canonical)
        first, _repeats = _first_copies(self.valid)
        self.first_versions = FirstVersions(p.shape for p in first.values() if p.key[1] == 1)


def store_records(engine: Engine, records: list[tuple[Any, Optional[str]]], uploaded_by: str, *,
                  canonical: bool = False) -> list[dict[str, Any]]:
    """Check and store (record, raw text) pairs; one result per record, in order, returned after the commit."""
    return _store_checked(engine, _Checked(records, uploaded_by, canonical))


def _store_checked(engine: Engine, checked: _Checked) -> list[dict[str, Any]]:
    """Store a checked batch (retrying what SQLite or a concurrent upload makes retry); the results after the commit."""
    results, valid, first_versions = checked.results, checked.valid, checked.first_versions
    if valid:
        returning = False
        for attempt in range(_STORE_TRIES):
            try:
                with engine.connect() as conn, _large_batch_commit(conn, valid) as raw, _writer(engine):
                    with conn.begin():
                        _store_once(conn, valid, results, first_versions, returning=returning)
                    _checkpoint_if_due(raw, valid)
                break
            except _Miscounted:
                if attempt == _STORE_TRIES - 1:
                    raise
                returning = True
            except IntegrityError:
                # Another upload committed one of these keys between our look-up and insert: classify again.
                if attempt == _STORE_TRIES - 1:
                    raise
            except OperationalError as error:
                if "locked" not in str(error).lower() or attempt == _STORE_TRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
    return [r for r in results if r is not None]


def store_batch(engine: Engine, records: list[Any], uploaded_by: str) -> list[dict[str, Any]]:
    """Check and store already-parsed records (canonicalised here)."""
    return store_records(engine, [(r, None) for r in records], uploaded_by)


#: Young-generation allocations after which a collection runs even while uploads keep overlapping.
GC_PAUSE_LIMIT = 500_000


class _CollectorPause:
    """Python's cyclic garbage collector held off while this process checks and stores uploads.

    A 5,000-record batch is some 55,000 dicts, lists and tuples with no reference cycle among them, all freed by
    reference count once the upload is answered; the collections that ran meanwhile only walked them (~2.5 us a
    record, 5 % of the collector's time). Automatic collection is off while at least one upload of this process is
    in progress and back on when the last one ends, so the collection its allocations made due runs once the
    batch's objects are gone. Uploads that never stop overlapping still get a young and middle collection every
    GC_PAUSE_LIMIT allocations; a collector that was off before (someone else's choice) stays off."""

    def __init__(self) -> None:
        self.guard = threading.Lock()
        self.depth = 0
        self.restore = False

    def __enter__(self) -> None:
        with self.guard:
            if self.depth == 0:
                self.restore = gc.isenabled()
                gc.disable()
            self.depth += 1

    def __exit__(self, *_exc: object) -> None:
        with self.guard:
            self.depth -= 1
            if self.depth == 0:
                if self.restore:
                    gc.enable()
            elif self.restore and gc.get_count()[0] > GC_PAUSE_LIMIT:
                gc.collect(1)


_GC_PAUSE = _CollectorPause()


def handle_upload(engine: Engine, body: bytes, uploaded_by: str) -> list[dict[str, Any]]:
    """Parse an upload body and store its records; raises BodyError for a body refused whole."""
    with _GC_PAUSE:
        with _CHECKING:
            fast = canonical_records(body)
            records: list[tuple[Any, Optional[str]]] = list(fast) if fast is not None else parse_body(body)
            if len(records) > MAX_RECORDS_PER_BATCH:
                raise BodyError(413, "too_many_records", f"at most {MAX_RECORDS_PER_BATCH} records per batch")
            checked = _Checked(records, uploaded_by, fast is not None)
        return _store_checked(engine, checked)
