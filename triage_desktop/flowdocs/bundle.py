"""The diagrams shipped inside the app: SVGs rendered at build time (`make diagrams`), found by flow hash.

Reading needs nothing but the files (no Graphviz): the installed app shows these in Help ▸ Flows. Building them
(`build_bundle`) renders with Graphviz.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterable, Optional

from triage_desktop.core.model import Flow

INDEX = "index.json"


def bundle_dir() -> Path:
    """triage_desktop/flowdocs/built (package data; in a frozen app, under sys._MEIPASS)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "triage_desktop" / "flowdocs" / "built"
    return Path(__file__).resolve().parent / "built"


def read_index(folder: Optional[Path] = None) -> dict[str, dict[str, str]]:
    """{file sha256: {flow, version, svg}} from the bundle's index ({} if none was built)."""
    path = (folder or bundle_dir()) / INDEX
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("diagrams", {}) if isinstance(data, dict) else {}


def diagram_for(flow: Flow, folder: Optional[Path] = None) -> Optional[Path]:
    """The pre-rendered SVG of exactly this flow version (by its file hash), or None if none was built."""
    folder = folder or bundle_dir()
    entry = read_index(folder).get(flow.content_hash)
    if not entry:
        return None
    path = folder / entry["svg"]
    return path if path.is_file() else None


def renderer_tag() -> str:
    """A short hash of the drawing code: a changed renderer re-draws every diagram on the next build."""
    import hashlib

    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("render.py", "texts.py"):
        try:
            h.update((here / name).read_bytes())
        except OSError:  # a frozen app has no sources: it only reads the bundle
            pass
    return h.hexdigest()[:8]


def build_bundle(flows: Iterable[Flow], folder: Optional[Path] = None) -> list[Path]:
    """Render every flow to SVG into the bundle folder and write the index (skips SVGs already there)."""
    from .render import render

    folder = folder or bundle_dir()
    folder.mkdir(parents=True, exist_ok=True)
    flows = list(flows)
    titles = {f.id: f.title for f in flows}
    index: dict[str, dict[str, str]] = {}
    written = []
    tag = renderer_tag()
    for f in flows:
        name = f"{f.id}-{f.version}-{f.content_hash[:12]}-r{tag}.svg"
        path = folder / name
        if not path.is_file():
            path.write_bytes(render(f, "svg", titles=titles))
            written.append(path)
        index[f.content_hash] = {"flow": f.id, "version": f.version, "svg": name}
    keep = {e["svg"] for e in index.values()}
    for old in folder.glob("*.svg"):
        if old.name not in keep:
            old.unlink()
    text = json.dumps({"format": 1, "diagrams": index}, indent=1, sort_keys=True) + "\n"
    if not (folder / INDEX).is_file() or (folder / INDEX).read_text(encoding="utf-8") != text:
        (folder / INDEX).write_text(text, encoding="utf-8")
    return written
