"""Load flow files (YAML) into the flow model, reporting every structural problem by file and node.

The work is split by step: YAML with line numbers (core.yamlpos), the texts (core.flowtexts), the model built from
them (core.flowbuild), and the problem type (core.problems). Their public names are re-exported here.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from .flowbuild import ID_RE, SEMVER_RE, build_flow
from .flowtexts import is_language_map
from .model import Flow, TestCase
from .problems import FlowError, Problem
from .yamlpos import key_line, parse_yaml, strip_lines

__all__ = ["ID_RE", "NOT_FLOWS", "PHRASE_LINT_FILE", "SEMVER_RE", "FlowError", "Problem", "build_flow", "bundled_flows_dir", "flow_files",
           "is_language_map", "key_line", "load_flow", "load_flow_text", "load_test_cases", "parse_yaml"]


def load_flow_text(text: str, *, file: str) -> tuple[Optional[Flow], list[Problem]]:
    """Parse and build one flow from its source text."""
    data, problems = parse_yaml(text, file)
    if problems:
        return None, problems
    return build_flow(data, file=file, text=text)


def load_flow(path: str | os.PathLike[str]) -> Flow:
    """Load one flow file; raises FlowError naming the file, node and problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FlowError([Problem(str(p), "", f"cannot read: {exc}")]) from None
    flow, problems = load_flow_text(text, file=str(p))
    if flow is None or any(q.is_error for q in problems):
        raise FlowError([q for q in problems if q.is_error])
    return flow


#: Data files that live beside the flows but are not flows (docs/flow-format.md).
#: The phrase lint beside the flows (core/callers.py reads it; named here, where a flow folder's files are listed).
PHRASE_LINT_FILE = "phrase-lint.yaml"
NOT_FLOWS = (PHRASE_LINT_FILE,)


def flow_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand directories into their *.yaml flow files (not the tests/ folder, not phrase-lint.yaml)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.glob("*.yaml") if q.name not in NOT_FLOWS))
            out.extend(sorted(q for q in p.glob("*.yml")))
        else:
            out.append(p)
    return out


def load_test_cases(path: str | os.PathLike[str]) -> tuple[str, list[TestCase], list[Problem]]:
    """Load a flow's test-case file: returns (flow id, cases, problems)."""
    p = Path(path)
    data, problems = parse_yaml(p.read_text(encoding="utf-8"), str(p))
    if problems:
        return p.stem, [], problems
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        return p.stem, [], [Problem(str(p), "", "test file needs 'flow' and a 'cases' list")]
    data = strip_lines(data)
    cases = []
    for i, c in enumerate(data["cases"], 1):
        if not isinstance(c, dict) or "answers" not in c or "expect" not in c:
            problems.append(Problem(str(p), "", f"case {i} needs 'answers' and 'expect'"))
            continue
        cases.append(TestCase(
            name=str(c.get("name", f"case {i}")),
            answers=tuple(c["answers"]),
            expect=str(c["expect"]),
            expect_flags=tuple(c["expect_flags"]) if "expect_flags" in c else None,
            initial_flags=tuple(c.get("initial_flags", []) or []),
            caller_type=str(c["caller_type"]) if c.get("caller_type") else None,
            expect_first_decision=str(c["expect_first_decision"]) if c.get("expect_first_decision") else None,
            expect_partners_added=tuple(c["expect_partners_added"] or []) if "expect_partners_added" in c else None,
            expect_not_asked=tuple(c["expect_not_asked"] or []) if "expect_not_asked" in c else None,
        ))
    return str(data.get("flow", p.stem)), cases, problems


def bundled_flows_dir() -> Path:
    """The flows shipped with the app (resources/flows beside the package, or in a frozen bundle)."""
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "flows"
