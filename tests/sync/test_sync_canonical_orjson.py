"""The collector reads canonical bodies with orjson only where orjson's text is the json module's canonical text.

collector/canonical_body.py takes orjson's records and texts when its re-serialisation equals the body and the body
holds nothing the two libraries spell differently. These tests check the spellings that rule rests on, that the
two readers then agree on every value, that real summaries do take orjson's path, and that without orjson every
body is still read the same.
"""
from __future__ import annotations

import json
import math
import random
import struct
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sync_support import make_call

from triage_desktop.collector import canonical_body
from triage_desktop.collector.canonical_body import (_json_records, _json_spelling_is_orjsons, _orjson_records,
                                                     canonical_records)
from triage_desktop.sync.summary import build_summary, canonical_json

finite = st.floats(allow_nan=False, allow_infinity=False)
leaves = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-2 ** 70, max_value=2 ** 70) | finite
          | st.text(max_size=6) | st.text(alphabet=st.characters(max_codepoint=127), max_size=8))
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                          max_size=3), max_leaves=10)


def _body(texts: list[bytes]) -> bytes:
    return b'{"records":[' + b",".join(texts) + b"]}"


def _orjson_text(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


def _floats_to_check() -> list[float]:
    rng = random.Random(14)
    out = [m * 10.0 ** e for e in range(-30, 30) for m in (1.0, 1.5, 2.5, 5.0, 9.999999999999998)]
    out += [float(f"1e{e}") for e in range(-323, 309)]
    out += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(50_000)]
    out += [round(rng.uniform(0, 604_800), rng.randint(0, 6)) for _ in range(50_000)]  # durations, as summaries
    return [f for f in out if math.isfinite(f)] + [0.0, -0.0, 5e-324, 1.7976931348623157e308]


def test_orjson_writes_a_float_as_repr_does_unless_the_guard_sees_an_exponent_or_0_0000() -> None:
    """The rule the guard rests on: orjson's exponents always carry a sign (so b"e-" / b"e+" find every one), and
    every other float it writes as repr() does, except below 1e-4 where its text starts 0.0000."""
    apart = 0
    for f in _floats_to_check():
        text = _orjson_text(f)
        if b"e" in text:
            assert b"e-" in text or b"e+" in text, (f, text)
        if any(mark in text for mark in (b"e-", b"e+", b"0.0000")):
            apart += text != repr(f).encode()
            continue
        assert text == repr(f).encode() == json.dumps(f).encode(), (f, text)
    assert apart  # the guard is needed: 1e-05 is "0.00001" in orjson and "1e-05" in json


@settings(database=None, max_examples=400, deadline=None)
@given(records=st.lists(values, max_size=4), spelling=st.sampled_from(["json", "orjson"]))
def test_where_orjson_reads_a_body_it_reads_what_the_json_module_reads(records: list[Any], spelling: str) -> None:
    try:
        texts = [canonical_json(r).encode("ascii") if spelling == "json" else _orjson_text(r) for r in records]
    except (TypeError, ValueError):  # orjson.dumps: an integer beyond 64 bits
        return
    body = _body(texts)
    inner = body[len(b'{"records":['):-2]
    slow = _json_records(body, inner)
    fast = _orjson_records(body, inner) if _json_spelling_is_orjsons(inner) else None
    if fast is not None:
        assert slow is not None
        assert [t for _, t in fast] == [t for _, t in slow]
        assert [r for r, _ in fast] == [r for r, _ in slow]
    assert canonical_records(body) == slow


@pytest.mark.parametrize("value, json_text, orjson_text", [
    (1e-05, b"1e-05", b"0.00001"),
    (1.5e-9, b"1.5e-09", b"1.5e-9"),
    ("a\x7fb", b'"a\\u007fb"', b'"a\x7fb"'),
    ("caf\u00e9", b'"caf\\u00e9"', "\"caf\u00e9\"".encode()),
])
def test_a_value_the_two_spell_apart_is_read_in_the_json_modules_spelling_only(value: Any, json_text: bytes,
                                                                             orjson_text: bytes) -> None:
    assert _orjson_text(value) == orjson_text and canonical_json(value).encode() == json_text
    record = {"duration_s": value}
    as_json = _body([b'{"duration_s":' + json_text + b"}"])
    as_orjson = _body([b'{"duration_s":' + orjson_text + b"}"])
    assert canonical_records(as_json) == [(record, '{"duration_s":' + json_text.decode("ascii") + "}")]
    assert canonical_records(as_orjson) is None  # not canonical: the strict parser then reads it


def _summaries(n: int) -> list[dict[str, Any]]:
    rng = random.Random(3)
    return [build_summary(make_call(rng), device_id="5127178a-5005-4787-bb38-992645cf79cc", force_code="XX")
            for _ in range(n)]


def test_real_summaries_take_orjsons_path_and_read_as_the_json_module_reads_them() -> None:
    summaries = _summaries(200)
    body = _body([canonical_json(s).encode("ascii") for s in summaries])
    inner = body[len(b'{"records":['):-2]
    assert _json_spelling_is_orjsons(inner)
    fast = _orjson_records(body, inner)
    assert fast is not None and fast == _json_records(body, inner)
    assert [r for r, _ in fast] == summaries


def test_without_orjson_every_body_is_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    summaries = _summaries(50)
    body = _body([canonical_json(s).encode("ascii") for s in summaries])
    with_orjson = canonical_records(body)
    monkeypatch.setattr(canonical_body, "_orjson", None)
    assert canonical_records(body) == with_orjson
    assert with_orjson is not None and [r for r, _ in with_orjson] == summaries
