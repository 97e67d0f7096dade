"""The `db` commands: verify, check, backup, backups, restore, purge, holds, hold, lift-hold, start-empty, audit-key."""
from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

from ..store.errors import StoreError
from .common import _confirm, _err, _locked_store, _paths, _reading


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
    from ..sync.summary import build_summary, canonical_json

    return build_summary, canonical_json


def cmd_verify(args: argparse.Namespace) -> int:
    from ..store.chain import verify

    from ..store.auditkey import load as load_key

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
    from ..store.chain import verify
    from ..store.database import quick_check_result

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
        from ..store.auditkey import load as load_key

        res = verify(db.conn, key=load_key(_paths(args).data_dir), summary=_summary_builder())
    print(f"quick_check: {qc}")
    print(f"full-text index: {fts}")
    print(f"audit chain: {'ok' if res.ok else 'BROKEN at ' + str(res.first_broken)}")
    return 0 if qc == "ok" and fts in ("ok", "not checked (read-only file)") and res.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from ..store import backup as backups

    paths = _paths(args)
    with _reading(args) as db:
        path = backups.make_backup(db.conn, paths, args.training, "manual")
    backups.thin(paths, args.training)
    print(f"Backup written: {path}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from ..store import backup as backups

    infos = backups.list_backups(_paths(args), args.training)
    if not infos:
        print("No backups yet.")
    for b in infos:
        print(f"{b.path}  {b.age_text()}  ({b.reason})")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ..store import backup as backups
    from ..store.lock import InstanceLock

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
    from ..store.retention import purge_expired

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
    from ..store.retention import active_holds

    with _reading(args) as db:
        holds = active_holds(db.conn)
    if not holds:
        print("No calls are on legal hold.")
    for h in holds:
        print(f"{h.call_uuid}  held since {h.placed_at} by {h.placed_by}: {h.reason}")
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    from ..store.retention import HoldRefused, lift_hold, place_hold

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
    from ..store.database import Store
    from ..store.errors import DatabaseMissing

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
    from ..store.auditkey import ENV_KEY_FILE, load, make_key_file

    path = Path(args.file).expanduser().absolute()
    data_dir = _paths(args).data_dir.expanduser().absolute()
    if path == data_dir or data_dir in path.parents:
        return _err(f"the audit key must be kept outside the data dir {data_dir}")
    made = make_key_file(path)
    load(data_dir, str(made))
    print(f"Audit key written to {made} (readable by you only). Set {ENV_KEY_FILE}={made} for the app and for "
          "'db verify'; keep a copy somewhere safe: without it the signatures cannot be checked.")
    return 0
