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
