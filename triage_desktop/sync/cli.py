"""`triage-desktop sync`: one sync pass from the command line, with an exit code and a one-line summary."""
from __future__ import annotations

import argparse
import sys
from typing import Any, Optional, Sequence

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
    parser.add_argument("--batch-size", type=int, default=1000, help="summaries per request (default 1000)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for the collector (default 30)")
    parser.add_argument("--attempts", type=int, default=5, help="tries per batch, with growing delays (default 5)")
    parser.add_argument("--retry-quarantined", action="store_true", help="give quarantined summaries another try first")
    parser.add_argument("--save", action="store_true", help="remember the given URL, CA bundle and token for next time")
    parser.set_defaults(func=handle_sync)
    return parser


def handle_sync(args: argparse.Namespace) -> int:
    """Run one pass as the arguments say; prints one line and returns the exit code."""
    from . import outbox, settings
    from .runner import SyncConfig, run_sync_pass

    try:
        if args.save:
            path = settings.database_path(getattr(args, "data_dir", None), args.db)
            if not path.exists():
                raise settings.SettingsError(f"no database at {path} (use --data-dir or --db)")
            saved = settings.save(path, collector_url=args.collector_url, ca_bundle=args.ca_bundle, token=args.token)
            print("sync: saved " + (", ".join(saved) or "nothing (give --collector-url, --ca-bundle or --token)"))
        resolved = settings.resolve(
            data_dir=getattr(args, "data_dir", None), db=args.db, collector_url=args.collector_url, token=args.token, ca_bundle=args.ca_bundle
        )
    except (settings.SettingsError, PermissionError) as error:
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
        report = run_sync_pass(resolved.db_path, config)
    except ValueError as error:  # e.g. a malformed collector URL
        print(f"sync: {error}", file=sys.stderr)
        return EXIT_CONFIG
    print(report.line())
    return report.exit_code


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Stand-alone entry (`python -m triage_desktop.sync.cli sync ...`) until the app's CLI wires the command in."""
    parser = argparse.ArgumentParser(prog="triage-desktop")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_sync_commands(commands)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
