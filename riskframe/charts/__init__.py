"""Figure builders: pandas in, `plotly.graph_objects.Figure` out; no Streamlit, no network.

Every builder gives its chart a title, axis labels with units, and the one tier colour scale
(`theme.TierScale`, built from the manifest's tiers, their labels and their colours).
"""

from riskframe.charts.compare import risk_resilience_scatter
from riskframe.charts.country import coverage_confidence, driver_lines, factor_heatmap, index_lines
from riskframe.charts.theme import TierScale, empty_figure, tier_scale
from riskframe.charts.trend import composite_trend, multi_country_trend, small_multiples
from riskframe.charts.world import OFFLINE_CONFIG, split_for_map, world_choropleth, world_geojson

__all__ = [
    "OFFLINE_CONFIG", "TierScale", "composite_trend", "coverage_confidence", "driver_lines", "empty_figure",
    "factor_heatmap",
    "index_lines", "multi_country_trend", "risk_resilience_scatter", "small_multiples", "split_for_map",
    "tier_scale", "world_choropleth", "world_geojson",
]
