"""Load the summary JSON Schemas and compile them into fast checkers whose errors never quote a value."""
from __future__ import annotations

import functools
from datetime import date, datetime, timedelta, timezone
import json
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

#: The summary schema version this code writes.
SCHEMA_VERSION = 2

#: Every summary schema version this code can read (the collector accepts these, side by side).
KNOWN_VERSIONS = (1, 2)

#: Keywords that only describe; they do not constrain.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment", "examples"})

Check = Callable[[Any], Optional[str]]


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


def _unique(items: list[Any]) -> bool:
    """True when no two items of a JSON array are equal."""
    if all(isinstance(i, str) for i in items):
        return len(set(items)) == len(items)
    seen = [json.dumps(i, sort_keys=True) for i in items]
    return len(set(seen)) == len(seen)


#: Matched texts remembered per pattern, at most (then forgotten at once: a uuid seen once is never seen again).
_SEEN_LIMIT = 4096


def _matches(seen: set[str], fullmatch: Callable[[str], Any], value: str) -> bool:
    """fullmatch(value), remembering a text that matched (a pattern's answer for a text never changes)."""
    if fullmatch(value) is None:
        return False
    if len(seen) >= _SEEN_LIMIT:
        seen.clear()
    seen.add(value)
    return True


_TYPE_TESTS = {
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "string": "isinstance({v}, str)",
    "integer": "(isinstance({v}, int) and not isinstance({v}, bool))",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "boolean": "({v} is True or {v} is False)",
    "null": "{v} is None",
}

_SUPPORTED = frozenset({
    "$ref", "type", "const", "enum", "pattern", "maxLength", "minimum", "maximum", "minItems",
    "maxItems", "uniqueItems", "items", "anyOf", "required", "properties", "additionalProperties",
})


class _Generator:
    """Writes the subset of JSON Schema 2020-12 the summaries use as one Python function (unknown keywords are refused).

    Generated code returns the first problem as "<path>: <rule>"; it never quotes the offending value,
    because a value that breaks the schema may be personal text.
    """

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.consts: dict[str, Any] = {"_same": _same, "_unique": _unique, "_matches": _matches}
        self.functions: list[str] = []
        self.counter = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def const(self, value: Any) -> str:
        key = self.name("C")
        self.consts[key] = value
        return key

    @staticmethod
    def where(path: list[str]) -> str:
        """A Python expression for the path text, evaluated only when a problem is reported."""
        return '"/".join(["", ' + ", ".join(path) + "])" if path else '"/"'

    def fail(self, path: list[str], rule: str, pad: str) -> str:
        return f"{pad}    return {self.where(path)} + {': ' + rule!r}\n"

    def guard(self, kind: str, v: str, known: Optional[str]) -> str:
        """A type test to put before a keyword that only applies to one type ('' when the type is already known)."""
        if known == kind or (kind == "number" and known == "integer"):
            return ""
        return _TYPE_TESTS[kind].format(v=v) + " and "

    def emit(self, schema: Mapping[str, Any], v: str, path: list[str], pad: str, depth: int = 0,
             known: Optional[str] = None) -> str:
        if depth > 32:
            raise NotImplementedError("recursive summary schemas are not supported")
        unknown = set(schema) - _ANNOTATIONS - _SUPPORTED
        if unknown:
            raise NotImplementedError(f"schema keywords not supported by the fast checker: {sorted(unknown)}")
        if "additionalProperties" in schema and (schema["additionalProperties"] is not False or "properties" not in schema):
            raise NotImplementedError("additionalProperties is only supported as false beside properties")
        out = ""
        if "$ref" in schema:
            pointer = schema["$ref"]
            if not pointer.startswith("#/$defs/"):
                raise NotImplementedError(f"schema $ref {pointer!r} is not a local $defs reference")
            out += self.emit(self.root["$defs"][pointer[len("#/$defs/"):]], v, path, pad, depth + 1, known)
        if "type" in schema:
            kinds = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
            test = " or ".join(_TYPE_TESTS[k].format(v=v) for k in kinds)
            out += f"{pad}if not ({test}):\n" + self.fail(path, "must be of type " + " or ".join(kinds), pad)
            if len(kinds) == 1:
                known = kinds[0]  # every later check in this schema may rely on it
        if "const" in schema:
            expected = schema["const"]
            if isinstance(expected, int) and not isinstance(expected, bool):
                test = f"{v}.__class__ is int and {v} == {expected!r}"
            else:
                test = f"_same({v}, {self.const(expected)})"
            out += f"{pad}if not ({test}):\n" + self.fail(path, f"must equal {json.dumps(expected)}", pad)
        if "enum" in schema:
            allowed = schema["enum"]
            strings = self.const(frozenset(a for a in allowed if isinstance(a, str)))
            others = [a for a in allowed if not isinstance(a, str)]
            test = f"({v}.__class__ is str and {v} in {strings})"
            if others == [None]:
                test += f" or {v} is None"
            elif others:
                test += f" or any(_same({v}, o) for o in {self.const(others)})"
            out += f"{pad}if not ({test}):\n" + self.fail(path, "not one of the allowed values", pad)
        if "pattern" in schema:
            pattern = schema["pattern"]
            if not (pattern.startswith("^") and pattern.endswith("$")):
                raise NotImplementedError("summary schema patterns must be anchored with ^ and $")
            matcher = self.const(re.compile(pattern[1:-1], re.ASCII).fullmatch)
            seen = self.const(set())  # texts that matched already: flow hashes, ids, a device's id repeat a lot
            out += (f"{pad}if {self.guard('string', v, known)}{v} not in {seen} and "
                    f"not _matches({seen}, {matcher}, {v}):\n")
            out += self.fail(path, "does not match the required pattern", pad)
        if "maxLength" in schema:
            out += f"{pad}if {self.guard('string', v, known)}len({v}) > {int(schema['maxLength'])}:\n"
            out += self.fail(path, f"longer than {schema['maxLength']} characters", pad)
        if "minimum" in schema:
            out += f"{pad}if {self.guard('number', v, known)}{v} < {schema['minimum']!r}:\n"
            out += self.fail(path, f"below the minimum {schema['minimum']}", pad)
        if "maximum" in schema:
            out += f"{pad}if {self.guard('number', v, known)}{v} > {schema['maximum']!r}:\n"
            out += self.fail(path, f"above the maximum {schema['maximum']}", pad)
        if "minItems" in schema:
            out += f"{pad}if {self.guard('array', v, known)}len({v}) < {int(schema['minItems'])}:\n"
            out += self.fail(path, f"fewer than {schema['minItems']} items", pad)
        if "maxItems" in schema:
            out += f"{pad}if {self.guard('array', v, known)}len({v}) > {int(schema['maxItems'])}:\n"
            out += self.fail(path, f"more than {schema['maxItems']} items", pad)
        if schema.get("uniqueItems"):
            out += f"{pad}if {self.guard('array', v, known)}len({v}) > 1 and not _unique({v}):\n"
            out += self.fail(path, "items are not unique", pad)
        if "items" in schema:
            index, item = self.name("i"), self.name("v")
            inner = pad if known == "array" else pad + "    "
            if known != "array":
                out += f"{pad}if isinstance({v}, list):\n"
            out += f"{inner}for {index}, {item} in enumerate({v}):\n"
            out += self.emit(schema["items"], item, path + [f"str({index})"], inner + "    ", depth + 1)
        if "anyOf" in schema:
            out += self.emit_any_of(schema["anyOf"], v, path, pad, depth)
        if "required" in schema or "properties" in schema:
            out += self.emit_object(schema, v, path, pad, depth, known)
        return out

    def emit_object(self, schema: Mapping[str, Any], v: str, path: list[str], pad: str, depth: int,
                    known: Optional[str]) -> str:
        """required, properties and additionalProperties: false, with set operations on the fast path."""
        inner = pad if known == "object" else pad + "    "
        out = "" if known == "object" else f"{pad}if isinstance({v}, dict):\n"
        required = list(schema.get("required", ()))
        if required:
            needed, name = self.const(frozenset(required)), self.name("n")
            out += f"{inner}if not {needed}.issubset({v}):\n"
            out += f"{inner}    for {name} in {self.const(required)}:\n{inner}        if {name} not in {v}:\n"
            out += f"{inner}            return {self.where(path + [name])} + ': is required'\n"
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            out += f"{inner}if not {self.const(frozenset(props))}.issuperset({v}):\n"
            out += self.fail(path, "unexpected property (additional properties are not allowed)", inner)
        for name, sub in props.items():
            var = self.name("v")
            if name in required:  # present for sure: no membership test
                body = self.emit(sub, var, path + [repr(name)], inner, depth + 1)
                if body:
                    out += f"{inner}{var} = {v}[{name!r}]\n{body}"
            else:
                body = self.emit(sub, var, path + [repr(name)], inner + "    ", depth + 1)
                if body:
                    out += f"{inner}if {name!r} in {v}:\n{inner}    {var} = {v}[{name!r}]\n{body}"
        return out if out.strip() != f"if isinstance({v}, dict):" else ""

    def emit_any_of(self, options: list[Mapping[str, Any]], v: str, path: list[str], pad: str, depth: int) -> str:
        if len(options) == 2 and {"type": "null"} in options:
            other = options[1 - options.index({"type": "null"})]
            return f"{pad}if {v} is not None:\n" + self.emit(other, v, path, pad + "    ", depth + 1)
        names = []
        for option in options:
            fname = self.name("f")
            body = self.emit(option, "v", path, "    ", depth + 1)
            self.functions.append(f"def {fname}(v):\n{body}    return None\n")
            names.append(fname)
        calls = " and ".join(f"{n}({v}) is not None" for n in names)
        return f"{pad}if {calls}:\n{pad}    return {names[0]}({v})\n"

    def build(self) -> Check:
        body = self.emit(self.root, "v", [], "    ")
        source = "".join(self.functions) + f"def check(v):\n{body}    return None\n"
        namespace = dict(self.consts)
        exec(compile(source, "<summary-schema>", "exec"), namespace)  # noqa: S102 - code generated from our own schema
        return namespace["check"]


@functools.lru_cache(maxsize=None)
def compiled_checker(version: int = SCHEMA_VERSION) -> Check:
    """The compiled checker for one schema version."""
    return _Generator(load_schema(version)).build()


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
    return compiled_checker(version)(summary) or impossible_value(summary)


#: Calls before this year cannot be ours (the app did not exist); a start more than this far ahead is a bad clock.
EARLIEST_YEAR = 2000
FUTURE_SLACK = timedelta(days=1)


_MINUTE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}Z")


@functools.lru_cache(maxsize=4096)
def _real_day(day: str) -> bool:
    """True when YYYY-MM-DD (digits in place) is a day the calendar has (calls of a batch share few days)."""
    try:
        date(int(day[0:4]), int(day[5:7]), int(day[8:10]))
    except ValueError:
        return False
    return True


_LATEST: list[Any] = [0.0, ""]  # [second it was worked out, latest start allowed as YYYY-MM-DDTHH:MMZ]


def _latest_start() -> str:
    """now + FUTURE_SLACK, cut to the minute, in started_at's own shape (worked out once a second)."""
    second = int(time.time())
    if _LATEST[0] != second:
        _LATEST[1] = (datetime.fromtimestamp(second, timezone.utc) + FUTURE_SLACK).strftime("%Y-%m-%dT%H:%MZ")
        _LATEST[0] = second
    return str(_LATEST[1])


def impossible_value(summary: Mapping[str, Any]) -> Optional[str]:
    """Schema-valid but impossible values (31 February, year 0, a decision after the call ended), or None."""
    started = summary.get("started_at")
    if isinstance(started, str):
        if _MINUTE_RE.fullmatch(started):
            # the usual shape, read directly (strptime costs ~20 us a call, a datetime ~1 us): a real day, hour and
            # minute; then the year, and the future as a comparison of texts of the same fixed shape (a start on a
            # minute is later than now + slack exactly when it is later than that moment cut to the minute)
            if not (_real_day(started[:10]) and started[11:13] < "24" and started[14:16] < "60"):
                return "/started_at: is not a real date and time"
            if int(started[0:4]) < EARLIEST_YEAR:
                return f"/started_at: is before {EARLIEST_YEAR}"
            if started > _latest_start():
                return "/started_at: is in the future"
        else:
            try:
                moment = datetime.strptime(started, "%Y-%m-%dT%H:%MZ").replace(tzinfo=timezone.utc)
            except ValueError:
                return "/started_at: is not a real date and time"
            if moment.year < EARLIEST_YEAR:
                return f"/started_at: is before {EARLIEST_YEAR}"
            if moment > datetime.now(timezone.utc) + FUTURE_SLACK:
                return "/started_at: is in the future"
    decision, duration = summary.get("time_to_decision_s"), summary.get("duration_s")
    if isinstance(decision, (int, float)) and isinstance(duration, (int, float)) and decision > duration + 1:
        return "/time_to_decision_s: is longer than the call (duration_s)"
    return None


def validate_summary(summary: Any) -> None:
    """Raise SummaryInvalid (a ValueError) naming the field and rule if the summary breaks its schema."""
    problem = summary_problem(summary)
    if problem:
        raise SummaryInvalid(f"call summary: {problem}")
