"""Load the summary JSON Schemas and compile them into fast checkers whose errors never quote a value."""
from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

#: The summary schema version this code writes.
SCHEMA_VERSION = 1

#: Every summary schema version this code can read (the collector accepts these).
KNOWN_VERSIONS = (1,)

#: Keywords that only describe; they do not constrain.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment", "examples"})

#: A location inside a summary, built lazily as nested (parent, key) pairs; () is the root.
Path_ = tuple[Any, ...]
Check = Callable[[Any, Path_], Optional[str]]


def _fmt(path: Path_) -> str:
    """A JSON-pointer-like text for a lazy path, e.g. /flags/2."""
    parts: list[str] = []
    while path:
        path, key = path
        parts.append(str(key))
    return "/" + "/".join(reversed(parts)) if parts else "/"


class SummaryInvalid(ValueError):
    """A summary (or the call row it came from) does not meet the summary schema."""


def schema_dir() -> Path:
    """The resources/schemas folder, in a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "schemas"
    return Path(__file__).resolve().parents[2] / "resources" / "schemas"


def schema_path(version: int = SCHEMA_VERSION) -> Path:
    """Path of the JSON Schema file for one summary schema version."""
    return schema_dir() / f"summary-{version}.schema.json"


@functools.lru_cache(maxsize=None)
def load_schema(version: int = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema document for one summary schema version."""
    with open(schema_path(version), encoding="utf-8") as handle:
        return json.load(handle)


def _same(a: Any, b: Any) -> bool:
    """JSON equality: booleans never equal numbers."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class _Compiler:
    """Turns the subset of JSON Schema 2020-12 the summaries use into closures (unknown keywords are refused)."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if not pointer.startswith("#/$defs/"):
            raise NotImplementedError(f"schema $ref {pointer!r} is not a local $defs reference")
        if pointer not in self.refs:
            holder: list[Check] = []
            self.refs[pointer] = lambda value, path: holder[0](value, path)
            holder.append(self.compile(self.root["$defs"][pointer[len("#/$defs/"):]]))
        return self.refs[pointer]

    def compile(self, schema: Mapping[str, Any]) -> Check:
        checks: list[Check] = []
        unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise NotImplementedError(f"schema keywords not supported by the fast checker: {sorted(unknown)}")
        for keyword, build in _KEYWORDS.items():
            if keyword in schema:
                checks.append(build(self, schema[keyword], schema))
        checks = [c for c in checks if c is not None]
        if len(checks) == 1:
            return checks[0]

        def check(value: Any, path: Path_) -> Optional[str]:
            for one in checks:
                problem = one(value, path)
                if problem:
                    return problem
            return None

        return check


def _k_ref(c: _Compiler, pointer: str, _s: Mapping[str, Any]) -> Check:
    return c.ref(pointer)


def _k_type(_c: _Compiler, kinds: Any, _s: Mapping[str, Any]) -> Check:
    names = [kinds] if isinstance(kinds, str) else list(kinds)
    label = " or ".join(names)
    if len(names) == 1:
        test = _TYPES[names[0]]
        return lambda v, p: None if test(v) else f"{_fmt(p)}: must be of type {label}"
    tests = [_TYPES[k] for k in names]
    return lambda v, p: None if any(t(v) for t in tests) else f"{_fmt(p)}: must be of type {label}"


def _k_enum(_c: _Compiler, allowed: list[Any], _s: Mapping[str, Any]) -> Check:
    strings = frozenset(a for a in allowed if isinstance(a, str))
    others = [a for a in allowed if not isinstance(a, str)]

    def check(v: Any, p: Path_) -> Optional[str]:
        if isinstance(v, str):
            ok = v in strings
        else:
            ok = any(_same(v, a) for a in others)
        return None if ok else f"{_fmt(p)}: not one of the allowed values"

    return check


def _k_const(_c: _Compiler, expected: Any, _s: Mapping[str, Any]) -> Check:
    return lambda v, p: None if _same(v, expected) else f"{_fmt(p)}: must equal {json.dumps(expected)}"


def _k_pattern(_c: _Compiler, pattern: str, _s: Mapping[str, Any]) -> Check:
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise NotImplementedError("summary schema patterns must be anchored with ^ and $")
    regex = re.compile(pattern[1:-1], re.ASCII)
    return lambda v, p: None if not isinstance(v, str) or regex.fullmatch(v) else f"{_fmt(p)}: does not match the required pattern"


def _k_min(_c: _Compiler, low: float, _s: Mapping[str, Any]) -> Check:
    return lambda v, p: f"{_fmt(p)}: below the minimum {low}" if _TYPES["number"](v) and v < low else None


def _k_max(_c: _Compiler, high: float, _s: Mapping[str, Any]) -> Check:
    return lambda v, p: f"{_fmt(p)}: above the maximum {high}" if _TYPES["number"](v) and v > high else None


def _k_min_items(_c: _Compiler, n: int, _s: Mapping[str, Any]) -> Check:
    return lambda v, p: f"{_fmt(p)}: fewer than {n} items" if isinstance(v, list) and len(v) < n else None


def _k_max_items(_c: _Compiler, n: int, _s: Mapping[str, Any]) -> Check:
    return lambda v, p: f"{_fmt(p)}: more than {n} items" if isinstance(v, list) and len(v) > n else None


def _k_max_length(_c: _Compiler, n: int, _s: Mapping[str, Any]) -> Check:
    return lambda v, p: f"{_fmt(p)}: longer than {n} characters" if isinstance(v, str) and len(v) > n else None


def _k_unique(_c: _Compiler, flag: bool, _s: Mapping[str, Any]) -> Optional[Check]:
    if not flag:
        return None

    def check(v: Any, p: Path_) -> Optional[str]:
        if not isinstance(v, list):
            return None
        seen = [json.dumps(item, sort_keys=True) for item in v]
        return f"{_fmt(p)}: items are not unique" if len(set(seen)) != len(seen) else None

    return check


def _k_items(c: _Compiler, item_schema: Mapping[str, Any], _s: Mapping[str, Any]) -> Check:
    inner = c.compile(item_schema)

    def check(v: Any, p: Path_) -> Optional[str]:
        if not isinstance(v, list):
            return None
        for index, item in enumerate(v):
            problem = inner(item, (p, index))
            if problem:
                return problem
        return None

    return check


def _k_any_of(c: _Compiler, options: list[Mapping[str, Any]], _s: Mapping[str, Any]) -> Check:
    inners = [c.compile(o) for o in options]

    def check(v: Any, p: Path_) -> Optional[str]:
        problems = [inner(v, p) for inner in inners]
        return None if any(x is None for x in problems) else problems[0]

    return check


def _k_required(_c: _Compiler, names: list[str], _s: Mapping[str, Any]) -> Check:
    def check(v: Any, p: Path_) -> Optional[str]:
        if isinstance(v, dict):
            for name in names:
                if name not in v:
                    return f"{_fmt((p, name))}: is required"
        return None

    return check


def _k_properties(c: _Compiler, props: Mapping[str, Any], schema: Mapping[str, Any]) -> Check:
    inner = {name: c.compile(sub) for name, sub in props.items()}
    closed = schema.get("additionalProperties", True) is False

    def check(v: Any, p: Path_) -> Optional[str]:
        if not isinstance(v, dict):
            return None
        for name, value in v.items():
            sub = inner.get(name)
            if sub is None:
                if closed:
                    return f"{_fmt(p)}: unexpected property (additional properties are not allowed)"
                continue
            problem = sub(value, (p, name))
            if problem:
                return problem
        return None

    return check


def _k_additional(_c: _Compiler, value: Any, schema: Mapping[str, Any]) -> Optional[Check]:
    if value is not False or "properties" not in schema:
        raise NotImplementedError("additionalProperties is only supported as false beside properties")
    return None  # enforced by _k_properties


_KEYWORDS: dict[str, Callable[[_Compiler, Any, Mapping[str, Any]], Optional[Check]]] = {
    "$ref": _k_ref,
    "type": _k_type,
    "const": _k_const,
    "enum": _k_enum,
    "pattern": _k_pattern,
    "maxLength": _k_max_length,
    "minimum": _k_min,
    "maximum": _k_max,
    "minItems": _k_min_items,
    "maxItems": _k_max_items,
    "uniqueItems": _k_unique,
    "items": _k_items,
    "anyOf": _k_any_of,
    "required": _k_required,
    "properties": _k_properties,
    "additionalProperties": _k_additional,
}


@functools.lru_cache(maxsize=None)
def compiled_checker(version: int = SCHEMA_VERSION) -> Check:
    """The compiled checker for one schema version."""
    schema = load_schema(version)
    return _Compiler(schema).compile(schema)


def summary_problem(summary: Any) -> Optional[str]:
    """Why a summary is not valid (path and rule, never the value), or None when it is valid."""
    if not isinstance(summary, dict):
        return "record: must be a JSON object"
    version = summary.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        return "/schema_version: is required and must be an integer"
    if version not in KNOWN_VERSIONS:
        known = ", ".join(str(v) for v in KNOWN_VERSIONS)
        return f"/schema_version: unknown summary schema version (this software knows {known})"
    return compiled_checker(version)(summary, ())


def validate_summary(summary: Any) -> None:
    """Raise SummaryInvalid (a ValueError) naming the field and rule if the summary breaks its schema."""
    problem = summary_problem(summary)
    if problem:
        raise SummaryInvalid(f"call summary: {problem}")
