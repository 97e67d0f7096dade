"""Outcome results: filling rationale templates, and the built-in outcomes for interrupts and overrides."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from .model import Node, Partner
from .vocab import OUTCOME_CODES

PLACEHOLDER_RE = re.compile(r"\{([a-z][a-z0-9_]*)\}")

#: Default wording per code, used when the outcome did not come from a flow's own outcome node
#: (immediate-risk interrupt, early exit, override).
DEFAULT_TEXT: dict[str, tuple[str, str]] = {
    "POLICE_EMERGENCY": ("Police will attend as an emergency.",
                         "Police are being sent to you now as an emergency. Stay on the line if it is safe to do so. "
                         "If anything changes before they arrive, tell me straight away."),
    "POLICE_PRIORITY": ("Police will attend as a priority.",
                        "Police will attend as a priority. I can't give an exact time. If anyone is in immediate danger "
                        "before they arrive, call 999 straight away."),
    "POLICE_SCHEDULED": ("Police will attend at a scheduled time to investigate.",
                         "An officer will contact you to arrange a time to investigate. If anyone is in immediate danger, "
                         "call 999 straight away."),
    "POLICE_SUPPORT_HEALTH": ("Police will attend to support the health team.",
                              "Police will attend to support the health staff, who lead the response. The health team "
                              "will stay responsible for the person's care."),
    "AMBULANCE": ("Police will not attend. I'm passing this to the ambulance service now.",
                  "Police will not be coming. I'm passing you to the ambulance service now; stay on the line. If anyone "
                  "becomes violent or is in danger, call 999 straight away."),
    "HEALTH_PROVIDER_RESPONSIBLE": ("Police will not attend. Your service keeps responsibility for this person.",
                                    "Police will not be attending. Your service keeps the duty of care for this person. "
                                    "If there is a real and immediate risk to life or of serious harm, call 999 straight away."),
    "MH_CRISIS_LINE": ("Police will not attend. I'm going to put you through to the mental-health crisis line.",
                       "Police will not be coming out. I'm putting you through to NHS 111 option 2, the mental-health "
                       "crisis line, now. If anyone is in immediate danger, call 999 straight away."),
    "MH_PRACTITIONER": ("Police will not attend. I'm passing you to our mental-health practitioner.",
                        "Police will not be coming out. I'm passing you to the mental-health practitioner here in the "
                        "control room now. If anyone is in immediate danger, call 999 straight away."),
    "CRISIS_TEAM": ("Police will not attend. I'm referring this to the crisis team.",
                    "Police will not be coming out. I'm referring this to the crisis resolution and home treatment team, "
                    "who will contact the person. If anyone is in immediate danger, call 999 straight away."),
    "SOCIAL_CARE": ("Police will not attend. I'm making a safeguarding referral to social care.",
                    "Police will not be coming out. I'm making a referral to social care so they can help keep the person "
                    "safe. If anyone is in immediate danger, call 999 straight away."),
    "GP_OR_111": ("Police will not attend. Please contact the GP or NHS 111.",
                  "Police will not be coming out. Please contact the person's GP, or NHS 111 for advice. If anyone is in "
                  "immediate danger, call 999 straight away."),
    "ADVICE_ONLY": ("Police will not attend. I've given you advice.",
                    "Police will not be coming out. If things change, or anyone is in immediate danger, call 999 straight away."),
    "S136_HANDOVER_ESCALATE": ("Police will stay only while the threshold is met; I'm escalating the handover.",
                               "I'm escalating the handover to the on-call health manager and the police supervisor. "
                               "Officers will stay only while there is a real and immediate risk that staff cannot manage."),
    "FORCE_PROCEDURE": ("This pathway is not yet under Right Care, Right Person here: follow force policy.",
                        "Follow the force's existing procedure for this kind of call. Tell the caller what that "
                        "procedure means for them. If anyone is in immediate danger, call 999 straight away."),
}


@dataclass(frozen=True)
class OutcomeResult:
    """The outcome a run reached, with every text filled in."""

    code: str
    police: bool
    grade: Optional[str]
    response: str
    headline: str
    rationale: str
    script: str
    caller_informed: str
    partners: tuple[Partner, ...] = ()
    source: str = "flow"  # flow | immediate_risk | early_exit | override
    flow_id: str = ""
    node_id: str = ""
    original_code: Optional[str] = None
    reason: str = ""
    thrive: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "police": self.police,
            "grade": self.grade,
            "response": self.response,
            "headline": self.headline,
            "rationale": self.rationale,
            "script": self.script,
            "caller_informed": self.caller_informed,
            "partners": [{"name": p.name, "contact": p.contact} for p in self.partners],
            "source": self.source,
            "flow_id": self.flow_id,
            "node_id": self.node_id,
            "original_code": self.original_code,
            "reason": self.reason,
        }


def fill_template(template: str, lookup: Callable[[str], Optional[str]]) -> str:
    """Replace each {name} with lookup(name); unknown names become 'not asked'."""

    def sub(m: re.Match[str]) -> str:
        v = lookup(m.group(1))
        return "not asked" if v is None else v

    return " ".join(PLACEHOLDER_RE.sub(sub, template).split())


def outcome_from_node(node: Node, *, flow_id: str, lookup: Callable[[str], Optional[str]],
                      thrive: dict[str, str]) -> OutcomeResult:
    """Build the result for a flow's own outcome node."""
    voc = OUTCOME_CODES[node.code]
    return OutcomeResult(
        code=node.code, police=voc.police, grade=voc.grade, response=voc.response,
        headline=node.headline, rationale=fill_template(node.rationale, lookup),
        script=" ".join(node.script.split()), caller_informed=node.caller_informed,
        partners=node.partners, source="flow", flow_id=flow_id, node_id=node.id, thrive=thrive,
    )


def builtin_outcome(code: str, *, source: str, rationale: str, reason: str,
                    original: Optional["OutcomeResult"] = None, thrive: Optional[dict[str, str]] = None) -> OutcomeResult:
    """An outcome not taken from a flow node: immediate risk, early exit or override."""
    voc = OUTCOME_CODES[code]
    headline, script = DEFAULT_TEXT[code]
    partners: tuple[Partner, ...] = ()
    if original is not None and original.code == code:
        headline, script, partners = original.headline, original.script, original.partners
    return OutcomeResult(
        code=code, police=voc.police, grade=voc.grade, response=voc.response,
        headline=headline, rationale=rationale, script=script,
        caller_informed=f"Caller told: {headline}", partners=partners, source=source,
        flow_id=original.flow_id if original else "", node_id=original.node_id if original else "",
        original_code=original.code if original else None, reason=reason, thrive=dict(thrive or {}),
    )
