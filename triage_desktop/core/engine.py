"""The flow engine: a call's run through one or more flows, derived from its ordered events."""
from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from .answers import answer_label, chosen_options, validate_answer, yesno_value
from .errors import EngineError
from .model import LANGUAGE_NAMES, LANGUAGES, Flow, Node, Option, Partner, Target
from .outcomes import (OutcomeResult, builtin_outcome, immediate_risk_rationale, in_language, outcome_from_node,
                       partner, replace_result, with_additions)
from .vocab import (CALLER_TYPES, FLAGS, NON_DECISION_CODES, OUTCOME_CODES, POLICE_CODES, THRIVE_FIELDS, THRIVE_LEVELS,
                    caller_group, decision_rank)

StepKey = tuple[str, str]  # (flow id, node id)
FINISH_KEY: StepKey = ("", "finish")  # `next: finish`, the end of the post-decision steps

#: Why a step was not asked (recorded as not asked, never as "no").
NOT_ASKED_WITH_PERSON = "caller with the person"
NOT_ASKED_FINISHED = "call finished first"





class Clock:
    """Wall clock for the start time, monotonic clock for every offset (a changed PC clock cannot reorder a call)."""

    def wall(self) -> _dt.datetime:
        return _dt.datetime.now(_dt.timezone.utc)

    def monotonic(self) -> float:
        return time.monotonic()


class FlowLibrary:
    """The flows a run can use, by id."""

    def __init__(self, flows: Iterable[Flow]):
        self.flows: dict[str, Flow] = {}
        self._languages: Optional[tuple[str, ...]] = None  # offered_languages(), once worked out
        for f in flows:
            self.flows[f.id] = f

    def __getitem__(self, flow_id: str) -> Flow:
        return self.flows[flow_id]

    def __contains__(self, flow_id: object) -> bool:
        return flow_id in self.flows

    def __iter__(self):
        return iter(self.flows.values())

    def node(self, key: StepKey) -> Node:
        return self.flows[key[0]].nodes[key[1]]

    def resolve(self, flow_id: str, target: Target) -> StepKey:
        if target.finish:
            return FINISH_KEY
        if target.flow:
            return (target.flow, self.flows[target.flow].start)
        assert target.node is not None
        return (flow_id, target.node)


@dataclass(frozen=True)
class Event:
    """One thing that happened in a call: the run is re-derived from these, in order."""

    seq: int
    kind: str
    wall: str
    offset: float
    actor: str = ""
    role: str = ""
    flow: str = ""
    node: str = ""
    value: Any = None
    volunteered: bool = False
    reason: str = ""
    code: str = ""
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class Answer:
    """An answer as given: kept even when a later change takes the path elsewhere."""

    flow: str
    node: str
    value: Any
    label: str
    volunteered: bool
    actor: str
    offset: float
    seq: int
    superseded: bool = False  # replaced by a later answer at the same node, or off the current path
    replaced: bool = False  # a later answer at the same node replaced this one
    lang: str = "en"  # the call language the question was asked in (the language when it was answered)


@dataclass(frozen=True)
class PathStep:
    """A node on the current path, with the answer that moved the run on (None for the current node)."""

    flow: str
    node: Node
    answer: Optional[Answer]
    flags: tuple[str, ...] = ()
    skipped: str = ""  # the reason a step was skipped (recorded as not asked), e.g. "caller with the person"
    after_decision: bool = False  # reached after the decision (a "while they are on the way" step)


@dataclass(frozen=True)
class Decision:
    """The police / agency decision as recorded: the first one and its time, and any raise after it."""

    code: str  # the decision now (after raises)
    first_code: str
    offset: Optional[float]  # time to decision (seconds from call start)
    raised: bool = False
    raised_offset: Optional[float] = None
    source: str = "flow"  # flow | immediate_risk


@dataclass
class _Walk:
    """The current path, derived from the answers: where the call is, and the decision so far."""

    path: list[PathStep]
    frontier: Optional[StepKey]
    flags: set[str]
    decision_key: Optional[StepKey] = None  # outcome node whose texts the decision uses
    decision_code: str = ""
    first_code: str = ""
    post: bool = False  # the post-decision steps have begun (decision recorded, steps may follow)
    done: bool = False  # the post-decision steps are over (finish reached or the handler finished)
    raises: list[tuple[StepKey, str]] = field(default_factory=list)  # (node, code) of each raise, in order
    partners_added: list[str] = field(default_factory=list)
    not_asked: list[tuple[StepKey, str]] = field(default_factory=list)
    caller_with_person: Optional[str] = None


@dataclass
class _State:
    answers: dict[StepKey, Answer] = field(default_factory=dict)
    log: list[Answer] = field(default_factory=list)
    cursor: Optional[StepKey] = None  # set by back/jump; None = the frontier
    ended: Optional[OutcomeResult] = None  # immediate risk / early exit
    override: Optional[OutcomeResult] = None
    extra_flags: set[str] = field(default_factory=set)
    notes: list[Event] = field(default_factory=list)
    actor: str = ""
    role: str = ""
    handovers: int = 0
    decision_offset: Optional[float] = None
    caller_type: Optional[str] = None
    decision_event: Optional[Event] = None  # the first 'decision' event (time to decision)
    raised_events: list[Event] = field(default_factory=list)
    ir_event: Optional[Event] = None  # the first immediate-risk event
    ir_decided: bool = False  # the interrupt made (or raised) the decision and steps may follow
    finished: bool = False  # the handler finished the post-decision steps
    language: str = "en"  # the call language now (event `language`): the words on screen and to read out
    language_events: list[Event] = field(default_factory=list)





def offered_languages(library: "FlowLibrary") -> tuple[str, ...]:
    """English, plus every language a flow of the library declares or has texts in (in LANGUAGES order)."""
    cached = getattr(library, "_languages", None)
    if cached is not None:
        return cached
    found = {"en"}
    for f in library:
        found.update(f.languages)
        if len(found) == len(LANGUAGES):
            break
        for n in f.nodes.values():
            found.update(lg for _, tr in n.tr for _, lg, _ in tr)
    out = tuple(lg for lg in LANGUAGES if lg in found)
    library._languages = out  # the library's flows never change once loaded
    return out


class FlowRun:
    """A call's run through the flows. Every change is an Event; `replay` rebuilds the run from events."""

    def __init__(self, library: FlowLibrary, entry_flow: str, *, clock: Optional[Clock] = None,
                 actor: str = "", role: str = "", initial_flags: Iterable[str] = (),
                 started_at: Optional[str] = None, offset_base: float = 0.0):
        if entry_flow not in library:
            raise EngineError(f"unknown flow '{entry_flow}'")
        self.library = library
        self.entry_flow = entry_flow
        self.clock = clock or Clock()
        self.started_at = started_at or self.clock.wall().isoformat(timespec="milliseconds")
        self._t0 = self.clock.monotonic() - offset_base
        self.events: list[Event] = []
        self.initial_flags = frozenset(initial_flags)
        self._s = _State(actor=actor, role=role)
        self.listeners: list[Callable[[Event], None]] = []

    # ----- events ---------------------------------------------------------------------------
    def _offset(self) -> float:
        return round(self.clock.monotonic() - self._t0, 6)

    def _emit(self, kind: str, **kw: Any) -> Event:
        actor, role = kw.pop("actor", self._s.actor), kw.pop("role", self._s.role)
        ev = Event(seq=len(self.events) + 1, kind=kind, wall=self.clock.wall().isoformat(timespec="milliseconds"),
                   offset=self._offset(), actor=actor, role=role, **kw)
        self._apply(ev)
        for cb in self.listeners:
            cb(ev)
        self._record_decision(ev)
        return ev

    def _record_decision(self, cause: Event) -> None:
        """After an action: record the decision the moment it is made (event `decision`, the time to decision),
        and each raise of it (event `decision_raised`, its own time). Derived events follow their cause."""
        if cause.kind in ("decision", "decision_raised", "shown", "note", "volunteered", "back", "jump", "forward",
                          "language"):
            return
        w = self._walk_full()
        if not w.post:
            return
        code = self._decision_code(w)
        s = self._s
        extra: list[Event] = []
        if s.decision_event is None:
            first = w.first_code or code
            src = "immediate_risk" if cause.kind == "immediate_risk" else "flow"
            key = w.decision_key or (cause.flow, cause.node)
            extra.append(Event(seq=len(self.events) + 1, kind="decision", wall=cause.wall, offset=cause.offset,
                               actor=cause.actor, role=cause.role, flow=key[0], node=key[1], code=first,
                               value={"source": src}))
            recorded = first
        else:
            recorded = s.raised_events[-1].code if s.raised_events else s.decision_event.code
        if code != recorded and decision_rank(code) >= decision_rank(recorded):
            extra.append(Event(seq=len(self.events) + 1 + len(extra), kind="decision_raised", wall=cause.wall,
                               offset=cause.offset, actor=cause.actor, role=cause.role, flow=cause.flow,
                               node=cause.node, code=code, value={"from": recorded}))
        for ev in extra:
            self._apply(ev)
            for cb in self.listeners:
                cb(ev)

    @classmethod
    def replay(cls, library: FlowLibrary, entry_flow: str, events: Iterable[dict[str, Any] | Event], *,
               clock: Optional[Clock] = None, started_at: Optional[str] = None,
               initial_flags: Iterable[str] = ()) -> "FlowRun":
        """Rebuild a run from its stored events; new events continue after the last recorded offset."""
        evs = [e if isinstance(e, Event) else Event.from_dict(e) for e in events]
        last = max((e.offset for e in evs), default=0.0)
        run = cls(library, entry_flow, clock=clock, started_at=started_at, initial_flags=initial_flags,
                  offset_base=last)
        for ev in evs:
            run._apply(ev)
        return run

    def _apply(self, ev: Event) -> None:
        """Apply one event to the state. Used live and on replay: must be deterministic."""
        self._apply_state(ev)
        self.__dict__.pop("_walk_cache", None)  # the state settles only once the whole event is applied

    def _apply_state(self, ev: Event) -> None:
        s = self._s
        self.events.append(ev)
        s.actor, s.role = ev.actor or s.actor, ev.role or s.role
        k = ev.kind
        if k == "answered" or k == "changed":
            key = (ev.flow, ev.node)
            node = self.library.node(key)
            prev = s.answers.get(key)
            if prev is not None:
                prev.replaced = True
                prev.superseded = True
            a = Answer(ev.flow, ev.node, ev.value, self._label(node, ev.value), ev.volunteered, ev.actor,
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
            a = s.answers.get((ev.flow, ev.node))
            if a is not None:
                a.volunteered = bool(ev.value)
        elif k in ("back", "jump"):
            s.cursor = (ev.flow, ev.node)
        elif k == "forward":
            s.cursor = None
        elif k == "immediate_risk":
            s.extra_flags.update({"risk_to_life", "immediate_risk_interrupt"})
            if s.ir_event is None:
                s.ir_event = ev
            s.cursor = None
            if s.decision_event is not None or self._ir_continue(ev) is not None:
                s.ir_decided = True  # a decision with steps to follow (or a raise of one already made)
                if s.ended is not None and s.ended.source == "early_exit":
                    s.ended = None  # immediate risk after an early exit: the emergency decision replaces it
            else:
                s.ended = builtin_outcome(
                    "POLICE_EMERGENCY", source="immediate_risk", reason=ev.reason,
                    rationale=immediate_risk_rationale(ev.reason), thrive=self._thrive(),
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
            from .exits import early_exit_outcome

            unreachable = isinstance(ev.value, dict) and bool(ev.value.get("caller_unreachable"))
            s.ended = early_exit_outcome(ev.code, reason=ev.reason, groups=self.unasked_on_path(),
                                         flags=self.flags, thrive=self._thrive(), caller_type=s.caller_type,
                                         caller_unreachable=unreachable)
        elif k == "not_under_rcrp":  # phased rollout: the pathway is not switched on in this force's pack
            info = ev.value if isinstance(ev.value, dict) else {}
            s.ended = builtin_outcome(
                "FORCE_PROCEDURE", source="rollout", reason=ev.reason,
                rationale=(f"The call reached the {info.get('title') or info.get('pathway') or 'this'} pathway, which "
                           f"is not yet under RCRP in this force (rollout phase {info.get('phase', '?')}): no RCRP "
                           "decision was made; the force's existing procedure applies."), thrive=self._thrive(),
                caller_type=s.caller_type)
        elif k == "override":
            from .exits import override_outcome

            s.override = override_outcome(ev.code, reason=ev.reason, original=self._outcome_before_override(),
                                          flags=self.flags, thrive=self._thrive(), caller_type=s.caller_type)
        elif k == "handover":
            s.handovers += 1
        elif k == "note":
            s.notes.append(ev)
        if k in ("answered", "changed", "immediate_risk", "early_exit", "override", "finish",
                 "not_under_rcrp") and self.outcome is not None:
            s.decision_offset = ev.offset
        self._mark_superseded()

    def _ir_continue(self, ev: Event) -> Optional[StepKey]:
        """Where the post-decision steps go after the immediate-risk interrupt: the current flow's
        `immediate_risk_continue`, else the entry flow's, else None (the call ends at the outcome)."""
        for fid in (ev.flow, self.entry_flow):
            f = self.library.flows.get(fid) if fid else None
            if f is not None and f.immediate_risk_continue in f.nodes:
                return (f.id, f.immediate_risk_continue)
        return None

    # ----- derived state ----------------------------------------------------------------------
    def _label(self, node: Node, value: Any) -> str:
        return answer_label(node, value)

    def _chosen(self, node: Node, value: Any) -> tuple[list[Option], Optional[Target]]:
        return chosen_options(node, value)

    def _walk(self) -> tuple[list[PathStep], Optional[StepKey], set[str]]:
        """Walk from the entry start using current answers: (path, frontier node or None, flags)."""
        w = self._walk_full()
        return w.path, w.frontier, w.flags

    def _answer_step(self, key: StepKey, node: Node, w: _Walk, post: bool) -> Optional[Target] | bool:
        """Follow the answer at a question (or skip it); False when it is unanswered (the frontier)."""
        if node.skip_if_caller_with_person and w.caller_with_person == "yes" and node.skip_target is not None:
            w.path.append(PathStep(key[0], node, None, skipped=NOT_ASKED_WITH_PERSON, after_decision=post))
            w.not_asked.append((key, NOT_ASKED_WITH_PERSON))
            return node.skip_target
        a = self._s.answers.get(key)
        if a is None:
            return False
        chosen, target = self._chosen(node, a.value)
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

    def _walk_full(self) -> _Walk:
        """The current path (see _walk_full_uncached), cached per event count: events are append-only and every
        state change is an event, so a screen asking for path, flags, frontier and outcome walks once."""
        cached = self.__dict__.get("_walk_cache")
        if cached is not None and cached[0] == len(self.events):
            return cached[1]
        w = self._walk_full_uncached()
        self.__dict__["_walk_cache"] = (len(self.events), w)
        return w

    def _walk_full_uncached(self) -> _Walk:
        """The current path from the entry start; past a decision with `continue` (or the immediate-risk
        interrupt) it goes on through the post-decision steps."""
        s = self._s
        w = _Walk([], None, set(self.initial_flags))
        key: StepKey = (self.entry_flow, self.library[self.entry_flow].start)
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
            node = self.library.node(key)
            if node.kind == "outcome":
                w.path.append(PathStep(key[0], node, None, after_decision=post))
                if not post:
                    w.decision_key, w.decision_code, w.first_code = key, node.code, node.code
                elif decision_rank(node.code) >= decision_rank(w.decision_code):
                    w.decision_key, w.decision_code = key, node.code
                    w.raises.append((key, node.code))
                if node.continue_to is not None:
                    post = w.post = True
                    key = self.library.resolve(key[0], node.continue_to)
                    continue
                if post:
                    w.done = True
                w.frontier = w.decision_key if post and w.decision_key else key
                break
            if node.kind == "route":
                nxt = next((r.target for r in node.routes if r.holds(w.flags)), None)
                if nxt is None:
                    raise EngineError(f"{key[0]}: route node {node.id} has no branch for flags {sorted(w.flags)}")
                w.path.append(PathStep(key[0], node, None, after_decision=post))
                key = self.library.resolve(key[0], nxt)
                continue
            target = self._answer_step(key, node, w, post)
            if target is False:
                w.path.append(PathStep(key[0], node, None, after_decision=post))
                w.frontier = key
                break
            if target is None:
                w.frontier = key
                break
            key = self.library.resolve(key[0], target)
        # the immediate-risk interrupt: the decision now, then the post-decision steps (or a raise of one made)
        ir = s.ir_event
        if ir is not None and s.ir_decided:
            if not w.post:
                if w.path and w.path[-1].answer is None and w.path[-1].node.is_question:
                    step = w.path.pop()
                    w.not_asked.append(((step.flow, step.node.id), "immediate risk recorded before it was asked"))
                elif w.path and w.path[-1].node.kind == "outcome":
                    w.path.pop()
                w.decision_key, w.decision_code, w.first_code = None, "POLICE_EMERGENCY", "POLICE_EMERGENCY"
                w.post = True
                w.frontier = None
                cont = self._ir_continue(ir)
                if cont is not None:
                    self._walk_post(cont, w)
            elif decision_rank(w.decision_code) < decision_rank("POLICE_EMERGENCY"):
                w.decision_key, w.decision_code = None, "POLICE_EMERGENCY"
                w.raises.append(((ir.flow, ir.node), "POLICE_EMERGENCY"))
        if w.post and not w.done and s.finished:
            w.done = True
            self._record_not_asked(w)
            w.frontier = w.decision_key
        if w.post and "ambulance" not in w.partners_added and ir is not None and s.ir_decided:
            w.partners_added.insert(0, "ambulance")
        return w

    def _walk_post(self, key: StepKey, w: _Walk) -> None:
        """Post-decision steps from key (the immediate-risk continuation)."""
        seen: set[StepKey] = set()
        while True:
            if key == FINISH_KEY:
                w.done = True
                return
            if key in seen:
                raise EngineError(f"cycle at {key}")
            seen.add(key)
            node = self.library.node(key)
            if node.kind == "outcome":
                w.path.append(PathStep(key[0], node, None, after_decision=True))
                if decision_rank(node.code) >= decision_rank(w.decision_code):
                    w.decision_key, w.decision_code = key, node.code
                    w.raises.append((key, node.code))
                if node.continue_to is not None:
                    key = self.library.resolve(key[0], node.continue_to)
                    continue
                w.done = True
                w.frontier = w.decision_key or key
                return
            if node.kind == "route":
                nxt = next((r.target for r in node.routes if r.holds(w.flags)), None)
                if nxt is None:
                    raise EngineError(f"{key[0]}: route node {node.id} has no branch for flags {sorted(w.flags)}")
                w.path.append(PathStep(key[0], node, None, after_decision=True))
                key = self.library.resolve(key[0], nxt)
                continue
            target = self._answer_step(key, node, w, True)
            if target is False or target is None:
                w.path.append(PathStep(key[0], node, None, after_decision=True))
                w.frontier = key
                return
            key = self.library.resolve(key[0], target)

    def _record_not_asked(self, w: _Walk) -> None:
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
            node = self.library.node(key)
            if node.kind == "outcome":
                continue
            if (node.is_question or node.kind == "info") and key not in self._s.answers:
                out.append(key)
            stack.extend(self.library.resolve(key[0], t) for t in node.targets())
        order = {k: i for i, k in enumerate(self._all_keys())}
        known = {k for k, _ in w.not_asked}
        for k in sorted(out, key=lambda k: order.get(k, 0)):
            if k not in known:
                w.not_asked.append((k, NOT_ASKED_FINISHED))

    def _mark_superseded(self) -> None:
        on_path = {(p.flow, p.node.id) for p in self._walk()[0] if p.answer is not None}
        for a in self._s.log:
            a.superseded = a.replaced or (a.flow, a.node) not in on_path

    @property
    def path(self) -> list[PathStep]:
        """Nodes from the entry start to the frontier, with the answers that moved the run on."""
        return self._walk()[0]

    @property
    def answers(self) -> list[Answer]:
        """Every answer ever given, in order, superseded ones marked."""
        return list(self._s.log)

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(self._walk()[2] | self._s.extra_flags)

    @property
    def frontier(self) -> Optional[StepKey]:
        return self._walk()[1]

    @property
    def current(self) -> Optional[StepKey]:
        """The node to show: where the handler went back to, else the frontier; None when ended."""
        if self._s.ended is not None:
            return None
        w = self._walk_full()
        if w.post and w.done:
            return w.frontier
        if w.post and w.frontier is None:
            return None
        return self._s.cursor or w.frontier

    @property
    def current_node(self) -> Optional[Node]:
        key = self.current
        return self.library.node(key) if key else None

    @property
    def current_flow(self) -> Flow:
        key = self.current or self.frontier or (self.entry_flow, "")
        return self.library[key[0]]

    def answer_at(self, key: StepKey) -> Optional[Answer]:
        return self._s.answers.get(key)

    # ----- navigation rules (the one copy: the GUI reads them from the CallView) ----------------
    def question_keys(self) -> list[StepKey]:
        """The questions and info steps on the current path, in order."""
        return [(p.flow, p.node.id) for p in self.path if p.node.is_question or p.node.kind == "info"]

    def step_number(self) -> int:
        """1-based number of the question on screen among the questions on the path."""
        keys, cur = self.question_keys(), self.current
        return keys.index(cur) + 1 if cur in keys else len(keys)

    def can_go_back(self) -> bool:
        """True when there is an earlier question on the path to go back to (the rule `back` applies)."""
        cur = self.current
        if cur is None:
            return False
        if self.has_post_decision and self.outcome is not None:
            return False  # finished after the decision: the record is complete (Override to change it)
        post = self.in_post_decision  # once decided, Back stays within the post-decision steps
        keys = [(p.flow, p.node.id) for p in self.path if (p.node.is_question or p.node.kind == "info")
                and not p.skipped and (p.after_decision or not post)]
        return bool(keys) and (cur not in keys or keys.index(cur) > 0)

    @property
    def at_frontier(self) -> bool:
        """False after back/jump: the question on screen is an earlier one."""
        return self.current is None or self.current == self.frontier

    def is_unchanged_answer(self, value: Any) -> bool:
        """True when `value` repeats the answer already given here after going back: not a change, just go on."""
        key = self.current
        if key is None or self.at_frontier:
            return False
        prev = self.answer_at(key)
        node = self.library.node(key)
        if prev is None or node.is_outcome:
            return False
        try:
            return bool(prev.value == self.validate_answer(node, value))
        except EngineError:
            return False

    @property
    def flows_used(self) -> list[dict[str, str]]:
        """id/version/hash of each flow on the path, entry first."""
        seen: list[str] = []
        for p in self.path:
            if p.flow not in seen:
                seen.append(p.flow)
        return [self.library[f].ref for f in seen]

    @property
    def pathway(self) -> str:
        p = self.path
        return self.library[p[-1].flow].pathway if p else self.library[self.entry_flow].pathway

    def _lookup(self, name: str) -> Optional[str]:
        if name == "flags":  # in words, never codes (the rationale is read and pasted)
            return "; ".join(FLAGS.get(f, f) for f in sorted(self.flags)) or "none"
        for p in self.path:
            if p.node.id == name and p.answer is not None:
                if p.node.is_free_text:
                    return "(free text recorded)"  # never substitute personal free text
                return p.answer.label
        return None

    def _thrive(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for p in self.path:
            if p.answer is None:
                if p.node.kind == "outcome":
                    out.update(dict(p.node.thrive))
                continue
            out.update(dict(p.node.thrive))
            chosen, _ = self._chosen(p.node, p.answer.value)
            for o in chosen:
                out.update(dict(o.thrive))
        if "immediate_risk_interrupt" in self._s.extra_flags:
            out["threat"] = "High: immediate risk recorded by the handler during the call"
            out["risk"] = "High: real and immediate risk to life or of serious harm"
        return out

    @property
    def thrive(self) -> dict[str, str]:
        """THRIVE notes by field (later answers overwrite earlier ones); after an override, as rebuilt for it."""
        out = self.outcome
        if out is not None and out.source in ("override", "early_exit") and out.thrive:
            return dict(out.thrive)
        return self._thrive()

    @property
    def thrive_levels(self) -> dict[str, Optional[str]]:
        """THRIVE level per field, read from a note starting Low/Medium/High (else None)."""
        out: dict[str, Optional[str]] = {}
        notes = self.thrive
        for f in THRIVE_FIELDS:
            note = notes.get(f, "").strip().lower()
            out[f] = next((lv for lv in THRIVE_LEVELS if note.startswith(lv)), None)
        return out

    def _decision_code(self, w: _Walk) -> str:
        """The decision now: the walk's, never lower than a decision or raise already recorded."""
        best = w.decision_code
        recorded = ([self._s.decision_event] if self._s.decision_event else []) + self._s.raised_events
        for e in recorded:
            if e.code and decision_rank(e.code) > decision_rank(best):
                best = e.code
        return best

    def _decision_result(self, w: _Walk) -> Optional[OutcomeResult]:
        """The decision as an outcome (texts for the current caller type, partners added after it)."""
        code = self._decision_code(w)
        if not code:
            return None
        ct = self._s.caller_type
        thrive = self._thrive()
        node = self.library.node(w.decision_key) if w.decision_key else None
        if node is not None and node.code == code:
            base = outcome_from_node(node, flow_id=w.decision_key[0], lookup=self._lookup, thrive=thrive,
                                     caller_type=ct)
        elif self._s.ir_event is not None and self._s.ir_decided and code == "POLICE_EMERGENCY":
            ir = self._s.ir_event
            rationale = immediate_risk_rationale(ir.reason)
            if w.first_code and w.first_code != code:
                rationale += f" The decision was first {w.first_code}; raised by the interrupt."
            base = builtin_outcome(code, source="immediate_risk", reason=ir.reason, rationale=rationale,
                                   thrive=thrive, caller_type=ct,
                                   original=(outcome_from_node(node, flow_id=w.decision_key[0], lookup=self._lookup,
                                                               thrive=thrive, caller_type=ct) if node else None))
            if node is None:  # offered like any emergency outcome: the pathway's own emergency partners too
                base = replace_result(base, partners=base.partners + tuple(
                    p for p in self._pathway_emergency_partners(ir.flow or self.entry_flow)
                    if not any((p.code and p.code == q.code) or p.name == q.name for q in base.partners)))
        else:
            first = (outcome_from_node(node, flow_id=w.decision_key[0], lookup=self._lookup, thrive=thrive,
                                       caller_type=ct) if node else None)
            how = ""
            if w.raises:
                rk, _ = w.raises[-1]
                rn = self.library.node(rk)
                a = self._s.answers.get(rk)
                how = f" by '{rn.title}'" + (f" (answer: {a.label})" if a is not None and rn.kind != "text" else "")
            base = builtin_outcome(code, source="flow", reason="", original=None, thrive=thrive, caller_type=ct,
                                   rationale=(f"Decision raised after it was made, from {w.first_code} to {code}{how}. "
                                              + (f"First decision: {first.rationale}" if first else "")).strip(),
                                   partners=first.partners if first else ())
            base = replace_result(base, flow_id=first.flow_id if first else "", node_id=first.node_id if first else "")
        return with_additions(base, first_code=w.first_code or code, raised=code != (w.first_code or code),
                              added=tuple(partner(c) for c in w.partners_added), caller_type=ct)

    def _pathway_emergency_partners(self, flow_id: str) -> tuple[Partner, ...]:
        """The partners of the flow's first POLICE_EMERGENCY outcome (what its emergency outcome would offer)."""
        f = self.library.flows.get(flow_id)
        for n in (f.nodes.values() if f else ()):
            if n.kind == "outcome" and n.code == "POLICE_EMERGENCY":
                return n.partners
        return ()

    def _outcome_before_override(self) -> Optional[OutcomeResult]:
        if self._s.ended is not None:
            return self._s.ended
        w = self._walk_full()
        if w.post:
            return self._decision_result(w) if w.done else None
        if self._s.cursor is not None and self._s.cursor != w.frontier:
            return None
        key = w.frontier
        if key is None:
            return None
        node = self.library.node(key)
        if node.kind != "outcome":
            return None
        return self._decision_result(w)

    @property
    def outcome(self) -> Optional[OutcomeResult]:
        """The outcome reached (after any override), or None while questions (or post-decision steps) remain.
        Its texts are English (the record); `said` carries them in the call language when that is not English."""
        base = self._outcome_before_override()
        if base is None:
            return None
        ov = self._s.override
        if ov is not None and ov.original_code == base.code:
            return self._in_call_language(ov)
        return self._in_call_language(base)

    def _in_call_language(self, result: Optional[OutcomeResult]) -> Optional[OutcomeResult]:
        if result is None or self._s.language == "en":
            return result
        node = None
        if result.flow_id and result.node_id and result.flow_id in self.library:
            node = self.library.flows[result.flow_id].nodes.get(result.node_id)
        return in_language(result, self._s.language, node)

    @property
    def decision(self) -> Optional[OutcomeResult]:
        """The decision recorded so far (also while the post-decision steps are still being asked)."""
        return self._in_call_language(self._decision_so_far())

    def _decision_so_far(self) -> Optional[OutcomeResult]:
        out = self.outcome
        if out is not None:
            return out
        w = self._walk_full()
        return self._decision_result(w) if w.post else None

    @property
    def decision_info(self) -> Optional[Decision]:
        """The decision's codes and times (first decision = time to decision; a raise has its own time)."""
        w = self._walk_full()
        code = self._decision_code(w) if (w.post or self.outcome is not None) else ""
        out = self.outcome
        if out is not None and out.source in ("early_exit", "override"):
            code = out.code
        if not code:
            return None
        de = self._s.decision_event
        first = de.code if de is not None else (w.first_code or code)
        raised = [e for e in self._s.raised_events]
        return Decision(code=code, first_code=first, offset=self.decision_offset,
                        raised=decision_rank(code) > decision_rank(first) or (code != first and bool(raised)),
                        raised_offset=raised[-1].offset if raised else None,
                        source=(de.value or {}).get("source", "flow") if de is not None and isinstance(de.value, dict)
                        else ("immediate_risk" if out is not None and out.source == "immediate_risk" else "flow"))

    @property
    def has_post_decision(self) -> bool:
        """True once a decision with post-decision steps is recorded (the questions before it are then locked)."""
        return self._s.ended is None and self._walk_full().post

    @property
    def in_post_decision(self) -> bool:
        """True while the "while they are on the way" steps are being asked (decision recorded, not finished)."""
        if self._s.ended is not None:
            return False
        w = self._walk_full()
        return w.post and not w.done

    @property
    def caller_type(self) -> Optional[str]:
        return self._s.caller_type

    @property
    def caller_group(self) -> Optional[str]:
        return caller_group(self._s.caller_type)

    @property
    def caller_with_person(self) -> Optional[str]:
        return self._walk_full().caller_with_person

    def text(self, node: Node, name: str = "say", lang: str = "en") -> str:
        """A node's text as read to this call's caller (specific type -> group -> default), in a language."""
        return node.text(name, self._s.caller_type, lang)

    def option_label(self, option: Option, lang: str = "en") -> str:
        return option.label_for(self._s.caller_type, lang)

    @property
    def language(self) -> str:
        """The call language now: the words on screen and the outcome script are in it (English by default)."""
        return self._s.language

    @property
    def languages(self) -> tuple[str, ...]:
        """The call languages the flows in use offer: English, and Welsh when any flow has Welsh texts."""
        return offered_languages(self.library)

    @property
    def language_changes(self) -> list[tuple[str, str, float]]:
        """(language, wall time, offset) of each change of the call language, in order."""
        return [(str(e.value), e.wall, e.offset) for e in self._s.language_events]

    @property
    def welsh_from(self) -> Optional[tuple[str, bool]]:
        """When any question was asked in Welsh: (wall time of the first question asked in Welsh, whether every
        question was asked in Welsh). None for a call conducted in English."""
        asked = [a for a in self._s.log]
        cy = [a for a in asked if a.lang == "cy"]
        if not cy:
            return None
        first = min(cy, key=lambda a: a.seq)
        ev = next((e for e in self.events if e.seq == first.seq), None)
        # the switch that made it Welsh: the last language event before that answer (the moment Welsh began)
        switch = next((e for e in reversed(self._s.language_events) if e.seq < first.seq and e.value == "cy"), None)
        when = (switch or ev).wall if (switch or ev) is not None else ""
        return when, all(a.lang == "cy" for a in asked)

    @property
    def partners_added(self) -> list[str]:
        """Partner codes added after the decision, in order."""
        return list(self._walk_full().partners_added)

    @property
    def not_asked(self) -> list[dict[str, str]]:
        """Steps recorded as not asked (skipped because the caller is with the person, or finished before)."""
        return [{"flow": k[0], "node": k[1], "title": self.library.node(k).title, "reason": why}
                for k, why in self._walk_full().not_asked]

    @property
    def is_finished(self) -> bool:
        return self.outcome is not None

    @property
    def status(self) -> str:
        if self._s.ended is not None:
            return self._s.ended.source
        if self.is_finished:
            out = self.outcome
            return "immediate_risk" if out is not None and out.source == "immediate_risk" else "outcome"
        return "in_progress"

    @property
    def decision_offset(self) -> Optional[float]:
        """Time to decision: the first `decision` event (v2), else when the outcome was reached."""
        if self._s.decision_event is not None:
            return self._s.decision_event.offset
        return self._s.decision_offset if self.is_finished else None

    @property
    def notes(self) -> list[str]:
        return [e.text for e in self._s.notes]

    @property
    def actor(self) -> tuple[str, str]:
        return self._s.actor, self._s.role

    @property
    def handovers(self) -> int:
        return self._s.handovers

    def unasked(self) -> list[StepKey]:
        """Questions reachable from the current point that are not answered on the current path."""
        start = self.current or self.frontier
        if start is None:
            return []
        answered = {(p.flow, p.node.id) for p in self.path if p.answer is not None} - {start}
        post = self._walk_full().post
        out: list[StepKey] = []
        stack, seen = [start], set()
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            if key == FINISH_KEY:
                continue
            node = self.library.node(key)
            if node.is_question and key not in answered:
                out.append(key)
            # before a decision, what is "not asked" is the threshold and pathway questions, not the steps that
            # would only follow a decision
            stack.extend(self.library.resolve(key[0], t) for t in node.targets()
                         if t is not node.continue_to or post)
        order = {k: i for i, k in enumerate(self._all_keys())}
        return sorted(out, key=lambda k: order.get(k, 0))

    def unasked_titles(self) -> list[str]:
        return [self.library.node(k).title + (" (risk question)" if self.library.node(k).risk else "")
                for k in self.unasked()]

    def unasked_on_path(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        """The questions not asked on this call's own path, grouped by flow: [(flow title, [(title, risk)])].

        The current flow's questions still reachable from here (not the other pathways a question could lead
        to), then the pathway the call was heading to when that is already decided (a single flow the current
        one leads on to, or the flow of the latest question after going back). Post-decision steps never count."""
        start = self.current or self.frontier
        if start is None or self.library.node(start).kind == "outcome":
            return []
        answered = {(p.flow, p.node.id) for p in self.path if p.answer is not None} - {start}
        order = {k: i for i, k in enumerate(self._all_keys())}

        def within(first: StepKey) -> tuple[list[StepKey], set[str]]:
            found: list[StepKey] = []
            leads: set[str] = set()
            stack, seen = [first], set()
            while stack:
                key = stack.pop()
                if key in seen or key == FINISH_KEY:
                    continue
                seen.add(key)
                if key[0] != first[0]:
                    leads.add(key[0])
                    continue
                node = self.library.node(key)
                if node.is_question and key not in answered:
                    found.append(key)
                stack.extend(self.library.resolve(key[0], t) for t in node.targets() if t is not node.continue_to)
            return sorted(found, key=lambda k: order.get(k, 0)), leads

        groups: list[tuple[str, list[tuple[str, bool]]]] = []

        def add(keys: list[StepKey]) -> None:
            if keys:
                fl = self.library[keys[0][0]]
                groups.append((fl.title or fl.id, [(self.library.node(k).title, bool(self.library.node(k).risk))
                                                   for k in keys]))

        keys, leads = within(start)
        add(keys)
        front = self.frontier
        heading: Optional[StepKey] = None
        if front is not None and front[0] != start[0] and self.library.node(front).kind != "outcome":
            heading = front  # gone back to an earlier flow: the pathway the call had reached
        elif len(leads) == 1:
            fid = next(iter(leads))
            heading = (fid, self.library[fid].start)
        if heading is not None:
            add(within(heading)[0])
        return groups

    def _all_keys(self) -> list[StepKey]:
        return [(f.id, n) for f in self.library for n in f.nodes]

    # ----- actions ------------------------------------------------------------------------------
    def _require_open(self) -> None:
        if self._s.ended is not None:
            raise EngineError(f"the call has ended ({self._s.ended.source}); use an override to change the outcome")

    def validate_answer(self, node: Node, value: Any) -> Any:
        """Check an answer fits the node; returns it normalised (core.answers). Raises EngineError."""
        return validate_answer(node, value)

    def answer(self, value: Any, *, volunteered: bool = False) -> Event:
        """Answer the current question (or acknowledge an info step)."""
        self._require_open()
        key = self.current
        if key is None:
            raise EngineError("there is no question to answer: the call has reached its outcome")
        node = self.library.node(key)
        if node.kind == "outcome":
            raise EngineError("there is no question to answer: the call has reached its outcome")
        if self._s.finished:
            raise EngineError("the post-decision steps are finished")
        value = self.validate_answer(node, value)
        kind = "changed" if key in self._s.answers else "answered"
        return self._emit(kind, flow=key[0], node=key[1], value=value, volunteered=volunteered)

    def shown(self) -> Optional[Event]:
        """Record that the current question was put on screen (for the step timings and audit)."""
        key = self.current
        if key is None:
            return None
        lang = self._s.language
        return self._emit("shown", flow=key[0], node=key[1], value={"lang": lang} if lang != "en" else None)

    def step_timings(self) -> list[dict[str, Any]]:
        """Per answered step on the path: when it was shown and answered (monotonic seconds from start)."""
        shown: dict[StepKey, float] = {}
        for e in self.events:
            if e.kind == "shown":
                shown[(e.flow, e.node)] = e.offset
        out, prev = [], 0.0
        for p in self.path:
            if p.answer is None:
                continue
            start = shown.get((p.flow, p.node.id), prev)
            out.append({"flow": p.flow, "node": p.node.id, "shown_s": start, "answered_s": p.answer.offset,
                        "took_s": round(max(0.0, p.answer.offset - start), 6)})
            prev = p.answer.offset
        return out

    def set_volunteered(self, flag: bool = True) -> Event:
        key = self.current
        if key is None or key not in self._s.answers:
            raise EngineError("answer the question before marking it volunteered")
        return self._emit("volunteered", flow=key[0], node=key[1], value=bool(flag))

    def back(self) -> Event:
        """Go to the previous question on the path (its answer stays until changed)."""
        self._require_open()
        w = self._walk_full()
        post = w.post
        if post and w.done:
            raise EngineError("the call is finished: use Override with a reason to change the decision")
        path = [p for p in self.path if (p.node.is_question or p.node.kind == "info") and not p.skipped
                and (p.after_decision or not post)]
        cur = self.current
        keys = [(p.flow, p.node.id) for p in path]
        if cur in keys:
            i = keys.index(cur)
        else:
            i = len(keys)
        if i == 0:
            if post:
                raise EngineError("the decision is recorded: the questions before it cannot be changed now "
                                  "(use Override with a reason to change the decision)")
            raise EngineError("this is the first question")
        prev = keys[i - 1]
        return self._emit("back", flow=prev[0], node=prev[1])

    def jump_to(self, flow: str, node: str) -> Event:
        """Go to an answered question on the path to change its answer."""
        self._require_open()
        post = self._walk_full().post
        if (flow, node) not in {(p.flow, p.node.id) for p in self.path if p.answer is not None}:
            raise EngineError(f"'{node}' is not an answered question on this call's path")
        if post and not self.library.node((flow, node)).after_decision:
            raise EngineError("the decision is recorded: the questions before it cannot be changed now "
                              "(use Override with a reason to change the decision)")
        return self._emit("jump", flow=flow, node=node)

    def forward(self) -> Optional[Event]:
        """Leave a back/jump position without changing anything: return to the frontier."""
        if self._s.cursor is None:
            return None
        return self._emit("forward")

    def immediate_risk(self, reason: str) -> Event:
        """The red button: end now at the police emergency outcome, with a recorded reason."""
        if not reason or not reason.strip():
            raise EngineError("say why there is an immediate risk (a reason is required)")
        if self._s.ended is not None and self._s.ended.source == "immediate_risk":
            raise EngineError("immediate risk is already recorded")
        if self._s.ir_event is not None:
            raise EngineError("immediate risk is already recorded")
        if self.outcome is not None and self._walk_full().post:
            raise EngineError("the call is finished; use an override to change the outcome")
        return self._emit("immediate_risk", reason=reason.strip(),
                          flow=(self.current or ("", ""))[0], node=(self.current or ("", ""))[1])

    def early_exit(self, reason: str, code: str, *, caller_unreachable: bool = False) -> Event:
        """End before the flow's outcome with a mandatory reason and a chosen outcome code; `caller_unreachable`:
        the caller rang off (no script to read; the record says the caller could not be told)."""
        self._require_open()
        if self._walk_full().post:
            raise EngineError("the decision is recorded: use Finish to end the call (steps not asked are recorded)")
        if not reason or not reason.strip():
            raise EngineError("early exit needs a reason")
        if code not in OUTCOME_CODES:
            raise EngineError(f"unknown outcome code '{code}'")
        if code in NON_DECISION_CODES:
            raise EngineError(f"{code} is set only by the force pack's phased rollout, not chosen by the handler")
        cur = self.current or ("", "")
        return self._emit("early_exit", reason=reason.strip(), code=code, flow=cur[0], node=cur[1],
                          value={"caller_unreachable": True} if caller_unreachable else None)

    def not_under_rcrp(self, pathway: str, phase: int, title: str = "") -> Event:
        """Phased rollout: the call reached a pathway the force has not switched on; end at FORCE_PROCEDURE."""
        self._require_open()
        cur = self.current or ("", "")
        return self._emit("not_under_rcrp", code="FORCE_PROCEDURE", flow=cur[0], node=cur[1],
                          value={"pathway": pathway, "phase": int(phase), "title": title},
                          reason=f"pathway {pathway} not yet under RCRP (phase {int(phase)})")

    def override(self, code: str, reason: str) -> Event:
        """Replace the outcome reached with another code; the reason is mandatory, the original kept."""
        if not reason or not reason.strip():
            raise EngineError("an override needs a reason")
        if code not in OUTCOME_CODES:
            raise EngineError(f"unknown outcome code '{code}'")
        if code in NON_DECISION_CODES:
            raise EngineError(f"{code} is set only by the force pack's phased rollout, not chosen by the handler")
        base = self._outcome_before_override()
        if base is None:
            raise EngineError("there is no outcome to override yet")
        if code == base.code:
            raise EngineError(f"the outcome is already {code}")
        return self._emit("override", code=code, reason=reason.strip())

    def finish(self) -> Event:
        """End the post-decision steps now: the steps not asked are recorded as not asked (never as "no")."""
        self._require_open()
        w = self._walk_full()
        if not w.post:
            raise EngineError("there is no decision yet: Finish is available once the decision is recorded")
        if w.done:
            raise EngineError("the post-decision steps are already finished")
        cur = w.frontier or ("", "")
        return self._emit("finish", flow=cur[0], node=cur[1])

    def set_language(self, lang: str) -> Event:
        """Switch the call language at any moment (the place in the call is kept): the question on screen and the
        outcome are read in it from now on; each later answer records it (event `language`, the question on screen)."""
        if lang not in LANGUAGES:
            raise EngineError(f"unknown call language '{lang}' (use {', '.join(LANGUAGES)})")
        if lang == self._s.language:
            raise EngineError(f"the call language is already {LANGUAGE_NAMES[lang]}")
        if lang not in self.languages:
            raise EngineError(f"the flows in use have no {LANGUAGE_NAMES[lang]} texts")
        cur = self.current or ("", "")
        return self._emit("language", value=lang, flow=cur[0], node=cur[1])

    def set_caller_type(self, code: Optional[str]) -> Event:
        """Record (or change) who is calling; every text is re-rendered for the new caller type."""
        if code is not None and code not in CALLER_TYPES:
            raise EngineError(f"unknown caller type '{code}' (use {', '.join(CALLER_TYPES)})")
        if code == self._s.caller_type:
            raise EngineError(f"the caller type is already {code}")
        cur = self.current or ("", "")
        return self._emit("caller_type", value=code, flow=cur[0], node=cur[1])

    def note(self, text: str) -> Event:
        """A free-text note (personal data: kept locally, never synced)."""
        return self._emit("note", text=str(text))

    def handover(self, actor: str, role: str) -> Event:
        """Pass the call to another person (e.g. the mental-health practitioner); later steps are theirs."""
        if not actor:
            raise EngineError("handover needs the id of the person taking over")
        # the handover event carries the new actor, so every later step (and a replay) is theirs
        return self._emit("handover", value={"from": self._s.actor, "from_role": self._s.role},
                          reason=f"handover to {role}", actor=actor, role=role)

    # ----- summary ------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Everything the store and GUI need, as plain data."""
        out = self.outcome
        return {
            "entry_flow": self.entry_flow,
            "flows": self.flows_used,
            "pathway": self.pathway,
            "status": self.status,
            "current": list(self.current) if self.current else None,
            "flags": sorted(self.flags),
            "thrive": self.thrive,
            "thrive_levels": self.thrive_levels,
            "path": [{"flow": p.flow, "node": p.node.id, "title": p.node.title,
                      "answer": p.answer.label if p.answer else ("Not asked" if p.skipped else None),
                      "skipped": p.skipped, "after_decision": p.after_decision,
                      "value": p.answer.value if p.answer else None,
                      "volunteered": p.answer.volunteered if p.answer else False,
                      "lang": p.answer.lang if p.answer else None,
                      "flags": list(p.flags)} for p in self.path],
            "superseded": [{"flow": a.flow, "node": a.node, "answer": a.label, "seq": a.seq}
                           for a in self._s.log if a.superseded],
            "outcome": out.to_dict() if out else None,
            "police_attend": bool(out and out.code in POLICE_CODES),
            "started_at": self.started_at,
            "decision_offset_s": self.decision_offset,
            "timings": self.step_timings(),
            "immediate_risk": any(e.kind == "immediate_risk" for e in self.events),
            "early_exit": self._s.ended is not None and self._s.ended.source == "early_exit",
            "overridden": self._s.override is not None and out is self._s.override,
            "handover": self._s.handovers > 0,
            "caller_type": self._s.caller_type,
            "caller_group": caller_group(self._s.caller_type),
            "language": self._s.language,
            "caller_with_person": self.caller_with_person,
            "decision": self._decision_dict(),
            "in_post_decision": self.in_post_decision,
            "partners_added": self.partners_added,
            "not_asked": self.not_asked,
        }

    def _decision_dict(self) -> Optional[dict[str, Any]]:
        d = self.decision_info
        if d is None:
            return None
        return {"code": d.code, "first_code": d.first_code, "offset_s": d.offset, "raised": d.raised,
                "raised_offset_s": d.raised_offset, "source": d.source}
