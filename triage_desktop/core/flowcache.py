"""A record of flow folders that passed the checker, keyed by the hashes of every byte the check depends on.

The full check (`checker.check_paths`) takes about a second; the app runs it at every start. This module lets the
start skip it when nothing it depends on has changed since a check that passed:

- the key is a SHA-256 over the bytes of every flow file, the phrase lint and the flows.lock the check reads, and
  the code's identity (`code_identity`): the source of every module in `triage_desktop.core` (the checker's
  rules), PyYAML's version (read from its source, so a hit imports no YAML parser), the app's version and, in a
  frozen bundle (which ships no core sources to hash), the executable's size and time;
- the record holds the key and the flows built from those very bytes by the same `build_flow` the check used (the
  model's dataclasses holding plain dicts, lists, strings, numbers and dates; read back with an unpickler that
  refuses every other type and calls no constructor, so a record cannot run code); building them again at every
  start cost ~20 ms; a changed byte anywhere, or any change to the core modules that build them, gives a new key
  and a full check;
- the record is as trusted as the flows folder it describes: it sits in the user's own cache dir (files 0600);
- the files are read once: the same bytes are hashed and parsed (no window between checking and loading);
- a record is written only after a check that found no errors and only if the files still hash to the same key;
  anything odd about the record (missing, unreadable, other content) means a full check, never a failure.
"""
from __future__ import annotations

import datetime
import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from . import model, records
from .flowbuild import build_flow
from .loader import flow_files
from .runstate import FlowLibrary
from .yamlpos import Line, parse_yaml

if TYPE_CHECKING:
    from .checker import CheckResult

#: The record's format (bumped if the key's recipe or the record's content changes). 2: built flows, not YAML data.
#: 3: the key also holds the app's version and, in a frozen bundle, the executable's size and time.
FORMAT = 3
_CORE_DIR = Path(__file__).resolve().parent
_code_digest: Optional[str] = None


def _code_hash() -> str:
    """SHA-256 over the source of every core module (the checker's rules live there) and PyYAML's version."""
    global _code_digest
    if _code_digest is None:
        h = hashlib.sha256(f"flowcache {FORMAT} yaml {_yaml_version()}\n".encode())
        for p in sorted(_CORE_DIR.glob("*.py")):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
        _code_digest = h.hexdigest()
    return _code_digest


def _app_build() -> str:
    """The app's version, and in a frozen bundle (whose core modules are compiled into its archive, so that
    _code_hash has no source to read) the executable's size and time: a new build or install is a new key.
    Read at every call (one stat), not remembered: the key follows the executable actually running."""
    from .. import __version__

    out = f"triage-desktop {__version__}"
    if getattr(sys, "frozen", False):
        try:
            st = os.stat(sys.executable)
            out += f" frozen {sys.executable} {st.st_size} {st.st_mtime_ns}"
        except OSError:
            out += " frozen"
    return out


def code_identity() -> str:
    """The identity of the code that checks: core's sources and PyYAML's version (_code_hash), the app's version
    and, in a frozen bundle, its executable (_app_build). Every record of a check made by core's code is keyed on it:
    the flows here, the force pack in packcache.py."""
    return hashlib.sha256(f"{_code_hash()}\0{_app_build()}".encode()).hexdigest()


def _yaml_version() -> str:
    """PyYAML's version without importing it (a start on a recorded check parses no YAML): the source of its
    package's __init__, where the version is written; the imported module's __version__ when that is not a file."""
    import importlib.util

    spec = importlib.util.find_spec("yaml")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is not None and origin.is_file():
        return "source " + hashlib.sha256(origin.read_bytes()).hexdigest()
    import yaml

    return str(yaml.__version__)


def _inputs(folder: Path) -> tuple[list[tuple[Path, bytes]], list[tuple[str, bytes]]]:
    """(flow files with their bytes, the other inputs of the check with theirs), each read once."""
    from .governance import LOCK_NAME
    from .loader import PHRASE_LINT_FILE, bundled_flows_dir  # (not from callers.py: the caller-fit rules, ~1 ms)

    flows = [(f, f.read_bytes()) for f in flow_files([folder])]
    others: list[tuple[str, bytes]] = []
    lint = folder / PHRASE_LINT_FILE
    if not lint.is_file():
        lint = bundled_flows_dir() / PHRASE_LINT_FILE
    others.append((f"lint:{lint}", lint.read_bytes() if lint.is_file() else b""))
    lock = folder / LOCK_NAME
    others.append((f"lock:{lock}", lock.read_bytes() if lock.is_file() else b"\0missing"))
    return flows, others


def _key(flows: list[tuple[Path, bytes]], others: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256(code_identity().encode())
    for name, data in [(f"flow:{p}", b) for p, b in flows] + others:
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def check_paths(paths: list[Path]) -> CheckResult:
    """The full check (checker.check_paths), its module imported only when a check runs: a start on a recorded
    check never needs it (~1 ms)."""
    from .checker import check_paths as full_check

    return full_check(paths)


def _record(cache_dir: Path, key: str) -> Path:
    return cache_dir / "flow-checks" / f"{key}.pickle"


def _model_classes() -> dict[tuple[str, str], object]:
    """The dataclasses of core/model.py (what a built flow is made of), those that run no code of their own when
    pickle makes them."""
    import dataclasses

    return records.plain_classes(obj for obj in vars(model).values()
                                 if isinstance(obj, type) and dataclasses.is_dataclass(obj)
                                 and obj.__module__ == model.__name__)


class _DataOnly(records.Restricted):
    """The only classes a record may hold are the model's dataclasses, the dates the flow loader's safe YAML loader
    makes, and its line number (an int that also knows each key's line)."""

    ALLOWED: dict[tuple[str, str], object] = {
        ("datetime", "date"): datetime.date, ("datetime", "datetime"): datetime.datetime,
        ("datetime", "timedelta"): datetime.timedelta, ("datetime", "timezone"): datetime.timezone,
        (Line.__module__, Line.__qualname__): Line,
        **_model_classes(),
    }
    WHAT = "flow data"


def _passed(cache_dir: Path, key: str, n: int) -> Optional[list[model.Flow]]:
    """The n flows built from the files, if a check of this key passed."""
    got = records.read(_record(cache_dir, key), _DataOnly)
    if not (isinstance(got, dict) and got.get("format") == FORMAT and got.get("key") == key and got.get("ok") is True):
        return None
    flows = got.get("flows")
    if not (isinstance(flows, list) and len(flows) == n and all(type(f) is model.Flow for f in flows)):
        return None
    return flows


def _write(cache_dir: Path, key: str, flows: list[model.Flow]) -> None:
    # the last few kept: switching between two flow folders stays fast
    records.write(_record(cache_dir, key), {"format": FORMAT, "key": key, "ok": True, "flows": flows}, keep=8,
                  what="flow check")


def _build(flows: list[tuple[Path, bytes]]) -> list[model.Flow]:
    """The flows built from these bytes (parsed and built as the loader does), or [] if any does not build cleanly."""
    built: list[model.Flow] = []
    for path, raw in flows:
        text = raw.decode("utf-8")
        try:
            flow, problems = build_flow(parse_yaml(text, file=str(path))[0], file=str(path), text=text)
        except Exception:  # noqa: BLE001 - not recorded; the next start checks again
            return []
        if flow is None or any(p.is_error for p in problems):
            return []
        built.append(flow)
    return built


def checked_library(folder: str | os.PathLike[str],
                    cache_dir: Optional[str | os.PathLike[str]]) -> tuple[Optional[FlowLibrary], Optional[CheckResult]]:
    """(FlowLibrary, None) from the files when a check with the same key passed before; else (None, CheckResult)
    of a full check (recorded in cache_dir when it passed). cache_dir None: always the full check."""
    folder = Path(folder)
    if cache_dir is None:
        return None, check_paths([folder])
    cache = Path(cache_dir)
    try:
        flows, others = _inputs(folder)
        key = _key(flows, others)
    except OSError:
        return None, check_paths([folder])
    recorded = _passed(cache, key, len(flows)) if flows else None
    if recorded is not None:
        return FlowLibrary(recorded), None
    result = check_paths([folder])
    if result.ok:
        built: list[model.Flow] = []
        try:
            now_flows, now_others = _inputs(folder)
            again = _key(now_flows, now_others)
            built = _build(now_flows)
        except (OSError, UnicodeDecodeError):
            again = ""
        if again == key and len(built) == len(flows):  # nothing changed while checking: these bytes passed
            _write(cache, key, built)
    return None, result
