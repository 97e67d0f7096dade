"""Compare two versions of the flows in practitioners' words, and replay every test case on both."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from triage_desktop.core.engine import EngineError, FlowLibrary, FlowRun
from triage_desktop.core.loader import flow_files, load_flow_text, load_test_cases
from triage_desktop.core.model import Flow, TestCase

from .diff_model import SECTIONS, Change, DecisionChange, DiffError, FlowDiff, Replay, Side
from .diff_words import _q, compare_flow

__all__ = ["SECTIONS", "Change", "DecisionChange", "DiffError", "FlowDiff", "Replay", "Side", "ScenarioCase",
           "compare", "compare_flow", "gather_cases", "load_folder", "replay", "scenario_cases", "side_from_path",
           "side_from_text", "to_markdown", "to_pdf"]


# ----- loading --------------------------------------------------------------------------------------------
def _load_file(path: Path) -> Flow:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DiffError(f"{path}: cannot read: {exc}") from None
    flow, problems = load_flow_text(text, file=str(path))
    problems = [x for x in problems if getattr(x, "is_error", True)]  # warnings do not stop a diff
    if problems or flow is None:
        raise DiffError("\n".join(str(p) for p in problems) or f"{path}: not a flow")
    return flow


def load_folder(folder: Path) -> dict[str, Flow]:
    return {f.id: f for f in (_load_file(p) for p in flow_files([folder]))}


def side_from_path(spec: str, *, context_dir: Optional[Path] = None) -> Side:
    """A flow file or a folder of flows. A single file's hand-overs (`next_flow`) use its folder's other flows."""
    p = Path(spec)
    if p.is_dir():
        return Side(str(p), load_folder(p), {}, [p / "tests"], [p.parent / "scenarios"])
    if not p.is_file():
        raise DiffError(f"{spec}: no such file or folder")
    flow = _load_file(p)
    ctx_dir = context_dir or p.parent
    ctx = {}
    if ctx_dir.is_dir():
        for q in flow_files([ctx_dir]):
            if q.resolve() != p.resolve():
                try:
                    f = _load_file(q)
                except DiffError:
                    continue
                ctx[f.id] = f
        ctx.pop(flow.id, None)
    return Side(str(p), {flow.id: flow}, ctx, [p.parent / "tests", ctx_dir / "tests"], [ctx_dir.parent / "scenarios"])


def side_from_text(label: str, flow_id: str, text: str, *, context_dir: Optional[Path] = None) -> Side:
    """A flow version given as source text (e.g. from the store's flow_versions)."""
    flow, problems = load_flow_text(text, file=f"{label}/{flow_id}.yaml")
    problems = [x for x in problems if getattr(x, "is_error", True)]
    if problems or flow is None:
        raise DiffError("\n".join(str(p) for p in problems))
    ctx = {}
    if context_dir is not None:
        ctx = {k: v for k, v in load_folder(context_dir).items() if k != flow_id}
    return Side(label, {flow.id: flow}, ctx, [context_dir / "tests"] if context_dir else [],
                [context_dir.parent / "scenarios"] if context_dir else [])


# ----- decisions --------------------------------------------------------------------------------------------
def replay(library: FlowLibrary, flow_id: str, case: TestCase) -> Replay:
    """Answer a case in order on a library, as `flows test` does; the decision (outcome code) or why there is none.

    A case whose answers run out during the post-decision steps is finished there (the handler may finish at any
    point after the decision). `code` is the final decision; a raise shows as first → final.
    """
    if flow_id not in library:
        return Replay(None, f"no flow {flow_id}")
    try:
        run = FlowRun(library, flow_id, initial_flags=case.initial_flags)
        if getattr(case, "caller_type", None):
            run.set_caller_type(case.caller_type)
    except (EngineError, KeyError) as exc:
        return Replay(None, f"cannot start: {exc}")
    for i, a in enumerate(case.answers, 1):
        if run.is_finished:
            break
        try:
            run.answer(a)
        except (EngineError, KeyError) as exc:
            return Replay(None, f"answer {i} ({a!r}) no longer fits: {exc}")
    if getattr(run, "in_post_decision", False):
        try:
            run.finish()
        except EngineError as exc:
            return Replay(None, f"cannot finish: {exc}")
    out = run.outcome
    if out is None:
        node = run.current_node
        return Replay(None, f"answers ran out at {node.id if node else '?'}")
    first = getattr(out, "first_code", "") or ""
    return Replay(out.code, f"first decision {first}" if first and first != out.code else "")


def gather_cases(sides: Iterable[tuple[str, Side]], flow_ids: set[str]) -> list[tuple[str, TestCase, str]]:
    """Test cases for these flows from every side's tests folders (each distinct case once, labelled with the side
    it came from: a case written for the new version may not fit the old one, and that is reported too)."""
    seen: set[tuple] = set()
    out: list[tuple[str, TestCase, str]] = []
    for which, side in sides:
        for d in side.cases_dirs:
            if not d.is_dir():
                continue
            for f in sorted(d.glob("*.yaml")):
                fid, cases, _ = load_test_cases(f)
                if fid not in flow_ids:
                    continue
                for c in cases:
                    key = (fid, c.name, repr(c.answers), c.initial_flags)
                    if key not in seen:
                        seen.add(key)
                        out.append((fid, c, f"{which} {f.parent.name}/{f.name}"))
    return out


@dataclass(frozen=True)
class ScenarioCase:
    """A mock-call scenario replayed on a library (any callable giving a Replay)."""

    name: str
    source: str
    run: Callable[[FlowLibrary], Replay]


def scenario_cases(dirs: Iterable[Path]) -> list[ScenarioCase]:
    """The mock-call scenarios in these folders (core.scenarios); each replays the scripted answers from the entry
    flow. [] without the folders."""
    dirs = [d for d in dict.fromkeys(Path(x) for x in dirs) if d.is_dir() and any(d.glob("*.y*ml"))]
    if not dirs:
        return []
    from triage_desktop.core.scenario_replay import DirectSession, replay
    from triage_desktop.core.scenarios import load_scenarios

    loaded, _problems = load_scenarios(dirs)

    def runner(sc: Any) -> Callable[[FlowLibrary], Replay]:
        def run(lib: FlowLibrary) -> Replay:
            entry = "entry_triage" if "entry_triage" in lib else next(iter(lib)).id
            try:
                r = replay(sc, DirectSession(FlowRun(lib, entry)))
            except Exception as exc:  # a scenario that cannot run on a version is itself a finding
                return Replay(None, f"cannot replay: {exc}")
            note = "" if r.passed else "scenario expectation not met: " + "; ".join(r.failures)[:300]
            return Replay(r.code, note)
        return run

    return [ScenarioCase(sc.id, Path(sc.path).name, runner(sc)) for sc in loaded]


def compare(old: Side, new: Side, *, extra_cases: Iterable[tuple[str, TestCase, str]] = (),
            scenarios: Optional[list[ScenarioCase]] = None) -> FlowDiff:
    """Both sides compared: the changes in words, and every test case replayed on both versions."""
    changes: list[Change] = []
    hl: dict[str, dict[str, str]] = {}
    for fid, b in new.flows.items():
        a = old.flows.get(fid)
        if a is None:
            changes.append(Change(fid, "", "flow", f"new flow {fid} v{b.version}: {_q(b.title)}"))
            hl[fid] = {n: "NEW" for n in b.nodes}
            continue
        ch, h = compare_flow(a, b)
        changes += ch
        if h:
            hl[fid] = h
    for fid, a in old.flows.items():
        if fid not in new.flows:
            changes.append(Change(fid, "", "flow", f"flow {fid} v{a.version} removed ({_q(a.title)})"))
    lib_old, lib_new = old.library(), new.library()
    # every case of every flow in either library: a case that starts elsewhere may hand over into a changed flow
    ids = {f.id for f in lib_old} | {f.id for f in lib_new}
    cases = gather_cases([("new", new), ("old", old)], ids) + list(extra_cases)
    decisions = []
    for fid, case, source in cases:
        ra, rb = replay(lib_old, fid, case), replay(lib_new, fid, case)
        if ra.code != rb.code or ra.note != rb.note:
            decisions.append(DecisionChange(fid, case.name, source, ra, rb))
    if scenarios is None:
        scenarios = scenario_cases(new.scenario_dirs + old.scenario_dirs)
    for sc in scenarios:
        ra, rb = sc.run(lib_old), sc.run(lib_new)
        if ra.code != rb.code or ra.note != rb.note:
            decisions.append(DecisionChange("(mock call)", sc.name, sc.source, ra, rb))
    d = FlowDiff(old, new, changes, decisions, len(cases), hl)
    d.scenarios_replayed = len(scenarios)
    return d


# ----- the change note ----------------------------------------------------------------------------------------
def _title(side: Side, fid: str) -> str:
    f = side.flows.get(fid)
    return f.title if f else fid


def to_markdown(d: FlowDiff) -> str:
    lines = [f"# Flow change note: {d.old.label} → {d.new.label}", "",
             f"Made {d.when} by `triage-desktop flows diff`.", ""]
    police = sum(x.police_changed for x in d.decisions)
    one_side = sum(x.runs_on_one_side_only for x in d.decisions)
    lines += ["## Summary", "",
              f"- {len(d.changed_flows)} flow(s) changed, {len(d.changes)} change(s) in all.",
              f"- {d.cases_replayed} test case(s) and {d.scenarios_replayed} mock-call scenario(s) replayed on both "
              f"versions: {len(d.decisions)} decide differently, {police} of them change whether police attend"
              + (f"; {one_side} reach a decision on one version only (their answers no longer fit the other)"
                 if one_side else "") + ".", ""]
    lines += ["## What the change does to decisions", ""]
    if not d.decisions:
        lines += ["No test case reaches a different outcome.", ""]
    else:
        lines += ["Cases that change whether police attend come first.", "",
                  "| Flow | Case | Before | After | Police decision |", "|---|---|---|---|---|"]
        for x in sorted(d.decisions, key=lambda x: (not x.police_changed, x.runs_on_one_side_only)):  # stable
            pol = "**CHANGES**" if x.police_changed else ("n/a: one version only" if x.runs_on_one_side_only
                                                          else "same")
            lines.append(f"| {x.flow} | {x.case} ({x.source}) | {x.old.words()} | {x.new.words()} | {pol} |")
        lines.append("")
    lines += ["## Changes, flow by flow", ""]
    if not d.changes:
        lines += ["No changes.", ""]
    for fid in d.changed_flows:
        a, b = d.old.flows.get(fid), d.new.flows.get(fid)
        ver = f"{a.version if a else '(new)'} → {b.version if b else '(removed)'}"
        lines += [f"### {_title(d.new if b else d.old, fid)} ({fid}) {ver}", ""]
        for section, heading in SECTIONS.items():
            items = [c for c in d.changes if c.flow == fid and c.section == section]
            if items:
                lines += [f"**{heading}**", ""] + [f"- {c.text}" for c in items] + [""]
    return "\n".join(lines).rstrip() + "\n"


def to_pdf(d: FlowDiff, *, with_diagrams: bool = True) -> bytes:
    """The change note as PDF, then the new version of each changed flow with the changed nodes highlighted."""
    from .pdfnote import markdown_pdf

    note = markdown_pdf(to_markdown(d))
    if not with_diagrams:
        return note
    from .render import render_book

    flows = [d.new.flows[f] for f in d.changed_flows if f in d.new.flows]
    titles = {f.id: f.title for f in d.new.library()}
    return render_book(flows, highlight=d.highlight, front=note, titles=titles) if flows else note
