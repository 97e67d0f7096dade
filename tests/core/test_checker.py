"""Every checker rule has a deliberately broken flow folder in tests/core/flows_bad/."""
from pathlib import Path

import pytest

from triage_desktop.cli import main
from triage_desktop.core.checker import check_paths

HERE = Path(__file__).parent
BAD = HERE / "flows_bad"

# rule folder -> (file the problem must name, node it must name or "", words the message must contain)
EXPECTED = {
    "syntax_error": ("mini_entry.yaml", "", "YAML syntax error"),
    "unknown_node": ("mini_entry.yaml", "risk_now", "unknown node reference 'crimes'"),
    "unknown_flow": ("mini_entry.yaml", "pathway", "unknown flow reference 'mini_missing'"),
    "unreachable": ("mini_entry.yaml", "orphan", "unreachable from the start node"),
    "dead_end": ("mini_entry.yaml", "pathway", "dead end"),
    "route_no_default": ("mini_path.yaml", "child", "dead end: the last route must have no condition"),
    "cycle": ("mini_entry.yaml", "risk_now", "cycle: risk_now -> crime -> age -> risk_now"),
    "bad_outcome_code": ("mini_entry.yaml", "out_advice", "'SEND_EVERYONE' is not in the vocabulary"),
    "missing_script": ("mini_entry.yaml", "out_scheduled", "missing 'script'"),
    "missing_caller_informed": ("mini_entry.yaml", "out_advice", "missing 'caller_informed'"),
    "headline_wrong": ("mini_entry.yaml", "out_advice", "police will not attend"),
    "risk_no_unknown": ("mini_entry.yaml", "risk_now", "risk question has no 'unknown' answer"),
    "risk_unknown_unsafe": ("mini_entry.yaml", "risk_now", "does not route to the safer branch"),
    "duplicate_node": ("mini_entry.yaml", "age", "duplicate node id"),
    "duplicate_flow_id": ("mini_path.yml", "", "duplicate flow id 'mini_path'"),
    "unknown_flag": ("mini_entry.yaml", "age", "unknown flag 'under_eighteen'"),
    "safety_invariant": ("mini_entry.yaml", "out_advice", "SAFETY: flag crime raised but path ends at non-police outcome ADVICE_ONLY"),
    "safety_across_flows": ("mini_path.yaml", "out_gp", "SAFETY: flag serious_harm raised"),
    "text_in_rationale": ("mini_path.yaml", "out_gp", "must not quote free text '{where}'"),
    "id_mismatch": ("mini_entry.yaml", "", "does not match the file name"),
    "bad_version": ("mini_entry.yaml", "", "is not semantic"),
    "overlapping_ranges": ("mini_entry.yaml", "age", "overlap"),
    "unknown_kind": ("mini_entry.yaml", "age", "unknown kind 'slider'"),
    "too_many_options": ("mini_entry.yaml", "pathway", "at most 9"),
}


def test_every_bad_folder_is_covered():
    assert {p.name for p in BAD.iterdir() if p.is_dir()} == set(EXPECTED)


def test_good_fixture_passes():
    res = check_paths([HERE / "flows_ok"])
    assert res.ok, [str(p) for p in res.problems]
    assert {f.id for f in res.flows} == {"mini_entry", "mini_path"}


@pytest.mark.parametrize("rule", sorted(EXPECTED))
def test_rule_is_caught_and_named(rule, capsys):
    file, node, words = EXPECTED[rule]
    res = check_paths([BAD / rule])
    assert not res.ok
    hits = [p for p in res.problems if Path(p.file).name == file and words in p.message and (not node or p.node == node)]
    assert hits, f"{rule}: no problem naming {file}/{node} with {words!r}; got {[str(p) for p in res.problems]}"
    # one line each, naming the file (and node) in the CLI output; non-zero exit
    rc = main(["flows", "check", str(BAD / rule)])
    out = capsys.readouterr().out
    assert rc == 1
    lines = [ln for ln in out.splitlines() if words in ln and file in ln and (not node or f"node {node}:" in ln)]
    assert lines, out


def test_check_missing_path_is_an_error(tmp_path, capsys):
    assert main(["flows", "check", str(tmp_path / "nope")]) == 1
    assert "cannot read" in capsys.readouterr().out


def test_safety_problem_shows_the_path():
    res = check_paths([BAD / "safety_invariant"])
    (p,) = [p for p in res.problems if "SAFETY" in p.message]
    assert "'assault'" in p.message and "risk_now" in p.message
