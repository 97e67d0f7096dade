"""The supervisor's weekly review sample (pure Python).

Per handler and ISO week: every call with an override, an early exit or an immediate risk, plus a random share of
the other calls (`size` of them, or all if fewer). The random share is drawn with a generator seeded by the seed,
the week and the handler id, so the same seed gives the same sample on any PC and any run.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import random
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

MUST_FLAGS = ("overridden", "early_exit", "immediate_risk")


@dataclass(frozen=True)
class Sampled:
    uuid: str
    handler_id: str
    why: str  # "override" | "early exit" | "immediate risk" | "random"


def week_bounds(week: str) -> tuple[str, str]:
    """'2026-W49' -> (monday, sunday) as ISO dates."""
    y, w = week.split("-W")
    monday = _dt.date.fromisocalendar(int(y), int(w), 1)
    return monday.isoformat(), (monday + _dt.timedelta(days=6)).isoformat()


def iso_week_of(ts: str) -> str:
    y, w, _ = _dt.date.fromisoformat(ts[:10]).isocalendar()
    return f"{y}-W{w:02d}"


def _why(call: Mapping[str, Any]) -> str:
    if call.get("immediate_risk"):
        return "immediate risk"
    if call.get("overridden"):
        return "override"
    if call.get("early_exit"):
        return "early exit"
    return ""


def weekly_sample(calls: Iterable[Mapping[str, Any]], *, week: str, size: int, seed: str) -> list[Sampled]:
    """The week's sample per handler (calls: dicts with uuid, handler_id, started_at and the MUST_FLAGS)."""
    lo, hi = week_bounds(week)
    by_handler: dict[str, list[Mapping[str, Any]]] = {}
    for c in calls:
        if lo <= str(c["started_at"])[:10] <= hi:
            by_handler.setdefault(str(c.get("handler_id") or ""), []).append(c)
    out: list[Sampled] = []
    for handler in sorted(by_handler):
        rows = sorted(by_handler[handler], key=lambda c: (str(c["started_at"]), str(c["uuid"])))
        must = [c for c in rows if _why(c)]
        rest = [c for c in rows if not _why(c)]
        digest = hashlib.sha256(f"{seed}\x00{week}\x00{handler}".encode()).hexdigest()
        rng = random.Random(int(digest[:16], 16))
        picked = rng.sample(rest, min(max(0, size), len(rest)))
        picked_ids = {c["uuid"] for c in picked}
        out.extend(Sampled(str(c["uuid"]), handler, _why(c)) for c in must)
        out.extend(Sampled(str(c["uuid"]), handler, "random") for c in rest if c["uuid"] in picked_ids)
    return out
