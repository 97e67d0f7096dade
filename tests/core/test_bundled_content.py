"""Content rules of the bundled flows that the checker does not own (issue 8): the pathways never repeat entry
triage's questions, every police emergency/priority outcome goes on with the "while they are on the way" steps,
professional callers left responsible are reminded of their duty, crisis questions say whether they are about the
present or the past, and AWOL / s136 / welfare carry the routes the mock calls showed were missing."""
from __future__ import annotations

from triage_desktop.core.checker import check_paths
from triage_desktop.core.loader import bundled_flows_dir
from triage_desktop.core.model import QUESTION_KINDS
from triage_desktop.core.vocab import CALLER_TYPES, caller_group

RES = check_paths([bundled_flows_dir()])
LIB = RES.library()
ENTRY = LIB["entry_triage"]
PATHWAYS = [f for f in LIB if f.id != "entry_triage"]
ENTRY_THRESHOLD = ("who_calling", "risk_now", "crime_now", "crime_happened", "weapon", "is_child")


def _post_nodes(flow, start_id):
    seen, stack = set(), [start_id]
    while stack:
        nid = stack.pop()
        if nid in seen or nid not in flow.nodes:
            continue
        seen.add(nid)
        stack.extend(t.node for t in flow.nodes[nid].targets() if t.node)
    return seen


def test_pathways_never_repeat_entry_questions():
    asked_at_entry = {ENTRY.nodes[n].title.lower() for n in ENTRY_THRESHOLD}
    for f in PATHWAYS:
        for n in f.nodes.values():
            if n.kind in QUESTION_KINDS and not n.after_decision:
                assert n.title.lower() not in asked_at_entry, (f.id, n.id)
                assert n.records != "caller_type", (f.id, n.id)  # who is calling is asked once, at entry
                assert n.id not in ("danger_now", "who_calling", "who_asking", "caller_role", "who_at_risk"), (f.id, n.id)


def test_every_police_emergency_or_priority_outcome_keeps_asking_while_they_travel():
    need = {"otw_with_person", "otw_where_now", "otw_ambulance", "otw_child", "otw_weapon", "otw_safety",
            "otw_description"}
    for f in LIB:
        for n in f.nodes.values():
            if n.kind == "outcome" and n.code in ("POLICE_EMERGENCY", "POLICE_PRIORITY"):
                assert n.continue_to is not None, (f.id, n.id)
                steps = _post_nodes(f, n.continue_to.node)
                assert need <= steps, (f.id, n.id, sorted(need - steps))
        if any(n.continue_to for n in f.nodes.values()) or f.id != "s136_handover":
            assert f.immediate_risk_continue or f.id == "s136_handover", f.id


def test_the_entry_emergency_steps_keep_each_pathways_essentials():
    steps = _post_nodes(ENTRY, "otw_kind")
    assert {"otw_s136_minutes", "otw_s136_escalate", "otw_awol_restricted", "otw_crisis_practitioner"} <= steps
    assert set(ENTRY.nodes["otw_s136_escalate"].add_partners) == {"on_call_health_manager", "police_supervisor"}
    restricted = ENTRY.nodes["otw_awol_restricted"]
    assert "moj_mhcs" in restricted.option("yes").add_partners and "moj_mhcs" in restricted.option("unknown").add_partners
    child = ENTRY.nodes["otw_child"]
    assert "childrens_services" in child.option("yes").add_partners


def test_professional_callers_left_responsible_are_reminded_of_their_duty():
    for f in LIB:
        for n in f.nodes.values():
            if n.kind == "outcome" and n.code == "HEALTH_PROVIDER_RESPONSIBLE":
                for ct, info in CALLER_TYPES.items():
                    if info.group == "professional" and ct != "police":
                        text = n.text("script", ct).lower()
                        assert "duty" in text or "responsib" in text, (f.id, n.id, ct)


def test_no_script_addresses_one_kind_of_caller_inside_another_callers_text():
    for f in LIB:
        for n in f.nodes.values():
            for name in ("say", "script", "headline"):
                for ct in CALLER_TYPES:
                    text = n.text(name, ct).lower()
                    assert "if you're the ambulance service" not in text, (f.id, n.id)
                    assert "if it's someone else calling" not in text, (f.id, n.id)
                    assert "if you're a professional" not in text, (f.id, n.id)


def test_crisis_questions_say_whether_they_are_about_the_present_or_the_past():
    crisis = LIB["crisis_suicide_risk"]
    for n in crisis.nodes.values():
        if n.risk or n.id in ("last_heard", "where_now"):
            why = n.why.lower()
            assert "about the present" in why or "about the past" in why or "about the recent past" in why \
                or "about what may happen" in why, n.id


def test_second_hand_dont_know_establishes_the_present_before_deciding():
    crisis = LIB["crisis_suicide_risk"]
    harmed = crisis.nodes["harmed"]
    assert harmed.option("unknown").target.node == "unknown_route"
    route = crisis.nodes["unknown_route"]
    assert route.routes[-1].target.node == "last_heard"  # a caller not with the person: when, what, where
    said = crisis.nodes["what_said"]
    for v in ("present", "specific", "unknown"):  # a present or specific danger still decides at once
        assert said.option(v).target.node == "out_emergency_elsewhere" and "risk_to_life" in said.option(v).flags
    assert said.option("old_message").target.node == "where_now"
    plan = crisis.nodes["plan"]
    assert plan.option("no_thoughts") is not None  # "no suicidal thoughts" is an answer


def test_awol_and_s136_and_welfare_routes():
    awol = LIB["awol_detained_patient"]
    assert awol.nodes["restricted"].risk and awol.nodes["restricted"].option("unknown").flags == ("restricted_patient",)
    assert "entry_needed" in awol.nodes and awol.nodes["location_known"].option("address").target.node == "entry_needed"
    for n in awol.nodes.values():  # every risk question has a Don't know
        if n.risk:
            assert n.option("unknown") is not None, n.id
        if n.kind == "outcome":
            assert "when they're found" not in n.script.lower() or n.id == "out_provider_review", n.id
    s136 = LIB["s136_handover"]
    assert s136.nodes["out_wait"].code == "POLICE_HANDOVER_LEAVE"  # waiting within the hour is not police support
    assert s136.nodes["out_support_escalate"].code == "POLICE_SUPPORT_HEALTH"
    assert {p.code for p in s136.nodes["out_support_escalate"].partners} >= {"on_call_health_manager", "police_supervisor"}
    stay = s136.nodes["out_support_escalate"].text("script", "police").lower()
    leave = s136.nodes["out_escalate_leave"].text("script", "police").lower()
    assert "you stay" in stay and "so you can leave" in leave
    welfare = LIB["concern_for_welfare"]
    assert welfare.nodes["out_amhp"].code == "AMHP_REFERRAL" and "amhp" in welfare.nodes["out_amhp"].script.lower()
    assert {"out_mh_practitioner", "out_crisis_team"} <= set(welfare.nodes)
    assert caller_group("police") == "professional"
