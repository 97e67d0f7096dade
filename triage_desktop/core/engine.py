"""The flow engine: a call's run through one or more flows, derived from its ordered events."""
from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from .model import Flow, Node, Option, Target
from .outcomes import OutcomeResult, builtin_outcome, outcome_from_node
from .vocab import OUTCOME_CODES, POLICE_CODES, THRIVE_FIELDS, THRIVE_LEVELS

StepKey = tuple[str, str]  # (flow id, node id)


class EngineError(ValueError):
    """An action the run cannot take (bad answer, missing reason, run already ended)."""


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


@dataclass(frozen=True)
class PathStep:
    """A node on the current path, with the answer that moved the run on (None for the current node)."""

    flow: str
    node: Node
    answer: Optional[Answer]
    flags: tuple[str, ...] = ()


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


def _yesno_value(value: Any) -> Any:
    return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


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
        return ev

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
                       ev.offset, ev.seq)
            s.answers[key] = a
            s.log.append(a)
            s.cursor = None
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
            s.ended = builtin_outcome(
                "POLICE_EMERGENCY", source="immediate_risk", reason=ev.reason,
                rationale=("RCRP threshold met: the handler recorded a real and immediate risk to life or of serious "
                           f"harm during the call. Reason: {ev.reason}"), thrive=self._thrive())
        elif k == "early_exit":
            unasked = ", ".join(self.unasked_titles()) or "none"
            voc = OUTCOME_CODES[ev.code]
            threshold = "met" if voc.police else "not assessed in full"
            s.ended = builtin_outcome(
                ev.code, source="early_exit", reason=ev.reason,
                rationale=(f"Call ended early by the handler (threshold {threshold}). Reason: {ev.reason}. "
                           f"Questions not asked: {unasked}."), thrive=self._thrive())
        elif k == "not_under_rcrp":  # phased rollout: the pathway is not switched on in this force's pack
            info = ev.value if isinstance(ev.value, dict) else {}
            s.ended = builtin_outcome(
                "FORCE_PROCEDURE", source="rollout", reason=ev.reason,
                rationale=(f"The call reached the {info.get('title') or info.get('pathway') or 'this'} pathway, which "
                           f"is not yet under RCRP in this force (rollout phase {info.get('phase', '?')}): no RCRP "
                           "decision was made; the force's existing procedure applies."), thrive=self._thrive())
        elif k == "override":
            base = self._outcome_before_override()
            s.override = builtin_outcome(
                ev.code, source="override", reason=ev.reason, original=base,
                rationale=(f"Outcome overridden by the handler from {base.code if base else 'none'} to {ev.code}. "
                           f"Reason: {ev.reason}. Original rationale: {base.rationale if base else ''}"),
                thrive=self._thrive())
        elif k == "handover":
            s.handovers += 1
        elif k == "note":
            s.notes.append(ev)
        if k in ("answered", "changed", "immediate_risk", "early_exit", "override",
                 "not_under_rcrp") and self.outcome is not None:
            s.decision_offset = ev.offset
        self._mark_superseded()

    # ----- derived state ----------------------------------------------------------------------
    def _label(self, node: Node, value: Any) -> str:
        if node.kind in ("yesno", "choice"):
            o = node.option(_yesno_value(value))
            return o.label if o else str(value)
        if node.kind == "multi":
            labels = [o.label for o in node.options if o.value in (value or [])]
            return ", ".join(labels) if labels else "None of these"
        if node.kind == "number":
            if value == "unknown":
                return "Unknown"
            return f"{value:g} {node.unit}".strip() if isinstance(value, (int, float)) else str(value)
        if node.kind == "info":
            return "Done"
        return str(value)

    def _chosen(self, node: Node, value: Any) -> tuple[list[Option], Optional[Target]]:
        """The options an answer selects and where it leads."""
        if node.kind in ("yesno", "choice"):
            o = node.option(_yesno_value(value))
            return ([o], o.target) if o else ([], None)
        if node.kind == "multi":
            return [o for o in node.options if o.value in (value or [])], node.target
        if node.kind == "number":
            if value == "unknown":
                return ([node.unknown], node.unknown.target) if node.unknown else ([], None)
            for o in node.options:
                if o.matches_number(float(value)):
                    return [o], o.target
            return [], None
        return [], node.target

    def _walk(self) -> tuple[list[PathStep], Optional[StepKey], set[str]]:
        """Walk from the entry start using current answers: (path, frontier node or None, flags)."""
        flags: set[str] = set(self.initial_flags)
        path: list[PathStep] = []
        key: StepKey = (self.entry_flow, self.library[self.entry_flow].start)
        seen: set[StepKey] = set()
        while key not in seen:
            seen.add(key)
            node = self.library.node(key)
            if node.kind == "outcome":
                path.append(PathStep(key[0], node, None))
                return path, key, flags
            if node.kind == "route":
                nxt = next((r.target for r in node.routes if r.holds(flags)), None)
                if nxt is None:
                    raise EngineError(f"{key[0]}: route node {node.id} has no branch for flags {sorted(flags)}")
                path.append(PathStep(key[0], node, None))
                key = self.library.resolve(key[0], nxt)
                continue
            a = self._s.answers.get(key)
            if a is None:
                path.append(PathStep(key[0], node, None))
                return path, key, flags
            chosen, target = self._chosen(node, a.value)
            raised = tuple(f for o in chosen for f in o.flags)
            flags.update(raised)
            path.append(PathStep(key[0], node, a, raised))
            if target is None:
                return path, key, flags
            key = self.library.resolve(key[0], target)
        raise EngineError(f"cycle at {key}")

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
        return self._s.cursor or self.frontier

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
        if name == "flags":
            return ", ".join(sorted(self.flags)) or "none"
        for p in self.path:
            if p.node.id == name and p.answer is not None:
                if p.node.kind == "text":
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
        """THRIVE notes by field (later answers overwrite earlier ones)."""
        return self._thrive()

    @property
    def thrive_levels(self) -> dict[str, Optional[str]]:
        """THRIVE level per field, read from a note starting Low/Medium/High (else None)."""
        out: dict[str, Optional[str]] = {}
        notes = self._thrive()
        for f in THRIVE_FIELDS:
            note = notes.get(f, "").strip().lower()
            out[f] = next((lv for lv in THRIVE_LEVELS if note.startswith(lv)), None)
        return out

    def _outcome_before_override(self) -> Optional[OutcomeResult]:
        if self._s.ended is not None:
            return self._s.ended
        if self._s.cursor is not None and self._s.cursor != self.frontier:
            return None
        key = self.frontier
        if key is None:
            return None
        node = self.library.node(key)
        if node.kind != "outcome":
            return None
        return outcome_from_node(node, flow_id=key[0], lookup=self._lookup, thrive=self._thrive())

    @property
    def outcome(self) -> Optional[OutcomeResult]:
        """The outcome reached (after any override), or None while questions remain."""
        base = self._outcome_before_override()
        if base is None:
            return None
        ov = self._s.override
        if ov is not None and ov.original_code == base.code:
            return ov
        return base

    @property
    def is_finished(self) -> bool:
        return self.outcome is not None

    @property
    def status(self) -> str:
        if self._s.ended is not None:
            return self._s.ended.source
        return "outcome" if self.is_finished else "in_progress"

    @property
    def decision_offset(self) -> Optional[float]:
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
        out: list[StepKey] = []
        stack, seen = [start], set()
        while stack:
            key = stack.pop()
            if key in seen:
                continue
            seen.add(key)
            node = self.library.node(key)
            if node.is_question and key not in answered:
                out.append(key)
            stack.extend(self.library.resolve(key[0], t) for t in node.targets())
        order = {k: i for i, k in enumerate(self._all_keys())}
        return sorted(out, key=lambda k: order.get(k, 0))

    def unasked_titles(self) -> list[str]:
        return [self.library.node(k).title + (" (risk question)" if self.library.node(k).risk else "")
                for k in self.unasked()]

    def _all_keys(self) -> list[StepKey]:
        return [(f.id, n) for f in self.library for n in f.nodes]

    # ----- actions ------------------------------------------------------------------------------
    def _require_open(self) -> None:
        if self._s.ended is not None:
            raise EngineError(f"the call has ended ({self._s.ended.source}); use an override to change the outcome")

    def validate_answer(self, node: Node, value: Any) -> Any:
        """Check an answer fits the node; returns it normalised. Raises EngineError with a clear reason."""
        if node.kind == "yesno":
            value = _yesno_value(value)
            if node.option(value) is None:
                raise EngineError(f"'{value}' is not an answer to '{node.title}' (use "
                                  f"{', '.join(o.value for o in node.options)})")
        elif node.kind == "choice":
            if node.option(str(value)) is None:
                raise EngineError(f"'{value}' is not an option of '{node.title}'")
            value = str(value)
        elif node.kind == "multi":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (list, tuple)):
                raise EngineError(f"'{node.title}' takes a list of options")
            bad = [v for v in value if node.option(str(v)) is None]
            if bad:
                raise EngineError(f"{bad} are not options of '{node.title}'")
            if not value and not node.allow_none:
                raise EngineError(f"choose at least one option for '{node.title}'")
            value = [o.value for o in node.options if o.value in {str(v) for v in value}]
        elif node.kind == "number":
            if value == "unknown" and node.unknown is not None:
                return value
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise EngineError(f"'{node.title}' needs a number") from None
            if value != value or value in (float("inf"), float("-inf")):
                raise EngineError(f"'{node.title}' needs a finite number")
            if not any(o.matches_number(value) for o in node.options):
                raise EngineError(f"{value:g} is outside the ranges of '{node.title}'")
            value = int(value) if value.is_integer() else value
        elif node.kind == "text":
            value = "" if value is None else str(value)
        elif node.kind == "info":
            value = None
        else:
            raise EngineError(f"'{node.id}' is not a question")
        return value

    def answer(self, value: Any, *, volunteered: bool = False) -> Event:
        """Answer the current question (or acknowledge an info step)."""
        self._require_open()
        key = self.current
        if key is None:
            raise EngineError("there is no question to answer: the call has reached its outcome")
        node = self.library.node(key)
        if node.kind == "outcome":
            raise EngineError("there is no question to answer: the call has reached its outcome")
        value = self.validate_answer(node, value)
        kind = "changed" if key in self._s.answers else "answered"
        return self._emit(kind, flow=key[0], node=key[1], value=value, volunteered=volunteered)

    def shown(self) -> Optional[Event]:
        """Record that the current question was put on screen (for the step timings and audit)."""
        key = self.current
        if key is None:
            return None
        return self._emit("shown", flow=key[0], node=key[1])

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
        path = [p for p in self.path if p.node.is_question or p.node.kind == "info"]
        cur = self.current
        keys = [(p.flow, p.node.id) for p in path]
        if cur in keys:
            i = keys.index(cur)
        else:
            i = len(keys)
        if i == 0:
            raise EngineError("this is the first question")
        prev = keys[i - 1]
        return self._emit("back", flow=prev[0], node=prev[1])

    def jump_to(self, flow: str, node: str) -> Event:
        """Go to an answered question on the path to change its answer."""
        self._require_open()
        if (flow, node) not in {(p.flow, p.node.id) for p in self.path if p.answer is not None}:
            raise EngineError(f"'{node}' is not an answered question on this call's path")
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
        return self._emit("immediate_risk", reason=reason.strip(),
                          flow=(self.current or ("", ""))[0], node=(self.current or ("", ""))[1])

    def early_exit(self, reason: str, code: str) -> Event:
        """End before the flow's outcome with a mandatory reason and a chosen outcome code."""
        self._require_open()
        if not reason or not reason.strip():
            raise EngineError("early exit needs a reason")
        if code not in OUTCOME_CODES:
            raise EngineError(f"unknown outcome code '{code}'")
        cur = self.current or ("", "")
        return self._emit("early_exit", reason=reason.strip(), code=code, flow=cur[0], node=cur[1])

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
        base = self._outcome_before_override()
        if base is None:
            raise EngineError("there is no outcome to override yet")
        if code == base.code:
            raise EngineError(f"the outcome is already {code}")
        return self._emit("override", code=code, reason=reason.strip())

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
                      "answer": p.answer.label if p.answer else None,
                      "value": p.answer.value if p.answer else None,
                      "volunteered": p.answer.volunteered if p.answer else False,
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
        }
