"""A weekly rollup of the summaries, kept up to date on ingest, so force-wide figures answer fast at any size.

Each call counts once, at its latest version: when a later version of a call arrives, the earlier version's
contribution is taken off and the new one added, in the same transaction as the insert. `rebuild` recomputes the
rollup from the summaries table (after a bulk load, or to check it).
"""
from __future__ import annotations

import functools
import json
from collections import defaultdict
from datetime import date
from typing import Any, Iterable, Mapping, Optional

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    delete,
    select,
)

from ..core.summary_vocab import S136_BANDS
from .bulk import columns_of, is_postgresql, pg_unnest, rows_for_uuids
from .db import metadata, summaries

_ = MetaData  # tables live on the collector's one metadata (created by db.create_schema)

#: Measures summed per (week, force, device, pathway, outcome).
MEASURES = ("calls", "police", "immediate_risk", "early_exit", "overridden", "handover", "decision_raised",
            "repeat_contact", "ambulance", "v1", "v2", "ttd_n", "ttd_sum") + tuple(f"s136_{b[0]}" for b in S136_BANDS)

rollup_weekly = Table(
    "rollup_weekly", metadata,
    Column("iso_week", String(8), nullable=False),
    Column("force_code", String(8), nullable=False),
    Column("device", String(64), nullable=False),
    Column("pathway", String(16), nullable=False),
    Column("outcome_code", String(32), nullable=False),
    *[Column(m, Integer, nullable=False, server_default="0") for m in MEASURES],
    PrimaryKeyConstraint("iso_week", "force_code", "device", "pathway", "outcome_code", name="pk_rollup_weekly"),
)

#: Who called (caller type; '' when not recorded, e.g. a version-1 summary) and what happened.
rollup_callers = Table(
    "rollup_callers", metadata,
    Column("iso_week", String(8), nullable=False),
    Column("force_code", String(8), nullable=False),
    Column("device", String(64), nullable=False),
    Column("caller_type", String(32), nullable=False),
    Column("outcome_code", String(32), nullable=False),
    Column("calls", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("iso_week", "force_code", "device", "caller_type", "outcome_code", name="pk_rollup_callers"),
)

#: Time to decision as a histogram (bucket = lower bound in seconds) for medians and 90th percentiles.
rollup_ttd = Table(
    "rollup_ttd", metadata,
    Column("iso_week", String(8), nullable=False),
    Column("force_code", String(8), nullable=False),
    Column("device", String(64), nullable=False),
    Column("bucket_s", Integer, nullable=False),
    Column("calls", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("iso_week", "force_code", "device", "bucket_s", name="pk_rollup_ttd"),
)

#: Device health: the last summary received from each device (by the token name that uploaded it).
device_seen = Table(
    "device_seen", metadata,
    Column("device", String(64), primary_key=True),
    Column("last_received_at", String(32), nullable=False),
    Column("last_started_at", String(20), nullable=False),
    Column("summaries", Integer, nullable=False, server_default="0"),
)

#: Devices may belong to a group (a control room, a site); the dashboard splits figures by group.
device_groups = Table(
    "device_groups", metadata,
    Column("device", String(64), primary_key=True),
    Column("group_name", String(64), nullable=False),
)

TTD_FINE_S, TTD_FINE_UNTIL, TTD_COARSE_S, TTD_CAP = 5, 600, 60, 3600


def ttd_bucket(seconds: float) -> int:
    """Lower bound of the time-to-decision bucket: 5 s wide up to 10 min, then 1 min wide, capped at 1 h."""
    if seconds < TTD_FINE_UNTIL:
        return int(seconds // TTD_FINE_S) * TTD_FINE_S
    return min(int(seconds // TTD_COARSE_S) * TTD_COARSE_S, TTD_CAP)


def ttd_bucket_width(bucket: int) -> int:
    return TTD_FINE_S if bucket < TTD_FINE_UNTIL else TTD_COARSE_S


def contribution(record: Mapping[str, Any]) -> dict[str, int]:
    """The measures one summary adds to its rollup row."""
    code = record.get("outcome_code")
    band = record.get("s136_minutes_band")
    ttd = record.get("time_to_decision_s")
    out = {
        "calls": 1,
        "police": int(bool(record.get("police_attend"))),
        "immediate_risk": int(bool(record.get("immediate_risk"))),
        "early_exit": int(bool(record.get("early_exit"))),
        "overridden": int(bool(record.get("overridden"))),
        "handover": int(bool(record.get("handover"))),
        "decision_raised": int(bool(record.get("decision_raised"))),
        "repeat_contact": int(bool(record.get("repeat_contact"))),
        "ambulance": int(code == "AMBULANCE" or "ambulance" in (record.get("partners") or ())
                         or "medical_emergency" in (record.get("flags") or ())),
        "v1": int(record.get("schema_version") == 1),
        "v2": int(record.get("schema_version") == 2),
        "ttd_n": int(ttd is not None),
        "ttd_sum": int(round(ttd)) if ttd is not None else 0,
    }
    for name, _low, _high in S136_BANDS:
        out[f"s136_{name}"] = int(band == name)
    return out


@functools.lru_cache(maxsize=4096)
def iso_week(day: str) -> str:
    """ISO week label (e.g. 2024-W05) of a YYYY-MM-DD date."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def _week(record: Mapping[str, Any]) -> str:
    return iso_week(record["started_at"][:10])


#: The measures that are 0/1 flags of the record itself, in MEASURES order.
_FLAG_FIELDS = ("police_attend", "immediate_risk", "early_exit", "overridden", "handover", "decision_raised",
                "repeat_contact")
_BAND_MEASURES = tuple((f"s136_{b[0]}", b[0]) for b in S136_BANDS)
assert _FLAG_FIELDS == ("police_attend", "immediate_risk", "early_exit", "overridden", "handover", "decision_raised",
                        "repeat_contact"), "_shape spells these out in this order"


def _shape(record: Mapping[str, Any], device: str) -> tuple[Any, ...]:
    """Everything of a record the rollup reads, as one hashable value: records of the same shape add the same
    amounts (but for the time-to-decision sum), so a batch is folded per shape, not per record."""
    get = record.get
    code = record["outcome_code"]
    ttd = get("time_to_decision_s")
    return (
        _week(record), record["force_code"], device, record["pathway"], code,
        (bool(get("police_attend")), bool(get("immediate_risk")), bool(get("early_exit")), bool(get("overridden")),
         bool(get("handover")), bool(get("decision_raised")), bool(get("repeat_contact"))),  # _FLAG_FIELDS
        code == "AMBULANCE" or "ambulance" in (get("partners") or ()) or "medical_emergency" in (get("flags") or ()),
        get("schema_version"), get("s136_minutes_band"), get("caller_type") or "",
        None if ttd is None else ttd_bucket(float(ttd)),
    )


#: A record's shape and its time to decision rounded to whole seconds (None when there is none).
Shaped = tuple[tuple[Any, ...], Optional[int]]


def record_shape(record: Mapping[str, Any], device: str) -> Shaped:
    """What one record adds to the rollup, ready for `_Delta.add_shapes`."""
    ttd = record.get("time_to_decision_s")
    return _shape(record, device), (None if ttd is None else int(round(ttd)))


class _Delta:
    """Signed changes to the rollup tables, merged before they are written.

    `add` folds records by their shape (what `contribution` reads): one dictionary update per distinct shape and
    batch instead of one per record and measure; the sums are the same as adding `contribution` record by record.
    """

    def __init__(self) -> None:
        self.weekly: dict[tuple[str, ...], dict[str, int]] = {}
        self.callers: dict[tuple[str, ...], int] = defaultdict(int)
        self.ttd: dict[tuple[Any, ...], int] = defaultdict(int)

    def copy(self) -> "_Delta":
        other = _Delta()
        other.weekly = {key: dict(row) for key, row in self.weekly.items()}
        other.callers.update(self.callers)
        other.ttd.update(self.ttd)
        return other

    def add(self, record: Mapping[str, Any], device: str, sign: int) -> None:
        self.add_many([(record, device)], sign)

    def add_many(self, records: Iterable[tuple[Mapping[str, Any], str]], sign: int) -> None:
        self.add_shapes((record_shape(record, device) for record, device in records), sign)

    def add_shapes(self, shaped: Iterable[Shaped], sign: int) -> None:
        """Add records given by `record_shape` (computed ahead, e.g. before the ingest transaction)."""
        shapes: dict[tuple[Any, ...], int] = defaultdict(int)
        ttd_sums: dict[tuple[str, ...], int] = defaultdict(int)
        for shape, ttd_rounded in shaped:
            shapes[shape] += 1
            if ttd_rounded is not None:
                ttd_sums[shape[:5]] += ttd_rounded
        for shape, n in shapes.items():
            week, force, device, pathway, code, flags, ambulance, version, band, caller, bucket = shape
            key = (week, force, device, pathway, code)
            row = self.weekly.get(key)
            if row is None:
                row = self.weekly[key] = {m: 0 for m in MEASURES}
            n *= sign
            row["calls"] += n
            for measure, flag in zip(_WEEKLY_FLAGS, flags):
                if flag:
                    row[measure] += n
            if ambulance:
                row["ambulance"] += n
            if version == 1:
                row["v1"] += n
            if version == 2:
                row["v2"] += n
            for measure, name in _BAND_MEASURES:
                if band == name:
                    row[measure] += n
            if bucket is not None:
                row["ttd_n"] += n
                self.ttd[(week, force, device, bucket)] += n
            self.callers[(week, force, device, caller, code)] += n
        for weekly_key, total in ttd_sums.items():
            self.weekly[weekly_key]["ttd_sum"] += sign * total


_WEEKLY_FLAGS = ("police", "immediate_risk", "early_exit", "overridden", "handover", "decision_raised",
                 "repeat_contact")


def _upsert(conn: Connection, table: Table, keys: tuple[str, ...], rows: list[tuple[Any, ...]],
            measures: tuple[str, ...]) -> None:
    """Add rows (key values then measure values, in `keys` + `measures` order) to a rollup table: a new key is
    inserted, a held one has the measures added. Keys are unique within `rows` (a delta)."""
    if not rows:
        return
    columns = list(keys) + list(measures)
    added = ", ".join(f"{m} = {table.name}.{m} + excluded.{m}" for m in measures)
    if is_postgresql(conn):  # the whole delta in one statement (one array per column)
        sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) {pg_unnest(table, columns)} "
               f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}")
        conn.exec_driver_sql(sql, columns_of(rows, len(columns)))
        return
    # SQLite: one prepared statement run by executemany over plain tuples (no per-row parameter dicts)
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)}) "
           f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}")
    conn.exec_driver_sql(sql, rows)


_WEEKLY_KEYS = ("iso_week", "force_code", "device", "pathway", "outcome_code")
_CALLER_KEYS = ("iso_week", "force_code", "device", "caller_type", "outcome_code")
_TTD_KEYS = ("iso_week", "force_code", "device", "bucket_s")


def _write(conn: Connection, delta: _Delta) -> None:
    _upsert(conn, rollup_weekly, _WEEKLY_KEYS, [k + tuple(v[m] for m in MEASURES) for k, v in delta.weekly.items()],
            MEASURES)
    _upsert(conn, rollup_callers, _CALLER_KEYS, [k + (n,) for k, n in delta.callers.items() if n], ("calls",))
    _upsert(conn, rollup_ttd, _TTD_KEYS, [k + (n,) for k, n in delta.ttd.items() if n], ("calls",))


def _seen(conn: Connection, records: list[tuple[Mapping[str, Any], str, str]]) -> None:
    latest: dict[str, list[Any]] = {}
    for record, device, received in records:
        started = record["started_at"]
        entry = latest.get(device)
        if entry is None:
            latest[device] = [received, started, 1]
            continue
        if received > entry[0]:
            entry[0] = received
        if started > entry[1]:
            entry[1] = started
        entry[2] += 1
    greatest = "max" if conn.dialect.name == "sqlite" else "greatest"
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = ("INSERT INTO device_seen (device, last_received_at, last_started_at, summaries) "
           f"VALUES ({mark}, {mark}, {mark}, {mark}) ON CONFLICT (device) DO UPDATE SET "
           f"last_received_at = {greatest}(device_seen.last_received_at, excluded.last_received_at), "
           f"last_started_at = {greatest}(device_seen.last_started_at, excluded.last_started_at), "
           "summaries = device_seen.summaries + excluded.summaries")
    conn.exec_driver_sql(sql, [(d, v[0], v[1], v[2]) for d, v in latest.items()])


class FirstVersions:
    """The rollup share of a batch's version-1 records, added up before the ingest transaction (so not while
    holding the write lock): `apply_new` writes it as it is when every one of them went in and counts, which is
    the usual case, and works the share out again from the records otherwise."""

    def __init__(self, shapes: Iterable[Shaped]) -> None:
        self.delta = _Delta()
        counted = list(shapes)
        self.count = len(counted)
        self.delta.add_shapes(counted, +1)


def apply_new(conn: Connection, new: list[tuple[Mapping[str, Any], str, str]],
              shapes: Optional[Mapping[tuple[str, int], Shaped]] = None, *,
              later: Optional[set[str]] = None, first_versions: Optional[FirstVersions] = None) -> None:
    """Fold newly inserted summaries (record, uploading device name, received_at) into the rollup, inside the
    ingest transaction (after their insert). A call counts once, at its latest version. `shapes`: each record's
    `record_shape` by (uuid, version), computed before the transaction (so not while holding the write lock).
    `later`: uuids that have a version above 1 held (this batch's included), when the caller already read them in
    this transaction (else they are read here). `first_versions`: the share of the batch's version-1
    records, used when all of them are in `new` and none has a later version."""
    if not new:
        return
    simple = [n for n in new if n[0]["call_version"] == 1]
    versioned = [n for n in new if n[0]["call_version"] != 1]
    new_keys = {(r["call_uuid"], r["call_version"]) for r, _d, _t in new}
    # a version 1 that arrives after a later version of the same call (out of order) must not count
    single_uuids = {r["call_uuid"] for r, _d, _t in simple}
    if later is None:
        later = {row[0] for row in rows_for_uuids(conn, "summaries", "call_uuid", single_uuids, "call_version > 1")}
    else:
        later = single_uuids & later
    if first_versions is not None and not later and first_versions.count == len(simple):
        delta = first_versions.delta.copy()  # a copy: a retried transaction starts from the same share
    else:
        delta = _Delta()
        known = shapes or {}
        delta.add_shapes((known.get((record["call_uuid"], 1)) or record_shape(record, device)
                          for record, device, _t in simple if record["call_uuid"] not in later), +1)
    if versioned:
        uuids = sorted({r["call_uuid"] for r, _d, _t in versioned})
        held: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for call_uuid, version, payload, device in rows_for_uuids(
                conn, "summaries", "call_uuid, call_version, payload, uploaded_by", uuids):
            held[call_uuid].append((int(version), payload, device))
        for call_uuid, versions in held.items():
            versions.sort()
            after = versions[-1]
            before = [v for v in versions if (call_uuid, v[0]) not in new_keys]
            previous = before[-1] if before else None
            if previous is not None and previous[0] == after[0]:
                continue  # the latest version was already held: nothing changes
            if previous is not None:
                delta.add(json.loads(previous[1]), previous[2], -1)
            delta.add(json.loads(after[1]), after[2], +1)
    _write(conn, delta)
    _seen(conn, new)


def rebuild(engine: Engine, *, batch: int = 20_000) -> int:
    """Recompute every rollup table from the summaries (latest version of each call). Returns the calls counted."""
    with engine.begin() as conn:
        for table in (rollup_weekly, rollup_callers, rollup_ttd, device_seen):
            conn.execute(delete(table))
    latest: dict[str, int] = {}
    with engine.connect().execution_options(read_only=True, stream_results=True, yield_per=batch) as conn:
        for call_uuid, version in conn.execute(select(summaries.c.call_uuid, summaries.c.call_version)):
            if version > latest.get(call_uuid, 0):
                latest[call_uuid] = version
    counted = 0
    seen: list[tuple[Mapping[str, Any], str, str]] = []
    delta = _Delta()
    with engine.connect().execution_options(read_only=True, stream_results=True, yield_per=batch) as conn:
        rows = conn.execute(select(summaries.c.call_uuid, summaries.c.call_version, summaries.c.payload,
                                   summaries.c.uploaded_by, summaries.c.received_at))
        for call_uuid, version, payload, device, received in rows:
            record = json.loads(payload)
            seen.append(({"started_at": record["started_at"]}, device, received))
            if latest.get(call_uuid) == version:
                delta.add(record, device, +1)
                counted += 1
    with engine.begin() as conn:
        _write(conn, delta)
        for start in range(0, len(seen), 50_000):
            _seen(conn, seen[start:start + 50_000])
    return counted


def set_device_group(engine: Engine, device: str, group: Optional[str]) -> None:
    """Put a device (its token name) in a group, or out of any group (group None or '')."""
    with engine.begin() as conn:
        conn.execute(delete(device_groups).where(device_groups.c.device == device))
        if group:
            conn.execute(device_groups.insert().values(device=device, group_name=group))
