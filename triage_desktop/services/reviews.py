"""Supervisors' reviews of live calls: part of the services facade (AppServices.review_api; live database only).

No Qt. Everything here covers the calls stored on this PC; nothing of a review leaves it (no outbox row, no new
version)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from ..core import scoring as sc
from .roles import has_role
from .training import TrainingError, _db

if TYPE_CHECKING:  # pragma: no cover
    from .app import AppServices


class ReviewService:
    """The supervisor's weekly sample of live calls, automatic checks, ratify/query, QA report (live database)."""

    def __init__(self, svc: "AppServices"):
        self.svc = svc

    def _require_live(self) -> None:
        if self.svc.training:
            raise TrainingError("Reviews are of live calls: open the app in live mode.")

    @property
    def coverage(self) -> str:
        return "Calls stored on this PC only."

    @_db
    def sample(self, week: str, *, size: Optional[int] = None, seed: Optional[str] = None) -> list[dict[str, Any]]:
        """The week's sample: every override, early exit and immediate risk, plus the random share, per handler."""
        from ..core.sampling import week_bounds, weekly_sample
        from ..store.training import Reviews

        self._require_live()
        lo, hi = week_bounds(week)
        rv = Reviews(self.svc.store)
        calls = rv.candidates(lo, hi)
        by_uuid = {c["uuid"]: c for c in calls}
        size = self.svc.settings.get_int("review_sample_size") if size is None else size
        seed = str(self.svc.settings.get("review_seed")) if seed is None else seed
        out = []
        for s in weekly_sample(calls, week=week, size=size, seed=seed):
            c = dict(by_uuid[s.uuid])
            c["why"] = s.why
            reviews = rv.for_call(s.uuid)
            c["review"] = reviews[-1] if reviews else None
            out.append(c)
        return out

    @_db
    def checks(self, call_uuid: str) -> sc.Score:
        """The automatic compliance checks on one live call (read only)."""
        row = self.svc._calls.get(call_uuid)
        run = self.svc._libs.replay(row)
        path = sc.path_from_run(run, caller_informed=bool(row["caller_informed"]))
        return sc.review_checks(path, time_target_s=self.svc.settings.get_float("review_decision_target_s"),
                                pass_mark=self.svc.settings.get_int("training_pass_mark"))

    @_db
    def review(self, call_uuid: str, *, verdict: str, reviewer: str, comment: str = "", week: str = "",
               why: str = "") -> int:
        """Ratify or query a sampled call: a review record and an audit event; the call itself never changes."""
        from ..core.sampling import iso_week_of
        from ..store.training import Reviews

        self._require_live()
        if not has_role(self.svc.store.settings, "supervisor"):
            raise TrainingError("Only a supervisor reviews calls (the role is set in Settings).")
        row = self.svc._calls.get(call_uuid)
        if reviewer.strip() and reviewer.strip() == (row["handler_id"] or ""):
            raise TrainingError("A supervisor does not review their own call.")
        score = self.checks(call_uuid).to_dict()
        try:
            return Reviews(self.svc.store).add(call_uuid=call_uuid, reviewer=reviewer, role="supervisor",
                                               verdict=verdict, comment=comment,
                                               week=week or iso_week_of(row["started_at"]), sampled_why=why,
                                               score=score)
        except ValueError as exc:
            raise TrainingError(str(exc)) from None

    @_db
    def reviews_for(self, call_uuid: str) -> list[dict[str, Any]]:
        from ..store.training import Reviews

        return Reviews(self.svc.store).for_call(call_uuid)

    @_db
    def open_queries(self, handler_id: str) -> list[dict[str, Any]]:
        from ..store.training import Reviews

        if self.svc.training or not handler_id:
            return []
        return Reviews(self.svc.store).open_queries(handler_id)

    @_db
    def acknowledge(self, review_id: int, handler_id: str) -> None:
        from ..store.training import Reviews

        try:
            Reviews(self.svc.store).acknowledge(review_id, handler_id)
        except ValueError as exc:
            raise TrainingError(str(exc)) from None

    @_db
    def qa_report(self, date_from: str, date_to: str) -> dict[str, Any]:
        """Per handler: calls reviewed, ratified, queried, mean score, critical deviations (reviews in the range)."""
        from ..store.training import Reviews

        per: dict[str, dict[str, Any]] = {}
        for r in Reviews(self.svc.store).between(date_from, date_to):
            h = per.setdefault(r["handler_id"] or "(none)", {"handler": r["handler_id"] or "(none)", "reviewed": 0,
                                                           "ratified": 0, "queried": 0, "scores": [],
                                                           "critical": 0, "deviations": {}})
            h["reviewed"] += 1
            h[r["verdict"]] += 1
            h["scores"].append(r["score"])
            h["critical"] += r["critical"]
            for k in json.loads(r["deviations"] or "[]"):
                h["deviations"][k] = h["deviations"].get(k, 0) + 1
        rows = []
        for h in sorted(per.values(), key=lambda x: x["handler"]):
            h["mean_score"] = sum(h["scores"]) / len(h["scores"]) if h["scores"] else None
            rows.append(h)
        return {"date_from": date_from, "date_to": date_to, "handlers": rows, "coverage": self.coverage}

    @_db
    def qa_csv(self, target: str | os.PathLike[str], date_from: str, date_to: str) -> int:
        import csv
        import io

        rep = self.qa_report(date_from, date_to)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["handler", "reviewed", "ratified", "queried", "mean_score", "critical_deviations",
                    "deviation_kinds"])
        for h in rep["handlers"]:
            w.writerow([h["handler"], h["reviewed"], h["ratified"], h["queried"],
                        "" if h["mean_score"] is None else f"{h['mean_score']:.1f}", h["critical"],
                        "; ".join(f"{k} {v}" for k, v in sorted(h["deviations"].items()))])
        Path(target).write_text(buf.getvalue(), encoding="utf-8")
        return len(rep["handlers"])
