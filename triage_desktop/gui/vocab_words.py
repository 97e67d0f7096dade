"""The controlled vocabulary's words (core/vocab.py) in the interface language, translated at the GUI edge.

The record, the incident-log block and the reports keep the English; only what a screen shows is translated.
Each word is listed here literally so pyside6-lupdate extracts it (context "Vocab"); tests/gui/test_i18n.py checks
that every word of the vocabulary is listed, so a new flag or pathway cannot stay English unnoticed.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

WORDS = (
    # Handler roles
    QT_TRANSLATE_NOOP("Vocab", "Call handler"),
    QT_TRANSLATE_NOOP("Vocab", "Mental-health practitioner"),
    QT_TRANSLATE_NOOP("Vocab", "Supervisor"),
    QT_TRANSLATE_NOOP("Vocab", "Trainer"),
    # Pathways
    QT_TRANSLATE_NOOP("Vocab", "Entry triage"),
    QT_TRANSLATE_NOOP("Vocab", "Concern for welfare"),
    QT_TRANSLATE_NOOP("Vocab", "Walk-out from a health setting"),
    QT_TRANSLATE_NOOP("Vocab", "Absent without leave (detained patient)"),
    QT_TRANSLATE_NOOP("Vocab", "Medical transport / conveyance"),
    QT_TRANSLATE_NOOP("Vocab", "Section 136 handover"),
    QT_TRANSLATE_NOOP("Vocab", "Caller in crisis / suicide risk"),
    # Flags
    QT_TRANSLATE_NOOP("Vocab", "Real and immediate risk to life"),
    QT_TRANSLATE_NOOP("Vocab", "Real and immediate risk of serious harm"),
    QT_TRANSLATE_NOOP("Vocab", "Crime occurring or occurred"),
    QT_TRANSLATE_NOOP("Vocab", "Weapon mentioned"),
    QT_TRANSLATE_NOOP("Vocab", "Person is under 18"),
    QT_TRANSLATE_NOOP("Vocab", "Detained under the Mental Health Act"),
    QT_TRANSLATE_NOOP("Vocab", "Self-harm"),
    QT_TRANSLATE_NOOP("Vocab", "Medical emergency"),
    QT_TRANSLATE_NOOP("Vocab", "Concern about mental capacity"),
    QT_TRANSLATE_NOOP("Vocab", "Violence or threat of violence"),
    QT_TRANSLATE_NOOP("Vocab", "Caller is a health or care professional"),
    QT_TRANSLATE_NOOP("Vocab", "Rated high risk"),
    QT_TRANSLATE_NOOP("Vocab", "Past the one-hour handover expectation"),
    QT_TRANSLATE_NOOP("Vocab", "Means of harm available"),
    QT_TRANSLATE_NOOP("Vocab", "Person is alone"),
    QT_TRANSLATE_NOOP("Vocab", "Location unknown"),
    QT_TRANSLATE_NOOP("Vocab", "Vulnerable adult"),
    QT_TRANSLATE_NOOP("Vocab", "Warrant needed (s135)"),
    QT_TRANSLATE_NOOP("Vocab", "Immediate-risk button used"),
    QT_TRANSLATE_NOOP("Vocab", "The caller is the person at risk"),
    QT_TRANSLATE_NOOP("Vocab", "The caller is with the person now"),
    QT_TRANSLATE_NOOP("Vocab", "Restricted patient (e.g. s37/41, s47/49)"),
    QT_TRANSLATE_NOOP("Vocab", "Mental distress reported (no immediate danger)"),
    QT_TRANSLATE_NOOP("Vocab", "Mental Health Act assessment requested"),
    QT_TRANSLATE_NOOP("Vocab", "Known to the crisis team or has a crisis care plan"),
    QT_TRANSLATE_NOOP("Vocab", "Caller's information is second-hand or not current"),
    QT_TRANSLATE_NOOP("Vocab", "The person is thought to be at a known address"),
    # Caller types (label and short form) and groups
    QT_TRANSLATE_NOOP("Vocab", "The person at risk (themselves)"),
    QT_TRANSLATE_NOOP("Vocab", "Person at risk"),
    QT_TRANSLATE_NOOP("Vocab", "Family, friend or member of the public"),
    QT_TRANSLATE_NOOP("Vocab", "Family / friend / public"),
    QT_TRANSLATE_NOOP("Vocab", "Health professional: A&E or ward"),
    QT_TRANSLATE_NOOP("Vocab", "A&E / ward"),
    QT_TRANSLATE_NOOP("Vocab", "Mental-health unit"),
    QT_TRANSLATE_NOOP("Vocab", "Community mental-health or care team"),
    QT_TRANSLATE_NOOP("Vocab", "Community team"),
    QT_TRANSLATE_NOOP("Vocab", "GP surgery"),
    QT_TRANSLATE_NOOP("Vocab", "Care home / care provider"),
    QT_TRANSLATE_NOOP("Vocab", "Care provider"),
    QT_TRANSLATE_NOOP("Vocab", "Ambulance service"),
    QT_TRANSLATE_NOOP("Vocab", "Police officer (e.g. at a place of safety)"),
    QT_TRANSLATE_NOOP("Vocab", "Police officer"),
    QT_TRANSLATE_NOOP("Vocab", "The person at risk"),
    QT_TRANSLATE_NOOP("Vocab", "Third party (family, friend, public)"),
    QT_TRANSLATE_NOOP("Vocab", "Professional (health, care, ambulance, police)"),
    # Partner services (named when the directory has no entry)
    QT_TRANSLATE_NOOP("Vocab", "NHS 111 option 2 (mental-health crisis line)"),
    QT_TRANSLATE_NOOP("Vocab", "Crisis resolution and home treatment team"),
    QT_TRANSLATE_NOOP("Vocab", "Approved mental-health professional (AMHP) service"),
    QT_TRANSLATE_NOOP("Vocab", "Control-room mental-health practitioner"),
    QT_TRANSLATE_NOOP("Vocab", "Street triage team"),
    QT_TRANSLATE_NOOP("Vocab", "Adult social care"),
    QT_TRANSLATE_NOOP("Vocab", "Children's services (safeguarding)"),
    QT_TRANSLATE_NOOP("Vocab", "GP"),
    QT_TRANSLATE_NOOP("Vocab", "On-call health manager"),
    QT_TRANSLATE_NOOP("Vocab", "Police supervisor (duty inspector)"),
    QT_TRANSLATE_NOOP("Vocab", "Health-based place of safety"),
    QT_TRANSLATE_NOOP("Vocab", "The mental-health ward or unit"),
    QT_TRANSLATE_NOOP("Vocab", "Ministry of Justice mental health casework section (restricted patients)"),
    QT_TRANSLATE_NOOP("Vocab", "Samaritans"),
    # Immediate-risk presets (the record keeps the English)
    QT_TRANSLATE_NOOP("Vocab", "Caller says someone is being attacked or threatened now"),
    QT_TRANSLATE_NOOP("Vocab", "Weapon mentioned and person is with others"),
    QT_TRANSLATE_NOOP("Vocab", "Person says they are about to harm themselves"),
    QT_TRANSLATE_NOOP("Vocab", "Caller screaming / call cut off in distress"),
    # The caller type before it is recorded (core/callerview.py)
    QT_TRANSLATE_NOOP("Vocab", "Not recorded yet"),
    # Why a question was not asked (core/runstate.py NOT_ASKED_*)
    QT_TRANSLATE_NOOP("Vocab", "caller with the person"),
    QT_TRANSLATE_NOOP("Vocab", "call finished first"),
    QT_TRANSLATE_NOOP("Vocab", "immediate risk recorded before it was asked"),
    # THRIVE fields (the side panel's rows)
    QT_TRANSLATE_NOOP("Vocab", "Threat"),
    QT_TRANSLATE_NOOP("Vocab", "Harm"),
    QT_TRANSLATE_NOOP("Vocab", "Risk"),
    QT_TRANSLATE_NOOP("Vocab", "Investigation"),
    QT_TRANSLATE_NOOP("Vocab", "Vulnerability"),
    QT_TRANSLATE_NOOP("Vocab", "Engagement"),
    # Decisions in words (core/outcome_words.py decision_words: the side panel's decision line, the banner)
    QT_TRANSLATE_NOOP("Vocab", "police emergency"),
    QT_TRANSLATE_NOOP("Vocab", "police priority"),
    QT_TRANSLATE_NOOP("Vocab", "police scheduled"),
    QT_TRANSLATE_NOOP("Vocab", "police support a health-led response"),
    QT_TRANSLATE_NOOP("Vocab", "ambulance service"),
    QT_TRANSLATE_NOOP("Vocab", "the calling health or care provider"),
    QT_TRANSLATE_NOOP("Vocab", "NHS 111 option 2 / crisis line"),
    QT_TRANSLATE_NOOP("Vocab", "control-room mental-health practitioner"),
    QT_TRANSLATE_NOOP("Vocab", "crisis resolution / home treatment team"),
    QT_TRANSLATE_NOOP("Vocab", "adult social care / children's services"),
    QT_TRANSLATE_NOOP("Vocab", "GP / NHS 111"),
    QT_TRANSLATE_NOOP("Vocab", "advice given"),
    QT_TRANSLATE_NOOP("Vocab", "police s136 handover escalation"),
    QT_TRANSLATE_NOOP("Vocab", "AMHP service"),
    QT_TRANSLATE_NOOP("Vocab", "officers on scene hand over and leave"),
    QT_TRANSLATE_NOOP("Vocab", "pathway not yet under RCRP"),
    # Outcome responses
    QT_TRANSLATE_NOOP("Vocab", "Police: emergency (grade 1)"),
    QT_TRANSLATE_NOOP("Vocab", "Police: priority (grade 2)"),
    QT_TRANSLATE_NOOP("Vocab", "Police: scheduled (grade 3)"),
    QT_TRANSLATE_NOOP("Vocab", "Police: support a health-led response"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: ambulance service"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: the calling health or care provider"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: NHS 111 option 2 / crisis line"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: control-room mental-health practitioner"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: crisis resolution / home treatment team"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: adult social care / children's services"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: GP / NHS 111"),
    QT_TRANSLATE_NOOP("Vocab", "No deployment: advice given (grade 4)"),
    QT_TRANSLATE_NOOP("Vocab", "Police: s136 handover escalation"),
    QT_TRANSLATE_NOOP("Vocab", "Agency: AMHP service (Mental Health Act assessment)"),
    QT_TRANSLATE_NOOP("Vocab", "Police: officers on scene hand over and leave"),
    QT_TRANSLATE_NOOP("Vocab", "Force procedure: pathway not yet under RCRP"),
    # Outcome meanings (the outcome screen's response line)
    QT_TRANSLATE_NOOP("Vocab", "Threshold met, immediate: risk to life or serious harm now, or crime in progress."),
    QT_TRANSLATE_NOOP("Vocab", "Threshold met, not immediate: e.g. high-risk AWOL, crime just occurred."),
    QT_TRANSLATE_NOOP("Vocab", "A crime to investigate with no immediate risk."),
    QT_TRANSLATE_NOOP("Vocab", "Police assist a health-led response: s135 warrant, violence risk during "
                      "conveyance or at a place of safety."),
    QT_TRANSLATE_NOOP("Vocab", "Medical emergency without a police need: transfer to the ambulance service."),
    QT_TRANSLATE_NOOP("Vocab", "The calling health or care provider holds the duty: handed back with advice."),
    QT_TRANSLATE_NOOP("Vocab", "Warm transfer or signpost to NHS 111 option 2 / the local 24-hour crisis line."),
    QT_TRANSLATE_NOOP("Vocab", "Passed to the mental-health practitioner in the control room for further triage."),
    QT_TRANSLATE_NOOP("Vocab", "Referral to the crisis resolution / home treatment team or street triage."),
    QT_TRANSLATE_NOOP("Vocab", "Adult social care or children's services (safeguarding) referral."),
    QT_TRANSLATE_NOOP("Vocab", "Routine health advice: GP, NHS 111."),
    QT_TRANSLATE_NOOP("Vocab", "Advice given; no deployment (grade 4, resolved)."),
    QT_TRANSLATE_NOOP("Vocab", "s136 handover past one hour: escalate to on-call health manager and police supervisor."),
    QT_TRANSLATE_NOOP("Vocab", "Request for a Mental Health Act assessment passed to the AMHP service / crisis "
                      "route; police do not attend (a s135(1) warrant, if the AMHP seeks one, is a later police-support call)."),
    QT_TRANSLATE_NOOP("Vocab", "Officers already at a place of safety (or other health setting) hand the person "
                      "over to health staff and leave: no police attendance continues. Not a police outcome (officers are released)."),
    QT_TRANSLATE_NOOP("Vocab", "Not yet under RCRP in this force: follow force policy (the call is recorded for "
                      "the baseline)."),
)


def word(text: str) -> str:
    """A vocabulary word (role, pathway, flag, caller type, partner, preset) in the interface language."""
    return QCoreApplication.translate("Vocab", text) if text else text
