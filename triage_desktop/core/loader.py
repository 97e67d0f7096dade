"""Load flow files (YAML) into the flow model, reporting every structural problem by file and node."""
from __future__ import annotations

import functools
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from .model import (
    FINISH,
    NODE_KINDS,
    YESNO_LABELS,
    LANGUAGES,
    Flow,
    Node,
    TextSite,
    Option,
    Partner,
    Route,
    Target,
    TestCase,
)
from .vocab import CALLER_TYPES, PARTNER_CODES, RECORDS, THRIVE_FIELDS, VARIANT_KEYS

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Problem:
    """One problem found in a flow file: where, and what."""

    file: str
    node: str
    message: str
    line: int = 0
    level: str = "error"  # error | warning (a warning is printed but does not fail the check)

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        node = f" node {self.node}:" if self.node else ""
        level = " warning:" if self.level == "warning" else ""
        return f"{where}:{node}{level} {self.message}"


class FlowError(Exception):
    """A flow could not be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Line(int):
    """The '__line__' of a mapping: its line, plus `keys`, the line of each key (for messages about one text)."""

    keys: dict[Any, int]


def key_line(d: Any, key: Any) -> int:
    """The line of `key` in a mapping the loader read (the mapping's own line when not known)."""
    if not isinstance(d, dict):
        return 0
    line = d.get("__line__", 0)
    return getattr(line, "keys", {}).get(key, line)


def is_language_map(v: Any) -> bool:
    """A mapping whose keys are all language codes (en, cy): one text in several languages."""
    if not isinstance(v, dict):
        return False
    keys = [k for k in v if k not in ("__line__", "__dupes__")]
    return bool(keys) and all(k in LANGUAGES for k in keys)


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dupes = {k for k in keys if isinstance(k, str) and keys.count(k) > 1}
    mapping = loader.safe_construct_mapping(node, deep=deep)
    line = _Line(node.start_mark.line + 1)
    line.keys = {k: kn.start_mark.line + 1 for k, (kn, _) in zip(keys, node.value) if isinstance(k, (str, bool))}
    mapping["__line__"] = line
    if dupes:
        mapping["__dupes__"] = sorted(dupes)
    return mapping


@functools.lru_cache(maxsize=None)
def _line_loader() -> Any:
    """SafeLoader that remembers the line of every mapping (as the key '__line__'); libyaml's parser where present
    (~10x faster). Made on first use: PyYAML is imported only when a flow is parsed (a start on a flow check
    recorded in core/flowcache.py parses nothing)."""
    import yaml

    loader = type("_LineLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),),
                  {"safe_construct_mapping": yaml.SafeLoader.construct_mapping})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return loader


def _strip(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k not in ("__line__", "__dupes__")}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


def parse_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text safely; a syntax error becomes one Problem with its line."""
    import yaml

    try:
        return yaml.load(text, Loader=_line_loader()), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(file, "", f"YAML syntax error: {what}", line)]


class _Builder:
    """Turns parsed YAML into a Flow, collecting problems instead of stopping at the first."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.tr: dict[str, list[tuple[str, str, str]]] = {}  # the node being built: field -> translations
        self.sites: list[TextSite] = []  # the node being built: every text as written

    def problem(self, node: str, message: str, line: int = 0, level: str = "error") -> None:
        self.problems.append(Problem(self.file, node, message, line, level))

    def variant_text(self, d: dict, key: str, node: str, *, required: bool = True,
                     site: Optional[str] = None) -> tuple[str, tuple, int]:
        """A text that may have caller variants: a plain string (the default) or a mapping of variant keys, each
        value plain text or a language mapping {en: ..., cy: ...} (docs/flow-format.md, "Bilingual texts").

        Returns (default text, ((key, text), ...) without the default, line of the mapping or 0), all English;
        the other languages go to `self.tr[key]` and every text written to `self.sites`."""
        v = d.get(key)
        if not isinstance(v, dict) or is_language_map(v):
            if v is None:
                return self.text(d, key, node, required=required), (), 0
            got = self.lang_text(v, site or key, node, "default", key_line(d, key), what=f"'{key}'")
            return (got or "", (), v.get("__line__", 0) if isinstance(v, dict) else 0)
        line = v.get("__line__", d.get("__line__", 0))
        for dup in v.get("__dupes__", []):
            self.problem(node, f"'{key}': duplicate caller variant '{dup}'", line)
        keys = [k for k in v if k not in ("__line__", "__dupes__")]
        langs = [k for k in keys if k in LANGUAGES]
        if langs:
            others = [str(k) for k in keys if k not in LANGUAGES]
            self.problem(node, f"'{key}' mixes language keys ({', '.join(langs)}) and caller-variant keys "
                               f"({', '.join(others)}) in one mapping: put {{en: ..., cy: ...}} inside each caller "
                               "variant", line)
            return "", (), line
        out: list[tuple[str, str]] = []
        default = ""
        for k in keys:
            val = v[k]
            if k not in VARIANT_KEYS:
                self.problem(node, f"'{key}': unknown caller variant '{k}' (use default, a group "
                                   f"self/third_party/professional, or a caller type: {', '.join(CALLER_TYPES)})", line)
                continue
            text = self.lang_text(val, site or key, node, str(k), key_line(v, k),
                                  what=f"'{key}': caller variant '{k}'")
            if text is None:
                continue
            if k == "default":
                default = text
            else:
                out.append((str(k), text))
        if not default:
            self.problem(node, f"'{key}' has caller variants but no 'default' (the neutral text is required)", line)
        return default, tuple(out), line

    def lang_text(self, val: Any, key: str, node: str, variant: str, line: int, *, what: str) -> Optional[str]:
        """One text: plain (English) or a language mapping. Returns the English (None on a problem); records the
        other languages in `self.tr[key]` and the text in `self.sites`."""
        if isinstance(val, dict):
            vline = val.get("__line__", line)
            for dup in val.get("__dupes__", []):
                self.problem(node, f"{what}: duplicate language '{dup}'", vline)
            keys = [k for k in val if k not in ("__line__", "__dupes__")]
            bad = [str(k) for k in keys if k not in LANGUAGES]
            if bad:
                if any(k in LANGUAGES for k in keys):
                    self.problem(node, f"{what} mixes language keys and other keys ({', '.join(bad)}) in one "
                                       f"mapping: use only {', '.join(LANGUAGES)}", vline)
                elif all(k in VARIANT_KEYS for k in keys):
                    self.problem(node, f"{what} must be text or a language mapping {{en: ..., cy: ...}} (caller "
                                       "variants cannot be nested)", vline)
                else:
                    self.problem(node, f"{what}: unknown language '{bad[0]}' (use {', '.join(LANGUAGES)})", vline)
                return None
            langs: list[tuple[str, str]] = []
            for k in keys:
                t = val[k]
                if not isinstance(t, (str, int, float)) or isinstance(t, bool) or not str(t).strip():
                    self.problem(node, f"{what}: the '{k}' text must be non-empty text", key_line(val, k))
                    return None
                langs.append((str(k), str(t).strip()))
            found = dict(langs)
            if "en" not in found:
                self.problem(node, f"{what} has no 'en' text (English is required in every language mapping)",
                             vline)
                return None
            langs.sort(key=lambda kv: LANGUAGES.index(kv[0]))
            self.sites.append(TextSite(key, variant, tuple(langs), vline if vline else line))
            for lg, t in langs:
                if lg != "en":
                    self.tr.setdefault(key, []).append((variant, lg, t))
            return found["en"]
        if not isinstance(val, (str, int, float)) or isinstance(val, bool) or not str(val).strip():
            self.problem(node, f"{what} must be non-empty text", line)
            return None
        text = str(val).strip()
        self.sites.append(TextSite(key, variant, (("en", text),), line))
        return text

    def ltext(self, d: dict, key: str, node: str, *, required: bool = True, site: Optional[str] = None) -> str:
        """A text without caller variants (why, title, rationale, a partner note): plain or a language mapping."""
        v = d.get(key)
        if isinstance(v, dict):
            return self.lang_text(v, site or key, node, "default", key_line(d, key), what=f"'{key}'") or ""
        out = self.text(d, key, node, required=required)
        if out:
            self.sites.append(TextSite(site or key, "default", (("en", out),), key_line(d, key)))
        return out

    def partner_codes(self, d: dict, node: str) -> tuple[str, ...]:
        v = d.get("add_partners", [])
        if v is None:
            return ()
        if not isinstance(v, list) or not all(isinstance(c, str) for c in v):
            self.problem(node, "'add_partners' must be a list of partner codes", d.get("__line__", 0))
            return ()
        for c in v:
            if c not in PARTNER_CODES:
                self.problem(node, f"unknown partner code '{c}' in add_partners (use {', '.join(PARTNER_CODES)})",
                             d.get("__line__", 0))
        return tuple(c for c in v if c in PARTNER_CODES)

    def text(self, d: dict, key: str, node: str, *, required: bool = True) -> str:
        v = d.get(key)
        if v is None:
            if required:
                self.problem(node, f"missing '{key}'", d.get("__line__", 0))
            return ""
        if not isinstance(v, (str, int, float)) or isinstance(v, bool):
            self.problem(node, f"'{key}' must be text", d.get("__line__", 0))
            return ""
        return str(v).strip()

    def flags(self, d: dict, node: str) -> tuple[str, ...]:
        v = d.get("flags", [])
        if not isinstance(v, list) or not all(isinstance(f, str) for f in v):
            self.problem(node, "'flags' must be a list of flag names", d.get("__line__", 0))
            return ()
        return tuple(v)

    def thrive(self, d: dict, node: str) -> tuple[tuple[str, str], ...]:
        v = d.get("thrive")
        if v is None:
            return ()
        if not isinstance(v, dict):
            self.problem(node, "'thrive' must be a mapping", d.get("__line__", 0))
            return ()
        out = []
        for k, val in _strip(v).items():
            if k not in THRIVE_FIELDS:
                self.problem(node, f"unknown THRIVE field '{k}' (use {', '.join(THRIVE_FIELDS)})", v.get("__line__", 0))
            else:
                out.append((k, str(val)))
        return tuple(out)

    def target(self, d: dict, node: str, what: str) -> Optional[Target]:
        nxt, flow = d.get("next"), d.get("next_flow")
        if nxt is None and flow is None:
            self.problem(node, f"{what} has no 'next' or 'next_flow' (dead end)", d.get("__line__", 0))
            return None
        if nxt is not None and flow is not None:
            self.problem(node, f"{what} has both 'next' and 'next_flow'", d.get("__line__", 0))
        if nxt is not None and not isinstance(nxt, str):
            self.problem(node, f"{what}: 'next' must be a node id", d.get("__line__", 0))
            return None
        if nxt == FINISH:
            return Target(finish=True)
        return Target(node=nxt) if nxt is not None else Target(flow=str(flow))

    def option(self, d: Any, node: str, what: str, *, value: str, label: str, needs_target: bool) -> Optional[Option]:
        if not isinstance(d, dict):
            self.problem(node, f"{what} must be a mapping")
            return None
        num = {}
        for k in ("min", "max"):
            if k in d:
                if isinstance(d[k], bool) or not isinstance(d[k], (int, float)):
                    self.problem(node, f"{what}: '{k}' must be a number", d.get("__line__", 0))
                else:
                    num[k] = float(d[k])
        label_variants: tuple = ()
        label_tr: tuple = ()
        if isinstance(d.get("label"), dict):
            lkey = f"label of '{value}'"
            label, label_variants, _ = self.variant_text(d, "label", node, site=lkey)
            label_tr = tuple(self.tr.pop(lkey, ()))
        elif d.get("label") is not None:
            label = str(d["label"])
            self.sites.append(TextSite(f"label of '{value}'", "default", (("en", label.strip()),),
                                       key_line(d, "label")))
        raise_to = d.get("raise", "")
        if raise_to and not isinstance(raise_to, str):
            self.problem(node, f"{what}: 'raise' must be an outcome code", d.get("__line__", 0))
            raise_to = ""
        return Option(
            value=value,
            label=label,
            target=self.target(d, node, what) if needs_target else None,
            flags=self.flags(d, node),
            thrive=self.thrive(d, node),
            label_variants=label_variants,
            label_tr=label_tr,
            raise_to=str(raise_to or ""),
            add_partners=self.partner_codes(d, node),
            **num,
        )

    def node(self, node_id: str, d: Any) -> Optional[Node]:
        if not isinstance(d, dict):
            self.problem(node_id, "node must be a mapping")
            return None
        line = d.get("__line__", 0)
        for dup in d.get("__dupes__", []):
            self.problem(node_id, f"duplicate key '{dup}'", line)
        if not ID_RE.match(str(node_id)):
            self.problem(str(node_id), "node id must be lower_snake_case", line)
        if node_id == FINISH:
            self.problem(node_id, f"'{FINISH}' is a reserved target (the end of the post-decision steps), "
                                  "not a node id", line)
        kind = d.get("kind")
        if kind not in NODE_KINDS:
            self.problem(node_id, f"unknown kind {kind!r} (use one of {', '.join(NODE_KINDS)})", line)
            return None
        self.tr, self.sites = {}, []
        title = self.ltext(d, "title", node_id, required=False) or node_id.replace("_", " ").capitalize()
        common: dict[str, Any] = dict(id=node_id, kind=kind, title=title, line=line, risk=bool(d.get("risk", False)))
        variants: dict[str, tuple] = {}
        lines: dict[str, int] = {}

        def vtext(key: str, required: bool = True) -> str:
            default, vs, vline = self.variant_text(d, key, node_id, required=required)
            if vs:
                variants[key] = vs
            if vline:
                lines[key] = vline
            return default

        for flag_key in ("neutral", "after_decision", "skip_if_caller_with_person"):
            if flag_key in d:
                if not isinstance(d[flag_key], bool):
                    self.problem(node_id, f"'{flag_key}' must be true or false", line)
                common[flag_key] = d[flag_key] is True
        records = d.get("records")
        if records is not None:
            if records not in RECORDS:
                self.problem(node_id, f"'records' must be one of {', '.join(RECORDS)}", line)
            elif records == "caller_type" and kind != "choice":
                self.problem(node_id, "'records: caller_type' needs a choice node (one option per caller type)", line)
            elif records == "caller_with_person" and kind != "yesno":
                self.problem(node_id, "'records: caller_with_person' needs a yesno node", line)
            else:
                common["records"] = records
        if "add_partners" in d:
            common["add_partners"] = self.partner_codes(d, node_id)
        if kind in ("yesno", "choice", "multi", "number", "text", "info"):
            common["say"] = vtext("say")
            common["why"] = self.ltext(d, "why", node_id, required=kind != "info")
        if kind == "yesno":
            answers = d.get("answers")
            if not isinstance(answers, dict):
                self.problem(node_id, "yesno node needs 'answers' with yes/no[/unknown]", line)
                return None
            for dup in answers.get("__dupes__", []):
                self.problem(node_id, f"duplicate answer '{dup}'", line)
            opts = []
            for key, val in answers.items():
                if key in ("__line__", "__dupes__"):
                    continue
                key = {True: "yes", False: "no"}.get(key, key)  # YAML 1.1 reads bare yes/no as booleans
                if key not in YESNO_LABELS:
                    self.problem(node_id, f"yesno answer '{key}' is not yes, no or unknown", line)
                    continue
                o = self.option(val, node_id, f"answer '{key}'", value=key, label=YESNO_LABELS[key], needs_target=True)
                if o:
                    opts.append(o)
            for must in ("yes", "no"):
                if must not in {o.value for o in opts}:
                    self.problem(node_id, f"yesno node has no '{must}' answer", line)
            order = {"yes": 0, "no": 1, "unknown": 2}
            common["options"] = tuple(sorted(opts, key=lambda o: order[o.value]))
        elif kind in ("choice", "multi"):
            raw = d.get("options")
            if not isinstance(raw, list) or not raw:
                self.problem(node_id, f"{kind} node needs a non-empty 'options' list", line)
                return None
            if len(raw) > 9:
                self.problem(node_id, f"{kind} node has {len(raw)} options; at most 9 (keys 1-9)", line)
            opts = []
            for i, o in enumerate(raw, 1):
                if not isinstance(o, dict) or "value" not in o:
                    self.problem(node_id, f"option {i} needs a 'value'", line)
                    continue
                opt = self.option(o, node_id, f"option '{o['value']}'", value=str(o["value"]),
                                  label=str(o.get("label", o["value"])), needs_target=kind == "choice")
                if opt:
                    opts.append(opt)
            values = [o.value for o in opts]
            for v in sorted({v for v in values if values.count(v) > 1}):
                self.problem(node_id, f"duplicate option value '{v}'", line)
            if common.get("records") == "caller_type":
                for v in values:
                    if v not in CALLER_TYPES:
                        self.problem(node_id, f"'records: caller_type': option value '{v}' is not a caller type "
                                              f"(use {', '.join(CALLER_TYPES)})", line)
            common["options"] = tuple(opts)
            if kind == "multi":
                common["target"] = self.target(d, node_id, "multi node")
                common["allow_none"] = bool(d.get("allow_none", False))
        elif kind == "number":
            raw = d.get("ranges")
            if not isinstance(raw, list) or not raw:
                self.problem(node_id, "number node needs a non-empty 'ranges' list", line)
                return None
            opts = []
            for i, r in enumerate(raw, 1):
                o = self.option(r, node_id, f"range {i}", value=f"range_{i}", label="", needs_target=True)
                if o:
                    lo = "" if o.min is None else f"{o.min:g}"
                    hi = "" if o.max is None else f"{o.max:g}"
                    label = o.label if isinstance(r, dict) and r.get("label") else (
                        f"{lo}–{hi}" if lo and hi else (f"under {hi}" if hi else (f"{lo} or more" if lo else "any")))
                    opts.append(Option(**{**o.__dict__, "label": str(label)}))
            common["options"] = tuple(opts)
            common["unit"] = str(d.get("unit", ""))
            if "unknown" in d:
                common["unknown"] = self.option(d["unknown"], node_id, "answer 'unknown'", value="unknown",
                                                label="Unknown", needs_target=True)
        elif kind in ("text", "info"):
            common["target"] = self.target(d, node_id, f"{kind} node")
        elif kind == "route":
            raw = d.get("routes")
            if not isinstance(raw, list) or not raw:
                self.problem(node_id, "route node needs a non-empty 'routes' list", line)
                return None
            routes = []
            for i, r in enumerate(raw, 1):
                if not isinstance(r, dict):
                    self.problem(node_id, f"route {i} must be a mapping", line)
                    continue
                t = self.target(r, node_id, f"route {i}")
                if t:
                    routes.append(Route(t, tuple(r.get("when_any", []) or []), tuple(r.get("when_all", []) or [])))
            common["routes"] = tuple(routes)
        elif kind == "outcome":
            common["code"] = self.text(d, "code", node_id)
            common["headline"] = vtext("headline")
            common["rationale"] = self.ltext(d, "rationale", node_id)
            common["script"] = vtext("script")
            common["caller_informed"] = vtext("caller_informed")
            if d.get("continue") is not None:
                cont = d["continue"]
                if not isinstance(cont, str) or cont == FINISH:
                    self.problem(node_id, "'continue' must be the id of the first post-decision node", line)
                else:
                    common["continue_to"] = Target(node=cont)
            partners = d.get("partners", [])
            if not isinstance(partners, list):
                self.problem(node_id, "'partners' must be a list", line)
                partners = []
            plist = []
            for p in partners:
                pline = p.get("__line__", line) if isinstance(p, dict) else line
                if isinstance(p, dict) and p.get("code") is not None:
                    code = str(p["code"])
                    if code not in PARTNER_CODES:
                        self.problem(node_id, f"unknown partner code '{code}' (use {', '.join(PARTNER_CODES)})", pline)
                        continue
                    site = f"note of '{code}'"
                    note = self.ltext(p, "note", node_id, required=False, site=site) if p.get("note") else ""
                    plist.append(Partner(PARTNER_CODES[code], "", code=code, note=note,
                                         note_tr=tuple((lg, t) for _, lg, t in self.tr.pop(site, ()))))
                elif isinstance(p, dict) and p.get("name"):
                    self.problem(node_id, f"partner '{p['name']}' uses the legacy {{name, contact}} form: use "
                                          "{ code: <partner code>, note: ... } (docs/flow-format.md)", pline, "warning")
                    plist.append(Partner(str(p["name"]), str(p.get("contact", ""))))
                elif isinstance(p, str):
                    if p in PARTNER_CODES:
                        plist.append(Partner(PARTNER_CODES[p], "", code=p))
                    else:
                        self.problem(node_id, f"partner '{p}' is not a partner code: use {{ code: ... }}", line,
                                     "warning")
                        plist.append(Partner(p))
                else:
                    self.problem(node_id, "each partner needs a 'code' (or the legacy 'name')", line)
            common["partners"] = tuple(plist)
        if common.get("skip_if_caller_with_person"):
            if d.get("skip_next") is not None:
                common["skip_target"] = self.target({"next": d["skip_next"], "__line__": line}, node_id, "skip_next")
            elif kind in ("multi", "text", "info") and common.get("target") is not None:
                common["skip_target"] = common["target"]
            else:
                self.problem(node_id, f"'skip_if_caller_with_person' on a {kind} node needs 'skip_next' "
                                      "(where the call goes when the question is skipped)", line)
        elif d.get("skip_next") is not None:
            self.problem(node_id, "'skip_next' without 'skip_if_caller_with_person: true'", line)
        if kind != "route":
            common["thrive"] = self.thrive(d, node_id)
        common["variants"] = tuple(variants.items())
        common["lines"] = tuple(lines.items())
        common["tr"] = tuple((k, tuple(v)) for k, v in self.tr.items() if not k.startswith(("label of", "note of")))
        common["sites"] = tuple(self.sites)
        return Node(**common)


def build_flow(data: Any, *, file: str, text: str = "") -> tuple[Optional[Flow], list[Problem]]:
    """Build a Flow from parsed YAML; returns (flow or None, problems)."""
    b = _Builder(file)
    if not isinstance(data, dict):
        b.problem("", "a flow file must be a mapping with id, version, title, pathway, start and nodes")
        return None, b.problems
    for dup in data.get("__dupes__", []):
        b.problem("", f"duplicate top-level key '{dup}'")
    fid = b.text(data, "id", "")
    stem = Path(file).stem
    if fid and fid != stem:
        b.problem("", f"id '{fid}' does not match the file name '{stem}'", data.get("__line__", 0))
    version = b.text(data, "version", "")
    if version and not SEMVER_RE.match(version):
        b.problem("", f"version '{version}' is not semantic (MAJOR.MINOR.PATCH)")
    nodes_raw = data.get("nodes")
    if not isinstance(nodes_raw, dict) or not [k for k in nodes_raw if k not in ("__line__", "__dupes__")]:
        b.problem("", "missing or empty 'nodes'")
        return None, b.problems
    for dup in nodes_raw.get("__dupes__", []):
        b.problem(str(dup), "duplicate node id")
    nodes: dict[str, Node] = {}
    for nid, nd in nodes_raw.items():
        if nid in ("__line__", "__dupes__"):
            continue
        n = b.node(str(nid), nd)
        if n is not None:
            nodes[str(nid)] = n
    sources = data.get("sources", []) or []
    languages: tuple[str, ...] = ("en",)
    if "languages" in data:
        langs = data["languages"]
        if (not isinstance(langs, list) or not all(isinstance(x, str) for x in langs) or "en" not in langs
                or any(x not in LANGUAGES for x in langs) or len(set(langs)) != len(langs)):
            b.problem("", f"'languages' must be a list of {', '.join(LANGUAGES)} that includes en, e.g. "
                          "languages: [en, cy]", key_line(data, "languages"))
        else:
            languages = tuple(sorted(langs, key=LANGUAGES.index))
    flow = Flow(
        id=fid or stem,
        version=version,
        title=b.text(data, "title", ""),
        pathway=b.text(data, "pathway", ""),
        start=b.text(data, "start", ""),
        nodes=nodes,
        description=b.text(data, "description", "", required=False),
        sources=tuple(str(s) for s in sources) if isinstance(sources, list) else (),
        path=file,
        immediate_risk_continue=b.text(data, "immediate_risk_continue", "", required=False),
        languages=languages,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source_text=text,
        raw=_strip(data),
    )
    return flow, b.problems


def load_flow_text(text: str, *, file: str) -> tuple[Optional[Flow], list[Problem]]:
    """Parse and build one flow from its source text."""
    data, problems = parse_yaml(text, file)
    if problems:
        return None, problems
    return build_flow(data, file=file, text=text)


def load_flow(path: str | os.PathLike[str]) -> Flow:
    """Load one flow file; raises FlowError naming the file, node and problem."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FlowError([Problem(str(p), "", f"cannot read: {exc}")]) from None
    flow, problems = load_flow_text(text, file=str(p))
    if flow is None or any(q.is_error for q in problems):
        raise FlowError([q for q in problems if q.is_error])
    return flow


#: Data files that live beside the flows but are not flows (docs/flow-format.md).
NOT_FLOWS = ("phrase-lint.yaml",)


def flow_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Expand directories into their *.yaml flow files (not the tests/ folder, not phrase-lint.yaml)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.glob("*.yaml") if q.name not in NOT_FLOWS))
            out.extend(sorted(q for q in p.glob("*.yml")))
        else:
            out.append(p)
    return out


def load_test_cases(path: str | os.PathLike[str]) -> tuple[str, list[TestCase], list[Problem]]:
    """Load a flow's test-case file: returns (flow id, cases, problems)."""
    p = Path(path)
    data, problems = parse_yaml(p.read_text(encoding="utf-8"), str(p))
    if problems:
        return p.stem, [], problems
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        return p.stem, [], [Problem(str(p), "", "test file needs 'flow' and a 'cases' list")]
    data = _strip(data)
    cases = []
    for i, c in enumerate(data["cases"], 1):
        if not isinstance(c, dict) or "answers" not in c or "expect" not in c:
            problems.append(Problem(str(p), "", f"case {i} needs 'answers' and 'expect'"))
            continue
        cases.append(TestCase(
            name=str(c.get("name", f"case {i}")),
            answers=tuple(c["answers"]),
            expect=str(c["expect"]),
            expect_flags=tuple(c["expect_flags"]) if "expect_flags" in c else None,
            initial_flags=tuple(c.get("initial_flags", []) or []),
            caller_type=str(c["caller_type"]) if c.get("caller_type") else None,
            expect_first_decision=str(c["expect_first_decision"]) if c.get("expect_first_decision") else None,
            expect_partners_added=tuple(c["expect_partners_added"] or []) if "expect_partners_added" in c else None,
            expect_not_asked=tuple(c["expect_not_asked"] or []) if "expect_not_asked" in c else None,
        ))
    return str(data.get("flow", p.stem)), cases, problems


def bundled_flows_dir() -> Path:
    """The flows shipped with the app (resources/flows beside the package, or in a frozen bundle)."""
    import sys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "flows"
