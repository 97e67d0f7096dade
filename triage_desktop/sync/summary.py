"""Build, canonicalise and check the anonymised call summary that is synced to the collector."""
from __future__ import annotations

import hashlib
import hmac
import json
import math
import uuid
from datetime import datetime, timezone
from typing import Any, Mapping, Optional

from ..core.summary_vocab import PARTNER_CODES, s136_band
from ..core.vocab import FLAGS, OUTCOME_CODES, THRIVE_FIELDS, V1_SUMMARY_CODE
from .schema import SCHEMA_VERSION, SummaryInvalid, load_schema, validate_summary

__all__ = [
    "SCHEMA_VERSION",
    "SummaryInvalid",
    "build_summary",
    "canonical_json",
    "payload_hash",
    "outbox_row",
    "handler_key",
    "validate_summary",
]


#: Columns of the calls row that build_summary reads; nothing else is ever looked at.
SUMMARY_COLUMNS = (
    "uuid", "mode", "status", "version", "flow_id", "flow_version", "flow_hash", "flows_json",
    "pathway", "outcome_code", "original_outcome_code", "response", "grade", "police_attend",
    "flags_json", "thrive_levels_json", "immediate_risk", "early_exit", "overridden", "handover",
    "caller_informed", "started_at", "decision_offset_s", "duration_s",
)
#: Columns version 2 reads as well (migration 0004's shared columns). handler_id is read only to make the
#: optional pseudonymous key, and only when the force enables it.
SUMMARY_COLUMNS_V2 = SUMMARY_COLUMNS + (
    "caller_type", "first_decision_code", "decision_raised", "repeat_links_json", "partners_json", "rollout_phase",
)


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def canonical_json(payload: Mapping[str, Any]) -> str:
    """The one text form of a payload: sorted keys, no spaces, ASCII only."""
    return _CANONICAL.encode(payload)


def payload_hash(payload: Mapping[str, Any] | str) -> str:
    """sha256 hex of the canonical JSON of a payload (a str is taken as already canonical)."""
    text = payload if isinstance(payload, str) else canonical_json(payload)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _fail(field: str, problem: str) -> SummaryInvalid:
    """An error that names the field and the problem, never the value (it may be personal)."""
    return SummaryInvalid(f"call summary: {field} {problem}")


def _uuid(value: Any, field: str) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        raise _fail(field, "is not a uuid") from None


def _bool(value: Any, field: str) -> bool:
    if value in (0, 1, None, True, False):
        return bool(value)
    raise _fail(field, "is not 0/1")


def _seconds(value: Any, field: str, *, nullable: bool) -> Optional[float]:
    if value is None:
        if nullable:
            return None
        raise _fail(field, "is missing")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _fail(field, "is not a number") from None
    if not math.isfinite(number) or number < 0:
        raise _fail(field, "is not a non-negative number")
    return round(number, 1)


def _minute_utc(value: Any, field: str) -> str:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise _fail(field, "is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def _json(value: Any, field: str, kind: type) -> Any:
    if value is None or value == "":
        return kind()
    if isinstance(value, kind):
        return value
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        raise _fail(field, "is not valid JSON") from None
    if parsed is None:
        return kind()
    if not isinstance(parsed, kind):
        raise _fail(field, f"is not a JSON {kind.__name__}")
    return parsed


def _flow_ref(ref: Any, field: str) -> dict[str, str]:
    if not isinstance(ref, Mapping):
        raise _fail(field, "is not a flow reference")
    return {"id": str(ref.get("id", "")), "version": str(ref.get("version", "")), "hash": str(ref.get("hash", ""))}


def _level(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def handler_key(secret: str, handler_id: Any) -> Optional[str]:
    """The pseudonymous per-force handler key: HMAC-SHA256(force secret, handler id), 16 hex digits (None if no id)."""
    ident = str(handler_id or "").strip()
    if not secret or not ident:
        return None
    return hmac.new(secret.encode("utf-8"), ident.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def _partner_codes(value: Any) -> list[str]:
    """Partner directory codes offered (entries may be codes or objects with a code); codes outside the shared
    vocabulary (a force's local service) are left out of the summary, never sent as text."""
    codes = set()
    for entry in _json(value, "partners_json", list):
        code = entry.get("code") if isinstance(entry, Mapping) else entry
        if isinstance(code, str) and code in PARTNER_CODES:
            codes.add(code)
    return sorted(codes)


def _phase(value: Any) -> Optional[int]:
    if value is None or value == "":
        return None
    try:
        phase = int(value)
    except (TypeError, ValueError):
        raise _fail("rollout_phase", "is not an integer") from None
    return phase


def _v2_fields(call: Mapping[str, Any], *, s136_minutes: Optional[float], handler_secret: Optional[str]) -> dict[str, Any]:
    links = _json(call.get("repeat_links_json"), "repeat_links_json", list)
    fields: dict[str, Any] = {
        "caller_type": call.get("caller_type") or None,
        "first_decision_code": call.get("first_decision_code") or None,
        "decision_raised": _bool(call.get("decision_raised"), "decision_raised"),
        "repeat_contact": bool(links),
        "s136_minutes_band": s136_band(s136_minutes),
        "partners": _partner_codes(call.get("partners_json")),
        "rollout_phase": _phase(call.get("rollout_phase")),
    }
    key = handler_key(handler_secret or "", call.get("handler_id")) if handler_secret else None
    if key:
        fields["handler_key"] = key
    return fields


def _summary_flag(flag: str, version: int) -> bool:
    """Vocabulary flags newer than the schema being written (e.g. added by issue 8) are left out until it lists
    them; anything else is kept, so a flag that is not in the vocabulary at all is still rejected by the schema."""
    known = load_schema(version).get("$defs", {}).get("flag", {}).get("enum")
    return known is None or flag in known or flag not in FLAGS


def _v1_code(code: Any) -> Any:
    """The summary-v1 code for an outcome code (codes newer than v1 map to their nearest v1 code)."""
    return V1_SUMMARY_CODE.get(code, code) if isinstance(code, str) else code


def build_summary(call: Mapping[str, Any], *, device_id: str, force_code: str, schema_version: int = SCHEMA_VERSION,
                  s136_minutes: Optional[float] = None, handler_secret: Optional[str] = None) -> dict[str, Any]:
    """Turn a finalised live `calls` row into the anonymised summary payload (pure; raises ValueError).

    Version 2 (the default) also takes the minutes at the place of safety (the s136 flow's answer, from the call's
    events) and, when the force enables it, the force's handler-key secret.
    """
    if schema_version not in (1, 2):
        raise _fail("schema_version", "is not a version this software writes")
    mode = call.get("mode")
    if mode == "training":
        raise SummaryInvalid("call summary: training calls are never summarised or synced")
    if mode != "live":
        raise _fail("mode", "is not 'live'")
    if call.get("status") != "final":
        raise _fail("status", "is not 'final' (only finalised calls are summarised)")
    version = call.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail("version", "is not an integer")
    entry_flow = {
        "id": str(call.get("flow_id") or ""),
        "version": str(call.get("flow_version") or ""),
        "hash": str(call.get("flow_hash") or ""),
    }
    flows = [_flow_ref(ref, "flows_json") for ref in _json(call.get("flows_json"), "flows_json", list)]
    flags = _json(call.get("flags_json"), "flags_json", list)
    levels = _json(call.get("thrive_levels_json"), "thrive_levels_json", dict)
    original = call.get("original_outcome_code") or None
    code = call.get("outcome_code")
    response, grade = call.get("response"), call.get("grade") or None
    if schema_version == 1:  # a code newer than summary v1: the nearest v1 code, with its response and grade
        original = _v1_code(original)
        if code in V1_SUMMARY_CODE:
            code = V1_SUMMARY_CODE[code]
            response, grade = OUTCOME_CODES[code].response, OUTCOME_CODES[code].grade
    summary: dict[str, Any] = {
        "schema_version": schema_version,
        "call_uuid": _uuid(call.get("uuid"), "uuid"),
        "call_version": version,
        "device_id": _uuid(device_id, "device_id"),
        "force_code": force_code,
        "flow": entry_flow,
        "flows": flows or [dict(entry_flow)],
        "pathway": call.get("pathway"),
        "outcome_code": code,
        "original_outcome_code": original,
        "response": response,
        "police_attend": _bool(call.get("police_attend"), "police_attend"),
        "grade": grade,
        "flags": sorted({str(flag) for flag in flags if _summary_flag(str(flag), schema_version)}),
        "thrive_levels": {key: _level(levels.get(key)) for key in THRIVE_FIELDS},
        "started_at": _minute_utc(call.get("started_at"), "started_at"),
        "time_to_decision_s": _seconds(call.get("decision_offset_s"), "decision_offset_s", nullable=True),
        "duration_s": _seconds(call.get("duration_s"), "duration_s", nullable=False),
        "immediate_risk": _bool(call.get("immediate_risk"), "immediate_risk"),
        "early_exit": _bool(call.get("early_exit"), "early_exit"),
        "overridden": _bool(call.get("overridden"), "overridden"),
        "handover": _bool(call.get("handover"), "handover"),
        "caller_informed": _bool(call.get("caller_informed"), "caller_informed"),
    }
    if schema_version >= 2:
        del summary["response"]  # the outcome code says it; new codes have no version-1 response text
        summary.update(_v2_fields(call, s136_minutes=s136_minutes, handler_secret=handler_secret))
    validate_summary(summary)
    return summary


def outbox_row(
    call: Mapping[str, Any], *, device_id: str, force_code: str, now: Optional[datetime] = None,
    s136_minutes: Optional[float] = None, handler_secret: Optional[str] = None,
) -> dict[str, Any]:
    """The `outbox` row (without id) for a finalised live call, ready to insert in the finalise transaction."""
    summary = build_summary(call, device_id=device_id, force_code=force_code, s136_minutes=s136_minutes,
                            handler_secret=handler_secret)
    text = canonical_json(summary)
    created = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return {
        "call_uuid": summary["call_uuid"],
        "call_version": summary["call_version"],
        "payload": text,
        "payload_hash": payload_hash(text),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": None,
        "last_error": None,
        "created_at": created.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "synced_at": None,
    }
