"""Training sessions: part of the services facade (AppServices.training_api; the reviews are in services/reviews.py).

No Qt. Training works only on the training database (AppServices.open(training=True)); reviews only on the live one.
Everything here covers the calls stored on this PC; nothing of a review leaves it (no outbox row, no new version).
"""
from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import uuid as _uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

from ..core import scoring as sc
from ..core import training as tr
from ..core.answers import answer_label
from ..core.engine import FlowRun
from .roles import SUPERVISOR_ROLES, TRAINER_ROLES, has_role  # noqa: F401 - re-exported

if TYPE_CHECKING:  # pragma: no cover
    from .app import AppServices, CallSession

#: The note recorded on the call when the trainer plays the escalation line (the trainee heard it).
ESCALATION_NOTE = "[training] escalation line played: "

def _db(method: Any) -> Any:
    """Run the method on the services' database worker when they have one (one thread owns the connection), at
    once when already there or when there is none."""
    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        worker = getattr(self.svc, "_worker", None)
        if worker is None:
            return method(self, *args, **kwargs)
        return worker.call(method, self, *args, **kwargs)

    return run


class TrainingError(ValueError):
    """A training or review action refused, with the reason in plain words."""


class ScenarioInvalid(TrainingError):
    def __init__(self, problems: Sequence[Any]):
        self.problems = list(problems)
        super().__init__("The scenario was not saved:\n" + "\n".join(f"  {p}" for p in self.problems))


def _today() -> str:
    return _dt.date.today().isoformat()


def entry_flow_of(library: Any) -> str:
    if "entry_triage" in library:
        return "entry_triage"
    return next((f.id for f in library if f.pathway == "entry"), next(iter(library)).id)


def answer_words(library: Any, flow: str, node: str, value: Any) -> str:
    try:
        n = library.node((flow, node))
    except KeyError:
        return str(value)
    if n.is_free_text:
        return "(free text)"
    return answer_label(n, value)


@dataclass
class Debrief:
    """Everything the debrief screen shows (plain data)."""

    scenario: Any
    result: dict[str, Any]
    score: sc.Score
    expected: list[dict[str, Any]]
    taken: list[dict[str, Any]]
    notes: list[str]
    learning_points: tuple[str, ...]
    ready_now: list[str] = field(default_factory=list)
    expected_outcome: str = ""
    taken_outcome: str = ""


class TrainingService:
    """Scenarios, training calls, scoring, results and the trainer report (training database only)."""

    def __init__(self, svc: "AppServices"):
        self.svc = svc
        self._scenarios: Optional[list[Any]] = None
        self.problems: list[Any] = []

    # ----- scenarios -------------------------------------------------------------------------------------
    @property
    def user_dir(self) -> Path:
        return self.svc.paths.data_dir / "scenarios"

    @property
    def entry_flow(self) -> str:
        return entry_flow_of(self.svc.library)

    def scenario_dirs(self) -> list[Path]:
        from ..core.scenarios import bundled_scenarios_dir

        dirs = []
        env = os.environ.get("TRIAGE_DESKTOP_SCENARIOS_DIR")
        for d in ([Path(env)] if env else [bundled_scenarios_dir()]) + [self.user_dir]:
            if d.is_dir() and any(d.glob("*.y*ml")):
                dirs.append(d)
        return dirs

    @_db
    def scenarios(self, *, reload: bool = False) -> list[Any]:
        """Bundled and user scenarios that pass the checker against this app's flows (the rest in .problems)."""
        if self._scenarios is None or reload:
            from ..core.scenario_replay import check_scenario
            from ..core.scenarios import load_scenarios

            dirs = self.scenario_dirs()
            loaded, problems = load_scenarios(dirs) if dirs else ([], [])
            ok = []
            for s in loaded:
                p = check_scenario(s, self.svc.library, self.entry_flow)
                problems.extend(p)
                if not [x for x in p if getattr(x, "is_error", True)]:
                    ok.append(s)
            self._scenarios, self.problems = ok, problems
        return list(self._scenarios)

    def scenario(self, scenario_id: str) -> Any:
        for s in self.scenarios():
            if s.id == scenario_id:
                return s
        raise TrainingError(f"no scenario '{scenario_id}' in the library")

    @_db
    def check_text(self, text: str, file_name: str) -> list[Any]:
        """The problems `scenarios check` would report for this text (empty: it would pass)."""
        from ..core.scenario_replay import check_scenario
        from ..core.scenarios import load_scenario_text

        s, problems = load_scenario_text(text, file=file_name)
        if s is None:
            return problems
        problems = list(problems) + check_scenario(s, self.svc.library, self.entry_flow)
        if any(x.id == s.id and Path(x.path).parent != self.user_dir for x in self.scenarios()):
            from ..core.problems import Problem

            problems.append(Problem(file_name, "id", f"a bundled scenario already has the id '{s.id}'", 0))
        return [p for p in problems if getattr(p, "is_error", True)]

    @_db
    def save_user_scenario(self, text: str, scenario_id: str) -> Path:
        """Check, then save as <user data dir>/scenarios/<id>.yaml. Raises ScenarioInvalid (nothing written)."""
        if not re.fullmatch(r"[a-z][a-z0-9_]*", scenario_id or ""):
            from ..core.problems import Problem

            raise ScenarioInvalid([Problem(f"{scenario_id}.yaml", "id", "id must be lower_snake_case", 0)])
        name = f"{scenario_id}.yaml"
        problems = self.check_text(text, name)
        if problems:
            raise ScenarioInvalid(problems)
        self.user_dir.mkdir(parents=True, exist_ok=True)
        target = self.user_dir / name
        tmp = target.with_suffix(".yaml.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        self.scenarios(reload=True)
        return target

    def draw(self, *, count: int, pathway: str = "", difficulty: str = "", seed: Optional[int] = None) -> list[Any]:
        return tr.draw(self.scenarios(), count=count, pathway=pathway, difficulty=difficulty, seed=seed)

    # ----- calls -----------------------------------------------------------------------------------------
    def _require_training(self) -> None:
        if not self.svc.training:
            raise TrainingError("Training calls are only taken in training mode (the training database).")

    @_db
    def start_call(self, scenario_id: str, *, trainee: str, trainer: str, session_id: str) -> "CallSession":
        """A training call for `trainee` on the scenario, in the normal call screen."""
        self._require_training()
        s = self.scenario(scenario_id)
        if not trainee.strip():
            raise TrainingError("Choose the trainee (their staff id) first.")
        session = self.svc.start_call(handler_id=trainee.strip(), role="call_handler", entry_flow=self.entry_flow)
        from ..store.training import TrainingResults

        TrainingResults(self.svc.store).link_call(session.uuid, scenario_id=s.id, scenario_version=s.version,
                                                  trainee=trainee.strip(), trainer=trainer or "",
                                                  session_id=session_id or "", started_at=session.run.started_at)
        return session

    @_db
    def inject_escalation(self, session: "CallSession", scenario_id: str) -> str:
        """The trainer plays the scenario's escalation line now: recorded on the call; returns the line."""
        self._require_training()
        esc = self.scenario(scenario_id).escalation
        if esc is None:
            raise TrainingError("This scenario has no escalation line.")
        session.note(ESCALATION_NOTE + esc.caller_says)
        return str(esc.caller_says)

    def question_title(self, scenario_id: str, key: tuple[str, str]) -> Optional[str]:
        """The title of a question of the flows in use (for the caller card), or None if there is none."""
        try:
            return str(self.svc.library.node(key).title)
        except KeyError:
            return None

    def caller_reply(self, scenario_id: str, key: tuple[str, str], *, escalated: bool = False) -> str:
        return tr.card_reply(self.scenario(scenario_id), self.svc.library, key, escalated=escalated)

    @_db
    def call_meta(self, call_uuid: str) -> Optional[dict[str, str]]:
        """Which scenario, trainee, trainer and session a training call belongs to (None: not a training call)."""
        from ..store.training import TrainingResults

        return TrainingResults(self.svc.store).call_link(call_uuid)

    @staticmethod
    def escalated_after(run: FlowRun) -> Optional[int]:
        """How many questions the trainee had answered when the escalation line was played (None: not played)."""
        answered: set[tuple[str, str]] = set()
        for e in run.events:
            if e.kind in ("answered", "changed"):
                answered.add((e.flow, e.node))
            elif e.kind == "note" and (e.text or "").startswith(ESCALATION_NOTE):
                return len(answered)
        return None

    @_db
    def score_call(self, call_uuid: str) -> Debrief:
        """Score a finalised training call against its scenario and record the result (once per call)."""
        self._require_training()
        from ..store.training import TrainingResults

        row = self.svc._calls.get(call_uuid)
        if row["status"] != "final":
            raise TrainingError("Finish the call before its debrief.")
        run = self.svc._libs.replay(row)
        meta = self.call_meta(call_uuid)
        if meta is None:
            raise TrainingError("This call was not started from a training session.")
        scenario = self.scenario(meta["scenario_id"])
        lib = self.svc._libs.for_call(row)
        path = sc.path_from_run(run, caller_informed=bool(row["caller_informed"]))
        after = self.escalated_after(run)
        pass_mark = self.svc.settings.get_int("training_pass_mark")
        result_score, notes, exp = tr.score_training(scenario, lib, path, escalated_after=after, pass_mark=pass_mark,
                                                          entry=run.entry_flow)
        existing = self.svc.store.conn.execute("SELECT result_uid FROM training_results WHERE call_uuid = ?",
                                               (call_uuid,)).fetchone()
        before = self.ready(meta["trainee"])
        record = tr.result_record(scenario=scenario, score=result_score, path=path, trainee=meta["trainee"],
                                  trainer=meta["trainer"], session_id=meta["session_id"],
                                  escalated=after is not None, expected=exp,
                                  taken_at=row["finalised_at"] or row["started_at"],
                                  result_uid=existing[0] if existing else str(_uuid.uuid4()),
                                  source_device=str(self.svc.settings.get("device_id") or ""))
        if existing is None:
            TrainingResults(self.svc.store).add(record, call_uuid=call_uuid)
        after_ready = self.ready(meta["trainee"])
        ready_now = sorted(p for p, v in after_ready.items() if v["ready"] and not before.get(p, {}).get("ready"))

        def rows(steps: Sequence[sc.Step]) -> list[dict[str, Any]]:
            return [{"flow": s.flow, "node": s.node, "title": s.title or s.node, "risk": s.risk,
                     "answer": answer_words(lib, s.flow, s.node, s.value)} for s in steps]

        expected_steps = exp.required() if exp.cut_at is not None else exp.scripted
        return Debrief(scenario=scenario, result=record, score=result_score, expected=rows(expected_steps),
                       taken=rows(path.steps), notes=notes, learning_points=tuple(scenario.learning_points),
                       ready_now=ready_now, expected_outcome=" or ".join(sorted(exp.outcome_codes)) or "(not scored)",
                       taken_outcome=path.outcome_code or "(none)")

    # ----- results -----------------------------------------------------------------------------------------
    @_db
    def results(self, date_from: str = "", date_to: str = "9999") -> list[dict[str, Any]]:
        from ..store.training import TrainingResults

        return TrainingResults(self.svc.store).all(date_from=date_from, date_to=date_to)

    @_db
    def ready(self, trainee: str) -> dict[str, dict[str, Any]]:
        needed = self.svc.settings.get_int("ready_for_live_passes")
        return tr.ready_for_live([r for r in self.results() if r["trainee"] == trainee], needed).get(trainee, {})

    @_db
    def trainees(self) -> list[str]:
        return sorted({r["trainee"] for r in self.results()})

    @_db
    def report(self, date_from: str, date_to: str, trainees: Optional[Sequence[str]] = None) -> dict[str, Any]:
        rep = tr.report(self.results(), date_from=date_from, date_to=date_to,
                        needed=self.svc.settings.get_int("ready_for_live_passes"), trainees=trainees)
        rep["coverage"] = "Training results stored on this PC (including results imported from other PCs)."
        return rep

    @_db
    def export_csv(self, target: str | os.PathLike[str], *, trainee: Optional[str] = None,
                   date_from: str = "", date_to: str = "9999") -> int:
        rows = [r for r in self.results(date_from, date_to) if trainee is None or r["trainee"] == trainee]
        Path(target).write_text(tr.results_csv(rows), encoding="utf-8")
        return len(rows)

    @_db
    def import_csv(self, source: str | os.PathLike[str]) -> tuple[int, int]:
        """Import another PC's exported results: (added, already here). A bad file is refused whole."""
        from ..store.training import TrainingResults

        p = Path(source)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TrainingError(f"{p.name}: cannot read it ({exc})") from None
        try:
            rows = tr.parse_results_csv(text, file=p.name)
        except tr.ResultsCsvError as exc:
            raise TrainingError(str(exc)) from None
        store = TrainingResults(self.svc.store)
        added = sum(1 for r in rows if store.add(r, call_uuid=None, imported=True))
        return added, len(rows) - added
