"""Replay a flow's own test cases through the engine."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .engine import EngineError, FlowLibrary, FlowRun
from .loader import load_test_cases
from .problems import Problem
from .model import TestCase


@dataclass(frozen=True)
class CaseResult:
    flow: str
    case: TestCase
    passed: bool
    got: Optional[str]
    detail: str = ""

    def line(self) -> str:
        mark = "PASS" if self.passed else "FAIL"
        extra = f" ({self.detail})" if self.detail else ""
        return f"{mark} {self.flow}: {self.case.name} -> {self.got or 'no outcome'}{extra}"


def run_case(library: FlowLibrary, flow_id: str, case: TestCase) -> CaseResult:
    """Answer a case's answers in order from the flow's start and compare the outcome (and flags)."""
    run = FlowRun(library, flow_id, initial_flags=case.initial_flags)
    i = 0
    try:
        if case.caller_type:
            run.set_caller_type(case.caller_type)
        for i, a in enumerate(case.answers, 1):
            if run.is_finished:
                return CaseResult(flow_id, case, False, run.outcome.code if run.outcome else None,
                                  f"outcome reached before answer {i} of {len(case.answers)}")
            run.answer(a)
        if run.in_post_decision:
            run.finish()  # answers ran out during the post-decision steps: the handler finishes here
    except EngineError as exc:
        return CaseResult(flow_id, case, False, None, f"answer {i}: {exc}")
    out = run.outcome
    if out is None:
        node = run.current_node
        return CaseResult(flow_id, case, False, None, f"answers ran out at '{node.id if node else '?'}'")
    detail = []
    if out.code != case.expect:
        detail.append(f"expected {case.expect}")
    if case.expect_flags is not None and set(case.expect_flags) != set(run.flags):
        detail.append(f"flags {sorted(run.flags)} != expected {sorted(case.expect_flags)}")
    if case.expect_first_decision is not None and (out.first_code or out.code) != case.expect_first_decision:
        detail.append(f"first decision {out.first_code or out.code} != expected {case.expect_first_decision}")
    if case.expect_partners_added is not None and list(run.partners_added) != list(case.expect_partners_added):
        detail.append(f"partners added {run.partners_added} != expected {list(case.expect_partners_added)}")
    if case.expect_not_asked is not None:
        got = [n["node"] for n in run.not_asked]
        if got != list(case.expect_not_asked):
            detail.append(f"not asked {got} != expected {list(case.expect_not_asked)}")
    return CaseResult(flow_id, case, not detail, out.code, "; ".join(detail))


def run_flow_tests(library: FlowLibrary, tests_dir: Path) -> tuple[list[CaseResult], list[Problem]]:
    """Run every case file in tests_dir against the library; also reports flows with no cases."""
    results: list[CaseResult] = []
    problems: list[Problem] = []
    files = sorted(tests_dir.glob("*.yaml")) if tests_dir.is_dir() else []
    covered = set()
    for f in files:
        flow_id, cases, probs = load_test_cases(f)
        problems.extend(probs)
        if flow_id not in library:
            problems.append(Problem(str(f), "", f"test cases for unknown flow '{flow_id}'"))
            continue
        covered.add(flow_id)
        for c in cases:
            results.append(run_case(library, flow_id, c))
    for fl in library:
        if fl.id not in covered:
            problems.append(Problem(fl.path, "", "flow has no test cases"))
    return results, problems
