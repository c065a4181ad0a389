"""The world map: offline shapes from the package, real assessed countries only."""

from __future__ import annotations

import json
import urllib.parse
from importlib import resources

import pandas as pd
import pycountry

from riskframe.charts import OFFLINE_CONFIG, split_for_map, world_choropleth, world_geojson
from riskframe.charts.world import GEOJSON_FILE


def fake_rows(scenario_panel, codes: list[str]) -> pd.DataFrame:
    """Panel-shaped rows relabelled with other codes: only ever a figure input, never stored or shown."""
    latest = scenario_panel.latest().reset_index(drop=True).iloc[: len(codes)]
    return latest.assign(country=codes)


def test_geojson_ships_in_the_package_small_and_keyed_on_alpha3():
    path = resources.files("riskframe.charts") / "data" / GEOJSON_FILE
    assert path.is_file() and len(path.read_bytes()) < 1_000_000
    geo = world_geojson()
    ids = [f["id"] for f in geo["features"]]
    assert len(ids) == len(set(ids)) > 150
    assert all(pycountry.countries.get(alpha_3=i) is not None for i in ids)
    assert {"KEN", "FRA", "BRA", "IND", "USA"} <= set(ids)
    for f in geo["features"][:20]:
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert f["properties"]["iso_a2"] == pycountry.countries.get(alpha_3=f["id"]).alpha_2
    assert (resources.files("riskframe.charts") / "data" / "LICENSE").is_file()


def test_fictional_and_unmappable_countries_go_beside_the_map(scenario_panel):
    rows = fake_rows(scenario_panel, ["KE", "XA", "SG", "FR"])
    mapped, beside = split_for_map(rows, world_geojson())
    assert list(mapped["country"]) == ["KE", "FR"] and list(mapped["iso3"]) == ["KEN", "FRA"]
    reasons = dict(zip(beside["country"], beside["reason"]))
    assert reasons["XA"].startswith("fictional") and reasons["SG"].startswith("too small")


def test_choropleth_colours_only_assessed_real_countries(scenario_panel, tiers):
    rows = fake_rows(scenario_panel, ["KE", "XA", "FR", "BR"])
    geo = world_geojson()
    fig = world_choropleth(rows, tiers, geo, "Tier by country")
    assert fig.layout.title.text == "Tier by country"
    base, *data = fig.data
    assert base.name == "Not assessed" and base.showscale is False
    assert all("no assessment" in t for t in base.hovertext)
    coloured = [loc for t in data for loc in t.locations]
    assert sorted(coloured) == ["BRA", "FRA", "KEN"]  # XA (fictional) is never drawn
    tier_trace = next(t for t in data if t.name == "Tier")
    tier_of = dict(zip(rows["country"].map({"KE": "KEN", "FR": "FRA", "BR": "BRA"}), rows["tier"]))
    for loc, z in zip(tier_trace.locations, tier_trace.z):
        assert z == tiers.ids.index(tier_of[loc]) + 0.5
    assert list(tier_trace.colorbar.ticktext) == list(tiers.labels)


def test_choropleth_needs_no_network(scenario_panel, tiers):
    fig = world_choropleth(fake_rows(scenario_panel, ["KE"]), tiers, world_geojson(), "Map")
    for trace in fig.data:
        assert trace.geojson is not None and trace.locationmode == "geojson-id" and trace.featureidkey == "id"
    geo = fig.layout.geo
    assert geo.visible is False and geo.scope is None
    for layer in ("showland", "showocean", "showlakes", "showrivers", "showcountries", "showcoastlines"):
        assert getattr(geo, layer) is False
    # plotly.js still asks for <topojsonURL>/world_110m.json: the config answers from a data URL
    url = OFFLINE_CONFIG["topojsonURL"]
    assert url.startswith("data:application/json,") and url.endswith("#/")
    topology = json.loads(urllib.parse.unquote(url[len("data:application/json,"):-2]))
    assert topology["type"] == "Topology" and "countries" in topology["objects"]
    assert "cdn" not in json.dumps(fig.to_plotly_json()["layout"]).lower()
