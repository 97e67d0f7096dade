"""Store commands (beside cli.py; they may use the services and the store): db verify/check/backup/backups/restore/purge, export, report, demo-data, settings."""
from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

from .paths import AppPaths
from .store.errors import DatabaseCorrupt, StoreError

#: Every command this module adds (the docs test checks each is described in docs/store.md).
COMMANDS = ("db verify", "db check", "db backup", "db backups", "db restore", "db purge", "db holds", "db hold",
            "db lift-hold", "db start-empty", "db audit-key", "export", "report", "demo-data", "settings")


def _paths(args: argparse.Namespace) -> AppPaths:
    return AppPaths.default(getattr(args, "data_dir", None))


def _err(msg: str) -> int:
    print(f"triage-desktop: {' '.join(str(msg).split())}", file=sys.stderr)
    return 2


def open_read_only(path: Path) -> Any:
    """A read-only connection that writes nothing, even on read-only media.

    `mode=ro` first (it still sees a WAL not yet checkpointed); if the folder cannot hold the shared-memory file
    (read-only media, an immutable file), `immutable=1`, which reads the main file only: such a database was
    closed cleanly (or its WAL could never have been written there).
    """
    import sqlite3
    from urllib.parse import quote

    from sqlite_utils import Database

    uri = "file:" + quote(str(path))
    last: Optional[Exception] = None
    wal = path.with_name(path.name + "-wal")
    for query in ("?mode=ro", "?mode=ro&immutable=1"):
        if "immutable" in query and wal.exists() and wal.stat().st_size > 0:
            # immutable=1 reads the main file only: writes still in the WAL would be silently missing
            raise StoreError(f"The database {path} cannot be read here: it is on read-only media and has writes "
                             "not yet merged from its WAL file. Copy the data folder to writable storage first.")
        try:
            conn = sqlite3.connect(uri + query, uri=True, timeout=10.0)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return Database(conn, execute_plugins=False)
        except sqlite3.OperationalError as exc:  # unable to open / readonly: try immutable
            last = exc
            with contextlib.suppress(Exception):
                conn.close()
    assert last is not None
    raise last


@contextlib.contextmanager
def _reading(args: argparse.Namespace) -> Iterator[Any]:
    """A read-only connection for read-only commands: no lock (the app may be running), no migrations, no writes."""
    from .store.database import header_problem
    from .store.schema import MIGRATIONS
    from .store import backup as backups

    paths = _paths(args)
    path = paths.database(args.training)
    if not path.is_file():
        raise StoreError(f"There is no database at {path} (start the app once, or pass --data-dir).")
    problem = header_problem(path)
    if problem:
        raise DatabaseCorrupt(f"The database {path} cannot be used: {problem}.", path=path,
                              backup_candidates=backups.good_backups(paths, args.training))
    db = open_read_only(path)
    try:
        if MIGRATIONS.pending(db):
            raise StoreError(f"The database {path} needs upgrading: open it with the app (or 'db backup' after).")
        yield db
    finally:
        db.close()


def _locked_store(args: argparse.Namespace):
    from .store.database import Store

    return Store.open(_paths(args), training=args.training)


def against_collector(conn: Any, args: argparse.Namespace) -> list[str]:
    """Every chain head the collector holds for this PC must still be in this database with the same hash."""
    from triage_desktop import sync_cli
    from triage_desktop.sync import settings as sync_settings  # lazy: only this option needs the network
    from triage_desktop.sync.transport import CollectorClient, TransportError

    row = conn.execute("SELECT value FROM settings WHERE key = 'device_id'").fetchone()
    if row is None:
        raise StoreError("this database has no device_id: nothing to check against the collector")
    try:
        resolved = sync_cli.resolve(data_dir=getattr(args, "data_dir", None), db=_paths(args).database(False),
                                         collector_url=args.collector_url, token=args.token,
                                         ca_bundle=args.ca_bundle)
    except sync_settings.SettingsError as exc:
        raise StoreError(f"cannot reach the collector: {exc}") from None
    try:
        with CollectorClient(resolved.collector_url, resolved.token, ca_bundle=resolved.ca_bundle) as client:
            heads = client.chain_heads(row[0])
    except (TransportError, ValueError) as exc:
        raise StoreError(f"cannot check against the collector: {exc}") from None
    problems = []
    for head in heads:
        local = conn.execute("SELECT hash FROM call_events WHERE id = ?", (head["event_id"],)).fetchone()
        if local is None:
            problems.append(f"the collector holds chain head call_events row {head['event_id']} (received "
                            f"{head['received_at']}) but this database has no such row: events were deleted")
        elif local[0] != head["event_hash"]:
            problems.append(f"call_events row {head['event_id']} differs from the head the collector holds "
                            f"(received {head['received_at']}): the history was rewritten")
    if not heads:
        print("The collector holds no chain head for this PC yet (sync at least once).", file=sys.stderr)
    else:
        print(f"Checked against {len(heads)} chain heads held by the collector.", file=sys.stderr)
    return problems


def _summary_builder() -> tuple[Any, Any]:
    """sync's summary builder, for verify to check each outbox payload against its call."""
    from .sync.summary import build_summary, canonical_json

    return build_summary, canonical_json


def cmd_verify(args: argparse.Namespace) -> int:
    from .store.chain import verify

    from .store.auditkey import load as load_key

    key = load_key(_paths(args).data_dir)
    with _reading(args) as db:
        res = verify(db.conn, key=key, summary=_summary_builder())
        if getattr(args, "against_collector", False):
            res.problems.extend(against_collector(db.conn, args))
    if res.ok:
        signed = f"; signatures checked with audit key {key.key_id}" if key is not None else ""
        print(f"OK: audit chain intact ({res.events_checked} events, {res.calls_checked} closed calls "
              f"checked{signed}).")
        return 0
    print(f"BROKEN: first broken row: {res.first_broken}", file=sys.stderr)
    for p in res.problems[1:]:
        print(f"  also: {p}", file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    from .store.chain import verify
    from .store.database import quick_check_result

    with _reading(args) as db:
        qc = quick_check_result(db.conn)
        try:
            db.conn.execute("INSERT INTO calls_fts(calls_fts) VALUES('integrity-check')")
            fts = "ok"
        except sqlite3.OperationalError as exc:
            # FTS5's check is an INSERT: on read-only media it cannot run (nothing else is wrong)
            fts = "not checked (read-only file)" if "readonly" in str(exc).lower() else str(exc)
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            fts = str(exc)
        from .store.auditkey import load as load_key

        res = verify(db.conn, key=load_key(_paths(args).data_dir), summary=_summary_builder())
    print(f"quick_check: {qc}")
    print(f"full-text index: {fts}")
    print(f"audit chain: {'ok' if res.ok else 'BROKEN at ' + str(res.first_broken)}")
    return 0 if qc == "ok" and fts in ("ok", "not checked (read-only file)") and res.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from .store import backup as backups

    paths = _paths(args)
    with _reading(args) as db:
        path = backups.make_backup(db.conn, paths, args.training, "manual")
    backups.thin(paths, args.training)
    print(f"Backup written: {path}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from .store import backup as backups

    infos = backups.list_backups(_paths(args), args.training)
    if not infos:
        print("No backups yet.")
    for b in infos:
        print(f"{b.path}  {b.age_text()}  ({b.reason})")
    return 0


def _confirm(question: str) -> bool:
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def cmd_restore(args: argparse.Namespace) -> int:
    from .store import backup as backups
    from .store.lock import InstanceLock

    paths = _paths(args)
    source = Path(args.file).expanduser().absolute()
    problem = backups.check_file(source)
    if problem:
        return _err(f"{source.name} cannot be restored: {problem}.")
    info = next((b for b in backups.list_backups(paths, args.training) if b.path == source), None)
    age = info.age_text() if info else f"file dated {_mtime_text(source)}"
    print(f"Backup {source.name}: made {age}, holds {backups.count_calls(source)} calls.")
    print(f"Restoring replaces the database {paths.database(args.training)}; the current file is kept "
          "(as a 'prerestore' backup, or in the 'damaged' folder).")
    if not args.yes and not _confirm("Restore this backup?"):
        print("Nothing changed.")
        return 1
    paths.ensure_data_dir()
    lock = InstanceLock(paths.lock_file(args.training)).acquire()
    try:
        result = backups.restore_file(paths, args.training, source)
    finally:
        lock.release()
    print(result.message())
    return 0


def _mtime_text(path: Path) -> str:
    import datetime as _dt

    t = _dt.datetime.fromtimestamp(path.stat().st_mtime, _dt.timezone.utc)
    return f"{t:%Y-%m-%d %H:%M} UTC"


def cmd_purge(args: argparse.Namespace) -> int:
    from .store.retention import purge_expired

    store = _locked_store(args)
    try:
        days = args.days or store.settings.get_int("retention_days")
        res = purge_expired(store, days=days)
    finally:
        store.close(check=False)
    print(f"Purged personal details and free text of {res.calls_purged} calls started before {res.cutoff} "
          f"({res.events_purged} events; {res.calls_abandoned} stale calls abandoned first).")
    return 0


def cmd_holds(args: argparse.Namespace) -> int:
    from .store.retention import active_holds

    with _reading(args) as db:
        holds = active_holds(db.conn)
    if not holds:
        print("No calls are on legal hold.")
    for h in holds:
        print(f"{h.call_uuid}  held since {h.placed_at} by {h.placed_by}: {h.reason}")
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    from .store.retention import HoldRefused, lift_hold, place_hold

    store = _locked_store(args)
    try:
        action = place_hold if args.db_command == "hold" else lift_hold
        action(store, args.call, reason=args.reason, by=args.supervisor, role="supervisor")
    except HoldRefused as exc:
        return _err(str(exc))
    finally:
        store.close(check=False, backup=False)
    state = "on legal hold: the purge skips it" if args.db_command == "hold" else "no longer on legal hold"
    print(f"Call {args.call} is {state}.")
    return 0


def cmd_start_empty(args: argparse.Namespace) -> int:
    from .store.database import Store
    from .store.errors import DatabaseMissing

    paths = _paths(args)
    try:
        Store.open(paths, training=args.training).close(backup=False)
        print(f"The database {paths.database(args.training)} is there and was not changed.")
        return 0
    except DatabaseMissing as exc:
        print(f"{exc.path} is {exc.found}; newest backup {exc.backup_candidates[0].name}.")
    if not args.yes and not _confirm("Start with an EMPTY database instead of restoring the newest backup?"):
        print("Nothing changed.")
        return 1
    Store.open(paths, training=args.training, start_empty=True).close()
    print("Started with an empty database (recorded in its audit trail); the backups are untouched.")
    return 0


def cmd_audit_key(args: argparse.Namespace) -> int:
    from .store.auditkey import ENV_KEY_FILE, load, make_key_file

    path = Path(args.file).expanduser().absolute()
    data_dir = _paths(args).data_dir.expanduser().absolute()
    if path == data_dir or data_dir in path.parents:
        return _err(f"the audit key must be kept outside the data dir {data_dir}")
    made = make_key_file(path)
    load(data_dir, str(made))
    print(f"Audit key written to {made} (readable by you only). Set {ENV_KEY_FILE}={made} for the app and for "
          "'db verify'; keep a copy somewhere safe: without it the signatures cannot be checked.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .store.callreport import FlowLibraries
    from .store.calls import CallStore
    from .store.export import export_calls

    with _reading(args) as db:
        calls = CallStore.reader(db.conn)
        libs = FlowLibraries(calls)
        if args.out:
            with open(args.out, "w", encoding="utf-8", newline="") as fh:
                n = export_calls(calls, libs, fh, args.format, date_from=args.date_from, date_to=args.date_to,
                                 include_personal=args.include_personal)
            print(f"Exported {n} calls to {args.out}", file=sys.stderr)
        else:
            n = export_calls(calls, libs, sys.stdout, args.format, date_from=args.date_from, date_to=args.date_to,
                             include_personal=args.include_personal)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .store.report import build_report, format_report
    from .store.settings import Settings

    with _reading(args) as db:
        rep = build_report(db, args.date_from, args.date_to, Settings(db))
    print(json.dumps(rep, indent=2) if args.json else format_report(rep), end="" if not args.json else "\n")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from .services import load_library
    from .store.demo import generate

    library = load_library(args.flows)
    store = _locked_store(args)
    t0 = time.monotonic()
    try:
        res = generate(store, library, args.calls, seed=args.seed, days=args.days,
                       bulk=True if args.bulk else None)
    finally:
        store.close(check=False)
    print(f"Wrote {res.calls} demo calls ({'bulk' if res.bulk else 'full'} path) to {store.path} "
          f"in {time.monotonic() - t0:.1f} s.")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    from .store.settings import SETTINGS

    if args.name is None:
        with _reading(args) as db:
            from .store.settings import Settings

            s = Settings(db)
            for st in SETTINGS:
                print(f"{st.name} = {s.get(st.name)}    # {st.help}")
        return 0
    store = _locked_store(args)
    try:
        if args.value is None:
            print(store.settings.get(args.name))
        else:
            store.settings.set(args.name, args.value)
            print(f"{args.name} = {store.settings.get(args.name)}")
    except (KeyError, ValueError) as exc:
        return _err(str(exc).strip('"'))
    finally:
        store.close(check=False, backup=False)
    return 0


def _run(func):  # type: ignore[no-untyped-def]
    """Turn store errors into a clear message and exit code 2 (never a traceback)."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except StoreError as exc:
            return _err(str(exc))
        except OSError as exc:
            from .store.errors import translate

            mapped = translate(exc)
            return _err(" ".join(str(mapped or exc).split()))
        except sqlite3.Error as exc:  # a malformed / unreadable file found mid-command: one line, never a traceback
            from .store.errors import translate

            where = str(_paths(args).database(getattr(args, "training", False)))
            mapped = translate(exc, where=where)
            text = str(mapped) if mapped is not None else f"The database {where} cannot be read ({exc})."
            return _err(" ".join(text.split()))

    return wrapped


def add_commands(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add the store's sub-commands to the top-level parser (which has --data-dir)."""

    def training(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--training", action="store_true", help="use the training (mock-call) database")
        return p

    db = sub.add_parser("db", help="check, verify, back up and restore the local database")
    dbs = db.add_subparsers(dest="db_command", required=True)
    v = training(dbs.add_parser("verify", help="walk the audit chain and name the first broken row"))
    v.add_argument("--against-collector", action="store_true",
                   help="also check the chain heads the collector holds for this PC are still in the file")
    v.add_argument("--collector-url", help="collector URL (default: the saved sync setting)")
    v.add_argument("--token", help="device token (default: the saved one)")
    v.add_argument("--ca-bundle", help="PEM CA bundle for the collector (default: saved / system)")
    v.set_defaults(func=_run(cmd_verify))
    training(dbs.add_parser("check", help="PRAGMA quick_check, full-text index check and the chain verify")
             ).set_defaults(func=_run(cmd_check))
    training(dbs.add_parser("backup", help="make an online backup now")).set_defaults(func=_run(cmd_backup))
    training(dbs.add_parser("backups", help="list backups, newest first")).set_defaults(func=_run(cmd_backups))
    r = training(dbs.add_parser("restore", help="replace the database with a backup (asks first)"))
    r.add_argument("file", help="the backup file")
    r.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    r.set_defaults(func=_run(cmd_restore))
    p = training(dbs.add_parser("purge", help="purge personal details and free text past the retention period"))
    p.add_argument("--days", type=int, help="retention in days (default: the retention_days setting)")
    p.set_defaults(func=_run(cmd_purge))
    training(dbs.add_parser("holds", help="list calls on legal hold")).set_defaults(func=_run(cmd_holds))
    for name, helptext in (("hold", "put a call on legal hold (the purge skips it)"),
                           ("lift-hold", "lift a call's legal hold")):
        h = training(dbs.add_parser(name, help=helptext))
        h.add_argument("call", help="the call's uuid")
        h.add_argument("--supervisor", required=True, help="the supervisor's id (recorded in the audit trail)")
        h.add_argument("--reason", required=True, help="why (e.g. coroner, IOPC referral, complaint)")
        h.set_defaults(func=_run(cmd_hold))
    ak = dbs.add_parser("audit-key", help="make an HMAC key (kept outside the data dir) that signs audit events")
    ak.add_argument("file", help="where to write the key (outside the data dir)")
    ak.set_defaults(func=_run(cmd_audit_key), training=False)
    se = training(dbs.add_parser("start-empty", help="start with an empty database when it is missing or empty "
                                                     "although backups exist (audited)"))
    se.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    se.set_defaults(func=_run(cmd_start_empty))

    e = training(sub.add_parser("export", help="export per-call full reports as CSV or JSON"))
    e.add_argument("--format", choices=("csv", "json"), default="json")
    e.add_argument("--out", help="file to write (default: standard output)")
    e.add_argument("--from", dest="date_from", help="first day (YYYY-MM-DD)")
    e.add_argument("--to", dest="date_to", help="last day, included (YYYY-MM-DD)")
    e.add_argument("--include-personal", action="store_true",
                   help="include caller details and typed free text (left out by default)")
    e.set_defaults(func=_run(cmd_export))

    rp = training(sub.add_parser("report", help="calls by pathway and outcome, attendance avoided, hours saved"))
    rp.add_argument("--from", dest="date_from", required=True, help="first day (YYYY-MM-DD)")
    rp.add_argument("--to", dest="date_to", required=True, help="last day, included (YYYY-MM-DD)")
    rp.add_argument("--json", action="store_true", help="print JSON instead of text")
    rp.set_defaults(func=_run(cmd_report))

    d = training(sub.add_parser("demo-data", help="fill the data dir with synthetic calls from the real flows"))
    d.add_argument("--calls", type=int, required=True, help="how many calls")
    d.add_argument("--seed", type=int, default=1, help="random seed (same seed, same calls)")
    d.add_argument("--days", type=int, default=365, help="spread the calls over this many past days")
    d.add_argument("--flows", help="flows folder (default: the bundled flows)")
    d.add_argument("--bulk", action="store_true", help="use the bulk path even for few calls")
    d.set_defaults(func=_run(cmd_demo))

    s = training(sub.add_parser("settings", help="list settings, or get/set one"))
    s.add_argument("name", nargs="?", help="setting name")
    s.add_argument("value", nargs="?", help="new value")
    s.set_defaults(func=_run(cmd_settings))
