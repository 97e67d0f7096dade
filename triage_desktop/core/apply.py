"""How each event changes a run (the reducer, used live and on replay), and the decision events an action brings."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .answers import answer_label
from .decision import decision_code, outcome_before_override
from .exits import early_exit_outcome, override_outcome
from .model import LANGUAGES
from .outcomes import builtin_outcome, immediate_risk_rationale, partner
from .runstate import Answer, Event
from .vocab import CALLER_TYPES, decision_rank
from .walk import ir_continue

if TYPE_CHECKING:
    from .runqueries import RunQueries


def apply_event(run: RunQueries, ev: Event) -> None:
    """Apply one event to the run's state. Used live and on replay: must be deterministic."""
    s = run.state
    run.events.append(ev)
    s.actor, s.role = ev.actor or s.actor, ev.role or s.role
    k = ev.kind
    if k == "shown":  # a question put on screen changes nothing the walk reads: the run's walk stays its walk
        cached = run._walk_cache
        if cached is not None and cached[0] == len(run.events) - 1:
            run._walk_cache = (len(run.events), cached[1])
        else:
            mark_superseded(run)
        return
    if k == "answered" or k == "changed":
        key = (ev.flow, ev.node)
        node = run.library.node(key)
        prev = s.answers.get(key)
        if prev is not None:
            prev.replaced = True
            prev.superseded = True
        a = Answer(ev.flow, ev.node, ev.value, answer_label(node, ev.value), ev.volunteered, ev.actor,
                   ev.offset, ev.seq, lang=s.language)
        s.answers[key] = a
        s.log.append(a)
        s.cursor = None
        if node.records == "caller_type" and ev.value in CALLER_TYPES:
            s.caller_type = str(ev.value)
    elif k == "caller_type":
        s.caller_type = str(ev.value) if ev.value in CALLER_TYPES else None
    elif k == "language":
        if ev.value in LANGUAGES:
            s.language = str(ev.value)
            s.language_events.append(ev)
    elif k == "volunteered":
        given = s.answers.get((ev.flow, ev.node))
        if given is not None:
            given.volunteered = bool(ev.value)
    elif k in ("back", "jump"):
        s.cursor = (ev.flow, ev.node)
    elif k == "forward":
        s.cursor = None
    elif k == "immediate_risk":
        s.extra_flags.update({"risk_to_life", "immediate_risk_interrupt"})
        if s.ir_event is None:
            s.ir_event = ev
        s.cursor = None
        if s.decision_event is not None or ir_continue(run.library, run.entry_flow, ev) is not None:
            s.ir_decided = True  # a decision with steps to follow (or a raise of one already made)
            if s.ended is not None and s.ended.source == "early_exit":
                s.ended = None  # immediate risk after an early exit: the emergency decision replaces it
        else:
            s.ended = builtin_outcome(
                "POLICE_EMERGENCY", source="immediate_risk", reason=ev.reason,
                rationale=immediate_risk_rationale(ev.reason), thrive=run.thrive_notes(),
                caller_type=s.caller_type, partners=(partner("ambulance"),))
    elif k == "decision":
        if s.decision_event is None:
            s.decision_event = ev
    elif k == "decision_raised":
        s.raised_events.append(ev)
    elif k == "finish":
        s.finished = True
        s.cursor = None
    elif k == "early_exit":
        unreachable = isinstance(ev.value, dict) and bool(ev.value.get("caller_unreachable"))
        s.ended = early_exit_outcome(ev.code, reason=ev.reason, groups=run.unasked_on_path(),
                                     flags=run.flags, thrive=run.thrive_notes(), caller_type=s.caller_type,
                                     caller_unreachable=unreachable)
    elif k == "not_under_rcrp":  # phased rollout: the pathway is not switched on in this force's pack
        info = ev.value if isinstance(ev.value, dict) else {}
        s.ended = builtin_outcome(
            "FORCE_PROCEDURE", source="rollout", reason=ev.reason,
            rationale=(f"The call reached the {info.get('title') or info.get('pathway') or 'this'} pathway, which "
                       f"is not yet under RCRP in this force (rollout phase {info.get('phase', '?')}): no RCRP "
                       "decision was made; the force's existing procedure applies."), thrive=run.thrive_notes(),
            caller_type=s.caller_type)
    elif k == "override":
        s.override = override_outcome(ev.code, reason=ev.reason, original=outcome_before_override(run),
                                      flags=run.flags, thrive=run.thrive_notes(), caller_type=s.caller_type)
    elif k == "handover":
        s.handovers += 1
    elif k == "note":
        s.notes.append(ev)
    # the state is settled: a walk made above, part way through (e.g. the path's unasked questions for an early
    # exit), is dropped; the one the outcome and mark_superseded make now is the run's walk until the next event
    run._walk_cache = None
    if k in ("answered", "changed", "immediate_risk", "early_exit", "override", "finish",
             "not_under_rcrp") and run.outcome is not None:
        s.decision_offset = ev.offset
    mark_superseded(run)


def mark_superseded(run: RunQueries) -> None:
    """Mark each answer superseded when a later one replaced it or it is no longer on the current path."""
    on_path = {(p.flow, p.node.id) for p in run.path if p.answer is not None}
    for a in run.state.log:
        a.superseded = a.replaced or (a.flow, a.node) not in on_path


def decision_events(run: RunQueries, cause: Event) -> list[Event]:
    """The events an action's event `cause` brings after it: the decision the moment it is made (event `decision`,
    the time to decision), and each raise of it (event `decision_raised`, its own time)."""
    if cause.kind in ("decision", "decision_raised", "shown", "note", "volunteered", "back", "jump", "forward",
                      "language"):
        return []
    w = run.walk()
    if not w.post:
        return []
    code = decision_code(run.state, w)
    s = run.state
    extra: list[Event] = []
    if s.decision_event is None:
        first = w.first_code or code
        src = "immediate_risk" if cause.kind == "immediate_risk" else "flow"
        key = w.decision_key or (cause.flow, cause.node)
        extra.append(Event(seq=len(run.events) + 1, kind="decision", wall=cause.wall, offset=cause.offset,
                           actor=cause.actor, role=cause.role, flow=key[0], node=key[1], code=first,
                           value={"source": src}))
        recorded = first
    else:
        recorded = s.raised_events[-1].code if s.raised_events else s.decision_event.code
    if code != recorded and decision_rank(code) >= decision_rank(recorded):
        extra.append(Event(seq=len(run.events) + 1 + len(extra), kind="decision_raised", wall=cause.wall,
                           offset=cause.offset, actor=cause.actor, role=cause.role, flow=cause.flow,
                           node=cause.node, code=code, value={"from": recorded}))
    return extra
