"""The "other faults found" in the store's settings: each test named after the fault it reproduces."""
import pytest
from store_support import finished_call

from triage_desktop.cli import main
from triage_desktop.services import load_library
from triage_desktop.store import demo
from triage_desktop.store.errors import StoreError


def test_device_id_cannot_be_changed_freely(svc, paths, capsys):
    before = svc.settings.get("device_id")
    with pytest.raises(ValueError, match="cannot be changed"):
        svc.settings.set("device_id", "11111111-1111-4111-8111-111111111111")
    svc.close()
    rc = main(["--data-dir", str(paths.data_dir), "settings", "device_id", "11111111-1111-4111-8111-111111111111"])
    assert rc == 2 and "cannot be changed" in capsys.readouterr().err
    assert main(["--data-dir", str(paths.data_dir), "settings", "device_id"]) == 0
    assert capsys.readouterr().out.strip() == before


def test_demo_data_setting_cannot_let_synthetic_calls_into_a_live_database(svc, paths, capsys):
    finished_call(svc)  # a real call
    with pytest.raises(ValueError, match="demo-data command"):
        svc.settings.set("demo_data", "1")
    with pytest.raises(StoreError, match="already holds real calls"):
        demo.generate(svc.store, load_library(), 5, seed=1)
    svc.store.settings._store("demo_data", "1")  # even if the flag is set behind the app's back
    with pytest.raises(StoreError, match="already holds real calls"):
        demo.generate(svc.store, load_library(), 5, seed=1)
    assert svc.store.conn.execute("SELECT count(*) FROM calls WHERE demo = 1").fetchone()[0] == 0
    svc.close()
    assert main(["--data-dir", str(paths.data_dir), "settings", "demo_data", "1"]) == 2
    assert "demo-data command" in capsys.readouterr().err

