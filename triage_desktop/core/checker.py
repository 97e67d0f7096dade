"""The flow checker: structural and safety rules over a set of flow files, one line per problem."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .flowrules import check_flow
from .loader import flow_files, load_flow_text
from .model import Flow
from .problems import Problem
from .runstate import FlowLibrary
from .safety import check_safety, count_paths
from .vocab import THRIVE_FIELDS


@dataclass
class CheckResult:
    """What `flows check` found: the flows that loaded and every problem."""

    flows: list[Flow]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """No errors (warnings are printed but do not fail the check)."""
        return not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def library(self) -> FlowLibrary:
        return FlowLibrary(self.flows)


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> CheckResult:
    """Load every flow file under the paths and run every rule; nothing stops at the first problem."""
    paths = list(paths)
    files = flow_files(paths)
    flows: list[Flow] = []
    problems: list[Problem] = []
    if not files:
        problems.append(Problem(", ".join(map(str, paths)), "", "no flow files found"))
    for f in files:
        try:
            text = Path(f).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(f), "", f"cannot read: {exc}"))
            continue
        flow, probs = load_flow_text(text, file=str(f))
        problems.extend(probs)
        if flow is not None and not any(q.is_error for q in probs):
            flows.append(flow)
    ids: dict[str, Flow] = {}
    for fl in flows:
        if fl.id in ids:
            problems.append(Problem(fl.path, "", f"duplicate flow id '{fl.id}' (also in {ids[fl.id].path})"))
        ids[fl.id] = fl
    known = set(ids)
    from .callers import check_callers, phrase_lint_for
    from .languages import allow_same_for, check_languages

    lint, lint_problems = phrase_lint_for(paths)
    problems.extend(lint_problems)
    allow_same = allow_same_for(paths)
    for fl in flows:
        problems.extend(check_flow(fl, known))
        problems.extend(check_callers(fl, lint))
        problems.extend(check_languages(fl, allow_same))
    if not any(q.is_error for q in problems):
        problems.extend(check_safety(FlowLibrary(flows)))
    problems.extend(governance_problems(flows))  # sign-off block shape; flows.lock version-bump rule
    return CheckResult(flows, problems)


def governance_problems(flows: list[Flow]) -> list[Problem]:
    from .governance import check_lock, signoff_shape_problems

    return signoff_shape_problems(flows) + check_lock(flows)


__all__ = ["CheckResult", "check_flow", "check_paths", "check_safety", "count_paths", "THRIVE_FIELDS"]
