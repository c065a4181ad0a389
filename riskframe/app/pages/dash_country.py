"""Country dashboard: one country's composite, tier, drivers, factors, coverage and what changed.

`?country=XA` in the URL selects the country, so alerts and tables can link straight here.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from riskframe.analytics import Panel, indicator_moves
from riskframe.app import figure_cache as fc
from riskframe.app import honest
from riskframe.app.components import fictional_banner, fmt, pct, plain
from riskframe.app.context import get_context
from riskframe.app.pages import country_measures
from riskframe.app.pages import dash_common as dc
from riskframe.charts import (
    composite_trend,
    coverage_confidence,
    driver_lines,
    factor_heatmap,
    index_lines,
)
from riskframe.analytics.reference import settings_of as reference_settings
from riskframe.analytics.robustness import RANKED_BY
from riskframe.assessments.round_review import latest_rater_range
from riskframe.domain.status import status_label as status_name
from riskframe.framework.models import tr
from riskframe.i18n import _, current_language, ngettext
from riskframe.scoring.sensitivity import settings_of

QUERY_KEY = "country"
HOW_SURE_KEY = "country_dash_how_sure"  # the "How sure is this tier?" expander's open state
FACTOR_TAB_KEY = "country_dash_factor_tab"  # the factor heatmaps' tabs: only the open one is drawn


def _choose_country(codes: list[str], names: dict[str, str]) -> str | None:
    if not codes:
        return None
    wanted = str(st.query_params.get(QUERY_KEY, "")).upper()
    index = codes.index(wanted) if wanted in codes else 0
    code = st.selectbox(_("Country"), codes, index=index, format_func=lambda c: f"{c} — {names.get(c, c)}",
                        key="country_dash_country")
    if st.query_params.get(QUERY_KEY) != code:
        st.query_params[QUERY_KEY] = code
    return code


def _headline(latest: pd.Series, ts, ctx) -> None:
    if isinstance(latest.get("headline"), str):  # the level that decides (method 2), before the index
        level = latest["headline"][:1].upper() + latest["headline"][1:]
        status = plain(str(latest["status_text"]).capitalize())
        method = plain(latest.get("method_version", ""))
        st.markdown(f"#### {plain(level)}")
        st.caption(_("{status} · provisional: coverage below what the method requires — highest risk per crime, "
                     "method {method}").format(status=status, method=method) if latest.get("provisional") else
                   _("{status} — highest risk per crime, method {method}").format(status=status, method=method))
    cols = st.columns(5)
    change = latest["composite_delta"]
    delta = None if pd.isna(change) else ("+" if change >= 0 else "-") + fmt(abs(float(change)))
    cols[0].metric(_("Composite (0–100)"), fmt(latest["composite"]), delta, delta_color="inverse",
                   help=_("The composite index, kept for comparison with earlier rounds; change vs the previous "
                          "period shown (a rise in red)."))
    cols[1].metric(_("Tier"), ts.label(latest["tier"]) + (" *" if honest.provisional(ctx.framework, latest["coverage"])
                                                          else ""),
                   help=_("Lifted by red flags") if latest["tier"] != latest["tier_before_flags"] else None)
    cols[2].metric(_("Uncertainty band"), f"{fmt(latest['band_low'])}–{fmt(latest['band_high'])}")
    cols[3].metric(_("Coverage"), pct(latest["coverage"]))
    cols[4].metric(_("Red flags raised"), int(latest["n_red_flags"]))
    st.caption(_("Latest: {period} ({status})").format(period=latest["period"], status=status_name(latest["status"]))
               + " · " + honest.tier_line(ctx.framework, latest["tier"], latest["tier_before_flags"],
                                          latest["coverage"], ctx.lang))


def _rater_range(ctx, latest: pd.Series) -> None:
    """Disagreement as uncertainty: the composite from each rater's sheet of the latest rating round."""
    review = latest_rater_range(ctx.store, ctx.framework, ctx.actor, int(latest["assessment_id"]))
    if review is None or review.rater_range is None:
        return
    low, high = review.rater_range
    st.caption(_("Rater range: {low}–{high} — the composite computed from each of the {n} raters' scoresheets in "
                 "rating round {number}, beside the missing-data band above.").format(
        low=fmt(low), high=fmt(high), n=len(review.raters), number=review.round.number))


def _how_sure(ctx, include: bool, latest: pd.Series) -> None:
    """The tier's probability under the method's other reasonable choices, and the rank band (issue 22)."""
    found = dc.load_robustness(ctx, include, str(latest["period"]))
    aid = int(latest["assessment_id"])
    if found.empty or aid not in found.index:
        return
    r = found.loc[aid]
    settings = settings_of(ctx.framework)
    ts = dc.tiers(ctx)
    verdict = _("robust") if bool(r["tier_robust"]) else _("not robust")
    with st.expander(_("How sure is this tier? {tier} in {share} of {draws} draws: {verdict}").format(
            tier=ts.label(r["tier_modal"]) if isinstance(r["tier_modal"], str) else "—",
            share=pct(r["tier_modal_share"]), draws=settings.draws, verdict=verdict),
            on_change="rerun", key=HOW_SURE_KEY) as box:
        if not box.open:  # lazy (issue 18): the table and metrics are drawn when opened, not on every rerun
            return
        st.caption(_("The composite recomputed {draws} times with other reasonable choices of the method "
                     "(weights, aggregation, resilience dampening) and every unknown indicator drawn within its "
                     "range; a tier is robust when at least {robust} of the draws give it. Seed {seed}.").format(
            draws=settings.draws, robust=pct(settings.robust_at), seed=settings.seed))
        tiers = [t.id for t in ctx.framework.manifest.scoring.tiers]
        st.dataframe(pd.DataFrame([{ts.label(t): float(r[f"p_{t}"]) for t in tiers}]), hide_index=True,
                     width="stretch", column_config={ts.label(t): st.column_config.ProgressColumn(
                         ts.label(t), min_value=0.0, max_value=1.0, format="percent") for t in tiers})
        c1, c2 = st.columns(2)
        c1.metric(_("Composite, median of the draws"), fmt(r["composite_median"]),
                  help=_("5–95 % of the draws: {low}–{high}").format(low=fmt(r["composite_low"]),
                                                                     high=fmt(r["composite_high"])))
        c2.metric(_("Rank in {period}").format(period=latest["period"]),
                  _("{median} of {of}").format(median=int(r["rank_median"]), of=int(r["rank_of"])),
                  help=_("5–95 % rank band: {low}–{high}; ranked by {by}.").format(
                      low=int(r["rank_low"]), high=int(r["rank_high"]), by=_(RANKED_BY)))


def _reference(ctx, include: bool, latest: pd.Series) -> None:
    """The imported reference series beside the composite: both as percentiles among the same countries."""
    found, series = dc.load_reference(ctx, include)
    aid = int(latest["assessment_id"])
    if found.empty or aid not in found.index:
        return
    r, s = found.loc[aid], series[int(found.at[aid, "series_id"])]
    value = pct(r["ref_value"]) if s["kind"] == "ewp" else fmt(r["ref_value"], 3)
    if not pd.isna(r["ref_rank"]):
        value = _("{value} (rank {rank})").format(value=value, rank=int(r["ref_rank"]))
    with st.container(border=True):
        st.markdown(_("**Reference: {name}**").format(name=plain(s["name"])))
        c1, c2, c3 = st.columns(3)
        c1.metric(_("Reference value"), value, help=s["measure"] or None)
        c2.metric(_("Reference percentile"), fmt(r["ref_pct"], 0))
        c3.metric(_("Composite percentile"), fmt(r["judgement_pct"], 0))
        st.caption(_("Percentiles among the {n} countries of {period} with both a composite and a reference value "
                     "(0 lowest, 100 highest). Source: {source}. Licence: {licence}. Retrieved: {retrieved}.").format(
            n=int(r["n_compared"]), period=plain(latest["period"]), source=plain(s["source"]),
            licence=plain(s["licence"]), retrieved=plain(s["retrieved"] or _("not given"))))
        if bool(r["diverges"]):
            st.warning(_("The reference series and the analysts' judgement diverge: {gap} percentile points apart "
                         "(the manifest flags more than {limit}). Worth a second look at the evidence.").format(
                gap=fmt(abs(r["gap"]), 0), limit=fmt(reference_settings(ctx.framework).divergence_percentile_points,
                                                     0)))


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
        lang = current_language()
        floor = ind.red_flag.min_tier or fw.manifest.scoring.red_flag.min_tier
        out.append({"indicator": iid, "text": tr(ind.text, lang), "reason": ind.red_flag.reason_in(lang),
                    "minimum tier": fw.tier(floor).label(lang) if floor else "",
                    "raised since": since, "new this period": iid in latest["new_red_flags"]})
    return pd.DataFrame(out)


@st.fragment
def _changes(ctx, rows: pd.DataFrame) -> None:
    """A fragment: picking another period reruns only this part."""
    st.subheader(_("What changed since the previous period"))
    with_prev = rows[rows["prev_assessment_id"].notna()]
    if with_prev.empty:
        st.info(_("Only one period is shown for this country: there is nothing to compare yet."))
        return
    periods = with_prev["period"].tolist()
    period = st.selectbox(_("Period"), periods[::-1], key="country_dash_change_period",
                          help=_("Compared with the country's previous period in the selection shown."))
    row = with_prev[with_prev["period"] == period].iloc[0]
    moves = indicator_moves(dc.assessment_diff(ctx, row["prev_assessment_id"], row["assessment_id"]), ctx.framework)
    st.caption(ngettext("{before} → {after}: {n} indicator changed value.",
                        "{before} → {after}: {n} indicators changed value.", len(moves)).format(
        before=row["prev_period"], after=period, n=len(moves)))
    if moves.empty:
        st.info(_("No indicator changed its score or missing code between {before} and {after}.").format(
            before=row["prev_period"], after=period))
        return
    if "indicator_id" in moves and "indicator" in moves:  # the indicator's text in the run's language
        fw, lang = ctx.framework, current_language()
        moves = moves.assign(indicator=[tr(fw.indicators[i].text, lang) if i in fw.indicators else text
                                        for i, text in zip(moves["indicator_id"], moves["indicator"])])
    st.dataframe(moves, hide_index=True, width="stretch", column_config={
        "indicator_id": _("Indicator"), "factor_id": _("Factor"),
        "indicator": st.column_config.TextColumn(_("Text"), width="medium"),
        "before": _("Before ({period})").format(period=row["prev_period"]),
        "after": _("After ({period})").format(period=period),
        "change": st.column_config.NumberColumn(_("Change"), format="%+d"), "red_flag": _("Red flag"),
        "evidence": st.column_config.TextColumn(_("Evidence (new)"), width="large"), "changed_by": _("Changed by"),
        "changed_at": st.column_config.DatetimeColumn(_("Changed at"), format="YYYY-MM-DD HH:mm")})
    dc.download(moves, f"changes-{row['country']}-{period}", key="country_dash_changes_csv")


def _charts(ctx, panel: Panel, rows: pd.DataFrame, code: str, name: str, scope: fc.Key, view=None) -> None:
    """Every figure comes from the figure cache (riskframe.app.figure_cache): built once per data version
    (a measure's status change is a revision, so the measure marks follow the data version too)."""
    ts, fw, lang = dc.tiers(ctx), ctx.framework, ctx.lang
    key = (*scope, code)
    periods = rows["period"].tolist()
    export = rows[dc.export_columns(panel)]
    dc.chart(fc.figure((*key, "composite"), lambda: composite_trend(
        rows, ts, _("{name}: composite score by period, with tier bands and uncertainty band").format(name=name),
        periods, marks=country_measures.marks(ctx, rows))),
             export, f"composite-{code}", key="country_dash_trend")
    country_measures.render(ctx, view, code)  # the measures beside the trend
    left, right = st.columns(2)
    with left:
        dc.chart(fc.figure((*key, "indices"), lambda: index_lines(
            rows, periods, _("{name}: risk index vs resilience index").format(name=name))),
                 rows[["country", "period", "risk_index", "resilience_index", "composite"]],
                 f"indices-{code}", key="country_dash_indices")
    with right:
        if rows[list(panel.drivers)].isna().all().all():
            st.info(_("No driver can be computed for {code}: none of its tagged risk indicators is scored "
                      "yet.").format(code=code))
        else:
            dc.chart(fc.figure((*key, "drivers"), lambda: driver_lines(
                rows, panel.drivers, periods, _("{name}: drivers").format(name=name), fw.manifest.tags, lang)),
                     rows[["country", "period", *panel.drivers]], f"drivers-{code}", key="country_dash_drivers")
    factors = panel.factors[panel.factors["country"] == code]
    # lazy (issue 18): each Plotly chart costs the browser ~0.1–0.2 s on a page open, so only the open tab's
    # heatmap is drawn (the other when its tab is picked)
    tabs = st.tabs([_("Risk factors"), _("Resilience sections")], key=FACTOR_TAB_KEY, on_change="rerun")
    for tab, kind in zip(tabs, ("risk", "resilience")):
        with tab:
            if not tab.open:
                continue
            if factors.loc[factors["kind"] == kind, "score"].isna().all():
                st.info((_("No risk factor of {code} is scored in the periods shown: score its indicators on the "
                           "Assess page to fill this chart.") if kind == "risk" else
                         _("No resilience section of {code} is scored in the periods shown: score its indicators "
                           "on the Assess page to fill this chart.")).format(code=code))
                continue
            title = (_("{name}: risk factor scores by period") if kind == "risk" else
                     _("{name}: resilience section scores by period")).format(name=name)
            dc.chart(fc.figure((*key, "factors", kind), partial(factor_heatmap, factors, fw, kind, periods, title,
                                                                 lang)),
                     factors[factors["kind"] == kind][["country", "period", "factor_id", "score", "coverage",
                                                       "low", "high", "n_scored", "n_applicable"]],
                     f"factors-{kind}-{code}", key=f"country_dash_heat_{kind}")
    confidence = [fw.scale.confidence_label(c, lang) for c in fw.scale.confidence]
    dc.chart(fc.figure((*key, "coverage"), lambda: coverage_confidence(
        rows, periods, _("{name}: coverage and mean confidence").format(name=name), confidence)),
             rows[["country", "period", "coverage", "confidence", "n_scored", "n_unknown", "n_not_assessed",
                   "n_not_applicable"]], f"coverage-{code}", key="country_dash_coverage")


def page() -> None:
    """The country dashboard page (st.Page target)."""
    ctx = get_context()
    st.title(_("Country dashboard"))
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
            st.info(_("No assessment for {code} yet — start one on the Assess page.").format(code=code))
        else:
            st.info(_("No validated assessment for {code} yet — include drafts or validate one.").format(code=code))
        return
    _headline(rows.iloc[-1], dc.tiers(ctx), ctx)
    _rater_range(ctx, rows.iloc[-1])
    _how_sure(ctx, include, rows.iloc[-1])
    _reference(ctx, include, rows.iloc[-1])
    st.subheader(_("Red flags currently raised"))
    flags = red_flag_table(rows, ctx.framework)
    if flags.empty:
        st.success(_("No red flag is raised in {period}.").format(period=rows.iloc[-1]["period"]))
    else:
        st.dataframe(flags, hide_index=True, width="stretch", column_config={
            "indicator": _("Indicator"), "text": _("Text"), "reason": _("Reason"), "minimum tier": _("Minimum tier"),
            "raised since": _("Raised since"), "new this period": _("New this period")})
        dc.download(flags, f"red-flags-{code}", key="country_dash_flags_csv")
    _charts(ctx, panel, rows, code, name, fc.scope(ctx, include), view=country_measures.latest_view(ctx, rows))
    _changes(ctx, rows)
