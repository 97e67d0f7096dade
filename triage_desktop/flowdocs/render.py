"""Draw a flow as a Graphviz diagram a partner can read on paper (SVG, PDF, PNG), and the PDF flow book."""
from __future__ import annotations

import html
import io
import textwrap
from pathlib import Path
from typing import Iterable, Mapping, Optional

import graphviz

from triage_desktop.core.governance import describe_signoff, lock_hash
from triage_desktop.core.model import Flow, Node, Target
from triage_desktop.core.vocab import OUTCOME_CODES, is_police

from . import texts

FORMATS = ("svg", "pdf", "png")
FONT = "DejaVu Sans"
#: Colours: always paired with a word (POLICE ATTEND / POLICE WILL NOT ATTEND / RISK QUESTION / CHANGED).
POLICE_FILL, POLICE_LINE = "#fde2e1", "#b10e1e"
AGENCY_FILL, AGENCY_LINE = "#e3f2e6", "#1e6b2a"
RISK_LINE = "#b10e1e"
FLAG_TEXT = "#7a4a00"
CHANGED_LINE = "#6a1b9a"
AFTER_FILL = "#fff6dc"
#: Names of the diagram's own nodes (never a flow node id: those are lower_snake_case without '__').
FOOTER, FINISH = "__footer", "__finish"
#: SVG element id of a flow node: NODE_ID_PREFIX + node id.
NODE_ID_PREFIX = "flownode_"
KIND_WORDS = {
    "yesno": "Yes / no question", "choice": "Choose one", "multi": "Tick all that apply", "number": "Number",
    "text": "Free text (never quoted)", "info": "Information to give",
}


class RenderError(Exception):
    """The diagram could not be drawn (Graphviz missing or failed); the message says what to do."""


def _e(s: str) -> str:
    return html.escape(str(s), quote=True)


def _wrap(s: str, width: int = 44, limit: int = 0) -> str:
    lines = textwrap.wrap(" ".join(str(s).split()), width) or [""]
    if limit and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] += " …"
    return '<BR ALIGN="LEFT"/>'.join(_e(x) for x in lines) + '<BR ALIGN="LEFT"/>'


def flow_node_name(t: Target) -> str:
    if getattr(t, "finish", False):
        return "finish"
    return f"flow__{t.flow}" if t.flow else str(t.node)


def _badge(text: str, colour: str) -> str:
    return f'<TD BGCOLOR="{colour}" ALIGN="LEFT"><FONT COLOR="white"><B> {_e(text)} </B></FONT></TD>'


def _question_label(flow: Flow, n: Node, mark: str) -> str:
    say = texts.node_text(flow, n, "say")
    kind = KIND_WORDS.get(n.kind, n.kind) + (f" ({n.unit})" if n.unit else "")
    badges = ""
    if n.risk:
        badges += _badge("RISK QUESTION", RISK_LINE)
    if mark:
        badges += _badge(mark, CHANGED_LINE)
    rows = [f'<TR><TD ALIGN="LEFT" COLSPAN="3"><B>{_e(n.title)}</B></TD></TR>',
            f'<TR><TD ALIGN="LEFT" COLSPAN="3"><FONT POINT-SIZE="9" COLOR="#444444">{_e(kind)} · {_e(n.id)}'
            f'</FONT></TD></TR>']
    if badges:
        rows.insert(0, f"<TR>{badges}<TD></TD></TR>" if badges.count("<TD") < 3 else f"<TR>{badges}</TR>")
    if say:
        first = say.get("default") or next(iter(say.values()))
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="3"><I>Say:</I> {_wrap("“" + first + "”")}</TD></TR>')
        others = [k for k in say if k != "default"]
        if others:
            rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="3"><FONT POINT-SIZE="9">+ words for: {_e(", ".join(others))}'
                        "</FONT></TD></TR>")
    if n.kind == "multi":
        opts = "; ".join(texts.option_label(o) + (f" [flags: {', '.join(o.flags)}]" if o.flags else "")
                         for o in n.options)
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="3"><FONT POINT-SIZE="9">Options: {_wrap(opts, 60)}</FONT>'
                    "</TD></TR>")
    extras = texts.raw_node(flow, n.id)
    if extras.get("records"):
        what = {"caller_type": "who is calling", "caller_with_person": "whether the caller is with the person"}
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="3"><FONT POINT-SIZE="9">Records '
                    f'{_e(what.get(str(extras["records"]), str(extras["records"])))}</FONT></TD></TR>')
    if extras.get("skip_if_caller_with_person"):
        rows.append('<TR><TD ALIGN="LEFT" COLSPAN="3"><FONT POINT-SIZE="9">Skipped when the caller is with the '
                    "person</FONT></TD></TR>")
    if extras.get("add_partners"):
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="3"><FONT POINT-SIZE="9">Adds partners: '
                    f'{_e(", ".join(map(str, extras["add_partners"])))}</FONT></TD></TR>')
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def _outcome_label(flow: Flow, n: Node, mark: str) -> str:
    police = is_police(n.code)
    voc = OUTCOME_CODES.get(n.code)
    word = "POLICE ATTEND" if police else "POLICE WILL NOT ATTEND"
    head = texts.node_text(flow, n, "headline")
    rows = [f"<TR>{_badge(word, POLICE_LINE if police else AGENCY_LINE)}"
            + (_badge(mark, CHANGED_LINE) if mark else "<TD></TD>") + "</TR>",
            f'<TR><TD ALIGN="LEFT" COLSPAN="2"><B>{_e(n.code)}</B>: {_e(voc.response if voc else "")}</TD></TR>',
            f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9" COLOR="#444444">Outcome · {_e(n.id)}</FONT>'
            "</TD></TR>"]
    if head:
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2">{_wrap("“" + (head.get("default") or next(iter(head.values()))) + "”", 44, 4)}'
                    "</TD></TR>")
    ps = texts.partners(flow, n)
    if ps:
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9">Partners: {_wrap("; ".join(ps), 56, 3)}'
                    "</FONT></TD></TR>")
    if texts.continue_of(flow, n):
        rows.append('<TR><TD ALIGN="LEFT" COLSPAN="2"><FONT POINT-SIZE="9"><B>Decision made here</B>; then the '
                    "steps while help is on the way</FONT></TD></TR>")
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def _route_label(n: Node, mark: str) -> str:
    rows = [f'<TR><TD ALIGN="LEFT"><B>{_e(n.title)}</B></TD></TR>',
            '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#444444">Route: no question, decided by the flags '
            f"raised · {_e(n.id)}</FONT></TD></TR>"]
    if mark:
        rows.insert(0, f"<TR>{_badge(mark, CHANGED_LINE)}</TR>")
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">' + "".join(rows) + "</TABLE>>"


def _edge_label(text: str, flags: Iterable[str] = (), extra: Mapping[str, object] = {}) -> str:
    parts = [_wrap(text, 28)] if text else []
    flags = list(flags)
    if flags:
        parts.append(f'<FONT COLOR="{FLAG_TEXT}" POINT-SIZE="9"><B>⚑ flags: {_e(", ".join(flags))}</B></FONT>'
                     '<BR ALIGN="LEFT"/>')
    if extra.get("raise"):
        parts.append(f'<FONT COLOR="{POLICE_LINE}" POINT-SIZE="9"><B>raises decision to {_e(extra["raise"])}</B>'
                     '</FONT><BR ALIGN="LEFT"/>')
    if extra.get("add_partners"):
        parts.append(f'<FONT POINT-SIZE="9">adds partners: {_e(", ".join(map(str, extra["add_partners"])))}</FONT>'
                     '<BR ALIGN="LEFT"/>')
    return "<" + "".join(parts) + ">" if parts else ""


def edges(flow: Flow, n: Node) -> list[tuple[str, str, str]]:
    """(from, to, HTML label) for every way on from a node (answers, routes, the single way on, `continue`)."""
    out: list[tuple[str, str, str]] = []
    if n.kind in ("yesno", "choice", "number"):
        for o in texts.answers(n):
            if o.target is not None:
                out.append((n.id, flow_node_name(o.target),
                            _edge_label(texts.option_label(o), o.flags, texts.option_extra(flow, n, o))))
    elif n.kind == "route":
        for r in n.routes:
            cond = (("if any of: " + ", ".join(r.when_any)) if r.when_any else "") + (
                ("if all of: " + ", ".join(r.when_all)) if r.when_all else "")
            out.append((n.id, flow_node_name(r.target), _edge_label(cond or "otherwise")))
    elif n.target is not None:
        label = "after the answer" if n.kind in ("multi", "text") else ""
        out.append((n.id, flow_node_name(n.target), _edge_label(label)))
    cont = texts.continue_of(flow, n)
    if n.kind == "outcome" and cont:
        out.append((n.id, cont, _edge_label("then keep asking (decision already made)")))
    return out


def _footer(flow: Flow, book_page: str = "") -> str:
    text = (f"{flow.id} · version {flow.version} · content sha256 {lock_hash(flow)[:16]} · "
            f"file sha256 {flow.content_hash[:12]}")
    so = describe_signoff(flow)
    return ('<<TABLE BORDER="0" CELLBORDER="0"><TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">'
            f"{_e(text)}{(' · ' + _e(book_page)) if book_page else ''}</FONT></TD></TR>"
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{_wrap(so[:1].upper() + so[1:], 120)}</FONT></TD></TR></TABLE>>')


def _legend(flow: Flow) -> str:
    def swatch(fill: str, line: str, text: str, dashed: bool = False) -> str:
        style = ' STYLE="dashed"' if dashed else ""
        return (f'<TD BGCOLOR="{fill}" BORDER="2" COLOR="{line}"{style}>'
                f'<FONT POINT-SIZE="10">{_e(text)}</FONT></TD>')

    cells = [swatch("white", "#444444", "Question: title and the words to say"),
             swatch("white", RISK_LINE, "RISK QUESTION: 'don't know' goes the safer way"),
             swatch("#f3f3f3", "#777777", "Route: decided by flags", True),
             swatch(POLICE_FILL, POLICE_LINE, "Outcome: POLICE ATTEND"),
             swatch(AGENCY_FILL, AGENCY_LINE, "Outcome: POLICE WILL NOT ATTEND"),
             f'<TD BORDER="0"><FONT POINT-SIZE="10" COLOR="{FLAG_TEXT}"><B>⚑ flags</B> raised by an answer'
             "</FONT></TD>",
             swatch(AFTER_FILL, "#b08900", "After the decision (grouped)"),
             swatch("white", CHANGED_LINE, "CHANGED / NEW (in a diff)")]
    title = f"{flow.title} ({flow.id}) · version {flow.version}"
    draft = ' <FONT COLOR="#b10e1e"><B>DRAFT: training only</B></FONT>' if describe_signoff(flow).startswith(
        "DRAFT") else ""
    return ('<<TABLE BORDER="0" CELLSPACING="4"><TR><TD COLSPAN="8" ALIGN="LEFT"><FONT POINT-SIZE="18"><B>'
            f"{_e(title)}</B></FONT>{draft}</TD></TR>"
            f'<TR><TD COLSPAN="8" ALIGN="LEFT"><FONT POINT-SIZE="10">{_wrap(flow.description, 160, 2)}</FONT></TD>'
            f"</TR><TR>{''.join(cells)}</TR></TABLE>>")


def flow_graph(flow: Flow, *, highlight: Optional[Mapping[str, str]] = None, titles: Mapping[str, str] = {},
               book_page: str = "") -> graphviz.Digraph:
    """The diagram of one flow. `highlight` maps node id -> 'CHANGED' / 'NEW' (diff); `titles` maps other flows'
    ids to their titles for the `next_flow` boxes."""
    hl = dict(highlight or {})
    g = graphviz.Digraph(flow.id, engine="dot")
    g.attr(rankdir="TB", fontname=FONT, labelloc="t", labeljust="l", label=_legend(flow), nodesep="0.35",
           ranksep="0.45", pad="0.3")
    g.attr("node", fontname=FONT, fontsize="11", shape="box", style="rounded,filled", fillcolor="white",
           color="#444444", margin="0.08,0.05")
    g.attr("edge", fontname=FONT, fontsize="10", color="#555555", arrowsize="0.7")
    after = {nid for nid, n in flow.nodes.items() if texts.after_decision(flow, n)}

    def add(container: graphviz.Digraph, n: Node) -> None:
        mark = hl.get(n.id, "")
        extra = {"penwidth": "5", "color": CHANGED_LINE} if mark else {}
        extra["id"] = f"{NODE_ID_PREFIX}{n.id}"  # the SVG element's id: a viewer can find the node (e.g. the start)
        if n.kind == "outcome":
            police = is_police(n.code)
            attrs = {"fillcolor": POLICE_FILL if police else AGENCY_FILL,
                     "color": POLICE_LINE if police else AGENCY_LINE, "penwidth": "2", **extra}
            container.node(n.id, _outcome_label(flow, n, mark), **attrs)
        elif n.kind == "route":
            attrs = {"style": "rounded,dashed,filled", "fillcolor": "#f3f3f3", "color": "#777777", **extra}
            container.node(n.id, _route_label(n, mark), **attrs)
        else:
            risk = {"color": RISK_LINE, "penwidth": "3"} if n.risk else {}
            fill = {"fillcolor": "#fafafa"} if n.kind == "info" else {}
            container.node(n.id, _question_label(flow, n, mark), **{**risk, **fill, **extra})

    for nid, n in flow.nodes.items():
        if nid not in after:
            add(g, n)
    if after:
        with g.subgraph(name="cluster_after_decision") as c:
            c.attr(label="<<B>After the decision: while help is on the way</B><BR/><FONT POINT-SIZE=\"10\">"
                         "answers add information and partners; they can raise the decision, never lower it</FONT>>",
                   style="rounded,filled", fillcolor=AFTER_FILL, color="#b08900", fontname=FONT, labeljust="l")
            for nid in after:
                add(c, flow.nodes[nid])
    seen_flows: set[str] = set()
    finish = False
    # a question handing over to several flows (entry triage's call type): one box listing them, an arrow to each
    # row, so the page stays narrow enough to print
    grouped: dict[str, str] = {}
    for n in flow.nodes.values():
        outs = [b for _, b, _ in edges(flow, n) if b.startswith("flow__")]
        if len(set(outs)) >= 3:
            box = f"flow__from__{n.id}"
            targets = list(dict.fromkeys(b[len("flow__"):] for b in outs))
            cells = "".join(f'<TD PORT="{_e(fid)}" BGCOLOR="#eeeeee">{_wrap(titles.get(fid, fid), 18)}'
                            f'<FONT POINT-SIZE="9">({_e(fid)})</FONT></TD>' for fid in targets)
            g.node(box, '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="4" CELLPADDING="4">'
                        f'<TR><TD BORDER="0" COLSPAN="{len(targets)}" ALIGN="LEFT"><B>Continues in another flow'
                        '</B> <FONT POINT-SIZE="9">(each on its own page)</FONT></TD></TR>'
                        f"<TR>{cells}</TR></TABLE>>", shape="plaintext")
            for b in outs:
                grouped[f"{n.id}>{b}"] = f"{box}:{b[len('flow__'):]}:n"
    for n in flow.nodes.values():
        for a, b, label in edges(flow, n):
            if f"{a}>{b}" in grouped:
                g.edge(a, grouped[f"{a}>{b}"], label=label or None)
                continue
            if b.startswith("flow__") and b not in seen_flows:
                seen_flows.add(b)
                fid = b[len("flow__"):]
                g.node(b, f"<<B>Continues in another flow</B><BR/>{_e(titles.get(fid, fid))}<BR/>"
                          f'<FONT POINT-SIZE="9">({_e(fid)}: see its own page)</FONT>>',
                       shape="cds", style="filled", fillcolor="#eeeeee", color="#777777")
            if b == "finish":
                b, finish = FINISH, True
            style = {"style": "dashed"} if n.kind == "outcome" else {}
            g.edge(a, b, label=label or None, **style)
    if finish:
        g.node(FINISH, "<<B>Finish</B><BR/>outcome shown again, with what was added>", shape="box",
               style="rounded,filled", fillcolor=AFTER_FILL, color="#b08900")
    with g.subgraph(name="footer_rank") as s:
        s.attr(rank="sink")
        s.node(FOOTER, _footer(flow, book_page), shape="plaintext")
    return g


def render(flow: Flow, fmt: str, **kw) -> bytes:
    """The diagram in svg, pdf or png (raises RenderError with what to do if Graphviz is missing)."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    g = flow_graph(flow, **kw)
    if fmt == "png":
        g.attr(dpi="110")
    try:
        return g.pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise RenderError("Graphviz 'dot' is not installed: run 'bash .ci/graphviz.sh' (or apt-get install "
                          "graphviz)") from None
    except graphviz.CalledProcessError as exc:
        raise RenderError(f"Graphviz failed on {flow.id}: {(exc.stderr or b'').decode(errors='replace')[:300]}") \
            from None


def render_book(flows: list[Flow], *, highlight: Optional[Mapping[str, Mapping[str, str]]] = None,
                front: Optional[bytes] = None, titles: Optional[Mapping[str, str]] = None) -> bytes:
    """One PDF: (optional front pages, e.g. a change note), then one flow per page with a bookmark each."""
    from pypdf import PdfReader, PdfWriter

    titles = {**{f.id: f.title for f in flows}, **(titles or {})}
    writer = PdfWriter()
    if front:
        for page in PdfReader(io.BytesIO(front)).pages:
            writer.add_page(page)
    for i, f in enumerate(flows, 1):
        pdf = render(f, "pdf", titles=titles, highlight=(highlight or {}).get(f.id), book_page=f"flow {i} of {len(flows)}")
        reader = PdfReader(io.BytesIO(pdf))
        start = len(writer.pages)
        for page in reader.pages:
            writer.add_page(page)
        writer.add_outline_item(f"{f.title} ({f.id} v{f.version})", start)
    writer.add_metadata({"/Title": "RCRP flow book", "/Producer": "triage-desktop flows render --all"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def book_front(flows: list[Flow]) -> str:
    """The flow book's first page (Markdown): the flows, their versions, hashes and sign-off, and release notes."""
    import datetime as _dt

    from triage_desktop.core.governance import governance_of

    lines = ["# RCRP flow book", "",
             f"Made {_dt.date.today().isoformat()} by `triage-desktop flows render --all`. One flow per page after "
             "this one, each with a legend and a footer giving the flow's id, version and content hash (as in "
             "flows.lock).", "", "## Flows", "",
             "| Flow | Version | Content sha256 | Sign-off |", "|---|---|---|---|"]
    for f in flows:
        lines.append(f"| {f.title} ({f.id}) | {f.version} | {lock_hash(f)[:16]} | {describe_signoff(f)} |")
    lines += ["", "## Release notes", ""]
    for f in flows:
        so = governance_of(f).signoff
        lines += [f"### {f.title} v{f.version}", "", (so.release_notes if so and so.release_notes else
                                                        "No release notes (no sign-off record)."), ""]
        if so:
            lines += [f"- {s.name}, {s.role}, {s.organisation} ({s.sector})" for s in so.signatories] + [""]
    return "\n".join(lines)


def write(flow: Flow, fmt: str, out: Path, **kw) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(render(flow, fmt, **kw))
    return out
