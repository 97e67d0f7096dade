"""Training results and call reviews in SQLite (tables from migration 0030; no Qt).

Training results live in the training database only (the services refuse them on the live one); reviews live in
the live database beside the calls they review. A review never changes its call: it adds a `call_reviews` row and a
store-level audit event (`reviewed`, `review_acknowledged`) on the call's chain, in one transaction; no outbox row.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Optional

from ..core.training import RESULT_FIELDS
from .calls import CallStore, now_iso
from .database import Store

RESULT_COLUMNS = RESULT_FIELDS + ("call_uuid", "imported")


class TrainingResults:
    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    def add(self, record: Mapping[str, Any], *, call_uuid: Optional[str], imported: bool = False) -> bool:
        """Insert one result; False when a result with the same uid is already there (import is idempotent)."""
        row = {k: record.get(k) for k in RESULT_FIELDS}
        row["call_uuid"], row["imported"] = call_uuid, int(imported)
        cols = list(row)
        with self.store.writing():
            cur = self.conn.execute(f"INSERT OR IGNORE INTO training_results ({', '.join(cols)}) "
                                    f"VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])
        return cur.rowcount == 1

    _LINK = ("call_uuid", "scenario_id", "scenario_version", "trainee", "trainer", "session_id", "started_at")

    def link_call(self, call_uuid: str, **fields: str) -> None:
        """Which scenario a training call plays (kept beside the call, never in its notes)."""
        row = {"call_uuid": call_uuid, **fields}
        with self.store.writing():
            self.conn.execute(f"INSERT INTO training_calls ({', '.join(self._LINK)}) VALUES "
                              f"({', '.join('?' * len(self._LINK))})", [row.get(c, "") for c in self._LINK])

    def call_link(self, call_uuid: str) -> Optional[dict[str, str]]:
        r = self.conn.execute(f"SELECT {', '.join(self._LINK)} FROM training_calls WHERE call_uuid = ?",
                              (call_uuid,)).fetchone()
        return dict(zip(self._LINK, r)) if r else None

    def all(self, *, date_from: str = "", date_to: str = "9999") -> list[dict[str, Any]]:
        cur = self.conn.execute(f"SELECT {', '.join(RESULT_COLUMNS)} FROM training_results "
                                "WHERE substr(taken_at, 1, 10) BETWEEN ? AND ? ORDER BY taken_at, result_uid",
                                (date_from or "0000", date_to))
        return [dict(zip(RESULT_COLUMNS, r)) for r in cur]


class Reviews:
    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn
        self._calls = CallStore(store)

    def candidates(self, date_from: str, date_to: str) -> list[dict[str, Any]]:
        """Finalised live calls in [date_from, date_to] (ISO dates) with what the sampling rule needs."""
        cols = ("uuid", "handler_id", "started_at", "overridden", "early_exit", "immediate_risk", "outcome_code",
                "pathway", "decision_offset_s", "caller_informed")
        cur = self.conn.execute(
            f"SELECT {', '.join(cols)} FROM calls WHERE mode = 'live' AND status = 'final' AND demo = 0 "
            "AND substr(started_at, 1, 10) BETWEEN ? AND ? ORDER BY started_at, uuid", (date_from, date_to))
        return [dict(zip(cols, r)) for r in cur]

    def add(self, *, call_uuid: str, reviewer: str, role: str, verdict: str, comment: str, week: str,
            sampled_why: str, score: Mapping[str, Any]) -> int:
        """The review row and its audit event, in one transaction; returns the review id."""
        if verdict not in ("ratified", "queried"):
            raise ValueError("a review is 'ratified' or 'queried'")
        if not reviewer.strip():
            raise ValueError("a review needs the reviewer's staff id")
        if verdict == "queried" and not comment.strip():
            raise ValueError("say what the query is about (a comment is required)")
        row = self._calls.get(call_uuid)
        if row["status"] != "final" or row["mode"] != "live":
            raise ValueError("only finalised live calls are reviewed")
        with self.store.writing():
            cur = self.conn.execute(
                "INSERT INTO call_reviews (call_uuid, handler_id, reviewer, verdict, comment, week, sampled_why, "
                "score, critical, major, minor, deviations, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (call_uuid, row["handler_id"] or "", reviewer.strip(), verdict, comment.strip(), week, sampled_why,
                 int(score["score"]), int(score["critical"]), int(score["major"]), int(score["minor"]),
                 json.dumps([d["kind"] for d in score.get("deviations", [])]), now_iso()))
            rid = int(cur.lastrowid or 0)
            self._calls._insert_event(call_uuid, kind="reviewed", wall=now_iso(), offset=0.0,
                                      actor=reviewer.strip(), role=role,
                                      value={"review_id": rid, "verdict": verdict, "score": int(score["score"])},
                                      reason=comment.strip() or None)
        return rid

    def acknowledge(self, review_id: int, handler_id: str) -> None:
        with self.store.writing():
            r = self.conn.execute("SELECT call_uuid, handler_id, verdict, acknowledged_at FROM call_reviews "
                                  "WHERE id = ?", (review_id,)).fetchone()
            if r is None:
                raise ValueError(f"no review {review_id}")
            if r[2] != "queried" or r[3] is not None:
                return
            if r[1] and r[1] != handler_id:
                raise ValueError("only the handler who took the call acknowledges its query")
            self.conn.execute("UPDATE call_reviews SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                              (now_iso(), handler_id, review_id))
            self._calls._insert_event(r[0], kind="review_acknowledged", wall=now_iso(), offset=0.0,
                                      actor=handler_id, value={"review_id": review_id})

    _COLS = ("id", "call_uuid", "handler_id", "reviewer", "verdict", "comment", "week", "sampled_why", "score",
             "critical", "major", "minor", "deviations", "created_at", "acknowledged_at", "acknowledged_by")

    def _rows(self, where: str, args: Iterable[Any]) -> list[dict[str, Any]]:
        cur = self.conn.execute(f"SELECT {', '.join(self._COLS)} FROM call_reviews WHERE {where} ORDER BY id",
                                tuple(args))
        return [dict(zip(self._COLS, r)) for r in cur]

    def for_call(self, call_uuid: str) -> list[dict[str, Any]]:
        return self._rows("call_uuid = ?", (call_uuid,))

    def open_queries(self, handler_id: str) -> list[dict[str, Any]]:
        return self._rows("handler_id = ? AND verdict = 'queried' AND acknowledged_at IS NULL", (handler_id,))

    def between(self, date_from: str, date_to: str) -> list[dict[str, Any]]:
        return self._rows("substr(created_at, 1, 10) BETWEEN ? AND ?", (date_from, date_to))
