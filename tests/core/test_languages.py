"""Bilingual flow content (issue 15): one variant mechanism (caller variant, then language), the checker's Welsh
rules, and the call language in the engine and CallView (tests/core/flows_cy, a small flow in English and Welsh)."""
import datetime as dt
import shutil
from pathlib import Path

import pytest

from triage_desktop.core.callview import build_call_view
from triage_desktop.core.checker import check_paths
from triage_desktop.core.engine import EngineError, FlowLibrary, FlowRun
from triage_desktop.core.incident_log import LogFacts, render
from triage_desktop.core.languages import bundled_allow_same, check_languages, load_allow_same
from triage_desktop.core.loader import bundled_flows_dir, load_flow, load_flow_text

HERE = Path(__file__).parent
CY = HERE / "flows_cy"


def incident_log_text(view) -> str:
    """The block's formatter (the services are its one entry point; here the pure part, without a record)."""
    return render(view, None, LogFacts())


class StepClock:
    """One second per reading of the monotonic time, so offsets and wall times are predictable."""

    def __init__(self):
        self.t = 0.0

    def wall(self):
        return dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=self.t)

    def monotonic(self):
        self.t += 1.0
        return self.t


@pytest.fixture(scope="module")
def lib():
    res = check_paths([CY])
    assert not res.problems, [str(p) for p in res.problems]  # complete in both languages: no error, no warning
    return res.library()


# ----- resolution ---------------------------------------------------------------------------------------------
def test_caller_variant_first_then_language(lib):
    n = lib["cy_entry"].node("risk_now")
    assert n.text("say", "hcp_ae_ward", "cy") == "Ydy'ch claf, neu unrhyw un arall, mewn perygl ar hyn o bryd?"
    assert n.text("say", "hcp_ae_ward") == "Is your patient, or anyone else, in danger right now?"
    assert n.text("say", "self", "cy").startswith("Ydych chi, neu unrhyw un gyda chi")
    # a police officer is in the professional group; before anyone is recorded, the default, in Welsh
    assert n.text("say", "police", "cy") == n.text("say", "hcp_gp", "cy")
    assert n.text("say", None, "cy").startswith("Oes unrhyw un mewn perygl o farw")
    assert n.text("say", None, "en") == n.say  # English is the plain field, as before
    assert n.text("why", None, "cy").startswith("Rhan 2 y trothwy")
    assert n.text("title", None, "cy") == "Risg i fywyd nawr?"


def test_labels_notes_and_builtin_labels_in_welsh(lib):
    f = lib["cy_entry"]
    yes, no, unknown = f.node("risk_now").options
    assert (yes.label_for(None, "cy"), no.label_for(None, "cy"), unknown.label_for(None, "cy")) == \
        ("Ie", "Na", "Ddim yn gwybod")
    assert (yes.label, no.label, unknown.label) == ("Yes", "No", "Unknown")
    assert f.node("crime_now").options[2].label_for(None, "cy") == "Ddim yn siŵr"  # a written label wins
    lo, hi = f.node("minutes").options
    assert (lo.label_for(None, "cy"), hi.label_for(None, "cy")) == ("llai na 60", "60 neu fwy")
    opt = f.node("who_calling").options[1]
    assert (opt.label, opt.label_for("self", "cy")) == ("Family, friend or public", "Teulu, ffrind neu aelod o'r cyhoedd")
    (amb,) = f.node("out_emergency").partners
    assert (amb.note, amb.note_in("cy")) == ("If anyone is hurt", "Os oes unrhyw un wedi'i anafu")


def test_english_only_text_falls_back_to_english():
    text = (CY / "cy_entry.yaml").read_text().replace("languages: [en, cy]\n", "").replace(
        '''    say: { en: "Has a crime been committed?", cy: "Oes trosedd wedi'i chyflawni?" }''',
        '''    say: "Has a crime been committed?"''')
    flow, problems = load_flow_text(text, file="cy_entry.yaml")
    assert flow is not None and not [p for p in problems if p.is_error]
    assert flow.languages == ("en",)
    assert flow.node("crime_now").text("say", None, "cy") == "Has a crime been committed?"


def test_bundled_flows_load_unchanged():
    """Every English text reads as before the bilingual format: the plain field is the English, whatever the file."""
    for path in sorted(bundled_flows_dir().glob("*.yaml")):
        if path.name == "phrase-lint.yaml":
            continue
        flow = load_flow(path)
        for n in flow.nodes.values():
            for name in ("say", "headline", "script", "caller_informed"):
                for ct in (None, "self", "hcp_gp", "police"):
                    assert n.text(name, ct, "en") == n.text(name, ct)
            for site in n.sites:
                assert site.get("en"), (flow.id, n.id, site)


# ----- checker --------------------------------------------------------------------------------------------------
def _flow_with(tmp_path, old, new, *, name="cy_entry"):
    d = tmp_path / "flows"
    d.mkdir(exist_ok=True)
    text = (CY / "cy_entry.yaml").read_text()
    assert old in text
    (d / f"{name}.yaml").write_text(text.replace(old, new))
    return d


def test_allow_list_accepts_names_numbers_and_codes(tmp_path):
    allow = load_allow_same(bundled_allow_same())
    assert {"999", "111", "amhp"} <= allow
    d = _flow_with(tmp_path, '''title: { en: "Crime?", cy: "Trosedd?" }''', '''title: { en: "AMHP", cy: "AMHP" }''')
    res = check_paths([d])
    assert res.ok and not res.problems, [str(p) for p in res.problems]
    d = _flow_with(tmp_path, '''title: { en: "Crime?", cy: "Trosedd?" }''', '''title: { en: "Crime?", cy: " crime? " }''')
    (p,) = check_paths([d]).problems
    assert p.node == "crime_now" and p.line == 53 and "the Welsh is the same as the English" in p.message


def test_folder_allow_list_replaces_the_bundled_one(tmp_path):
    d = _flow_with(tmp_path, '''title: { en: "Crime?", cy: "Trosedd?" }''', '''title: { en: "Trosedd", cy: "Trosedd" }''')
    assert not check_paths([d]).ok
    (d / "cy-allow-same.txt").write_text("# reviewed\nTrosedd\n")
    assert check_paths([d]).ok


def test_english_only_flow_gets_one_warning_and_declared_english_none(tmp_path):
    d = tmp_path / "flows"
    shutil.copytree(HERE / "flows_ok", d)
    res = check_paths([d])
    assert res.ok
    warned = [p for p in res.problems if "no Welsh texts" in p.message]
    assert {Path(p.file).name for p in warned} == {"mini_entry.yaml", "mini_path.yaml"}
    assert all(p.level == "warning" and p.line > 0 and p.node for p in warned)
    for f in d.glob("*.yaml"):
        f.write_text(f.read_text().replace("\nnodes:", "\nlanguages: [en]\nnodes:", 1))
    assert not [p for p in check_paths([d]).problems if "Welsh" in p.message]


def test_every_missing_welsh_text_is_named(tmp_path):
    d = _flow_with(tmp_path, '''    why: { en: "RCRP threshold part 1.", cy: "Rhan 1 trothwy RCRP." }''',
                   '''    why: "RCRP threshold part 1."''')
    text = (d / "cy_entry.yaml").read_text().replace(
        '''      - { value: self, label: { en: "The person at risk", cy: "Y person sydd mewn perygl" }, next: risk_now }''',
        '''      - { value: self, label: "The person at risk", next: risk_now }''')
    (d / "cy_entry.yaml").write_text(text)
    res = check_paths([d])
    got = sorted((p.node, p.line, p.message.split(" has")[0]) for p in res.errors)
    assert got == [("crime_now", 55, "'why'"), ("who_calling", 18, "'label of 'self''")], got
    assert all(str(p).startswith(f"{d / 'cy_entry.yaml'}:{p.line}: node {p.node}: ") for p in res.errors)


def test_english_rules_do_not_read_the_welsh(tmp_path):
    """Phrase lint and the second-person rule are English rules: Welsh words never trip them."""
    d = _flow_with(tmp_path, '''cy: "Bydd yr heddlu'n dod. Mae swyddogion ar eu ffordd nawr. Arhoswch ar y lein os yw'n ddiogel."''',
                   '''cy: "Bydd yr heddlu'n dod: sent to you, coming to you, you your yourself."''')
    (d / "phrase-lint.yaml").write_text(
        'version: 1\nrules:\n  - callers: [third_party, professional]\n    phrases: ["sent to you", "coming to you"]\n')
    res = check_paths([d])
    assert res.ok and not res.problems, [str(p) for p in res.problems]
    flow = res.flows[0]
    assert check_languages(flow) == []


# ----- engine, CallView, incident log --------------------------------------------------------------------------
def test_switching_language_keeps_the_place_and_the_answers(lib):
    run = FlowRun(lib, "cy_entry", clock=StepClock())
    run.answer("hcp_ae_ward")
    before = build_call_view(run)
    assert before.language == "en" and before.languages == ("en", "cy")
    assert before.question.say == before.question.say_en == "Is your patient, or anyone else, in danger right now?"
    ev = run.set_language("cy")
    assert (ev.kind, ev.value, ev.flow, ev.node) == ("language", "cy", "cy_entry", "risk_now")
    after = build_call_view(run)
    assert after.current == before.current and after.step == before.step and after.answers == before.answers
    q = after.question
    assert q.lang == "cy" and q.say == "Ydy'ch claf, neu unrhyw un arall, mewn perygl ar hyn o bryd?"
    assert q.say_en == before.question.say and q.title == "Risg i fywyd nawr?" and q.title_en == "Risk to life now?"
    assert [(o.value, o.label, o.label_en) for o in q.options] == [
        ("yes", "Ie", "Yes"), ("no", "Na", "No"), ("unknown", "Ddim yn gwybod", "Unknown")]
    with pytest.raises(EngineError, match="already Welsh"):
        run.set_language("cy")
    with pytest.raises(EngineError, match="unknown call language"):
        run.set_language("fr")
    run.answer("no")
    run.answer(20)
    run.set_language("en")
    run.answer("no")
    assert [(a.node, a.value, a.label, a.lang) for a in build_call_view(run).answers] == [
        ("who_calling", "hcp_ae_ward", "A&E or ward", "en"), ("risk_now", "no", "No", "cy"),
        ("minutes", 20, "20 minutes", "cy"), ("crime_now", "no", "No", "en")]  # labels in the record: English
    # the record is the events: a replay gives the same languages
    again = FlowRun.replay(lib, "cy_entry", [e.to_dict() for e in run.events])
    assert [a.lang for a in again.answers] == ["en", "cy", "cy", "en"]
    assert [e.value for e in run.events if e.kind == "language"] == ["cy", "en"]


def test_shown_records_the_language_it_was_shown_in(lib):
    run = FlowRun(lib, "cy_entry", clock=StepClock())
    assert run.shown().value is None
    run.set_language("cy")
    assert run.shown().value == {"lang": "cy"}


def test_outcome_read_in_the_call_language_record_in_english(lib):
    run = FlowRun(lib, "cy_entry", clock=StepClock())
    run.set_language("cy")
    for a in ("family_friend_public", "no", 90, "no"):
        run.answer(a)
    out = build_call_view(run).outcome
    assert out.language == "cy"
    assert out.said_in_call_language("headline") == "Fydd yr heddlu ddim yn dod. Rwyf wedi rhoi cyngor."
    assert out.said_in_call_language("script").startswith("Fydd yr heddlu ddim yn dod allan.")
    assert out.headline == "Police will not attend. I've given advice."  # the English stays the record's text
    assert out.caller_informed == "Told police will not attend; advice given."
    assert "Threshold not met" in out.rationale
    run.set_language("en")
    assert run.outcome.language == "en" and run.outcome.said_in_call_language("headline") == out.headline


def test_builtin_outcome_in_welsh(lib):
    run = FlowRun(lib, "cy_entry", clock=StepClock())
    run.answer("self")
    run.set_language("cy")
    run.immediate_risk("weapon seen")
    out = run.outcome
    assert out.code == "POLICE_EMERGENCY" and out.headline == "Police will attend as an emergency."
    assert out.said_in_call_language("headline") == "Bydd yr heddlu'n dod fel argyfwng."
    assert out.said_in_call_language("script").startswith("Mae'r heddlu'n cael eu hanfon atoch chi nawr")


def test_no_welsh_in_the_flows_means_no_switch():
    res = check_paths([HERE / "flows_ok"])
    run = FlowRun(FlowLibrary(res.flows), "mini_entry")
    assert run.languages == ("en",)
    with pytest.raises(EngineError, match="no Welsh texts"):
        run.set_language("cy")


def test_incident_log_stays_english_and_says_welsh(lib):
    run = FlowRun(lib, "cy_entry", clock=StepClock())
    run.answer("self")
    run.set_language("cy")
    for a in ("no", 10, "no"):
        run.answer(a)
    text = incident_log_text(build_call_view(run))
    t = dt.datetime.fromisoformat(run.language_changes[0][1]).astimezone().strftime("%H:%M:%S")
    assert f"Call conducted partly in Welsh (from {t})" in text
    assert "  - Risk to life now?: No" in text and "Ydych" not in text and "Fydd" not in text

    whole = FlowRun(lib, "cy_entry", clock=StepClock())
    whole.set_language("cy")
    for a in ("self", "no", 10, "no"):
        whole.answer(a)
    text = incident_log_text(build_call_view(whole))
    assert "Call conducted in Welsh\n" in text and "partly" not in text
    english = FlowRun(lib, "cy_entry", clock=StepClock())
    english.answer("self")
    assert "Welsh" not in incident_log_text(build_call_view(english))


def test_flow_documents_read_the_english_and_diffs_name_the_welsh(tmp_path):
    """Diagrams and outlines draw the English (no '[cy]' variants); a change note lists Welsh rewording as Welsh."""
    from triage_desktop.flowdocs import texts
    from triage_desktop.flowdocs.diff_words import _text_changes

    flow = load_flow(CY / "cy_entry.yaml")
    n = flow.node("risk_now")
    assert list(texts.node_text(flow, n, "say")) == ["default", "self", "third_party", "professional"]
    assert texts.node_text(flow, n, "say")["default"].startswith("Is anyone in danger")
    both = texts.node_text(flow, n, "say", langs=True)
    assert both["professional [cy]"] == "Ydy'ch claf, neu unrhyw un arall, mewn perygl ar hyn o bryd?"
    d = _flow_with(tmp_path, "cy: \"Ydy'ch claf, neu unrhyw un arall, mewn perygl ar hyn o bryd?\"",
                   "cy: \"Ydy'ch claf chi, neu unrhyw un arall, mewn perygl nawr?\"")
    new = load_flow(d / "cy_entry.yaml")
    changes = [c.text for c in _text_changes(flow, new, n, new.node("risk_now"))]
    assert len(changes) == 1 and "(Welsh, words for professional callers) reworded" in changes[0], changes


def test_call_language_column_is_cy_once_a_question_was_asked_in_welsh(lib):
    from triage_desktop.store.calls import decision_columns

    run = FlowRun(lib, "cy_entry", clock=StepClock())
    run.answer("self")
    run.set_language("cy")
    assert decision_columns(run)["call_language"] == "en"  # switched, but nothing asked in Welsh yet
    run.answer("no")
    assert decision_columns(run)["call_language"] == "cy"


def test_bundled_cases_decide_the_same_whatever_the_language():
    """Every bundled flow test case, answered with the call language switched before every answer (en, cy, en…):
    the same outcome, flags and answers as in English; each question on screen in Welsh has Welsh words, and the
    outcome has its Welsh script. (The bundled flows are bilingual: languages: [en, cy].)"""
    from triage_desktop.core.loader import load_test_cases

    res = check_paths([bundled_flows_dir()])
    assert res.ok, [str(p) for p in res.errors]
    lib = res.library()
    assert all("cy" in f.languages for f in lib)
    allow = load_allow_same(bundled_allow_same())
    cases = 0
    for f in sorted((bundled_flows_dir() / "tests").glob("*.yaml")):
        flow_id, found, _ = load_test_cases(f)
        for case in found:
            runs = []
            for switching in (False, True):
                run = FlowRun(lib, flow_id, initial_flags=case.initial_flags, clock=StepClock())
                if case.caller_type:
                    run.set_caller_type(case.caller_type)
                for a in case.answers:
                    if run.is_finished:
                        break
                    if switching:
                        run.set_language("en" if run.language == "cy" else "cy")
                        q = build_call_view(run).question
                        if q is not None and q.lang == "cy" and q.say_en:
                            assert q.say != q.say_en or " ".join(q.say.split()).casefold() in allow, (
                                flow_id, case.name, q.node)
                    run.answer(a)
                if run.in_post_decision:
                    run.finish()
                runs.append(run)
            en, mixed = runs
            assert en.outcome is not None and mixed.outcome is not None, (flow_id, case.name)
            assert (mixed.outcome.code, mixed.flags) == (en.outcome.code, en.flags), (flow_id, case.name)
            assert [(a.node, a.value) for a in mixed.answers] == [(a.node, a.value) for a in en.answers]
            assert mixed.outcome.headline == en.outcome.headline  # the record's English is unchanged
            if mixed.language != "cy":
                mixed.set_language("cy")
            said = mixed.outcome
            assert said.language == "cy" and said.said_in_call_language("script") != en.outcome.script
            cases += 1
    assert cases >= 50
