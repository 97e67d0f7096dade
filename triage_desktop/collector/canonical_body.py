"""The upload bodies triage-desktop sends, read fast: `{"records":[...]}` with every record in canonical form.

Two readers give the same records and texts. The json module's C decoder and encoder always apply. orjson, where it
is installed (a dependency of the collector), reads and writes such a body in about half the time (issue 14: 25 of the
~90 us a record costs the collector were this decode and re-encode). Its text is only taken where it is provably the
json module's text too; anywhere the two could spell a value differently, the json module decides.
"""
from __future__ import annotations

import json
from types import ModuleType
from typing import Any, Optional

from .ingest_store import NOT_WRITING, YIELD_EVERY

_orjson: Optional[ModuleType]
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; without it the json module reads every body
    _orjson = None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


#: The C decoder with no per-object hook (parse_constant is called only for NaN/Infinity).
_PLAIN = json.JSONDecoder(parse_constant=_reject_constant)
#: canonical_json's encoder without the cycle check (a decoded document has no cycles): the same text, faster.
_CANONICAL_DECODED = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False,
                                      check_circular=False).encode
_HEAD, _TAIL = b'{"records":[', b"]}"
#: What a JSON number is written with; and what comes just before a value in compact JSON (a string starts with '"').
_NUMBER_BYTES = frozenset(b"0123456789+-.eE")
_BEFORE_VALUE = frozenset(b":,[")
#: In a number, the spellings where orjson and the json module differ: an exponent (orjson "1e-9", json "1e-09")
#: and a float below 1e-4 (orjson "0.00001", json "1e-05").
_SPELLED_APART = (b"e-", b"e+", b"0.0000")


def canonical_records(body: bytes) -> Optional[list[tuple[Any, str]]]:
    """The records of a body written exactly as `{"records":[...]}` with every record in canonical form (what
    triage-desktop sends), each with that canonical text; None for any other body (parse_body then applies, and
    names the problem).

    The body is parsed, then compared byte for byte with the canonical re-serialisation of what was parsed: equal
    bytes mean no duplicate key (a serialised object cannot repeat one), no other member, no NaN and nothing around
    the document, i.e. the strict parser would have read the same records. The canonical texts are then the ones
    stored, so they are computed once.
    """
    if not (body.startswith(_HEAD) and body.endswith(_TAIL)):
        return None
    inner = body[len(_HEAD):-len(_TAIL)]
    if _orjson is not None and _json_spelling_is_orjsons(inner):
        fast = _orjson_records(body, inner)
        if fast is not None:
            return fast
    return _json_records(body, inner)


def _json_spelling_is_orjsons(inner: bytes) -> bool:
    """True when orjson writes every value this text can hold as the json module's canonical form does, if it is
    that form: ASCII with no backslash (no escape, where orjson writes some characters raw that json escapes, e.g.
    U+007F), and no number spelled with an exponent or as 0.0000... (tests/sync/test_sync_canonical_orjson.py checks
    orjson writes every other float as repr() does)."""
    if not inner.isascii() or b"\\" in inner or b"\x7f" in inner:
        return False
    for mark in _SPELLED_APART:
        at = inner.find(mark)
        while at != -1:
            start = at
            while start and inner[start - 1] in _NUMBER_BYTES:
                start -= 1
            if not start or inner[start - 1] in _BEFORE_VALUE:  # a number, not a string's "...9e-4..."
                return False
            at = inner.find(mark, at + len(mark))
    return True


def _orjson_records(body: bytes, inner: bytes) -> Optional[list[tuple[Any, str]]]:
    """canonical_records by orjson, for a text _json_spelling_is_orjsons passed; None when the body is not canonical
    (or holds what orjson does not read: an integer beyond 64 bits, a lone surrogate, a nesting over 255 deep), the
    json module then reads it."""
    assert _orjson is not None
    try:
        NOT_WRITING.wait()  # the decode holds the interpreter throughout (see NOT_WRITING)
        document = _orjson.loads(body)
        records = document["records"] if isinstance(document, dict) else None
        if not isinstance(records, list) or len(document) != 1:
            return None
        dumps, sort = _orjson.dumps, _orjson.OPT_SORT_KEYS
        texts: list[bytes] = []
        for start in range(0, len(records), YIELD_EVERY):
            NOT_WRITING.wait()
            texts += [dumps(r, option=sort) for r in records[start:start + YIELD_EVERY]]
    except (ValueError, TypeError):  # orjson.JSONDecodeError, orjson.JSONEncodeError
        return None
    if b",".join(texts) != inner:
        return None
    return list(zip(records, [t.decode("ascii") for t in texts]))


def _json_records(body: bytes, inner: bytes) -> Optional[list[tuple[Any, str]]]:
    """canonical_records by the json module's C decoder and encoder."""
    try:
        NOT_WRITING.wait()  # the decode holds the interpreter throughout (see NOT_WRITING)
        document = _PLAIN.decode(body.decode("utf-8"))
        records = document["records"]
        if not isinstance(records, list):
            return None
        texts: list[str] = []
        for start in range(0, len(records), YIELD_EVERY):
            NOT_WRITING.wait()
            texts += map(_CANONICAL_DECODED, records[start:start + YIELD_EVERY])
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    if len(inner) != sum(map(len, texts)) + max(0, len(texts) - 1):
        return None
    if ",".join(texts).encode("ascii") != inner:
        return None
    return list(zip(records, texts))
