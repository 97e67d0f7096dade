"""The per-kind answer rules: which answers a question takes, how an answer reads, where it leads (pure Python)."""
from __future__ import annotations

from typing import Any, Optional

from .errors import EngineError
from .model import YESNO_LABELS, Node, Option, Target, builtin_label


def yesno_value(value: Any) -> Any:
    """True/False as the 'yes'/'no' option values."""
    return {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value


def validate_answer(node: Node, value: Any) -> Any:
    """Check an answer fits the node; returns it normalised. Raises EngineError with a clear reason."""
    if node.kind == "yesno":
        value = yesno_value(value)
        if node.option(value) is None:
            raise EngineError(f"'{value}' is not an answer to '{node.title}' (use "
                              f"{', '.join(o.value for o in node.options)})")
    elif node.kind == "choice":
        if node.option(str(value)) is None:
            raise EngineError(f"'{value}' is not an option of '{node.title}'")
        value = str(value)
    elif node.kind == "multi":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise EngineError(f"'{node.title}' takes a list of options")
        bad = [v for v in value if node.option(str(v)) is None]
        if bad:
            raise EngineError(f"{bad} are not options of '{node.title}'")
        if not value and not node.allow_none:
            raise EngineError(f"choose at least one option for '{node.title}'")
        value = [o.value for o in node.options if o.value in {str(v) for v in value}]
    elif node.kind == "number":
        if value == "unknown" and node.unknown is not None:
            return value
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise EngineError(f"'{node.title}' needs a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise EngineError(f"'{node.title}' needs a finite number")
        if not any(o.matches_number(value) for o in node.options):
            raise EngineError(f"{value:g} is outside the ranges of '{node.title}'")
        value = int(value) if value.is_integer() else value
    elif node.kind == "text":
        value = "" if value is None else str(value)
    elif node.kind == "info":
        value = None
    else:
        raise EngineError(f"'{node.id}' is not a question")
    return value



def answer_label(node: Node, value: Any) -> str:
    """How an answer reads on screen and in the record."""
    if node.kind in ("yesno", "choice"):
        o = node.option(yesno_value(value))
        return o.label if o else str(value)
    if node.kind == "multi":
        labels = [o.label for o in node.options if o.value in (value or [])]
        return ", ".join(labels) if labels else "None of these"
    if node.kind == "number":
        if value == "unknown":
            return "Unknown"
        return f"{value:g} {node.unit}".strip() if isinstance(value, (int, float)) else str(value)
    if node.kind == "info":
        return "Done"
    return str(value)



#: the answers the engine words itself (an info step said, a multi with nothing chosen), in other languages
_BUILTIN_ANSWERS = {"cy": {"Done": "Wedi'i wneud", "None of these": "Dim un o'r rhain"}}


def answer_label_in(node: Node, value: Any, lang: str) -> str:
    """An answer as the handler reads it in a call language (the side panel's 'so far'); `answer_label` is the
    record's English. English where the flow has no text in that language."""
    if lang == "en":
        return answer_label(node, value)
    if node.kind in ("yesno", "choice"):
        o = node.option(yesno_value(value))
        return o.label_for(None, lang) if o else str(value)
    if node.kind == "multi":
        labels = [o.label_for(None, lang) for o in node.options if o.value in (value or [])]
        if labels:
            return ", ".join(labels)
    if node.kind == "number":
        if value == "unknown":
            return builtin_label("unknown", YESNO_LABELS["unknown"], lang)
        if isinstance(value, (int, float)):
            return f"{value:g} {node.text('unit', None, lang)}".strip()
    english = answer_label(node, value)
    return _BUILTIN_ANSWERS.get(lang, {}).get(english, english) if node.kind in ("multi", "info") else english


def chosen_options(node: Node, value: Any) -> tuple[list[Option], Optional[Target]]:
    """The options an answer selects and where it leads."""
    if node.kind in ("yesno", "choice"):
        o = node.option(yesno_value(value))
        return ([o], o.target) if o else ([], None)
    if node.kind == "multi":
        return [o for o in node.options if o.value in (value or [])], node.target
    if node.kind == "number":
        if value == "unknown":
            return ([node.unknown], node.unknown.target) if node.unknown else ([], None)
        for o in node.options:
            if o.matches_number(float(value)):
                return [o], o.target
        return [], None
    return [], node.target
