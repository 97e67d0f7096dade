"""The flow-check record: a start after a passed check skips the checker only while every byte is the same."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

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
    recorded = flowcache._passed(cache, record.stem, len(list(first)))  # the built flows, as a start builds them
    assert recorded is not None and _same(recorded, first)
    assert [f.sites for f in recorded] == [f.sites for f in first]  # where each text is written, for messages


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


def test_a_damaged_or_foreign_record_is_ignored_never_an_error(flows: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A truncated record, one of the older format, one whose flows are not flows, or one naming a class outside the
    model (even one that pickle could call) all mean a full check; the start never fails on the record."""
    import pickle

    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    good = load_library(flows, cache_dir=cache)
    record = next((cache / "flow-checks").glob("*.pickle"))
    whole = record.read_bytes()
    n = len(list(good))
    bad = [
        whole[: len(whole) // 2],  # cut short (a full disk, a kill while writing)
        pickle.dumps({"format": 1, "key": record.stem, "ok": True, "data": [{}] * n}),  # the older format
        pickle.dumps({"format": flowcache.FORMAT, "key": record.stem, "ok": True, "flows": [{"id": "x"}] * n}),
        pickle.dumps({"format": flowcache.FORMAT, "key": record.stem, "ok": True, "flows": list(good)[:-1]}),
        pickle.dumps({"format": flowcache.FORMAT, "key": "0" * 64, "ok": True, "flows": list(good)}),  # another key
        pickle.dumps({"format": flowcache.FORMAT, "key": record.stem, "ok": True, "flows": [print] * n}),
    ]
    for i, data in enumerate(bad, start=1):
        record.write_bytes(data)
        again = load_library(flows, cache_dir=cache)
        assert len(runs) == 1 + i, i  # checked again, not loaded from the record
        assert _same(again, good)
    assert flowcache._passed(cache, record.stem, n) is not None  # the last full check wrote a good record again
    load_library(flows, cache_dir=cache)
    assert len(runs) == 1 + len(bad)


def test_the_record_holds_only_model_classes() -> None:
    """The unpickler allows the dates, the loader's Line and the dataclasses of core/model.py: nothing callable."""
    from triage_desktop.core import model

    allowed = set(flowcache._DataOnly.ALLOWED.values())
    assert model.Flow in allowed and model.Node in allowed
    assert all(getattr(c, "__module__", "") in ("datetime", model.__name__, flowcache.Line.__module__) for c in allowed)


def test_another_pyyaml_means_a_full_check(flows: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's version is part of the key, read from its package source (so a start on a record imports no
    parser): another PyYAML parses the same bytes again through the checker."""
    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    load_library(flows, cache_dir=cache)
    load_library(flows, cache_dir=cache)
    assert len(runs) == 1
    import importlib.util

    other = tmp_path / "other_yaml" / "yaml"
    other.mkdir(parents=True)
    real = importlib.util.find_spec("yaml")
    assert real is not None and real.origin
    (other / "__init__.py").write_text(Path(real.origin).read_text(encoding="utf-8").replace(
        "__version__ = ", "__version__ = '0.0.0-other' or ", 1), encoding="utf-8")
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, package=None: importlib.util.spec_from_file_location(
        name, other / "__init__.py") if name == "yaml" else find_spec(name, package))
    monkeypatch.setattr(flowcache, "_code_digest", None)
    load_library(flows, cache_dir=cache)
    assert len(runs) == 2


def test_a_start_on_a_recorded_check_parses_no_yaml(flows: Path, tmp_path: Path) -> None:
    """The second start builds the flows from the record: PyYAML is never imported (a fresh interpreter)."""
    import subprocess
    import sys

    cache = tmp_path / "cache"
    code = ("import sys; from triage_desktop.services.app import load_library; "
            f"lib = load_library({str(flows)!r}, cache_dir={str(cache)!r}); "
            "print(len(list(lib)), 'yaml' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert first == [second[0], "True"]  # the first start parsed (and checked) the files
    assert second == [first[0], "False"]


def test_a_new_build_of_a_frozen_app_checks_the_flows_again(flows: Path, tmp_path: Path, frozen_build: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen bundle ships no core sources for the code hash (its rules are compiled into the archive): the app's
    version and the executable's size and time stand in for them, as for the force pack's record. The same build
    reuses its record; another executable, or the same one under another app version, checks the flows again."""
    import sys

    import triage_desktop

    runs = _spy_checks(monkeypatch)
    cache = tmp_path / "cache"
    load_library(flows, cache_dir=cache)
    load_library(flows, cache_dir=cache)
    assert len(runs) == 1  # the same build: the record counts
    frozen_build.rebuild(b"build 2, a new install with other rules")
    load_library(flows, cache_dir=cache)
    assert len(runs) == 2  # another executable: checked again
    load_library(flows, cache_dir=cache)
    assert len(runs) == 2  # and that build's record counts for it
    monkeypatch.setattr(triage_desktop, "__version__", "99.0.0")
    load_library(flows, cache_dir=cache)
    assert len(runs) == 3  # the same executable under another app version: checked again
    monkeypatch.setattr(sys, "executable", str(tmp_path / "gone.exe"))  # cannot be read: still a key, never a failure
    load_library(flows, cache_dir=cache)
    assert len(runs) == 4
