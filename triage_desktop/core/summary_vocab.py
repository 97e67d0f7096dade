"""Vocabularies that summary schema version 2 adds (caller types, partner codes, new outcomes, s136 bands)."""
from __future__ import annotations

from typing import Optional

from .vocab import OUTCOME_CODES

#: Caller types (agreed flow-format v2 spec; the `callers` branch puts them in core/vocab.py): code -> group.
CALLER_TYPES: dict[str, str] = {
    "self": "self",
    "family_friend_public": "third_party",
    "hcp_ae_ward": "professional",
    "hcp_mh_unit": "professional",
    "hcp_community": "professional",
    "hcp_gp": "professional",
    "hcp_care_provider": "professional",
    "ambulance": "professional",
    "police": "professional",
}
CALLER_TYPE_LABELS: dict[str, str] = {
    "self": "The person at risk (themselves)",
    "family_friend_public": "Family, friend or member of the public",
    "hcp_ae_ward": "Health professional: A&E or ward",
    "hcp_mh_unit": "Mental-health unit",
    "hcp_community": "Community mental-health or care team",
    "hcp_gp": "GP surgery",
    "hcp_care_provider": "Care home / care provider",
    "ambulance": "Ambulance service",
    "police": "Police officer (e.g. at a place of safety)",
}

#: Partner directory codes (agreed flow-format v2 spec).
PARTNER_CODES: tuple[str, ...] = (
    "ambulance", "nhs_111_mh", "crisis_team", "amhp_service", "mh_practitioner", "street_triage",
    "adult_social_care", "childrens_services", "gp", "on_call_health_manager", "police_supervisor",
    "place_of_safety", "mh_unit", "moj_mhcs", "samaritans",
)

#: Outcome codes other branches add (content: AMHP referral, officers hand over and leave; forcepack: a pathway
#: not yet under RCRP follows force procedure), with whether police attend. Summary v2 accepts all of them.
NEW_OUTCOME_CODES: dict[str, bool] = {
    "AMHP_REFERRAL": False,
    "POLICE_HANDOVER_LEAVE": False,
    "FORCE_PROCEDURE": False,
}
#: Every outcome code summary version 2 accepts.
V2_OUTCOME_CODES: tuple[str, ...] = tuple(OUTCOME_CODES) + tuple(c for c in NEW_OUTCOME_CODES if c not in OUTCOME_CODES)

#: Bands of time at the place of safety (s136 handover), in minutes: (code, lower bound inclusive, upper exclusive).
S136_BANDS: tuple[tuple[str, float, Optional[float]], ...] = (
    ("under_30", 0, 30),
    ("30_59", 30, 60),
    ("60_119", 60, 120),
    ("120_239", 120, 240),
    ("240_plus", 240, None),
)
S136_BAND_LABELS: dict[str, str] = {
    "under_30": "Under 30 min", "30_59": "30-59 min", "60_119": "1-2 h", "120_239": "2-4 h", "240_plus": "4 h or more",
}

#: RCRP rollout phases (College of Policing toolkit, domain brief §11).
ROLLOUT_PHASES: dict[int, str] = {
    1: "Phase 1: concern for welfare",
    2: "Phase 2: walk-outs and AWOL",
    3: "Phase 3: transport of patients",
    4: "Phase 4: s136 and voluntary patients",
}


def s136_band(minutes: Optional[float]) -> Optional[str]:
    """The band code for minutes at the place of safety (None when not known)."""
    if minutes is None or minutes < 0:
        return None
    for code, low, high in S136_BANDS:
        if minutes >= low and (high is None or minutes < high):
            return code
    return None

