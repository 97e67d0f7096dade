"""Read a flow's texts and v2 extras the same way for v1 and v2 files (plain strings or caller variants)."""
from __future__ import annotations

from typing import Any, Optional

from triage_desktop.core.model import LANGUAGES, Flow, Node, Option

#: Keys a caller-variant mapping may use besides `default` (flow format v2).
VARIANT_ORDER = ("default", "self", "third_party", "professional")


def variants(value: Any, langs: bool = False) -> dict[str, str]:
    """A text as {variant: words}: a plain string is the default; a mapping keeps its keys (v2 caller variants).
    Bilingual texts give their English; with `langs`, the other languages too, as "<variant> [cy]"."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {"default": value.strip()} if value.strip() else {}
    if isinstance(value, dict):
        keys = [k for k in value if k not in ("__line__", "__dupes__")]
        if keys and all(k in LANGUAGES for k in keys):  # one text in several languages: English is the text
            value = {"default": value}
        out = {}
        for k, v in value.items():
            if k in ("__line__", "__dupes__") or v is None:
                continue
            if isinstance(v, dict):  # a bilingual variant: English under its key, the others as "key [cy]"
                for lg, t in v.items():
                    if lg in LANGUAGES and t is not None and (langs or lg == "en"):
                        out[str(k) if lg == "en" else f"{k} [{lg}]"] = " ".join(str(t).split())
            else:
                out[str(k)] = " ".join(str(v).split())
        def order(k: str) -> tuple[int, str]:
            base = k.split(" [")[0]
            return (VARIANT_ORDER.index(base) if base in VARIANT_ORDER else len(VARIANT_ORDER), k)

        return dict(sorted(out.items(), key=lambda kv: order(kv[0])))
    for attr in ("as_dict", "variants"):  # a model object for variants (v2 core), if it has one
        v = getattr(value, attr, None)
        if callable(v):
            v = v()
        if isinstance(v, dict):
            return variants(v, langs)
    default = getattr(value, "default", None)
    if isinstance(default, str):
        return {"default": default}
    return {"default": str(value)}


def default_text(value: Any) -> str:
    v = variants(value)
    return " ".join(v.get("default", next(iter(v.values()), "")).split())


def raw_node(flow: Flow, node_id: str) -> dict[str, Any]:
    raw = flow.raw if isinstance(flow.raw, dict) else {}
    nodes = raw.get("nodes") or {}
    n = nodes.get(node_id) if isinstance(nodes, dict) else None
    return n if isinstance(n, dict) else {}


def node_text(flow: Flow, node: Node, key: str, langs: bool = False) -> dict[str, str]:
    """A node's text field (say, why, headline, script, caller_informed, rationale) as variants (English; with
    `langs`, the Welsh too as "<variant> [cy]")."""
    raw = raw_node(flow, node.id)
    if key in raw:
        return variants(raw[key], langs)
    return variants(getattr(node, key, None))


def raw_options(flow: Flow, node: Node) -> dict[str, dict[str, Any]]:
    """The raw YAML of each answer by its value (yes/no/unknown, choice values, range_N, unknown)."""
    raw = raw_node(flow, node.id)
    out: dict[str, dict[str, Any]] = {}
    if node.kind == "yesno" and isinstance(raw.get("answers"), dict):
        for k, v in raw["answers"].items():
            key = {True: "yes", False: "no"}.get(k, k) if isinstance(k, bool) else str(k)
            if isinstance(v, dict):
                out[key] = v
    elif node.kind in ("choice", "multi") and isinstance(raw.get("options"), list):
        for o in raw["options"]:
            if isinstance(o, dict) and "value" in o:
                out[str(o["value"])] = o
    elif node.kind == "number":
        for i, r in enumerate(raw.get("ranges") or [], 1):
            if isinstance(r, dict):
                out[f"range_{i}"] = r
        if isinstance(raw.get("unknown"), dict):
            out["unknown"] = raw["unknown"]
    return out


def option_label(opt: Option) -> str:
    return default_text(opt.label) or opt.value


def answers(node: Node) -> list[Option]:
    return list(node.options) + ([node.unknown] if node.unknown is not None else [])


def continue_of(flow: Flow, node: Node) -> Optional[str]:
    """v2: the post-decision step an outcome goes on to (`continue:`)."""
    v = getattr(node, "continue_to", None) or raw_node(flow, node.id).get("continue")
    if v is not None and not isinstance(v, str):  # a Target (v2 model)
        v = "finish" if getattr(v, "finish", False) else getattr(v, "node", None)
    return str(v) if v else None


def after_decision(flow: Flow, node: Node) -> bool:
    """v2: the node is a post-decision step ("while they are on the way")."""
    return bool(getattr(node, "after_decision", False) or raw_node(flow, node.id).get("after_decision"))


def option_extra(flow: Flow, node: Node, opt: Option) -> dict[str, Any]:
    """v2 extras on an answer: raise, add_partners (and anything else beyond the v1 keys)."""
    raw = raw_options(flow, node).get(opt.value, {})
    return {k: raw[k] for k in ("raise", "add_partners") if raw.get(k)}


def partners(flow: Flow, node: Node) -> list[str]:
    """An outcome's partners as words: v1 {name, contact}, v2 {code, note}."""
    raw = raw_node(flow, node.id).get("partners")
    out = []
    if isinstance(raw, list):
        for p in raw:
            if isinstance(p, dict):
                name = p.get("name") or p.get("code") or "?"
                extra = p.get("contact") or default_text(p.get("note")) or ""
                out.append(f"{name}" + (f" ({extra})" if extra else ""))
            elif p:
                out.append(str(p))
        return out
    return [p.name + (f" ({p.contact})" if getattr(p, "contact", "") else "") for p in node.partners]
