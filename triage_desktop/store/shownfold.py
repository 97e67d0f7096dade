"""A 'question shown' event kept in the row of the answer it follows (call_events.shown_json, chain version 2:
migration 0042), and read back out of it as its own event."""
from __future__ import annotations

import json
from json.encoder import encode_basestring as _str
from typing import Any

from ..core.engine import Event
from .chain import CHAIN_VERSIONS, canonical


#: What call_events.shown_json keeps of a folded 'question shown' event (the rest are a 'shown' event's defaults).
_SHOWN_FIELDS = ("seq", "wall", "offset", "actor", "role", "flow", "node", "value")


def foldable_shown(ev: Event, value_private: bool) -> bool:
    """A 'question shown' event that can be kept in the row of the event before it (it has nothing else to say)."""
    return (ev.kind == "shown" and not value_private and not ev.volunteered and not ev.reason and not ev.code
            and not ev.text)


def shown_json(ev: Event) -> str:
    """The shown_json of a folded 'question shown' event: canonical JSON of its fields (the audit chain's one form).

    A 'shown' event as the engine makes it (text fields, an int seq, a finite offset, no value) is written straight
    into that form, keys in sorted order (written for every answer: a third of the JSON work of the transaction);
    anything else goes through canonical() itself. tests/store/test_store_event_params.py checks both give the same
    text."""
    seq, offset, value, wall = ev.seq, float(ev.offset), ev.value, ev.wall
    actor, role, flow, node = ev.actor or "", ev.role or "", ev.flow or "", ev.node or ""
    if (value is None and seq.__class__ is int and offset - offset == 0.0 and wall.__class__ is str
            and actor.__class__ is str and role.__class__ is str and flow.__class__ is str
            and node.__class__ is str):
        return (f'{{"actor":{_str(actor)},"flow":{_str(flow)},"node":{_str(node)},"offset":{offset!r},'
                f'"role":{_str(role)},"seq":{seq},"value":null,"wall":{_str(wall)}}}')
    return canonical({"seq": seq, "wall": wall, "offset": offset, "actor": actor, "role": role, "flow": flow,
                      "node": node, "value": value})


def unfold(row: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored call_events row as the events it holds: itself, then the 'question shown' event folded into it (if
    its chain version covers one). The 'shown' reads as its own row did before migration 0042, with the id, hash
    and signature of the row that holds (and seals) it."""
    folded = row.get("shown_json")
    if folded is None or "shown_json" not in CHAIN_VERSIONS.get(int(row.get("chain_version") or 1), ()):
        return [row]
    d = json.loads(folded)
    shown = dict(row, seq=d["seq"], kind="shown", wall=d["wall"], offset_s=float(d["offset"]), actor=d["actor"],
                 role=d["role"], flow=d["flow"], node=d["node"],
                 value_json=None if d["value"] is None else canonical(d["value"]), value_private=0, volunteered=0,
                 code="", reason=None, text=None, private_salt=None, private_hash=None, purged=0, shown_json=None)
    return [row, shown]
