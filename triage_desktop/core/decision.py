"""The outcome decision of a run: its code (raise only, never lower), the outcome it reads as, its codes and times."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .outcomes import (OutcomeResult, builtin_outcome, immediate_risk_rationale, in_language, outcome_from_node,
                       partner, replace_result, with_additions)
from .runstate import Decision, FlowLibrary, RunState, Walk
from .model import Partner
from .thrive import rationale_lookup
from .vocab import decision_rank

if TYPE_CHECKING:
    from .runqueries import RunQueries


def decision_code(state: RunState, w: Walk) -> str:
    """The decision now: the walk's, never lower than a decision or raise already recorded."""
    best = w.decision_code
    recorded = ([state.decision_event] if state.decision_event else []) + state.raised_events
    for e in recorded:
        if e.code and decision_rank(e.code) > decision_rank(best):
            best = e.code
    return best


def decision_result(run: RunQueries, w: Walk) -> Optional[OutcomeResult]:
    """The decision as an outcome (texts for the current caller type, partners added after it)."""
    s = run.state
    code = decision_code(s, w)
    if not code:
        return None
    ct = s.caller_type
    thrive = run.thrive_notes()

    def lookup(name: str) -> Optional[str]:
        return rationale_lookup(run.path, run.flags, name)

    node = run.library.node(w.decision_key) if w.decision_key else None
    flow_id = w.decision_key[0] if w.decision_key else ""
    if node is not None and node.code == code:
        base = outcome_from_node(node, flow_id=flow_id, lookup=lookup, thrive=thrive, caller_type=ct)
    elif s.ir_event is not None and s.ir_decided and code == "POLICE_EMERGENCY":
        ir = s.ir_event
        rationale = immediate_risk_rationale(ir.reason)
        if w.first_code and w.first_code != code:
            rationale += f" The decision was first {w.first_code}; raised by the interrupt."
        base = builtin_outcome(code, source="immediate_risk", reason=ir.reason, rationale=rationale,
                               thrive=thrive, caller_type=ct,
                               original=(outcome_from_node(node, flow_id=flow_id, lookup=lookup, thrive=thrive,
                                                           caller_type=ct) if node else None))
        if node is None:  # offered like any emergency outcome: the pathway's own emergency partners too
            base = replace_result(base, partners=base.partners + tuple(
                p for p in pathway_emergency_partners(run.library, ir.flow or run.entry_flow)
                if not any((p.code and p.code == q.code) or p.name == q.name for q in base.partners)))
    else:
        first = (outcome_from_node(node, flow_id=flow_id, lookup=lookup, thrive=thrive, caller_type=ct)
                 if node else None)
        how = ""
        if w.raises:
            rk, _ = w.raises[-1]
            rn = run.library.node(rk)
            a = s.answers.get(rk)
            how = f" by '{rn.title}'" + (f" (answer: {a.label})" if a is not None and rn.kind != "text" else "")
        base = builtin_outcome(code, source="flow", reason="", original=None, thrive=thrive, caller_type=ct,
                               rationale=(f"Decision raised after it was made, from {w.first_code} to {code}{how}. "
                                          + (f"First decision: {first.rationale}" if first else "")).strip(),
                               partners=first.partners if first else ())
        base = replace_result(base, flow_id=first.flow_id if first else "", node_id=first.node_id if first else "")
    return with_additions(base, first_code=w.first_code or code, raised=code != (w.first_code or code),
                          added=tuple(partner(c) for c in w.partners_added), caller_type=ct)


def pathway_emergency_partners(library: FlowLibrary, flow_id: str) -> tuple[Partner, ...]:
    """The partners of the flow's first POLICE_EMERGENCY outcome (what its emergency outcome would offer)."""
    f = library.flows.get(flow_id)
    for n in (f.nodes.values() if f else ()):
        if n.kind == "outcome" and n.code == "POLICE_EMERGENCY":
            return n.partners
    return ()


def outcome_before_override(run: RunQueries) -> Optional[OutcomeResult]:
    """The outcome the call reached (an ending, or the decision once its steps are over), before any override;
    None while questions remain or after going back from the outcome."""
    s = run.state
    if s.ended is not None:
        return s.ended
    w = run.walk()
    if w.post:
        return decision_result(run, w) if w.done else None
    if s.cursor is not None and s.cursor != w.frontier:
        return None
    key = w.frontier
    if key is None:
        return None
    node = run.library.node(key)
    if node.kind != "outcome":
        return None
    return decision_result(run, w)


def in_call_language(run: RunQueries, result: Optional[OutcomeResult]) -> Optional[OutcomeResult]:
    """The outcome with `said` in the call language (unchanged in an English call)."""
    lang = run.state.language
    if result is None or lang == "en":
        return result
    node = None
    if result.flow_id and result.node_id and result.flow_id in run.library:
        node = run.library.flows[result.flow_id].nodes.get(result.node_id)
    return in_language(result, lang, node)


def decision_info(run: RunQueries) -> Optional[Decision]:
    """The decision's codes and times (first decision = time to decision; a raise has its own time)."""
    s = run.state
    w = run.walk()
    out = run.outcome
    code = decision_code(s, w) if (w.post or out is not None) else ""
    if out is not None and out.source in ("early_exit", "override"):
        code = out.code
    if not code:
        return None
    de = s.decision_event
    first = de.code if de is not None else (w.first_code or code)
    raised = list(s.raised_events)
    return Decision(code=code, first_code=first, offset=run.decision_offset,
                    raised=decision_rank(code) > decision_rank(first) or (code != first and bool(raised)),
                    raised_offset=raised[-1].offset if raised else None,
                    source=(de.value or {}).get("source", "flow") if de is not None and isinstance(de.value, dict)
                    else ("immediate_risk" if out is not None and out.source == "immediate_risk" else "flow"))
