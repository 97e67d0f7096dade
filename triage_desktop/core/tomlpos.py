"""Line numbers of the keys in a TOML file (tomllib gives none): table headers, keys, inline-table keys."""
from __future__ import annotations

import re
from typing import Union

KeyPath = tuple[Union[str, int], ...]

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})(?:\s*\.\s*(?:{_BARE}|{_QUOTED}))*"
_HEADER_RE = re.compile(rf"^\s*(\[\[|\[)\s*({_KEY})\s*(\]\]|\])")
_ASSIGN_RE = re.compile(rf"^\s*({_KEY})\s*=")
_INLINE_KEY_RE = re.compile(rf"[{{,]\s*({_KEY})\s*=")


def _split_key(key: str) -> list[str]:
    parts = re.findall(rf"{_BARE}|{_QUOTED}", key)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _strip_strings(line: str, state: dict) -> str:
    """The line with string contents blanked and the comment cut; tracks multi-line strings in `state`."""
    out, i, n = [], 0, len(line)
    while i < n:
        delim = state.get("ml")
        if delim:
            j = line.find(delim, i)
            if j < 0:
                return "".join(out)
            state["ml"] = None
            out.append('""')
            i = j + 3
            continue
        c = line[i]
        if c == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            state["ml"] = line[i:i + 3]
            i += 3
            continue
        if c in "\"'":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if (c == '"' and line[j] == "\\") else 1
            out.append('""')
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def key_lines(text: str) -> dict[KeyPath, int]:
    """Each key's path (array-of-tables entries by index) → its 1-based line."""
    lines: dict[KeyPath, int] = {}
    arrays: dict[KeyPath, int] = {}  # array-of-tables path → last index
    table: KeyPath = ()
    state: dict = {"ml": None}
    depth = 0  # open brackets of a value spanning lines

    def resolve(parts: list[str]) -> KeyPath:
        path: KeyPath = ()
        for p in parts:
            path = path + (p,)
            if path in arrays:
                path = path + (arrays[path],)
        return path

    for no, raw in enumerate(text.splitlines(), 1):
        in_ml = state["ml"] is not None
        line = _strip_strings(raw, state)
        if in_ml:
            continue
        if depth > 0:
            depth += line.count("[") + line.count("{") - line.count("]") - line.count("}")
            continue
        m = _HEADER_RE.match(line)
        if m:
            parts = _split_key(m.group(2))
            if m.group(1) == "[[":
                base = resolve(parts[:-1]) + (parts[-1],)
                arrays[base] = arrays.get(base, -1) + 1
                lines.setdefault(base, no)
                table = base + (arrays[base],)
            else:
                table = resolve(parts)
            lines[table] = no
            continue
        m = _ASSIGN_RE.match(line)
        if m:
            path = table + tuple(_split_key(m.group(1)))
            lines[path] = no
            rest = line[m.end():]
            for im in _INLINE_KEY_RE.finditer(rest):
                lines.setdefault(path + tuple(_split_key(im.group(1))), no)
            depth = rest.count("[") + rest.count("{") - rest.count("]") - rest.count("}")
            depth = max(depth, 0)
    return lines


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int:
    """The line of `path`, else of its nearest parent that has one (0 if none)."""
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return 0


def dotted(path: KeyPath) -> str:
    """('partners', 2, 'phones', 0) → 'partners[2].phones[0]' (0-based like the TOML arrays)."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
