"""The flow checker: structural and safety rules over a set of flow files, one line per problem."""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Optional

from .answer_keys import unknown_not_last
from .runstate import FlowLibrary, StepKey
from .loader import flow_files, load_flow_text
from .problems import Problem
from .model import Flow, Node, Option, Target
from .outcomes import PLACEHOLDER_RE
from .vocab import FLAGS, OUTCOME_CODES, PATHWAYS, POLICE_CODES, POLICE_FLAGS, THRIVE_FIELDS, decision_rank


@dataclass
class CheckResult:
    """What `flows check` found: the flows that loaded and every problem."""

    flows: list[Flow]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """No errors (warnings are printed but do not fail the check)."""
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def library(self) -> FlowLibrary:
        return FlowLibrary(self.flows)


def _p(flow: Flow, node: Optional[Node], message: str) -> Problem:
    return Problem(flow.path or flow.id, node.id if node else "", message, node.line if node else 0)


def _answers(node: Node) -> list[Option]:
    return list(node.options) + ([node.unknown] if node.unknown is not None else [])


def check_flow(flow: Flow, known_flows: set[str]) -> list[Problem]:
    """Rules within one flow file (references, reachability, dead ends, cycles, vocabulary, wording)."""
    out: list[Problem] = []
    if flow.pathway not in PATHWAYS:
        out.append(_p(flow, None, f"unknown pathway '{flow.pathway}' (use {', '.join(PATHWAYS)})"))
    if not flow.title:
        out.append(_p(flow, None, "missing title"))
    if flow.start not in flow.nodes:
        out.append(_p(flow, None, f"start node '{flow.start}' does not exist"))
    post = _post_decision_nodes(flow)
    pre = _pre_decision_nodes(flow)
    for node in flow.nodes.values():
        for t in node.targets():
            if t.finish and not node.after_decision:
                out.append(_p(flow, node, "'next: finish' is only for post-decision steps (after_decision: true)"))
            if t.node is not None and t.node not in flow.nodes:
                out.append(_p(flow, node, f"unknown node reference '{t.node}'"))
            if t.flow is not None and t.flow not in known_flows:
                out.append(_p(flow, node, f"unknown flow reference '{t.flow}'"))
        for o in _answers(node):
            for f in o.flags:
                if f not in FLAGS:
                    out.append(_p(flow, node, f"unknown flag '{f}' on answer '{o.value}'"))
        if node.kind == "route":
            for r in node.routes:
                for f in r.when_any + r.when_all:
                    if f not in FLAGS:
                        out.append(_p(flow, node, f"unknown flag '{f}' in a route condition"))
            if not node.routes or not node.routes[-1].is_default:
                out.append(_p(flow, node, "dead end: the last route must have no condition (the default)"))
            elif any(r.is_default for r in node.routes[:-1]):
                out.append(_p(flow, node, "a route without a condition must come last"))
        if node.kind == "outcome":
            out.extend(_check_outcome(flow, node))
        elif not node.targets():
            out.append(_p(flow, node, "dead end: a non-outcome node with no way on"))
        out.extend(_check_decision_steps(flow, node, pre, post))
        if node.risk:
            out.extend(_check_risk_question(flow, node))
        if node.kind == "number":
            out.extend(_check_number_ranges(flow, node))
        if node.kind in ("yesno", "choice"):
            late = unknown_not_last((o.value, o.label) for o in node.options)
            if late:
                out.append(Problem(flow.path or flow.id, node.id, f"'{late}' should be the last answer (one rule "
                                   "for every question: \"Don't know\" is always last, so the number keys mean the "
                                   "same everywhere)", node.line, level="warning"))
    out.extend(_check_flow_level(flow))
    out.extend(_check_graph(flow))
    return out


def _walk_nodes(flow: Flow, roots: Iterable[str], *, through_continue: bool) -> set[str]:
    """Node ids reachable within the flow from the roots (optionally not past an outcome's `continue`)."""
    seen: set[str] = set()
    stack = [r for r in roots if r in flow.nodes]
    while stack:
        nid = stack.pop()
        if nid in seen:
            continue
        seen.add(nid)
        n = flow.nodes[nid]
        for t in n.targets():
            if t is n.continue_to and not through_continue:
                continue
            if t.node is not None and t.node in flow.nodes:
                stack.append(t.node)
    return seen


def _post_roots(flow: Flow) -> list[str]:
    roots = [n.continue_to.node for n in flow.nodes.values() if n.continue_to is not None and n.continue_to.node]
    if flow.immediate_risk_continue:
        roots.append(flow.immediate_risk_continue)
    return roots


def _post_decision_nodes(flow: Flow) -> set[str]:
    """Nodes reachable from a `continue` or `immediate_risk_continue`: the "while they are on the way" steps."""
    return _walk_nodes(flow, _post_roots(flow), through_continue=True)


def _pre_decision_nodes(flow: Flow) -> set[str]:
    """Nodes reachable from the start before any decision (not past an outcome's `continue`)."""
    return _walk_nodes(flow, [flow.start], through_continue=False)


def _check_decision_steps(flow: Flow, node: Node, pre: set[str], post: set[str]) -> list[Problem]:
    """Flow format v2: post-decision steps are marked, stay in their flow, and raise only after the decision."""
    out: list[Problem] = []
    if node.kind != "outcome":
        if node.id in post and not node.after_decision:
            out.append(_p(flow, node, "reachable after a decision (from a 'continue'): mark it 'after_decision: true'"))
        if node.after_decision and node.id in pre:
            out.append(_p(flow, node, "'after_decision: true' but reachable before the decision (from the start)"))
    if node.after_decision:
        for t in node.targets():
            if t.flow:
                out.append(_p(flow, node, f"post-decision steps stay in their flow: 'next_flow: {t.flow}' not allowed"))
    for o in node.answers():
        if o.raise_to:
            if o.raise_to not in OUTCOME_CODES:
                out.append(_p(flow, node, f"'raise: {o.raise_to}' on answer '{o.value}' is not an outcome code"))
            elif not node.after_decision:
                out.append(_p(flow, node, f"'raise' on answer '{o.value}': a decision can only be raised after it is "
                                          "made (after_decision: true)"))
    if node.continue_to is not None and node.continue_to.node in flow.nodes:
        if flow.nodes[node.continue_to.node].kind == "outcome":
            out.append(_p(flow, node, "'continue' must lead to a post-decision question, not an outcome"))
    if node.records == "caller_type" and node.after_decision:
        out.append(_p(flow, node, "'records: caller_type' belongs before the decision (the handler can change it "
                                  "at any time with Ctrl+T)"))
    return out


def _check_flow_level(flow: Flow) -> list[Problem]:
    out: list[Problem] = []
    irc = flow.immediate_risk_continue
    if irc:
        n = flow.nodes.get(irc)
        if n is None:
            out.append(_p(flow, None, f"immediate_risk_continue '{irc}' does not exist"))
        elif n.kind == "outcome":
            out.append(_p(flow, n, "immediate_risk_continue must be a post-decision question, not an outcome"))
    return out


def _check_outcome(flow: Flow, node: Node) -> list[Problem]:
    out: list[Problem] = []
    if node.code and node.code not in OUTCOME_CODES:
        out.append(_p(flow, node, f"outcome code '{node.code}' is not in the vocabulary"))
    for key in ("headline", "script", "caller_informed", "rationale"):
        if not getattr(node, key):
            what = {"script": "closing script", "caller_informed": "caller-informed statement"}.get(key, key)
            out.append(_p(flow, node, f"missing {what}"))
    head = node.headline.lower().replace("’", "'")
    if node.code in OUTCOME_CODES and head:
        says_not = "police will not" in head or "police won't" in head
        says_will = "police will" in head and not says_not
        if node.code in POLICE_CODES and not says_will:
            out.append(_p(flow, node, "headline must say plainly that police will attend (police outcome)"))
        if node.code not in POLICE_CODES and not says_not:
            out.append(_p(flow, node, "headline must say plainly that police will not attend (non-police outcome)"))
    for name in PLACEHOLDER_RE.findall(node.rationale):
        if name in ("flags", "reason"):
            continue
        ref = flow.nodes.get(name)
        if ref is None:
            out.append(_p(flow, node, f"rationale refers to unknown node '{{{name}}}'"))
        elif ref.kind == "text":
            out.append(_p(flow, node, f"rationale must not quote free text '{{{name}}}' (personal data)"))
    return out


def _reachable_outcomes(flow: Flow, target: Optional[Target], library: Optional[dict[str, Flow]] = None) -> set[str]:
    """Outcome codes reachable from a target, ignoring route conditions (an over-approximation)."""
    if target is None:
        return set()
    codes: set[str] = set()
    stack: list[tuple[Flow, str]] = []
    if target.flow:
        f = (library or {}).get(target.flow)
        if f:
            stack.append((f, f.start))
    else:
        stack.append((flow, target.node or ""))
    seen: set[tuple[str, str]] = set()
    while stack:
        f, nid = stack.pop()
        if (f.id, nid) in seen or nid not in f.nodes:
            continue
        seen.add((f.id, nid))
        n = f.nodes[nid]
        if n.kind == "outcome":
            codes.add(n.code)
        for t in n.targets():
            if t.flow:
                nf = (library or {}).get(t.flow)
                if nf:
                    stack.append((nf, nf.start))
            else:
                stack.append((f, t.node or ""))
    return codes


def _safety_rank(flow: Flow, o: Option) -> tuple[int, int, int, int]:
    codes = _reachable_outcomes(flow, o.target)
    police = len(codes & POLICE_CODES)
    all_police = int(bool(codes) and codes <= POLICE_CODES)
    return (len(set(o.flags) & POLICE_FLAGS), all_police, police, len(o.flags))


def _check_risk_question(flow: Flow, node: Node) -> list[Problem]:
    if node.kind not in ("yesno", "choice", "number"):
        return [_p(flow, node, f"a {node.kind} node cannot be a risk question")]
    unknown = node.option("unknown")
    if unknown is None:
        return [_p(flow, node, "risk question has no 'unknown' answer")]
    known = [o for o in _answers(node) if o.value != "unknown"]
    if not known:
        return []
    best = max(known, key=lambda o: _safety_rank(flow, o))
    if _safety_rank(flow, unknown) < _safety_rank(flow, best):
        return [_p(flow, node, f"risk question's 'unknown' answer does not route to the safer branch "
                                f"(it should go where '{best.value}' goes, or raise its flags)")]
    return []


def _check_number_ranges(flow: Flow, node: Node) -> list[Problem]:
    out = []
    for a, b in combinations(node.options, 2):
        lo = max(a.min if a.min is not None else float("-inf"), b.min if b.min is not None else float("-inf"))
        hi = min(a.max if a.max is not None else float("inf"), b.max if b.max is not None else float("inf"))
        if lo < hi:
            out.append(_p(flow, node, f"number ranges '{a.label}' and '{b.label}' overlap"))
    return out


def _check_graph(flow: Flow) -> list[Problem]:
    """Unreachable nodes and cycles within one flow."""
    out: list[Problem] = []
    if flow.start not in flow.nodes:
        return out
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {n: WHITE for n in flow.nodes}
    reported: set[str] = set()

    def visit(nid: str, trail: list[str]) -> None:
        colour[nid] = GREY
        for t in flow.nodes[nid].targets():
            nxt = t.node
            if nxt is None or nxt not in flow.nodes:
                continue
            if colour[nxt] == GREY and nxt not in reported:
                cyc = trail[trail.index(nxt):] + [nxt] if nxt in trail else [nid, nxt]
                out.append(_p(flow, flow.nodes[nxt], f"cycle: {' -> '.join(cyc)}"))
                reported.add(nxt)
            elif colour[nxt] == WHITE:
                visit(nxt, trail + [nxt])
        colour[nid] = BLACK

    visit(flow.start, [flow.start])
    for root in _post_roots(flow):
        if root in colour and colour[root] == WHITE:
            visit(root, [root])
    for nid, c in colour.items():
        if c == WHITE:
            out.append(_p(flow, flow.nodes[nid], "unreachable from the start node"))
    return out


FINISH_KEY: StepKey = ("", "finish")  # the reserved `next: finish` target, as a state key


def _resolve(library: FlowLibrary, flow_id: str, target: Target) -> StepKey:
    return FINISH_KEY if target.finish else library.resolve(flow_id, target)


def _successors(library: FlowLibrary, key: StepKey, flags: frozenset[str]):
    """Every (next key, flags after, how, option) from a state: all answers, all multi subsets, the route that holds,
    and the skip when the caller is with the person."""
    node = library.node(key)
    if node.kind == "outcome":
        return
    if node.skip_target is not None:
        yield _resolve(library, key[0], node.skip_target), flags, "skipped (caller with the person)", None
    if node.kind == "route":
        for r in node.routes:
            if r.holds(flags):
                yield (_resolve(library, key[0], r.target), flags,
                       f"route {'/'.join(r.when_any + r.when_all) or 'default'}", None)
                return
        return
    if node.kind == "multi":
        unions = {frozenset()}
        for o in node.options:
            unions |= {u | frozenset(o.flags) for u in unions}
        if node.target:
            for u in unions:
                yield (_resolve(library, key[0], node.target), flags | u,
                       "options " + (",".join(sorted(u)) or "(no flags)"), None)
        return
    if node.kind in ("text", "info"):
        if node.target:
            yield _resolve(library, key[0], node.target), flags, "answer", None
        return
    for o in _answers(node):
        if o.target is not None:
            yield _resolve(library, key[0], o.target), flags | frozenset(o.flags), f"'{o.value}'", o


def _safety_roots(library: FlowLibrary):
    """Start states: every flow's start (no decision yet), and every immediate-risk continuation (decision:
    POLICE_EMERGENCY with the interrupt's flags, as the engine builds it)."""
    ir_flags = frozenset({"risk_to_life", "immediate_risk_interrupt"})
    for flow in library:
        if flow.start in flow.nodes:
            yield ((flow.id, flow.start), frozenset(), "")
        if flow.immediate_risk_continue in flow.nodes:
            yield ((flow.id, flow.immediate_risk_continue), ir_flags, "POLICE_EMERGENCY")


def check_safety(library: FlowLibrary) -> list[Problem]:
    """Exhaustive check over every reachable (node, flags, decision) state of every flow, across next_flow links
    (flags carried) and through the post-decision steps:
    - a path on which a police flag (risk_to_life, serious_harm, crime) is raised ends at a police decision;
    - after a decision, no answer (`raise`) and no route to an outcome lowers it (docs/flow-format.md)."""
    problems: list[Problem] = []
    reported: set[tuple] = set()
    State = tuple  # (key, flags, decision code or "")
    prev: dict[State, tuple] = {}
    queue: deque = deque()
    for root in _safety_roots(library):
        if root not in prev:
            prev[root] = (None, "")
            queue.append(root)

    def trail(state: State) -> str:
        out, s = [], state
        while s is not None:
            parent, how = prev[s]
            out.append(f"{s[0][1]}" + (f" [{how}]" if how and parent else ""))
            s = parent
        return " <- ".join(out)

    def report(key: StepKey, node: Node, message: str, state: State) -> None:
        if (key, message.split(":")[0]) in reported:
            return
        reported.add((key, message.split(":")[0]))
        f = library[key[0]]
        problems.append(Problem(f.path or f.id, node.id, f"{message}: {trail(state)}", node.line))

    def end(state: State, key: StepKey, node: Node, decision: str, flags: frozenset[str]) -> None:
        bad = flags & POLICE_FLAGS
        if bad and decision not in POLICE_CODES:
            what = f"outcome {decision}" if node.kind == "outcome" and node.code == decision else f"decision {decision}"
            report(key, node, f"SAFETY: flag {', '.join(sorted(bad))} raised but path ends at non-police {what}", state)

    def push(nstate: State, parent: State, how: str) -> None:
        if nstate not in prev:
            prev[nstate] = (parent, how)
            queue.append(nstate)

    while queue:
        state = queue.popleft()
        key, flags, decision = state
        if key[0] not in library or key[1] not in library[key[0]].nodes:
            continue
        node = library.node(key)
        if node.kind == "outcome":
            new = node.code
            if decision:
                if decision_rank(node.code) < decision_rank(decision):
                    report(key, node, f"SAFETY: post-decision path lowers the decision from {decision} to "
                                      f"{node.code}", state)
                    new = decision
            if node.continue_to is not None and node.continue_to.node in library[key[0]].nodes:
                push(((key[0], node.continue_to.node), flags, new), state, f"decision {new}")
            else:
                end(state, key, node, new, flags)
            continue
        for nkey, nflags, how, opt in _successors(library, key, flags):
            ndecision = decision
            if opt is not None and opt.raise_to and decision:
                if decision_rank(opt.raise_to) < decision_rank(decision):
                    report(key, node, f"SAFETY: answer '{opt.value}' lowers the decision from {decision} to "
                                      f"{opt.raise_to} (raise only, never lower)", state)
                else:
                    ndecision = opt.raise_to
            if nkey == FINISH_KEY:
                fstate = (FINISH_KEY, frozenset(nflags), ndecision)
                if fstate not in prev:
                    prev[fstate] = (state, how)
                end(fstate, key, node, ndecision, frozenset(nflags))
                continue
            push((nkey, frozenset(nflags), ndecision), state, how)
    return problems


def count_paths(library: FlowLibrary, flow_id: str) -> int:
    """Number of distinct answer paths from a flow's start to an outcome (for reporting)."""
    memo: dict[tuple[StepKey, frozenset[str]], int] = {}

    def n(key: StepKey, flags: frozenset[str]) -> int:
        st = (key, flags)
        if st not in memo:
            if library.node(key).kind == "outcome":
                memo[st] = 1
            else:
                memo[st] = sum(1 if k == FINISH_KEY else n(k, f) for k, f, _, _ in _successors(library, key, flags))
        return memo[st]

    f = library[flow_id]
    return n((f.id, f.start), frozenset())


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> CheckResult:
    """Load every flow file under the paths and run every rule; nothing stops at the first problem."""
    paths = list(paths)
    files = flow_files(paths)
    flows: list[Flow] = []
    problems: list[Problem] = []
    if not files:
        problems.append(Problem(", ".join(map(str, paths)), "", "no flow files found"))
    for f in files:
        try:
            text = Path(f).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(f), "", f"cannot read: {exc}"))
            continue
        flow, probs = load_flow_text(text, file=str(f))
        problems.extend(probs)
        if flow is not None and not any(q.is_error for q in probs):
            flows.append(flow)
    ids: dict[str, Flow] = {}
    for fl in flows:
        if fl.id in ids:
            problems.append(Problem(fl.path, "", f"duplicate flow id '{fl.id}' (also in {ids[fl.id].path})"))
        ids[fl.id] = fl
    known = set(ids)
    from .callers import check_callers, phrase_lint_for
    from .languages import allow_same_for, check_languages

    lint, lint_problems = phrase_lint_for(paths)
    problems.extend(lint_problems)
    allow_same = allow_same_for(paths)
    for fl in flows:
        problems.extend(check_flow(fl, known))
        problems.extend(check_callers(fl, lint))
        problems.extend(check_languages(fl, allow_same))
    if not any(q.is_error for q in problems):
        problems.extend(check_safety(FlowLibrary(flows)))
    problems.extend(governance_problems(flows))  # sign-off block shape; flows.lock version-bump rule
    return CheckResult(flows, problems)


def governance_problems(flows: list[Flow]) -> list[Problem]:
    from .governance import check_lock, signoff_shape_problems

    return signoff_shape_problems(flows) + check_lock(flows)


__all__ = ["CheckResult", "check_flow", "check_paths", "check_safety", "count_paths", "THRIVE_FIELDS"]
