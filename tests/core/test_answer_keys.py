"""One rule for answer keys (issue 12): Y / N / U mean yes / no / don't know wherever those answers exist, numbers
follow the on-screen order; checked on the bundled flows as loaded."""
from __future__ import annotations

from triage_desktop.core.answer_keys import answer_keys, is_unknown, unknown_not_last
from triage_desktop.core.callview import build_call_view
from triage_desktop.core.engine import FlowLibrary, FlowRun
from triage_desktop.core.loader import bundled_flows_dir, flow_files, load_flow


def test_letters_by_meaning_and_only_when_unambiguous():
    weapon = [("threat", "Yes: they have it now"), ("mentioned", "Mentioned, but not with them"),
              ("none", "No weapon"), ("unknown", "Don't know")]
    assert answer_keys(weapon) == ["Y", None, "N", "U"]
    assert answer_keys([("yes", "Yes"), ("no", "No"), ("unknown", "Don't know")]) == ["Y", "N", "U"]
    # two answers meaning yes: Y means neither (a key never has two meanings on one question)
    assert answer_keys([("mh", "Yes: a mental-health team"), ("gp", "Yes: GP"), ("none", "No"),
                        ("unknown", "Not sure")]) == [None, None, "N", "U"]
    # words that only start like "no" are not "no"; "Not known to any service" is an answer, not "don't know"
    assert answer_keys([("a", "None of these"), ("b", "Nobody"), ("c", "Not booked yet"),
                        ("d", "Not known to any service")]) == [None, None, None, None]
    assert is_unknown("x", "Not rated / don't know") and is_unknown("x", "Not sure") and is_unknown("unknown", "?")


def test_unknown_not_last():
    assert unknown_not_last([("a", "A"), ("unknown", "Don't know"), ("b", "B")]) == "Don't know"
    assert unknown_not_last([("a", "A"), ("b", "B"), ("unknown", "Don't know")]) is None


def test_bundled_flows_keep_dont_know_last_and_the_views_carry_the_letters():
    flows = [load_flow(p) for p in flow_files([bundled_flows_dir()])]
    for f in flows:
        for n in f.nodes.values():
            if n.kind in ("yesno", "choice"):
                assert unknown_not_last((o.value, o.label) for o in n.options) is None, (f.id, n.id)
    run = FlowRun(FlowLibrary(flows), "entry_triage")
    for a in ("self", "no", "no", "no"):
        run.answer(a)
    q = build_call_view(run).question
    assert q is not None and q.node == "weapon"
    assert [(o.value, o.key) for o in q.options] == [("threat", "Y"), ("mentioned", ""), ("none", "N"),
                                                     ("unknown", "U")]
