"""The world choropleth, drawn offline from the GeoJSON shipped in `riskframe/charts/data`.

Only real countries with an assessment in the selection are coloured; fictional (user-assigned)
codes and countries too small for the 110m map go to a side table instead. Plotly's built-in
maps fetch shapes from a CDN, so the base layers stay off and every shape comes from our file.

plotly.js still fetches its base topojson for any geo trace that has a `locationmode` (even
"geojson-id"), so the figure must be shown with `OFFLINE_CONFIG`: its `topojsonURL` is a data URL
holding an empty topology, answered by the browser itself.
"""

from __future__ import annotations

import json
import urllib.parse
from functools import cache
from importlib import resources

import pandas as pd
import plotly.graph_objects as go

from riskframe.charts.theme import NO_TIER_COLOUR, TierScale, frame
from riskframe.charts.trend import point_hover
from riskframe.domain.countries import is_user_assigned, resolve_country
from riskframe.i18n import _

GEOJSON_FILE = "world-110m.geojson"
OFF_LAYERS = dict(showland=False, showocean=False, showlakes=False, showrivers=False, showcountries=False,
                  showcoastlines=False, showsubunits=False, showframe=False)

_EMPTY_TOPOLOGY = {"type": "Topology", "arcs": [], "objects": {
    name: {"type": "GeometryCollection", "geometries": []}
    for name in ("land", "ocean", "coastlines", "countries", "lakes", "rivers", "subunits")}}
# plotly.js asks for <topojsonURL>/<name>.json: the fragment ('#/') swallows that suffix.
OFFLINE_CONFIG = {"topojsonURL": "data:application/json," + urllib.parse.quote(
    json.dumps(_EMPTY_TOPOLOGY, separators=(",", ":"))) + "#/"}


@cache
def world_geojson() -> dict:
    """Natural Earth 110m countries (public domain, via world-atlas), feature id = ISO alpha-3."""
    path = resources.files("riskframe.charts") / "data" / GEOJSON_FILE
    return json.loads(path.read_text(encoding="utf-8"))


def alpha3(code: str) -> str | None:
    try:
        return resolve_country(code).alpha3
    except ValueError:
        return None


def split_for_map(rows: pd.DataFrame, geojson: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows drawn on the map with an `iso3` column, rows listed beside it with a `reason`)."""
    ids = {f["id"] for f in geojson["features"]}
    rows = rows.assign(iso3=[None if is_user_assigned(c) else alpha3(c) for c in rows["country"]])
    on_map = rows["iso3"].isin(ids)
    reason = [_("fictional country (user-assigned code): never drawn on the map") if is_user_assigned(c)
              else _("too small to draw at this map scale") for c in rows.loc[~on_map, "country"]]
    return rows[on_map], rows[~on_map].assign(reason=reason)


def world_choropleth(rows: pd.DataFrame, tiers: TierScale, geojson: dict, title: str) -> go.Figure:
    """Assessed countries coloured by tier over a grey outline of every other country."""
    mapped, _beside = split_for_map(rows, geojson)
    n = len(tiers.ids)
    all_ids = [f["id"] for f in geojson["features"]]
    names = {f["id"]: f["properties"].get("name", f["id"]) for f in geojson["features"]}
    fig = go.Figure(go.Choropleth(
        geojson=geojson, locations=all_ids, featureidkey="id", locationmode="geojson-id",
        z=[0] * len(all_ids), colorscale=[[0, "#eeeeee"], [1, "#eeeeee"]], showscale=False,
        marker=dict(line=dict(color="#ffffff", width=0.5)), name=_("Not assessed"),
        hovertext=[_("{country}: no assessment in this selection").format(country=names[i]) for i in all_ids],
        hoverinfo="text"))
    scored = mapped[mapped["tier"].isin(tiers.ids)]
    unscored = mapped[~mapped["tier"].isin(tiers.ids)]
    if len(unscored):
        fig.add_trace(go.Choropleth(
            geojson=geojson, locations=unscored["iso3"].tolist(), featureidkey="id", locationmode="geojson-id",
            z=[0] * len(unscored), colorscale=[[0, NO_TIER_COLOUR], [1, NO_TIER_COLOUR]], showscale=False,
            name=_("Assessed, no composite"), hovertext=point_hover(unscored, tiers), hoverinfo="text"))
    if len(scored):
        z = [tiers.ids.index(t) + 0.5 for t in scored["tier"]]
        fig.add_trace(go.Choropleth(
            geojson=geojson, locations=scored["iso3"].tolist(), featureidkey="id", locationmode="geojson-id",
            z=z, zmin=0, zmax=n, colorscale=tiers.discrete_colorscale(), name=_("Tier"),
            marker=dict(line=dict(color="#333333", width=0.6)),
            colorbar=dict(title=dict(text=_("Tier")), thickness=14, len=0.7, tickvals=[i + 0.5 for i in range(n)],
                          ticktext=list(tiers.labels)),
            hovertext=point_hover(scored, tiers), hoverinfo="text"))
    fig.update_geos(visible=False, projection_type="natural earth", lataxis_range=[-58, 85], **OFF_LAYERS)
    return frame(fig, title, None, None, height=480, margin=dict(l=0, r=0, t=50, b=0))
