"""Mock-call scenarios: load (pure Python; see docs/scenario-format.md).

A scenario is a realistic call written from the domain brief (caller narrative, facts) plus the answer a careful
handler gives to every question the flows ask, keyed by flow id and node id, and what must come of it (acceptable
outcome codes, police attend or not, partners that must be offered). This module loads and validates the files;
core.scenario_replay checks them against the flows and replays them.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from . import vocab
from .flowbuild import ID_RE, SEMVER_RE  # the same id and version rules as a flow's
from .problems import Problem
from .runstate import StepKey
from .yamlpos import parse_yaml, strip_lines


@dataclass(frozen=True)
class ScenarioProblem(Problem):
    """A problem in a scenario file: file, line, field and what is wrong."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field_ = f" {self.node}:" if self.node else ""
        return f"{where}:{field_} {self.message}"


DIFFICULTIES = ("foundation", "intermediate", "advanced")

TOP_KEYS = {"id", "version", "title", "pathway", "difficulty", "learning_points", "caller", "facts", "answers",
            "escalation", "expect", "time_to_decision_target_s", "critical_questions", "notes"}
CALLER_KEYS = {"type", "narrative", "card", "with_person"}
EXPECT_KEYS = {"outcome", "decision", "police_attend", "partners", "max_questions_to_decision"}
ESCALATION_KEYS = {"at", "caller_says", "answer", "then", "immediate_risk"}


def caller_types() -> tuple[str, ...]:
    return tuple(vocab.CALLER_TYPES)


def partner_codes() -> tuple[str, ...]:
    return tuple(vocab.PARTNER_CODES)


@dataclass(frozen=True)
class Escalation:
    """Mid-call escalation: when the run reaches `at`, the caller says something new."""

    at: StepKey
    caller_says: str
    answer: Any = None  # the answer at `at` after hearing it (None: keep the scripted one)
    has_answer: bool = False
    then: dict[StepKey, Any] = field(default_factory=dict)  # later answers that replace the scripted ones
    immediate_risk: str = ""  # the handler uses Immediate risk (F9) at `at` with this reason
    line: int = 0


@dataclass(frozen=True)
class Scenario:
    id: str
    version: str
    title: str
    pathway: str
    difficulty: str
    learning_points: tuple[str, ...]
    caller_type: str
    narrative: str
    facts: tuple[str, ...]
    answers: dict[StepKey, Any]
    outcomes: tuple[str, ...]
    police_attend: bool
    partners: tuple[str, ...] = ()
    decision: tuple[str, ...] = ()
    max_questions_to_decision: Optional[int] = None
    time_to_decision_target_s: Optional[float] = None
    escalation: Optional[Escalation] = None
    critical_questions: tuple[StepKey, ...] = ()
    card: dict[str, str] = field(default_factory=dict)
    path: str = ""
    lines: dict[str, int] = field(default_factory=dict)  # 'answers:<flow>.<node>', 'expect', ... -> line

    def line(self, key: str) -> int:
        return self.lines.get(key, self.lines.get("", 0))


def _key_line(text: str, start: int, key: str) -> int:
    """The 1-based line of `key:` at or after line `start` (the loader keeps only mapping lines)."""
    lines = text.splitlines()
    pat = re.compile(r"^\s*['\"]?" + re.escape(key) + r"['\"]?\s*:")
    for i in range(max(0, start - 1), len(lines)):
        if pat.match(lines[i]):
            return i + 1
    return start


def _norm_answer(v: Any) -> Any:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return v


def _step_key(s: Any) -> Optional[StepKey]:
    if isinstance(s, str) and s.count(".") == 1:
        a, b = s.split(".")
        return (a, b)
    return None


def load_scenario_text(text: str, *, file: str) -> tuple[Optional[Scenario], list[Problem]]:
    """Parse one scenario file; every structural problem names file, line and field."""
    data, problems = parse_yaml(text, file)
    if problems:
        return None, [ScenarioProblem(p.file, p.node, p.message, p.line) for p in problems]
    out: list[Problem] = []

    def prob(fieldname: str, message: str, line: int = 0) -> None:
        out.append(ScenarioProblem(file, fieldname, message, line))

    if not isinstance(data, dict):
        return None, [ScenarioProblem(file, "", "a scenario file must be a mapping (id, version, title, pathway, ...)")]
    top_line = data.get("__line__", 1)
    lines: dict[str, int] = {"": top_line}
    for k in data:
        if k in ("__line__", "__dupes__"):
            continue
        lines[k] = _key_line(text, 1, str(k))
        if k not in TOP_KEYS:
            prob(str(k), f"unknown field '{k}' (known: {', '.join(sorted(TOP_KEYS))})", lines[k])
    for dup in data.get("__dupes__", []):
        prob(dup, f"duplicate field '{dup}'", top_line)

    def text_field(name: str, required: bool = True) -> str:
        v = data.get(name)
        if v is None:
            if required:
                prob(name, f"missing '{name}'", top_line)
            return ""
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            prob(name, f"'{name}' must be text", lines.get(name, top_line))
            return ""
        return " ".join(str(v).split())

    sid = text_field("id")
    if sid and not ID_RE.match(sid):
        prob("id", "id must be lower_snake_case", lines.get("id", 0))
    if sid and sid != Path(file).stem:
        prob("id", f"id '{sid}' does not match the file name '{Path(file).stem}'", lines.get("id", 0))
    version = text_field("version")
    if version and not SEMVER_RE.match(version):
        prob("version", f"version '{version}' is not semantic (MAJOR.MINOR.PATCH)", lines.get("version", 0))
    title = text_field("title")
    pathway = text_field("pathway")
    if pathway and pathway not in vocab.PATHWAYS:
        prob("pathway", f"unknown pathway '{pathway}' (use {', '.join(vocab.PATHWAYS)})", lines.get("pathway", 0))
    difficulty = text_field("difficulty")
    if difficulty and difficulty not in DIFFICULTIES:
        prob("difficulty", f"difficulty must be one of {', '.join(DIFFICULTIES)}", lines.get("difficulty", 0))

    def str_list(name: str, v: Any, line: int, required: bool = False) -> tuple[str, ...]:
        if v is None:
            if required:
                prob(name, f"missing '{name}'", line)
            return ()
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            prob(name, f"'{name}' must be a list of text", line)
            return ()
        return tuple(" ".join(x.split()) for x in v)

    learning = str_list("learning_points", data.get("learning_points"), lines.get("learning_points", top_line), True)
    facts = str_list("facts", data.get("facts"), lines.get("facts", top_line), True)

    caller = data.get("caller")
    ctype, narrative, card = "", "", {}
    if not isinstance(caller, dict):
        prob("caller", "missing 'caller' (a mapping with type and narrative)", lines.get("caller", top_line))
    else:
        cl = caller.get("__line__", 0)
        for k in caller:
            if k not in CALLER_KEYS and k not in ("__line__", "__dupes__"):
                prob(f"caller.{k}", f"unknown field 'caller.{k}' (known: {', '.join(sorted(CALLER_KEYS))})", cl)
        ctype = str(caller.get("type") or "")
        if ctype not in caller_types():
            prob("caller.type", f"unknown caller type '{ctype}' (use {', '.join(caller_types())})",
                 _key_line(text, cl, "type"))
        narrative = " ".join(str(caller.get("narrative") or "").split())
        if not narrative:
            prob("caller.narrative", "missing 'caller.narrative' (what the caller says, in their words)", cl)
        rc = caller.get("card")
        if rc is not None:
            if not isinstance(rc, dict):
                prob("caller.card", "'caller.card' must map a fact to the caller's reply", cl)
            else:
                card = {str(k): " ".join(str(v).split()) for k, v in strip_lines(rc).items()}

    answers: dict[StepKey, Any] = {}
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, dict) or not [k for k in raw_answers if k not in ("__line__", "__dupes__")]:
        prob("answers", "missing 'answers' (flow id -> node id -> answer)", lines.get("answers", top_line))
    else:
        for fid, nodes in raw_answers.items():
            if fid in ("__line__", "__dupes__"):
                continue
            fl = _key_line(text, lines.get("answers", 1), str(fid))
            lines[f"answers:{fid}"] = fl
            if not isinstance(nodes, dict):
                prob(f"answers.{fid}", f"answers for flow '{fid}' must map node id -> answer", fl)
                continue
            for dup in nodes.get("__dupes__", []):
                prob(f"answers.{fid}.{dup}", f"duplicate answer for node '{dup}'", fl)
            for nid, v in nodes.items():
                if nid in ("__line__", "__dupes__"):
                    continue
                answers[(str(fid), str(nid))] = _norm_answer(strip_lines(v))
                lines[f"answers:{fid}.{nid}"] = _key_line(text, fl, str(nid))

    expect = data.get("expect")
    outcomes: tuple[str, ...] = ()
    decision: tuple[str, ...] = ()
    police = False
    partners: tuple[str, ...] = ()
    maxq: Optional[int] = None
    el = lines.get("expect", top_line)
    if not isinstance(expect, dict):
        prob("expect", "missing 'expect' (outcome, police_attend, partners)", el)
    else:
        for k in expect:
            if k not in EXPECT_KEYS and k not in ("__line__", "__dupes__"):
                prob(f"expect.{k}", f"unknown field 'expect.{k}' (known: {', '.join(sorted(EXPECT_KEYS))})", el)

        def codes(name: str, required: bool) -> tuple[str, ...]:
            v = expect.get(name)
            ln = _key_line(text, el, name)
            lines[f"expect.{name}"] = ln
            if v is None:
                if required:
                    prob(f"expect.{name}", f"missing 'expect.{name}'", el)
                return ()
            vs = [v] if isinstance(v, str) else v
            if not isinstance(vs, list) or not vs or not all(isinstance(x, str) for x in vs):
                prob(f"expect.{name}", f"'expect.{name}' must be an outcome code or a list of them", ln)
                return ()
            for c in vs:
                if c not in vocab.OUTCOME_CODES:
                    prob(f"expect.{name}", f"unknown outcome code '{c}'", ln)
            return tuple(vs)

        outcomes = codes("outcome", True)
        decision = codes("decision", False)
        pa = expect.get("police_attend")
        lines["expect.police_attend"] = _key_line(text, el, "police_attend")
        if not isinstance(pa, bool):
            prob("expect.police_attend", "'expect.police_attend' must be true or false", lines["expect.police_attend"])
        else:
            police = pa
            wrong = [c for c in outcomes if c in vocab.OUTCOME_CODES and vocab.is_police(c) != pa]
            if wrong:
                prob("expect.police_attend", f"police_attend {str(pa).lower()} contradicts outcome code(s) "
                     f"{', '.join(wrong)}", lines["expect.police_attend"])
        lines["expect.partners"] = _key_line(text, el, "partners")
        partners = str_list("expect.partners", expect.get("partners", []), lines["expect.partners"])
        for pcode in partners:
            if pcode not in partner_codes():
                prob("expect.partners", f"unknown partner code '{pcode}' (use {', '.join(partner_codes())})",
                     lines["expect.partners"])
        mq = expect.get("max_questions_to_decision")
        if mq is not None:
            if isinstance(mq, bool) or not isinstance(mq, int) or mq < 1:
                prob("expect.max_questions_to_decision", "must be a whole number of questions (1 or more)",
                     _key_line(text, el, "max_questions_to_decision"))
            else:
                maxq = mq

    target = data.get("time_to_decision_target_s")
    tt: Optional[float] = None
    if target is not None:
        if isinstance(target, bool) or not isinstance(target, (int, float)) or target <= 0:
            prob("time_to_decision_target_s", "must be a number of seconds above 0",
                 lines.get("time_to_decision_target_s", 0))
        else:
            tt = float(target)

    esc: Optional[Escalation] = None
    raw_esc = data.get("escalation")
    if raw_esc is not None:
        xl = lines.get("escalation", top_line)
        if not isinstance(raw_esc, dict):
            prob("escalation", "'escalation' must be a mapping (at, caller_says, answer | immediate_risk)", xl)
        else:
            for k in raw_esc:
                if k not in ESCALATION_KEYS and k not in ("__line__", "__dupes__"):
                    prob(f"escalation.{k}", f"unknown field 'escalation.{k}' "
                         f"(known: {', '.join(sorted(ESCALATION_KEYS))})", xl)
            at = _step_key(raw_esc.get("at"))
            if at is None:
                prob("escalation.at", "'escalation.at' must be '<flow id>.<node id>'", _key_line(text, xl, "at"))
            says = " ".join(str(raw_esc.get("caller_says") or "").split())
            if not says:
                prob("escalation.caller_says", "missing 'escalation.caller_says'", xl)
            ir = " ".join(str(raw_esc.get("immediate_risk") or "").split())
            has_answer = "answer" in raw_esc
            if not ir and not has_answer:
                prob("escalation", "escalation needs 'answer' (at the node) or 'immediate_risk' (a reason)", xl)
            then: dict[StepKey, Any] = {}
            rt = raw_esc.get("then") or {}
            if not isinstance(rt, dict):
                prob("escalation.then", "'escalation.then' must map flow id -> node id -> answer", xl)
            else:
                for fid, nodes in rt.items():
                    if fid in ("__line__", "__dupes__"):
                        continue
                    if not isinstance(nodes, dict):
                        prob("escalation.then", f"'escalation.then.{fid}' must map node id -> answer", xl)
                        continue
                    for nid, v in nodes.items():
                        if nid not in ("__line__", "__dupes__"):
                            then[(str(fid), str(nid))] = _norm_answer(strip_lines(v))
            if at is not None:
                esc = Escalation(at=at, caller_says=says, answer=_norm_answer(strip_lines(raw_esc.get("answer"))),
                                 has_answer=has_answer, then=then, immediate_risk=ir, line=xl)

    crit: list[StepKey] = []
    rc = data.get("critical_questions")
    if rc is not None:
        if not isinstance(rc, list):
            prob("critical_questions", "'critical_questions' must be a list of '<flow id>.<node id>'",
                 lines.get("critical_questions", 0))
        else:
            for c in rc:
                k = _step_key(c)
                if k is None:
                    prob("critical_questions", f"'{c}' is not '<flow id>.<node id>'", lines.get("critical_questions", 0))
                else:
                    crit.append(k)

    if out:
        return None, out
    return Scenario(
        id=sid, version=version, title=title, pathway=pathway, difficulty=difficulty, learning_points=learning,
        caller_type=ctype, narrative=narrative, facts=facts, answers=answers, outcomes=outcomes,
        police_attend=police, partners=partners, decision=decision, max_questions_to_decision=maxq,
        time_to_decision_target_s=tt, escalation=esc, critical_questions=tuple(crit), card=card,
        path=file, lines=lines,
    ), []


def scenario_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        else:
            out.append(p)
    return out


def load_scenarios(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Scenario], list[Problem]]:
    """Every scenario under the paths; problems for the files that fail to load (and duplicate ids)."""
    files = scenario_files(paths)
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    if not files:
        problems.append(ScenarioProblem(", ".join(map(str, paths)), "", "no scenario files found"))
    for f in files:
        try:
            text = Path(f).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(ScenarioProblem(str(f), "", f"cannot read: {exc}"))
            continue
        sc, probs = load_scenario_text(text, file=str(f))
        problems.extend(probs)
        if sc is not None:
            scenarios.append(sc)
    seen: dict[str, str] = {}
    for sc in scenarios:
        if sc.id in seen:
            problems.append(ScenarioProblem(sc.path, "id", f"duplicate scenario id '{sc.id}' (also in {seen[sc.id]})",
                                    sc.line("id")))
        seen[sc.id] = sc.path
    return scenarios, problems


def bundled_scenarios_dir() -> Path:
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "scenarios"


__all__ = ["Scenario", "Escalation", "ScenarioProblem", "load_scenario_text", "load_scenarios", "scenario_files",
           "bundled_scenarios_dir", "DIFFICULTIES", "caller_types", "partner_codes"]
