"""A call resumes and reports on the exact flow versions it started with, even after the flows change."""
import shutil

from store_support import FLOWS_OK, WALK_GP, start

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices


def test_resume_uses_the_stored_flow_versions(tmp_path):
    paths = AppPaths.default()
    svc = AppServices.open(paths, flows_dir=FLOWS_OK)
    s = start(svc)
    for a in WALK_GP[:3]:
        s.answer(a)
    old_hash = s.library["mini_path"].content_hash
    svc.close()
    # a newer release changes mini_path: the option 'confused' now goes to another outcome
    newer = tmp_path / "flows"
    shutil.copytree(FLOWS_OK, newer)
    p = newer / "mini_path.yaml"
    p.write_text(p.read_text().replace("version: 1.2.0", "version: 1.3.0").replace(
        "title: Mini pathway", "title: Mini pathway (revised)"), encoding="utf-8")
    svc = AppServices.open(paths, flows_dir=newer)
    assert svc.library["mini_path"].content_hash != old_hash
    r = svc.resume_call(s.uuid)
    assert r.library["mini_path"].content_hash == old_hash and r.library["mini_path"].version == "1.2.0"
    for a in WALK_GP[3:]:
        r.answer(a)
    row = r.finalise(caller_informed=True).row
    assert '"version":"1.2.0"' in row["flows_json"]
    rep = svc.call_report(s.uuid)
    assert rep["replay_error"] is None and rep["path"][-1]["node"] == "out_gp"
    new_call = start(svc)
    assert new_call.library["mini_path"].version == "1.3.0"
    svc.close()
