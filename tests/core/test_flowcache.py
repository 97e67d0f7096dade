"""The flow-check record: a start after a passed check skips the checker only while every byte is the same."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triage_desktop.core import flowcache
from triage_desktop.core.loader import bundled_flows_dir
from triage_desktop.services.app import FlowsInvalid, load_library


@pytest.fixture
def flows(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    shutil.copytree(bundled_flows_dir(), folder, ignore=shutil.ignore_patterns("tests"))
    return folder


def _spy_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    real = flowcache.check_paths

    def counting(paths):  # type: ignore[no-untyped-def]
        runs.append(1)
        return real(paths)

    monkeypatch.setattr(flowcache, "check_paths", counting)
    return runs


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return [(f.id, f.version, f.content_hash, f.raw, f.nodes) for f in a] == \
        [(f.id, f.version, f.content_hash, f.raw, f.nodes) for f in b]


def test_the_second_start_builds_the_same_library_without_the_checker(flows: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    first = load_library(flows, cache_dir=cache)
    assert len(runs) == 1 and len(list((cache / "flow-checks").glob("*.pickle"))) == 1
    second = load_library(flows, cache_dir=cache)
    assert len(runs) == 1  # not checked again
    assert _same(first, second) and _same(second, load_library(flows))
    record = next((cache / "flow-checks").glob("*.pickle"))
    data = flowcache._passed(cache, record.stem, len(list(first)))  # the loader's per-key line numbers come back too
    assert data is not None and all(isinstance(d, dict) and d["__line__"].keys for d in data)


def test_a_changed_byte_means_a_full_check_and_its_errors(flows: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    load_library(flows, cache_dir=cache)
    target = flows / "entry_triage.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("start:", "start: no_such_node\nstart_was:", 1), encoding="utf-8")
    with pytest.raises(FlowsInvalid):
        load_library(flows, cache_dir=cache)
    assert len(runs) == 2
    target.write_text(text, encoding="utf-8")  # back as it was: the earlier record counts again
    load_library(flows, cache_dir=cache)
    assert len(runs) == 2


def test_the_lock_file_is_part_of_the_key(flows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    load_library(flows, cache_dir=cache)
    lock = flows / "flows.lock"
    lock.write_text(lock.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_library(flows, cache_dir=cache)
    assert len(runs) == 2


def test_a_record_that_is_not_flow_data_is_ignored(flows: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    load_library(flows, cache_dir=cache)
    record = next((cache / "flow-checks").glob("*.pickle"))
    import pickle

    record.write_bytes(pickle.dumps({"format": flowcache.FORMAT, "key": record.stem, "ok": True,
                                     "data": [Path("x")] * 7}))  # a class the record may not hold
    again = load_library(flows, cache_dir=cache)
    assert len(runs) == 2  # checked again, not loaded from the record
    assert _same(again, load_library(flows))
    record.write_bytes(b"garbage")
    n = len(runs)
    load_library(flows, cache_dir=cache)
    assert len(runs) == n + 1
