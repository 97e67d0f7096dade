"""The commands that read or write the calls themselves: export, report, demo-data, settings."""
from __future__ import annotations

import argparse
import json
import sys

from .common import _err, _locked_store, _reading


def cmd_export(args: argparse.Namespace) -> int:
    from ..store.callreport import FlowLibraries
    from ..store.calls import CallStore
    from ..store.export import export_calls

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
    from ..store.report import build_report, format_report
    from ..store.settings import Settings

    with _reading(args) as db:
        rep = build_report(db, args.date_from, args.date_to, Settings(db))
    print(json.dumps(rep, indent=2) if args.json else format_report(rep), end="" if not args.json else "\n")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from ..services import load_library
    from ..store.demo import generate

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
    from ..store.settings import SETTINGS

    if args.name is None:
        with _reading(args) as db:
            from ..store.settings import Settings

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
