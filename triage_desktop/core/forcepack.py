"""The force configuration pack: one TOML file, checked (pure) into a ForcePack, or problems naming key and line.

The model is core.packmodel, the checking core.packcheck; their public names are re-exported here.
"""
from __future__ import annotations

import re
import tomllib
from typing import Any, Optional

from .packcheck import FORCE_CODE_RE, HOURS_KEYS, PARTNER_KEYS, SECTIONS, STAFF_ID_RE, check_pack_data
from .packmodel import (BANK_HOLIDAY_REGIONS, DEFAULT_HOURS, ROLLOUT_PATHWAYS, TOOLKIT_PHASE_OF, TOOLKIT_PHASES, Baseline,
                        ForcePack, HoursAssumption, PackInvalid, PackProblem, Rollout)
from .partners import partner_codes

__all__ = ["BANK_HOLIDAY_REGIONS", "DEFAULT_HOURS", "FORCE_CODE_RE", "HOURS_KEYS", "PARTNER_KEYS", "ROLLOUT_PATHWAYS",
           "SECTIONS", "STAFF_ID_RE", "TOOLKIT_PHASES", "TOOLKIT_PHASE_OF", "Baseline", "ForcePack", "HoursAssumption",
           "PackInvalid", "PackProblem", "Rollout", "check_pack_data", "parse_pack_text", "referenced_partner_codes"]

TOML_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_pack_text(text: str, *, file: str) -> tuple[Optional[ForcePack], list[PackProblem]]:
    """Parse TOML text and check it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = TOML_LINE_RE.search(msg)
        return None, [PackProblem(file, "", int(m.group(1)) if m else 0,
                                  "TOML syntax error: " + TOML_LINE_RE.sub("", msg).strip())]
    return check_pack_data(data, file=file, text=text)


def referenced_partner_codes(flows: Any) -> dict[str, list[str]]:
    """Partner codes the flows name (outcome `partners` with a `code`, and `add_partners`): code → ['flow:node'].

    Read from each flow's raw YAML, so it works whether or not the flow model has partner codes yet.
    """
    out: dict[str, list[str]] = {}
    vocabulary = partner_codes()

    def add(code: Any, where: str) -> None:
        if isinstance(code, str) and code:
            out.setdefault(code, [])
            if where not in out[code]:
                out[code].append(where)

    def walk(obj: Any, where: str) -> None:
        if isinstance(obj, dict):
            for p in obj.get("partners", []) or [] if isinstance(obj.get("partners"), list) else []:
                if isinstance(p, dict):
                    add(p.get("code"), where)
                elif isinstance(p, str) and p in vocabulary:  # flow format v2: a plain code
                    add(p, where)
            for p in obj.get("add_partners", []) or [] if isinstance(obj.get("add_partners"), list) else []:
                add(p.get("code") if isinstance(p, dict) else p, where)
            for v in obj.values():
                if isinstance(v, (dict, list)):
                    walk(v, where)
        elif isinstance(obj, list):
            for v in obj:
                walk(v, where)

    for flow in flows:
        for nid, node in ((flow.raw or {}).get("nodes") or {}).items():
            walk(node, f"{flow.id}:{nid}")
    return out
