"""Synthetic demo calls: random walks through the real flows with the engine; a fast bulk path for 1,000,000."""
from __future__ import annotations

import datetime as _dt
import random
import re
import uuid as _uuid
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..core.engine import Clock, EngineError, FlowLibrary, FlowRun
from ..core.model import Node
from ..core.vocab import NON_DECISION_CODES, OUTCOME_CODES, POLICE_FLAGS
from .calls import CallStore, decision_fields, position_fields
from .chain import HASH_VERSIONS, canonical, content_hash, current_hash_version, sha256
from .database import Store
from .errors import StoreError
from .tabledefs import SHARED_CALL_COLUMNS

#: Up to this many calls, every call is taken through the store action by action (events and all).
FULL_PATH_MAX = 5000
#: The bulk path samples finished calls from this many random walks.
BULK_TEMPLATES = 1000
HANDLERS = [(f"{n:04d}", "call_handler") for n in range(1201, 1241)] + [("MH-77", "mh_practitioner"),
                                                                       ("MH-81", "mh_practitioner")]
TEXTS = ["Outside the library on High Street", "At home, flat 2", "Near the canal towpath", "Unknown - caller unsure",
         "Bus station, stand C", "Ward 7 reception", "Car park behind the retail park", "Her sister's house"]
NOTES = ["Caller calm, known to the crisis team.", "Neighbour reports shouting earlier, now quiet.",
         "Person has a care plan; GP informed yesterday.", "Caller is the daughter, lives 40 miles away.",
         "Ambulance already aware.", "Previous similar call last week.", "Hospital tried to phone twice."]
RISK_REASONS = ["Caller now says he has a knife", "Person climbing over the bridge railing",
                "Caller reports tablets taken in the last hour"]
EXIT_REASONS = ["Caller hung up and does not answer", "Line dropped; no call-back number", "Duplicate of an open incident"]
OVERRIDE_REASONS = ["Known history of violence at the address", "Supervisor decision after review",
                    "Health partner has accepted the referral directly"]
NAMES = ["Alex Demo", "Sam Example", "Jo Sample", "Chris Testcase"]


class DemoClock(Clock):
    """A settable clock: calls take place in the past, at a realistic pace."""

    def __init__(self, start: _dt.datetime):
        self.now, self.mono = start, 0.0

    def wall(self) -> _dt.datetime:
        return self.now

    def monotonic(self) -> float:
        return self.mono

    def advance(self, seconds: float) -> None:
        self.now += _dt.timedelta(seconds=seconds)
        self.mono += seconds


def entry_flow(library: FlowLibrary) -> str:
    """The entry flow: 'entry_triage' when present, else the first flow of the 'entry' pathway."""
    if "entry_triage" in library:
        return "entry_triage"
    return next(f.id for f in library if f.pathway == "entry")


def random_answer(node: Node, rng: random.Random) -> Any:
    """A plausible answer: risky options are rarer than safe ones."""
    if node.kind in ("yesno", "choice"):
        safe = [o for o in node.options if not set(o.flags) & POLICE_FLAGS]
        pool = safe if safe and rng.random() < 0.95 else list(node.options)
        return rng.choice(pool).value
    if node.kind == "multi":
        picked = [o.value for o in node.options if rng.random() < 0.3]
        if not picked and not node.allow_none:
            picked = [rng.choice(node.options).value]
        return picked
    if node.kind == "number":
        if node.unknown is not None and rng.random() < 0.1:
            return "unknown"
        o = rng.choice(node.options)
        lo = o.min if o.min is not None else max(0.0, (o.max or 1) - 20)
        hi = o.max if o.max is not None else lo + 60
        return int(rng.uniform(lo, hi - 1e-9)) if hi - lo >= 1 else lo
    if node.is_free_text:
        return rng.choice(TEXTS)
    return None


def random_walk(library: FlowLibrary, rng: random.Random, clock: DemoClock, actor: str, role: str,
                on_event: Optional[Callable[[FlowRun, Any], None]] = None) -> FlowRun:
    """One call through the flows with the engine; on_event sees each event as it happens."""
    run = FlowRun(library, entry_flow(library), clock=clock, actor=actor, role=role)

    def act(fn: Callable[[], Any]) -> None:
        clock.advance(rng.uniform(4, 45))
        ev = fn()
        if ev is not None and on_event is not None:
            on_event(run, ev)

    steps = 0
    while run.outcome is None and run.current_node is not None and steps < 100:
        steps += 1
        r = rng.random()
        if r < 0.01 and not run.has_post_decision:
            act(lambda: run.immediate_risk(rng.choice(RISK_REASONS)))
            if not run.in_post_decision:
                break
            continue
        if r < 0.025 and steps > 2 and run.in_post_decision:
            act(run.finish)  # after the decision the handler finishes; the steps left are recorded not asked
            break
        if r < 0.025 and steps > 2 and not run.has_post_decision:
            act(lambda: run.early_exit(rng.choice(EXIT_REASONS), rng.choice(["ADVICE_ONLY", "GP_OR_111"])))
            break
        if r < 0.06:
            act(lambda: run.note(rng.choice(NOTES)))
        node = run.current_node
        try:
            act(lambda: run.answer(random_answer(node, rng), volunteered=rng.random() < 0.05))
        except EngineError:
            if run.in_post_decision:
                act(run.finish)
            else:
                act(lambda: run.early_exit("Demo: no valid answer", "ADVICE_ONLY"))
            break
        if rng.random() < 0.04 and run.outcome is None:
            try:
                act(run.back)
                act(lambda: run.answer(random_answer(run.current_node, rng)))
            except EngineError:
                pass
    if run.in_post_decision:
        act(run.finish)
    if run.outcome is not None and rng.random() < 0.03:
        base = run.outcome.code
        act(lambda: run.override(rng.choice([c for c in OUTCOME_CODES if c != base and c not in NON_DECISION_CODES]), rng.choice(OVERRIDE_REASONS)))
    if rng.random() < 0.03 and not run.handovers:
        act(lambda: run.handover("MH-77", "mh_practitioner"))
    return run


@dataclass
class DemoResult:
    """What demo-data wrote."""

    calls: int
    bulk: bool


def _start_time(rng: random.Random, now: _dt.datetime, days: int) -> _dt.datetime:
    return now - _dt.timedelta(seconds=rng.uniform(0, days * 86400))


def generate(store: Store, library: FlowLibrary, calls: int, *, seed: int = 1, days: int = 365,
             bulk: Optional[bool] = None, now: Optional[_dt.datetime] = None) -> DemoResult:
    """Fill the store with synthetic calls (never synced: no outbox rows; the database is marked demo_data)."""
    if store.db.execute("SELECT count(*) FROM calls WHERE demo = 0").fetchone()[0]:  # whatever demo_data says
        raise StoreError("This database already holds real calls: demo data goes only into an empty or demo "
                         "database (use another --data-dir).")
    store.settings._store("demo_data", "1")
    rng = random.Random(seed)
    now = now or _dt.datetime.now(_dt.timezone.utc)
    bulk = calls > FULL_PATH_MAX if bulk is None else bulk
    store.conn.execute("PRAGMA synchronous=OFF")  # synthetic data: speed over durability
    store.conn.execute("PRAGMA cache_size=-262144")
    try:
        if bulk:
            _bulk(store, library, calls, rng, now, days)
        else:
            _full(store, library, calls, rng, now, days)
    finally:
        store.conn.execute("PRAGMA synchronous=NORMAL" if store.training else "PRAGMA synchronous=FULL")
        store.conn.execute("PRAGMA cache_size=-2000")
    return DemoResult(calls, bulk)


def _full(store: Store, library: FlowLibrary, n: int, rng: random.Random, now: _dt.datetime, days: int) -> None:
    cs = CallStore(store)
    mode = "training" if store.training else "live"
    for _ in range(n):
        clock = DemoClock(_start_time(rng, now, days))
        actor, role = rng.choice(HANDLERS)
        call_uuid = str(_uuid.UUID(int=rng.getrandbits(128), version=4))
        created = False

        def record(run: FlowRun, ev: Any) -> None:
            nonlocal created
            if not created:
                cs.create(call_uuid=call_uuid, mode=mode, run=run, handler_id=actor, role=role, library=library,
                          demo=True)
                created = True
            private = ev.kind in ("answered", "changed") and library.node((ev.flow, ev.node)).is_free_text
            cs.record(call_uuid, ev, value_private=private, position=position_fields(run, ev))

        run = random_walk(library, rng, clock, actor, role, on_event=record)
        if rng.random() < 0.3:
            cs.set_personal(call_uuid, {"caller_name": rng.choice(NAMES),
                                        "caller_phone": f"07700 900{rng.randint(0, 999):03d}"},
                            actor=actor, role=role, offset=clock.mono)
        clock.advance(rng.uniform(10, 60))
        wall = clock.now.isoformat(timespec="milliseconds")
        if run.outcome is None or rng.random() < 0.01:
            cs.abandon(call_uuid, run, "Demo: caller rang off", duration_s=clock.mono, wall=wall)
        else:
            cs.finalise(call_uuid, run, caller_informed=True, duration_s=clock.mono, outbox=False, device_id="",
                        force_code="", wall=wall)


def _bulk(store: Store, library: FlowLibrary, n: int, rng: random.Random, now: _dt.datetime, days: int) -> None:
    """Sample finished walks onto N call rows (no events), written with executemany in large transactions."""
    templates = []
    for _ in range(min(n, BULK_TEMPLATES)):
        actor, role = rng.choice(HANDLERS)
        clock = DemoClock(now)
        run = random_walk(library, rng, clock, actor, role)
        if run.outcome is None:
            continue
        templates.append((decision_fields(run), round(clock.mono + rng.uniform(10, 60), 3)))
    entry = library[entry_flow(library)]
    cs = CallStore(store)
    with store.writing():
        set_id = cs.save_flow_set(library, now.isoformat(timespec="milliseconds"))
    fixed = {"mode": "training" if store.training else "live", "status": "final", "version": 1,
             "flow_id": entry.id, "flow_version": entry.version, "flow_hash": entry.content_hash,
             "flow_set_id": set_id, "caller_informed": 1, "demo": 1, "personal_salt": None,
             "personal_hash": None, "hash_version": current_hash_version(), **_shared_defaults()}
    columns: Optional[list[str]] = None
    starts = sorted(_start_time(rng, now, days) for _ in range(n))
    # random uuid4s, sorted: the primary-key index is then appended to, not scattered (the bulk path's main cost)
    uuids = sorted(str(_uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(n))
    parts = [_hash_parts({**f, **fixed}) for f, _ in templates]
    batch: list[tuple[Any, ...]] = []
    for start, call_uuid in zip(starts, uuids):
        i = rng.randrange(len(templates))
        fields, duration = templates[i]
        actor, role = rng.choice(HANDLERS)
        row = {**fields, **fixed, "uuid": call_uuid,
               "started_at": start.isoformat(timespec="milliseconds"),
               "finalised_at": (start + _dt.timedelta(seconds=duration)).isoformat(timespec="milliseconds"),
               "duration_s": duration, "handler_id": actor, "handler_role": role}
        row["updated_at"] = row["finalised_at"]
        row["content_hash"] = _fast_hash(parts[i], row)
        if columns is None:
            columns = [c for c in row if c != "content_hash"]
            if row["content_hash"] != content_hash(row):  # the shortcut must agree with the real thing
                raise AssertionError("demo: fast content hash differs from chain.content_hash")
        batch.append(tuple(row[c] for c in columns) + (row["content_hash"],))
        if len(batch) >= 50000:
            _insert_rows(store, columns, batch)
            batch = []
    if batch and columns is not None:
        _insert_rows(store, columns, batch)
    with store.writing():  # the full-text index in one pass (much faster than the per-row trigger)
        store.conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('rebuild')")
    store.conn.execute("ANALYZE")


def _shared_defaults() -> dict[str, Any]:
    """The shared columns of migration 0004 at their declared defaults (they are in the content hash from v2)."""
    out: dict[str, Any] = {}
    for name, decl in SHARED_CALL_COLUMNS.items():
        m = re.search(r"DEFAULT\s+('(?:[^']*)'|-?\d+)", decl)
        out[name] = None if m is None else (m.group(1)[1:-1] if m.group(1).startswith("'") else int(m.group(1)))
    return out


_VARYING = frozenset({"uuid", "started_at", "finalised_at", "updated_at", "duration_s", "handler_id",
                      "handler_role"})


def _hash_parts(template: dict[str, Any]) -> list[tuple[str, Optional[str]]]:
    """content_hash's canonical JSON, pre-encoded except for the per-row fields."""
    columns = HASH_VERSIONS[template["hash_version"]].content
    return [(k, None if k in _VARYING else canonical(template.get(k))) for k in sorted(columns)]


def _fast_hash(parts: list[tuple[str, Optional[str]]], row: dict[str, Any]) -> str:
    """The same value as chain.content_hash(row), about three times faster (checked on the first row)."""
    text = "{" + ",".join(f'"{k}":{canonical(row[k]) if enc is None else enc}' for k, enc in parts) + "}"
    return sha256(text)


def _insert_rows(store: Store, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert a batch with the full-text insert trigger off (rebuilt after); one transaction."""
    cols = columns + ["content_hash"]
    sql = f"INSERT INTO calls ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    trigger = store.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'calls_ai'"
                                 ).fetchone()[0]
    with store.writing():
        store.conn.execute("DROP TRIGGER calls_ai")
        store.conn.executemany(sql, rows)
        store.conn.execute(trigger)
