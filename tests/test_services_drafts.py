"""Live mode runs only live-ready flows; drafts run in training mode and are reported as drafts."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triage_desktop.paths import AppPaths
from triage_desktop.services import AppServices, FlowsNotLive
from triage_desktop.store.errors import FlowsInvalid

FLOWS_OK = Path(__file__).parent / "core" / "flows_ok"


@pytest.fixture
def draft_flows(tmp_path: Path) -> Path:
    dst = tmp_path / "flows"
    shutil.copytree(FLOWS_OK, dst)
    p = dst / "mini_path.yaml"
    p.write_text(p.read_text(encoding="utf-8") + "status: draft\n", encoding="utf-8")
    return dst


def test_a_draft_is_refused_for_live_use_with_a_clear_error(draft_flows: Path, tmp_path: Path):
    paths = AppPaths.from_root(tmp_path / "app")
    with pytest.raises(FlowsNotLive) as exc:
        AppServices.open(paths, training=False, flows_dir=draft_flows)
    msg = str(exc.value)
    assert "Live calls run only on signed-off flows" in msg
    assert "mini_path v1.2.0: marked 'status: draft'" in msg
    assert "triage-desktop --training" in msg
    assert isinstance(exc.value, FlowsInvalid)  # the GUI's start-up error handling covers it
    assert not paths.database(training=False).exists()  # refused before the live database was created


def test_a_draft_runs_in_training_and_is_reported_as_a_draft(draft_flows: Path, tmp_path: Path):
    paths = AppPaths.from_root(tmp_path / "app")
    with AppServices.open(paths, training=True, flows_dir=draft_flows) as svc:
        assert svc.drafts == {"mini_path": ["marked 'status: draft'"]}
        s = svc.start_call(handler_id="1234", role="call_handler", entry_flow="mini_entry")
        for a in ("no", "none", 30, "welfare"):
            s.answer(a)
        assert s.run.current is not None and s.run.current[0] == "mini_path"  # the draft flow is in use


def test_signed_off_flows_open_live_with_no_drafts(tmp_path: Path):
    with AppServices.open(AppPaths.from_root(tmp_path / "app"), training=False, flows_dir=FLOWS_OK) as svc:
        assert svc.drafts == {}
    with AppServices.open(AppPaths.from_root(tmp_path / "app2"), training=False) as svc:  # the bundled flows
        assert svc.drafts == {} and "entry_triage" in svc.library


def test_the_start_up_error_for_drafts_says_what_to_do(draft_flows: Path, tmp_path: Path):
    from triage_desktop.gui.errors import describe_open_error  # plain wording, no Qt

    with pytest.raises(FlowsNotLive) as exc:
        AppServices.open(AppPaths.from_root(tmp_path / "app"), training=False, flows_dir=draft_flows)
    t = describe_open_error(exc.value, str(tmp_path))
    assert t.title == "These flows are drafts: not for live calls"
    assert "mini_path v1.2.0: marked 'status: draft'" in t.what
    assert "triage-desktop --training" in t.next_step


def test_a_copy_of_the_bundled_flows_needs_a_real_signoff_for_live(tmp_path: Path):
    from triage_desktop.core.loader import bundled_flows_dir

    copy = tmp_path / "force-flows"
    shutil.copytree(bundled_flows_dir(), copy)
    with pytest.raises(FlowsNotLive) as exc:
        AppServices.open(AppPaths.from_root(tmp_path / "app"), training=False, flows_dir=copy)
    from triage_desktop.core.loader import load_flow

    v = load_flow(bundled_flows_dir() / "entry_triage.yaml").version
    assert f"entry_triage v{v}: its sign-off is the FICTIONAL EXAMPLE shipped with the app" in str(exc.value)
    with AppServices.open(AppPaths.from_root(tmp_path / "demo"), training=False, flows_dir=copy,
                          allow_example_signoff=True) as svc:  # a demo on a copy, said explicitly
        assert svc.drafts == {}
