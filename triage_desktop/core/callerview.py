"""CallerView: issue 8's part of what the screens show, as plain data built from a run in one place.

Who is calling, the decision and its time (and any raise), whether the post-decision steps are open, partners
added after the decision and the steps not asked. The GUI widgets (side panel, decision banner, outcome page)
read this and never the engine; the services' CallView (arch branch) carries it as one field."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from .vocab import CALLER_TYPES, OUTCOME_CODES, PARTNER_CODES

if TYPE_CHECKING:
    from .engine import FlowRun


@dataclass(frozen=True)
class DecisionView:
    """The decision as recorded: first code and time (time to decision), the code now, a raise and its time."""

    code: str
    first_code: str
    offset: Optional[float]
    raised: bool = False
    raised_offset: Optional[float] = None
    source: str = "flow"  # flow | immediate_risk
    headline: str = ""  # the sentence to say, for the current caller type, in the call language
    script: str = ""  # the full dispatch / closing script, for the current caller type, in the call language
    police: bool = False
    headline_en: str = ""  # the English of both (the same in an English call)
    script_en: str = ""


@dataclass(frozen=True)
class NotAskedView:
    flow: str
    node: str
    title: str
    reason: str


@dataclass(frozen=True)
class CallerView:
    caller_type: Optional[str] = None
    caller_label: str = "Not recorded yet"
    caller_group: Optional[str] = None
    caller_with_person: Optional[str] = None  # yes | no | unknown | None (not asked)
    decision: Optional[DecisionView] = None
    in_post_decision: bool = False  # the "while they are on the way" steps are being asked
    has_post_decision: bool = False  # a decision with steps was recorded (earlier questions locked)
    first_post_step: bool = False  # the question on screen is the first step after the decision
    partners_added: tuple[str, ...] = ()  # partner codes added after the decision
    not_asked: tuple[NotAskedView, ...] = ()

    @property
    def partners_added_names(self) -> tuple[str, ...]:
        return tuple(PARTNER_CODES.get(c, c) for c in self.partners_added)


def caller_view(run: "FlowRun") -> CallerView:
    """Build the view from a run (one walk of its derived state)."""
    ct = run.caller_type
    info = run.decision_info
    dec = run.decision
    decision = None
    if info is not None:
        decision = DecisionView(code=info.code, first_code=info.first_code, offset=info.offset, raised=info.raised,
                                raised_offset=info.raised_offset, source=info.source,
                                headline=dec.said_in_call_language("headline") if dec else "",
                                script=dec.said_in_call_language("script") if dec else "",
                                headline_en=dec.headline if dec else "", script_en=dec.script if dec else "",
                                police=bool(OUTCOME_CODES.get(info.code) and OUTCOME_CODES[info.code].police))
    first = None
    if run.in_post_decision:
        first = next((p for p in run.path if p.after_decision and p.node.kind not in ("outcome", "route")
                      and not p.skipped), None)
    return CallerView(
        caller_type=ct, caller_label=CALLER_TYPES[ct].label if ct in CALLER_TYPES else "Not recorded yet",
        caller_group=run.caller_group, caller_with_person=run.caller_with_person, decision=decision,
        in_post_decision=run.in_post_decision, has_post_decision=run.has_post_decision,
        first_post_step=first is not None and (first.flow, first.node.id) == run.current,
        partners_added=tuple(run.partners_added),
        not_asked=tuple(NotAskedView(n["flow"], n["node"], n["title"], n["reason"]) for n in run.not_asked))
