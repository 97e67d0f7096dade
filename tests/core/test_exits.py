"""Early exit and override that tell the truth (core.exits, FlowRun.unasked_on_path) on the bundled flows, and the
words the screens use: legal basis once per source, adult-only social care, decision words with their capitals."""
from __future__ import annotations

import pytest

from triage_desktop.core.callview import legal_sources
from triage_desktop.core.engine import FlowRun
from triage_desktop.core.exits import decision_words, early_exit_info, outcome_choices, script_after_headline
from triage_desktop.core.outcomes import response_for
from triage_desktop.core.model import Partner
from triage_desktop.services import load_library

TO_CRISIS = ["self", "no", "no", "no", "none", "no", "crisis"]


@pytest.fixture(scope="module")
def lib():
    return load_library()


def test_early_exit_lists_only_this_calls_own_path(lib):
    run = FlowRun(lib, "entry_triage")
    info = early_exit_info(run)
    assert [t for t, _ in info.groups] == ["Entry triage"]  # not every pathway the call type could lead to
    assert info.risk_unanswered and info.warning
    assert [c for c, _ in info.choices][:2] == ["POLICE_EMERGENCY", "POLICE_PRIORITY"]  # safer first
    assert "FORCE_PROCEDURE" not in [c for c, _ in info.choices]
    for a in TO_CRISIS + ["no"]:
        run.answer(a)
    info = early_exit_info(run)
    titles = [t for t, _ in info.groups]
    assert titles == ["Caller in crisis / suicide risk"]
    questions = [q for _, qs in info.groups for q, _ in qs]
    assert "Means to harm now?" in questions and "Harmed or taken something?" not in questions  # answered
    walkout = lib["health_setting_walkout"]
    assert not set(questions) & {n.title for n in walkout.nodes.values()} - {n.title for n in
                                                                              lib["crisis_suicide_risk"].nodes.values()}
    assert "; and " in info.summary  # short: the rest counted, not listed


def test_without_unanswered_risk_questions_the_vocabulary_order_is_kept(lib):
    choices = [c for c, _ in outcome_choices()]
    assert choices[0] == "POLICE_EMERGENCY" and choices.index("AMBULANCE") < choices.index("POLICE_SUPPORT_HEALTH") \
        or choices.index("POLICE_SUPPORT_HEALTH") < choices.index("AMBULANCE")
    current_first = outcome_choices(current="GP_OR_111")
    assert current_first[0] == ("GP_OR_111", "Agency: GP / NHS 111 (current outcome)")


def test_early_exit_outcome_keeps_the_reason_beside_the_rationale(lib):
    run = FlowRun(lib, "entry_triage")
    run.answer("family_friend_public")
    run.early_exit("Caller said something private about the neighbour", "ADVICE_ONLY")
    out = run.outcome
    assert out.reason.startswith("Caller said something private") and "private" not in out.rationale
    assert "risk questions were not answered" in out.rationale and "Entry triage:" in out.rationale
    assert out.script and out.caller_informed.startswith("Caller told:")
    assert run.thrive["engagement"].startswith("Call ended early by the handler")


def test_override_to_scheduled_without_a_crime_does_not_claim_one(lib):
    run = FlowRun(lib, "entry_triage")
    for a in TO_CRISIS + ["no", "no", "none", "no", "none", None, "yes", "yes"]:
        run.answer(a)
    assert run.outcome.code == "MH_PRACTITIONER"
    run.override("POLICE_SCHEDULED", "History of threats to staff")
    out = run.outcome
    assert "investigate" not in out.headline + out.script
    assert "No crime and no real and immediate risk" in out.rationale and "History of threats" not in out.rationale
    assert run.thrive["investigation"] == "No crime reported in the call"
    assert run.snapshot()["thrive"]["engagement"] == "Outcome changed by the handler to police scheduled"


def test_legal_basis_lists_each_source_once(lib):
    run = FlowRun(lib, "entry_triage")
    for a in TO_CRISIS + ["no", "no", "none", "no", "none", None, "yes", "yes"]:
        run.answer(a)
    sources = legal_sources(run)
    assert sum(s.startswith("National Partnership Agreement") for s in sources) == 1
    assert len(sources) == len({s.split(":")[0] for s in sources})


def test_words_for_the_screens():
    assert decision_words("MH_CRISIS_LINE") == "NHS 111 option 2 / crisis line"
    assert decision_words("POLICE_EMERGENCY") == "police emergency"
    assert decision_words("MH_PRACTITIONER") == "control-room mental-health practitioner"
    assert response_for("SOCIAL_CARE", (Partner("x", "", code="adult_social_care"),)) == "Agency: adult social care"
    assert response_for("SOCIAL_CARE", (Partner("x", "", code="adult_social_care"),
                                        Partner("y", "", code="childrens_services"))) == \
        "Agency: adult social care / children's services"
    assert script_after_headline("Police will not attend. I'm going to put you through.",
                                 "Police will not be coming out. I'm putting you through now.") == \
        "I'm putting you through now."
    assert script_after_headline("Police will attend.", "Police will attend, because a weapon was mentioned.") == \
        "Police will attend, because a weapon was mentioned."


def test_social_care_outcomes_are_labelled_for_who_they_refer(lib):
    seen = set()
    for fl in lib:
        for n in fl.nodes.values():
            if n.kind == "outcome" and n.code == "SOCIAL_CARE":
                codes = {p.code for p in n.partners}
                want = ("Agency: adult social care" if "childrens_services" not in codes
                        else "Agency: children's services (safeguarding)")
                assert response_for(n.code, n.partners) == want, (fl.id, n.id)
                seen.add(want)
    assert seen == {"Agency: adult social care", "Agency: children's services (safeguarding)"}
