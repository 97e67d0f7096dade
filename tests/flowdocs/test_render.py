"""Diagrams: SVG and PDF for every bundled flow, with structural checks on the output; the flow book."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from triage_desktop.core.checker import check_paths
from triage_desktop.core.governance import lock_hash
from triage_desktop.core.loader import bundled_flows_dir, load_flow
from triage_desktop.core.vocab import is_police
from triage_desktop.flowdocs import render

FLOWS = bundled_flows_dir()
LIB = check_paths([FLOWS]).library()
BUNDLED = sorted(f.id for f in LIB)
SVG = "{http://www.w3.org/2000/svg}"
HERE = Path(__file__).parent



def svg_nodes(svg: bytes) -> dict[str, str]:
    """{node name: all its text} for every Graphviz node in an SVG."""
    root = ET.fromstring(svg)
    out: dict[str, str] = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "node":
            name = g.find(f"{SVG}title").text or ""
            assert name not in out, f"node {name} drawn twice"
            out[name] = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
    return out


def test_graphviz_is_installed_by_the_project():
    assert shutil.which("dot"), "dot missing: `make graphviz` (bash .ci/graphviz.sh) installs it"


@pytest.mark.parametrize("flow_id", BUNDLED)
def test_svg_has_one_node_per_flow_node_with_outcome_and_risk_labels(flow_id: str):
    flow = LIB[flow_id]
    nodes = svg_nodes(render.render(flow, "svg", titles={f.id: f.title for f in LIB}))
    drawn = {k for k in nodes if not k.startswith(("flow__", "__"))}
    assert drawn == set(flow.nodes)  # exactly one drawn node per flow node
    for nid, n in flow.nodes.items():
        text = nodes[nid]
        if n.kind == "outcome":
            word = "POLICE ATTEND" if is_police(n.code) else "POLICE WILL NOT ATTEND"
            assert word in text and n.code in text, (nid, text)
            assert ("POLICE WILL NOT ATTEND" in text) != is_police(n.code)
        else:
            assert n.title in text, (nid, text)
        assert ("RISK QUESTION" in text) == n.risk, nid
    handovers = " ".join(v for k, v in nodes.items() if k.startswith("flow__"))
    for t in {t.flow for n in flow.nodes.values() for t in n.targets() if t.flow}:
        assert f"({t})" in handovers or f"({t}:" in handovers  # hand-overs to other flows are drawn (several from one question: one box)
    footer = nodes["__footer"]
    assert flow.id in footer and f"version {flow.version}" in footer
    assert lock_hash(flow)[:16] in footer and "FICTIONAL EXAMPLE" in footer
    svg = render.render(flow, "svg").decode()
    assert "POLICE ATTEND" in svg and "RISK QUESTION" in svg  # legend, on every diagram
    flagged = [o for n in flow.nodes.values() for o in list(n.options) + [n.unknown]
               if o is not None and o.flags and o.target is not None]  # answers on arrows (multi: in the box)
    if flagged:
        assert "⚑ flags: " + ", ".join(flagged[0].flags) in svg


@pytest.mark.parametrize("flow_id", BUNDLED)
def test_pdf_is_one_page_with_the_footer(flow_id: str):
    flow = LIB[flow_id]
    reader = PdfReader(io.BytesIO(render.render(flow, "pdf")))
    assert len(reader.pages) == 1
    # NFKC: the PDF sets "ff"/"fi" as ligatures (a hash such as f52db3d757ff3656 reads back as "...757ﬀ3656")
    text = unicodedata.normalize("NFKC", " ".join(reader.pages[0].extract_text().split()))
    assert f"{flow.id} · version {flow.version}" in text
    assert lock_hash(flow)[:16] in text


def test_flow_book_has_one_page_per_flow_and_pdfinfo_agrees(tmp_path: Path):
    out = tmp_path / "book.pdf"
    r = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "flows", "render", "--all", "--out", str(out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    reader = PdfReader(str(out))
    front = len(reader.pages) - len(BUNDLED)
    assert front >= 1 and re.search(rf"^Pages:\s+{len(reader.pages)}$", info, re.M), info
    first = " ".join(reader.pages[0].extract_text().split())
    assert "RCRP flow book" in first and "Release notes" in " ".join(
        " ".join(p.extract_text().split()) for p in reader.pages[:front])
    assert [o.title for o in reader.outline] == [f"{LIB[i].title} ({i} v{LIB[i].version})" for i in BUNDLED]
    for page, fid in zip(reader.pages[front:], BUNDLED):  # then exactly one page per flow, in order
        text = unicodedata.normalize("NFKC", " ".join(page.extract_text().split()))  # ligatures, as above
        assert f"{fid} · version {LIB[fid].version}" in text and lock_hash(LIB[fid])[:16] in text


def test_png_renders(tmp_path: Path):
    out = tmp_path / "entry.png"
    r = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "flows", "render", "entry_triage", "--format",
                        "png", "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 1500 and height > 1000  # readable at print size (looked at: make docs writes build/docs/entry_triage.png)


def test_post_decision_steps_are_grouped_and_raises_shown():
    flow = load_flow(HERE / "flows_v2" / "decide_then_ask.yaml")
    g = render.flow_graph(flow)
    src = g.source
    assert "subgraph cluster_after_decision" in src
    cluster = src.split("subgraph cluster_after_decision")[1].split("}")[0]
    assert "otw_where_now" in cluster and "otw_last" in cluster and "risk_now [" not in cluster
    nodes = svg_nodes(render.render(flow, "svg"))
    assert "Decision made here" in nodes["out_emergency"]
    svg = render.render(flow, "svg").decode()
    assert "raises decision to POLICE_EMERGENCY" in svg
    assert "After the decision: while help is on the way" in svg
    assert "__finish" in nodes


def test_render_errors_are_one_line(tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "flows", "render", "no_such_flow"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("unknown flow 'no_such_flow'")
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("flow_id", BUNDLED)
def test_every_node_kind_can_be_highlighted(flow_id: str):
    flow = LIB[flow_id]
    marks = {nid: ("NEW" if i % 2 else "CHANGED") for i, nid in enumerate(flow.nodes)}
    nodes = svg_nodes(render.render(flow, "svg", highlight=marks))
    for nid, mark in marks.items():
        assert mark in nodes[nid], nid


@pytest.mark.parametrize("flow_id", BUNDLED)
def test_text_outline_names_every_step_and_every_outcome_decision(flow_id: str):
    from triage_desktop.flowdocs.outline import outline

    flow = LIB[flow_id]
    text = outline(flow)
    for n in flow.nodes.values():
        if n.kind == "outcome":
            word = "POLICE ATTEND" if is_police(n.code) else "POLICE WILL NOT ATTEND"
            assert f"Outcome {n.code}: {word}" in text
        else:
            assert f"“{n.title}”" in text


def test_render_a_changed_file_before_it_is_locked(tmp_path: Path):
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS, folder)
    p = folder / "s136_handover.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("\ntitle: { en: \"", "\ntitle: { en: \"(draft) ", 1), encoding="utf-8")
    out = tmp_path / "s136.svg"
    r = subprocess.run([sys.executable, "-m", "triage_desktop.cli", "flows", "render", str(p), "--format", "svg",
                        "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "note: 1 problem(s) from 'flows check" in r.stderr  # the lock asks for a bump; drawn all the same
    assert f"(draft) {LIB['s136_handover'].title} (s136_handover)" in out.read_text(encoding="utf-8")


def test_the_readme_diagram_is_the_bundled_entry_flow_as_it_is_now() -> None:
    """docs/flows/entry_triage.svg (linked from the README) shows the current entry_triage: its version and content
    hash in the footer (`make docs` writes it again after a flow changes)."""
    flow = next(f for f in LIB if f.id == "entry_triage")
    shown = (HERE.parents[1] / "docs" / "flows" / "entry_triage.svg").read_text(encoding="utf-8")
    assert f"entry_triage · version {flow.version} · content sha256 {lock_hash(flow)[:16]}" in shown, \
        "docs/flows/entry_triage.svg is out of date: run `make docs`"
