"""triage-collector commands for analysts, device groups, device health and the rollup (added to cli.py's parser)."""
from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, Callable

from sqlalchemy.exc import SQLAlchemyError

from triage_desktop.core.cli_args import positive_number
from triage_desktop.collector.db_errors import describe_error

DEFAULT_SILENT_HOURS = 24.0


def add_admin_commands(commands: Any, db_arg: Callable[[argparse.ArgumentParser], None],
                       serve: argparse.ArgumentParser, listing: argparse.ArgumentParser) -> None:
    """Register add-analyst, remove-analyst, set-device-group and rebuild-rollup; extend serve and list-devices."""
    add = commands.add_parser("add-analyst", help="create a dashboard analyst (asks for the password)")
    db_arg(add)
    add.add_argument("name", help="analyst name, e.g. j.smith")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input (scripts)")
    add.set_defaults(admin="add-analyst")

    remove = commands.add_parser("remove-analyst", help="disable an analyst and end their sessions")
    db_arg(remove)
    remove.add_argument("name")
    remove.set_defaults(admin="remove-analyst")

    group = commands.add_parser("set-device-group", help="put a device in a group (a control room, a site)")
    db_arg(group)
    group.add_argument("name", help="device name (as given to add-device)")
    group.add_argument("group", nargs="?", default="", help="group name; leave out to remove the device from its group")
    group.set_defaults(admin="set-device-group")

    rebuild = commands.add_parser("rebuild-rollup", help="recompute the weekly rollup from the stored summaries")
    db_arg(rebuild)
    rebuild.set_defaults(admin="rebuild-rollup")

    for parser in (serve, listing):
        parser.add_argument("--silent-after-hours", type=positive_number, default=DEFAULT_SILENT_HOURS,
                            help=f"a device with no summary for this long is shown as SILENT (default {DEFAULT_SILENT_HOURS:g})")
    serve.add_argument("--baseline-rate", type=float, default=None,
                       help="the force's pre-RCRP police deployment rate in percent, drawn on the dashboard")
    serve.add_argument("--login-max-failures", type=int, default=5, help="wrong passwords before sign-in pauses (default 5)")
    serve.add_argument("--login-lock-seconds", type=int, default=900, help="how long sign-in pauses (default 900)")


def dashboard_options(args: argparse.Namespace) -> dict[str, Any]:
    """create_app's dashboard options from the serve command's arguments."""
    from .analysts import LoginLimits

    return {
        "limits": LoginLimits(max_failures=args.login_max_failures, window_s=max(args.login_lock_seconds, 60),
                              lock_s=args.login_lock_seconds),
        "silent_after_hours": args.silent_after_hours,
        "baseline_rate": None if args.baseline_rate is None else args.baseline_rate / 100.0,
    }


def print_devices(engine: Any, args: argparse.Namespace) -> None:
    """list-devices: name, group, added, last summary received, count, state (ok / SILENT / revoked)."""
    from .dashboard_figures import device_health

    rows = device_health(engine, silent_after_hours=getattr(args, "silent_after_hours", DEFAULT_SILENT_HOURS))
    for row in rows:
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else ("active" if not row["silent"] else "active SILENT")
        last = row["last_received_at"] or "never"
        print(f"{row['name']}\tgroup {row['group']}\tadded {row['created_at']}\tlast summary {last}\t"
              f"{row['summaries']} summaries\t{state}")
    silent = [r["name"] for r in rows if r["silent"]]
    if silent:
        print(f"{len(silent)} device(s) silent for more than {args.silent_after_hours:g} h: {', '.join(silent)}")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def run_admin(args: argparse.Namespace) -> int:
    """Run one of the commands above; one line and exit code 1 on an error, never a traceback."""
    from . import analysts, db, rollup

    try:
        engine = db.make_engine(args.db)
        db.create_schema(engine)
        if args.admin == "add-analyst":
            analysts.add_analyst(engine, args.name, _password(args))
            print(f"Analyst {args.name!r} added. They sign in at /dashboard/login.")
        elif args.admin == "remove-analyst":
            analysts.remove_analyst(engine, args.name)
            print(f"Analyst {args.name!r} disabled; their sessions have ended.")
        elif args.admin == "set-device-group":
            names = {d["name"] for d in db.list_devices(engine)}
            if args.name not in names:
                raise ValueError(f"no device named {args.name!r}")
            rollup.set_device_group(engine, args.name, args.group or None)
            print(f"Device {args.name!r} is now in group {args.group!r}." if args.group
                  else f"Device {args.name!r} is in no group.")
        elif args.admin == "rebuild-rollup":
            print(f"Rollup rebuilt: {rollup.rebuild(engine)} calls counted.")
        engine.dispose()
    except (analysts.AnalystError, ValueError, db.DeviceError) as error:
        print(f"triage-collector: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("triage-collector: no password given", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(f"triage-collector: {describe_error(args.db, error)}", file=sys.stderr)
        return 1
    return 0
