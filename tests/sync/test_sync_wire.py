"""The collector's body parser: the record-by-record path agrees with a plain JSON parser on every body."""
from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from triage_desktop.collector.wire import BodyError, parse_body

leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                          max_size=3), max_leaves=8)
spaces = st.sampled_from(["", " ", "\n", "\t ", "\r\n  "])


def _expected(text: str) -> Any:
    try:
        document = json.loads(text)
    except ValueError:
        return "malformed_json"
    if not isinstance(document, dict) or not isinstance(document.get("records"), list):
        return "bad_request"
    return document["records"]


@settings(database=None, max_examples=300, deadline=None)
@given(records=st.lists(values, max_size=5), gaps=st.lists(spaces, min_size=8, max_size=8),
       damage=st.sampled_from(["", "cut", "extra", "comma", "nan"]))
def test_parse_body_matches_json_loads(records: list[Any], gaps: list[str], damage: str) -> None:
    items = (gaps[3] + "," + gaps[4]).join(json.dumps(r) for r in records)
    text = f'{gaps[0]}{{{gaps[1]}"records"{gaps[2]}:[{gaps[5]}{items}{gaps[6]}]}}{gaps[7]}'
    if damage == "cut":
        text = text[: len(text) // 2]
    elif damage == "extra":
        text += "[]"
    elif damage == "comma" and records:
        text = text.replace("]", ",]", 1) if text.count("]") else text
    elif damage == "nan":
        text = text.replace("{", '{"x": NaN, ', 1)
    expected = _expected(text) if damage != "nan" else "malformed_json"
    try:
        parsed = parse_body(text.encode())
    except BodyError as error:
        assert error.code == expected
        return
    assert [r for r, _raw in parsed] == expected
    for record, raw in parsed:  # a kept text is exactly that record's JSON
        assert raw is None or json.loads(raw) == record


def test_parsed_records_carry_no_raw_text_the_collector_stores_canonical_json() -> None:
    body = b'{"records":[{"b":1,"a":2}, {"x": [1, 2]}]}'
    assert parse_body(body) == [({"b": 1, "a": 2}, None), ({"x": [1, 2]}, None)]


@pytest.mark.parametrize("body, why", [
    (b'{"records":[{"a":1,"a":2}]}', "same key twice"),
    (b'{"records":[], "records":[]}', "same key twice"),
    (b'{"records":[], "padding":"xxxxxxxx"}', "unknown fields"),
    (b'\xef\xbb\xbf{"records":[]}', "byte-order mark"),
    (b'{"records":[]} {"records":[]}', "not valid JSON"),
])
def test_strict_json_duplicate_keys_padding_and_unknown_fields_are_refused(body: bytes, why: str) -> None:
    with pytest.raises(BodyError) as caught:
        parse_body(body)
    assert why in caught.value.message and caught.value.status == 400


@pytest.mark.parametrize("body, code", [(b"", "malformed_json"), (b"\xff", "malformed_json"),
                                        (b'{"records": [1,]}', "malformed_json"), (b"[]", "bad_request"),
                                        (b'{"records": 3}', "bad_request"), (b"[" * 100000, "malformed_json")])
def test_refused_bodies_say_why_without_quoting_them(body: bytes, code: str) -> None:
    with pytest.raises(BodyError) as caught:
        parse_body(body)
    assert caught.value.code == code and caught.value.status == 400
    assert len(caught.value.message) < 200
