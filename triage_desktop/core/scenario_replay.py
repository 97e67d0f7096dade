"""Mock-call scenarios replayed and checked against the flows (pure Python; loading is core.scenarios).

`check_scenario` checks a scenario against the flows (unknown flows, nodes, answers, codes; the expected outcome
reachable by the scripted answers); `replay` drives any session-like object (a core FlowRun through
`DirectSession`, or the services' CallSession on a real store) through the scripted answers and reports where the
path went wrong.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Protocol

from . import vocab
from .engine import EngineError, FlowLibrary, FlowRun, StepKey
from .problems import Problem
from .model import QUESTION_KINDS, Node
from .scenarios import Scenario, ScenarioProblem, load_scenarios


# ----- replay --------------------------------------------------------------------------------------------------
class SessionLike(Protocol):
    """What replay needs: a FlowRun (read only) and the actions. CallSession and DirectSession both fit."""

    @property
    def run(self) -> FlowRun: ...

    def answer(self, value: Any) -> Any: ...

    def shown(self) -> Any: ...

    def immediate_risk(self, reason: str) -> Any: ...


class DirectSession:
    """A FlowRun driven directly (no store): for `scenarios check`."""

    def __init__(self, run: FlowRun):
        self.run = run

    def answer(self, value: Any) -> Any:
        return self.run.answer(value)

    def shown(self) -> Any:
        return self.run.shown()

    def immediate_risk(self, reason: str) -> Any:
        return self.run.immediate_risk(reason)


@dataclass
class ReplayResult:
    scenario: Scenario
    failures: list[str] = field(default_factory=list)
    failed_at: Optional[StepKey] = None
    code: Optional[str] = None
    decision_code: Optional[str] = None
    police: Optional[bool] = None
    partners: tuple[str, ...] = ()
    asked: list[StepKey] = field(default_factory=list)  # questions shown, in order
    questions_to_decision: Optional[int] = None
    pathway: str = ""

    @property
    def passed(self) -> bool:
        return not self.failures

    def line(self) -> str:
        if self.passed:
            q = f", {self.questions_to_decision} question(s) to decision" if self.questions_to_decision else ""
            return f"PASS {self.scenario.id}: {self.code}{q}"
        where = f" at {self.failed_at[0]}.{self.failed_at[1]}" if self.failed_at else ""
        return f"FAIL {self.scenario.id}{where}: " + "; ".join(self.failures)


def _node_records(node: Node) -> str:
    return str(getattr(node, "records", "") or "")


def _decided(run: FlowRun) -> bool:
    """The decision is recorded (at a police outcome with post-decision steps, before they are asked)."""
    return run.decision is not None or run.outcome is not None


def _decision_code(run: FlowRun) -> Optional[str]:
    info = run.decision_info
    if info is not None:
        return info.first_code or info.code
    return run.outcome.code if run.outcome is not None else None


def outcome_partner_codes(run: FlowRun) -> tuple[str, ...]:
    """Partner codes offered by the call's outcome, including those added after the decision."""
    out: list[str] = []
    o = run.outcome or run.decision
    for p in (o.partners if o is not None else ()):
        c = getattr(p, "code", "") or ""
        if c and c not in out:
            out.append(c)
    for c in run.partners_added:
        if c and c not in out:
            out.append(str(c))
    return tuple(out)


def _current(run: FlowRun) -> Optional[StepKey]:
    """The question (or info step) the run is waiting on, or None when the call has its outcome."""
    if run.outcome is not None:
        return None
    key = run.current
    if key is None or run.library.node(key).kind in ("outcome", "route"):
        return None
    return key


def replay(scenario: Scenario, session: SessionLike, *, max_steps: int = 200) -> ReplayResult:
    """Give the scripted answers in the order the flows ask; stop at the outcome. Never raises for a bad script."""
    res = ReplayResult(scenario)
    answers = dict(scenario.answers)
    used: set[StepKey] = set()
    esc = scenario.escalation
    escalated = False
    run = session.run
    lib = run.library
    for _ in range(max_steps):
        run = session.run
        if res.questions_to_decision is None and _decided(run):
            res.questions_to_decision = len(res.asked)
        key = _current(run)
        if key is None:
            break
        node = lib.node(key)
        if esc is not None and not escalated and key == esc.at:
            escalated = True
            if esc.immediate_risk:
                answers.update(esc.then)  # the post-decision steps asked after the interrupt
                try:
                    session.immediate_risk(esc.immediate_risk)
                except EngineError as exc:
                    res.failures.append(f"immediate risk at '{node.title}' refused: {exc}")
                    res.failed_at = key
                    return res
                continue
            if esc.has_answer:
                answers[key] = esc.answer
            answers.update(esc.then)
        if node.kind in QUESTION_KINDS:
            res.asked.append(key)
        session.shown()
        if key in answers:
            value = answers[key]
        elif _node_records(node) == "caller_type":
            value = scenario.caller_type
        elif node.kind == "info":
            value = None
        else:
            res.failures.append(f"the flow asked '{node.title}' ({key[0]}.{key[1]}) and the scenario has no "
                                f"answer for it")
            res.failed_at = key
            return res
        used.add(key)
        try:
            session.answer(value)
        except EngineError as exc:
            res.failures.append(f"answer {value!r} to '{node.title}' was refused: {exc}")
            res.failed_at = key
            return res
    else:
        res.failures.append(f"no outcome after {max_steps} steps")
        return res
    run = session.run
    if res.questions_to_decision is None and _decided(run):
        res.questions_to_decision = len(res.asked)
    if run.outcome is None and run.in_post_decision:
        res.failures.append("the post-decision steps did not finish")
        res.failed_at = run.current
        return res
    out = run.outcome
    res.pathway = run.pathway
    if out is None:
        res.failures.append("the call did not reach an outcome")
        return res
    res.code = out.code
    res.decision_code = _decision_code(run)
    res.police = bool(vocab.is_police(out.code))
    res.partners = outcome_partner_codes(run)
    sc = scenario
    last = res.asked[-1] if res.asked else None
    if out.code not in sc.outcomes:
        res.failures.append(f"reached {out.code}, expected {' or '.join(sc.outcomes)}")
        res.failed_at = _where_wrong(run, sc) or last
    if res.police != sc.police_attend:
        res.failures.append(f"police attend {str(res.police).lower()}, expected {str(sc.police_attend).lower()}")
    if sc.decision and res.decision_code not in sc.decision:
        res.failures.append(f"first decision {res.decision_code}, expected {' or '.join(sc.decision)}")
    missing = [p for p in sc.partners if p not in res.partners]
    if missing:
        res.failures.append(f"partner(s) not offered: {', '.join(missing)} (offered: {', '.join(res.partners) or 'none'})")
    if sc.max_questions_to_decision is not None and (res.questions_to_decision or 0) > sc.max_questions_to_decision:
        res.failures.append(f"{res.questions_to_decision} questions shown before the decision, "
                            f"at most {sc.max_questions_to_decision} allowed")
    if esc is not None and not escalated:  # (one test, so mypy narrows `esc`)
        res.failures.append(f"the escalation point {esc.at[0]}.{esc.at[1]} was never reached")
    unused = [k for k in list(scenario.answers) + (list(esc.then) if esc is not None and escalated else [])
              if k not in used and not (esc is not None and k == esc.at)]
    unused = list(dict.fromkeys(unused))
    if unused:
        res.failures.append("scripted answers never asked: " + ", ".join(f"{f}.{n}" for f, n in unused))
    return res


def _where_wrong(run: FlowRun, sc: Scenario) -> Optional[StepKey]:
    """The last answered question on the path whose answer decided the branch (the last one before the outcome)."""
    steps = [p for p in run.path if p.answer is not None and p.node.is_question]
    return (steps[-1].flow, steps[-1].node.id) if steps else None


# ----- check ---------------------------------------------------------------------------------------------------
def check_scenario(sc: Scenario, library: FlowLibrary, entry_flow: str = "entry_triage") -> list[Problem]:
    """Check one scenario against the flows; the dry run proves the expected outcome is reachable."""
    out: list[Problem] = []

    def prob(fieldname: str, message: str, line: int) -> None:
        out.append(ScenarioProblem(sc.path, fieldname, message, line))

    _Run = FlowRun
    validator = _Run(library, entry_flow) if entry_flow in library else None

    def validate(node: Node, v: Any) -> None:
        if validator is not None:
            validator.validate_answer(node, v)

    keys = list(sc.answers)
    if sc.escalation is not None:
        keys.append(sc.escalation.at)
        keys.extend(sc.escalation.then)
    for (fid, nid) in keys + list(sc.critical_questions):
        ln = sc.line(f"answers:{fid}.{nid}")
        if fid not in library:
            prob(f"answers.{fid}", f"unknown flow '{fid}'", sc.line(f"answers:{fid}") or ln)
            continue
        if nid not in library[fid].nodes:
            prob(f"answers.{fid}.{nid}", f"flow '{fid}' has no node '{nid}'", ln)
            continue
        node = library[fid].nodes[nid]
        if node.kind in ("route", "outcome"):
            prob(f"answers.{fid}.{nid}", f"'{fid}.{nid}' is a {node.kind} node: it is not asked", ln)
    for (fid, nid), v in list(sc.answers.items()) + (list(sc.escalation.then.items()) if sc.escalation else []):
        if fid in library and nid in library[fid].nodes:
            node = library[fid].nodes[nid]
            if node.kind in QUESTION_KINDS + ("info",):
                try:
                    validate(node, v)
                except EngineError as exc:
                    prob(f"answers.{fid}.{nid}", f"answer {v!r}: {exc}", sc.line(f"answers:{fid}.{nid}"))
    e = sc.escalation
    if e is not None and e.has_answer and e.at[0] in library and e.at[1] in library[e.at[0]].nodes:
        try:
            validate(library[e.at[0]].nodes[e.at[1]], e.answer)
        except EngineError as exc:
            prob("escalation.answer", f"answer {e.answer!r}: {exc}", e.line)
    if out:
        return out
    if entry_flow not in library:
        return [ScenarioProblem(sc.path, "", f"entry flow '{entry_flow}' is not in the flows", 0)]
    res = replay(sc, DirectSession(_Run(library, entry_flow)))
    for msg in res.failures:
        if msg.startswith("reached "):
            prob("expect.outcome", f"expected outcome cannot be reached by the scripted answers: {msg}",
                 sc.line("expect.outcome"))
        elif msg.startswith("police attend"):
            prob("expect.police_attend", msg, sc.line("expect.police_attend"))
        elif msg.startswith("partner"):
            prob("expect.partners", msg, sc.line("expect.partners"))
        elif msg.startswith("scripted answers never asked"):
            prob("answers", msg, sc.line("answers"))
        elif res.failed_at is not None:
            f, n = res.failed_at
            prob(f"answers.{f}.{n}", msg, sc.line(f"answers:{f}.{n}") if (f, n) in sc.answers else sc.line("answers"))
        else:
            prob("expect", msg, sc.line("expect"))
    return out


@dataclass
class ScenarioCheck:
    scenarios: list[Scenario]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_scenario_paths(paths: Iterable[str | os.PathLike[str]], library: FlowLibrary) -> ScenarioCheck:
    scenarios, problems = load_scenarios(paths)
    for sc in scenarios:
        problems.extend(check_scenario(sc, library))
    return ScenarioCheck(scenarios, problems)


def median(values: list[int]) -> float:
    v = sorted(values)
    if not v:
        return 0.0
    m = len(v) // 2
    return float(v[m]) if len(v) % 2 else (v[m - 1] + v[m]) / 2


def questions_by_pathway(results: Iterable[ReplayResult]) -> dict[str, dict[str, float]]:
    """Median and maximum questions shown to the decision, per scenario pathway."""
    by: dict[str, list[int]] = {}
    for r in results:
        if r.questions_to_decision is not None:
            by.setdefault(r.scenario.pathway, []).append(r.questions_to_decision)
    return {p: {"scenarios": len(v), "median": median(v), "max": max(v)} for p, v in sorted(by.items())}


__all__ = ["ReplayResult", "DirectSession", "SessionLike", "check_scenario", "check_scenario_paths", "replay",
           "questions_by_pathway", "outcome_partner_codes"]
