"""The real store finalises calls (outbox row in the same transaction) and a sync pass carries them to the collector."""
from __future__ import annotations

from pathlib import Path

import pytest

from triage_desktop.sync.runner import SyncConfig
from triage_desktop.sync_cli import run_pass_on as run_sync_pass

from sync_support import Collector

pytestmark = pytest.mark.timeout(120)

PERSONAL = ["Jo Bloggs", "07700 900123", "12 High Street", "PC 4471 Smith", "brother John", "knife in the kitchen"]


def finish_calls(services_module: object, paths: object, *, training: bool, n: int) -> None:
    svc = services_module.AppServices.open(paths, training=training)  # type: ignore[attr-defined]
    try:
        for _ in range(n):
            call = svc.start_call(handler_id="PC 4471 Smith", role="call_handler", entry_flow="entry_triage")
            call.set_personal(caller_name="Jo Bloggs", caller_phone="07700 900123", address="12 High Street")
            call.note("brother John Bloggs is with her")
            call.immediate_risk("knife in the kitchen")
            if call.run.in_post_decision:  # the bundled flows go on with the post-decision steps
                call.finish()
            call.finalise(caller_informed=True)
    finally:
        svc.close()


def test_finalised_live_calls_reach_the_collector_once_and_training_calls_never(
    sqlite_collector: Collector, tmp_path: Path
) -> None:
    services = pytest.importorskip("triage_desktop.services")
    from triage_desktop.paths import AppPaths

    paths = AppPaths.from_root(tmp_path / "app")
    finish_calls(services, paths, training=False, n=3)
    finish_calls(services, paths, training=True, n=2)
    token = sqlite_collector.add_device()
    before = sqlite_collector.count()
    report = run_sync_pass(paths.db_path, SyncConfig(collector_url=sqlite_collector.url, token=token))
    assert report.exit_code == 0 and report.accepted == 3 and report.reconciled is True, report.line()
    assert sqlite_collector.count() == before + 3
    training = run_sync_pass(paths.database(training=True), SyncConfig(collector_url=sqlite_collector.url, token=token))
    assert training.sent == 0 and sqlite_collector.count() == before + 3
    from sqlalchemy import text

    with sqlite_collector.engine.connect() as conn:
        payloads = [row[0] for row in conn.execute(text("SELECT payload FROM summaries ORDER BY id DESC LIMIT 3"))]
    for payload in payloads:
        assert '"outcome_code":"POLICE_EMERGENCY"' in payload and '"immediate_risk":true' in payload
        for secret in PERSONAL:
            assert secret not in payload
    again = run_sync_pass(paths.db_path, SyncConfig(collector_url=sqlite_collector.url, token=token))
    assert again.sent == 0 and again.synced_total == 3 and again.reconciled is True
