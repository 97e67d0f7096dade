"""The flow model: immutable dataclasses built by the loader from a flow file."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

QUESTION_KINDS = ("yesno", "choice", "multi", "number", "text")
NODE_KINDS = QUESTION_KINDS + ("info", "route", "outcome")
YESNO_LABELS = {"yes": "Yes", "no": "No", "unknown": "Unknown"}


@dataclass(frozen=True)
class Target:
    """Where an answer leads: a node in the same flow, or the start of another flow."""

    node: Optional[str] = None
    flow: Optional[str] = None

    def describe(self) -> str:
        return f"flow {self.flow}" if self.flow else f"node {self.node}"


@dataclass(frozen=True)
class Option:
    """One answer to a question: yes/no/unknown, a choice option, a number range or 'unknown'."""

    value: str
    label: str
    target: Optional[Target]  # None for multi options (the node's own target applies)
    flags: tuple[str, ...] = ()
    thrive: tuple[tuple[str, str], ...] = ()
    min: Optional[float] = None  # number ranges only: inclusive
    max: Optional[float] = None  # number ranges only: exclusive

    def matches_number(self, x: float) -> bool:
        return (self.min is None or x >= self.min) and (self.max is None or x < self.max)


@dataclass(frozen=True)
class Route:
    """A route node's branch: taken when its flag condition holds (no condition = default)."""

    target: Target
    when_any: tuple[str, ...] = ()
    when_all: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.when_any and not self.when_all

    def holds(self, flags: frozenset[str] | set[str]) -> bool:
        if self.when_any and not any(f in flags for f in self.when_any):
            return False
        if self.when_all and not all(f in flags for f in self.when_all):
            return False
        return True


@dataclass(frozen=True)
class Partner:
    name: str
    contact: str = ""


@dataclass(frozen=True)
class Node:
    """One step of a flow."""

    id: str
    kind: str
    title: str
    say: str = ""
    why: str = ""
    risk: bool = False
    options: tuple[Option, ...] = ()  # yesno/choice/multi options; number ranges
    unknown: Optional[Option] = None  # number: the 'unknown' answer
    target: Optional[Target] = None  # multi/text/info: the single way on
    allow_none: bool = False
    unit: str = ""
    routes: tuple[Route, ...] = ()
    # outcome fields
    code: str = ""
    headline: str = ""
    rationale: str = ""
    script: str = ""
    caller_informed: str = ""
    partners: tuple[Partner, ...] = ()
    thrive: tuple[tuple[str, str], ...] = ()
    line: int = 0  # line in the source file, for error messages

    @property
    def is_question(self) -> bool:
        return self.kind in QUESTION_KINDS

    @property
    def is_outcome(self) -> bool:
        return self.kind == "outcome"

    def option(self, value: str) -> Optional[Option]:
        for o in self.options:
            if o.value == value:
                return o
        if self.unknown is not None and value == "unknown":
            return self.unknown
        return None

    def targets(self) -> list[Target]:
        """Every way on from this node."""
        out: list[Target] = []
        if self.target is not None:
            out.append(self.target)
        for o in self.options:
            if o.target is not None:
                out.append(o.target)
        if self.unknown is not None and self.unknown.target is not None:
            out.append(self.unknown.target)
        out.extend(r.target for r in self.routes)
        return out


@dataclass(frozen=True)
class Flow:
    """A whole flow file: metadata plus nodes, in file order."""

    id: str
    version: str
    title: str
    pathway: str
    start: str
    nodes: dict[str, Node]
    description: str = ""
    sources: tuple[str, ...] = ()
    path: str = ""
    content_hash: str = ""
    source_text: str = ""
    raw: Any = field(default=None, repr=False, compare=False)

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    @property
    def ref(self) -> dict[str, str]:
        return {"id": self.id, "version": self.version, "hash": self.content_hash}


@dataclass(frozen=True)
class TestCase:
    """A flow's own test case: answers in order and the outcome expected."""

    name: str
    answers: tuple[Any, ...]
    expect: str
    expect_flags: Optional[tuple[str, ...]] = None
    initial_flags: tuple[str, ...] = ()
