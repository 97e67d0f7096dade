"""The flow engine: a call's run through one or more flows, derived from its ordered events.

`FlowRun` is the actions (each one an event, applied by core.apply) on top of `RunQueries`, the read side
(core.runqueries). The rules live beside: the walk (core.walk), navigation (core.navigation), the outcome decision
(core.decision), THRIVE and red flags (core.thrive), the per-kind answer rules (core.answers) and the plain-data
snapshot (core.snapshot). The run's data types (core.runstate) are re-exported here, so `core.engine` keeps its names.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from .answers import validate_answer
from .apply import apply_event, decision_events
from .decision import outcome_before_override
from .errors import EngineError
from .model import LANGUAGE_NAMES, LANGUAGES, Node
from .navigation import back_target, check_jump
from .runqueries import RunQueries
from .runstate import (FINISH_KEY, NOT_ASKED_FINISHED, NOT_ASKED_WITH_PERSON, Answer, Clock, Decision, Event,
                       FlowLibrary, PathStep, RunState, StepKey, offered_languages)
from .vocab import CALLER_TYPES, NON_DECISION_CODES, OUTCOME_CODES

__all__ = ["FINISH_KEY", "NOT_ASKED_FINISHED", "NOT_ASKED_WITH_PERSON", "Answer", "Clock", "Decision", "EngineError",
           "Event", "FlowLibrary", "FlowRun", "PathStep", "StepKey", "offered_languages"]


class FlowRun(RunQueries):
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
        self.state = RunState(actor=actor, role=role)
        self.listeners: list[Callable[[Event], None]] = []

    # ----- events ---------------------------------------------------------------------------
    def _offset(self) -> float:
        return round(self.clock.monotonic() - self._t0, 6)

    def _emit(self, kind: str, **kw: Any) -> Event:
        """Record one action as an event, then the decision events it brings (core.apply.decision_events)."""
        actor, role = kw.pop("actor", self.state.actor), kw.pop("role", self.state.role)
        ev = Event(seq=len(self.events) + 1, kind=kind, wall=self.clock.wall().isoformat(timespec="milliseconds"),
                   offset=self._offset(), actor=actor, role=role, **kw)
        self._apply(ev)
        for cb in self.listeners:
            cb(ev)
        for derived in decision_events(self, ev):
            self._apply(derived)
            for cb in self.listeners:
                cb(derived)
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
        """Apply one event to the state (core.apply). Used live and on replay: must be deterministic."""
        apply_event(self, ev)  # (it drops any walk made before the state settled)

    # ----- actions ------------------------------------------------------------------------------
    def _require_open(self) -> None:
        if self.state.ended is not None:
            raise EngineError(f"the call has ended ({self.state.ended.source}); use an override to change the outcome")

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
        if self.state.finished:
            raise EngineError("the post-decision steps are finished")
        value = self.validate_answer(node, value)
        kind = "changed" if key in self.state.answers else "answered"
        return self._emit(kind, flow=key[0], node=key[1], value=value, volunteered=volunteered)

    def shown(self) -> Optional[Event]:
        """Record that the current question was put on screen (for the step timings and audit)."""
        key = self.current
        if key is None:
            return None
        lang = self.state.language
        return self._emit("shown", flow=key[0], node=key[1], value={"lang": lang} if lang != "en" else None)

    def set_volunteered(self, flag: bool = True) -> Event:
        key = self.current
        if key is None or key not in self.state.answers:
            raise EngineError("answer the question before marking it volunteered")
        return self._emit("volunteered", flow=key[0], node=key[1], value=bool(flag))

    def back(self) -> Event:
        """Go to the previous question on the path (its answer stays until changed)."""
        self._require_open()
        prev = back_target(self)
        return self._emit("back", flow=prev[0], node=prev[1])

    def jump_to(self, flow: str, node: str) -> Event:
        """Go to an answered question on the path to change its answer."""
        self._require_open()
        check_jump(self, flow, node)
        return self._emit("jump", flow=flow, node=node)

    def forward(self) -> Optional[Event]:
        """Leave a back/jump position without changing anything: return to the frontier."""
        if self.state.cursor is None:
            return None
        return self._emit("forward")

    def immediate_risk(self, reason: str) -> Event:
        """The red button: end now at the police emergency outcome, with a recorded reason."""
        if not reason or not reason.strip():
            raise EngineError("say why there is an immediate risk (a reason is required)")
        if self.state.ended is not None and self.state.ended.source == "immediate_risk":
            raise EngineError("immediate risk is already recorded")
        if self.state.ir_event is not None:
            raise EngineError("immediate risk is already recorded")
        if self.outcome is not None and self.walk().post:
            raise EngineError("the call is finished; use an override to change the outcome")
        return self._emit("immediate_risk", reason=reason.strip(),
                          flow=(self.current or ("", ""))[0], node=(self.current or ("", ""))[1])

    def early_exit(self, reason: str, code: str, *, caller_unreachable: bool = False) -> Event:
        """End before the flow's outcome with a mandatory reason and a chosen outcome code; `caller_unreachable`:
        the caller rang off (no script to read; the record says the caller could not be told)."""
        self._require_open()
        if self.walk().post:
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
        base = outcome_before_override(self)
        if base is None:
            raise EngineError("there is no outcome to override yet")
        if code == base.code:
            raise EngineError(f"the outcome is already {code}")
        return self._emit("override", code=code, reason=reason.strip())

    def finish(self) -> Event:
        """End the post-decision steps now: the steps not asked are recorded as not asked (never as "no")."""
        self._require_open()
        w = self.walk()
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
        if lang == self.state.language:
            raise EngineError(f"the call language is already {LANGUAGE_NAMES[lang]}")
        if lang not in self.languages:
            raise EngineError(f"the flows in use have no {LANGUAGE_NAMES[lang]} texts")
        cur = self.current or ("", "")
        return self._emit("language", value=lang, flow=cur[0], node=cur[1])

    def set_caller_type(self, code: Optional[str]) -> Event:
        """Record (or change) who is calling; every text is re-rendered for the new caller type."""
        if code is not None and code not in CALLER_TYPES:
            raise EngineError(f"unknown caller type '{code}' (use {', '.join(CALLER_TYPES)})")
        if code == self.state.caller_type:
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
        return self._emit("handover", value={"from": self.state.actor, "from_role": self.state.role},
                          reason=f"handover to {role}", actor=actor, role=role)
