"""`triage-desktop scenarios check | test`: the mock-call scenarios (resources/scenarios) against the flows.

`check` is pure (core.scenarios: load, vocabulary, nodes, a dry run of the scripted answers on the engine).
`test` replays every scenario through the services facade (AppServices/CallSession) on a real, temporary
training store, finalises each call and compares the stored record with what the scenario expects.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from typing import Any, Iterable, Optional

from .core.scenario_replay import ReplayResult, check_scenario_paths, questions_by_pathway, replay
from .core.scenarios import Scenario, bundled_scenarios_dir

from triage_desktop.core.cli_args import OneLineParser


def add_commands(sub: "argparse._SubParsersAction[Any]") -> None:
    sc = sub.add_parser("scenarios", help="check and replay the mock-call scenarios")
    ssub = sc.add_subparsers(dest="scenarios_cmd", required=True)
    c = ssub.add_parser("check", help="check scenario files against the flows; non-zero exit on any problem")
    c.add_argument("paths", nargs="*", help="scenario files or folders (default: the bundled scenarios)")
    c.add_argument("--flows", help="folder of flows (default: the bundled flows)")
    c.set_defaults(func=cmd_check)
    t = ssub.add_parser("test", help="replay every scenario through the app's services on a temporary store")
    t.add_argument("paths", nargs="*", help="scenario files or folders (default: the bundled scenarios)")
    t.add_argument("--flows", help="folder of flows (default: the bundled flows)")
    t.add_argument("--stats", action="store_true", help="also print questions to the decision per pathway")
    t.set_defaults(func=cmd_test)


def _library(flows: Optional[str]):
    from .services import load_library

    return load_library(flows)


def _paths(args: argparse.Namespace) -> list[str]:
    return list(args.paths or []) or [str(bundled_scenarios_dir())]


def run_through_services(scenarios: Iterable[Scenario], *, flows_dir: Optional[str] = None,
                         root: Optional[str] = None) -> list[ReplayResult]:
    """Replay each scenario as a training call through AppServices on a real store in `root` (default: a temp dir)."""
    from .paths import AppPaths
    from .services import AppServices

    results: list[ReplayResult] = []
    with tempfile.TemporaryDirectory(prefix="triage-scenarios-") as tmp:
        svc = AppServices.open(AppPaths.from_root(root or tmp), training=True, flows_dir=flows_dir, purge=False)
        try:
            for sc in scenarios:
                session = svc.start_call(handler_id="SCENARIO", role="call_handler")
                res = replay(sc, session)
                if res.passed:
                    _check_record(svc, session, sc, res)
                elif session.is_open:
                    session.abandon(f"scenario {sc.id} failed")
                results.append(res)
        finally:
            svc.close()
    return results


def _check_record(svc: Any, session: Any, sc: Scenario, res: ReplayResult) -> None:
    """Finalise the call and compare what the store kept with what the scenario expects."""
    finish = getattr(session, "finish", None)
    if callable(finish) and not getattr(session.run, "is_finished", True):
        finish()
    row = session.finalise(caller_informed=True).row
    if row.get("outcome_code") not in sc.outcomes:
        res.failures.append(f"stored outcome {row.get('outcome_code')}, expected {' or '.join(sc.outcomes)}")
    if bool(row.get("police_attend")) != sc.police_attend:
        res.failures.append(f"stored police_attend {bool(row.get('police_attend'))}, expected {sc.police_attend}")
    if row.get("mode") != "training":
        res.failures.append("scenario call was not stored as a training call")
    stored_type = row.get("caller_type")
    if stored_type is not None and stored_type != sc.caller_type:
        res.failures.append(f"stored caller type {stored_type}, expected {sc.caller_type}")


def cmd_check(args: argparse.Namespace) -> int:
    try:
        lib = _library(args.flows)
    except Exception as exc:  # FlowsInvalid: one clear message, no traceback
        print(str(exc).splitlines()[0], file=sys.stderr)
        return 2
    res = check_scenario_paths(_paths(args), lib)
    for p in res.problems:
        print(p)
    if res.ok:
        print(f"ok {len(res.scenarios)} scenario(s)")
        return 0
    print(f"{len(res.problems)} problem(s)", file=sys.stderr)
    return 1


def cmd_test(args: argparse.Namespace) -> int:
    try:
        lib = _library(args.flows)
    except Exception as exc:
        print(str(exc).splitlines()[0], file=sys.stderr)
        return 2
    chk = check_scenario_paths(_paths(args), lib)
    if not chk.ok:
        for p in chk.problems:
            print(p)
        print(f"{len(chk.problems)} problem(s): fix them with 'scenarios check' first", file=sys.stderr)
        return 1
    results = run_through_services(chk.scenarios, flows_dir=args.flows)
    for r in results:
        print(r.line())
    failed = sum(not r.passed for r in results)
    if args.stats:
        print(format_stats(results))
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed or not results else 0


def format_stats(results: list[ReplayResult]) -> str:
    lines = ["Questions shown to the decision, per pathway (over the scenarios):"]
    for p, d in questions_by_pathway(results).items():
        lines.append(f"  {p:<11} scenarios {d['scenarios']:>3}  median {d['median']:g}  max {d['max']:g}")
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:  # pragma: no cover - convenience
    p = OneLineParser(prog="triage-desktop")
    add_commands(p.add_subparsers(dest="command"))
    args = p.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
