"""Portfolio alerts: countries whose tier rose, whose composite jumped, with new red flags, or
whose latest assessment is overdue; each links to its country dashboard."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from riskframe.analytics.alerts import KINDS
from riskframe.app.components import fictional_banner, plain
from riskframe.app.context import get_context
from riskframe.app.pages import dash_common as dc
from riskframe.app.pages import portfolio_measures
from riskframe.app.pages.dash_country import QUERY_KEY
from riskframe.app.pages.dash_country import page as country_page
from riskframe.i18n import _, format_decimal

COUNTRY_URL_PATH = "country"  # must match the url_path of the country dashboard in main.py


def country_link_page() -> st.Page:
    """A Page equal (same url_path) to the one main.py registers, for st.page_link."""
    return st.Page(country_page, title=_("Country dashboard"), icon=":material/monitoring:", url_path=COUNTRY_URL_PATH)


def _points(value: float) -> str:
    return format_decimal(value, 0 if float(value).is_integer() else 1)


def page() -> None:
    """The portfolio alerts page (st.Page target): the alerts, then measures by status and country."""
    ctx = get_context()
    _alerts(ctx)
    portfolio_measures.render(ctx, COUNTRY_URL_PATH, QUERY_KEY)


def _alerts(ctx) -> None:
    st.title(_("Portfolio alerts"))
    include = dc.drafts_toggle()
    panel = dc.load_panel(ctx, include)
    rules = ctx.framework.manifest.scoring.alerts
    st.caption(_("Rules (indicators/manifest.yaml, scoring.alerts): tier rose since the previous period; composite "
                 "up by more than {jump} points; new red flags; an indicator up {rise} or more levels, or at {top} for "
                 "the first time; latest period ended more than {days} days ago.").format(
        jump=_points(rules.composite_jump), rise=rules.indicator_rise, top=rules.indicator_top,
        days=rules.overdue_days))
    if panel.empty:
        st.info(dc.empty_hint(include, any_country=True))
        return
    alerts = dc.load_alerts(ctx, include, dt.date.today())
    fictional_banner(alerts["country"] if len(alerts) else [])
    if alerts.empty:
        st.success(_("No alerts: no country's tier rose, none jumped by more than {jump} points, no new red flag, "
                     "and every latest assessment is within {days} days.").format(
            jump=_points(rules.composite_jump), days=rules.overdue_days))
        return
    counts = alerts["kind"].value_counts()
    for col, (kind, (label, _order)) in zip(st.columns(len(KINDS)), KINDS.items()):
        col.metric(_(label), int(counts.get(kind, 0)))
    names = dc.country_names(ctx)
    table = alerts.assign(name=alerts["country"].map(lambda c: names.get(c, c)), label=alerts["label"].map(_),
                          tier=alerts["tier"].map(dc.tiers(ctx).label),
                          dashboard=f"{COUNTRY_URL_PATH}?{QUERY_KEY}=" + alerts["country"])
    st.dataframe(table[["country", "name", "label", "detail", "period", "tier", "composite", "composite_delta",
                        "dashboard"]], hide_index=True, width="stretch", column_config={
        "country": _("Code"), "name": _("Country"), "label": _("Alert"),
        "detail": st.column_config.TextColumn(_("Why"), width="large"),
        "period": _("Latest period"), "tier": _("Tier"),
        "composite": st.column_config.NumberColumn(_("Composite"), format="%.1f"),
        "composite_delta": st.column_config.NumberColumn(_("Change"), format="%+.1f"),
        "dashboard": st.column_config.LinkColumn(_("Dashboard"), display_text=_("Open"))})
    dc.download(table.drop(columns="dashboard"), "alerts", key="alerts_csv")
    st.subheader(_("Open a country dashboard"))
    target = country_link_page()
    for code, group in table.groupby("country", sort=True):
        st.page_link(target, label=f"{code} — {plain(names.get(code, code))}: {', '.join(group['label'])}",
                     query_params={QUERY_KEY: code}, icon=":material/monitoring:")
