"""The controlled vocabularies: outcome codes, flags, pathways, THRIVE (from docs: shared domain §4–5)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class OutcomeCode:
    """One entry of the outcome vocabulary."""

    code: str
    police: bool
    grade: Optional[str]  # emergency | priority | scheduled | resolved | None (another agency)
    response: str
    meaning: str


OUTCOME_CODES: dict[str, OutcomeCode] = {
    o.code: o
    for o in (
        OutcomeCode("POLICE_EMERGENCY", True, "emergency", "Police: emergency (grade 1)",
                    "Threshold met, immediate: risk to life or serious harm now, or crime in progress."),
        OutcomeCode("POLICE_PRIORITY", True, "priority", "Police: priority (grade 2)",
                    "Threshold met, not immediate: e.g. high-risk AWOL, crime just occurred."),
        OutcomeCode("POLICE_SCHEDULED", True, "scheduled", "Police: scheduled (grade 3)",
                    "A crime to investigate with no immediate risk."),
        OutcomeCode("POLICE_SUPPORT_HEALTH", True, "priority", "Police: support a health-led response",
                    "Police assist a health-led response: s135 warrant, violence risk during conveyance or at a place of safety."),
        OutcomeCode("AMBULANCE", False, None, "Agency: ambulance service",
                    "Medical emergency without a police need: transfer to the ambulance service."),
        OutcomeCode("HEALTH_PROVIDER_RESPONSIBLE", False, None, "Agency: the calling health or care provider",
                    "The calling health or care provider holds the duty: handed back with advice."),
        OutcomeCode("MH_CRISIS_LINE", False, None, "Agency: NHS 111 option 2 / crisis line",
                    "Warm transfer or signpost to NHS 111 option 2 / the local 24-hour crisis line."),
        OutcomeCode("MH_PRACTITIONER", False, None, "Agency: control-room mental-health practitioner",
                    "Passed to the mental-health practitioner in the control room for further triage."),
        OutcomeCode("CRISIS_TEAM", False, None, "Agency: crisis resolution / home treatment team",
                    "Referral to the crisis resolution / home treatment team or street triage."),
        OutcomeCode("SOCIAL_CARE", False, None, "Agency: adult social care / children's services",
                    "Adult social care or children's services (safeguarding) referral."),
        OutcomeCode("GP_OR_111", False, None, "Agency: GP / NHS 111",
                    "Routine health advice: GP, NHS 111."),
        OutcomeCode("ADVICE_ONLY", False, "resolved", "No deployment: advice given (grade 4)",
                    "Advice given; no deployment (grade 4, resolved)."),
        OutcomeCode("S136_HANDOVER_ESCALATE", True, "priority", "Police: s136 handover escalation",
                    "s136 handover past one hour: escalate to on-call health manager and police supervisor."),
        # Added by issue 8 (content). Summary schema v1 has neither: sync/summary.py maps them to
        # V1_SUMMARY_CODE below until summary version 2 (figures branch) lists them.
        OutcomeCode("AMHP_REFERRAL", False, None, "Agency: AMHP service (Mental Health Act assessment)",
                    "Request for a Mental Health Act assessment passed to the AMHP service / crisis route; "
                    "police do not attend (a s135(1) warrant, if the AMHP seeks one, is a later police-support call)."),
        OutcomeCode("POLICE_HANDOVER_LEAVE", False, None, "Police: officers on scene hand over and leave",
                    "Officers already at a place of safety (or other health setting) hand the person over to health "
                    "staff and leave: no police attendance continues. Not a police outcome (officers are released)."),
    )
}

#: Phased rollout (force pack): a pathway the force has not yet switched on takes this outcome. It is NOT an RCRP
#: decision either way: the app neither sends police nor says police will not attend; the handler follows the
#: force's existing procedure (which may well deploy). `police` is False only because the app made no police
#: decision: reports count these calls for the pre-RCRP baseline under their pathway's phase, never as attendance
#: avoided, and no hours are credited. Reached only through the rollout check (never from a flow), and never when
#: a police flag is raised (the RCRP flow then runs on to its police outcome).
OUTCOME_CODES["FORCE_PROCEDURE"] = OutcomeCode(
    "FORCE_PROCEDURE", False, None, "Force procedure: pathway not yet under RCRP",
    "Not yet under RCRP in this force: follow force policy (the call is recorded for the baseline).")
#: Outcome codes that are not an RCRP attend / not-attend decision (see FORCE_PROCEDURE).
NON_DECISION_CODES = frozenset({"FORCE_PROCEDURE"})

POLICE_CODES = frozenset(c for c, o in OUTCOME_CODES.items() if o.police)

#: New outcome codes written to a version-1 summary as the nearest version-1 code (summary v2 lists them).
V1_SUMMARY_CODE: dict[str, str] = {
    "AMHP_REFERRAL": "CRISIS_TEAM",
    "POLICE_HANDOVER_LEAVE": "HEALTH_PROVIDER_RESPONSIBLE",
    # force pack (issue 11): no RCRP decision; a v1 summary has no such code, so it reads as "no deployment by the
    # app". Summary v2 carries FORCE_PROCEDURE itself; reports on this PC never count it as attendance avoided.
    "FORCE_PROCEDURE": "ADVICE_ONLY",
}

#: Flags that, once raised, oblige a police outcome on every path (the RCRP threshold).
POLICE_FLAGS = frozenset({"risk_to_life", "serious_harm", "crime"})

#: Known flags. Flow files may only raise these (typos are caught by the checker).
FLAGS: dict[str, str] = {
    "risk_to_life": "Real and immediate risk to life",
    "serious_harm": "Real and immediate risk of serious harm",
    "crime": "Crime occurring or occurred",
    "weapon": "Weapon mentioned",
    "under_18": "Person is under 18",
    "detained_patient": "Detained under the Mental Health Act",
    "self_harm": "Self-harm",
    "medical_emergency": "Medical emergency",
    "capacity_concern": "Concern about mental capacity",
    "violence": "Violence or threat of violence",
    "professional_caller": "Caller is a health or care professional",
    "high_risk": "Rated high risk",
    "over_one_hour": "Past the one-hour handover expectation",
    "means_available": "Means of harm available",
    "alone": "Person is alone",
    "location_unknown": "Location unknown",
    "vulnerable_adult": "Vulnerable adult",
    "warrant_needed": "Warrant needed (s135)",
    "immediate_risk_interrupt": "Immediate-risk button used",
    # issue 8 content (left out of a version-1 summary: sync/summary.py)
    "caller_is_person": "The caller is the person at risk",
    "caller_with_person": "The caller is with the person now",
    "restricted_patient": "Restricted patient (e.g. s37/41, s47/49)",
    "mental_distress": "Mental distress reported (no immediate danger)",
    "mha_request": "Mental Health Act assessment requested",
    "known_to_crisis_team": "Known to the crisis team or has a crisis care plan",
    "second_hand": "Caller's information is second-hand or not current",
    "address_known": "The person is thought to be at a known address",
}

PATHWAYS: dict[str, str] = {
    "entry": "Entry triage",
    "welfare": "Concern for welfare",
    "walkout": "Walk-out from a health setting",
    "awol": "Absent without leave (detained patient)",
    "conveyance": "Medical transport / conveyance",
    "s136": "Section 136 handover",
    "crisis": "Caller in crisis / suicide risk",
}

THRIVE_FIELDS = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
THRIVE_LEVELS = ("low", "medium", "high")


def is_police(code: str) -> bool:
    """True if the outcome code sends police."""
    return code in POLICE_CODES


# ----- flow format v2: who is calling, decision order, partner codes ------------------------------------------

@dataclass(frozen=True)
class CallerType:
    """Who is calling (docs/flow-format.md, 'Caller types'): a code, its group and the handler's label."""

    code: str
    group: str  # self | third_party | professional
    label: str
    key_label: str = ""  # short form for the side panel


#: The caller groups, in fallback order of the text variants (a specific type falls back to its group, then default).
CALLER_GROUPS: dict[str, str] = {
    "self": "The person at risk",
    "third_party": "Third party (family, friend, public)",
    "professional": "Professional (health, care, ambulance, police)",
}

CALLER_TYPES: dict[str, CallerType] = {
    c.code: c
    for c in (
        CallerType("self", "self", "The person at risk (themselves)", "Person at risk"),
        CallerType("family_friend_public", "third_party", "Family, friend or member of the public",
                   "Family / friend / public"),
        CallerType("hcp_ae_ward", "professional", "Health professional: A&E or ward", "A&E / ward"),
        CallerType("hcp_mh_unit", "professional", "Mental-health unit", "Mental-health unit"),
        CallerType("hcp_community", "professional", "Community mental-health or care team", "Community team"),
        CallerType("hcp_gp", "professional", "GP surgery", "GP surgery"),
        CallerType("hcp_care_provider", "professional", "Care home / care provider", "Care provider"),
        CallerType("ambulance", "professional", "Ambulance service", "Ambulance service"),
        CallerType("police", "professional", "Police officer (e.g. at a place of safety)", "Police officer"),
    )
}

#: Keys a text-variant mapping may use: 'default', a group, or a caller-type code.
VARIANT_KEYS = ("default",) + tuple(CALLER_GROUPS) + tuple(c for c in CALLER_TYPES if c not in CALLER_GROUPS)


def caller_group(caller_type: Optional[str]) -> Optional[str]:
    """The group of a caller-type code (None when not known)."""
    ct = CALLER_TYPES.get(caller_type or "")
    return ct.group if ct else None


def variant_chain(caller_type: Optional[str]) -> tuple[str, ...]:
    """The variant keys tried for a caller type, most specific first: type -> group -> default."""
    if not caller_type or caller_type not in CALLER_TYPES:
        return ("default",)
    group = CALLER_TYPES[caller_type].group
    return tuple(dict.fromkeys((caller_type, group, "default")))


#: Decision order for 'raise only, never lower' (docs/flow-format.md, 'Decide, then keep asking').
#: Codes not listed rank as 2 when they send police, 1 when they do not.
DECISION_RANK: dict[str, int] = {
    "POLICE_EMERGENCY": 4,
    "POLICE_PRIORITY": 3,
    "S136_HANDOVER_ESCALATE": 3,
    "POLICE_SUPPORT_HEALTH": 3,
    "POLICE_SCHEDULED": 2,
}


def decision_rank(code: Optional[str]) -> int:
    """How strong a decision is: 0 none, 1 not police, 2 scheduled, 3 priority/support/s136, 4 emergency."""
    if not code:
        return 0
    if code in DECISION_RANK:
        return DECISION_RANK[code]
    return 2 if is_police(code) else 1


#: Partner services by code: the force pack's partner directory resolves each to a name, number and hours.
#: The label here is the name shown when no directory entry is found.
PARTNER_CODES: dict[str, str] = {
    "ambulance": "Ambulance service",
    "nhs_111_mh": "NHS 111 option 2 (mental-health crisis line)",
    "crisis_team": "Crisis resolution and home treatment team",
    "amhp_service": "Approved mental-health professional (AMHP) service",
    "mh_practitioner": "Control-room mental-health practitioner",
    "street_triage": "Street triage team",
    "adult_social_care": "Adult social care",
    "childrens_services": "Children's services (safeguarding)",
    "gp": "GP",
    "on_call_health_manager": "On-call health manager",
    "police_supervisor": "Police supervisor (duty inspector)",
    "place_of_safety": "Health-based place of safety",
    "mh_unit": "The mental-health ward or unit",
    "moj_mhcs": "Ministry of Justice mental health casework section (restricted patients)",
    "samaritans": "Samaritans",
}

#: What a node may record about the call (docs/flow-format.md): `records: caller_type` / `caller_with_person`.
RECORDS = ("caller_type", "caller_with_person")

#: The immediate-risk dialog's preset reasons and the category each names in the rationale. A typed reason is
#: recorded (and goes into the incident-log block) but is never quoted into the rationale.
IMMEDIATE_RISK_PRESETS: dict[str, str] = {
    "Caller says someone is being attacked or threatened now": "violence or threat now",
    "Weapon mentioned and person is with others": "weapon with others present",
    "Person says they are about to harm themselves": "imminent self-harm",
    "Caller screaming / call cut off in distress": "caller in distress or call cut off",
}
