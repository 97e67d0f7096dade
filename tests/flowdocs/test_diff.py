"""`flows diff`: hand-made pairs for each kind of change, and the replayed decisions that change."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from triage_desktop.flowdocs.diff import compare, side_from_path, to_markdown

FLOWS_OK = Path(__file__).parents[1] / "core" / "flows_ok"
WALK = ["no", "none", 40, "welfare", "in the park"]
CASES = {
    "mini_entry": [
        ("risk now", ["yes"], "POLICE_EMERGENCY"),
        ("crime earlier", ["no", "past"], "POLICE_SCHEDULED"),
        ("advice only", ["no", "none", 40, "advice"], "ADVICE_ONLY"),
        ("adult, no concerns", WALK + [[], None], "GP_OR_111"),
        ("adult, confused", WALK + [["confused"], None], "GP_OR_111"),
        ("child", ["no", "none", 12, "welfare", "at home", [], None], "SOCIAL_CARE"),
    ],
}


def write_cases(folder: Path) -> None:
    (folder / "tests").mkdir(exist_ok=True)
    lines = ["flow: mini_entry", "cases:"]
    for name, answers, expect in CASES["mini_entry"]:
        lines.append(f"  - {{ name: '{name}', answers: {answers!r}, expect: {expect} }}".replace("None", "null"))
    (folder / "tests" / "mini_entry.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def pair(tmp_path: Path, edits: dict[str, list[tuple[str, str]]], bump: bool = True):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FLOWS_OK, old)
    write_cases(old)
    shutil.copytree(old, new)
    for name, subs in edits.items():
        p = new / f"{name}.yaml"
        text = p.read_text(encoding="utf-8")
        if bump:
            v = "1.0.0" if name == "mini_entry" else "1.2.0"
            text = text.replace(f"version: {v}", "version: 9.0.0")  # sign-off moves with it (fixture layout)
        for a, b in subs:
            assert a in text, a
            text = text.replace(a, b, 1)
        p.write_text(text, encoding="utf-8")
    return compare(side_from_path(str(old)), side_from_path(str(new)))


def texts(d) -> list[str]:
    return [c.text for c in d.changes]


def test_question_reworded_old_to_new_and_no_decision_changes(tmp_path):
    d = pair(tmp_path, {"mini_entry": [('say: "Is anyone in danger right now?"',
                                        'say: "Is anyone at risk of dying or serious harm right now?"')]})
    assert "“Risk to life now?” (risk_now): words to say reworded: “Is anyone in danger right now?” → " \
           "“Is anyone at risk of dying or serious harm right now?”" in texts(d)
    assert "version 1.0.0 → 9.0.0" in texts(d)
    assert d.cases_replayed == 6 and d.decisions == []
    assert d.highlight == {"mini_entry": {"risk_now": "CHANGED"}}


def test_answer_rerouted_from_to_and_the_case_that_now_decides_differently(tmp_path):
    d = pair(tmp_path, {"mini_entry": [('label: "Happened earlier", next: out_scheduled',
                                        'label: "Happened earlier", next: out_emergency')]})
    assert "“Crime?” (crime): answer “Happened earlier” re-routed: from outcome POLICE_SCHEDULED (out_scheduled) " \
           "to outcome POLICE_EMERGENCY (out_emergency)" in texts(d)
    [x] = d.decisions
    assert (x.case, x.old.code, x.new.code, x.police_changed) == ("crime earlier", "POLICE_SCHEDULED",
                                                                   "POLICE_EMERGENCY", False)


def test_outcome_code_changed_changes_the_police_decision(tmp_path):
    d = pair(tmp_path, {"mini_entry": [("code: ADVICE_ONLY", "code: POLICE_SCHEDULED"),
                                       ('headline: "Police will not attend."',
                                        'headline: "Police will attend at a scheduled time."')]})
    assert "outcome out_advice: code ADVICE_ONLY (police will not attend) → POLICE_SCHEDULED (police attend)" \
        in texts(d)
    assert any("sentence read aloud reworded: “Police will not attend.” → “Police will attend at a scheduled " \
               "time.”" in t for t in texts(d))
    [x] = d.decisions
    assert x.case == "advice only" and x.police_changed and x.old.police is False and x.new.police is True
    md = to_markdown(d)
    assert "| mini_entry | advice only (new tests/mini_entry.yaml) | ADVICE_ONLY (police will not attend) | " \
           "POLICE_SCHEDULED (police attend) | **CHANGES** |" in md
    assert "1 decide differently, 1 of them change whether police attend" in md


def test_question_added_and_the_old_answers_no_longer_reach_an_outcome(tmp_path):
    new_q = ('    next: child\n  child:', '    next: alone\n  alone:\n    kind: yesno\n    title: Alone?\n'
             '    say: "Is the person on their own?"\n    why: "Who can help."\n    answers:\n'
             '      yes: { next: child, flags: [alone] }\n      no: { next: child }\n  child:')
    d = pair(tmp_path, {"mini_path": [new_q]})
    assert any(t.startswith("new yes/no question alone: “Alone?”: “Is the person on their own?”. Answers: “Yes” → "
                            "“Child?” (child) [flags: alone]") for t in texts(d)), texts(d)
    assert "“Reassure” (say_this) now goes on to “Alone?” (alone) (was “Child?” (child))" in texts(d)
    assert d.highlight["mini_path"] == {"alone": "NEW", "say_this": "CHANGED"}
    changed = {x.case: (x.old.words(), x.new.words()) for x in d.decisions}
    assert changed["adult, no concerns"] == ("GP_OR_111 (police will not attend)", "no outcome (answers ran out at alone)")
    assert len(changed) == 3  # every case that walks through mini_path
    assert all(x.runs_on_one_side_only and not x.police_changed for x in d.decisions)
    assert "3 reach a decision on one version only" in to_markdown(d)


def test_question_removed(tmp_path):
    d = pair(tmp_path, {"mini_path": [("    next: say_this\n", "    next: child\n"),
                                      ('  say_this:\n    kind: info\n    title: Reassure\n    say: "Tell the caller we '
                                       'will help."\n    next: child\n', "")]})
    assert "information step say_this removed (was “Reassure”: “Tell the caller we will help.”. Then: “Child?” " \
           "(child).)" in texts(d)
    assert "“Concerns” (concerns) now goes on to “Child?” (child) (was “Reassure” (say_this))" in texts(d)


def test_flags_and_risk_marking_changed(tmp_path):
    d = pair(tmp_path, {"mini_path": [('label: "Confused", flags: [capacity_concern]',
                                       'label: "Confused", flags: [medical_emergency]')],
                        "mini_entry": [("    title: Crime?\n    risk: true\n", "    title: Crime?\n")]})
    t = texts(d)
    assert "“Concerns” (concerns): answer “Confused” now raises flag(s) medical_emergency" in t
    assert "“Concerns” (concerns): answer “Confused” no longer raises flag(s) capacity_concern" in t
    assert "“Crime?” (crime) is no longer marked as a risk question" in t
    [x] = d.decisions
    assert (x.case, x.old.code, x.new.code) == ("adult, confused", "GP_OR_111", "AMBULANCE")
    assert not x.police_changed


def test_outcome_script_and_partners_changed(tmp_path):
    d = pair(tmp_path, {"mini_path": [('script: "Call the GP."\n    caller_informed: "Told GP."',
                                       'script: "Call your GP surgery today."\n    caller_informed: "Told GP."\n'
                                       '    partners:\n      - { name: "GP surgery", contact: "the person\'s own" }')]})
    t = texts(d)
    assert "outcome GP_OR_111 (out_gp): closing script reworded: “Call the GP.” → “Call your GP surgery today.”" in t
    assert "outcome GP_OR_111 (out_gp): partner added: GP surgery (the person's own)" in t


def test_signoff_changes_and_a_same_version_change_are_called_out(tmp_path):
    d = pair(tmp_path, {"mini_entry": [("name: C. Example }", "name: C. Example }\n    - { organisation: Example "
                                                             "Ambulance Service, sector: health, role: Clinical lead, "
                                                             "name: D. Example }"),
                                       ('title: Age', 'title: Age of the person')]}, bump=False)
    t = texts(d)
    assert "signatory: D. Example, Clinical lead, Example Ambulance Service (health)" in t
    assert t[0] == "content changed but the version is still 1.0.0 (a version bump is required: see flows.lock)"
    assert "“Age” (age) retitled “Age of the person”" in t


def test_cli_md_and_pdf_with_highlighted_diagram(tmp_path):
    d = pair(tmp_path, {"mini_entry": [("code: ADVICE_ONLY", "code: GP_OR_111")]})
    assert d.decisions
    cli = [sys.executable, "-m", "triage_desktop.cli", "flows", "diff", str(tmp_path / "old"), str(tmp_path / "new")]
    md = subprocess.run(cli, capture_output=True, text=True, timeout=120)
    assert md.returncode == 0, md.stderr
    assert "## What the change does to decisions" in md.stdout and "advice only" in md.stdout
    out = tmp_path / "note.pdf"
    pdf = subprocess.run(cli + ["--format", "pdf", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert pdf.returncode == 0, pdf.stderr
    pages = PdfReader(str(out)).pages
    assert len(pages) == 2  # the note, then the changed flow's diagram
    assert "What the change does to decisions" in pages[0].extract_text()
    assert "CHANGED" in pages[1].extract_text() and "mini_entry" in pages[1].extract_text()


def test_single_files_and_bad_input(tmp_path):
    pair(tmp_path, {"mini_path": [('title: Where?', 'title: Where is the person?')]})
    cli = [sys.executable, "-m", "triage_desktop.cli", "flows", "diff"]
    r = subprocess.run(cli + [str(tmp_path / "old" / "mini_path.yaml"), str(tmp_path / "new" / "mini_path.yaml")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "“Where?” (where) retitled “Where is the person?”" in r.stdout
    bad = tmp_path / "broken" / "mini_path.yaml"
    bad.parent.mkdir()
    bad.write_text("id: mini_path\nnodes: [\n", encoding="utf-8")
    r = subprocess.run(cli + [str(tmp_path / "old" / "mini_path.yaml"), str(bad)], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"flows diff: {bad}:") and "YAML syntax error" in r.stderr


def test_two_versions_from_the_store(tmp_path):
    from triage_desktop.paths import AppPaths
    from triage_desktop.services import AppServices

    old, new = tmp_path / "old", tmp_path / "new"
    pair(tmp_path, {"mini_path": [('label: "Confused", flags: [capacity_concern]',
                                   'label: "Confused", flags: [medical_emergency]')]})
    paths = AppPaths.from_root(tmp_path / "app")
    for folder in (old, new):
        with AppServices.open(paths, training=False, flows_dir=folder) as svc:
            svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
    cli = [sys.executable, "-m", "triage_desktop.cli", "--data-dir", str(paths.data_dir), "flows", "diff",
           "store:mini_path@1.2.0", "store:mini_path@9.0.0", "--flows", str(old)]
    r = subprocess.run(cli, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "store:mini_path@1.2.0 → store:mini_path@9.0.0" in r.stdout
    assert "answer “Confused” now raises flag(s) medical_emergency" in r.stdout
    assert "| mini_entry | adult, confused (new tests/mini_entry.yaml) | GP_OR_111 (police will not attend) | " \
           "AMBULANCE (police will not attend) | same |" in r.stdout
    r = subprocess.run(cli[:-4] + ["store:mini_path@7.7.7", "store:mini_path@9.0.0"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 1 and "no such flow version" in r.stderr and "Traceback" not in r.stderr


def scripted(answers: dict[tuple[str, str], object]):
    """A mock-call scenario's shape: an answer for each (flow, node) a careful handler would give, in any order."""
    from triage_desktop.core.engine import FlowRun
    from triage_desktop.flowdocs.diff import Replay

    def run(lib) -> Replay:
        r = FlowRun(lib, "mini_entry")
        while not r.is_finished:
            key = r.current
            if key not in answers:
                return Replay(None, f"the scenario has no answer for {key[0]}.{key[1]}")
            r.answer(answers[key])
        return Replay(r.outcome.code)
    return run


def test_mock_call_scenarios_are_replayed_on_both_versions(tmp_path):
    from triage_desktop.flowdocs.diff import ScenarioCase

    script = {("mini_entry", "risk_now"): "no", ("mini_entry", "crime"): "none", ("mini_entry", "age"): 70,
              ("mini_entry", "pathway"): "welfare", ("mini_path", "where"): "at home",
              ("mini_path", "concerns"): ["confused"], ("mini_path", "say_this"): None}
    old, new = tmp_path / "old", tmp_path / "new"
    pair(tmp_path, {"mini_path": [("      - { when_any: [medical_emergency], next: out_ambulance }\n",
                                   "      - { when_any: [medical_emergency], next: out_ambulance }\n"
                                   "      - { when_any: [capacity_concern], next: out_social }\n")]})
    sc = [ScenarioCase("confused_older_man", "confused_older_man.yaml", scripted(script))]
    d = compare(side_from_path(str(old)), side_from_path(str(new)), scenarios=sc)
    mock = [x for x in d.decisions if x.flow == "(mock call)"]
    assert [(x.case, x.old.code, x.new.code) for x in mock] == [("confused_older_man", "GP_OR_111", "SOCIAL_CARE")]
    md = to_markdown(d)
    assert "6 test case(s) and 1 mock-call scenario(s) replayed on both versions" in md
    assert "| (mock call) | confused_older_man (confused_older_man.yaml) | GP_OR_111 (police will not attend) | " \
           "SOCIAL_CARE (police will not attend) | same |" in md
    assert "“Child?” (child): routes were" in md


def test_v2_caller_variants_raise_and_continue_changes(tmp_path):
    src = Path(__file__).parent / "flows_v2" / "decide_then_ask.yaml"
    old, new = tmp_path / "old" / "decide_then_ask.yaml", tmp_path / "new" / "decide_then_ask.yaml"
    old.parent.mkdir()
    new.parent.mkdir()
    shutil.copy(src, old)
    text = src.read_text(encoding="utf-8").replace("version: 2.0.0", "version: 2.1.0")
    text = text.replace('    say: "Is anyone in danger right now?"',
                        '    say:\n      default: "Is anyone in danger right now?"\n'
                        '      professional: "Is your patient or anyone else in danger right now?"')
    text = text.replace('next: otw_last, raise: POLICE_EMERGENCY }', 'next: otw_last }')
    text = text.replace("    continue: otw_where_now\n", "")
    new.write_text(text, encoding="utf-8")
    d = compare(side_from_path(str(old)), side_from_path(str(new)))
    t = texts(d)
    assert "“Risk now?” (risk_now): new words to say (words for professional callers): “Is your patient or anyone " \
           "else in danger right now?”" in t
    assert "“Where is the person now?” (otw_where_now): answer “Gone, don't know where”: raise POLICE_EMERGENCY → " \
           "nothing extra" in t
    assert "outcome POLICE_EMERGENCY (out_emergency): after the decision, goes on to nothing (call ends) (was " \
           "“Where is the person now?” (otw_where_now))" in t


def test_the_bundled_mock_call_scenarios_are_replayed_and_a_changed_outcome_names_them(tmp_path):
    """resources/scenarios (the content branch's loader, core.scenarios) replayed on both versions."""
    import re

    from triage_desktop.core import scenario_replay, scenarios as sc_mod
    from triage_desktop.core.checker import check_paths
    from triage_desktop.core.engine import FlowRun
    from triage_desktop.core.loader import bundled_flows_dir
    from triage_desktop.flowdocs.diff import scenario_cases

    flows = bundled_flows_dir()
    scen_dir = flows.parent / "scenarios"
    loaded, _ = sc_mod.load_scenarios([scen_dir])
    assert len(scenario_cases([scen_dir])) == len(loaded) > 0
    lib = check_paths([flows]).library()
    # a scenario that ends at an outcome node of a flow: change that outcome's code in a copy
    for sc in loaded:
        run = FlowRun(lib, "entry_triage")
        result = scenario_replay.replay(sc, scenario_replay.DirectSession(run))
        out = run.outcome
        if result.passed and out is not None and out.source == "flow" and out.code != "ADVICE_ONLY":
            break
    else:
        raise AssertionError("no bundled scenario ends at a flow outcome")
    new = tmp_path / "resources" / "flows"
    shutil.copytree(flows, new)
    p = new / f"{out.flow_id}.yaml"
    text = p.read_text(encoding="utf-8")
    start = text.index(f"\n  {out.node_id}:\n")
    head, tail = text[:start], text[start:]
    tail = re.sub(r"(\n    code: )[A-Z_0-9]+", r"\1ADVICE_ONLY", tail, count=1)
    p.write_text(head + tail, encoding="utf-8")
    d = compare(side_from_path(str(flows)), side_from_path(str(new)))
    assert d.scenarios_replayed == len(loaded)
    mock = {x.case: x for x in d.decisions if x.flow == "(mock call)"}
    assert sc.id in mock
    assert mock[sc.id].old.code == out.code and mock[sc.id].new.code == "ADVICE_ONLY"
    assert f"outcome {out.node_id}: code {out.code}" in to_markdown(d)
