"""Training on mock-call scenarios (pure Python): expectations, the caller card, results, reports, CSV.

A scenario (core/scenarios.py, docs/scenario-format.md) scripts a careful handler's answers; the trainee's path
is scored against it by core/scoring.py. Results are plain dicts with the RESULT_FIELDS below (the store keeps
them in `training_results`; CSV export/import uses the same columns: no personal data, training calls have none).
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import random
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Sequence

from . import scoring as sc
from .answers import answer_label
from .engine import EngineError, FlowLibrary, FlowRun
from .vocab import PATHWAYS

StepKey = tuple[str, str]

#: A result as stored, exported and imported (CSV header order). No names: trainee and trainer are staff ids.
RESULT_FIELDS = ("result_uid", "taken_at", "trainee", "trainer", "session_id", "scenario_id", "scenario_version",
                 "scenario_title", "pathway", "difficulty", "score", "passed", "critical", "major", "minor",
                 "decision_offset_s", "outcome_code", "expected_codes", "escalated", "deviations", "source_device")


# ----- the expected path ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scripted:
    """A scenario replayed through the flows: the careful handler's path (with and without the escalation)."""

    steps: tuple[sc.Step, ...]           # with the escalation (what the scenario's `expect` describes)
    at_index: Optional[int]              # index in `steps` of the escalation point (None: no escalation)
    escalation_answers: bool             # the escalation changes the answer at its point (else: F9 / later answers)
    outcome_code: Optional[str]
    calm_steps: tuple[sc.Step, ...] = () # without the escalation, as far as the script goes


def _answers_for(scenario: Any, with_escalation: bool) -> dict[StepKey, Any]:
    answers = dict(scenario.answers)
    esc = getattr(scenario, "escalation", None)
    if with_escalation and esc is not None:
        if getattr(esc, "has_answer", False):
            answers[esc.at] = esc.answer
        answers.update(getattr(esc, "then", {}) or {})
    return answers


def _walk(library: FlowLibrary, entry: str, scenario: Any, answers: Mapping[StepKey, Any], *,
          stop_at: Optional[StepKey] = None, immediate_risk: str = "") -> tuple[list[sc.Step], Optional[str]]:
    run = FlowRun(library, entry)
    for _ in range(300):
        key = run.current
        if key is None or library.node(key).kind == "outcome":
            break
        node = library.node(key)
        if stop_at is not None and key == stop_at and immediate_risk:
            run.immediate_risk(immediate_risk)
            break
        if key in answers:
            value = answers[key]
        elif str(getattr(node, "records", "") or "") == "caller_type":
            value = getattr(scenario, "caller_type", "")
        elif node.kind == "info":
            value = None
        else:
            break  # the script goes no further on this branch
        try:
            run.answer(value)
        except EngineError:
            break
    steps = [sc.Step(p.flow, p.node.id, p.answer.value, p.node.title, bool(p.node.risk), threshold=p.flow == entry)
             for p in run.path if p.answer is not None and p.node.is_question]
    return steps, (run.outcome.code if run.outcome is not None else None)


def scripted(scenario: Any, library: FlowLibrary, entry: str = "entry_triage") -> Scripted:
    esc = getattr(scenario, "escalation", None)
    ir = getattr(esc, "immediate_risk", "") if esc is not None else ""
    steps, code = _walk(library, entry, scenario, _answers_for(scenario, True),
                        stop_at=esc.at if esc is not None else None, immediate_risk=ir)
    at_index = None
    calm: list[sc.Step] = steps
    if esc is not None:
        keys = [s.key for s in steps]
        at_index = keys.index(esc.at) if esc.at in keys else len(steps)
        calm, _ = _walk(library, entry, scenario, _answers_for(scenario, False))
    return Scripted(tuple(steps), at_index, bool(esc is not None and getattr(esc, "has_answer", False)), code,
                    tuple(calm))


def expectation(scenario: Any, library: FlowLibrary, *, escalated_after: Optional[int] = None,
                entry: str = "entry_triage") -> tuple[sc.Expectation, list[str]]:
    """The scorer's expectation for a scenario, and notes for the debrief.

    escalated_after: None when the trainer did not play the escalation line; else how many questions the
    trainee had answered when it was played.
    """
    s = scripted(scenario, library, entry)
    notes: list[str] = []
    crit = tuple(getattr(scenario, "critical_questions", ()) or ())
    target = getattr(scenario, "time_to_decision_target_s", None)
    codes = frozenset(getattr(scenario, "outcomes", ()) or ())
    police = bool(getattr(scenario, "police_attend", False))
    partners = tuple(getattr(scenario, "partners", ()) or ())
    if s.at_index is None:
        return sc.Expectation(s.steps, codes, police, partners, crit, target), notes
    if escalated_after is None:
        # the escalation line was not played: score the questions before its point; the outcome the card
        # describes needs the escalation, so judge the calm path's own outcome if the script reaches one
        _, calm_code = _walk(library, entry, scenario, _answers_for(scenario, False))
        notes.append("The escalation line was not played: questions are scored up to where it would have come.")
        if calm_code is None:
            return sc.Expectation(s.calm_steps, frozenset(), police, (), crit, None, cut_at=s.at_index), \
                notes + ["The outcome is not scored (the script has no calm ending)."]
        from .vocab import is_police

        return sc.Expectation(s.calm_steps, frozenset({calm_code}), is_police(calm_code), (), crit, target,
                              cut_at=s.at_index), notes
    cut = min(s.at_index, escalated_after)
    notes.append(f"The escalation line was played after question {escalated_after}.")
    return sc.Expectation(s.steps, codes, police, partners, crit, target, cut_at=cut), notes


def score_training(scenario: Any, library: FlowLibrary, path: sc.CallPath, *, escalated_after: Optional[int] = None,
                   pass_mark: int = sc.PASS_MARK, entry: str = "entry_triage"
                   ) -> tuple[sc.Score, list[str], sc.Expectation]:
    exp, notes = expectation(scenario, library, escalated_after=escalated_after, entry=entry)

    def words(flow: str, node: str, value: Any) -> str:
        n = library.node((flow, node))
        return "(free text)" if n.is_free_text else answer_label(n, value)

    if not exp.outcome_codes:
        # nothing to judge the decision against: score only the questions
        result = sc.score(exp, path, pass_mark=pass_mark, words=words)
        kept = [d for d in result.deviations if d.kind not in ("wrong_police_decision", "wrong_outcome")]
        return sc.finish(kept, pass_mark), notes, exp
    return sc.score(exp, path, pass_mark=pass_mark, words=words), notes, exp


# ----- the caller card ----------------------------------------------------------------------------------------
def card_reply(scenario: Any, library: FlowLibrary, key: StepKey, *, escalated: bool = False) -> str:
    """What the caller says when the handler asks question `key`: the card's line for it, else the scripted answer
    in words (the caller's side of the script)."""
    card = getattr(scenario, "card", {}) or {}
    for k in (f"{key[0]}.{key[1]}", key[1]):
        if k in card:
            return str(card[k])
    answers = _answers_for(scenario, escalated)
    try:
        records = str(getattr(library.node(key), "records", "") or "")
    except KeyError:
        records = ""
    if key not in answers and records == "caller_type":
        from .vocab import CALLER_TYPES

        ct = CALLER_TYPES.get(getattr(scenario, "caller_type", ""))
        return f"(The caller is: {ct.label})" if ct else "(Who is calling: not on the card.)"
    if key not in answers:
        return "(Not on the card: the caller does not know.)"
    value = answers[key]
    try:
        node = library.node(key)
    except KeyError:
        return str(value)
    label = answer_label(node, value) if node.kind != "text" else str(value)
    return f"(Caller's answer: {label})"


# ----- drawing scenarios ------------------------------------------------------------------------------------------
def draw(scenarios: Sequence[Any], *, count: int, pathway: str = "", difficulty: str = "",
         seed: Optional[int] = None) -> list[Any]:
    """A random draw (without repeats) by pathway and difficulty ('' = any)."""
    pool = [s for s in scenarios if (not pathway or s.pathway == pathway)
            and (not difficulty or s.difficulty == difficulty)]
    rng = random.Random(seed)
    return rng.sample(pool, min(count, len(pool)))


def library_counts(scenarios: Sequence[Any]) -> dict[str, dict[str, int]]:
    """Scenarios by pathway and difficulty: {pathway: {difficulty: n, 'total': n}}."""
    out: dict[str, dict[str, int]] = {}
    for s in scenarios:
        row = out.setdefault(s.pathway, {"total": 0})
        row[s.difficulty] = row.get(s.difficulty, 0) + 1
        row["total"] += 1
    return dict(sorted(out.items()))


def library_summary(scenarios: Sequence[Any]) -> str:
    parts = []
    for p, row in library_counts(scenarios).items():
        by = ", ".join(f"{d} {n}" for d, n in sorted(row.items()) if d != "total")
        parts.append(f"{PATHWAYS.get(p, p)} {row['total']} ({by})")
    return f"{len(scenarios)} scenario(s): " + "; ".join(parts) if parts else "No scenarios in the library."


# ----- results, reports, ready for live ---------------------------------------------------------------------------
def result_record(*, scenario: Any, score: sc.Score, path: sc.CallPath, trainee: str, trainer: str,
                  session_id: str, escalated: bool, expected: sc.Expectation, taken_at: str, result_uid: str,
                  source_device: str) -> dict[str, Any]:
    import json

    return {
        "result_uid": result_uid, "taken_at": taken_at, "trainee": trainee, "trainer": trainer,
        "session_id": session_id, "scenario_id": scenario.id, "scenario_version": scenario.version,
        "scenario_title": scenario.title, "pathway": scenario.pathway, "difficulty": scenario.difficulty,
        "score": score.score, "passed": int(score.passed), "critical": score.count(sc.CRITICAL),
        "major": score.count(sc.MAJOR), "minor": score.count(sc.MINOR),
        "decision_offset_s": path.decision_offset_s, "outcome_code": path.outcome_code or "",
        "expected_codes": " ".join(sorted(expected.outcome_codes)), "escalated": int(escalated),
        "deviations": json.dumps([d.kind for d in score.deviations]), "source_device": source_device,
    }


def ready_for_live(results: Iterable[Mapping[str, Any]], needed: int) -> dict[str, dict[str, Any]]:
    """Per trainee: pathway -> {clean passes, ready, ready_at (taken_at of the Nth clean pass)}."""
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(results, key=lambda r: (str(r["taken_at"]), str(r["result_uid"]))):
        t = out.setdefault(str(r["trainee"]), {})
        p = t.setdefault(str(r["pathway"]), {"clean_passes": 0, "ready": False, "ready_at": None})
        if int(r["passed"]) and int(r["critical"]) == 0:
            p["clean_passes"] += 1
            if p["clean_passes"] == needed:
                p["ready"], p["ready_at"] = True, r["taken_at"]
    return out


def _median(xs: list[float]) -> Optional[float]:
    xs = sorted(xs)
    if not xs:
        return None
    m = len(xs) // 2
    return xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2


@dataclass
class TraineeSummary:
    trainee: str
    taken: int = 0
    passed: int = 0
    critical: int = 0
    times: list[float] = field(default_factory=list)
    scores: list[int] = field(default_factory=list)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.taken if self.taken else 0.0

    @property
    def median_time(self) -> Optional[float]:
        return _median(self.times)

    @property
    def mean_score(self) -> Optional[float]:
        return sum(self.scores) / len(self.scores) if self.scores else None


def report(results: Iterable[Mapping[str, Any]], *, date_from: str, date_to: str, needed: int,
           trainees: Optional[Sequence[str]] = None) -> dict[str, Any]:
    """Trainer report over [date_from, date_to] (ISO dates, inclusive): per trainee, the cohort, trend by week."""
    rows = [dict(r) for r in results if date_from <= str(r["taken_at"])[:10] <= date_to
            and (not trainees or str(r["trainee"]) in trainees)]
    rows.sort(key=lambda r: (str(r["taken_at"]), str(r["result_uid"])))
    per: dict[str, TraineeSummary] = {}
    cohort = TraineeSummary("cohort")
    trend: dict[str, dict[str, list[Any]]] = {}
    for r in rows:
        for s in (per.setdefault(str(r["trainee"]), TraineeSummary(str(r["trainee"]))), cohort):
            s.taken += 1
            s.passed += int(r["passed"])
            s.critical += int(r["critical"])
            s.scores.append(int(r["score"]))
            if r.get("decision_offset_s") not in (None, ""):
                s.times.append(float(r["decision_offset_s"]))
        week = iso_week(str(r["taken_at"]))
        w = trend.setdefault(week, {"scores": [], "passed": []})
        w["scores"].append(int(r["score"]))
        w["passed"].append(int(r["passed"]))
    ready = ready_for_live(rows, needed)
    weeks = [{"week": k, "mean_score": sum(v["scores"]) / len(v["scores"]),
              "pass_rate": sum(v["passed"]) / len(v["passed"]), "taken": len(v["scores"])}
             for k, v in sorted(trend.items())]
    return {"date_from": date_from, "date_to": date_to, "needed": needed, "rows": rows,
            "trainees": [per[k] for k in sorted(per)], "cohort": cohort, "trend": weeks, "ready": ready}


def iso_week(ts: str) -> str:
    d = _dt.date.fromisoformat(ts[:10])
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def results_csv(results: Iterable[Mapping[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(RESULT_FIELDS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in results:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in RESULT_FIELDS})
    return buf.getvalue()


class ResultsCsvError(ValueError):
    """A results CSV that cannot be imported (names the line and the problem)."""


def parse_results_csv(text: str, *, file: str = "results.csv") -> list[dict[str, Any]]:
    """Rows of an exported results CSV, checked: refuses the whole file (naming line and problem) if any is bad."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in RESULT_FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise ResultsCsvError(f"{file}: line 1: not a training results file (missing columns: {', '.join(missing)})")
    extra = [f for f in (reader.fieldnames or []) if f not in RESULT_FIELDS]
    if extra:
        raise ResultsCsvError(f"{file}: line 1: unexpected columns {', '.join(extra)} (personal data is never "
                              "imported)")
    out = []
    for i, row in enumerate(reader, start=2):
        try:
            r: dict[str, Any] = dict(row)
            if not r["result_uid"] or not r["trainee"] or not r["scenario_id"]:
                raise ValueError("result_uid, trainee and scenario_id are required")
            _dt.datetime.fromisoformat(str(r["taken_at"]).replace("Z", "+00:00"))
            for k in ("score", "passed", "critical", "major", "minor", "escalated"):
                r[k] = int(r[k])
            if not 0 <= r["score"] <= 100 or r["passed"] not in (0, 1):
                raise ValueError("score must be 0-100 and passed 0 or 1")
            r["decision_offset_s"] = float(r["decision_offset_s"]) if r["decision_offset_s"] else None
            if r["pathway"] not in PATHWAYS:
                raise ValueError(f"unknown pathway '{r['pathway']}'")
        except (ValueError, TypeError, KeyError) as exc:
            raise ResultsCsvError(f"{file}: line {i}: {exc}") from None
        out.append(r)
    return out
