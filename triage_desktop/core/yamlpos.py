"""YAML with line numbers (PyYAML's safe loader, libyaml's parser where present): every mapping remembers its line
and the line of each key (as the key '__line__') and its duplicate keys ('__dupes__'), for messages naming the line."""
from __future__ import annotations

import functools
from typing import Any

from .problems import Problem

#: The keys the loader adds to every mapping (never part of the data).
META_KEYS = ("__line__", "__dupes__")


class Line(int):
    """The '__line__' of a mapping: its line, plus `keys`, the line of each key (for messages about one text)."""

    keys: dict[Any, int]


def key_line(d: Any, key: Any) -> int:
    """The line of `key` in a mapping the loader read (the mapping's own line when not known)."""
    if not isinstance(d, dict):
        return 0
    line: int = d.get("__line__", 0)
    found: int = getattr(line, "keys", {}).get(key, line)
    return found


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    dupes = {k for k in keys if isinstance(k, str) and keys.count(k) > 1}
    mapping: dict = loader.safe_construct_mapping(node, deep=deep)
    line = Line(node.start_mark.line + 1)
    line.keys = {k: kn.start_mark.line + 1 for k, (kn, _) in zip(keys, node.value) if isinstance(k, (str, bool))}
    mapping["__line__"] = line
    if dupes:
        mapping["__dupes__"] = sorted(dupes)
    return mapping


@functools.lru_cache(maxsize=None)
def _line_loader() -> Any:
    """SafeLoader that remembers the line of every mapping (as the key '__line__'); libyaml's parser where present
    (~10x faster). Made on first use: PyYAML is imported only when YAML is parsed (a start on a flow check recorded
    in core/flowcache.py parses none)."""
    import yaml

    loader: Any = type("_LineLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),),
                          {"safe_construct_mapping": yaml.SafeLoader.construct_mapping})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    return loader


def strip_lines(obj: Any) -> Any:
    """The data without the loader's '__line__' and '__dupes__' keys (plain dicts and lists)."""
    if isinstance(obj, dict):
        return {k: strip_lines(v) for k, v in obj.items() if k not in META_KEYS}
    if isinstance(obj, list):
        return [strip_lines(v) for v in obj]
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
