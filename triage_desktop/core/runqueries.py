"""The read side of a run: everything derived from its events (path, flags, outcome, decision, navigation, THRIVE).

`RunQueries` is the base of `engine.FlowRun`, which adds the actions (each an event). Nothing here changes the run;
the rules live in the modules named beside each property (walk, navigation, decision, thrive, snapshot).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional, TypeVar

from . import decision as _decision
from . import navigation as _nav
from . import snapshot as _snapshot
from .model import Flow, Node, Option
from .outcomes import OutcomeResult
from .runstate import Answer, Decision, Event, FlowLibrary, PathStep, RunState, StepKey, Walk, offered_languages
from .thrive import thrive_levels, thrive_notes
from .vocab import caller_group
from .walk import walk_path

T = TypeVar("T")


class RunQueries:
    """What a run's events add up to. FlowRun sets the attributes; every property is derived and side-effect free."""

    library: FlowLibrary
    entry_flow: str
    started_at: str
    events: list[Event]
    initial_flags: frozenset[str]
    state: RunState
    _walk_cache: Optional[tuple[int, Walk]] = None
    _reads: Optional[dict[str, Any]] = None

    # ----- reading many things at once -----------------------------------------------------------
    @contextmanager
    def read_only(self) -> Iterator[None]:
        """While the run is only read (a CallView being built from it): the outcome, the decision and the THRIVE
        notes are worked out once, however many parts of the view ask (the decision alone was asked three times,
        two fifths of a view's cost). Nothing may change the run inside; outside, every read is fresh as before."""
        outer = self._reads is None
        if outer:
            self._reads = {}
        try:
            yield
        finally:
            if outer:
                self._reads = None

    def _once(self, name: str, make: Callable[[], T]) -> T:
        reads = self._reads
        if reads is None:
            return make()
        if name not in reads:
            reads[name] = make()
        return reads[name]  # type: ignore[no-any-return]

    # ----- the path ---------------------------------------------------------------------------
    def walk(self) -> Walk:
        """The current path (walk.walk_path), cached per event count: events are append-only and every state change
        is an event, so a screen asking for path, flags, frontier and outcome walks once."""
        cached = self._walk_cache
        if cached is not None and cached[0] == len(self.events):
            return cached[1]
        w = walk_path(self.library, self.entry_flow, self.state, self.initial_flags)
        self._walk_cache = (len(self.events), w)
        return w

    @property
    def path(self) -> list[PathStep]:
        """Nodes from the entry start to the frontier, with the answers that moved the run on."""
        return self.walk().path

    @property
    def answers(self) -> list[Answer]:
        """Every answer ever given, in order, superseded ones marked."""
        return list(self.state.log)

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(self.walk().flags | self.state.extra_flags)

    @property
    def frontier(self) -> Optional[StepKey]:
        return self.walk().frontier

    @property
    def current(self) -> Optional[StepKey]:
        """The node to show: where the handler went back to, else the frontier; None when ended."""
        if self.state.ended is not None:
            return None
        w = self.walk()
        if w.post and w.done:
            return w.frontier
        if w.post and w.frontier is None:
            return None
        return self.state.cursor or w.frontier

    @property
    def current_node(self) -> Optional[Node]:
        key = self.current
        return self.library.node(key) if key else None

    @property
    def current_flow(self) -> Flow:
        key = self.current or self.frontier or (self.entry_flow, "")
        return self.library[key[0]]

    def answer_at(self, key: StepKey) -> Optional[Answer]:
        return self.state.answers.get(key)

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

    # ----- navigation rules (core.navigation: the one copy; the GUI reads them from the CallView) -------------
    def step_number(self) -> int:
        return _nav.step_number(self)

    def can_go_back(self) -> bool:
        return _nav.can_go_back(self)

    @property
    def at_frontier(self) -> bool:
        return _nav.at_frontier(self)

    def is_unchanged_answer(self, value: Any) -> bool:
        return _nav.is_unchanged_answer(self, value)

    def unasked(self) -> list[StepKey]:
        return _nav.unasked(self)

    def unasked_titles(self) -> list[str]:
        return _nav.unasked_titles(self)

    def unasked_on_path(self) -> list[tuple[str, list[tuple[str, bool]]]]:
        return _nav.unasked_on_path(self)

    # ----- THRIVE (core.thrive) -------------------------------------------------------------------------------
    def thrive_notes(self) -> dict[str, str]:
        """THRIVE notes the path gives (and the immediate-risk interrupt), before any override."""
        return dict(self._once("thrive_notes", lambda: thrive_notes(self.path, self.state.extra_flags)))

    @property
    def thrive(self) -> dict[str, str]:
        """THRIVE notes by field (later answers overwrite earlier ones); after an override, as rebuilt for it."""
        out = self.outcome
        if out is not None and out.source in ("override", "early_exit") and out.thrive:
            return dict(out.thrive)
        return self.thrive_notes()

    @property
    def thrive_levels(self) -> dict[str, Optional[str]]:
        """THRIVE level per field, read from a note starting Low/Medium/High (else None)."""
        return thrive_levels(self.thrive)

    # ----- outcome and decision (core.decision) ---------------------------------------------------------------
    @property
    def outcome(self) -> Optional[OutcomeResult]:
        """The outcome reached (after any override), or None while questions (or post-decision steps) remain.
        Its texts are English (the record); `said` carries them in the call language when that is not English."""
        return self._once("outcome", self._outcome_now)

    def _outcome_now(self) -> Optional[OutcomeResult]:
        base = _decision.outcome_before_override(self)
        if base is None:
            return None
        ov = self.state.override
        if ov is not None and ov.original_code == base.code:
            return _decision.in_call_language(self, ov)
        return _decision.in_call_language(self, base)

    @property
    def decision(self) -> Optional[OutcomeResult]:
        """The decision recorded so far (also while the post-decision steps are still being asked)."""
        return self._once("decision", self._decision_now)

    def _decision_now(self) -> Optional[OutcomeResult]:
        out = self.outcome
        if out is None:
            w = self.walk()
            out = _decision.decision_result(self, w) if w.post else None
        return _decision.in_call_language(self, out)

    @property
    def decision_info(self) -> Optional[Decision]:
        """The decision's codes and times (first decision = time to decision; a raise has its own time)."""
        return _decision.decision_info(self)

    @property
    def has_post_decision(self) -> bool:
        """True once a decision with post-decision steps is recorded (the questions before it are then locked)."""
        return self.state.ended is None and self.walk().post

    @property
    def in_post_decision(self) -> bool:
        """True while the "while they are on the way" steps are being asked (decision recorded, not finished)."""
        if self.state.ended is not None:
            return False
        w = self.walk()
        return w.post and not w.done

    @property
    def partners_added(self) -> list[str]:
        """Partner codes added after the decision, in order."""
        return list(self.walk().partners_added)

    @property
    def not_asked(self) -> list[dict[str, str]]:
        """Steps recorded as not asked (skipped because the caller is with the person, or finished before)."""
        return [{"flow": k[0], "node": k[1], "title": self.library.node(k).title, "reason": why}
                for k, why in self.walk().not_asked]

    @property
    def is_finished(self) -> bool:
        return self.outcome is not None

    @property
    def status(self) -> str:
        if self.state.ended is not None:
            return self.state.ended.source
        if self.is_finished:
            out = self.outcome
            return "immediate_risk" if out is not None and out.source == "immediate_risk" else "outcome"
        return "in_progress"

    @property
    def decision_offset(self) -> Optional[float]:
        """Time to decision: the first `decision` event (v2), else when the outcome was reached."""
        if self.state.decision_event is not None:
            return self.state.decision_event.offset
        return self.state.decision_offset if self.is_finished else None

    # ----- the caller and the call language -------------------------------------------------------------------
    @property
    def caller_type(self) -> Optional[str]:
        return self.state.caller_type

    @property
    def caller_group(self) -> Optional[str]:
        return caller_group(self.state.caller_type)

    @property
    def caller_with_person(self) -> Optional[str]:
        return self.walk().caller_with_person

    def text(self, node: Node, name: str = "say", lang: str = "en") -> str:
        """A node's text as read to this call's caller (specific type -> group -> default), in a language."""
        return node.text(name, self.state.caller_type, lang)

    def option_label(self, option: Option, lang: str = "en") -> str:
        return option.label_for(self.state.caller_type, lang)

    @property
    def language(self) -> str:
        """The call language now: the words on screen and the outcome script are in it (English by default)."""
        return self.state.language

    @property
    def languages(self) -> tuple[str, ...]:
        """The call languages the flows in use offer: English, and Welsh when any flow has Welsh texts."""
        return offered_languages(self.library)

    @property
    def language_changes(self) -> list[tuple[str, str, float]]:
        """(language, wall time, offset) of each change of the call language, in order."""
        return [(str(e.value), e.wall, e.offset) for e in self.state.language_events]

    @property
    def welsh_from(self) -> Optional[tuple[str, bool]]:
        return _snapshot.welsh_from(self)

    # ----- who is handling it, notes, and the plain-data summary ----------------------------------------------
    @property
    def notes(self) -> list[str]:
        return [e.text for e in self.state.notes]

    @property
    def actor(self) -> tuple[str, str]:
        return self.state.actor, self.state.role

    @property
    def handovers(self) -> int:
        return self.state.handovers

    def step_timings(self) -> list[dict[str, Any]]:
        return _snapshot.step_timings(self)

    def snapshot(self) -> dict[str, Any]:
        return _snapshot.snapshot(self)
