"""Country dashboard: one country's composite, tier, drivers, factors, coverage and what changed.

`?country=XA` in the URL selects the country, so alerts and tables can link straight here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.analytics import Panel, indicator_moves
from riskframe.app import honest
from riskframe.app.components import plain, fictional_banner, fmt, pct
from riskframe.app.context import get_context
from riskframe.app.pages import dash_common as dc
from riskframe.charts import (
    composite_trend,
    coverage_confidence,
    driver_lines,
    factor_heatmap,
    index_lines,
)
from riskframe.framework.models import tr

QUERY_KEY = "country"


def _choose_country(codes: list[str], names: dict[str, str]) -> str | None:
    if not codes:
        return None
    wanted = str(st.query_params.get(QUERY_KEY, "")).upper()
    index = codes.index(wanted) if wanted in codes else 0
    code = st.selectbox("Country", codes, index=index, format_func=lambda c: f"{c} — {names.get(c, c)}",
                        key="country_dash_country")
    if st.query_params.get(QUERY_KEY) != code:
        st.query_params[QUERY_KEY] = code
    return code


def _headline(latest: pd.Series, ts, ctx) -> None:
    if isinstance(latest.get("headline"), str):  # the level that decides (method 2), before the index
        level = latest["headline"][:1].upper() + latest["headline"][1:]
        extra = " · provisional: coverage below what the method requires" if latest.get("provisional") else ""
        st.markdown(f"#### {plain(level)}")
        st.caption(f"{plain(str(latest['status_text']).capitalize())}{extra} — highest risk per crime, "
                   f"method {plain(latest.get('method_version', ''))}")
    cols = st.columns(5)
    delta = None if pd.isna(latest["composite_delta"]) else f"{latest['composite_delta']:+.1f}"
    cols[0].metric("Composite (0–100)", fmt(latest["composite"]), delta, delta_color="inverse",
                   help="The composite index, kept for comparison with earlier rounds; change vs the previous "
                        "period shown (a rise in red).")
    cols[1].metric("Tier", ts.label(latest["tier"]) + (" *" if honest.provisional(ctx.framework, latest["coverage"])
                                                       else ""),
                   help="Lifted by red flags" if latest["tier"] != latest["tier_before_flags"] else None)
    cols[2].metric("Uncertainty band", f"{fmt(latest['band_low'])}–{fmt(latest['band_high'])}")
    cols[3].metric("Coverage", pct(latest["coverage"]))
    cols[4].metric("Red flags raised", int(latest["n_red_flags"]))
    st.caption(f"Latest: {latest['period']} ({latest['status']}) · "
               + honest.tier_line(ctx.framework, latest["tier"], latest["tier_before_flags"], latest["coverage"],
                                  ctx.lang))


def red_flag_table(rows: pd.DataFrame, fw) -> pd.DataFrame:
    """The red flags raised in the latest assessment, with since when they have been raised."""
    latest = rows.iloc[-1]
    out = []
    for iid in latest["red_flags"]:
        since = latest["period"]
        for r in rows.iloc[::-1].itertuples(index=False):
            if iid not in r.red_flags:
                break
            since = r.period
        ind = fw.indicators[iid]
        out.append({"indicator": iid, "text": tr(ind.text), "reason": ind.red_flag.reason,
                    "minimum tier": ind.red_flag.min_tier or fw.manifest.scoring.red_flag.min_tier,
                    "raised since": since, "new this period": iid in latest["new_red_flags"]})
    return pd.DataFrame(out)


def _changes(ctx, rows: pd.DataFrame) -> None:
    st.subheader("What changed since the previous period")
    with_prev = rows[rows["prev_assessment_id"].notna()]
    if with_prev.empty:
        st.info("Only one period is shown for this country: there is nothing to compare yet.")
        return
    periods = with_prev["period"].tolist()
    period = st.selectbox("Period", periods[::-1], key="country_dash_change_period",
                          help="Compared with the country's previous period in the selection shown.")
    row = with_prev[with_prev["period"] == period].iloc[0]
    moves = indicator_moves(dc.assessment_diff(ctx, row["prev_assessment_id"], row["assessment_id"]), ctx.framework)
    st.caption(f"{row['prev_period']} → {period}: {len(moves)} indicator(s) changed value.")
    if moves.empty:
        st.info(f"No indicator changed its score or missing code between {row['prev_period']} and {period}.")
        return
    st.dataframe(moves, hide_index=True, width="stretch", column_config={
        "indicator_id": "Indicator", "factor_id": "Factor",
        "indicator": st.column_config.TextColumn("Text", width="medium"),
        "before": f"Before ({row['prev_period']})", "after": f"After ({period})",
        "change": st.column_config.NumberColumn("Change", format="%+d"), "red_flag": "Red flag",
        "evidence": st.column_config.TextColumn("Evidence (new)", width="large"), "changed_by": "Changed by",
        "changed_at": st.column_config.DatetimeColumn("Changed at", format="YYYY-MM-DD HH:mm")})
    dc.download(moves, f"changes-{row['country']}-{period}", key="country_dash_changes_csv")


def _charts(ctx, panel: Panel, rows: pd.DataFrame, code: str, name: str) -> None:
    ts, fw, lang = dc.tiers(ctx), ctx.framework, ctx.lang
    periods = rows["period"].tolist()
    export = rows[dc.export_columns(panel)]
    dc.chart(composite_trend(rows, ts, f"{name}: composite score by period, with tier bands and uncertainty band",
                             periods), export, f"composite-{code}", key="country_dash_trend")
    left, right = st.columns(2)
    with left:
        dc.chart(index_lines(rows, periods, f"{name}: risk index vs resilience index"),
                 rows[["country", "period", "risk_index", "resilience_index", "composite"]],
                 f"indices-{code}", key="country_dash_indices")
    with right:
        if rows[list(panel.drivers)].isna().all().all():
            st.info(f"No driver can be computed for {code}: none of its tagged risk indicators is scored yet.")
        else:
            dc.chart(driver_lines(rows, panel.drivers, periods, f"{name}: drivers", fw.manifest.tags, lang),
                     rows[["country", "period", *panel.drivers]], f"drivers-{code}", key="country_dash_drivers")
    factors = panel.factors[panel.factors["country"] == code]
    tabs = st.tabs(["Risk factors", "Resilience sections"])
    for tab, kind in zip(tabs, ("risk", "resilience")):
        with tab:
            if factors.loc[factors["kind"] == kind, "score"].isna().all():
                what = "risk factor" if kind == "risk" else "resilience section"
                st.info(f"No {what} of {code} is scored in the periods shown: score its indicators on the "
                        "Assess page to fill this chart.")
                continue
            title = f"{name}: {'risk factor' if kind == 'risk' else 'resilience section'} scores by period"
            dc.chart(factor_heatmap(factors, fw, kind, periods, title, lang),
                     factors[factors["kind"] == kind][["country", "period", "factor_id", "score", "coverage",
                                                       "low", "high", "n_scored", "n_applicable"]],
                     f"factors-{kind}-{code}", key=f"country_dash_heat_{kind}")
    confidence = [fw.scale.confidence_label(c, lang) for c in fw.scale.confidence]
    dc.chart(coverage_confidence(rows, periods, f"{name}: coverage and mean confidence", confidence),
             rows[["country", "period", "coverage", "confidence", "n_scored", "n_unknown", "n_not_assessed",
                   "n_not_applicable"]], f"coverage-{code}", key="country_dash_coverage")


def page() -> None:
    """The country dashboard page (st.Page target)."""
    ctx = get_context()
    st.title("Country dashboard")
    include = dc.drafts_toggle()
    dc.method_note(ctx)
    panel = dc.load_panel(ctx, include)
    names = dc.country_names(ctx)
    codes = sorted(set(names) | set(panel.assessments["country"]))
    if not codes:
        st.info(dc.empty_hint(include))
        return
    code = _choose_country(codes, names)
    if code is None:
        return
    fictional_banner([code])
    name = names.get(code, code)
    rows = panel.country(code)
    if rows.empty:
        if include:
            st.info(f"No assessment for {code} yet — start one on the Assess page.")
        else:
            st.info(f"No validated assessment for {code} yet — include drafts or validate one.")
        return
    _headline(rows.iloc[-1], dc.tiers(ctx), ctx)
    st.subheader("Red flags currently raised")
    flags = red_flag_table(rows, ctx.framework)
    if flags.empty:
        st.success(f"No red flag is raised in {rows.iloc[-1]['period']}.")
    else:
        st.dataframe(flags, hide_index=True, width="stretch")
        dc.download(flags, f"red-flags-{code}", key="country_dash_flags_csv")
    _charts(ctx, panel, rows, code, name)
    _changes(ctx, rows)
