"""Compare two versions of the flows in practitioners' words, and replay every test case on both."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from triage_desktop.core.engine import EngineError, FlowLibrary, FlowRun
from triage_desktop.core.governance import governance_of, live_problems
from triage_desktop.core.loader import flow_files, load_flow_text, load_test_cases
from triage_desktop.core.model import Flow, Node, Option, Target, TestCase
from triage_desktop.core.vocab import is_police

from . import texts

#: Sections of the change note, in order (Change.section).
SECTIONS = {
    "flow": "The flow",
    "questions": "Questions added, removed or reworded",
    "answers": "Answers re-routed, added or removed",
    "outcomes": "Outcomes (code, words, partners)",
    "flags": "Flags and risk markings",
    "routes": "Routes (decided by flags)",
    "signoff": "Sign-off",
    "other": "Other settings",
}
KIND_WORDS = {"yesno": "yes/no question", "choice": "question (choose one)", "multi": "question (tick all that apply)",
              "number": "question (a number)", "text": "question (free text)", "info": "information step",
              "route": "route", "outcome": "outcome"}
TEXT_FIELDS = {"say": "words to say", "why": "guidance (why we ask)", "headline": "sentence read aloud",
               "script": "closing script", "caller_informed": "caller-informed statement", "rationale": "rationale"}
_KNOWN_NODE_KEYS = {"kind", "title", "say", "why", "risk", "answers", "options", "ranges", "unknown", "next",
                    "next_flow", "allow_none", "unit", "routes", "code", "headline", "rationale", "script",
                    "caller_informed", "partners", "thrive", "flags"}


class DiffError(Exception):
    """A side of the diff could not be loaded (file, line and problem in the message)."""


@dataclass(frozen=True)
class Change:
    flow: str
    node: str
    section: str
    text: str


@dataclass(frozen=True)
class Replay:
    code: Optional[str]
    note: str = ""

    @property
    def police(self) -> Optional[bool]:
        return is_police(self.code) if self.code else None

    def words(self) -> str:
        if not self.code:
            return f"no outcome ({self.note})" if self.note else "no outcome"
        extra = f"; {self.note}" if self.note else ""
        return f"{self.code} ({'police attend' if self.police else 'police will not attend'}{extra})"


@dataclass(frozen=True)
class DecisionChange:
    flow: str
    case: str
    source: str
    old: Replay
    new: Replay

    @property
    def police_changed(self) -> bool:
        """Both versions decide, and one sends police where the other does not."""
        return self.old.code is not None and self.new.code is not None and self.old.police != self.new.police

    @property
    def runs_on_one_side_only(self) -> bool:
        """The case reaches a decision on one version only (its answers no longer fit, or run out)."""
        return (self.old.code is None) != (self.new.code is None)


@dataclass
class Side:
    """One side of the comparison: the flows compared, the other flows they hand over to, where cases live."""

    label: str
    flows: dict[str, Flow]
    context: dict[str, Flow] = field(default_factory=dict)
    cases_dirs: list[Path] = field(default_factory=list)
    scenario_dirs: list[Path] = field(default_factory=list)  # mock-call scenarios (resources/scenarios)

    def library(self) -> FlowLibrary:
        return FlowLibrary(list({**self.context, **self.flows}.values()))


@dataclass
class FlowDiff:
    old: Side
    new: Side
    changes: list[Change]
    decisions: list[DecisionChange]
    cases_replayed: int
    highlight: dict[str, dict[str, str]]  # flow id -> node id -> CHANGED / NEW
    when: str = field(default_factory=lambda: _dt.date.today().isoformat())
    scenarios_replayed: int = 0

    @property
    def changed_flows(self) -> list[str]:
        return list(dict.fromkeys(c.flow for c in self.changes))


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


# ----- words ------------------------------------------------------------------------------------------------
def _q(s: str, limit: int = 0) -> str:
    s = " ".join(str(s).split())
    if limit and len(s) > limit:
        s = s[:limit - 1] + "…"
    return f"“{s}”"


def _name(flow: Flow, node_id: str) -> str:
    n = flow.nodes.get(node_id)
    if n is None:
        return f"'{node_id}'"
    if n.kind == "outcome":
        return f"outcome {n.code} ({node_id})"
    return f"{_q(n.title)} ({node_id})"


def _where(flow: Flow, t: Optional[Target]) -> str:
    if t is None:
        return "nowhere"
    if t.flow:
        return f"the {t.flow} flow"
    if getattr(t, "finish", False) or t.node == "finish":
        return "the end of the post-decision steps"
    return _name(flow, t.node or "")


def _what(n: Node) -> str:
    return KIND_WORDS.get(n.kind, n.kind)


def _police_words(code: str) -> str:
    return "police attend" if is_police(code) else "police will not attend"


def _opt_words(flow: Flow, n: Node, o: Option) -> str:
    dest = f" → {_where(flow, o.target)}" if o.target is not None else ""
    flags = f" [flags: {', '.join(o.flags)}]" if o.flags else ""
    return f"{_q(texts.option_label(o))}{dest}{flags}"


def _describe_node(flow: Flow, n: Node) -> str:
    if n.kind == "outcome":
        head = texts.default_text(texts.node_text(flow, n, "headline").get("default", ""))
        return f"{n.code} ({_police_words(n.code)}): {_q(head, 160)}"
    if n.kind == "route":
        return "; ".join(_route_words(flow, n))
    say = texts.node_text(flow, n, "say").get("default", "")
    opts = "; ".join(_opt_words(flow, n, o) for o in texts.answers(n))
    tail = f" Answers: {opts}." if opts else (f" Then: {_where(flow, n.target)}." if n.target else "")
    return f"{_q(n.title)}: {_q(say, 200)}.{tail}"


def _route_words(flow: Flow, n: Node) -> list[str]:
    out = []
    for r in n.routes:
        cond = (("any of " + ", ".join(r.when_any)) if r.when_any else "") + (
            ("all of " + ", ".join(r.when_all)) if r.when_all else "")
        out.append(f"{'if ' + cond if cond else 'otherwise'} → {_where(flow, r.target)}")
    return out


def _text_changes(old: Flow, new: Flow, a: Node, b: Node) -> list[Change]:
    out = []
    section = "outcomes" if b.kind == "outcome" else "questions"
    for key, words in TEXT_FIELDS.items():
        va, vb = texts.node_text(old, a, key), texts.node_text(new, b, key)
        if va == vb:
            continue
        for variant in dict.fromkeys(list(va) + list(vb)):
            ta, tb = va.get(variant), vb.get(variant)
            if ta == tb:
                continue
            who = "" if variant == "default" else f" (words for {variant.replace('_', ' ')} callers)"
            label = _name(new, b.id)
            if ta is None:
                out.append(Change(new.id, b.id, section, f"{label}: new {words}{who}: {_q(tb or '')}"))
            elif tb is None:
                out.append(Change(new.id, b.id, section, f"{label}: {words}{who} removed (was {_q(ta)})"))
            else:
                out.append(Change(new.id, b.id, section, f"{label}: {words}{who} reworded: {_q(ta)} → {_q(tb)}"))
    return out


def _answer_changes(old: Flow, new: Flow, a: Node, b: Node) -> list[Change]:
    out = []
    label = _name(new, b.id)
    oa = {o.value: o for o in texts.answers(a)}
    ob = {o.value: o for o in texts.answers(b)}
    for v, o in ob.items():
        if v not in oa:
            out.append(Change(new.id, b.id, "answers", f"{label}: new answer {_opt_words(new, b, o)}"))
            continue
        p = oa[v]
        la, lb = texts.option_label(p), texts.option_label(o)
        if la != lb:
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_q(la)} relabelled {_q(lb)}"))
        if p.target != o.target and (p.target is not None or o.target is not None):
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_q(lb)} re-routed: from "
                                                          f"{_where(old, p.target)} to {_where(new, o.target)}"))
        if (p.min, p.max) != (o.min, o.max):
            out.append(Change(new.id, b.id, "answers", f"{label}: range {_q(la)} is now {_q(lb)}"))
        added, removed = sorted(set(o.flags) - set(p.flags)), sorted(set(p.flags) - set(o.flags))
        if added:
            out.append(Change(new.id, b.id, "flags", f"{label}: answer {_q(lb)} now raises flag(s) "
                                                        f"{', '.join(added)}"))
        if removed:
            out.append(Change(new.id, b.id, "flags", f"{label}: answer {_q(lb)} no longer raises flag(s) "
                                                        f"{', '.join(removed)}"))
        ea, eb = texts.option_extra(old, a, p), texts.option_extra(new, b, o)
        if ea != eb:
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_q(lb)}: {_extra_words(ea)} → "
                                                          f"{_extra_words(eb)}"))
        if dict(p.thrive) != dict(o.thrive):
            out.append(Change(new.id, b.id, "other", f"{label}: answer {_q(lb)}: THRIVE notes changed"))
    for v, p in oa.items():
        if v not in ob:
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_opt_words(old, a, p)} removed"))
    return out


def _extra_words(e: dict[str, Any]) -> str:
    if not e:
        return "nothing extra"
    return "; ".join(f"{k.replace('_', ' ')} {v if not isinstance(v, list) else ', '.join(map(str, v))}"
                     for k, v in e.items())


def _node_changes(old: Flow, new: Flow, a: Node, b: Node) -> list[Change]:
    out: list[Change] = []
    label = _name(new, b.id)
    if a.kind != b.kind:
        out.append(Change(new.id, b.id, "questions" if b.kind != "outcome" else "outcomes",
                          f"{label} changed from a {_what(a)} to a {_what(b)}"))
    if a.title != b.title:
        out.append(Change(new.id, b.id, "questions", f"{_q(a.title)} ({b.id}) retitled {_q(b.title)}"))
    out += _text_changes(old, new, a, b)
    if a.risk != b.risk:
        out.append(Change(new.id, b.id, "flags", f"{label} is {'now' if b.risk else 'no longer'} marked as a "
                                                    "risk question"))
    if b.kind in ("yesno", "choice", "multi", "number"):
        out += _answer_changes(old, new, a, b)
    if a.target != b.target and b.kind in ("multi", "text", "info"):
        out.append(Change(new.id, b.id, "answers", f"{label} now goes on to {_where(new, b.target)} "
                                                      f"(was {_where(old, a.target)})"))
    if a.unit != b.unit:
        out.append(Change(new.id, b.id, "questions", f"{label}: unit {a.unit!r} → {b.unit!r}"))
    if b.kind == "route" and _route_words(old, a) != _route_words(new, b):
        out.append(Change(new.id, b.id, "routes", f"{label}: routes were {'; '.join(_route_words(old, a))}; now "
                                                     f"{'; '.join(_route_words(new, b))}"))
    if b.kind == "outcome" and a.kind == "outcome":
        if a.code != b.code:
            out.append(Change(new.id, b.id, "outcomes", f"outcome {b.id}: code {a.code} ({_police_words(a.code)}) → "
                                                           f"{b.code} ({_police_words(b.code)})"))
        pa, pb = texts.partners(old, a), texts.partners(new, b)
        for p in pb:
            if p not in pa:
                out.append(Change(new.id, b.id, "outcomes", f"{label}: partner added: {p}"))
        for p in pa:
            if p not in pb:
                out.append(Change(new.id, b.id, "outcomes", f"{label}: partner removed: {p}"))
        if dict(a.thrive) != dict(b.thrive):
            out.append(Change(new.id, b.id, "other", f"{label}: THRIVE notes changed"))
        ca, cb = texts.continue_of(old, a), texts.continue_of(new, b)
        if ca != cb:
            out.append(Change(new.id, b.id, "answers", f"{label}: after the decision, goes on to "
                                                          f"{_name(new, cb) if cb else 'nothing (call ends)'} "
                                                          f"(was {_name(old, ca) if ca else 'nothing'})"))
    ra, rb = texts.raw_node(old, a.id), texts.raw_node(new, b.id)
    for k in sorted(set(ra) | set(rb)):
        if k in _KNOWN_NODE_KEYS or k == "continue" or ra.get(k) == rb.get(k):
            continue
        out.append(Change(new.id, b.id, "other", f"{label}: setting '{k}' {ra.get(k)!r} → {rb.get(k)!r}"))
    return out


def _signoff_changes(a: Flow, b: Flow) -> list[Change]:
    ga, gb = governance_of(a), governance_of(b)
    out = []
    if ga.status != gb.status:
        out.append(Change(b.id, "", "signoff", f"status {ga.status} → {gb.status}"))
    sa, sb = ga.signoff, gb.signoff
    if sa != sb:
        if sb is None:
            out.append(Change(b.id, "", "signoff", "sign-off record removed"))
        else:
            if sa is None or (sa.version, sa.date) != (sb.version, sb.date):
                was = f" (was v{sa.version} on {sa.date})" if sa else ""
                out.append(Change(b.id, "", "signoff", f"signed off for v{sb.version} on {sb.date}{was}"))
            before = set(sa.signatories) if sa else set()
            for s in sb.signatories:
                if s not in before:
                    out.append(Change(b.id, "", "signoff", f"signatory: {s.name}, {s.role}, {s.organisation} "
                                                           f"({s.sector})"))
            for s in (sa.signatories if sa else ()):
                if s not in set(sb.signatories):
                    out.append(Change(b.id, "", "signoff", f"no longer signed by {s.name}, {s.organisation}"))
            if (sa.release_notes if sa else "") != sb.release_notes and sb.release_notes:
                out.append(Change(b.id, "", "signoff", f"release notes: {_q(sb.release_notes, 400)}"))
    ra, rb = live_problems(a), live_problems(b)
    if bool(ra) != bool(rb):
        out.append(Change(b.id, "", "signoff", "now LIVE-READY" if not rb else
                          f"now a DRAFT (training only): {'; '.join(rb)}"))
    return out


def compare_flow(old: Flow, new: Flow) -> tuple[list[Change], dict[str, str]]:
    """Every practitioner-visible change between two versions of one flow, and the nodes to highlight."""
    out: list[Change] = []
    if old.version != new.version:
        out.append(Change(new.id, "", "flow", f"version {old.version} → {new.version}"))
    for key, words in (("title", "title"), ("description", "description"), ("start", "first step"),
                       ("pathway", "pathway")):
        va, vb = getattr(old, key), getattr(new, key)
        if va != vb:
            out.append(Change(new.id, "", "flow", f"{words}: {_q(va, 200)} → {_q(vb, 200)}"))
    hl: dict[str, str] = {}
    for nid, b in new.nodes.items():
        a = old.nodes.get(nid)
        if a is None:
            section = "outcomes" if b.kind == "outcome" else ("routes" if b.kind == "route" else "questions")
            out.append(Change(new.id, nid, section, f"new {_what(b)} {nid}: {_describe_node(new, b)}"))
            hl[nid] = "NEW"
            continue
        ch = _node_changes(old, new, a, b)
        if ch:
            hl[nid] = "CHANGED"
        out += ch
    for nid, a in old.nodes.items():
        if nid not in new.nodes:
            section = "outcomes" if a.kind == "outcome" else ("routes" if a.kind == "route" else "questions")
            out.append(Change(new.id, nid, section, f"{_what(a)} {nid} removed (was {_describe_node(old, a)})"))
    out += _signoff_changes(old, new)
    if old.version == new.version and out and any(c.section not in ("signoff",) for c in out):
        out.insert(0, Change(new.id, "", "flow", f"content changed but the version is still {new.version} "
                                                 "(a version bump is required: see flows.lock)"))
    return out, hl


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
