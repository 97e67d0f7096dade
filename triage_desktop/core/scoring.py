"""The compliance scorer (pure Python): a call's path against a scenario, or against the flow's own rules.

One scorer for training (a mock call against its scenario's caller card and expected outcome) and for the
supervisor's review of live calls (the flow's own rules: threshold questions first, every risk question
answered, no early exit without a reason, caller told, time to decision). Deviations are weighted like IAED's
AQUA: critical, major, minor; the score starts at 100 and loses each deviation's weight (never below 0).

Interpretation written down once (see docs/training.md):
- critical: wrong police decision; a risk question skipped or answered against the card; caller not told
  (and, for live review, a threshold question answered only after the pathway began);
- major: wrong outcome within the right police decision; a critical question not asked (a critical question
  that is itself a risk question counts as "risk question skipped", i.e. critical); a required partner not
  offered; an early exit without a reason;
- minor: time to decision over the target; questions asked out of the scripted order; a non-risk answer that
  differs from the card.
A deviation caused by an earlier one is not counted twice: once the trainee's path leaves the scripted one
(an answer against the card), the scripted questions after that point are not required.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from .vocab import POLICE_CODES

CRITICAL, MAJOR, MINOR = "critical", "major", "minor"
WEIGHTS: dict[str, int] = {CRITICAL: 40, MAJOR: 15, MINOR: 5}
WEIGHT_ORDER = (CRITICAL, MAJOR, MINOR)
#: Default pass mark (a setting overrides it): a pass also needs no critical deviation.
PASS_MARK = 80

#: Deviation kinds: code -> (weight, plain-English name).
KINDS: dict[str, tuple[str, str]] = {
    "wrong_police_decision": (CRITICAL, "Wrong police decision"),
    "risk_question_skipped": (CRITICAL, "Risk question not asked"),
    "risk_answer_against_card": (CRITICAL, "Risk question answered against what the caller said"),
    "caller_not_told": (CRITICAL, "Caller not told whether police will attend"),
    "threshold_after_pathway": (CRITICAL, "Threshold question settled only after the pathway began"),
    "wrong_outcome": (MAJOR, "Wrong outcome (police decision right)"),
    "critical_question_not_asked": (MAJOR, "Critical question not asked"),
    "partner_not_offered": (MAJOR, "Partner not offered"),
    "early_exit_without_reason": (MAJOR, "Call ended early without a reason"),
    "time_over_target": (MINOR, "Time to decision over the target"),
    "question_order": (MINOR, "Questions asked out of order"),
    "answer_differs": (MINOR, "Answer differs from what the caller said"),
}

StepKey = tuple[str, str]


@dataclass(frozen=True)
class Step:
    """One answered question on a call's path."""

    flow: str
    node: str
    value: Any
    title: str = ""
    risk: bool = False
    offset: Optional[float] = None  # when it was first answered (seconds from call start)
    threshold: bool = False  # a question of the entry flow (the RCRP threshold questions)
    settled: Optional[float] = None  # when the answer on the path was given (a later change moves it)

    @property
    def key(self) -> StepKey:
        return (self.flow, self.node)


@dataclass(frozen=True)
class CallPath:
    """What a handler did on a call, as plain data (built from a run, a stored report, or by hand in tests)."""

    steps: tuple[Step, ...]
    outcome_code: Optional[str]
    caller_informed: bool = True
    partners: tuple[str, ...] = ()  # partner codes or names offered at the outcome
    decision_offset_s: Optional[float] = None
    early_exit: bool = False
    early_exit_reason: str = ""
    immediate_risk: bool = False
    overridden: bool = False
    original_code: Optional[str] = None
    #: risk questions left unasked when the call ended early: (flow, node, title)
    unasked_risk: tuple[tuple[str, str, str], ...] = ()
    #: offset of the first answer in a pathway flow (None: never left the entry flow)
    pathway_started_s: Optional[float] = None

    @property
    def police(self) -> bool:
        return self.outcome_code in POLICE_CODES

    def keys(self) -> list[StepKey]:
        return [s.key for s in self.steps]

    def without(self, flow: str, node: str) -> "CallPath":
        """The same path with one question removed (as if never asked)."""
        return _replace(self, steps=tuple(s for s in self.steps if s.key != (flow, node)))


def _replace(path: CallPath, **kw: Any) -> CallPath:
    from dataclasses import replace

    return replace(path, **kw)


@dataclass(frozen=True)
class Expectation:
    """What a careful handler does on a scenario: the scripted path, expected outcome, critical questions."""

    scripted: tuple[Step, ...]  # the scripted answers in order (the expected path)
    outcome_codes: frozenset[str]
    police: bool
    partners: tuple[str, ...] = ()
    critical_questions: tuple[StepKey, ...] = ()
    time_target_s: Optional[float] = None
    #: an escalation was injected at this scripted step index: later scripted steps are not required, and the
    #: expected decision is the escalation's (set by the caller of `score`)
    cut_at: Optional[int] = None

    def required(self) -> tuple[Step, ...]:
        return self.scripted if self.cut_at is None else self.scripted[:self.cut_at]


@dataclass(frozen=True)
class Deviation:
    kind: str
    weight: str
    message: str
    flow: str = ""
    node: str = ""

    @property
    def name(self) -> str:
        return KINDS[self.kind][1]

    @property
    def points(self) -> int:
        return WEIGHTS[self.weight]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "weight": self.weight, "name": self.name, "message": self.message,
                "flow": self.flow, "node": self.node, "points": self.points}


@dataclass(frozen=True)
class Score:
    deviations: tuple[Deviation, ...]
    score: int
    passed: bool
    pass_mark: int = PASS_MARK

    def count(self, weight: str) -> int:
        return sum(1 for d in self.deviations if d.weight == weight)

    @property
    def critical(self) -> int:
        return self.count(CRITICAL)

    @property
    def clean(self) -> bool:
        """No critical deviation (what 'ready for live' counts, with a pass)."""
        return self.critical == 0

    def kinds(self) -> list[str]:
        return [d.kind for d in self.deviations]

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "passed": self.passed, "pass_mark": self.pass_mark,
                "critical": self.count(CRITICAL), "major": self.count(MAJOR), "minor": self.count(MINOR),
                "deviations": [d.to_dict() for d in self.deviations]}


def _dev(kind: str, message: str, flow: str = "", node: str = "") -> Deviation:
    return Deviation(kind, KINDS[kind][0], message, flow, node)


def _norm(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return tuple(sorted(str(v) for v in value))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(a: Any, b: Any) -> bool:
    return _norm(a) == _norm(b)


def _partner_match(wanted: str, offered: Iterable[str]) -> bool:
    w = wanted.strip().lower().replace("_", " ")
    for o in offered:
        o2 = o.strip().lower().replace("_", " ")
        if o2 == w or w in o2 or (o2 and o2 in w):
            return True
    return False


def finish(deviations: Sequence[Deviation], pass_mark: int = PASS_MARK) -> Score:
    ordered = sorted(deviations, key=lambda d: WEIGHT_ORDER.index(d.weight))
    total = max(0, 100 - sum(d.points for d in ordered))
    crit = any(d.weight == CRITICAL for d in ordered)
    return Score(tuple(ordered), total, passed=(not crit and total >= pass_mark), pass_mark=pass_mark)


def score(expect: Expectation, path: CallPath, *, pass_mark: int = PASS_MARK,
          words: Optional[Callable[[str, str, Any], str]] = None) -> Score:
    """Score a trainee's path against a scenario's expectation (`words(flow, node, value)` puts answers in words)."""
    def say(s: Step, value: Any) -> str:
        if words is not None:
            try:
                return words(s.flow, s.node, value)
            except Exception:  # a label is never worth failing the score
                pass
        return str(value)

    devs: list[Deviation] = []
    mine = {s.key: s for s in path.steps}
    required = expect.required()
    # 1. the police decision, then the outcome within it
    if path.outcome_code is None:
        devs.append(_dev("wrong_police_decision", "The call ended without a decision."))
    elif path.police != expect.police:
        want = "police attend" if expect.police else "police do not attend"
        ended = "police attend" if path.police else "police do not attend"
        devs.append(_dev("wrong_police_decision", f"Expected {want}; the call ended with {ended} "
                                                  f"({path.outcome_code})."))
    elif path.outcome_code not in expect.outcome_codes:
        devs.append(_dev("wrong_outcome", f"Expected {' or '.join(sorted(expect.outcome_codes))}; "
                                          f"got {path.outcome_code}."))
    # 2. the scripted questions, up to the first divergence
    diverged = False
    for s in required:
        got = mine.get(s.key)
        if diverged:
            break
        if got is None:
            if path.immediate_risk and expect.police:
                break  # the handler rightly stopped asking and sent police
            if s.risk:
                devs.append(_dev("risk_question_skipped", f"'{s.title or s.node}' was not asked.", s.flow, s.node))
            elif s.key in expect.critical_questions:
                devs.append(_dev("critical_question_not_asked", f"'{s.title or s.node}' was not asked.",
                                 s.flow, s.node))
            continue
        if not _same(got.value, s.value):
            kind = "risk_answer_against_card" if s.risk else "answer_differs"
            devs.append(_dev(kind, f"'{s.title or s.node}': the caller's answer was '{say(s, s.value)}', recorded "
                                   f"as '{say(s, got.value)}'.", s.flow, s.node))
            diverged = True
    # critical questions listed outside the scripted path (e.g. a pathway question a careful handler asks)
    scripted_keys = {s.key for s in expect.scripted}
    for key in expect.critical_questions:
        if key not in scripted_keys and key not in mine and not diverged:
            devs.append(_dev("critical_question_not_asked", f"'{key[1]}' was not asked.", *key))
    # 3. partners
    if path.outcome_code is not None and path.police == expect.police:
        for p in expect.partners:
            if not _partner_match(p, path.partners):
                devs.append(_dev("partner_not_offered", f"{p.replace('_', ' ')} was not offered."))
    # 4. caller told
    if not path.caller_informed:
        devs.append(_dev("caller_not_told", "'Told the caller' was not ticked: the caller may not know whether "
                                            "police will attend."))
    # 5. time and order
    if expect.time_target_s is not None and path.decision_offset_s is not None \
            and path.decision_offset_s > expect.time_target_s:
        devs.append(_dev("time_over_target", f"Decision at {path.decision_offset_s:.0f} s; the target is "
                                             f"{expect.time_target_s:.0f} s."))
    devs.extend(_order(expect, path))
    return finish(devs, pass_mark)


def _order(expect: Expectation, path: CallPath) -> list[Deviation]:
    want = [s.key for s in expect.scripted]
    asked = sorted((s for s in path.steps if s.offset is not None), key=lambda s: s.offset or 0.0)
    common = [s.key for s in asked if s.key in set(want)]
    wanted_order = [k for k in want if k in set(common)]
    if common != wanted_order:
        first = next(i for i, (a, b) in enumerate(zip(common, wanted_order)) if a != b)
        return [_dev("question_order", f"'{common[first][1]}' was asked before '{wanted_order[first][1]}'.",
                     *common[first])]
    return []


# ----- live calls: the flow's own rules --------------------------------------------------------------------
def review_checks(path: CallPath, *, time_target_s: Optional[float] = None,
                  pass_mark: int = PASS_MARK) -> Score:
    """Automatic compliance checks on a live call, with the training weights."""
    devs: list[Deviation] = []
    if path.pathway_started_s is not None:
        for s in path.steps:
            when = s.settled if s.settled is not None else s.offset
            if s.threshold and s.risk and when is not None and when > path.pathway_started_s:
                devs.append(_dev("threshold_after_pathway", f"'{s.title or s.node}' was answered after the "
                                                            "pathway's questions began.", s.flow, s.node))
    if path.early_exit and not path.police and path.unasked_risk:
        titles = [f"'{t}'" for _, _, t in path.unasked_risk]
        shown = ", ".join(titles[:5]) + (f" and {len(titles) - 5} more" if len(titles) > 5 else "")
        flow, node, _ = path.unasked_risk[0]
        devs.append(_dev("risk_question_skipped", f"Ended early without police before {len(titles)} risk "
                                                  f"question(s) were asked: {shown}.", flow, node))
    if path.early_exit and not path.early_exit_reason.strip():
        devs.append(_dev("early_exit_without_reason", "The call was ended early with no reason recorded."))
    if not path.caller_informed:
        devs.append(_dev("caller_not_told", "'Told the caller' was not ticked."))
    if time_target_s is not None and path.decision_offset_s is not None and path.decision_offset_s > time_target_s:
        devs.append(_dev("time_over_target", f"Decision at {path.decision_offset_s:.0f} s; the target is "
                                             f"{time_target_s:.0f} s."))
    return finish(devs, pass_mark)


# ----- building paths from the engine's run --------------------------------------------------------------
def path_from_run(run: Any, *, caller_informed: bool) -> CallPath:
    """A CallPath from a FlowRun (live, or replayed from the store)."""
    first: dict[StepKey, float] = {}
    for e in run.events:
        if e.kind in ("answered", "changed") and (e.flow, e.node) not in first:
            first[(e.flow, e.node)] = e.offset
    entry = run.entry_flow
    steps: list[Step] = []
    pathway_started: Optional[float] = None
    for p in run.path:
        if p.answer is None or not p.node.is_question:
            continue
        key = (p.flow, p.node.id)
        off = first.get(key, p.answer.offset)
        steps.append(Step(p.flow, p.node.id, p.answer.value, p.node.title, bool(p.node.risk), off,
                          threshold=(p.flow == entry), settled=p.answer.offset))
        if p.flow != entry:
            pathway_started = off if pathway_started is None else min(pathway_started, off)
    out = run.outcome
    partners: list[str] = []
    if out is not None:
        for pt in out.partners:
            partners.extend(x for x in (getattr(pt, "code", ""), getattr(pt, "name", "")) if x)
    partners.extend(str(c) for c in (getattr(run, "partners_added", None) or ()))  # added after the decision
    early = any(e.kind == "early_exit" for e in run.events) and run.status == "early_exit"
    reason = next((e.reason for e in reversed(run.events) if e.kind == "early_exit"), "")
    unasked: list[tuple[str, str, str]] = []
    if early:
        unasked = _unasked_risk_at_exit(run)
    return CallPath(steps=tuple(steps), outcome_code=out.code if out else None, caller_informed=caller_informed,
                    partners=tuple(partners), decision_offset_s=run.decision_offset, early_exit=early,
                    early_exit_reason=reason, immediate_risk=any(e.kind == "immediate_risk" for e in run.events),
                    overridden=bool(out and out.source == "override"),
                    original_code=(out.original_code if out else None),
                    unasked_risk=tuple(unasked), pathway_started_s=pathway_started)


def _unasked_risk_at_exit(run: Any) -> list[tuple[str, str, str]]:
    """Risk questions reachable from where the call was ended early (the engine's own 'not asked' list)."""
    out = []
    for key in run.unasked():
        node = run.library.node(key)
        if node.risk:
            out.append((key[0], key[1], node.title))
    return sorted(out)


def scripted_steps(library: Any, entry_flow: str, answers: Mapping[str, Any], *,
                   initial_flags: Iterable[str] = ()) -> tuple[tuple[Step, ...], Optional[str], tuple[str, ...]]:
    """Replay scripted answers (keyed 'flow.node' or 'node') through the engine: (steps, outcome code, partners).

    Raises ValueError naming the first question the script has no answer for (or an answer the flow refuses).
    """
    from .engine import EngineError, FlowRun

    run = FlowRun(library, entry_flow, initial_flags=initial_flags)
    guard = 0
    while run.outcome is None:
        guard += 1
        if guard > 500:
            raise ValueError("the scripted answers do not reach an outcome (loop)")
        key = run.current
        assert key is not None
        node = library.node(key)
        if f"{key[0]}.{key[1]}" in answers:
            value = answers[f"{key[0]}.{key[1]}"]
        elif key[1] in answers:
            value = answers[key[1]]
        elif node.kind == "info":
            value = None
        else:
            raise ValueError(f"no scripted answer for question '{key[1]}' in flow '{key[0]}'")
        try:
            run.answer(value)
        except EngineError as exc:
            raise ValueError(f"question '{key[1]}' in flow '{key[0]}': {exc}") from None
    steps = []
    for p in run.path:
        if p.answer is None or not p.node.is_question:
            continue
        steps.append(Step(p.flow, p.node.id, p.answer.value, p.node.title, bool(p.node.risk),
                          threshold=(p.flow == entry_flow)))
    out = run.outcome
    partners = tuple(x for pt in out.partners for x in (getattr(pt, "code", ""), getattr(pt, "name", "")) if x)
    partners += tuple(str(c) for c in (getattr(run, "partners_added", None) or ()))
    return tuple(steps), out.code, partners


@dataclass
class ReadyTracker:
    """'Ready for live' per pathway: N passes with no critical deviation (N a setting)."""

    needed: int
    clean: dict[str, int] = field(default_factory=dict)

    def add(self, pathway: str, passed: bool, critical: int) -> bool:
        """Record one result; True when this result makes the pathway ready (exactly the Nth clean pass)."""
        if not (passed and critical == 0):
            return False
        self.clean[pathway] = self.clean.get(pathway, 0) + 1
        return self.clean[pathway] == self.needed

    def ready(self) -> list[str]:
        return sorted(p for p, n in self.clean.items() if n >= self.needed)
