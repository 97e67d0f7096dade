"""A hand-built data set for the figures tests: nine calls whose every figure is worked out by hand."""
from __future__ import annotations

import json
import uuid
from typing import Any

#: (name, started_at, pathway, outcome, police, ttd, extras)
CALLS: list[tuple[str, str, str, str, int, Any, dict[str, Any]]] = [
    ("c0", "2025-02-20T10:00:00+00:00", "welfare", "POLICE_PRIORITY", 1, 90.0, {}),  # the period before
    ("c1", "2025-03-04T09:00:00+00:00", "welfare", "MH_CRISIS_LINE", 0, 60.0, {"caller_type": "hcp_gp", "rollout_phase": 1}),
    ("c2", "2025-03-05T09:00:00+00:00", "welfare", "POLICE_EMERGENCY", 1, 30.0,
     {"caller_type": "self", "immediate_risk": 1}),
    ("c3", "2025-03-06T09:00:00+00:00", "s136", "S136_HANDOVER_ESCALATE", 1, 100.0,
     {"caller_type": "police", "flags_json": json.dumps(["over_one_hour"]), "minutes": 75}),
    ("c4", "2025-03-07T09:00:00+00:00", "awol", "HEALTH_PROVIDER_RESPONSIBLE", 0, 200.0,
     {"caller_type": "hcp_mh_unit", "overridden": 1, "original_outcome_code": "POLICE_PRIORITY"}),
    ("c5", "2025-03-10T09:00:00+00:00", "crisis", "AMBULANCE", 0, 40.0,
     {"flags_json": json.dumps(["medical_emergency"]), "early_exit": 1}),
    ("c6", "2025-03-11T09:00:00+00:00", "s136", "ADVICE_ONLY", 0, 50.0, {"caller_type": "police", "minutes": 20}),
    ("c7", "2025-03-10T18:00:00+00:00", "welfare", "ADVICE_ONLY", 0, 120.0, {"repeat_of": "c1"}),
    ("c8", "2025-03-12T09:00:00+00:00", "conveyance", "POLICE_PRIORITY", 1, None, {}),
]


def fill(conn: Any) -> dict[str, str]:
    """Insert the calls (and the s136 minutes answers) into a store database; returns name -> uuid."""
    ids = {name: str(uuid.UUID(int=i + 1, version=4)) for i, (name, *_r) in enumerate(CALLS)}
    for name, started, pathway, outcome, police, ttd, extras in CALLS:
        extras = dict(extras)
        minutes = extras.pop("minutes", None)
        repeat_of = extras.pop("repeat_of", None)
        row = {"uuid": ids[name], "mode": "live", "status": "in_progress", "version": 1, "flow_id": "entry_triage",
               "flow_version": "1.0.0", "flow_hash": "0" * 64, "pathway": pathway, "outcome_code": outcome,
               "police_attend": police, "started_at": started, "decision_offset_s": ttd, "duration_s": 300.0,
               "caller_informed": 1, "finalised_at": started,
               "repeat_links_json": json.dumps([ids[repeat_of]] if repeat_of else []), **extras}
        cols = list(row)
        conn.execute(f"INSERT INTO calls ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])
        if minutes is not None:
            conn.execute("INSERT INTO call_events (call_uuid, seq, kind, wall, offset_s, flow, node, value_json, "
                         "prev_call_hash, prev_hash, hash) VALUES (?, 5, 'answered', ?, 30, 's136_handover', "
                         "'minutes_at_pos', ?, '', '', ?)", (ids[name], started, json.dumps(minutes), uuid.uuid4().hex))
        conn.execute("UPDATE calls SET status = 'final' WHERE uuid = ?", (ids[name],))  # as the store finalises
    conn.commit()
    return ids
