"""Bilingual flow content rules of `flows check` (docs/flow-format.md, "Bilingual texts").

- A flow that declares `languages: [en, cy]` must have every text it writes in Welsh too: a missing `cy` is an error
  naming file, line and node. A flow without the declaration gets warnings instead (one line per flow while it has
  no Welsh at all, one per text once it has some); `languages: [en]` declares an English-only flow (silent).
- A `cy` identical to its `en` is an error (an untranslated copy) unless the text is on the reviewed allow-list
  `resources/translations/cy-allow-same.txt` (names, numbers, codes).
- Mixing language keys and caller-variant keys in one mapping is a loader error (core/loader.py).
The English-only rules (second person, phrase lint: core/callers.py) read the English texts; they never see Welsh."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from .loader import bundled_flows_dir
from .problems import Problem
from .model import Flow

ALLOW_SAME_FILE = "cy-allow-same.txt"
#: Fields whose Welsh is not required: the rationale is the record's reasoning (English, the incident log's text).
NOT_REQUIRED = ("rationale",)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def bundled_allow_same() -> Path:
    return bundled_flows_dir().parent / "translations" / ALLOW_SAME_FILE


def load_allow_same(path: Path) -> frozenset[str]:
    """The allow-list: one text a line, '#' comments and blank lines ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(_norm(ln) for ln in lines if ln.strip() and not ln.lstrip().startswith("#"))


def allow_same_for(paths: Iterable[str | Path]) -> frozenset[str]:
    """The first checked folder's own cy-allow-same.txt (or the one in its translations/ folder, or in the
    translations/ folder beside it, as in resources/), else the bundled one."""
    for p in map(Path, paths):
        folder = p if p.is_dir() else p.parent
        for cand in (folder / ALLOW_SAME_FILE, folder / "translations" / ALLOW_SAME_FILE,
                     folder.parent / "translations" / ALLOW_SAME_FILE):  # a copy of resources/ (flows + translations)
            if cand.is_file():
                return load_allow_same(cand)
    return load_allow_same(bundled_allow_same())


def check_languages(flow: Flow, allow_same: Optional[frozenset[str]] = None) -> list[Problem]:
    """Every text of a bilingual flow in both languages; no Welsh that is a copy of its English."""
    allow = allow_same if allow_same is not None else load_allow_same(bundled_allow_same())
    file = flow.path or flow.id
    declared = "cy" in flow.languages
    english_only = not declared and isinstance(flow.raw, dict) and "languages" in flow.raw
    out: list[Problem] = []
    missing: list[Problem] = []
    has_cy = False
    owned = [("", flow.sites)] + [(node.id, node.sites) for node in flow.nodes.values()]  # "": the flow's title
    for node_id, sites in owned:
        for site in sites:
            en, cy = site.get("en") or "", site.get("cy")
            where = site.field if site.variant == "default" else f"{site.field} ({site.variant})"
            if cy is not None:
                has_cy = True
                if _norm(cy) == _norm(en) and _norm(en) not in allow:
                    out.append(Problem(file, node_id, f"'{where}': the Welsh is the same as the English "
                                                      f"(\"{en[:60]}\"): translate it, or add the text to "
                                                      f"resources/translations/{ALLOW_SAME_FILE} if it is a name, "
                                                      "number or code", site.line))
                continue
            if site.field in NOT_REQUIRED or english_only:
                continue
            missing.append(Problem(file, node_id, f"'{where}' has no Welsh ('cy') text"
                                   + ("" if declared else " (the flow does not declare languages: [en, cy])"),
                                   site.line, "error" if declared else "warning"))
    if declared or has_cy:
        out.extend(missing)
    elif missing:
        first = next((m for m in missing if m.node), missing[0])  # a node's text rather than the flow's title
        out.append(Problem(file, first.node, f"no Welsh texts ({len(missing)} texts have no 'cy'): add them and "
                                             "declare languages: [en, cy] (or languages: [en] for an English-only "
                                             "flow)", first.line, "warning"))
    return sorted(out, key=lambda p: p.line)
