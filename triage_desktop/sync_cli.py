"""`triage-desktop sync`: one sync pass from the command line, with an exit code and a one-line summary.

It lives beside cli.py: it joins the store (the outbox repository and the declared sync settings over a connection
of its own, as the app may be running) to sync (the pass itself).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from sqlite_utils import Database

from triage_desktop.core.cli_args import OneLineParser

from .store import outbox
from .sync import settings
from .sync.runner import SyncConfig, SyncReport, run_sync_pass


EXIT_CONFIG = 2


def add_sync_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Register the `sync` command on an argparse subparsers object; returns its parser (handler in `func`)."""
    parser = subparsers.add_parser(
        "sync",
        help="send finished calls' anonymised summaries to the collector (one pass)",
        description=(
            "Push every pending summary to the force's collector, then reconcile with it. Exit codes: 0 done, "
            "1 collector unreachable or failing (summaries stay queued), 2 settings missing, 3 token refused, "
            "4 some summaries were quarantined (see the outbox's last_error)."
        ),
    )
    # SUPPRESS: when not given here, the top-level `triage-desktop --data-dir X sync` value is kept (a default of
    # None here used to shadow it, so `sync` synced the default data dir)
    parser.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="the app's data dir (default: the global --data-dir, $TRIAGE_DESKTOP_DATA_DIR or the user "
                             "data dir)")
    parser.add_argument("--db", help="path of the live database file (overrides --data-dir)")
    parser.add_argument("--collector-url", help="https://collector.example:8765 (default: $TRIAGE_COLLECTOR_URL or saved)")
    parser.add_argument("--token", help="device token (default: $TRIAGE_COLLECTOR_TOKEN or the keyring / token file)")
    parser.add_argument("--ca-bundle", help="PEM file of CAs to trust for the collector (default: system trust store)")
    parser.add_argument("--batch-size", type=int, default=2500, help="summaries per request (default 2500)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the collector (default 30)")
    parser.add_argument("--attempts", type=int, default=5, help="tries per batch, with growing delays (default 5)")
    parser.add_argument("--retry-quarantined", action="store_true", help="give quarantined summaries another try first")
    parser.add_argument("--save", action="store_true", help="remember the given URL, CA bundle and token for next time")
    parser.set_defaults(func=handle_sync)
    return parser


def handle_sync(args: argparse.Namespace) -> int:
    """Run one pass as the arguments say; prints one line and returns the exit code."""
    try:
        if args.save:
            path = settings.database_path(getattr(args, "data_dir", None), args.db)
            if not path.exists():
                raise settings.SettingsError(f"no database at {path} (use --data-dir or --db)")
            saved = save(path, collector_url=args.collector_url, ca_bundle=args.ca_bundle, token=args.token)
            print("sync: saved " + (", ".join(saved) or "nothing (give --collector-url, --ca-bundle or --token)"))
        resolved = resolve(
            data_dir=getattr(args, "data_dir", None), db=args.db, collector_url=args.collector_url, token=args.token, ca_bundle=args.ca_bundle
        )
    except (settings.SettingsError, PermissionError, ValueError) as error:
        print(f"sync: {error}", file=sys.stderr)
        return EXIT_CONFIG
    if args.retry_quarantined:
        database = outbox.open_database(str(resolved.db_path))
        try:
            released = outbox.release_quarantined(database)
        finally:
            database.close()
        print(f"sync: {released} quarantined summaries put back in the queue")
    config = SyncConfig(
        collector_url=resolved.collector_url,
        token=resolved.token,
        ca_bundle=resolved.ca_bundle,
        batch_size=max(1, args.batch_size),
        timeout_s=args.timeout,
        max_attempts=max(1, args.attempts),
        ignore_backoff=True,
    )
    try:
        report = run_pass_on(resolved.db_path, config)
    except ValueError as error:  # e.g. a malformed collector URL
        print(f"sync: {error}", file=sys.stderr)
        return EXIT_CONFIG
    print(report.line())
    return report.exit_code


def run_pass_on(db: Union[str, os.PathLike[str], Database], config: SyncConfig) -> SyncReport:
    """One pass over a database file (a connection of this command's own, closed after) or an open Database."""
    if isinstance(db, Database):
        path = str(db.conn.execute("PRAGMA database_list").fetchone()[2])
        return run_sync_pass(outbox.OutboxRepository(db), config, lock_key=path)
    path = str(Path(db).resolve())
    database = outbox.open_database(path)
    try:
        return run_sync_pass(outbox.OutboxRepository(database), config, lock_key=path)
    finally:
        database.close()


def _stored(database: Database, key: str) -> Optional[str]:
    from .store.settings import Settings

    try:
        return Settings(database).get(key) or None
    except Exception:  # noqa: BLE001 - an old or foreign database without the settings table
        return None


def resolve(*, data_dir: Optional[str | Path] = None, db: Optional[str | Path] = None,
            collector_url: Optional[str] = None, token: Optional[str] = None, ca_bundle: Optional[str] = None,
            config_dir: Optional[Path] = None) -> settings.ResolvedSettings:
    """Fill each sync setting from the first place that has it: argument, environment, declared setting, token store."""
    path = settings.database_path(data_dir, db)
    if not path.exists():
        raise settings.SettingsError(f"no database at {path} (use --data-dir or --db)")
    database = outbox.open_database(str(path))
    try:
        stored_url = _stored(database, settings.SETTING_URL)
        stored_ca = _stored(database, settings.SETTING_CA_BUNDLE)
    finally:
        database.close()
    url, secret, bundle = settings.resolve_values(stored_url=stored_url, stored_ca=stored_ca,
                                                  collector_url=collector_url, token=token, ca_bundle=ca_bundle,
                                                  config_dir=config_dir)
    return settings.ResolvedSettings(db_path=path, collector_url=url, token=secret, ca_bundle=bundle)


def save(db_path: Path, *, collector_url: Optional[str], ca_bundle: Optional[str], token: Optional[str],
         config_dir: Optional[Path] = None) -> list[str]:
    """Remember the URL and CA bundle as declared settings and the token in the token store."""
    from .store.settings import Settings
    from .sync import credentials

    saved: list[str] = []
    if collector_url:
        from .sync.transport import check_collector_url

        try:
            check_collector_url(collector_url)
        except ValueError as error:
            raise settings.SettingsError(str(error)) from None
    database = outbox.open_database(str(db_path))
    try:
        store_settings = Settings(database)
        for key, value in ((settings.SETTING_URL, collector_url), (settings.SETTING_CA_BUNDLE, ca_bundle)):
            if value:
                store_settings.set(key, value)
                saved.append(key)
    finally:
        database.close()
    if token:
        saved.append(f"token ({credentials.save_token(token, config_dir=config_dir)})")
    return saved


def add_commands(subparsers: Any) -> None:
    """The app's command line (cli.COMMAND_MODULES) adds `sync` here."""
    add_sync_commands(subparsers)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Stand-alone entry (`python -m triage_desktop.sync_cli sync ...`)."""
    parser = OneLineParser(prog="triage-desktop")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_sync_commands(commands)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
