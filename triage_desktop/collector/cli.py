"""`triage-collector`: serve the collector, and add, revoke or list device tokens."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Optional, Sequence

from triage_desktop.core.cli_args import OneLineParser
from triage_desktop.collector.db_errors import describe_error

DEFAULT_DB = "collector.sqlite"


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=os.environ.get("TRIAGE_COLLECTOR_DB", DEFAULT_DB),
        help="SQLite file path or postgresql://user@host:port/dbname URL (default: $TRIAGE_COLLECTOR_DB or collector.sqlite)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every triage-collector command."""
    parser = OneLineParser(prog="triage-collector", description="Central collector for triage-desktop call summaries.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the HTTP service (uvicorn)")
    _db_arg(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument("--ssl-certfile", help="PEM certificate (chain) to serve HTTPS directly")
    serve.add_argument("--ssl-keyfile", help="PEM private key for --ssl-certfile")
    serve.add_argument("--max-body-bytes", type=int, default=None, help="largest request body accepted (default 16 MiB)")
    serve.add_argument("--log-level", default="warning", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--request-timeout", type=float, default=10.0,
                       help="seconds a client has to send one whole request; slower or silent ones are cut (10)")
    serve.add_argument("--idle-timeout", type=float, default=5.0,
                       help="seconds an idle keep-alive connection is kept open after a response (5)")
    serve.add_argument("--workers", type=int, default=int(os.environ.get("TRIAGE_COLLECTOR_WORKERS", "1")),
                       help="worker processes sharing the port (default 1, or $TRIAGE_COLLECTOR_WORKERS): uploads "
                            "from many PCs are checked in parallel; the database keeps each summary exactly once")
    serve.add_argument("--fault-pause-after-commit", type=float, default=0.0, help=argparse.SUPPRESS)
    serve.add_argument("--fault-fail-on-call", default=None, help=argparse.SUPPRESS)  # fault tests: a poison record
    # tests only: behave like an older collector that knows just these summary schema versions (e.g. "1")
    serve.add_argument("--schema-versions", default=None, help=argparse.SUPPRESS)

    add = commands.add_parser("add-device", help="register a device and print its token once")
    _db_arg(add)
    add.add_argument("name", help="device name, e.g. control-room-pc-07")
    add.add_argument("--device-id", help="bind the token to this PC's device id now (its 'triage-desktop settings "
                                         "device_id'); otherwise the first upload binds it")

    many = commands.add_parser("add-devices", help="register many devices; write their one-time tokens to a CSV")
    _db_arg(many)
    many.add_argument("--count", type=int, required=True, help="how many devices, e.g. 50")
    many.add_argument("--prefix", required=True, help="name prefix, e.g. CR- gives CR-001, CR-002, ...")
    many.add_argument("--start", type=int, default=1, help="first number (default 1)")
    many.add_argument("--out", default="devices.csv", help="CSV to write: name,token (default devices.csv; "
                                                           "never overwritten; readable by its owner only)")

    revoke = commands.add_parser("revoke-device", help="revoke a device's token at once")
    _db_arg(revoke)
    revoke.add_argument("name")

    listing = commands.add_parser("list-devices", help="list devices (never tokens)")
    _db_arg(listing)

    from .admin_cli import add_admin_commands

    add_admin_commands(commands, _db_arg, serve, listing)

    init = commands.add_parser("init-db", help="create the tables (serve does this too)")
    _db_arg(init)
    return parser


#: The serve arguments a worker process needs to build the same application (JSON in this environment variable).
_SERVE_ENV = "TRIAGE_COLLECTOR_SERVE_ARGS"
_WORKER_ARGS = ("db", "max_body_bytes", "fault_pause_after_commit", "fault_fail_on_call", "schema_versions",
                "request_timeout", "login_max_failures", "login_lock_seconds", "silent_after_hours", "baseline_rate")


#: Container allocations between two young-generation collections of the serving process (Python's default: 700).
GC_YOUNG_THRESHOLD = 50_000


def tune_gc_for_serving() -> None:
    """Fit Python's cyclic garbage collector to a process that decodes batches of thousands of summaries.

    A 5,000-record upload makes ~40,000 dicts and lists at once; at the default threshold (700) that is ~60 young
    collections per batch, and every tenth of those a middle one, each walking what the batches in flight hold:
    a sixth of the collector's time per record went there. The objects made at start-up (modules, routes, the
    schema checker) are frozen out of every later collection, and the young generation is collected every
    GC_YOUNG_THRESHOLD allocations. Only cyclic garbage waits longer; everything else is freed by reference count
    as before."""
    import gc

    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, middle, old)


def _app_from_args(args: argparse.Namespace):  # -> FastAPI
    from .admin_cli import dashboard_options
    from .allocator import tune_allocator
    from .app import DEFAULT_MAX_BODY_BYTES, create_app

    tune_allocator()  # before the thread pool's first thread (collector/allocator.py)
    if args.schema_versions:
        from ..sync import schema as summary_schema

        summary_schema.KNOWN_VERSIONS = tuple(int(v) for v in args.schema_versions.split(","))
    app = create_app(
        args.db,
        max_body_bytes=args.max_body_bytes or DEFAULT_MAX_BODY_BYTES,
        fault_pause_after_commit=args.fault_pause_after_commit,
        fault_fail_on_call=args.fault_fail_on_call,
        dashboard_options=dashboard_options(args),
    )
    tune_gc_for_serving()
    return app


def _die_with_parent() -> None:
    """Linux: this worker gets SIGKILL when the serving process dies, even by SIGKILL (no orphan keeps the port)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def app_from_environment():  # -> FastAPI
    """The application of one worker process of `serve --workers N` (uvicorn imports and calls this)."""
    from . import slowclients

    _die_with_parent()
    args = argparse.Namespace(**json.loads(os.environ[_SERVE_ENV]))
    slowclients.DeadlineH11Protocol.request_timeout = float(args.request_timeout)
    return _app_from_args(args)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .slowclients import protocol_with_timeout

    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        print("triage-collector: --ssl-certfile and --ssl-keyfile go together", file=sys.stderr)
        return 2
    if not 1 <= args.workers <= 64:
        print("triage-collector: --workers must be 1 to 64", file=sys.stderr)
        return 2
    from .allocator import arenas_wanted

    try:
        arenas_wanted()
    except ValueError as error:
        print(f"triage-collector: {error}", file=sys.stderr)
        return 2
    common = dict(
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        log_level=args.log_level,
        access_log=args.log_level in ("info", "debug"),
        timeout_graceful_shutdown=5,
        timeout_keep_alive=max(1, int(args.idle_timeout)),
    )
    if args.workers > 1:
        from . import db

        engine = db.make_engine(args.db)
        db.create_schema(engine)  # once, here: the workers then find every table made
        engine.dispose()
        os.environ[_SERVE_ENV] = json.dumps({k: getattr(args, k) for k in _WORKER_ARGS})
        uvicorn.run("triage_desktop.collector.cli:app_from_environment", factory=True, workers=args.workers,
                    http="triage_desktop.collector.slowclients:DeadlineH11Protocol", **common)  # type: ignore[arg-type]
        return 0
    uvicorn.run(
        _app_from_args(args),
        http=protocol_with_timeout(args.request_timeout),  # type: ignore[arg-type]
        **common,  # type: ignore[arg-type]
    )
    return 0


def _add_devices(engine, args: argparse.Namespace) -> int:
    """Names PREFIX001.., tokens made in one transaction, then a CSV only its owner can read (never overwritten)."""
    from . import db

    if not 1 <= args.count <= 10_000 or args.start < 0:
        print("triage-collector: --count must be 1 to 10000 and --start 0 or more", file=sys.stderr)
        return 2
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        print(f"triage-collector: {out} exists: choose another --out (tokens are never overwritten)", file=sys.stderr)
        return 2
    width = max(3, len(str(args.start + args.count - 1)))
    names = [f"{args.prefix}{n:0{width}d}" for n in range(args.start, args.start + args.count)]
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        print(f"triage-collector: cannot create {out}: {error.strerror}", file=sys.stderr)
        return 2
    try:
        pairs = db.add_devices(engine, names)
    except BaseException:
        os.close(fd)
        os.unlink(out)
        raise
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["name", "token"])
    writer.writerows(pairs)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    engine.dispose()
    print(f"{len(pairs)} devices added ({names[0]} to {names[-1]}). Their tokens are in {out}, shown only this once: "
          "copy it to where the PCs can read it, enrol each PC with 'triage-desktop enrol --from-csv FILE', "
          "then delete every copy.")
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of `triage-collector`; returns the exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if getattr(args, "admin", None):
        from .admin_cli import run_admin

        return run_admin(args)

    from sqlalchemy.exc import SQLAlchemyError

    from . import db

    try:
        engine = db.make_engine(args.db)
        db.create_schema(engine)
        if args.command == "add-device":
            token = db.add_device(engine, args.name, args.device_id)
            print(f"Device {args.name!r} added. Its token is shown only this once; store it on the device now:")
            print(token)
        elif args.command == "add-devices":
            return _add_devices(engine, args)
        elif args.command == "revoke-device":
            db.revoke_device(engine, args.name)
            print(f"Device {args.name!r} revoked.")
        elif args.command == "list-devices":
            from .admin_cli import print_devices

            print_devices(engine, args)
        elif args.command == "init-db":
            print("Collector database ready.")
        engine.dispose()
    except db.DeviceError as error:
        print(f"triage-collector: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(f"triage-collector: {describe_error(args.db, error)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
