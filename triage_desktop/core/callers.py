"""Caller-fit rules of `flows check` (flow format v2): the second-person rule and the phrase lint.

Both read the texts exactly as the engine would choose them for each caller type (model.pick_variant)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .loader import PHRASE_LINT_FILE, bundled_flows_dir
from .problems import Problem
from .yamlpos import parse_yaml
from .model import Flow, Node, pick_variant
from .vocab import CALLER_GROUPS, CALLER_TYPES

#: The second-person heuristic (docs/flow-format.md): a default text with one of these words is "you"-worded.
SECOND_PERSON_RE = re.compile(r"\b(you|your|yours|yourself|you're|you've|you'll|you'd)\b", re.IGNORECASE)
#: Fields the second-person rule covers: a risk question's say, an outcome's script and headline.
SECOND_PERSON_FIELDS = {"question": ("say",), "outcome": ("script", "headline")}
#: Severity of the caller-fit rules on a flow. 'error' fails `flows check`.
CALLER_RULE_LEVEL = "error"  # the bundled flows have caller variants (content branch, issue 8)


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


@dataclass(frozen=True)
class PhraseRule:
    callers: tuple[str, ...]  # groups or caller-type codes
    phrases: tuple[str, ...]
    why: str = ""

    def applies_to(self, caller_type: str) -> bool:
        ct = CALLER_TYPES[caller_type]
        return caller_type in self.callers or ct.group in self.callers


@dataclass(frozen=True)
class PhraseLint:
    file: str
    rules: tuple[PhraseRule, ...]

    def banned(self, caller_type: str) -> list[tuple[str, str]]:
        """(phrase, why) banned for a caller type."""
        return [(p, r.why) for r in self.rules if r.applies_to(caller_type) for p in r.phrases]


def load_phrase_lint(path: Path) -> tuple[Optional[PhraseLint], list[Problem]]:
    """Read a phrase-lint file; every problem names the file and line."""
    f = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(f, "", f"cannot read: {exc}")]
    data, problems = parse_yaml(text, f)
    if problems:
        return None, problems
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        return None, [Problem(f, "", "phrase lint needs 'version' and a 'rules' list")]
    rules: list[PhraseRule] = []
    out: list[Problem] = []
    for i, r in enumerate(data["rules"], 1):
        line = r.get("__line__", 0) if isinstance(r, dict) else 0
        if not isinstance(r, dict):
            out.append(Problem(f, "", f"rule {i} must be a mapping with 'callers' and 'phrases'", line))
            continue
        callers, phrases = r.get("callers"), r.get("phrases")
        if not isinstance(callers, list) or not callers or not all(isinstance(c, str) for c in callers):
            out.append(Problem(f, "", f"rule {i}: 'callers' must be a list of caller groups or types", line))
            continue
        bad = [c for c in callers if c not in CALLER_GROUPS and c not in CALLER_TYPES]
        if bad:
            out.append(Problem(f, "", f"rule {i}: unknown caller group or type {', '.join(bad)} (use "
                                      f"{', '.join(CALLER_GROUPS)} or {', '.join(CALLER_TYPES)})", line))
            continue
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            out.append(Problem(f, "", f"rule {i}: 'phrases' must be a list of non-empty phrases", line))
            continue
        rules.append(PhraseRule(tuple(callers), tuple(_norm(p) for p in phrases), str(r.get("why", "") or "")))
    return PhraseLint(f, tuple(rules)), out


def phrase_lint_for(paths: Iterable[str | Path]) -> tuple[Optional[PhraseLint], list[Problem]]:
    """The lint for a check: the first folder's own phrase-lint.yaml, else the bundled one."""
    for p in map(Path, paths):
        folder = p if p.is_dir() else p.parent
        cand = folder / PHRASE_LINT_FILE
        if cand.is_file():
            return load_phrase_lint(cand)
    bundled = bundled_flows_dir() / PHRASE_LINT_FILE
    if bundled.is_file():
        return load_phrase_lint(bundled)
    return None, []


def _covers(variants: dict[str, str], group: str) -> bool:
    """A group is covered by its own key, or by a specific key for every caller type of the group."""
    if group in variants:
        return True
    members = [c for c, t in CALLER_TYPES.items() if t.group == group]
    return all(m in variants for m in members)


def _texts(node: Node) -> list[tuple[str, str, tuple]]:
    """(field, default, variants) of every caller-read text of a node (option labels as 'label <value>')."""
    out = []
    for name in ("say", "script", "headline", "caller_informed"):
        default = getattr(node, name)
        if default:
            out.append((name, default, node.text_variants(name)))
    for o in node.answers():
        out.append((f"label of '{o.value}'", o.label, o.label_variants))
    return out


def check_second_person(flow: Flow, node: Node) -> list[Problem]:
    """A risk question's say, or an outcome's script/headline, in the second person needs third-party and
    professional forms, or `neutral: true`."""
    fields = SECOND_PERSON_FIELDS["outcome"] if node.is_outcome else (
        SECOND_PERSON_FIELDS["question"] if node.risk else ())
    if node.neutral:
        return []
    out: list[Problem] = []
    for name in fields:
        default = getattr(node, name)
        m = SECOND_PERSON_RE.search(default.replace("’", "'"))
        if not m:
            continue
        variants = dict(node.text_variants(name))
        missing = [g for g in ("third_party", "professional") if not _covers(variants, g)]
        if missing:
            out.append(Problem(flow.path or flow.id, node.id,
                               f"'{name}' is written in the second person ('{m.group(0)}') but has no "
                               f"{' and no '.join(missing)} form: add caller variants, or mark the node "
                               "'neutral: true' if the wording fits every caller", node.line_of(name),
                               CALLER_RULE_LEVEL))
    return out


def check_phrases(flow: Flow, node: Node, lint: Optional[PhraseLint]) -> list[Problem]:
    """No text a caller of some type would be read contains a phrase banned for that type."""
    if lint is None or not lint.rules:
        return []
    hits: dict[tuple[str, str], list[str]] = {}
    for name, default, variants in _texts(node):
        for ct in CALLER_TYPES:
            text = " " + _norm(pick_variant(default, variants, ct)) + " "
            for phrase, _ in lint.banned(ct):
                if re.search(r"(?<![a-z0-9'])" + re.escape(phrase) + r"(?![a-z0-9])", text):
                    hits.setdefault((name, phrase), []).append(ct)
    out = []
    field_line = {"say": node.line_of("say"), "script": node.line_of("script"),
                  "headline": node.line_of("headline"), "caller_informed": node.line_of("caller_informed")}
    for (name, phrase), cts in hits.items():
        out.append(Problem(flow.path or flow.id, node.id,
                           f"phrase lint: '{name}' as read to {', '.join(cts)} contains \"{phrase}\" "
                           f"({lint.file})", field_line.get(name, node.line), CALLER_RULE_LEVEL))
    return out


def check_callers(flow: Flow, lint: Optional[PhraseLint]) -> list[Problem]:
    out: list[Problem] = []
    for node in flow.nodes.values():
        out.extend(check_second_person(flow, node))
        out.extend(check_phrases(flow, node, lint))
    return out
