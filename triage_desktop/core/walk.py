"""The walk: the current path of a run from its entry start, derived from the answers given (pure Python).

Where the call is (the frontier), the flags raised, the decision so far and its raises, the partners added after it
and the steps recorded as not asked. `FlowRun.walk()` caches the result per event count.
"""
from __future__ import annotations

from typing import Iterable, Literal, Optional

from .answers import chosen_options, yesno_value
from .errors import EngineError
from .model import Node, Target
from .runstate import (FINISH_KEY, NOT_ASKED_FINISHED, NOT_ASKED_WITH_PERSON, Event, FlowLibrary, PathStep, RunState,
                       StepKey, Walk)
from .vocab import decision_rank


def all_keys(library: FlowLibrary) -> list[StepKey]:
    """Every node of the library in flow and file order (the order 'not asked' lists follow)."""
    return [(f.id, n) for f in library for n in f.nodes]


def ir_continue(library: FlowLibrary, entry_flow: str, ev: Event) -> Optional[StepKey]:
    """Where the post-decision steps go after the immediate-risk interrupt: the current flow's
    `immediate_risk_continue`, else the entry flow's, else None (the call ends at the outcome)."""
    for fid in (ev.flow, entry_flow):
        f = library.flows.get(fid) if fid else None
        if f is not None and f.immediate_risk_continue in f.nodes:
            return (f.id, f.immediate_risk_continue)
    return None


def walk_path(library: FlowLibrary, entry_flow: str, state: RunState, initial_flags: Iterable[str]) -> Walk:
    """The current path from the entry start; past a decision with `continue` (or the immediate-risk
    interrupt) it goes on through the post-decision steps."""
    w = Walk([], None, set(initial_flags))
    key: StepKey = (entry_flow, library[entry_flow].start)
    seen: set[StepKey] = set()
    post = False
    while True:
        if key == FINISH_KEY:
            w.done = True
            w.frontier = w.decision_key
            break
        if key in seen:
            raise EngineError(f"cycle at {key}")
        seen.add(key)
        node = library.node(key)
        if node.kind == "outcome":
            w.path.append(PathStep(key[0], node, None, after_decision=post))
            if not post:
                w.decision_key, w.decision_code, w.first_code = key, node.code, node.code
            elif decision_rank(node.code) >= decision_rank(w.decision_code):
                w.decision_key, w.decision_code = key, node.code
                w.raises.append((key, node.code))
            if node.continue_to is not None:
                post = w.post = True
                key = library.resolve(key[0], node.continue_to)
                continue
            if post:
                w.done = True
            w.frontier = w.decision_key if post and w.decision_key else key
            break
        if node.kind == "route":
            key = _follow_route(library, key, node, w, post)
            continue
        target = _answer_step(state, key, node, w, post)
        if target is False:
            w.path.append(PathStep(key[0], node, None, after_decision=post))
            w.frontier = key
            break
        if target is None:
            w.frontier = key
            break
        key = library.resolve(key[0], target)
    # the immediate-risk interrupt: the decision now, then the post-decision steps (or a raise of one made)
    ir = state.ir_event
    if ir is not None and state.ir_decided:
        if not w.post:
            if w.path and w.path[-1].answer is None and w.path[-1].node.is_question:
                step = w.path.pop()
                w.not_asked.append(((step.flow, step.node.id), "immediate risk recorded before it was asked"))
            elif w.path and w.path[-1].node.kind == "outcome":
                w.path.pop()
            w.decision_key, w.decision_code, w.first_code = None, "POLICE_EMERGENCY", "POLICE_EMERGENCY"
            w.post = True
            w.frontier = None
            cont = ir_continue(library, entry_flow, ir)
            if cont is not None:
                _walk_post(library, state, cont, w)
        elif decision_rank(w.decision_code) < decision_rank("POLICE_EMERGENCY"):
            w.decision_key, w.decision_code = None, "POLICE_EMERGENCY"
            w.raises.append(((ir.flow, ir.node), "POLICE_EMERGENCY"))
    if w.post and not w.done and state.finished:
        w.done = True
        _record_not_asked(library, state, w)
        w.frontier = w.decision_key
    if w.post and "ambulance" not in w.partners_added and ir is not None and state.ir_decided:
        w.partners_added.insert(0, "ambulance")
    return w


def _follow_route(library: FlowLibrary, key: StepKey, node: Node, w: Walk, post: bool) -> StepKey:
    """A route node: the first branch whose flags hold, recorded on the path (it asks nothing)."""
    nxt = next((r.target for r in node.routes if r.holds(w.flags)), None)
    if nxt is None:
        raise EngineError(f"{key[0]}: route node {node.id} has no branch for flags {sorted(w.flags)}")
    w.path.append(PathStep(key[0], node, None, after_decision=post))
    return library.resolve(key[0], nxt)


def _answer_step(state: RunState, key: StepKey, node: Node, w: Walk, post: bool) -> Optional[Target] | Literal[False]:
    """Follow the answer at a question (or skip it); False when it is unanswered (the frontier)."""
    if node.skip_if_caller_with_person and w.caller_with_person == "yes" and node.skip_target is not None:
        w.path.append(PathStep(key[0], node, None, skipped=NOT_ASKED_WITH_PERSON, after_decision=post))
        w.not_asked.append((key, NOT_ASKED_WITH_PERSON))
        return node.skip_target
    a = state.answers.get(key)
    if a is None:
        return False
    chosen, target = chosen_options(node, a.value)
    raised = tuple(f for o in chosen for f in o.flags)
    w.flags.update(raised)
    if node.records == "caller_with_person":
        w.caller_with_person = yesno_value(a.value)
    for code in node.add_partners + tuple(c for o in chosen for c in o.add_partners):
        if post and code not in w.partners_added:
            w.partners_added.append(code)
    if post:
        for o in chosen:
            if o.raise_to and decision_rank(o.raise_to) >= decision_rank(w.decision_code):
                w.decision_code = o.raise_to
                w.raises.append((key, o.raise_to))
    w.path.append(PathStep(key[0], node, a, raised, after_decision=post))
    return target


def _walk_post(library: FlowLibrary, state: RunState, key: StepKey, w: Walk) -> None:
    """Post-decision steps from key (the immediate-risk continuation)."""
    seen: set[StepKey] = set()
    while True:
        if key == FINISH_KEY:
            w.done = True
            return
        if key in seen:
            raise EngineError(f"cycle at {key}")
        seen.add(key)
        node = library.node(key)
        if node.kind == "outcome":
            w.path.append(PathStep(key[0], node, None, after_decision=True))
            if decision_rank(node.code) >= decision_rank(w.decision_code):
                w.decision_key, w.decision_code = key, node.code
                w.raises.append((key, node.code))
            if node.continue_to is not None:
                key = library.resolve(key[0], node.continue_to)
                continue
            w.done = True
            w.frontier = w.decision_key or key
            return
        if node.kind == "route":
            key = _follow_route(library, key, node, w, True)
            continue
        target = _answer_step(state, key, node, w, True)
        if target is False or target is None:
            w.path.append(PathStep(key[0], node, None, after_decision=True))
            w.frontier = key
            return
        key = library.resolve(key[0], target)


def _record_not_asked(library: FlowLibrary, state: RunState, w: Walk) -> None:
    """The handler finished: the unanswered current step and every post-decision step reachable from it."""
    if not w.path or w.path[-1].answer is not None or not (w.path[-1].node.is_question
                                                            or w.path[-1].node.kind == "info"):
        return
    start = w.path.pop()
    stack, seen = [(start.flow, start.node.id)], set()
    out: list[StepKey] = []
    while stack:
        key = stack.pop()
        if key in seen or key == FINISH_KEY:
            continue
        seen.add(key)
        node = library.node(key)
        if node.kind == "outcome":
            continue
        if (node.is_question or node.kind == "info") and key not in state.answers:
            out.append(key)
        stack.extend(library.resolve(key[0], t) for t in node.targets())
    order = {k: i for i, k in enumerate(all_keys(library))}
    known = {k for k, _ in w.not_asked}
    for k in sorted(out, key=lambda k: order.get(k, 0)):
        if k not in known:
            w.not_asked.append((k, NOT_ASKED_FINISHED))
