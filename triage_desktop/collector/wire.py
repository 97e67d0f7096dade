"""Parse an upload body: `{"records": [...]}`, keeping each record's own text when the body is laid out plainly."""
from __future__ import annotations

import json
import re
from typing import Any, Optional


class BodyError(ValueError):
    """A request body refused whole: HTTP status, machine code and a message that never quotes the body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)
_HEAD = re.compile(r'[ \t\r\n]*\{[ \t\r\n]*"records"[ \t\r\n]*:[ \t\r\n]*\[[ \t\r\n]*')
_SPACE = re.compile(r"[ \t\r\n]*")


def _plain_records(text: str) -> Optional[list[tuple[Any, Optional[str]]]]:
    """Records with their exact text, for a body that is exactly {"records": [...]}; None for anything else."""
    head = _HEAD.match(text)
    if head is None:
        return None
    pos, end, out = head.end(), len(text), []
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            try:
                record, stop = _DECODER.raw_decode(text, pos)
            except (ValueError, RecursionError):
                return None  # the general parser gives the error message
            out.append((record, text[pos:stop]))
            pos = _SPACE.match(text, stop).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            elif text.startswith("]", pos):
                pos += 1
                break
            else:
                return None
    pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
    if not text.startswith("}", pos) or _SPACE.match(text, pos + 1).end() != end:  # type: ignore[union-attr]
        return None
    return out


def parse_body(body: bytes) -> list[tuple[Any, Optional[str]]]:
    """(record, its text or None) for every record of an upload body; BodyError for a body refused whole."""
    if not body.strip():
        raise BodyError(400, "malformed_json", "request body is empty; a JSON object is expected")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BodyError(400, "malformed_json", "request body is not UTF-8") from None
    plain = _plain_records(text)
    if plain is not None:
        return plain
    try:
        document = _DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise BodyError(400, "malformed_json",
                        f"request body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    except (ValueError, RecursionError):
        raise BodyError(400, "malformed_json", "request body is not valid JSON (NaN, Infinity or nesting too deep)") from None
    if not isinstance(document, dict) or not isinstance(document.get("records"), list):
        raise BodyError(400, "bad_request", 'the body must be a JSON object with a "records" array')
    return [(record, None) for record in document["records"]]


def parse_json(body: bytes) -> Any:
    """Any small JSON body (e.g. a reconcile request), with the same clear errors."""
    if not body.strip():
        raise BodyError(400, "malformed_json", "request body is empty; a JSON object is expected")
    try:
        return _DECODER.decode(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BodyError(400, "malformed_json", "request body is not UTF-8") from None
    except json.JSONDecodeError as error:
        raise BodyError(400, "malformed_json",
                        f"request body is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    except (ValueError, RecursionError):
        raise BodyError(400, "malformed_json", "request body is not valid JSON (NaN, Infinity or nesting too deep)") from None
