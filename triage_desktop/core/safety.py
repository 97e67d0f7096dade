"""The checker's exhaustive walk over every reachable (node, flags, decision) state: the safety rule, the path count."""
from __future__ import annotations

from collections import deque

from .flowrules import _answers
from .model import Node, Target
from .problems import Problem
from .runstate import FlowLibrary, StepKey
from .vocab import POLICE_CODES, POLICE_FLAGS, decision_rank


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
