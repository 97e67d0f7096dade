"""Outcome results: filling rationale templates, and the built-in outcomes for interrupts and overrides."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional

from .model import Node, Partner, pick_variant
from .vocab import IMMEDIATE_RISK_PRESETS, OUTCOME_CODES, PARTNER_CODES

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
    "AMHP_REFERRAL": ("Police will not attend. The Mental Health Act assessment request goes to the AMHP service.",
                      "Police will not be coming out, and police can't arrange a Mental Health Act assessment: the "
                      "approved mental health professional (AMHP) service does. The request is being passed to them. If "
                      "anyone is in immediate danger, call 999 straight away."),
    "POLICE_HANDOVER_LEAVE": ("Police will not attend beyond the handover: officers hand over to health staff and leave.",
                              "The officers hand over to the health staff and leave; the staff are responsible for the "
                              "person's care. If a risk arises that staff can't manage, call 999 straight away."),
    "FORCE_PROCEDURE": ("This pathway is not yet under Right Care, Right Person here: follow force policy.",
                        "Follow the force's existing procedure for this kind of call. Tell the caller what that "
                        "procedure means for them. If anyone is in immediate danger, call 999 straight away."),
}


#: Caller variants of the default wording (group or caller type -> (headline, script)), so a built-in outcome
#: (immediate risk, early exit, override, raise) is not read wrongly to a professional, a third party or an officer.
DEFAULT_VARIANTS: dict[str, dict[str, tuple[str, str]]] = {
    "POLICE_EMERGENCY": {
        "third_party": ("Police will attend as an emergency.",
                        "Police will attend. Officers are being sent now as an emergency to where the person is. "
                        "Please stay on the line if it is safe. Don't put yourself in danger or try to stop anyone. "
                        "If anything changes before they arrive, tell me straight away."),
        "professional": ("Police will attend as an emergency.",
                         "Police will attend as an emergency. Officers are on their way to the location now. Please "
                         "keep yourself and others safe and stay on the line; your service keeps its own duty of care "
                         "meanwhile. Tell me straight away if anything changes."),
        "ambulance": ("Police will attend as an emergency.",
                      "Police will attend as an emergency. Officers are on their way to the location now. Please ask "
                      "your crew to wait at a safe distance until officers arrive, and tell me straight away if "
                      "anything changes."),
        "police": ("Police will attend: further officers are being deployed as an emergency.",
                   "Further officers are being deployed to your location as an emergency. Tell me straight away if "
                   "anything changes."),
    },
}


#: The built-in wording in Welsh (for review by a Welsh-speaking practitioner before live use, like the flows' Welsh):
#: code -> (headline, script), and the caller variants as in DEFAULT_VARIANTS.
DEFAULT_TEXT_CY: dict[str, tuple[str, str]] = {
    "POLICE_EMERGENCY": ("Bydd yr heddlu'n dod fel argyfwng.",
                         "Mae'r heddlu'n cael eu hanfon atoch chi nawr fel argyfwng. Arhoswch ar y lein os yw'n "
                         "ddiogel. Os bydd unrhyw beth yn newid cyn iddyn nhw gyrraedd, dywedwch wrtha i ar unwaith."),
    "POLICE_PRIORITY": ("Bydd yr heddlu'n dod fel blaenoriaeth.",
                        "Bydd yr heddlu'n dod fel blaenoriaeth. Alla i ddim rhoi union amser. Os bydd unrhyw un mewn "
                        "perygl uniongyrchol cyn iddyn nhw gyrraedd, ffoniwch 999 ar unwaith."),
    "POLICE_SCHEDULED": ("Bydd yr heddlu'n dod ar amser wedi'i drefnu i ymchwilio.",
                         "Bydd swyddog yn cysylltu â chi i drefnu amser i ymchwilio. Os bydd unrhyw un mewn perygl "
                         "uniongyrchol, ffoniwch 999 ar unwaith."),
    "POLICE_SUPPORT_HEALTH": ("Bydd yr heddlu'n dod i gefnogi'r tîm iechyd.",
                              "Bydd yr heddlu'n dod i gefnogi'r staff iechyd, sy'n arwain yr ymateb. Y tîm iechyd "
                              "fydd yn dal yn gyfrifol am ofal y person."),
    "AMBULANCE": ("Fydd yr heddlu ddim yn dod. Rwy'n trosglwyddo hyn i'r gwasanaeth ambiwlans nawr.",
                  "Fydd yr heddlu ddim yn dod. Rwy'n eich trosglwyddo chi i'r gwasanaeth ambiwlans nawr; arhoswch ar "
                  "y lein. Os bydd unrhyw un yn mynd yn dreisgar neu mewn perygl, ffoniwch 999 ar unwaith."),
    "HEALTH_PROVIDER_RESPONSIBLE": ("Fydd yr heddlu ddim yn dod. Eich gwasanaeth chi sy'n dal yn gyfrifol am y "
                                    "person hwn.",
                                    "Fydd yr heddlu ddim yn dod. Eich gwasanaeth chi sy'n dal â'r ddyletswydd gofal "
                                    "dros y person hwn. Os oes risg wirioneddol ac uniongyrchol i fywyd neu o niwed "
                                    "difrifol, ffoniwch 999 ar unwaith."),
    "MH_CRISIS_LINE": ("Fydd yr heddlu ddim yn dod. Rwy'n mynd i'ch rhoi chi drwodd i'r llinell argyfwng iechyd "
                       "meddwl.",
                       "Fydd yr heddlu ddim yn dod allan. Rwy'n eich rhoi chi drwodd i GIG 111 pwyso 2, y llinell "
                       "argyfwng iechyd meddwl, nawr. Os bydd unrhyw un mewn perygl uniongyrchol, ffoniwch 999 ar "
                       "unwaith."),
    "MH_PRACTITIONER": ("Fydd yr heddlu ddim yn dod. Rwy'n eich trosglwyddo chi i'n hymarferydd iechyd meddwl.",
                        "Fydd yr heddlu ddim yn dod allan. Rwy'n eich trosglwyddo chi i'r ymarferydd iechyd meddwl "
                        "yma yn yr ystafell reoli nawr. Os bydd unrhyw un mewn perygl uniongyrchol, ffoniwch 999 ar "
                        "unwaith."),
    "CRISIS_TEAM": ("Fydd yr heddlu ddim yn dod. Rwy'n cyfeirio hyn at y tîm argyfwng.",
                    "Fydd yr heddlu ddim yn dod allan. Rwy'n cyfeirio hyn at y tîm datrys argyfwng a thriniaeth yn y "
                    "cartref, a fydd yn cysylltu â'r person. Os bydd unrhyw un mewn perygl uniongyrchol, ffoniwch 999 "
                    "ar unwaith."),
    "SOCIAL_CARE": ("Fydd yr heddlu ddim yn dod. Rwy'n gwneud atgyfeiriad diogelu i'r gwasanaethau cymdeithasol.",
                    "Fydd yr heddlu ddim yn dod allan. Rwy'n gwneud atgyfeiriad i'r gwasanaethau cymdeithasol er mwyn "
                    "iddyn nhw helpu i gadw'r person yn ddiogel. Os bydd unrhyw un mewn perygl uniongyrchol, "
                    "ffoniwch 999 ar unwaith."),
    "GP_OR_111": ("Fydd yr heddlu ddim yn dod. Cysylltwch â'r meddyg teulu neu GIG 111, os gwelwch yn dda.",
                  "Fydd yr heddlu ddim yn dod allan. Cysylltwch â meddyg teulu'r person, neu GIG 111 am gyngor. Os "
                  "bydd unrhyw un mewn perygl uniongyrchol, ffoniwch 999 ar unwaith."),
    "ADVICE_ONLY": ("Fydd yr heddlu ddim yn dod. Rwyf wedi rhoi cyngor i chi.",
                    "Fydd yr heddlu ddim yn dod allan. Os bydd pethau'n newid, neu os bydd unrhyw un mewn perygl "
                    "uniongyrchol, ffoniwch 999 ar unwaith."),
    "S136_HANDOVER_ESCALATE": ("Dim ond tra bod y trothwy'n cael ei gyrraedd y bydd yr heddlu'n aros; rwy'n "
                               "uwchgyfeirio'r trosglwyddo.",
                               "Rwy'n uwchgyfeirio'r trosglwyddo i'r rheolwr iechyd ar alwad a goruchwyliwr yr "
                               "heddlu. Dim ond tra bod risg wirioneddol ac uniongyrchol na all y staff ei rheoli y "
                               "bydd y swyddogion yn aros."),
    "AMHP_REFERRAL": ("Fydd yr heddlu ddim yn dod. Mae'r cais am asesiad o dan y Ddeddf Iechyd Meddwl yn mynd i "
                      "wasanaeth yr AMHP.",
                      "Fydd yr heddlu ddim yn dod allan, a all yr heddlu ddim trefnu asesiad o dan y Ddeddf Iechyd "
                      "Meddwl: gwasanaeth y gweithiwr iechyd meddwl proffesiynol cymeradwy (AMHP) sy'n gwneud hynny. "
                      "Mae'r cais yn cael ei drosglwyddo iddyn nhw. Os bydd unrhyw un mewn perygl uniongyrchol, "
                      "ffoniwch 999 ar unwaith."),
    "POLICE_HANDOVER_LEAVE": ("Fydd yr heddlu ddim yn aros ar ôl y trosglwyddo: mae'r swyddogion yn trosglwyddo i'r "
                              "staff iechyd ac yn gadael.",
                              "Mae'r swyddogion yn trosglwyddo i'r staff iechyd ac yn gadael; y staff sy'n gyfrifol "
                              "am ofal y person. Os bydd risg na all y staff ei rheoli, ffoniwch 999 ar unwaith."),
    "FORCE_PROCEDURE": ("Dydy'r llwybr hwn ddim o dan y dull Gofal Cywir, Person Cywir yma eto: dilynwch bolisi'r "
                        "heddlu.",
                        "Dilynwch drefn arferol yr heddlu ar gyfer y math hwn o alwad. Dywedwch wrth y galwr beth "
                        "mae'r drefn honno'n ei olygu iddyn nhw. Os bydd unrhyw un mewn perygl uniongyrchol, "
                        "ffoniwch 999 ar unwaith."),
}
DEFAULT_VARIANTS_CY: dict[str, dict[str, tuple[str, str]]] = {
    "POLICE_EMERGENCY": {
        "third_party": ("Bydd yr heddlu'n dod fel argyfwng.",
                        "Bydd yr heddlu'n dod. Mae swyddogion yn cael eu hanfon nawr fel argyfwng i ble mae'r person. "
                        "Arhoswch ar y lein os yw'n ddiogel. Peidiwch â rhoi eich hun mewn perygl na cheisio atal "
                        "neb. Os bydd unrhyw beth yn newid cyn iddyn nhw gyrraedd, dywedwch wrtha i ar unwaith."),
        "professional": ("Bydd yr heddlu'n dod fel argyfwng.",
                         "Bydd yr heddlu'n dod fel argyfwng. Mae swyddogion ar eu ffordd i'r lleoliad nawr. Cadwch "
                         "eich hun ac eraill yn ddiogel ac arhoswch ar y lein; mae eich gwasanaeth chi'n cadw ei "
                         "ddyletswydd gofal ei hun yn y cyfamser. Dywedwch wrtha i ar unwaith os bydd unrhyw beth yn "
                         "newid."),
        "ambulance": ("Bydd yr heddlu'n dod fel argyfwng.",
                      "Bydd yr heddlu'n dod fel argyfwng. Mae swyddogion ar eu ffordd i'r lleoliad nawr. Gofynnwch i'ch "
                      "criw aros bellter diogel i ffwrdd nes bydd y swyddogion yn cyrraedd, a dywedwch wrtha i ar "
                      "unwaith os bydd unrhyw beth yn newid."),
        "police": ("Bydd yr heddlu'n dod: mae rhagor o swyddogion yn cael eu hanfon fel argyfwng.",
                   "Mae rhagor o swyddogion yn cael eu hanfon i'ch lleoliad chi fel argyfwng. Dywedwch wrtha i ar "
                   "unwaith os bydd unrhyw beth yn newid."),
    },
}
#: How a built-in outcome's caller-informed statement starts, per language.
CALLER_TOLD = {"en": "Caller told: ", "cy": "Dywedwyd wrth y galwr: "}


def in_language(result: OutcomeResult, lang: str, node: Optional[Node]) -> OutcomeResult:
    """The result with `said` = its headline, script and caller-informed statement in `lang` (the English texts
    stay as they are: they are the record). From the flow's outcome node when the result is that node's code,
    else the built-in wording in that language; English where a text has no translation."""
    if lang == "en":
        return replace(result, language="en", said=())
    if result.language == lang and result.said:
        return result
    ct = result.caller_type
    if node is not None and node.is_outcome and node.code == result.code:
        said = {name: " ".join(node.text(name, ct, lang).split()) for name in ("headline", "script", "caller_informed")}
    else:
        h, sc = default_text(result.code, ct, lang)
        said = {"headline": h, "script": sc, "caller_informed": CALLER_TOLD.get(lang, "") + h}
    return replace(result, language=lang, said=tuple(said.items()))


def partner(code: str, note: str = "") -> Partner:
    """A partner by directory code, named by the vocabulary until a force pack's directory resolves it."""
    return Partner(PARTNER_CODES.get(code, code), "", code=code, note=note)


def immediate_risk_rationale(reason: str) -> str:
    """The interrupt's rationale: names a preset reason's category, never quotes the handler's free text."""
    category = IMMEDIATE_RISK_PRESETS.get((reason or "").strip())
    why = (f"Reason category: {category}." if category
           else "The handler's reason is recorded with the call (not quoted here).")
    return ("RCRP threshold met: the handler recorded a real and immediate risk to life or of serious harm during "
            f"the call (immediate-risk interrupt). {why}")


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
    partners_added: tuple[Partner, ...] = ()  # added after the decision (also in `partners`)
    first_code: str = ""  # the decision as first recorded ("" = this code)
    raised: bool = False  # raised after it was first recorded
    caller_type: Optional[str] = None  # the caller type the texts were chosen for
    caller_unreachable: bool = False  # the caller rang off before being told (early exit): no script to read
    # the call language (issue 15): the texts above are English (the record, incident log, summaries); `said` has
    # (field, text) of headline, script and caller_informed in the call language when it is not English
    language: str = "en"
    said: tuple[tuple[str, str], ...] = ()

    def said_in_call_language(self, name: str) -> str:
        """headline / script / caller_informed as read out in the call language (English when that is English)."""
        return dict(self.said).get(name) or str(getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"caller_unreachable": True} if self.caller_unreachable else {}
        return {**extra,
            "code": self.code,
            "police": self.police,
            "grade": self.grade,
            "response": self.response,
            "headline": self.headline,
            "rationale": self.rationale,
            "script": self.script,
            "caller_informed": self.caller_informed,
            "partners": [_partner_dict(p) for p in self.partners],
            "partners_added": [_partner_dict(p) for p in self.partners_added],
            "first_code": self.first_code or self.code,
            "raised": self.raised,
            "caller_type": self.caller_type,
            "source": self.source,
            "flow_id": self.flow_id,
            "node_id": self.node_id,
            "original_code": self.original_code,
            "reason": self.reason,
        }


def _partner_dict(p: Partner) -> dict[str, str]:
    out = {"name": p.name, "contact": p.contact}
    if p.code:
        out["code"] = p.code
    if p.note:
        out["note"] = p.note
    return out


def _same_partner(a: Partner, b: Partner) -> bool:
    return (a.code and a.code == b.code) or (not a.code and not b.code and a.name == b.name)


def with_additions(result: OutcomeResult, *, first_code: str, raised: bool, added: tuple[Partner, ...],
                   caller_type: Optional[str]) -> OutcomeResult:
    """The decision with the partners added after it (not repeated when the outcome names them already)."""
    new = tuple(p for p in added if not any(_same_partner(p, q) for q in result.partners))
    return replace(result, partners=result.partners + new, partners_added=added, first_code=first_code,
                   raised=raised, caller_type=caller_type)


def replace_result(result: OutcomeResult, **kw: Any) -> OutcomeResult:
    return replace(result, **kw)


def fill_template(template: str, lookup: Callable[[str], Optional[str]]) -> str:
    """Replace each {name} with lookup(name); unknown names become 'not asked'."""

    def sub(m: re.Match[str]) -> str:
        v = lookup(m.group(1))
        return "not asked" if v is None else v

    return " ".join(PLACEHOLDER_RE.sub(sub, template).split())


def outcome_from_node(node: Node, *, flow_id: str, lookup: Callable[[str], Optional[str]],
                      thrive: dict[str, str], caller_type: Optional[str] = None) -> OutcomeResult:
    """Build the result for a flow's own outcome node, its texts chosen for the caller type."""
    voc = OUTCOME_CODES[node.code]
    return OutcomeResult(
        code=node.code, police=voc.police, grade=voc.grade, response=response_for(node.code, node.partners),
        headline=" ".join(node.text("headline", caller_type).split()), rationale=fill_template(node.rationale, lookup),
        script=" ".join(node.text("script", caller_type).split()),
        caller_informed=" ".join(node.text("caller_informed", caller_type).split()),
        partners=node.partners, source="flow", flow_id=flow_id, node_id=node.id, thrive=thrive,
        caller_type=caller_type,
    )


def response_for(code: str, partners: tuple[Partner, ...] = ()) -> str:
    """The vocabulary's response, narrowed to what the outcome refers to: a social-care outcome that refers to
    adult social care only says so (not "adult social care / children's services")."""
    voc = OUTCOME_CODES[code]
    if code == "SOCIAL_CARE":
        codes = {p.code for p in partners}
        if "adult_social_care" in codes and "childrens_services" not in codes:
            return "Agency: adult social care"
        if "childrens_services" in codes and "adult_social_care" not in codes:
            return "Agency: children's services (safeguarding)"
    return voc.response


def default_text(code: str, caller_type: Optional[str], lang: str = "en") -> tuple[str, str]:
    """(headline, script) of the built-in wording for a code, for the caller type, in a language (English when the
    language has no built-in wording)."""
    table, vtable = (DEFAULT_TEXT_CY, DEFAULT_VARIANTS_CY) if lang == "cy" else (DEFAULT_TEXT, DEFAULT_VARIANTS)
    headline, script = table.get(code) or DEFAULT_TEXT[code]
    variants = vtable.get(code, {})
    if variants:
        h = pick_variant(headline, tuple((k, v[0]) for k, v in variants.items()), caller_type)
        sc = pick_variant(script, tuple((k, v[1]) for k, v in variants.items()), caller_type)
        return h, sc
    return headline, script


def builtin_outcome(code: str, *, source: str, rationale: str, reason: str,
                    original: Optional["OutcomeResult"] = None, thrive: Optional[dict[str, str]] = None,
                    caller_type: Optional[str] = None, partners: tuple[Partner, ...] = ()) -> OutcomeResult:
    """An outcome not taken from a flow node: immediate risk, early exit, override or a raised decision."""
    voc = OUTCOME_CODES[code]
    headline, script = default_text(code, caller_type)
    if original is not None and original.code == code:
        headline, script, partners = original.headline, original.script, original.partners
    elif original is not None and source == "immediate_risk":
        partners = original.partners
    if source == "immediate_risk" and not any(p.code == "ambulance" for p in partners):
        partners = (partner("ambulance"),) + tuple(partners)
    return OutcomeResult(
        code=code, police=voc.police, grade=voc.grade, response=voc.response,
        headline=headline, rationale=rationale, script=script,
        caller_informed=f"Caller told: {headline}", partners=tuple(partners), source=source,
        flow_id=original.flow_id if original else "", node_id=original.node_id if original else "",
        original_code=original.code if original else None, reason=reason, thrive=dict(thrive or {}),
        caller_type=caller_type,
    )
