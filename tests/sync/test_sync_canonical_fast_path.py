"""The collector's fast path for canonical bodies reads exactly what the strict parser reads, or steps aside."""
from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_desktop.collector.ingest import canonical_records
from triage_desktop.collector.wire import BodyError, parse_body
from triage_desktop.sync.summary import canonical_json

leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=6)
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                          max_size=3), max_leaves=8)


def _body(records: list[Any]) -> bytes:
    return ('{"records":[' + ",".join(canonical_json(r) for r in records) + "]}").encode("ascii")


@settings(database=None, max_examples=300, deadline=None)
@given(records=st.lists(values, max_size=5))
def test_a_canonical_body_gives_the_strict_parsers_records_and_their_canonical_texts(records: list[Any]) -> None:
    body = _body(records)
    fast = canonical_records(body)
    assert fast is not None
    assert [r for r, _ in fast] == [r for r, _ in parse_body(body)]
    assert [t for _, t in fast] == [canonical_json(r) for r in records]


@settings(database=None, max_examples=300, deadline=None)
@given(records=st.lists(values, min_size=1, max_size=4), cut=st.integers(min_value=1, max_value=40),
       damage=st.sampled_from(["space", "cut", "dup", "order", "nan", "extra", "unicode"]))
def test_any_other_body_is_left_to_the_strict_parser(records: list[Any], cut: int, damage: str) -> None:
    body = _body(records).decode("ascii")
    if damage == "space":
        body = body.replace('{"records":[', '{"records": [', 1)  # valid JSON, not the canonical spelling
    elif damage == "cut":
        body = body[:-min(cut, len(body) - 1)]
    elif damage == "dup":
        body = body.replace('{"records":[', '{"records":[{"a":1,"a":2},', 1)
    elif damage == "order":
        body = body.replace('{"records":[', '{"records":[{"b":1,"a":2},', 1)
    elif damage == "nan":
        body = body.replace('{"records":[', '{"records":[NaN,', 1)
    elif damage == "extra":
        body = body[:-1] + ',"more":1}'
    else:
        body = body.replace('{"records":[', '{"records":["é",', 1)
    fast = canonical_records(body.encode("utf-8"))
    assert fast is None
    try:
        parse_body(body.encode("utf-8"))
    except BodyError:
        pass  # the strict parser says what is wrong (a duplicate key, NaN, an unknown member, a cut body)


def test_duplicate_keys_inside_a_record_are_refused_not_taken_fast() -> None:
    body = b'{"records":[{"call_uuid":"x","call_uuid":"y"}]}'
    assert canonical_records(body) is None
    try:
        parse_body(body)
    except BodyError as error:
        assert error.code == "malformed_json"
    else:
        raise AssertionError("a duplicate key was accepted")


def test_the_empty_batch_is_canonical() -> None:
    assert canonical_records(b'{"records":[]}') == []
    assert json.loads(b'{"records":[]}') == {"records": []}
