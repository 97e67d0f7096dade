"""One flow's two versions compared node by node, in practitioners' words (flowdocs.diff puts it together)."""
from __future__ import annotations

from typing import Any, Optional

from triage_desktop.core.governance import governance_of, live_problems
from triage_desktop.core.model import Flow, Node, Option, Target
from triage_desktop.core.vocab import is_police

from . import texts
from .diff_model import _KNOWN_NODE_KEYS, KIND_WORDS, TEXT_FIELDS, Change


# ----- words ------------------------------------------------------------------------------------------------
def _q(s: str, limit: int = 0) -> str:
    s = " ".join(str(s).split())
    if limit and len(s) > limit:
        s = s[:limit - 1] + "…"
    return f"“{s}”"


def _name(flow: Flow, node_id: str) -> str:
    n = flow.nodes.get(node_id)
    if n is None:
        return f"'{node_id}'"
    if n.kind == "outcome":
        return f"outcome {n.code} ({node_id})"
    return f"{_q(n.title)} ({node_id})"


def _where(flow: Flow, t: Optional[Target]) -> str:
    if t is None:
        return "nowhere"
    if t.flow:
        return f"the {t.flow} flow"
    if getattr(t, "finish", False) or t.node == "finish":
        return "the end of the post-decision steps"
    return _name(flow, t.node or "")


def _what(n: Node) -> str:
    return KIND_WORDS.get(n.kind, n.kind)


def _police_words(code: str) -> str:
    return "police attend" if is_police(code) else "police will not attend"


def _opt_words(flow: Flow, n: Node, o: Option) -> str:
    dest = f" → {_where(flow, o.target)}" if o.target is not None else ""
    flags = f" [flags: {', '.join(o.flags)}]" if o.flags else ""
    return f"{_q(texts.option_label(o))}{dest}{flags}"


def _describe_node(flow: Flow, n: Node) -> str:
    if n.kind == "outcome":
        head = texts.default_text(texts.node_text(flow, n, "headline").get("default", ""))
        return f"{n.code} ({_police_words(n.code)}): {_q(head, 160)}"
    if n.kind == "route":
        return "; ".join(_route_words(flow, n))
    say = texts.node_text(flow, n, "say").get("default", "")
    opts = "; ".join(_opt_words(flow, n, o) for o in texts.answers(n))
    tail = f" Answers: {opts}." if opts else (f" Then: {_where(flow, n.target)}." if n.target else "")
    return f"{_q(n.title)}: {_q(say, 200)}.{tail}"


def _route_words(flow: Flow, n: Node) -> list[str]:
    out = []
    for r in n.routes:
        cond = (("any of " + ", ".join(r.when_any)) if r.when_any else "") + (
            ("all of " + ", ".join(r.when_all)) if r.when_all else "")
        out.append(f"{'if ' + cond if cond else 'otherwise'} → {_where(flow, r.target)}")
    return out


def _text_changes(old: Flow, new: Flow, a: Node, b: Node) -> list[Change]:
    out = []
    section = "outcomes" if b.kind == "outcome" else "questions"
    for key, words in TEXT_FIELDS.items():
        va, vb = texts.node_text(old, a, key, langs=True), texts.node_text(new, b, key, langs=True)
        if va == vb:
            continue
        for variant in dict.fromkeys(list(va) + list(vb)):
            ta, tb = va.get(variant), vb.get(variant)
            if ta == tb:
                continue
            base, _, lang = variant.partition(" [")
            welsh = "Welsh" if lang.rstrip("]") == "cy" else lang.rstrip("]")
            who = ("" if base == "default" else f"words for {base.replace('_', ' ')} callers")
            who = f" ({', '.join(w for w in (welsh, who) if w)})" if (who or welsh) else ""
            label = _name(new, b.id)
            if ta is None:
                out.append(Change(new.id, b.id, section, f"{label}: new {words}{who}: {_q(tb or '')}"))
            elif tb is None:
                out.append(Change(new.id, b.id, section, f"{label}: {words}{who} removed (was {_q(ta)})"))
            else:
                out.append(Change(new.id, b.id, section, f"{label}: {words}{who} reworded: {_q(ta)} → {_q(tb)}"))
    return out


def _answer_changes(old: Flow, new: Flow, a: Node, b: Node) -> list[Change]:
    out = []
    label = _name(new, b.id)
    oa = {o.value: o for o in texts.answers(a)}
    ob = {o.value: o for o in texts.answers(b)}
    for v, o in ob.items():
        if v not in oa:
            out.append(Change(new.id, b.id, "answers", f"{label}: new answer {_opt_words(new, b, o)}"))
            continue
        p = oa[v]
        la, lb = texts.option_label(p), texts.option_label(o)
        if la != lb:
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_q(la)} relabelled {_q(lb)}"))
        if p.target != o.target and (p.target is not None or o.target is not None):
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_q(lb)} re-routed: from "
                                                          f"{_where(old, p.target)} to {_where(new, o.target)}"))
        if (p.min, p.max) != (o.min, o.max):
            out.append(Change(new.id, b.id, "answers", f"{label}: range {_q(la)} is now {_q(lb)}"))
        added, removed = sorted(set(o.flags) - set(p.flags)), sorted(set(p.flags) - set(o.flags))
        if added:
            out.append(Change(new.id, b.id, "flags", f"{label}: answer {_q(lb)} now raises flag(s) "
                                                        f"{', '.join(added)}"))
        if removed:
            out.append(Change(new.id, b.id, "flags", f"{label}: answer {_q(lb)} no longer raises flag(s) "
                                                        f"{', '.join(removed)}"))
        ea, eb = texts.option_extra(old, a, p), texts.option_extra(new, b, o)
        if ea != eb:
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_q(lb)}: {_extra_words(ea)} → "
                                                          f"{_extra_words(eb)}"))
        if dict(p.thrive) != dict(o.thrive):
            out.append(Change(new.id, b.id, "other", f"{label}: answer {_q(lb)}: THRIVE notes changed"))
    for v, p in oa.items():
        if v not in ob:
            out.append(Change(new.id, b.id, "answers", f"{label}: answer {_opt_words(old, a, p)} removed"))
    return out


def _extra_words(e: dict[str, Any]) -> str:
    if not e:
        return "nothing extra"
    return "; ".join(f"{k.replace('_', ' ')} {v if not isinstance(v, list) else ', '.join(map(str, v))}"
                     for k, v in e.items())


def _node_changes(old: Flow, new: Flow, a: Node, b: Node) -> list[Change]:
    out: list[Change] = []
    label = _name(new, b.id)
    if a.kind != b.kind:
        out.append(Change(new.id, b.id, "questions" if b.kind != "outcome" else "outcomes",
                          f"{label} changed from a {_what(a)} to a {_what(b)}"))
    if a.title != b.title:
        out.append(Change(new.id, b.id, "questions", f"{_q(a.title)} ({b.id}) retitled {_q(b.title)}"))
    out += _text_changes(old, new, a, b)
    if a.risk != b.risk:
        out.append(Change(new.id, b.id, "flags", f"{label} is {'now' if b.risk else 'no longer'} marked as a "
                                                    "risk question"))
    if b.kind in ("yesno", "choice", "multi", "number"):
        out += _answer_changes(old, new, a, b)
    if a.target != b.target and b.kind in ("multi", "text", "info"):
        out.append(Change(new.id, b.id, "answers", f"{label} now goes on to {_where(new, b.target)} "
                                                      f"(was {_where(old, a.target)})"))
    if a.unit != b.unit:
        out.append(Change(new.id, b.id, "questions", f"{label}: unit {a.unit!r} → {b.unit!r}"))
    if b.kind == "route" and _route_words(old, a) != _route_words(new, b):
        out.append(Change(new.id, b.id, "routes", f"{label}: routes were {'; '.join(_route_words(old, a))}; now "
                                                     f"{'; '.join(_route_words(new, b))}"))
    if b.kind == "outcome" and a.kind == "outcome":
        if a.code != b.code:
            out.append(Change(new.id, b.id, "outcomes", f"outcome {b.id}: code {a.code} ({_police_words(a.code)}) → "
                                                           f"{b.code} ({_police_words(b.code)})"))
        pa, pb = texts.partners(old, a), texts.partners(new, b)
        for p in pb:
            if p not in pa:
                out.append(Change(new.id, b.id, "outcomes", f"{label}: partner added: {p}"))
        for p in pa:
            if p not in pb:
                out.append(Change(new.id, b.id, "outcomes", f"{label}: partner removed: {p}"))
        if dict(a.thrive) != dict(b.thrive):
            out.append(Change(new.id, b.id, "other", f"{label}: THRIVE notes changed"))
        ca, cb = texts.continue_of(old, a), texts.continue_of(new, b)
        if ca != cb:
            out.append(Change(new.id, b.id, "answers", f"{label}: after the decision, goes on to "
                                                          f"{_name(new, cb) if cb else 'nothing (call ends)'} "
                                                          f"(was {_name(old, ca) if ca else 'nothing'})"))
    ra, rb = texts.raw_node(old, a.id), texts.raw_node(new, b.id)
    for k in sorted(set(ra) | set(rb)):
        if k in _KNOWN_NODE_KEYS or k == "continue" or ra.get(k) == rb.get(k):
            continue
        out.append(Change(new.id, b.id, "other", f"{label}: setting '{k}' {ra.get(k)!r} → {rb.get(k)!r}"))
    return out


def _signoff_changes(a: Flow, b: Flow) -> list[Change]:
    ga, gb = governance_of(a), governance_of(b)
    out = []
    if ga.status != gb.status:
        out.append(Change(b.id, "", "signoff", f"status {ga.status} → {gb.status}"))
    sa, sb = ga.signoff, gb.signoff
    if sa != sb:
        if sb is None:
            out.append(Change(b.id, "", "signoff", "sign-off record removed"))
        else:
            if sa is None or (sa.version, sa.date) != (sb.version, sb.date):
                was = f" (was v{sa.version} on {sa.date})" if sa else ""
                out.append(Change(b.id, "", "signoff", f"signed off for v{sb.version} on {sb.date}{was}"))
            before = set(sa.signatories) if sa else set()
            for s in sb.signatories:
                if s not in before:
                    out.append(Change(b.id, "", "signoff", f"signatory: {s.name}, {s.role}, {s.organisation} "
                                                           f"({s.sector})"))
            for s in (sa.signatories if sa else ()):
                if s not in set(sb.signatories):
                    out.append(Change(b.id, "", "signoff", f"no longer signed by {s.name}, {s.organisation}"))
            if (sa.release_notes if sa else "") != sb.release_notes and sb.release_notes:
                out.append(Change(b.id, "", "signoff", f"release notes: {_q(sb.release_notes, 400)}"))
    ra, rb = live_problems(a), live_problems(b)
    if bool(ra) != bool(rb):
        out.append(Change(b.id, "", "signoff", "now LIVE-READY" if not rb else
                          f"now a DRAFT (training only): {'; '.join(rb)}"))
    return out


def compare_flow(old: Flow, new: Flow) -> tuple[list[Change], dict[str, str]]:
    """Every practitioner-visible change between two versions of one flow, and the nodes to highlight."""
    out: list[Change] = []
    if old.version != new.version:
        out.append(Change(new.id, "", "flow", f"version {old.version} → {new.version}"))
    for key, words in (("title", "title"), ("description", "description"), ("start", "first step"),
                       ("pathway", "pathway")):
        va, vb = getattr(old, key), getattr(new, key)
        if va != vb:
            out.append(Change(new.id, "", "flow", f"{words}: {_q(va, 200)} → {_q(vb, 200)}"))
    hl: dict[str, str] = {}
    for nid, b in new.nodes.items():
        a = old.nodes.get(nid)
        if a is None:
            section = "outcomes" if b.kind == "outcome" else ("routes" if b.kind == "route" else "questions")
            out.append(Change(new.id, nid, section, f"new {_what(b)} {nid}: {_describe_node(new, b)}"))
            hl[nid] = "NEW"
            continue
        ch = _node_changes(old, new, a, b)
        if ch:
            hl[nid] = "CHANGED"
        out += ch
    for nid, a in old.nodes.items():
        if nid not in new.nodes:
            section = "outcomes" if a.kind == "outcome" else ("routes" if a.kind == "route" else "questions")
            out.append(Change(new.id, nid, section, f"{_what(a)} {nid} removed (was {_describe_node(old, a)})"))
    out += _signoff_changes(old, new)
    if old.version == new.version and out and any(c.section not in ("signoff",) for c in out):
        out.insert(0, Change(new.id, "", "flow", f"content changed but the version is still {new.version} "
                                                 "(a version bump is required: see flows.lock)"))
    return out, hl
