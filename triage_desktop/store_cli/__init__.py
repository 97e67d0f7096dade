"""Store commands (beside cli.py; they may use the services and the store): db verify/check/backup/backups/restore/purge, export, report, demo-data, settings.

The parser is built here; the commands are in db.py (`db ...`) and data.py (export, report, demo-data, settings),
what they share in common.py."""
from __future__ import annotations

import argparse
from typing import Any

from ..core.cli_args import iso_day, positive_int
from .common import _run
from .data import cmd_demo, cmd_export, cmd_report, cmd_settings
from .db import (cmd_audit_key, cmd_backup, cmd_backups, cmd_check, cmd_hold, cmd_holds, cmd_purge, cmd_restore,
                 cmd_start_empty, cmd_verify)

#: Every command this module adds (the docs test checks each is described in docs/store.md).
COMMANDS = ("db verify", "db check", "db backup", "db backups", "db restore", "db purge", "db holds", "db hold",
            "db lift-hold", "db start-empty", "db audit-key", "export", "report", "demo-data", "settings")


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
    p.add_argument("--days", type=positive_int, help="retention in days (default: the retention_days setting)")
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
    e.add_argument("--from", dest="date_from", type=iso_day, help="first day (YYYY-MM-DD)")
    e.add_argument("--to", dest="date_to", type=iso_day, help="last day, included (YYYY-MM-DD)")
    e.add_argument("--include-personal", action="store_true",
                   help="include caller details and typed free text (left out by default)")
    e.set_defaults(func=_run(cmd_export))

    rp = training(sub.add_parser("report", help="calls by pathway and outcome, attendance avoided, hours saved"))
    rp.add_argument("--from", dest="date_from", required=True, type=iso_day, help="first day (YYYY-MM-DD)")
    rp.add_argument("--to", dest="date_to", required=True, type=iso_day, help="last day, included (YYYY-MM-DD)")
    rp.add_argument("--json", action="store_true", help="print JSON instead of text")
    rp.set_defaults(func=_run(cmd_report))

    d = training(sub.add_parser("demo-data", help="fill the data dir with synthetic calls from the real flows"))
    d.add_argument("--calls", type=positive_int, required=True, help="how many calls")
    d.add_argument("--seed", type=int, default=1, help="random seed (same seed, same calls)")
    d.add_argument("--days", type=positive_int, default=365, help="spread the calls over this many past days")
    d.add_argument("--flows", help="flows folder (default: the bundled flows)")
    d.add_argument("--bulk", action="store_true", help="use the bulk path even for few calls")
    d.set_defaults(func=_run(cmd_demo))

    s = training(sub.add_parser("settings", help="list settings, or get/set one"))
    s.add_argument("name", nargs="?", help="setting name")
    s.add_argument("value", nargs="?", help="new value")
    s.set_defaults(func=_run(cmd_settings))
