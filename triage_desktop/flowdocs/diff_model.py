"""What a flow diff is made of: the changes in words and the decisions replayed on both versions (data only)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from triage_desktop.core.runstate import FlowLibrary
from triage_desktop.core.model import Flow
from triage_desktop.core.vocab import is_police

#: Sections of the change note, in order (Change.section).
SECTIONS = {
    "flow": "The flow",
    "questions": "Questions added, removed or reworded",
    "answers": "Answers re-routed, added or removed",
    "outcomes": "Outcomes (code, words, partners)",
    "flags": "Flags and risk markings",
    "routes": "Routes (decided by flags)",
    "signoff": "Sign-off",
    "other": "Other settings",
}
KIND_WORDS = {"yesno": "yes/no question", "choice": "question (choose one)", "multi": "question (tick all that apply)",
              "number": "question (a number)", "text": "question (free text)", "info": "information step",
              "route": "route", "outcome": "outcome"}
TEXT_FIELDS = {"say": "words to say", "why": "guidance (why we ask)", "headline": "sentence read aloud",
               "script": "closing script", "caller_informed": "caller-informed statement", "rationale": "rationale"}
_KNOWN_NODE_KEYS = {"kind", "title", "say", "why", "risk", "answers", "options", "ranges", "unknown", "next",
                    "next_flow", "allow_none", "unit", "routes", "code", "headline", "rationale", "script",
                    "caller_informed", "partners", "thrive", "flags"}


class DiffError(Exception):
    """A side of the diff could not be loaded (file, line and problem in the message)."""


@dataclass(frozen=True)
class Change:
    flow: str
    node: str
    section: str
    text: str


@dataclass(frozen=True)
class Replay:
    code: Optional[str]
    note: str = ""

    @property
    def police(self) -> Optional[bool]:
        return is_police(self.code) if self.code else None

    def words(self) -> str:
        if not self.code:
            return f"no outcome ({self.note})" if self.note else "no outcome"
        extra = f"; {self.note}" if self.note else ""
        return f"{self.code} ({'police attend' if self.police else 'police will not attend'}{extra})"


@dataclass(frozen=True)
class DecisionChange:
    flow: str
    case: str
    source: str
    old: Replay
    new: Replay

    @property
    def police_changed(self) -> bool:
        """Both versions decide, and one sends police where the other does not."""
        return self.old.code is not None and self.new.code is not None and self.old.police != self.new.police

    @property
    def runs_on_one_side_only(self) -> bool:
        """The case reaches a decision on one version only (its answers no longer fit, or run out)."""
        return (self.old.code is None) != (self.new.code is None)


@dataclass
class Side:
    """One side of the comparison: the flows compared, the other flows they hand over to, where cases live."""

    label: str
    flows: dict[str, Flow]
    context: dict[str, Flow] = field(default_factory=dict)
    cases_dirs: list[Path] = field(default_factory=list)
    scenario_dirs: list[Path] = field(default_factory=list)  # mock-call scenarios (resources/scenarios)

    def library(self) -> FlowLibrary:
        return FlowLibrary(list({**self.context, **self.flows}.values()))


@dataclass
class FlowDiff:
    old: Side
    new: Side
    changes: list[Change]
    decisions: list[DecisionChange]
    cases_replayed: int
    highlight: dict[str, dict[str, str]]  # flow id -> node id -> CHANGED / NEW
    when: str = field(default_factory=lambda: _dt.date.today().isoformat())
    scenarios_replayed: int = 0

    @property
    def changed_flows(self) -> list[str]:
        return list(dict.fromkeys(c.flow for c in self.changes))
