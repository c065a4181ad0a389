"""The one tier colour scale and the common chart frame (title, axis labels, units).

Tiers, their labels and their colours all come from the framework manifest (`scoring.tiers`), so
tiers read the same on every chart and a tier added there appears everywhere without code.
"""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go

from riskframe.framework.models import Framework
from riskframe.i18n import _

NO_TIER_COLOUR = "#bdbdbd"  # no composite yet: neutral grey, never a tier colour
SCORE_MAX = 100.0
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=13)


@dataclass(frozen=True)
class TierScale:
    """Tiers in order, with their lower bounds, display labels and colours."""

    ids: tuple[str, ...]
    labels: tuple[str, ...]
    mins: tuple[float, ...]
    colours: tuple[str, ...]

    def colour(self, tier) -> str:
        return self.colours[self.ids.index(tier)] if tier in self.ids else NO_TIER_COLOUR

    def label(self, tier) -> str:
        return self.labels[self.ids.index(tier)] if tier in self.ids else _("no tier")

    def bands(self) -> list[tuple[float, float, str, str, str]]:
        """(low, high, id, label, colour) per tier; the last tier ends at 100."""
        highs = (*self.mins[1:], SCORE_MAX)
        return list(zip(self.mins, highs, self.ids, self.labels, self.colours))

    def discrete_colorscale(self) -> list[list]:
        """A step colourscale for z = tier rank (0 … n-1): each rank gets exactly its colour."""
        n = len(self.ids)
        scale = []
        for i, c in enumerate(self.colours):
            scale += [[i / n, c], [(i + 1) / n, c]]
        return scale


def tier_scale(fw: Framework, lang: str = "en") -> TierScale:
    """The manifest's tiers, in order, with their labels in `lang` and their colours."""
    tiers = fw.manifest.scoring.tiers
    return TierScale(ids=tuple(t.id for t in tiers), labels=tuple(t.label(lang) for t in tiers),
                     mins=tuple(float(t.min) for t in tiers), colours=tuple(t.colour for t in tiers))


def frame(fig: go.Figure, title: str, x_title: str | None, y_title: str | None, **layout) -> go.Figure:
    """Give every chart a title, axis labels and the shared look."""
    # The legend sits at the bottom of the figure (container coordinates), below the axis title,
    # whatever the height or the tick-label angle.
    settings = dict(template="plotly_white", font=FONT, margin=dict(l=60, r=90, t=60, b=140),
                    hoverlabel=dict(align="left"),
                    legend=dict(orientation="h", yref="container", yanchor="bottom", y=0.01, xanchor="left", x=0))
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), **{**settings, **layout})
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig


def period_axis(fig: go.Figure, periods: list[str], **kw) -> None:
    """Periods as an ordered category axis, so quarters read as labels and keep date order."""
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(periods),
                     range=[-0.5, len(periods) - 0.5], **kw)


def empty_figure(title: str, message: str) -> go.Figure:
    """A figure that says what to do instead of drawing an empty axis."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                       font=dict(size=15))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return frame(fig, title, None, None)


def full_periods(labels: list[str], most: int = 200) -> list[str]:
    """The periods to draw: quarters between the first and the last, even those with no assessment,
    so a missing quarter shows as a gap, not as a joined line. Other kinds are kept as given."""
    from riskframe.domain import Period, PeriodError

    try:
        parsed = sorted({Period.parse(x).label: Period.parse(x) for x in labels}.values(), key=lambda p: p.start)
    except PeriodError:
        return list(labels)
    if not parsed or any(p.kind != "quarter" for p in parsed):
        return list(labels)
    out, current = [parsed[0].label], parsed[0]
    while current.label != parsed[-1].label and len(out) < most:
        current = current.next_quarter()
        out.append(current.label)
    return out
