"""Retention: purge personal details and free text after N days; the anonymised record stays for reporting."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional

from .calls import PURGED_TEXT, CallStore, now_iso
from .database import Store

ABANDON_REASON = "not resumed within the retention period"
REASON_COLUMNS = ("override_reason", "early_exit_reason", "immediate_risk_reason", "abandon_reason")


@dataclass(frozen=True)
class PurgeResult:
    """What one purge did."""

    cutoff: str
    retention_days: int
    calls_abandoned: int = 0
    calls_purged: int = 0
    events_purged: int = 0


def cutoff_for(days: int, now: Optional[_dt.datetime] = None) -> str:
    """Calls started before this ISO time are past retention."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return (now - _dt.timedelta(days=days)).isoformat(timespec="milliseconds")


def redact(text: Optional[str], secrets: list[Optional[str]]) -> Optional[str]:
    """The rationale with every typed reason in it replaced by the purge marker."""
    if text is None:
        return None
    for s in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(s, PURGED_TEXT)
    return text


def purge_expired(store: Store, *, days: int, now: Optional[_dt.datetime] = None) -> PurgeResult:
    """One transaction: abandon stale in-progress calls, blank personal/free-text fields, log a 'purge' event."""
    if days < 1:
        raise ValueError("retention_days must be at least 1")
    cutoff = cutoff_for(days, now)
    calls = CallStore(store)
    conn = store.conn
    stale = [r[0] for r in conn.execute(
        "SELECT uuid FROM calls WHERE status = 'in_progress' AND started_at < ?", (cutoff,))]
    todo = conn.execute(
        "SELECT uuid, rationale, " + ", ".join(REASON_COLUMNS) + " FROM calls "
        "WHERE personal_salt IS NOT NULL AND started_at < ? AND status <> 'in_progress'", (cutoff,)).fetchall()
    if not stale and not todo:
        return PurgeResult(cutoff, days)
    stamp = now_iso()
    purged = events = 0
    with store.writing():
        for call_uuid in stale:
            calls.abandon(call_uuid, None, ABANDON_REASON, duration_s=None, actor="system", role="retention")
        todo = conn.execute(
            "SELECT uuid, rationale, " + ", ".join(REASON_COLUMNS) + " FROM calls "
            "WHERE personal_salt IS NOT NULL AND started_at < ? AND status <> 'in_progress'", (cutoff,)).fetchall()
        for call_uuid, rationale, *reasons in todo:
            conn.execute(
                "UPDATE calls SET caller_name = NULL, caller_phone = NULL, address = NULL, notes = NULL, "
                "override_reason = NULL, early_exit_reason = NULL, immediate_risk_reason = NULL, "
                "abandon_reason = NULL, rationale = ?, personal_salt = NULL, personal_purged_at = ? WHERE uuid = ?",
                (redact(rationale, reasons), stamp, call_uuid))
            cur = conn.execute(
                "UPDATE call_events SET value_json = CASE WHEN value_private = 1 THEN NULL ELSE value_json END, "
                "reason = NULL, text = NULL, private_salt = NULL, purged = 1 "
                "WHERE call_uuid = ? AND private_salt IS NOT NULL", (call_uuid,))
            purged += 1
            events += cur.rowcount
        from .repeat import purge_repeat_keys  # repeat-contact hashes go with the personal data (issue 8)

        purge_repeat_keys(store, cutoff)
        calls.db_event("purge", {"cutoff": cutoff, "retention_days": days, "calls": purged,
                                 "events": events, "abandoned": len(stale)})
    return PurgeResult(cutoff, days, len(stale), purged, events)
