"""Store benchmark: durable answer vs bare insert+commit; History search and month report at 1,000,000 calls vs raw SQL.

Run: .venv/bin/python tests/bench/bench_store.py   (or: make bench). Not collected by `make test`.
BENCH_CALLS changes the size of the demo database (default 1,000,000); it is cached in the temp folder.
BENCH_ANSWER_BREAKDOWN=1 also prints where a durable answer's time goes, statement by statement, beside the bare insert.
"""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from triage_desktop.core.engine import Event, FlowRun  # noqa: E402
from triage_desktop.paths import AppPaths  # noqa: E402
from triage_desktop.services import load_library  # noqa: E402
from triage_desktop.store import demo  # noqa: E402
from triage_desktop.store.calls import CallStore  # noqa: E402
from triage_desktop.store.database import Store  # noqa: E402
from triage_desktop.store.history import HistoryRepository  # noqa: E402
from triage_desktop.store.report import REPORT_SQL, build_report  # noqa: E402
from triage_desktop.store.schema import MIGRATIONS  # noqa: E402

CALLS = int(os.environ.get("BENCH_CALLS", "1000000"))
NOW = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def interleaved(a: Callable[[], Any], b: Callable[[], Any], n: int) -> tuple[float, float]:
    """Median seconds of a and of b, alternating runs so drift hits both alike."""
    ta, tb = [], []
    for i in range(n):
        for fn, out in ((a, ta), (b, tb)) if i % 2 == 0 else ((b, tb), (a, ta)):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
    return statistics.median(ta), statistics.median(tb)


def bench_answer(tmp: Path, n: int = 400, repeats: int = 5, warm: int = 1200) -> dict[str, Any]:
    """One durable answer as the app saves it (one transaction: the answer event, the 'question shown' event of the
    next question folded in, the call's new position; synchronous=FULL) vs a bare sqlite3 insert+commit with the same
    pragmas. `repeats` interleaved blocks; the figure is the median of the blocks' ratios."""
    library = load_library()
    store = Store.open(AppPaths.from_root(tmp / "answer"))
    calls = CallStore(store)
    run = FlowRun(library, "entry_triage", actor="1234", role="call_handler")
    calls.create(call_uuid="00000000-0000-4000-8000-000000000001", mode="live", run=run, handler_id="1234",
                 role="call_handler", library=library)
    bare = sqlite3.connect(str(tmp / "bare.sqlite3"), isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("PRAGMA foreign_keys=ON")
    bare.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, call_uuid TEXT, kind TEXT, node TEXT, value TEXT, "
                 "wall TEXT)")
    seq = iter(range(1, 10 ** 9, 2))
    wall = NOW.isoformat(timespec="milliseconds")
    # as CallSession sends it: the (indexed) pathway only when it changed, which is rare
    position = {"current_flow": "entry_triage", "current_node": "crime_now", "answers_count": 1, "last_seq": 1,
                "updated_at": wall}

    def answer_events() -> tuple[Event, Event]:
        i = next(seq)
        ev = Event(seq=i, kind="answered", wall=wall, offset=float(i), actor="1234", role="call_handler",
                   flow="entry_triage", node="risk_now", value="no")
        shown = Event(seq=i + 1, kind="shown", wall=wall, offset=float(i), actor="1234", role="call_handler",
                      flow="entry_triage", node="crime_now")
        return ev, shown

    # the engine makes the events (its time is in the answer-latency bench); this one times their durable write
    made = [answer_events() for _ in range(warm + n * repeats)]
    made.reverse()

    def ours() -> None:
        ev, shown = made.pop()
        calls.record("00000000-0000-4000-8000-000000000001", ev, value_private=False, position=position,
                     also=[(shown, False)])

    def raw() -> None:
        bare.execute("BEGIN")
        bare.execute("INSERT INTO answers (call_uuid, kind, node, value, wall) VALUES (?, ?, ?, ?, ?)",
                     ("00000000-0000-4000-8000-000000000001", "answered", "risk_now", '"no"', wall))
        bare.execute("COMMIT")

    for _ in range(warm):  # warm up, past each write-ahead log's first wrap: both timed in their steady state (a
        ours(), raw()      # log still growing commits slower, and the bare one's 1-page commits wrap it last)
    blocks = [interleaved(ours, raw, n) for _ in range(repeats)]
    store.close(check=False, backup=False)
    bare.close()
    ratios = [a / b for a, b in blocks]
    return {"answer_s": statistics.median(a for a, _ in blocks), "bare_s": statistics.median(b for _, b in blocks),
            "ratio": statistics.median(ratios), "ratios": ratios}


class _TimedConn:
    """A sqlite3 connection whose execute/executemany calls are timed by statement (the breakdown only)."""

    def __init__(self, conn: sqlite3.Connection, times: dict[str, list[float]]):
        self._conn, self._times = conn, times
        self.in_statements = 0.0  # seconds spent in statements since the caller last reset it

    def _timed(self, fn: Callable[..., Any], sql: str, *args: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(sql, *args)
        finally:
            dt = time.perf_counter() - t
            self._times.setdefault(sql, []).append(dt)
            self.in_statements += dt

    def execute(self, sql: str, *args: Any) -> Any:
        return self._timed(self._conn.execute, sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        return self._timed(self._conn.executemany, sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def _label(sql: str) -> str:
    words = sql.split()
    if words[0] == "UPDATE":
        return f"UPDATE {words[1]} (position, chain head)"
    if words[0] == "INSERT":
        return f"INSERT INTO {words[2]} ({'the rows' if words[2] == 'call_events' else 'one row'})"
    if words[0] == "SELECT":
        return "SELECT status, chain head, last event"
    return " ".join(words[:2])


def answer_breakdown(tmp: Path, n: int = 2000) -> list[tuple[str, float, float]]:
    """Where a durable answer's time goes, per statement, beside the bare insert+commit: the same answers and pragmas
    as bench_answer, each connection wrapped in a timer (adds ~0.3 us per statement). Rows: (what, ours s, bare s),
    medians; 'Python' is the median over answers of each answer's total less its statements. Both databases are first taken past their first WAL
    wrap-around (1,000 frames), so each commit rewrites WAL frames in place as in steady use."""
    library = load_library()
    store = Store.open(AppPaths.from_root(tmp / "breakdown"))
    calls = CallStore(store)
    run = FlowRun(library, "entry_triage", actor="1234", role="call_handler")
    uuid = "00000000-0000-4000-8000-000000000002"
    calls.create(call_uuid=uuid, mode="live", run=run, handler_id="1234", role="call_handler", library=library)
    bare = sqlite3.connect(str(tmp / "bare-breakdown.sqlite3"), isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        bare.execute(f"PRAGMA {pragma}")
    bare.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, call_uuid TEXT, kind TEXT, node TEXT, value TEXT, "
                 "wall TEXT)")
    ours_t: dict[str, list[float]] = {}
    bare_t: dict[str, list[float]] = {}
    seq = iter(range(1, 10 ** 9, 2))
    wall = NOW.isoformat(timespec="milliseconds")
    position = {"current_flow": "entry_triage", "current_node": "crime_now", "answers_count": 1, "last_seq": 1,
                "updated_at": wall}
    timed_bare = _TimedConn(bare, bare_t)

    def ours() -> None:
        i = next(seq)
        ev = Event(seq=i, kind="answered", wall=wall, offset=float(i), actor="1234", role="call_handler",
                   flow="entry_triage", node="risk_now", value="no")
        shown = Event(seq=i + 1, kind="shown", wall=wall, offset=float(i), actor="1234", role="call_handler",
                      flow="entry_triage", node="crime_now")
        calls.record(uuid, ev, value_private=False, position=position, also=[(shown, False)])

    def raw() -> None:
        timed_bare.execute("BEGIN")
        timed_bare.execute("INSERT INTO answers (call_uuid, kind, node, value, wall) VALUES (?, ?, ?, ?, ?)",
                           (uuid, "answered", "risk_now", '"no"', wall))
        timed_bare.execute("COMMIT")

    for _ in range(1100):
        ours(), raw()
    timed_ours = _TimedConn(store.conn, ours_t)
    store.conn = calls.conn = timed_ours  # type: ignore[assignment]
    bare_t.clear()
    total_ours: list[float] = []
    total_bare: list[float] = []
    rest_ours: list[float] = []
    rest_bare: list[float] = []
    pairs = ((ours, timed_ours, total_ours, rest_ours), (raw, timed_bare, total_bare, rest_bare))
    for i in range(n):
        for fn, conn, total, rest in pairs if i % 2 == 0 else pairs[::-1]:
            conn.in_statements = 0.0
            t = time.perf_counter()
            fn()
            total.append(time.perf_counter() - t)
            rest.append(total[-1] - conn.in_statements)
    store.conn = calls.conn = store.db.conn
    store.close(check=False, backup=False)
    bare.close()
    med = statistics.median
    rows: dict[str, list[float]] = {}
    for times, col in ((ours_t, 0), (bare_t, 1)):
        for sql, ts in times.items():
            per_answer = med(ts) * len(ts) / n
            label = {"BEGIN": "BEGIN (deferred) / BEGIN IMMEDIATE"}.get(sql, _label(sql))
            if sql == "BEGIN IMMEDIATE":
                label = "BEGIN (deferred) / BEGIN IMMEDIATE"
            rows.setdefault(label, [0.0, 0.0])[col] += per_answer
    out = [(k, v[0], v[1]) for k, v in rows.items()]
    out.append(("Python outside the statements (rows, hashes, Event(), plumbing)", med(rest_ours), med(rest_bare)))
    out.append(("total (median)", med(total_ours), med(total_bare)))
    return out


def demo_db() -> Path:
    """The cached demo data dir with CALLS calls (made once, ~2 minutes for 1,000,000)."""
    key = f"{CALLS}-{len(MIGRATIONS._migrations)}-v1"
    root = Path(tempfile.gettempdir()) / f"triage-bench-{key}"
    paths = AppPaths.from_root(root)
    if (root / "complete").exists():
        return root
    import shutil

    shutil.rmtree(root, ignore_errors=True)
    print(f"making {CALLS:,} demo calls in {root} (cached for next time) ...", flush=True)
    t = time.monotonic()
    store = Store.open(paths)
    demo.generate(store, load_library(), CALLS, seed=1, days=365, bulk=True, now=NOW)
    store.close(check=False, backup=False)
    (root / "complete").write_text("ok")
    print(f"  done in {time.monotonic() - t:.0f} s", flush=True)
    return root


def bench_queries(root: Path, n: int = 25) -> dict[str, float]:
    """History search and a month's report through the store vs the same SQL run directly."""
    store = Store.open(AppPaths.from_root(root), quick_check=False)
    try:
        repo = HistoryRepository(store.db)
        conn = store.conn
        month = {"date_from": "2026-06-01", "date_to": "2026-06-30"}
        where, params = repo._where({**month, "text": "crisis team"})
        from triage_desktop.store.history import LIST_COLUMNS

        source = repo._source({**month, "text": "crisis team"})  # the same plan choice the repository makes
        search_sql = (f"SELECT {', '.join(LIST_COLUMNS)} FROM {source}{where} ORDER BY started_at DESC, rowid DESC "
                      f"LIMIT ? OFFSET ?")

        def ours_search() -> None:
            repo.search("crisis team", limit=50, filters=month)

        def raw_search() -> None:
            conn.execute(search_sql, [*params, 50, 0]).fetchall()

        def ours_report() -> None:
            build_report(store.db, "2026-06-01", "2026-06-30", store.settings)

        def raw_report() -> None:
            conn.execute(REPORT_SQL, ("2026-06-01", "2026-07-01")).fetchall()

        for fn in (ours_search, raw_search, ours_report, raw_report):
            fn()
        s_ours, s_raw = interleaved(ours_search, raw_search, n)
        r_ours, r_raw = interleaved(ours_report, raw_report, n)
        total = conn.execute("SELECT count(*) FROM calls").fetchone()[0]
        month_calls = conn.execute("SELECT count(*) FROM calls WHERE started_at >= '2026-06-01' AND "
                                   "started_at < '2026-07-01'").fetchone()[0]
        hits = repo.count({**month, "text": "crisis team"})
    finally:
        store.close(check=False, backup=False)
    return {"search_s": s_ours, "search_raw_s": s_raw, "report_s": r_ours, "report_raw_s": r_raw,
            "total": total, "month_calls": month_calls, "hits": hits}


def main() -> int:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        a = bench_answer(Path(tmp))
    print(f"durable answer (one transaction, 'shown' folded in): median {a['answer_s'] * 1e3:.3f} ms vs bare "
          f"insert+commit, same pragmas {a['bare_s'] * 1e3:.3f} ms -> ratio {a['ratio']:.2f}x (target <= 1.3x; median of "
          f"{len(a['ratios'])} interleaved repeats, range {min(a['ratios']):.2f}-{max(a['ratios']):.2f})")
    if os.environ.get("BENCH_ANSWER_BREAKDOWN"):
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            print("durable answer, where the time goes (median per answer, us):      ours     bare")
            for what, ours_s, bare_s in answer_breakdown(Path(tmp)):
                print(f"  {what:62s} {ours_s * 1e6:7.1f}  {bare_s * 1e6:7.1f}")
    if os.environ.get("BENCH_ANSWER_ONLY"):
        return 0
    q = bench_queries(demo_db())
    print(f"demo database:   {q['total']:,} calls; June 2026: {q['month_calls']:,} calls, "
          f"{q['hits']:,} matching 'crisis team'")
    print(f"history search:  median {q['search_s'] * 1e3:.2f} ms vs raw SQL {q['search_raw_s'] * 1e3:.2f} ms "
          f"-> ratio {q['search_s'] / q['search_raw_s']:.2f}x (target <= 1.2x)")
    print(f"month report:    median {q['report_s'] * 1e3:.2f} ms vs raw SQL {q['report_raw_s'] * 1e3:.2f} ms "
          f"-> ratio {q['report_s'] / q['report_raw_s']:.2f}x (target <= 1.2x)")
    return 0


def test_bench_store() -> None:
    """Entry point for `make bench` (pytest -s tests/bench -o python_files='bench_*.py')."""
    assert main() == 0


if __name__ == "__main__":
    sys.exit(main())
