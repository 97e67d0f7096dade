"""Red flags and THRIVE: the notes the path's answers give, their levels, and the words an outcome's rationale uses."""
from __future__ import annotations

from typing import Iterable, Optional

from .answers import chosen_options
from .runstate import PathStep
from .vocab import FLAGS, THRIVE_FIELDS, THRIVE_LEVELS

#: The THRIVE notes the immediate-risk interrupt sets (over whatever the path gave).
IMMEDIATE_RISK_THRIVE = {
    "threat": "High: immediate risk recorded by the handler during the call",
    "risk": "High: real and immediate risk to life or of serious harm",
}


def thrive_notes(path: Iterable[PathStep], extra_flags: Iterable[str]) -> dict[str, str]:
    """THRIVE notes by field from the path: each node's, then each chosen option's (later ones overwrite earlier);
    an unanswered node gives its notes only when it is the outcome."""
    out: dict[str, str] = {}
    for p in path:
        if p.answer is None:
            if p.node.kind == "outcome":
                out.update(dict(p.node.thrive))
            continue
        out.update(dict(p.node.thrive))
        chosen, _ = chosen_options(p.node, p.answer.value)
        for o in chosen:
            out.update(dict(o.thrive))
    if "immediate_risk_interrupt" in set(extra_flags):
        out.update(IMMEDIATE_RISK_THRIVE)
    return out


def thrive_levels(notes: dict[str, str]) -> dict[str, Optional[str]]:
    """THRIVE level per field, read from a note starting Low/Medium/High (else None)."""
    out: dict[str, Optional[str]] = {}
    for f in THRIVE_FIELDS:
        note = notes.get(f, "").strip().lower()
        out[f] = next((lv for lv in THRIVE_LEVELS if note.startswith(lv)), None)
    return out


def rationale_lookup(path: Iterable[PathStep], flags: Iterable[str], name: str) -> Optional[str]:
    """What `{name}` reads as in an outcome's rationale: the flags in words (never codes: the rationale is read and
    pasted), else the answer given at the node of that id (never personal free text); None when not known."""
    if name == "flags":
        return "; ".join(FLAGS.get(f, f) for f in sorted(flags)) or "none"
    for p in path:
        if p.node.id == name and p.answer is not None:
            if p.node.is_free_text:
                return "(free text recorded)"  # never substitute personal free text
            return p.answer.label
    return None
