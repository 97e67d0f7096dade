"""What the summary needs beyond the calls row: the s136 minutes answer (from the events) and the handler-key secret."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Mapping, Optional

from .settings import Settings

#: The s136 flow's question for minutes at the place of safety.
S136_FLOW, S136_MINUTES_NODE = "s136_handover", "minutes_at_pos"

_MINUTES_SQL = ("SELECT value_json FROM call_events WHERE call_uuid = ? AND flow = ? AND node = ? "
                "AND kind IN ('answered', 'changed') ORDER BY id DESC LIMIT 1")


def _number(value_json: Optional[str]) -> Optional[float]:
    try:
        value = json.loads(value_json) if value_json else None
    except ValueError:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def s136_minutes(conn: sqlite3.Connection, call_uuid: str) -> Optional[float]:
    """The latest answer to the s136 minutes question on a call (None when it was not asked)."""
    row = conn.execute(_MINUTES_SQL, (call_uuid, S136_FLOW, S136_MINUTES_NODE)).fetchone()
    return _number(row[0]) if row else None


def summary_extras(conn: sqlite3.Connection, row: Mapping[str, Any], settings: Settings) -> dict[str, Any]:
    """Keyword arguments for sync.summary.outbox_row beyond the calls row (summary version 2)."""
    return {"s136_minutes": s136_minutes(conn, row["uuid"]),
            "handler_secret": settings.get("summary_handler_secret") or None}
