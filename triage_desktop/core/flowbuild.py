"""Building a Flow from its parsed YAML: nodes by kind, options, targets, partners, THRIVE, flow-level keys; every
structural problem is collected by file, node and line (the texts are read by flowtexts.TextReader)."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Optional

from .flowtexts import TextReader
from .model import FINISH, LANGUAGES, NODE_KINDS, YESNO_LABELS, Flow, Node, Option, Partner, Route, Target, TextSite
from .problems import Problem
from .vocab import CALLER_TYPES, PARTNER_CODES, RECORDS, THRIVE_FIELDS
from .yamlpos import key_line, strip_lines

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
SEMVER_RE = re.compile(r"^\d+\.\d+\.\d+$")


class _Builder(TextReader):
    """Turns parsed YAML into a Flow, collecting problems instead of stopping at the first."""

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
        for k, val in strip_lines(v).items():
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
        line: int = d.get("__line__", 0)
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
            common["unit"] = self.ltext(d, "unit", node_id, required=False)  # plain or {en: minutes, cy: munud}
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
                pline: int = p.get("__line__", line) if isinstance(p, dict) else line
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
    b.tr, b.sites = {}, []  # the flow's own texts (its title: plain or {en: ..., cy: ...}), after the nodes'
    title = b.ltext(data, "title", "", site="flow title")
    flow = Flow(
        id=fid or stem,
        version=version,
        title=title,
        title_tr=tuple((lg, t) for _v, lg, t in b.tr.get("flow title", ())),
        sites=tuple(b.sites),
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
        raw=strip_lines(data),
    )
    return flow, b.problems
