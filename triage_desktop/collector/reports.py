"""Read-side queries of the collector: reconcile keys and digests, and aggregate counts."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import Engine, and_, func, select

from ..sync.protocol import Key, prefix_upper_bound, reconcile_digests
from .db import summaries


def held_keys(engine: Engine, device_id: str, prefix: str) -> list[Key]:
    """Every (uuid, version, hash) held for a device whose uuid starts with prefix, sorted."""
    query = select(summaries.c.call_uuid, summaries.c.call_version, summaries.c.payload_hash).where(
        and_(
            summaries.c.device_id == device_id,
            summaries.c.call_uuid >= prefix,
            summaries.c.call_uuid < prefix_upper_bound(prefix),
        )
    )
    with engine.connect().execution_options(read_only=True) as conn:
        keys = [(u, int(v), h) for u, v, h in conn.execute(query)]
    keys.sort()
    return keys


def reconcile_answer(engine: Engine, device_id: str, prefix: str, list_keys: bool, max_keys: int) -> dict[str, Any]:
    """Count, digest and per-digit buckets of what is held for a device under a uuid prefix (and the keys if asked)."""
    keys = held_keys(engine, device_id, prefix)
    digest, buckets = reconcile_digests(keys, prefix)
    answer: dict[str, Any] = {
        "device_id": device_id,
        "prefix": prefix,
        "count": len(keys),
        "digest": digest,
        "buckets": buckets,
    }
    if list_keys:
        if len(keys) > max_keys:
            answer["keys"] = None
            answer["too_many_keys"] = True
        else:
            answer["keys"] = [list(k) for k in keys]
    return answer


def aggregate_rows(engine: Engine, since: Optional[str], until: Optional[str], force_code: Optional[str]) -> list[dict[str, Any]]:
    """Counts of summaries by ISO week, pathway and outcome, across devices (only the latest version of each call)."""
    latest = (
        select(summaries.c.call_uuid, func.max(summaries.c.call_version).label("v"))
        .group_by(summaries.c.call_uuid)
        .subquery()
    )
    joined = summaries.join(
        latest, and_(summaries.c.call_uuid == latest.c.call_uuid, summaries.c.call_version == latest.c.v)
    )
    query = select(
        summaries.c.iso_week, summaries.c.pathway, summaries.c.outcome_code, func.count().label("count")
    ).select_from(joined)
    if since:
        query = query.where(summaries.c.iso_week >= since)
    if until:
        query = query.where(summaries.c.iso_week <= until)
    if force_code:
        query = query.where(summaries.c.force_code == force_code)
    query = query.group_by(summaries.c.iso_week, summaries.c.pathway, summaries.c.outcome_code).order_by(
        summaries.c.iso_week, summaries.c.pathway, summaries.c.outcome_code
    )
    with engine.connect().execution_options(read_only=True) as conn:
        return [
            {"iso_week": w, "pathway": p, "outcome_code": o, "count": int(c)} for w, p, o, c in conn.execute(query)
        ]
