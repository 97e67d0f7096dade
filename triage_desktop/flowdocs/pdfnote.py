"""A change note (the small Markdown subset `flows diff` writes) as a PDF page set, with fpdf2."""
from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

_FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "→": "->", "…": "...", "–": "-", "—": "-",
                        "⚑": "!", "·": "-", "▸": ">"})


def _font(pdf: FPDF) -> tuple[str, bool]:
    for d in _FONT_DIRS:
        reg, bold = Path(d) / "DejaVuSans.ttf", Path(d) / "DejaVuSans-Bold.ttf"
        if reg.is_file() and bold.is_file():
            pdf.add_font("DejaVu", "", str(reg))
            pdf.add_font("DejaVu", "B", str(bold))
            return "DejaVu", True
    return "Helvetica", False


def markdown_pdf(md: str) -> bytes:
    """Headings (#, ##, ###), **bold** lines, bullets, pipe tables and paragraphs; A4 portrait."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    family, unicode_ok = _font(pdf)

    def t(s: str) -> str:
        return s if unicode_ok else s.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    table: list[list[str]] = []

    def flush_table() -> None:
        if not table:
            return
        head, *rows = table
        # column widths follow how much each column holds (square root: long text wraps, short stays on a line)
        longest = [max(len(r[i]) if i < len(r) else 0 for r in table) for i in range(len(head))]
        widths = [max(8.0, n) ** 0.5 for n in longest]
        widths = [w / sum(widths) * width for w in widths]
        pdf.set_font(family, "B", 8)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.2) as tbl:
            r = tbl.row()
            for c in head:
                r.cell(t(c))
            pdf.set_font(family, "", 8)
            for row in rows:
                r = tbl.row()
                for c in row:
                    r.cell(t(c.replace("**", "")))
        pdf.ln(3)
        table.clear()

    for line in md.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                table.append(cells)
            continue
        flush_table()
        pdf.set_x(pdf.l_margin)
        if line.startswith("### "):
            pdf.ln(2)
            pdf.set_font(family, "B", 12)
            pdf.multi_cell(width, 6, t(line[4:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif line.startswith("## "):
            pdf.ln(3)
            pdf.set_font(family, "B", 14)
            pdf.multi_cell(width, 7, t(line[3:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif line.startswith("# "):
            pdf.set_font(family, "B", 17)
            pdf.multi_cell(width, 8, t(line[2:]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif line.startswith("- "):
            pdf.set_font(family, "", 9.5)
            pdf.multi_cell(width, 4.8, t("• " + line[2:].replace("`", "")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif line.startswith("**") and line.endswith("**"):
            pdf.ln(1)
            pdf.set_font(family, "B", 10)
            pdf.multi_cell(width, 5, t(line.strip("*")), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif line.strip():
            pdf.set_font(family, "", 10)
            pdf.multi_cell(width, 5, t(line.replace("`", "").replace("**", "")), new_x=XPos.LMARGIN,
                           new_y=YPos.NEXT)
        else:
            pdf.ln(2)
    flush_table()
    return bytes(pdf.output())
