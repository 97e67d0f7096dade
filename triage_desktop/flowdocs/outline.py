"""A flow as a text outline (for screen readers and large text): every step, its words and where answers lead."""
from __future__ import annotations

from triage_desktop.core.model import Flow, Node, Target
from triage_desktop.core.vocab import OUTCOME_CODES, is_police

from . import texts


def _dest(flow: Flow, t: Target | None) -> str:
    if t is None:
        return "—"
    if getattr(t, "finish", False):
        return "finish (the outcome is shown again)"
    if t.flow:
        return f"continues in the flow {t.flow}"
    n = flow.nodes.get(t.node or "")
    if n is None:
        return str(t.node)
    if n.kind == "outcome":
        return f"outcome {n.code} ({'POLICE ATTEND' if is_police(n.code) else 'POLICE WILL NOT ATTEND'})"
    return f"“{n.title}”"


def node_lines(flow: Flow, n: Node) -> list[str]:
    """One step: a heading line, then its words and its ways on."""
    if n.kind == "outcome":
        voc = OUTCOME_CODES.get(n.code)
        head = texts.node_text(flow, n, "headline").get("default", "")
        out = [f"Outcome {n.code}: {'POLICE ATTEND' if is_police(n.code) else 'POLICE WILL NOT ATTEND'}"
               f" — {voc.response if voc else ''}", f"    Read aloud: “{head}”"]
        ps = texts.partners(flow, n)
        if ps:
            out.append("    Partners: " + "; ".join(ps))
        cont = texts.continue_of(flow, n)
        if cont:
            out.append(f"    Decision made here, then: {_dest(flow, Target(node=cont))}")
        return out
    marks = (" [RISK QUESTION]" if n.risk else "") + (" [after the decision]" if texts.after_decision(flow, n) else "")
    if n.kind == "route":
        out = [f"Route “{n.title}”{marks} (no question: decided by the flags raised)"]
        for r in n.routes:
            cond = ("if any of " + ", ".join(r.when_any)) if r.when_any else (
                ("if all of " + ", ".join(r.when_all)) if r.when_all else "otherwise")
            out.append(f"    {cond}: {_dest(flow, r.target)}")
        return out
    say = texts.node_text(flow, n, "say")
    out = [f"Question “{n.title}”{marks}" if n.kind != "info" else f"Information “{n.title}”{marks}",
           f"    Say: “{say.get('default', '')}”"]
    for k, v in say.items():
        if k != "default":
            out.append(f"    Say to {k.replace('_', ' ')} callers: “{v}”")
    for o in texts.answers(n):
        flags = f" (flags: {', '.join(o.flags)})" if o.flags else ""
        dest = _dest(flow, o.target) if o.target is not None else "ticked"
        out.append(f"    {texts.option_label(o)}{flags}: {dest}")
    if n.target is not None:
        out.append(f"    Then: {_dest(flow, n.target)}")
    return out


def outline(flow: Flow) -> str:
    lines = [f"{flow.title} ({flow.id}), version {flow.version}", ""]
    for n in flow.nodes.values():
        lines += node_lines(flow, n) + [""]
    return "\n".join(lines).rstrip() + "\n"
