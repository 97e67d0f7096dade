"""Flow governance commands: flows render | diff | lock | signoff | diagrams, and `flows check --live`.

They join the `flows` command that core.flowcli defines (this module is listed after it in cli.COMMAND_MODULES).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path
from typing import Any, Optional

from .core.checker import check_paths
from .core.governance import check_live, describe_signoff, refresh_example_signoff, update_lock
from .core.loader import bundled_flows_dir, flow_files

DEFAULT_OUT = Path("build") / "flows"


def _sub(parser: argparse.ArgumentParser) -> Optional[argparse._SubParsersAction]:
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            return a
    return None


def add_commands(sub: "argparse._SubParsersAction[Any]") -> None:
    flows = sub.choices.get("flows")
    fsub = _sub(flows) if flows is not None else None
    if fsub is None:
        return
    check = fsub.choices.get("check")
    if check is not None:
        check.add_argument("--live", action="store_true",
                           help="also refuse flows that are not live-ready (draft, or sign-off incomplete for the "
                                "version)")
        check.add_argument("--allow-example", action="store_true",
                           help="with --live: accept the FICTIONAL EXAMPLE sign-off outside the bundled flows "
                                "(demos; a force's own flows need their real sign-off)")
        original = check.get_default("func")
        check.set_defaults(func=lambda args: cmd_check_live(args, original))
    r = fsub.add_parser("render", help="draw a flow (or, with --all, the whole library as a PDF flow book)")
    r.add_argument("flow", nargs="?", help="flow id or file")
    r.add_argument("--all", action="store_true", help="every flow: one PDF flow book, one flow per page (after a "
                                                      "contents page with sign-off and release notes)")
    r.add_argument("--format", choices=["svg", "pdf", "png"], default="pdf")
    r.add_argument("--flows", help="folder of flows (default: the bundled flows)")
    r.add_argument("--out", help=f"output file (default: {DEFAULT_OUT}/<flow>.<format>, or flow-book.pdf)")
    r.set_defaults(func=cmd_render)
    d = fsub.add_parser("diff", help="what changed between two versions, and which test cases now decide differently")
    d.add_argument("old", help="flow file, flows folder, or store:FLOW@VERSION / store:HASH (from flow_versions)")
    d.add_argument("new", help="same forms as OLD")
    d.add_argument("--format", choices=["md", "pdf"], default="md")
    d.add_argument("--out", help="write to this file (default: print markdown; PDF needs --out)")
    d.add_argument("--flows", help="folder whose other flows and tests/ are used beside a single flow or store "
                                   "version (default: the bundled flows)")
    d.add_argument("--training", action="store_true", help="store: read the training database")
    d.set_defaults(func=cmd_diff)
    lk = fsub.add_parser("lock", help="record each flow's id, version and content hash in <folder>/flows.lock")
    lk.add_argument("folder", nargs="?", help="flows folder (default: the bundled flows)")
    lk.set_defaults(func=cmd_lock)
    so = fsub.add_parser("signoff", help="show each flow's sign-off; --refresh-example re-dates EXAMPLE sign-offs")
    so.add_argument("folder", nargs="?", help="flows folder (default: the bundled flows)")
    so.add_argument("--refresh-example", action="store_true",
                    help="set the version and date of sign-off blocks marked 'example: true' to each flow's "
                         "current version (never touches a real sign-off)")
    so.set_defaults(func=cmd_signoff)
    dg = fsub.add_parser("diagrams", help="pre-render the SVGs the app shows in Help > Flows (build step)")
    dg.add_argument("folders", nargs="*", help="flows folders (default: the bundled flows)")
    dg.add_argument("--out", help="bundle folder (default: the package's flowdocs/built)")
    dg.set_defaults(func=cmd_diagrams)


def _err(msg: str, code: int = 2) -> int:
    print(msg, file=sys.stderr)
    return code


def _library(folder: Optional[str]):
    res = check_paths([folder or str(bundled_flows_dir())])
    if not res.ok:
        for p in res.problems:
            print(p, file=sys.stderr)
        raise SystemExit(2)
    return res


def cmd_check_live(args: argparse.Namespace, original: Any) -> int:
    rc = int(original(args) or 0)
    if not getattr(args, "live", False) or rc:
        return rc
    res = check_paths(list(args.paths or []) or [str(bundled_flows_dir())])
    allow = True if getattr(args, "allow_example", False) else None
    problems = check_live(res.flows, allow_example=allow)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) for live use: drafts run only in training mode "
              "(triage-desktop --training)", file=sys.stderr)
        return 1
    for f in res.flows:
        print(f"live-ready {f.id} v{f.version}: {describe_signoff(f, allow_example=allow)}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .flowdocs.render import RenderError, render, render_book

    folder = Path(args.flows) if args.flows else bundled_flows_dir()
    if args.flow and Path(args.flow).is_file():  # a file: draw that file (beside the flows of its own folder)
        folder = Path(args.flow).parent
    flows, problems = _loaded(folder)
    for p in problems:
        print(p, file=sys.stderr)
    if not flows:
        return _err(f"flows render: no flow in {folder} loads", 1)
    checked = check_paths([folder])
    failing = [p for p in checked.problems if getattr(p, "is_error", True)]
    if failing:  # drawn all the same (you draw a change before you lock it), but said
        print(f"note: {len(failing)} problem(s) from 'flows check {folder}' (the diagram shows the file as it is)",
              file=sys.stderr)
    titles = {f.id: f.title for f in flows}
    try:
        if args.all:
            if args.format != "pdf":
                out_dir = Path(args.out or DEFAULT_OUT)
                out_dir.mkdir(parents=True, exist_ok=True)
                for f in flows:
                    (out_dir / f"{f.id}.{args.format}").write_bytes(render(f, args.format, titles=titles))
                print(f"wrote {len(flows)} {args.format.upper()} file(s) to {out_dir}")
                return 0
            out = Path(args.out or DEFAULT_OUT / "flow-book.pdf")
            out.parent.mkdir(parents=True, exist_ok=True)
            from .flowdocs.pdfnote import markdown_pdf
            from .flowdocs.render import book_front

            out.write_bytes(render_book(flows, front=markdown_pdf(book_front(flows))))
            print(f"wrote {out} ({len(flows)} flows, one per page, after a contents page with their sign-off and "
                  "release notes)")
            return 0
        if not args.flow:
            return _err("flows render: give a flow id (or --all)")
        lib = {f.id: f for f in flows}
        by_path = {Path(f.path).resolve(): f.id for f in flows}
        fid = by_path.get(Path(args.flow).resolve(), Path(args.flow).stem)
        if fid not in lib:
            return _err(f"unknown flow '{args.flow}' (have: {', '.join(sorted(lib))})")
        out = Path(args.out or DEFAULT_OUT / f"{fid}.{args.format}")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(render(lib[fid], args.format, titles=titles))
        print(f"wrote {out}")
        return 0
    except RenderError as exc:
        return _err(f"flows render: {exc}", 1)
    except OSError as exc:
        return _err(f"flows render: cannot write: {exc}", 1)


def _side(spec: str, args: argparse.Namespace):
    from .flowdocs.diff import DiffError, side_from_path, side_from_text

    ctx = Path(args.flows) if args.flows else bundled_flows_dir()
    if not spec.startswith("store:"):
        return side_from_path(spec, context_dir=Path(args.flows) if args.flows else None)
    from .paths import AppPaths
    from .store.flowversions import find_flow_versions

    paths = AppPaths.default(getattr(args, "data_dir", None))
    db = paths.database(training=bool(args.training))
    try:
        found = find_flow_versions(db, spec[len("store:"):])
    except FileNotFoundError as exc:
        raise DiffError(str(exc)) from None
    if not found:
        raise DiffError(f"{spec}: no such flow version in {db} (use store:FLOW@VERSION or store:HASH)")
    hashes = {f.hash for f in found}
    if len(hashes) > 1:
        listed = "; ".join(f"{f.flow_id}@{f.version} {f.hash[:12]}" for f in found)
        raise DiffError(f"{spec} matches {len(hashes)} stored versions ({listed}): give store:HASH")
    f = found[0]
    return side_from_text(f"store:{f.flow_id}@{f.version}", f.flow_id, f.source_text, context_dir=ctx)


def cmd_diff(args: argparse.Namespace) -> int:
    from .flowdocs.diff import DiffError, compare, to_markdown, to_pdf
    from .flowdocs.render import RenderError

    try:
        old, new = _side(args.old, args), _side(args.new, args)
        d = compare(old, new)
        if args.format == "pdf":
            if not args.out:
                return _err("flows diff --format pdf: give --out FILE.pdf")
            Path(args.out).write_bytes(to_pdf(d))
            print(f"wrote {args.out}: {len(d.changes)} change(s); {len(d.decisions)} of {d.cases_replayed} test "
                  f"case(s) and {d.scenarios_replayed} mock call(s) decide differently")
            return 0
        text = to_markdown(d)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
            print(f"wrote {args.out}")
        else:
            sys.stdout.write(text)
        return 0
    except (DiffError, RenderError) as exc:
        return _err(f"flows diff: {exc}", 1)
    except OSError as exc:
        return _err(f"flows diff: {exc}", 1)


def _folder(args: argparse.Namespace) -> Path:
    return Path(args.folder) if getattr(args, "folder", None) else bundled_flows_dir()


def _loaded(folder: Path):
    """Every flow of the folder that loads (the lock and sign-off commands work on flows that fail other rules)."""
    from .core.loader import load_flow_text

    flows, problems = [], []
    for p in flow_files([folder]):
        flow, probs = load_flow_text(p.read_text(encoding="utf-8"), file=str(p))
        probs = [x for x in probs if getattr(x, "is_error", True)]
        problems += probs
        if flow is not None and not probs:
            flows.append(flow)
    return flows, problems


def cmd_lock(args: argparse.Namespace) -> int:
    folder = _folder(args)
    if not folder.is_dir():
        return _err(f"flows lock: {folder} is not a folder")
    flows, problems = _loaded(folder)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return _err(f"flows lock: {len(problems)} flow file(s) do not load; nothing written", 1)
    changes, refusals = update_lock(folder, flows)
    if refusals:
        for r in refusals:
            print(r, file=sys.stderr)
        return _err(f"flows lock: nothing written. A changed flow needs a higher 'version:' first; then run "
                    f"'triage-desktop flows lock {folder}' again.", 1)
    for c in changes:
        print(c)
    print(f"{folder / 'flows.lock'}: {len(flows)} flow(s) locked" + ("" if changes else " (no change)"))
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    folder = _folder(args)
    flows, problems = _loaded(folder)
    for p in problems:
        print(p, file=sys.stderr)
    if args.refresh_example:
        today = _dt.date.today().isoformat()
        from .core.governance import governance_of

        for f in flows:
            so = governance_of(f).signoff
            if so is not None and so.example and so.version == f.version:
                continue  # already for this version: left as it is
            if refresh_example_signoff(Path(f.path), f.version, today):
                print(f"{f.id}: example sign-off set to v{f.version} ({today})")
            else:
                print(f"{f.id}: no example sign-off block; left alone")
        flows, problems = _loaded(folder)
    for f in flows:
        print(f"{f.id} v{f.version}: {describe_signoff(f)}")
    return 1 if problems else 0


def cmd_diagrams(args: argparse.Namespace) -> int:
    from .flowdocs.bundle import build_bundle, bundle_dir
    from .flowdocs.render import RenderError

    folders = list(args.folders or []) or [str(bundled_flows_dir())]
    flows = []
    for folder in folders:  # a build step: draws every flow that loads (`flows check` judges them, not this)
        loaded, problems = _loaded(Path(folder))
        for p in problems:
            print(f"flows diagrams: skipped: {p}", file=sys.stderr)
        flows += loaded
    out = Path(args.out) if args.out else bundle_dir()
    try:
        written = build_bundle(flows, out)
    except RenderError as exc:
        return _err(f"flows diagrams: {exc}", 1)
    print(f"{out}: {len(flows)} diagram(s), {len(written)} rendered now")
    return 0
