"""An audit event row as the store writes it: its values in column order, its hash and signature, and the INSERT
that stores it. Built by position, without a dict: this runs for every answer, inside its transaction."""
from __future__ import annotations

import operator
from typing import Any, Callable, Optional, Sequence

from json.encoder import encode_basestring as _encode_str

from .chain import (CHAIN_VERSIONS, FOLDED_CHAIN_VERSION, canonical, chain_version_for, new_salt, private_hash,
                    sha256)
from .shownfold import shown_json
from .tabledefs import (EVENT_COLUMNS, FOLD_EVENT_COLUMNS, MAC_EVENT_COLUMNS, POSITION_EVENT_COLUMNS,
                        SEAL_EVENT_COLUMNS)

STORED_EVENT_COLUMNS = (*EVENT_COLUMNS, *SEAL_EVENT_COLUMNS, *MAC_EVENT_COLUMNS, *FOLD_EVENT_COLUMNS,
                        *POSITION_EVENT_COLUMNS)
# event_params builds a row's values and its hash input by position, in these orders (checked here, at import: a
# column or a chain field added elsewhere fails loudly instead of hashing or storing the wrong value).
assert STORED_EVENT_COLUMNS == (
    "id", "call_uuid", "seq", "kind", "wall", "offset_s", "actor", "role", "flow", "node", "value_json",
    "value_private", "volunteered", "code", "reason", "text", "private_salt", "private_hash", "purged",
    "prev_call_hash", "prev_hash", "hash", "chain_version", "mac", "shown_json",
    "pos_flow", "pos_node", "pos_answers", "pos_seq", "pos_at"), STORED_EVENT_COLUMNS
assert CHAIN_VERSIONS[1] == (
    "id", "call_uuid", "seq", "kind", "wall", "offset_s", "actor", "role", "flow", "node", "public_value",
    "value_private", "volunteered", "code", "private_hash", "prev_call_hash", "prev_hash"), CHAIN_VERSIONS[1]
assert CHAIN_VERSIONS[FOLDED_CHAIN_VERSION] == (*CHAIN_VERSIONS[1], "shown_json")
assert chain_version_for(None) == 1 and chain_version_for("{}") == FOLDED_CHAIN_VERSION
HASH_AT = STORED_EVENT_COLUMNS.index("hash")
#: The calls columns a row's position (pos_flow ... pos_at) stands for, in the same order.
POSITION_KEYS = ("current_flow", "current_node", "answers_count", "last_seq", "updated_at")
#: A position mapping's values in POSITION_KEYS order (what a row's pos_* columns hold).
row_position: Callable[[Any], tuple[Any, ...]] = operator.itemgetter(*POSITION_KEYS)
#: An open call's position as its last action left it (POSITION_KEYS' values): the last row that keeps one.
LIVE_POSITION_SQL = ("SELECT pos_flow, pos_node, pos_answers, pos_seq, pos_at FROM call_events "
                     "WHERE call_uuid = ? AND pos_seq IS NOT NULL ORDER BY id DESC LIMIT 1")
#: A row without a position: the five columns NULL.
NO_POSITION: tuple[None, None, None, None, None] = (None, None, None, None, None)

#: The event columns a row may leave NULL. A row's NULLs are written as literals in its INSERT (one statement per
#: pattern of NULLs, made once), not bound: the sqlite3 module binds None only after looking for an adapter and then
#: for __adapt__ and __conform__, raising and clearing an AttributeError each time (callgrind: ~3,000 instructions per
#: NULL; an answer's row has five: reason, text, the private salt and hash, the signature without an audit key).
_NULLABLE_AT = tuple(STORED_EVENT_COLUMNS.index(c) for c in (
    "call_uuid", "seq", "value_json", "reason", "text", "private_salt", "private_hash", "mac", "shown_json",
    "pos_flow", "pos_node", "pos_answers"))
assert _NULLABLE_AT == (1, 2, 10, 14, 15, 16, 17, 23, 24, 25, 26, 27), _NULLABLE_AT  # as insert_for reads them
#: pos_seq and pos_at are NULL together (a row without a position) or not at all: one bit for both.
_POS_SEQ_AT, _POS_AT = STORED_EVENT_COLUMNS.index("pos_seq"), STORED_EVENT_COLUMNS.index("pos_at")
_INSERT_BY_NULLS: dict[int, tuple[str, Callable[[Sequence[Any]], Any]]] = {}


def insert_for(row: Sequence[Any]) -> tuple[str, Callable[[Sequence[Any]], Any]]:
    """The INSERT for an event row (its NULLs as literals) and what picks the row's other values for it."""
    nulls = ((row[1] is None) | (row[2] is None) << 1 | (row[10] is None) << 2 | (row[14] is None) << 3
             | (row[15] is None) << 4 | (row[16] is None) << 5 | (row[17] is None) << 6 | (row[23] is None) << 7
             | (row[24] is None) << 8 | (row[25] is None) << 9 | (row[26] is None) << 10
             | (row[27] is None) << 11 | (row[28] is None) << 12)
    found = _INSERT_BY_NULLS.get(nulls)
    if found is None:
        null_at = {i for bit, i in enumerate(_NULLABLE_AT) if nulls >> bit & 1}
        if nulls >> 12 & 1:
            if row[_POS_AT] is not None:
                raise ValueError("an event row's position has a time but no sequence number")
            null_at |= {_POS_SEQ_AT, _POS_AT}
        elif row[_POS_AT] is None:
            raise ValueError("an event row's position has a sequence number but no time")
        values = ", ".join("NULL" if i in null_at else "?" for i in range(len(STORED_EVENT_COLUMNS)))
        bound = [i for i in range(len(STORED_EVENT_COLUMNS)) if i not in null_at]  # never empty: id, kind, hash...
        found = _INSERT_BY_NULLS[nulls] = (
            f"INSERT INTO call_events ({', '.join(STORED_EVENT_COLUMNS)}) VALUES ({values})",
            operator.itemgetter(*bound))  # at most 2 ** 13 patterns, a handful in use
    return found


def event_params(row_id: int, prev_hash: str, head: str, call_uuid: Optional[str], seq: Optional[int], kind: str,
                 wall: str, offset: float, actor: Optional[str], role: Optional[str], flow: Optional[str],
                 node: Optional[str], value: Any, value_private: bool, volunteered: bool, code: Optional[str],
                 reason: Optional[str], text: Optional[str], shown: Optional[str], key: Any,
                 pos: Sequence[Any] = NO_POSITION) -> list[Any]:
    """One chained event row's values, in STORED_EVENT_COLUMNS order, with its hash (chain version 1, or 2 when it
    keeps a folded 'shown' event: the canonical JSON of the CHAIN_VERSIONS fields, as chain.event_hash computes it
    from a stored row) and its signature with the audit `key`. `pos`: the call's position after the action whose
    last row this is (POSITION_KEYS' values), not hashed; NO_POSITION for any other row."""
    value_json = None if value is None else canonical(value)
    reason, text = reason or None, text or None
    vp = 1 if value_private else 0
    if (vp and value_json is not None) or reason is not None or text is not None:
        salt: Optional[str] = new_salt()
        p_hash: Optional[str] = private_hash(salt, [value_json if vp else None, reason, text])  # type: ignore[arg-type]
    else:
        salt = p_hash = None
    offset, actor, role, flow, node, code = float(offset), actor or "", role or "", flow or "", node or "", code or ""
    vol = 1 if volunteered else 0
    hashed = [row_id, call_uuid, seq, kind, wall, offset, actor, role, flow, node, None if vp else value_json, vp, vol,
              code, p_hash, head, prev_hash]
    if shown is not None:
        hashed.append(shown)
    digest = sha256(canonical(hashed))
    return [row_id, call_uuid, seq, kind, wall, offset, actor, role, flow, node, value_json, vp, vol, code, reason,
            text, salt, p_hash, 0, head, prev_hash, digest, chain_version_for(shown),
            key.sign(digest) if key is not None else None, shown, *pos]


# ----- an answer's row, built in one step -----------------------------------------------------------------------
# Most answers are one row of one shape: a public value, no reason or note (so no salt), the folded 'question shown'
# and the call's position, with or without the audit key's signature. `answer_row` builds that row's INSERT values
# and hash straight from the event, without the general row list, the NULL-pattern look-up and the JSON encoder:
# the durable-answer bench (tests/bench/bench_store.py), alternating with the code before it, went from 1.35-1.36x to
# 1.28-1.32x the bare insert+commit (the statement alone, rows built beforehand, is 1.10-1.13x). The Python of an
# answer runs just after the previous commit's fsync has returned, when the CPU comes back from idle with cold
# caches: there each microsecond of it measured 2.5-3.5 us (7.8 us of extra hashing added 29 us to the answer), so
# the few microseconds saved count several times over. tests/store/test_store_answer_row.py checks, over many events, that it gives exactly what
# insert_for(event_params(...)) gives, and None for every row of another shape.
_ANSWER_NULLS = {"reason", "text", "private_salt", "private_hash"}
_ANSWER_SQL = {
    signed: "INSERT INTO call_events ({}) VALUES ({})".format(
        ", ".join(STORED_EVENT_COLUMNS),
        ", ".join("NULL" if c in _ANSWER_NULLS or (c == "mac" and not signed) else "?" for c in STORED_EVENT_COLUMNS))
    for signed in (False, True)}


def answer_row(row_id: int, prev_hash: str, head: str, call_uuid: str, ev: Any, value_private: bool,
               also: tuple[Any, bool], key: Any, pos: Sequence[Any]) -> Optional[tuple[str, tuple[Any, ...], str]]:
    """(INSERT, its values, the row's hash) for an answer row of the common shape (see above), exactly as
    insert_for(event_params(...)) makes them with shown_json(shown) folded in; None for any other row (the caller
    then goes the general way). `also`: the event that follows the answer and whether its value is private; only a
    'question shown' that can be folded (shownfold.foldable_shown) makes this shape; it is folded by
    shownfold.shown_json, as the general way does. Every text goes through the JSON string encoder, which refuses
    anything but a str (a TypeError here: the general way then); numbers are checked to be what the JSON encoder
    writes this way."""
    shown, shown_private = also
    try:
        value, seq, offset = ev.value, ev.seq, float(ev.offset)
        if (value_private or value is None or ev.reason or ev.text or ev.kind == "shown" or shown.kind != "shown"
                or shown_private or shown.volunteered or shown.reason or shown.code or shown.text
                or seq.__class__ is not int or offset - offset != 0.0 or None in pos):
            return None
        folded = shown_json(shown)
        value_json = _encode_str(value) if value.__class__ is str else canonical(value)
        kind, wall = ev.kind, ev.wall
        actor, role, flow, node, code = ev.actor or "", ev.role or "", ev.flow or "", ev.node or "", ev.code or ""
        vol = 1 if ev.volunteered else 0
        # canonical(hashed) of event_params, written out: [id, call_uuid, seq, kind, wall, offset, actor, role,
        # flow, node, public value, value_private, volunteered, code, private_hash, prev_call_hash, prev_hash,
        # shown_json]
        text = (f"[{row_id},{_encode_str(call_uuid)},{seq},{_encode_str(kind)},{_encode_str(wall)},{offset!r},"
                f"{_encode_str(actor)},{_encode_str(role)},{_encode_str(flow)},{_encode_str(node)},"
                f"{_encode_str(value_json)},0,{vol},{_encode_str(code)},null,{_encode_str(head)},"
                f"{_encode_str(prev_hash)},{_encode_str(folded)}]")
    except (TypeError, ValueError):  # not a str, not a number, a value JSON cannot hold: the general way decides
        return None
    digest = sha256(text)
    if key is None:
        return _ANSWER_SQL[False], (row_id, call_uuid, seq, kind, wall, offset, actor, role, flow, node, value_json, 0,
                                    vol, code, 0, head, prev_hash, digest, FOLDED_CHAIN_VERSION, folded, *pos), digest
    return _ANSWER_SQL[True], (row_id, call_uuid, seq, kind, wall, offset, actor, role, flow, node, value_json, 0, vol,
                               code, 0, head, prev_hash, digest, FOLDED_CHAIN_VERSION, key.sign(digest), folded,
                               *pos), digest
