"""The checker's rules within one flow file: references, reachability, dead ends, cycles, vocabulary, wording."""
from __future__ import annotations

from itertools import combinations
from typing import Iterable, Optional

from .answer_keys import unknown_not_last
from .model import Flow, Node, Option, Target
from .outcomes import PLACEHOLDER_RE
from .problems import Problem
from .vocab import FLAGS, OUTCOME_CODES, PATHWAYS, POLICE_CODES, POLICE_FLAGS


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
