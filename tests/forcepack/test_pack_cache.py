"""The force-pack check record (packcache.py): a start after a passed check skips parsing and checking the pack's
text only while its bytes, its path and the checking code are the same; a record is never trusted blindly."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest

from triage_desktop import packcache, packs
from triage_desktop.core import forcepack
from triage_desktop.packs import PackInvalid, load_pack


def _spy_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    runs: list[str] = []
    real = forcepack.parse_pack_text

    def counting(text: str, *, file: str):  # type: ignore[no-untyped-def]
        runs.append(file)
        return real(text, file=file)

    monkeypatch.setattr(forcepack, "parse_pack_text", counting)
    return runs


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Field by field (the partner directory is a plain class: compared by what it holds)."""
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "directory":
            if not (x.entries == y.entries and vars(x.bank_holidays) == vars(y.bank_holidays)
                    and set(vars(x)) == set(vars(y))):
                return False
        elif x != y:
            return False
    return True


def _records(cache: Path) -> list[Path]:
    return sorted((cache / "pack-checks").glob("*.pickle"))


def test_the_second_start_reads_the_same_pack_without_parsing_it(write_pack, example_text: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_parses(monkeypatch)
    pack, cache = write_pack(example_text), tmp_path / "cache"
    first = load_pack(pack, cache_dir=cache)
    assert len(runs) == 1 and len(_records(cache)) == 1
    assert _records(cache)[0].stat().st_mode & 0o077 == 0  # the user's own
    second = load_pack(pack, cache_dir=cache)
    assert len(runs) == 1  # not parsed or checked again
    fresh = load_pack(pack)  # no cache dir: always parsed and checked
    assert len(runs) == 2
    assert _same(second.pack, first.pack) and _same(second.pack, fresh.pack)
    assert (second.path, second.origin, second.flows_dir, second.ca_bundle) == \
        (fresh.path, fresh.origin, fresh.flows_dir, fresh.ca_bundle)


def test_a_changed_byte_means_a_full_check_and_its_problems(write_pack, example_text: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_parses(monkeypatch)
    pack, cache = write_pack(example_text), tmp_path / "cache"
    load_pack(pack, cache_dir=cache)
    pack.write_text(example_text.replace("days = 30", "days = 31"), encoding="utf-8")
    assert load_pack(pack, cache_dir=cache).pack.retention_days == 31 and len(runs) == 2
    pack.write_text(example_text.replace('code = "ANY"', 'code = "any force"'), encoding="utf-8")
    with pytest.raises(PackInvalid) as exc:
        load_pack(pack, cache_dir=cache)
    assert any(p.key == "force.code" for p in exc.value.problems) and len(runs) == 3
    assert len(_records(cache)) == 2  # a pack with problems is never recorded
    pack.write_text(example_text, encoding="utf-8")
    load_pack(pack, cache_dir=cache)
    assert len(runs) == 3  # the first bytes again: their record


def test_the_same_bytes_elsewhere_or_under_other_code_are_checked_again(write_pack, example_text: str,
                                                                        tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_parses(monkeypatch)
    cache = tmp_path / "cache"
    load_pack(write_pack(example_text), cache_dir=cache)
    other = load_pack(write_pack(example_text, "other.toml"), cache_dir=cache)
    assert len(runs) == 2 and other.pack.file.endswith("other.toml")  # the checked pack names its own file
    monkeypatch.setattr("triage_desktop.core.flowcache._code_digest", "another version of core's rules")
    load_pack(write_pack(example_text), cache_dir=cache)
    assert len(runs) == 3


@pytest.mark.parametrize("spoil", ["garbage", "other class", "another key", "another file"])
def test_an_odd_record_means_a_full_check_never_a_failure(write_pack, example_text: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, spoil: str) -> None:
    runs = _spy_parses(monkeypatch)
    pack, cache = write_pack(example_text), tmp_path / "cache"
    first = load_pack(pack, cache_dir=cache)
    record = _records(cache)[0]
    got = packcache._PackOnly(record.open("rb")).load()
    if spoil == "garbage":
        record.write_bytes(b"\x80\x04not a pickle")
    elif spoil == "other class":  # a record naming any other class is refused before it is made
        record.write_bytes(pickle.dumps({**got, "pack": Path("/etc/passwd")}, protocol=4))
    elif spoil == "another key":
        record.write_bytes(pickle.dumps({**got, "key": "0" * 64}, protocol=4))
    else:
        record.write_bytes(pickle.dumps({**got, "pack": dataclasses.replace(got["pack"], file="elsewhere.toml")},
                                        protocol=4))
    again = load_pack(pack, cache_dir=cache)
    assert len(runs) == 2 and _same(again.pack, first.pack)


def test_a_cache_dir_that_cannot_be_written_only_costs_the_check(write_pack, example_text: str, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_parses(monkeypatch)
    blocker = tmp_path / "not a dir"
    blocker.write_text("")
    pack = write_pack(example_text)
    assert load_pack(pack, cache_dir=blocker).pack.force_code == "ANY"
    assert load_pack(pack, cache_dir=blocker).pack.force_code == "ANY" and len(runs) == 2


def test_the_app_start_uses_the_data_folder_cache(write_pack, example_text: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _spy_parses(monkeypatch)
    pack, cache = write_pack(example_text), tmp_path / "cache"
    environ = {packs.ENV_FORCE_PACK: str(pack)}
    packs.load_pack_from_environment(environ, cache_dir=cache)
    assert packs.load_pack_from_environment(environ, cache_dir=cache).origin == "environment" and len(runs) == 1


def test_a_new_build_of_a_frozen_app_checks_again(write_pack, example_text: str, tmp_path: Path, frozen_build: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A frozen bundle has no core sources for the code hash: its executable's size and time stand in for them."""
    runs = _spy_parses(monkeypatch)
    pack, cache = write_pack(example_text), tmp_path / "cache"
    load_pack(pack, cache_dir=cache)
    load_pack(pack, cache_dir=cache)
    assert len(runs) == 1
    frozen_build.rebuild()
    load_pack(pack, cache_dir=cache)
    assert len(runs) == 2
