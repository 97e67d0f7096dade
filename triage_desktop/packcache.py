"""A record of force packs that passed the check, keyed by the pack's bytes and the code that checks it.

The app reads and checks its force pack at every start before it is ready to take a call: parsing the TOML,
checking every section, and the partner directory's hours (~6 ms with their imports). This module lets the start
skip that when nothing it depends on has changed since a check that passed, as core/flowcache.py does for the flows:

- the key is a SHA-256 over the pack's path (the checked pack names its file), its bytes, the identity of the
  code that checks it (flowcache.code_identity, shared with the flow-check record: the source of every module in
  `triage_desktop.core`, where the parsing and checking rules live, and the app's version; in a frozen bundle,
  which has no sources to hash, also the executable's size and time) and Python's version (tomllib is the
  standard library's);
- the record holds the key and the ForcePack the check made from those very bytes: the pack model's frozen
  dataclasses and the partner directory's plain classes, holding strings, numbers, tuples, frozensets, dicts and
  dates. It is read back with an unpickler that refuses every other type and calls no constructor;
- only a pack with no problem at all is recorded; what load_pack checks outside the pack's own text (that its
  flows folder and CA bundle exist, the flows folder's check) is checked at every start as before;
- a record is as trusted as the pack's own choice: it sits in the user's cache dir (files 0600), and whoever can
  write there can already point the app at a pack of their own ($TRIAGE_DESKTOP_FORCE_PACK comes first);
- anything odd about a record (missing, unreadable, another format, another key) means a full check, never a
  failure; a cache dir that cannot be written is only logged.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import sys
from pathlib import Path
from typing import Optional

from .core import packmodel, partners, records
from .core.packmodel import ForcePack

#: The record's format (bumped if the key's recipe or the record's content changes).
FORMAT = 1
KEEP = 4  # records kept (a machine switching between a few packs stays fast)


def _key(path: Path, raw: bytes) -> str:
    from .core.flowcache import code_identity

    h = hashlib.sha256(f"packcache {FORMAT} python {sys.version}\n".encode())
    h.update(code_identity().encode() + b"\0" + str(path).encode() + b"\0")
    h.update(hashlib.sha256(raw).digest())
    return h.hexdigest()


def _record(cache_dir: Path, key: str) -> Path:
    return cache_dir / "pack-checks" / f"{key}.pickle"


#: What a checked pack is made of.
_CLASSES = (packmodel.ForcePack, packmodel.HoursAssumption, packmodel.Baseline, packmodel.Rollout,
            partners.Directory, partners.BankHolidays, partners.PartnerEntry, partners.Phone, partners.OpeningHours)


class _PackOnly(records.Restricted):
    ALLOWED: dict[tuple[str, str], object] = {("datetime", "date"): datetime.date,
                                              **records.plain_classes(_CLASSES)}
    WHAT = "force pack data"


def recorded(cache_dir: Optional[str | os.PathLike[str]], path: Path, raw: bytes) -> Optional[ForcePack]:
    """The ForcePack checked from exactly these bytes at this path by this code, if such a check passed before."""
    if cache_dir is None:
        return None
    key = _key(path, raw)
    got = records.read(_record(Path(cache_dir), key), _PackOnly)
    if not (isinstance(got, dict) and got.get("format") == FORMAT and got.get("key") == key):
        return None
    pack = got.get("pack")
    if type(pack) is not ForcePack or pack.file != str(path):
        return None
    return pack


def record(cache_dir: Optional[str | os.PathLike[str]], path: Path, raw: bytes, pack: ForcePack) -> None:
    """Remember that these bytes at this path passed the check, as `pack` (a pack with no problem at all)."""
    if cache_dir is None:
        return
    target = _record(Path(cache_dir), _key(path, raw))
    records.write(target, {"format": FORMAT, "key": target.stem, "pack": pack}, keep=KEEP, what="force pack check")
