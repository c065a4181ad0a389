"""Comparison: several countries on one trend, a ranking for a period, small multiples, the
risk-vs-resilience scatter and an offline world map (real countries with assessments only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.analytics import Panel, default_period, ranking
from riskframe.analytics.robustness import RANKED_BY
from riskframe.app import figure_cache as fc
from riskframe.app.components import fictional_banner, pct
from riskframe.app.context import get_context
from riskframe.app.pages import dash_common as dc
from riskframe.charts import (
    multi_country_trend,
    risk_resilience_scatter,
    small_multiples,
    split_for_map,
    world_choropleth,
    world_geojson,
)
from riskframe.domain.status import status_label as status_name
from riskframe.i18n import _
from riskframe.scoring.sensitivity import settings_of

DEFAULT_SHOWN = 8
SMALL_KEY = "compare_small_open"  # the small multiples' expander: drawn when opened (issue 18)
MAP_KEY = "compare_map_open"  # the map's expander when no real country is on it: drawn when opened


def _pick_countries(panel: Panel, names: dict[str, str]) -> list[str]:
    latest = panel.latest().sort_values("composite", ascending=False, na_position="last")
    codes = sorted(panel.assessments["country"].unique())
    default = latest["country"].head(DEFAULT_SHOWN).tolist()
    return st.multiselect(_("Countries on the trend and small multiples"), codes, default=sorted(default),
                          format_func=lambda c: f"{c} — {names.get(c, c)}", key="compare_countries",
                          help=_("By default the {n} countries with the highest latest composite.").format(
                              n=DEFAULT_SHOWN))


def _ranking(ctx, panel: Panel, period: str, names: dict[str, str], include_drafts: bool) -> None:
    st.subheader(_("Ranking for {period}").format(period=period))
    table = ranking(panel, period, names)
    robust = dc.load_robustness(ctx, include_drafts, period)
    if not robust.empty:
        by_country = robust.join(panel.assessments["country"]).set_index("country")
        table["rank_band"] = table["country"].map(
            lambda c: f"{int(by_country.at[c, 'rank_low'])}–{int(by_country.at[c, 'rank_high'])}"
            if c in by_country.index else "")
        table["tier_sure"] = table["country"].map(
            lambda c: float(by_country.at[c, "tier_modal_share"]) if c in by_country.index else None)
    reference, _series = dc.load_reference(ctx, include_drafts)
    reference = reference[reference["period"] == str(period)] if not reference.empty else reference
    if not reference.empty:
        by_ref = reference.set_index("country")
        table["ref_value"] = table["country"].map(by_ref["ref_value"]).astype(float)
        table["ref_pct"] = table["country"].map(by_ref["ref_pct"]).astype(float)
    table["dashboard"] = "country?country=" + table["country"]
    table["tier"] = table["tier"].map(dc.tiers(ctx).label)
    if "status" in table:
        table["status"] = table["status"].map(status_name)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "rank": st.column_config.NumberColumn(_("Rank"), help=_("1 = highest composite")),
        "country": _("Code"), "name": _("Country"), "tier": _("Tier"),
        "composite": st.column_config.NumberColumn(_("Composite"), format="%.1f"),
        "band_low": st.column_config.NumberColumn(_("Band low"), format="%.1f"),
        "band_high": st.column_config.NumberColumn(_("Band high"), format="%.1f"),
        "composite_delta": st.column_config.NumberColumn(_("Change vs previous"), format="%+.1f"),
        "tier_change": st.column_config.NumberColumn(_("Tier change (steps)"), format="%+d"),
        "risk_index": st.column_config.NumberColumn(_("Risk index"), format="%.1f"),
        "resilience_index": st.column_config.NumberColumn(_("Resilience index"), format="%.1f"),
        "coverage": st.column_config.ProgressColumn(_("Coverage"), min_value=0.0, max_value=1.0, format="percent"),
        "confidence": st.column_config.NumberColumn(
            _("Mean confidence (1–{top})").format(top=len(ctx.framework.scale.confidence)), format="%.2f"),
        "red_flags": _("Red flags"), "status": _("Status"),
        "rank_band": st.column_config.TextColumn(_("Rank band"), help=_(
            "5–95 % of the sensitivity draws, ranked by {by} (see the country dashboard).").format(by=_(RANKED_BY))),
        "tier_sure": st.column_config.ProgressColumn(_("Tier robustness"), min_value=0.0, max_value=1.0,
                                                     format="percent", help=_("Share of the draws giving the most "
                                                                              "frequent tier; robust from {robust}.")
                                                     .format(robust=pct(settings_of(ctx.framework).robust_at))),
        "ref_value": st.column_config.NumberColumn(_("Reference"), format="%.3f", help=_(
            "The imported reference series' value (see `riskframe reference list` and the country dashboard for "
            "its source and licence).")),
        "ref_pct": st.column_config.NumberColumn(_("Reference percentile"), format="%.0f", help=_(
            "Percentile of the reference value among the countries of the period with both numbers.")),
        "dashboard": st.column_config.LinkColumn(_("Dashboard"), display_text=_("Open")),
    })
    st.caption(_("Click a column header to sort. Change compares with each country's previous period shown."))
    dc.download(table.drop(columns="dashboard"), f"ranking-{period}", key="compare_ranking_csv")


def _map(ctx, rows: pd.DataFrame, period: str, names: dict[str, str], scope: fc.Key) -> None:
    st.subheader(_("World map, {period}").format(period=period))
    geo = world_geojson()
    mapped, beside = split_for_map(rows, geo)
    left, right = st.columns([3, 1])
    with left:
        def draw() -> None:
            dc.chart(fc.figure((*scope, period, "map"), lambda: world_choropleth(
                rows, dc.tiers(ctx), geo, _("Tier by country, {period}").format(period=period))),
                     mapped[["country", "iso3", "period", "tier", "composite", "coverage"]],
                     f"map-{period}", key="compare_map", offline_map=True)
        if not mapped.empty:
            draw()
        else:  # an empty map (~180 kB of outlines, the page's heaviest chart) is drawn on demand (issue 18)
            st.caption(_("No real country has an assessment in {period} in this selection: every country is "
                         "shown as not assessed. Countries listed on the right are never drawn.").format(period=period))
            with st.expander(_("Show the map anyway"), on_change="rerun", key=MAP_KEY) as box:
                if box.open:
                    draw()
    with right:
        st.markdown("**" + _("Not on the map") + "**")
        if beside.empty:
            st.caption(_("Every assessed country is on the map."))
        else:
            side = beside.assign(name=beside["country"].map(lambda c: names.get(c, c)),
                                 tier=beside["tier"].map(dc.tiers(ctx).label))
            st.dataframe(side[["country", "name", "tier", "composite", "reason"]], hide_index=True,
                         column_config={"country": _("Code"), "name": _("Country"), "tier": _("Tier"),
                                        "composite": st.column_config.NumberColumn(_("Composite"), format="%.1f"),
                                        "reason": _("Why")})


def page() -> None:
    """The comparison page (st.Page target): the countries' trends and the period's ranking, scatter and
    map are two fragments, so picking countries or a period reruns only its own part."""
    ctx = get_context()
    st.title(_("Compare countries"))
    include = dc.drafts_toggle()
    dc.method_note(ctx)
    panel = dc.load_panel(ctx, include)
    if panel.empty:
        st.info(dc.empty_hint(include, any_country=True))
        return
    names = dc.country_names(ctx)
    fictional_banner(panel.assessments["country"])
    scope = fc.scope(ctx, include)
    _trends(ctx, panel, names, scope)
    _period_views(ctx, panel, names, include, scope)


@st.fragment
def _trends(ctx, panel: Panel, names: dict[str, str], scope: fc.Key) -> None:
    """The chosen countries on one trend and as small multiples."""
    ts = dc.tiers(ctx)
    periods: list[str] = list(panel.periods())
    chosen = _pick_countries(panel, names)
    if not chosen:
        st.info(_("Choose one or more countries above to draw their trends."))
        return
    rows = panel.assessments[panel.assessments["country"].isin(chosen)]
    export = rows[dc.export_columns(panel)]
    key = (*scope, tuple(sorted(chosen)))
    dc.chart(fc.figure((*key, "trend"), lambda: multi_country_trend(rows, ts, periods, _("Composite score by period"),
                                                                     names)),
             export, "composite-trends", key="compare_trend")
    # lazy (issue 18): one panel per country is the page's costliest chart to draw after the map
    with st.expander(_("Composite and uncertainty band, one panel per country"), on_change="rerun",
                     key=SMALL_KEY) as box:
        if box.open:
            dc.chart(fc.figure((*key, "small"), lambda: small_multiples(
                rows, ts, periods, _("Composite and uncertainty band, one panel per country"), names)),
                     export, "small-multiples", key="compare_small")


@st.fragment
def _period_views(ctx, panel: Panel, names: dict[str, str], include: bool, scope: fc.Key) -> None:
    """The period's ranking, risk-vs-resilience scatter and world map."""
    ts = dc.tiers(ctx)
    newest_first = list(panel.periods())[::-1]
    period = str(st.selectbox(_("Period for the ranking, scatter and map"), newest_first, key="compare_period",
                              index=newest_first.index(str(default_period(panel))),
                              help=_("By default the latest period in which most countries are assessed.")))
    at = panel.at_period(period)
    _ranking(ctx, panel, period, names, include)
    no_res = int(at["resilience_index"].isna().sum())
    if no_res == len(at):
        st.info(_("No country has a resilience score in {period}, so risk cannot be set against resilience: "
                  "score resilience indicators (R1–R5) on the Assess page.").format(period=period))
    else:
        title = (_("Risk vs resilience, {period} ({n} without a resilience score left out)").format(
            period=period, n=no_res) if no_res else _("Risk vs resilience, {period}").format(period=period))
        dc.chart(fc.figure((*scope, period, "scatter"), lambda: risk_resilience_scatter(at, ts, title)),
                 at[["country", "period", "risk_index", "resilience_index", "composite", "tier"]],
                 f"risk-resilience-{period}", key="compare_scatter")
    _map(ctx, at, period, names, scope)
