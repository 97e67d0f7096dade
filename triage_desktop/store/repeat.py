"""Repeat contact on this PC (issue 8): how many earlier calls in the last 7 days share a caller's phone number or
the person's name.

Only salted hashes of the normalised value are kept (table repeat_keys, secret in repeat_secret, both local): the
number or name itself is never compared, copied or synced. The call keeps the uuids of the calls it matched
(calls.repeat_links_json) so figures can count repeats without any personal data. Rows go with the call's personal
data at the end of the retention period (purge_repeat_keys)."""
from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Optional

from .calls import jdump
from .database import Store

#: How far back a repeat is looked for (never beyond the retention period).
REPEAT_WINDOW_DAYS = 7
KINDS = ("phone", "name")


def normalise_phone(value: str) -> Optional[str]:
    """Digits only, UK international prefixes folded to 0 (+44 7700 900123 == 07700900123); None if too short."""
    digits = re.sub(r"\D", "", value or "")
    if value.strip().startswith("+44") or digits.startswith("0044"):
        digits = "0" + digits[(2 if value.strip().startswith("+44") else 4):]
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits if len(digits) >= 6 else None


def normalise_name(value: str) -> Optional[str]:
    """Case, accents, punctuation and spacing folded ('  Anne-Marie  O'Neil' == 'anne marie oneil')."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"['’`]", "", text)
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return text if len(text.replace(" ", "")) >= 2 else None


@dataclass(frozen=True)
class EarlierCall:
    uuid: str
    started_at: str
    status: str
    outcome_code: Optional[str]
    police_attend: bool
    matched_on: tuple[str, ...]  # phone / name


@dataclass(frozen=True)
class RepeatContact:
    """Earlier calls on this PC sharing the number or name (this PC only; nothing personal in it)."""

    calls: tuple[EarlierCall, ...]
    window_days: int
    scope: str = "this PC only"

    @property
    def count(self) -> int:
        return len(self.calls)


class RepeatIndex:
    """The repeat_keys table of one open Store (same thread as the Store)."""

    def __init__(self, store: Store):
        self.store = store
        self.conn = store.conn

    def _secret(self) -> bytes:
        row = self.conn.execute("SELECT secret FROM repeat_secret WHERE id = 1").fetchone()
        if row is None:
            with self.store.writing():
                self.conn.execute("INSERT OR IGNORE INTO repeat_secret (id, secret) VALUES (1, ?)",
                                  (secrets.token_hex(32),))
            row = self.conn.execute("SELECT secret FROM repeat_secret WHERE id = 1").fetchone()
        return bytes.fromhex(row[0])

    def key(self, kind: str, value: str) -> Optional[str]:
        norm = normalise_phone(value) if kind == "phone" else normalise_name(value)
        if norm is None:
            return None
        return hmac.new(self._secret(), f"{kind}:{norm}".encode("utf-8"), hashlib.sha256).hexdigest()

    def record(self, call_uuid: str, kind: str, value: Optional[str], *, window_days: int) -> RepeatContact:
        """Index the call under the value (if any) and link it to the earlier calls sharing any of its keys."""
        if kind not in KINDS:
            raise ValueError(f"repeat contact matches on {', '.join(KINDS)}, not {kind}")
        row = self.conn.execute("SELECT started_at FROM calls WHERE uuid = ?", (call_uuid,)).fetchone()
        if row is None:
            raise ValueError(f"no call {call_uuid}")
        key = self.key(kind, value) if value else None
        with self.store.writing():
            self.conn.execute("DELETE FROM repeat_keys WHERE call_uuid = ? AND kind = ?", (call_uuid, kind))
            if key is not None:
                self.conn.execute("INSERT OR IGNORE INTO repeat_keys (call_uuid, kind, key_hash, started_at) "
                                  "VALUES (?, ?, ?, ?)", (call_uuid, kind, key, row[0]))
            found = self.matches(call_uuid, window_days=window_days)
            self.conn.execute("UPDATE calls SET repeat_links_json = ? WHERE uuid = ? AND status = 'in_progress'",
                              (jdump(sorted(c.uuid for c in found.calls)), call_uuid))
        return found

    def matches(self, call_uuid: str, *, window_days: int) -> RepeatContact:
        """Earlier calls (started before this one, within the window) sharing a key with it, newest first."""
        row = self.conn.execute("SELECT started_at FROM calls WHERE uuid = ?", (call_uuid,)).fetchone()
        if row is None:
            return RepeatContact((), window_days)
        started = _dt.datetime.fromisoformat(row[0])
        since = (started - _dt.timedelta(days=window_days)).isoformat(timespec="milliseconds")
        cur = self.conn.execute(
            "SELECT c.uuid, c.started_at, c.status, c.outcome_code, c.police_attend, group_concat(DISTINCT o.kind) "
            "FROM repeat_keys k JOIN repeat_keys o ON o.key_hash = k.key_hash AND o.call_uuid <> k.call_uuid "
            "JOIN calls c ON c.uuid = o.call_uuid "
            "WHERE k.call_uuid = ? AND c.started_at >= ? AND c.started_at < ? "
            "GROUP BY c.uuid ORDER BY c.started_at DESC", (call_uuid, since, row[0]))
        calls = tuple(EarlierCall(u, s, st, oc, bool(pa), tuple(sorted((kinds or "").split(","))))
                      for u, s, st, oc, pa, kinds in cur)
        return RepeatContact(calls, window_days)

    def links(self, call_uuid: str) -> list[str]:
        row = self.conn.execute("SELECT repeat_links_json FROM calls WHERE uuid = ?", (call_uuid,)).fetchone()
        return json.loads(row[0]) if row and row[0] else []


def purge_repeat_keys(store: Store, cutoff: str) -> int:
    """Delete the hashes of calls started before the retention cutoff (inside or outside a transaction)."""
    with store.writing():
        cur = store.conn.execute("DELETE FROM repeat_keys WHERE started_at < ?", (cutoff,))
    return cur.rowcount
