"""Sign-off records, drafts (training only), and the flows.lock version-bump rule."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from triage_desktop.core.checker import check_paths
from triage_desktop.core.governance import (
    LOCK_NAME,
    check_live,
    describe_signoff,
    governance_of,
    live_problems,
    lock_hash,
    read_lock,
    refresh_example_signoff,
    required_sectors,
)
from triage_desktop.core.loader import bundled_flows_dir, load_flow

FLOWS = bundled_flows_dir()
FLOWS_OK = Path(__file__).parent / "flows_ok"


def V(flow_id: str) -> str:
    """The bundled flow's version now (the content branch bumps them: tests never hard-code it)."""
    return load_flow(FLOWS / f"{flow_id}.yaml").version


def up(v: str) -> str:
    major, minor, _ = map(int, v.split("."))
    return f"{major}.{minor + 1}.0"


def down(v: str) -> str:
    major, minor, patch = map(int, v.split("."))
    return f"{major - 1}.9.0" if major else f"0.{max(minor - 1, 0)}.{max(patch - 1, 0)}"


def errors(res) -> list[str]:
    return [str(x) for x in res.problems if getattr(x, "is_error", True)]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "triage_desktop.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dst = tmp_path / "flows"
    shutil.copytree(FLOWS, dst)
    return dst


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


# ----- sign-off -------------------------------------------------------------------------------------------
def test_bundled_flows_carry_a_complete_example_signoff_and_are_live_ready():
    res = check_paths([FLOWS])
    assert res.ok, errors(res)
    assert len(res.flows) == 7
    for f in res.flows:
        g = governance_of(f)
        assert g.signoff is not None and g.signoff.example is True
        assert g.signoff.version == f.version
        assert "Example Constabulary" in g.signoff.organisations
        assert {s.sector for s in g.signoff.signatories} >= {"police", "health", "local_authority"}
        assert live_problems(f) == []
        assert "FICTIONAL EXAMPLE" in describe_signoff(f)
        # the governance block is appended at the end of the file (merge-friendly)
        tail = f.source_text.rstrip().splitlines()
        assert any(line.startswith("signoff:") for line in tail[-20:])


def test_a_draft_status_makes_a_flow_training_only(folder: Path):
    edit(folder / "s136_handover.yaml", "status: live", "status: draft")
    f = load_flow(folder / "s136_handover.yaml")
    assert live_problems(f, allow_example=True) == ["marked 'status: draft'"]
    assert describe_signoff(f).startswith("DRAFT (training only)")
    assert check_paths([folder]).ok  # a draft is a valid flow: only live use is refused
    problems = check_live(check_paths([folder]).flows, allow_example=True)
    assert len(problems) == 1 and f"s136_handover v{V('s136_handover')} marked 'status: draft'" in str(problems[0])


def test_signoff_must_be_for_this_version_and_name_police_health_and_local_authority(folder: Path):
    p = folder / "entry_triage.yaml"
    v = V("entry_triage")
    edit(p, f'  version: "{v}"', f'  version: "{down(v)}"')
    edit(p, "    - { organisation: Example Mental Health NHS Foundation Trust, sector: health, role: Clinical "
            "Safety Officer, name: Dr B. Example }\n", "")
    edit(p, "role: Head of Adult Social Care, name: C. Example", "role: Head of Adult Social Care, name: ")
    reasons = live_problems(load_flow(p))
    assert f"its sign-off is for version {down(v)}, not {v} (a FICTIONAL EXAMPLE sign-off: 'triage-desktop flows " \
           f"signoff --refresh-example {p.parent}' re-dates it)" in reasons
    assert "its sign-off has no health signatory" in reasons
    assert "sign-off signatory 2 has no name" in reasons
    assert "its sign-off has no local authority signatory (the flow names social care)" in reasons


def test_no_signoff_block_is_a_draft_and_local_authority_only_when_social_care_is_named(tmp_path: Path):
    src = (FLOWS_OK / "mini_entry.yaml").read_text(encoding="utf-8")
    body = src.split("\n# Governance record")[0] + "\n"
    p = tmp_path / "mini_entry.yaml"
    p.write_text(body, encoding="utf-8")
    f = load_flow(p)
    assert live_problems(f) == ["has no sign-off record"]
    assert required_sectors(f) == ["police", "health"]  # mini_entry sends nobody to social care
    assert required_sectors(load_flow(FLOWS / "entry_triage.yaml"))[-1] == "local_authority"


def test_a_malformed_signoff_is_a_checker_problem(folder: Path):
    edit(folder / "entry_triage.yaml", "sector: police", "sector: constabulary")
    p = folder / "s136_handover.yaml"
    p.write_text(re.sub(r'(?m)^  date: .*$', '  date: "last Tuesday"', p.read_text(encoding="utf-8")), encoding="utf-8")
    res = check_paths([folder])
    assert any("sector 'constabulary' is not one of police, health, local_authority, other" in p
               for p in errors(res)), errors(res)
    assert any(p.endswith("signoff date 'last Tuesday' is not a date (YYYY-MM-DD)") for p in errors(res))


def test_flows_check_live_refuses_a_draft_and_accepts_the_bundle(folder: Path):
    ok = cli("flows", "check", "--live")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert f"live-ready entry_triage v{V('entry_triage')}: signed off by Example Constabulary" in ok.stdout
    edit(folder / "crisis_suicide_risk.yaml", "status: live", "status: draft")
    bad = cli("flows", "check", "--live", "--allow-example", str(folder))
    assert bad.returncode == 1
    assert f"not live-ready: crisis_suicide_risk v{V('crisis_suicide_risk')} marked 'status: draft'" in bad.stdout
    assert "Traceback" not in bad.stderr
    assert cli("flows", "check", str(folder)).returncode == 0  # without --live a draft passes


def test_refresh_example_signoff_redates_only_example_blocks(folder: Path, tmp_path: Path):
    p = folder / "awol_detained_patient.yaml"
    v = V("awol_detained_patient")
    edit(p, f"version: {v}", f"version: {up(v)}")
    assert refresh_example_signoff(p, up(v), "2026-12-01")
    so = governance_of(load_flow(p)).signoff
    assert so and so.version == up(v) and so.date == "2026-12-01"
    real = tmp_path / "real" / "awol_detained_patient.yaml"
    real.parent.mkdir()
    real.write_text(p.read_text().replace("  example: true\n", ""), encoding="utf-8")
    before = real.read_text()
    assert not refresh_example_signoff(real, "9.9.9", "2027-01-01")
    assert real.read_text() == before


# ----- flows.lock: the version-bump rule ---------------------------------------------------------------------
def test_the_bundled_lock_records_every_flow():
    lock = read_lock(FLOWS)
    assert lock.exists
    for f in check_paths([FLOWS]).flows:
        assert [(e.version, e.hash) for e in lock.get(f.id)] == [(f.version, lock_hash(f))]


def test_a_changed_flow_with_the_same_version_fails_the_check_until_bumped_and_locked(folder: Path):
    p = folder / "concern_for_welfare.yaml"
    edit(p, "\ntitle: { en: \"", "\ntitle: { en: \"Revised ")
    res = check_paths([folder])
    msgs = errors(res)
    assert len(msgs) == 1, msgs
    v = V("concern_for_welfare")
    assert f"concern_for_welfare changed but its version is still {v}" in msgs[0]
    assert f"bump 'version:' in concern_for_welfare.yaml, then run 'triage-desktop flows lock {folder}'" in msgs[0]
    # `flows lock` never stands in for a bump
    refused = cli("flows", "lock", str(folder))
    assert refused.returncode == 1 and "nothing written" in refused.stderr
    assert f"concern_for_welfare changed but its version is still {v}" in refused.stderr
    # bump: the checker now asks for the lock to be updated, with the exact command
    edit(p, f"version: {v}", f"version: {up(v)}")
    msgs = errors(check_paths([folder]))
    assert msgs == [f"{p}: concern_for_welfare was bumped to {up(v)} but {LOCK_NAME} still records {v}: "
                    f"run 'triage-desktop flows lock {folder}'"]
    done = cli("flows", "lock", str(folder))
    assert done.returncode == 0, done.stderr
    assert f"concern_for_welfare {v} -> {up(v)}" in done.stdout
    assert check_paths([folder]).ok


def test_comments_layout_and_signoff_need_no_bump(folder: Path):
    p = folder / "s136_handover.yaml"
    edit(p, "id: s136_handover", "# a reviewer's note\nid:    s136_handover")
    edit(p, "name: C. Example", "name: C. D. Example")
    assert check_paths([folder]).ok


def test_a_version_may_not_go_down(folder: Path):
    p = folder / "entry_triage.yaml"
    v = V("entry_triage")
    edit(p, f"version: {v}", f"version: {down(v)}")
    msgs = errors(check_paths([folder]))
    assert any(f"version {down(v)} is lower than {v}" in m for m in msgs), msgs


def test_a_union_merged_lock_is_tidied_by_flows_lock(folder: Path):
    lock = folder / LOCK_NAME
    lines = lock.read_text().splitlines()
    entry = next(x for x in lines if x.startswith("entry_triage "))
    # what git's union merge leaves when two branches bumped entry_triage differently
    v = V("entry_triage")
    other = entry.replace(f" {v} ", f" {up(v)} ").split("sha256:")[0] + "sha256:" + "f" * 64
    lock.write_text("\n".join(lines + [other]) + "\n")
    msgs = errors(check_paths([folder]))
    assert any(f"version {v} is lower than {up(v)}" in m for m in msgs), msgs
    p = folder / "entry_triage.yaml"
    edit(p, f"version: {v}", f"version: {up(up(v))}")
    edit(p, "\ntitle: { en: \"", "\ntitle: { en: \"Merged ")
    assert cli("flows", "lock", str(folder)).returncode == 0
    assert check_paths([folder]).ok
    assert sum(x.startswith("entry_triage ") for x in lock.read_text().splitlines()) == 1


def test_a_folder_without_a_lock_is_not_bump_checked_and_flows_lock_creates_one(tmp_path: Path):
    dst = tmp_path / "flows"
    shutil.copytree(FLOWS_OK, dst)
    assert check_paths([dst]).ok
    out = cli("flows", "lock", str(dst))
    assert out.returncode == 0 and "added mini_entry 1.0.0" in out.stdout
    assert (dst / LOCK_NAME).is_file() and check_paths([dst]).ok


def test_after_merging_a_bumped_flow_relock_makes_the_bundle_live_ready_again(folder: Path):
    """What `make relock` does after a branch changed and bumped a bundled flow."""
    p = folder / "s136_handover.yaml"
    v = V("s136_handover")
    edit(p, f"version: {v}", f"version: {up(v)}")
    edit(p, "\ntitle: { en: \"", "\ntitle: { en: \"Revised ")
    assert any(f"was bumped to {up(v)}" in m for m in errors(check_paths([folder])))
    assert cli("flows", "check", "--live", str(folder)).returncode == 1
    out = cli("flows", "signoff", "--refresh-example", str(folder))
    assert out.returncode == 0 and f"s136_handover: example sign-off set to v{up(v)}" in out.stdout
    assert cli("flows", "lock", str(folder)).returncode == 0
    live = cli("flows", "check", "--live", "--allow-example", str(folder))
    assert live.returncode == 0, live.stdout + live.stderr
    assert f"live-ready s136_handover v{up(v)}" in live.stdout


def test_the_example_signoff_counts_only_for_the_bundled_flows(folder: Path):
    """A force's own flows folder (a copy, a force pack) must carry its real sign-off."""
    copy = load_flow(folder / "entry_triage.yaml")
    assert live_problems(load_flow(FLOWS / "entry_triage.yaml")) == []
    assert live_problems(copy) == ["its sign-off is the FICTIONAL EXAMPLE shipped with the app: a force's own flows "
                                   "need their real sign-off"]
    out = cli("flows", "check", "--live", str(folder))
    assert out.returncode == 1 and out.stdout.count("FICTIONAL EXAMPLE shipped with the app") == 7
    p = folder / "entry_triage.yaml"
    edit(p, "  example: true\n", "  example: false\n")
    edit(p, "Example Constabulary", "Northshire Police", count=-1)
    assert live_problems(load_flow(p)) == []  # a real sign-off: live-ready wherever the folder is
    assert "signed off by Northshire Police" in describe_signoff(load_flow(p))


def test_a_flow_removed_from_the_folder_must_leave_the_lock(folder: Path):
    (folder / "s136_handover.yaml").unlink()
    (folder / "tests" / "s136_handover.yaml").unlink()
    msgs = [m for m in errors(check_paths([folder])) if LOCK_NAME in m]
    assert msgs == [f"{folder / LOCK_NAME}: {LOCK_NAME} lists s136_handover, which is not in {folder}: run "
                    f"'triage-desktop flows lock {folder}'"], msgs
    out = cli("flows", "lock", str(folder))
    assert out.returncode == 0 and "removed s136_handover (no longer in the folder)" in out.stdout


def test_after_a_union_merge_the_side_whose_content_was_kept_is_tidied_without_a_bump(folder: Path):
    """Two branches locked the same new version with different content; the merge kept one side's file."""
    lock = folder / LOCK_NAME
    lines = lock.read_text().splitlines()
    entry = next(x for x in lines if x.startswith("entry_triage "))
    lock.write_text("\n".join(lines + [entry.split("sha256:")[0] + "sha256:" + "e" * 64]) + "\n")
    msgs = errors(check_paths([folder]))
    assert msgs == [f"{folder / 'entry_triage.yaml'}: {LOCK_NAME} lists entry_triage more than once (after a merge): "
                    f"run 'triage-desktop flows lock {folder}'"], msgs
    assert cli("flows", "lock", str(folder)).returncode == 0
    assert check_paths([folder]).ok
