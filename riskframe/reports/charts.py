"""Charts for documents: PNG images drawn offline with matplotlib (Agg: no browser, no display, no network).

The composite by period over the manifest's tier bands, in straight lines; validated assessments
are filled marks, the others hollow; a period without an assessment leaves a gap. Fonts are the
DejaVu fonts matplotlib ships, so any character renders on a fresh machine.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # before pyplot: never a display

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from riskframe.i18n import _
from riskframe.reports.model import TrendPoint

WIDTH_IN, HEIGHT_IN, DPI = 6.8, 3.4, 150
FONT_PT = 8


def trend_chart(points: list[TrendPoint], tiers: list[tuple[str, float, str]], colours: dict[str, str]) -> bytes:
    """A PNG of the composite per period; `tiers` are (id, lower bound, label) in order."""
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    ax = fig.add_subplot(1, 1, 1)
    xs = list(range(len(points)))
    bounds = [b for _id, b, _l in tiers] + [100.0]
    for k, (tid, low, label) in enumerate(tiers):
        high = bounds[k + 1]
        ax.axhspan(low, high, color=colours.get(tid, "#dddddd"), alpha=0.25, linewidth=0, zorder=0)
        ax.text(1.01, (low + high) / 2, label, transform=ax.get_yaxis_transform(), va="center", ha="left",
                fontsize=FONT_PT, color="#333333")
    ys = [p.composite if p.composite is not None else float("nan") for p in points]
    ax.plot(xs, ys, color="#222222", linewidth=1.4, linestyle="-", zorder=2)  # NaN breaks the line: a gap
    for x, p in zip(xs, points):
        if p.composite is None:
            continue
        colour = colours.get(p.tier or "", "#777777")
        ax.plot([x], [p.composite], marker="o", markersize=7, zorder=3, markeredgewidth=1.6,
                markeredgecolor="#222222" if p.validated else colour,
                markerfacecolor=colour if p.validated else "white")
    ax.set_xticks(xs)
    ax.set_xticklabels([p.period for p in points], rotation=45 if len(points) > 6 else 0, ha="right"
                       if len(points) > 6 else "center", fontsize=FONT_PT)
    ax.set_xlim(-0.5, max(len(points) - 0.5, 0.5))
    ax.set_ylim(0, 100)
    ax.tick_params(axis="y", labelsize=FONT_PT)
    ax.set_ylabel(_("Composite score (0–100)"), fontsize=FONT_PT)
    ax.grid(axis="y", color="#bbbbbb", linewidth=0.4)
    legend = [Line2D([], [], color="#222222", marker="o", markerfacecolor="#888888", linestyle="-",
                     label=_("validated")),
              Line2D([], [], color="#222222", marker="o", markerfacecolor="white", markeredgecolor="#888888",
                     linestyle="-", label=_("not validated"))]
    ax.legend(handles=legend, loc="upper left", fontsize=FONT_PT, frameon=True)
    fig.subplots_adjust(left=0.09, right=0.83, top=0.96, bottom=0.24 if len(points) > 6 else 0.14)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
