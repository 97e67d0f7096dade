"""The plain data of a run: the flows it uses, its events, answers, path steps, decision and the state events build."""
from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Optional

from .model import LANGUAGES, Flow, Node, Target

if TYPE_CHECKING:
    from .outcomes import OutcomeResult

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


def offered_languages(library: "FlowLibrary") -> tuple[str, ...]:
    """English, plus every language a flow of the library declares or has texts in (in LANGUAGES order)."""
    if library._languages is not None:
        return library._languages
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
class Walk:
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
class RunState:
    """What the events of a run have built so far (changed only by `apply.apply_event`)."""

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
