"""Render a flow as a Mermaid or Graphviz diagram for partner sign-off."""
from __future__ import annotations

from .model import Flow, Node, Target
from .vocab import POLICE_CODES


def _edges(node: Node) -> list[tuple[Target, str]]:
    out: list[tuple[Target, str]] = []
    if node.kind in ("yesno", "choice", "number"):
        for o in list(node.options) + ([node.unknown] if node.unknown else []):
            if o.target:
                label = o.label + (f" ⚑{','.join(o.flags)}" if o.flags else "")
                out.append((o.target, label))
    elif node.kind == "route":
        for r in node.routes:
            cond = ("any " + ",".join(r.when_any)) if r.when_any else ""
            cond += ("all " + ",".join(r.when_all)) if r.when_all else ""
            out.append((r.target, cond or "otherwise"))
    elif node.target:
        label = "" if node.kind != "multi" else "any of: " + ", ".join(
            o.label + (f" ⚑{','.join(o.flags)}" if o.flags else "") for o in node.options)
        out.append((node.target, label))
    if node.continue_to is not None:
        out.append((node.continue_to, "decision recorded: while they are on the way"))
    if node.skip_target is not None and node.skip_target is not node.target:
        out.append((node.skip_target, "skipped: caller with the person"))
    return [(t, lab) for t, lab in out if not t.finish] + [(t, lab) for t, lab in out if t.finish]


def _text(node: Node) -> str:
    if node.kind == "outcome":
        return f"{node.code}"
    return f"{node.title}"


def to_mermaid(flow: Flow) -> str:
    def q(s: str) -> str:
        return s.replace('"', "'")

    lines = [f"%% {flow.title} v{flow.version} sha256:{flow.content_hash[:12]}", "flowchart TD"]
    for n in flow.nodes.values():
        if n.kind == "outcome":
            lines.append(f'  {n.id}(["{q(_text(n))}"])')
        elif n.kind == "route":
            lines.append(f'  {n.id}{{"{q(_text(n))}"}}')
        else:
            lines.append(f'  {n.id}["{q(_text(n))}"]')
    for n in flow.nodes.values():
        for t, label in _edges(n):
            dest = "finish" if t.finish else (t.node if t.node else f"flow_{t.flow}")
            lab = f'|"{q(label)}"|' if label else ""
            lines.append(f"  {n.id} -->{lab} {dest}")
    for n in flow.nodes.values():
        for t, _ in _edges(n):
            if t.flow:
                lines.append(f'  flow_{t.flow}[["→ {t.flow}"]]')
    police = [n.id for n in flow.nodes.values() if n.kind == "outcome" and n.code in POLICE_CODES]
    if police:
        lines.append("  classDef police fill:#fde2e1,stroke:#b10e1e")
        lines.append(f"  class {','.join(police)} police")
    return "\n".join(dict.fromkeys(lines)) + "\n"


def to_dot(flow: Flow) -> str:
    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = [f"// {flow.title} v{flow.version} sha256:{flow.content_hash[:12]}", f"digraph {flow.id} {{",
             "  rankdir=TB; node [fontname=Helvetica];"]
    for n in flow.nodes.values():
        shape = {"outcome": "box, style=\"rounded,filled\"", "route": "diamond"}.get(n.kind, "box")
        colour = ', fillcolor="#fde2e1"' if n.kind == "outcome" and n.code in POLICE_CODES else (
            ', fillcolor="#e8f0fe"' if n.kind == "outcome" else "")
        lines.append(f"  {n.id} [label={q(_text(n))}, shape={shape}{colour}];")
    flows = set()
    for n in flow.nodes.values():
        for t, label in _edges(n):
            dest = "finish" if t.finish else (t.node if t.node else f"flow_{t.flow}")
            if t.flow:
                flows.add(t.flow)
            lines.append(f"  {n.id} -> {dest}" + (f" [label={q(label)}]" if label else "") + ";")
    for f in sorted(flows):
        lines.append(f"  flow_{f} [label={q('→ ' + f)}, shape=cds];")
    lines.append("}")
    return "\n".join(lines) + "\n"
