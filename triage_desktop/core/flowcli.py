"""Headless flow commands: flows check | test | graph, and walk (no Qt, no SQLite)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .cases import run_flow_tests
from .checker import check_paths
from .safety import count_paths
from .engine import EngineError, FlowRun
from .graph import to_dot, to_mermaid
from .loader import bundled_flows_dir


def add_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    flows = sub.add_parser("flows", help="check, test and draw flow files")
    fsub = flows.add_subparsers(dest="flows_cmd", required=True)
    c = fsub.add_parser("check", help="load and check flows; non-zero exit on any problem")
    c.add_argument("paths", nargs="*", help="flow files or folders (default: the bundled flows)")
    c.add_argument("--pack", help="force configuration pack: also report flow partner codes its directory lacks")
    c.set_defaults(func=cmd_check)
    t = fsub.add_parser("test", help="replay every flow's own test cases")
    t.add_argument("paths", nargs="*", help="flow folders (default: the bundled flows)")
    t.add_argument("--cases", help="folder of test-case files (default: <flows>/tests)")
    t.set_defaults(func=cmd_test)
    g = fsub.add_parser("graph", help="print a flow as a diagram for partner sign-off")
    g.add_argument("flow", help="flow id or file")
    g.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    g.add_argument("--flows", help="folder of flows (default: the bundled flows)")
    g.set_defaults(func=cmd_graph)
    w = sub.add_parser("walk", help="run a flow headless with answers from a JSON file; prints the outcome as JSON")
    w.add_argument("flow", help="flow id (e.g. entry_triage)")
    w.add_argument("--answers", required=True, help="JSON file: a list of answers, or {answers, initial_flags}")
    w.add_argument("--flows", help="folder of flows (default: the bundled flows)")
    w.set_defaults(func=cmd_walk)


def _paths(args: argparse.Namespace) -> list[str]:
    return list(getattr(args, "paths", None) or []) or [str(bundled_flows_dir())]


def _library(folder: str | None):
    res = check_paths([folder or str(bundled_flows_dir())])
    if not res.ok:
        for p in res.errors:
            print(p, file=sys.stderr)
        raise SystemExit(2)
    return res.library()


def pack_coverage(pack_file: str, flows: Any) -> tuple[list[str], int]:
    """Lines naming each flow partner code the pack's directory does not cover; and an exit code (2: bad pack)."""
    from pathlib import Path

    from .forcepack import parse_pack_text, referenced_partner_codes

    try:
        text = Path(pack_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{pack_file}: cannot be read: {exc}"], 2
    pack, problems = parse_pack_text(text, file=pack_file)
    if pack is None:
        return [str(p) for p in problems], 2
    have = pack.directory.codes()
    out = []
    for code, where in sorted(referenced_partner_codes(flows).items()):
        if code not in have:
            out.append(f"{pack_file}: partner code '{code}' is used by {', '.join(where)} but the pack's "
                       "directory has no entry for it")
    return out, (1 if out else 0)


def cmd_check(args: argparse.Namespace) -> int:
    res = check_paths(_paths(args))
    for p in res.problems:
        print(p)
    if res.ok and getattr(args, "pack", None):
        lines, rc = pack_coverage(args.pack, res.flows)
        for ln in lines:
            print(ln)
        if rc:
            print(f"{len(lines)} problem(s) with the pack", file=sys.stderr)
            return rc
        print(f"ok pack {args.pack}: every partner code the flows use is in its directory")
    if res.ok:
        lib = res.library()
        for f in res.flows:
            outcomes = sum(1 for n in f.nodes.values() if n.kind == "outcome")
            print(f"ok {f.id} v{f.version}: {len(f.nodes)} nodes, {outcomes} outcomes, "
                  f"{count_paths(lib, f.id)} paths checked (sha256 {f.content_hash[:12]})")
        return 0
    print(f"{len(res.errors)} problem(s), {len(res.warnings)} warning(s)", file=sys.stderr)
    return 1


def cmd_test(args: argparse.Namespace) -> int:
    paths = _paths(args)
    res = check_paths(paths)
    if not res.ok:
        for p in res.problems:
            print(p)
        return 1
    cases_dir = Path(args.cases) if args.cases else Path(paths[0]) / "tests"
    results, problems = run_flow_tests(res.library(), cases_dir)
    for r in results:
        print(r.line())
    for p in problems:
        print(p)
    failed = sum(not r.passed for r in results)
    print(f"{len(results) - failed} passed, {failed} failed, {len(problems)} problem(s)")
    return 1 if failed or problems or not results else 0


def cmd_graph(args: argparse.Namespace) -> int:
    lib = _library(args.flows)
    fid = Path(args.flow).stem
    if fid not in lib:
        print(f"unknown flow '{args.flow}' (have: {', '.join(f.id for f in lib)})", file=sys.stderr)
        return 2
    print(to_mermaid(lib[fid]) if args.format == "mermaid" else to_dot(lib[fid]), end="")
    return 0


def walk(lib, flow_id: str, answers: list[Any], initial_flags: list[str] = ()) -> dict[str, Any]:
    """Answer in order and return the outcome as plain data (raises EngineError on a bad answer)."""
    run = FlowRun(lib, flow_id, initial_flags=initial_flags)
    for i, a in enumerate(answers, 1):
        if run.is_finished:
            raise EngineError(f"outcome reached after {i - 1} answers; {len(answers) - i + 1} left over")
        try:
            run.answer(a)
        except EngineError as exc:
            raise EngineError(f"answer {i} ({a!r}): {exc}") from None
    snap = run.snapshot()
    out = snap["outcome"]
    return {
        "flow": flow_id,
        "finished": out is not None,
        "code": out["code"] if out else None,
        "response": out["response"] if out else None,
        "police_attend": snap["police_attend"],
        "headline": out["headline"] if out else None,
        "rationale": out["rationale"] if out else None,
        "path": [{k: p[k] for k in ("flow", "node", "title", "answer")} for p in snap["path"]],
        "flags": snap["flags"],
        "next_question": snap["current"] if not out else None,
        "flows": snap["flows"],
        "caller_type": snap["caller_type"],
        "decision": snap["decision"],
        "in_post_decision": snap["in_post_decision"],
        "partners_added": snap["partners_added"],
    }


def cmd_walk(args: argparse.Namespace) -> int:
    lib = _library(args.flows)
    try:
        data = json.loads(Path(args.answers).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"{args.answers}: cannot read answers: {exc}", file=sys.stderr)
        return 2
    if isinstance(data, dict):
        answers, flags = data.get("answers", []), data.get("initial_flags", [])
    else:
        answers, flags = data, []
    if not isinstance(answers, list):
        print(f"{args.answers}: answers must be a JSON list", file=sys.stderr)
        return 2
    if args.flow not in lib:
        print(f"unknown flow '{args.flow}'", file=sys.stderr)
        return 2
    try:
        result = walk(lib, args.flow, answers, flags)
    except EngineError as exc:
        print(f"{args.answers}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["finished"] else 3
