"""The one tier colour scale, used by the app, the charts and the Excel exports alike.

Sequential: lightness falls steadily from low to very high, so tiers stay distinguishable with
colour blindness; every view also names the tier in text, so colour is never the only cue.
"""

TIER_COLOURS = {
    "low": "#ffeda0",
    "moderate": "#fec44f",
    "elevated": "#fd8d3c",
    "high": "#e0452b",
    "very_high": "#800026",
}
