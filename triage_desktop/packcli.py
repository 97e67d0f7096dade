"""`triage-desktop config check [FILE]`: validate a force configuration pack and print what the app will use."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from .core.packmodel import ROLLOUT_PATHWAYS, TOOLKIT_PHASES
from .core.vocab import PATHWAYS


def add_commands(sub: Any) -> None:
    cfg = sub.add_parser("config", help="check the force configuration pack")
    csub = cfg.add_subparsers(dest="config_command", required=True)
    c = csub.add_parser("check", help="validate a pack (file, key/line, reason) and print what the app will use")
    c.add_argument("file", nargs="?", help="the pack (default: $TRIAGE_DESKTOP_FORCE_PACK, the machine-wide "
                                           "force-pack.toml, or the bundled example)")
    c.set_defaults(func=cmd_config_check)
    w = csub.add_parser("where", help="print where the app looks for the pack")
    w.set_defaults(func=cmd_config_where)
    o = csub.add_parser("partners", help="the partner services the app would offer for an outcome, at a time")
    o.add_argument("outcome", help="outcome code, e.g. CRISIS_TEAM")
    o.add_argument("pathway", help="pathway, e.g. crisis")
    o.add_argument("--at", help="local date and time, YYYY-MM-DD HH:MM (default: now)")
    o.add_argument("--pack", help="the pack (default: the one the app would use)")
    o.set_defaults(func=cmd_config_partners)


def cmd_config_where(args: argparse.Namespace) -> int:
    from .packs import ENV_FORCE_PACK, find_pack, site_pack_path

    path, origin = find_pack()
    print(f"machine-wide pack: {site_pack_path()}")
    print(f"environment variable: {ENV_FORCE_PACK}")
    print(f"in use: {path or 'none'} ({origin})")
    return 0


def describe(loaded: Any) -> list[str]:
    """What the app will use from this pack, in words."""
    p = loaded.pack
    lines = [f"Force: {p.force_name} ({p.force_code})",
             f"Collector: {p.collector_url or 'not set by the pack (sync settings in the app)'}"
             + (f", CA bundle {loaded.ca_bundle}" if loaded.ca_bundle else ""),
             "Retention of personal details: "
             + (f"{p.retention_days} days" if p.retention_days is not None else "not set (a supervisor may set it)"),
             "Officer hours per avoided deployment:"]
    for pw, title in PATHWAYS.items():
        h = p.hours.get(pw)
        lines.append(f"  {pw:<11} " + (f"{h.hours:g} h - {h.source}" if h else "not set (a supervisor may set it)"))
    if p.baseline:
        lines.append(f"Pre-RCRP baseline ({p.baseline.period or 'period not given'}): {p.baseline.source}")
        lines += [f"  {pw:<11} {n} deployments/month" for pw, n in p.baseline.per_month.items()]
    else:
        lines.append("Pre-RCRP baseline: not set (a supervisor may set it)")
    lines.append("Pathways (RCRP toolkit phases):" if p.pathways else
                 "Pathways: no [pathways] table, so every pathway runs under RCRP")
    for pw in ROLLOUT_PATHWAYS:
        r = p.rollout(pw)
        lines.append(f"  {pw:<11} phase {r.phase} ({TOOLKIT_PHASES[r.phase]}): "
                     + ("ON - RCRP flow" if r.enabled else "OFF - force procedure outcome"))
    lines.append(f"Supervisors: {', '.join(p.supervisors) or 'none'}; trainers: {', '.join(p.trainers) or 'none'}")
    lines.append(f"Flows: {loaded.flows_dir} (checked)" if loaded.flows_dir else "Flows: the bundled flows")
    lines.append(f"Partner directory: {len(p.directory.entries)} services; bank holidays "
                 f"{p.bank_holiday_region}")
    for e in p.directory.entries:
        lines.append(f"  {e.code:<22} {e.name}: {', '.join(str(x) for x in e.phones)}")
        lines.append(f"  {'':<22} for {', '.join(e.outcomes)}"
                     + (f" on {', '.join(e.pathways)}" if e.pathways else " on every pathway")
                     + f"; {e.hours.describe()}")
    return lines


def cmd_config_check(args: argparse.Namespace) -> int:
    from .packs import PackInvalid, find_pack, load_pack

    if args.file:
        path, origin = args.file, "given"
    else:
        found, origin = find_pack()
        if found is None:
            print("config: no force configuration pack found (see 'triage-desktop config where')", file=sys.stderr)
            return 2
        path = str(found)
    try:
        loaded = load_pack(path, origin=origin)
    except PackInvalid as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        print(f"config: {len(exc.problems)} problem(s): the app will not start on this pack", file=sys.stderr)
        return 1
    print(f"ok {path}" + (" (the bundled EXAMPLE pack: fictional numbers, not for live use)"
                          if loaded.is_example else ""))
    print("\n".join(describe(loaded)))
    return 0


def cmd_config_partners(args: argparse.Namespace) -> int:
    import datetime as dt

    from .core.vocab import OUTCOME_CODES
    from .packs import PackInvalid, load_pack, load_pack_from_environment

    if args.outcome not in OUTCOME_CODES or args.pathway not in PATHWAYS:
        print(f"config: unknown outcome code or pathway ({args.outcome}, {args.pathway})", file=sys.stderr)
        return 2
    try:
        loaded = load_pack(args.pack) if args.pack else load_pack_from_environment()
    except PackInvalid as exc:
        print(f"config: {exc.problems[0]}", file=sys.stderr)
        return 1
    d = loaded.pack.directory
    try:
        at = (dt.datetime.strptime(args.at, "%Y-%m-%d %H:%M").replace(tzinfo=d.tz) if args.at
              else dt.datetime.now(d.tz))
    except ValueError:
        print("config: --at must be YYYY-MM-DD HH:MM", file=sys.stderr)
        return 2
    offer = d.offer(args.outcome, args.pathway, at)
    print(f"{args.outcome} on {args.pathway} at {at:%a %d %b %Y %H:%M} ({loaded.path}):")
    print("\n".join(offer.text_lines()))
    return 0
