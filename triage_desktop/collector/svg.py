"""Charts drawn as SVG on the server (no script, no request leaving the collector): stacked bars, lines, bars."""
from __future__ import annotations

from html import escape
from typing import Optional, Sequence

#: Colour-blind-safe palette (Okabe-Ito); every series is also named in the legend and the table beside the chart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
FONT = "font-family='DejaVu Sans, Arial, sans-serif' font-size='12'"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000,
                 200000, 500000, 1000000):
        if value <= step * 5:
            return float(step * 5)
    return float(value)


def _frame(width: int, height: int, title: str, body: str) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 {width} {height}' width='{width}' "
            f"height='{height}' aria-label='{escape(title, quote=True)}'><title>{escape(title)}</title>{body}</svg>")


def _axis(left: int, top: int, plot_w: int, plot_h: int, top_value: float, fmt: str = "{:g}") -> str:
    out = []
    for i in range(6):
        y = top + plot_h - plot_h * i / 5
        out.append(f"<line x1='{left}' x2='{left + plot_w}' y1='{y:.1f}' y2='{y:.1f}' stroke='#ddd'/>")
        out.append(f"<text x='{left - 6}' y='{y + 4:.1f}' text-anchor='end' {FONT} fill='#333'>"
                   f"{escape(fmt.format(top_value * i / 5))}</text>")
    return "".join(out)


def _x_labels(labels: Sequence[str], left: int, step: float, y: float) -> str:
    every = max(1, len(labels) // 12)
    return "".join(f"<text x='{left + step * i + step / 2:.1f}' y='{y:.1f}' text-anchor='middle' {FONT} "
                   f"fill='#333'>{escape(label[-3:] if len(labels) > 8 else label)}</text>"
                   for i, label in enumerate(labels) if i % every == 0)


def _legend(names: Sequence[str], x: int, y: int) -> str:
    out = []
    for i, name in enumerate(names):
        yy = y + i * 18
        out.append(f"<rect x='{x}' y='{yy}' width='12' height='12' fill='{PALETTE[i % len(PALETTE)]}'/>"
                   f"<text x='{x + 18}' y='{yy + 11}' {FONT} fill='#222'>{escape(name)}</text>")
    return "".join(out)


def stacked_bars(title: str, labels: Sequence[str], series: dict[str, Sequence[float]], *, width: int = 820,
                 height: int = 300) -> str:
    """Stacked bars, one per label (e.g. ISO week), one colour per series (e.g. pathway)."""
    left, top, legend_w = 56, 16, 280
    plot_w, plot_h = width - left - legend_w - 10, height - top - 40
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top_value = _nice_max(max(totals, default=0))
    step = plot_w / max(len(labels), 1)
    body = [_axis(left, top, plot_w, plot_h, top_value)]
    for i in range(len(labels)):
        base = 0.0
        for k, values in enumerate(series.values()):
            v = values[i]
            if v <= 0:
                continue
            h = plot_h * v / top_value
            y = top + plot_h - plot_h * (base + v) / top_value
            body.append(f"<rect x='{left + step * i + step * 0.15:.1f}' y='{y:.1f}' width='{step * 0.7:.1f}' "
                        f"height='{h:.1f}' fill='{PALETTE[k % len(PALETTE)]}'/>")
            base += v
    body.append(_x_labels(labels, left, step, top + plot_h + 16))
    body.append(_legend(list(series), left + plot_w + 16, top))
    return _frame(width, height, title, "".join(body))


def lines(title: str, labels: Sequence[str], series: dict[str, Sequence[Optional[float]]], *, percent: bool = False,
          reference: Optional[tuple[str, float]] = None, width: int = 820, height: int = 280) -> str:
    """Lines over labels; an optional dashed reference line (e.g. the pre-RCRP baseline)."""
    left, top, legend_w = 56, 16, 280
    plot_w, plot_h = width - left - legend_w - 10, height - top - 40
    values = [v for s in series.values() for v in s if v is not None]
    if reference:
        values.append(reference[1])
    top_value = 1.0 if percent else _nice_max(max(values, default=0))
    step = plot_w / max(len(labels), 1)
    body = [_axis(left, top, plot_w, plot_h, top_value * (100 if percent else 1), "{:.0f}%" if percent else "{:g}")]
    for k, (name, points) in enumerate(series.items()):
        coords = [(left + step * i + step / 2, top + plot_h - plot_h * v / top_value)
                  for i, v in enumerate(points) if v is not None]
        if coords:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            colour = PALETTE[k % len(PALETTE)]
            body.append(f"<polyline points='{path}' fill='none' stroke='{colour}' stroke-width='2.5'/>")
            body.extend(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3.5' fill='{colour}'/>" for x, y in coords)
    names = list(series)
    if reference:
        y = top + plot_h - plot_h * reference[1] / top_value
        body.append(f"<line x1='{left}' x2='{left + plot_w}' y1='{y:.1f}' y2='{y:.1f}' stroke='#000' "
                    f"stroke-dasharray='6 4' stroke-width='1.5'/>")
        names.append(reference[0] + " (dashed)")
    body.append(_x_labels(labels, left, step, top + plot_h + 16))
    body.append(_legend(names, left + plot_w + 16, top))
    return _frame(width, height, title, "".join(body))


def bars(title: str, items: Sequence[tuple[str, float]], *, width: int = 760, height: Optional[int] = None) -> str:
    """Horizontal bars with their value written at the end."""
    left = 300
    row = 24
    height = height or 16 + row * max(len(items), 1) + 10
    plot_w = width - left - 70
    top_value = _nice_max(max((v for _, v in items), default=0))
    body = []
    for i, (label, value) in enumerate(items):
        y = 12 + i * row
        w = plot_w * value / top_value if top_value else 0
        body.append(f"<text x='{left - 8}' y='{y + 14}' text-anchor='end' {FONT} fill='#222'>{escape(label)}</text>"
                    f"<rect x='{left}' y='{y + 2}' width='{w:.1f}' height='16' fill='{PALETTE[0]}'/>"
                    f"<text x='{left + w + 6:.1f}' y='{y + 14}' {FONT} fill='#222'>{value:g}</text>")
    return _frame(width, height, title, "".join(body))
