"""Parse an upload body strictly: exactly `{"records": [...]}`, no duplicate keys, no unknown members."""
from __future__ import annotations

import json
from typing import Any, Optional


class BodyError(ValueError):
    """A request body refused whole: HTTP status, machine code and a message that never quotes the body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


class DuplicateKey(ValueError):
    """An object names the same key twice (JSON parsers disagree on which one wins: refused)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey("an object has the same key twice")
        out[key] = value
    return out


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
def _decode_strict(body: bytes) -> Any:
    """Strict JSON: UTF-8 without a byte-order mark, no NaN/Infinity, no duplicate keys, nothing around the document
    but JSON whitespace."""
    if not body.strip():
        raise BodyError(400, "malformed_json", "request body is empty; a JSON object is expected")
    if body.startswith(b"\xef\xbb\xbf"):
        raise BodyError(400, "malformed_json", "request body starts with a byte-order mark")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError(400, "malformed_json", "request body is not UTF-8") from None
    try:
        return _DECODER.decode(text)
    except DuplicateKey as error:
        raise BodyError(400, "malformed_json", f"request body is not accepted: {error}") from None
    except json.JSONDecodeError as error:
        raise BodyError(400, "malformed_json",
                        f"request body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    except (ValueError, RecursionError):
        raise BodyError(400, "malformed_json", "request body is not valid JSON (NaN, Infinity or nesting too deep)") from None


def parse_body(body: bytes) -> list[tuple[Any, Optional[str]]]:
    """(record, None) for every record of an upload body; BodyError for a body refused whole.

    The body must be exactly {"records": [...]}: any other member is refused, not ignored.
    """
    document = _decode_strict(body)
    if not isinstance(document, dict) or not isinstance(document.get("records"), list):
        raise BodyError(400, "bad_request", 'the body must be a JSON object with a "records" array')
    if set(document) != {"records"}:
        raise BodyError(400, "bad_request", 'the body may only have a "records" member (unknown fields are refused)')
    return [(record, None) for record in document["records"]]


def parse_json(body: bytes) -> Any:
    """Any small JSON body (e.g. a reconcile request), with the same strict rules and clear errors."""
    return _decode_strict(body)
