"""Portfolio alerts: recommended measures counted by status and country (each country's latest
assessment, Assessments.measure_counts), with how many are overdue; each row links to its dashboard."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from riskframe.app import labels
from riskframe.app.pages import dash_common as dc
from riskframe.app.pages.assess_common import service
from riskframe.i18n import _

STATUSES = list(labels.MEASURE_STATUS)


def frame(ctx, today: dt.date) -> pd.DataFrame:
    """One row per country: its latest period, the count of each status, open and overdue."""
    rows = [{"country": c.country, "name": c.country_name, "period": c.period,
             **{s: int(c.counts.get(s, 0)) for s in STATUSES}, "open": c.open, "overdue": c.overdue}
            for c in service(ctx).measure_counts(ctx.actor, today)]
    return pd.DataFrame(rows, columns=["country", "name", "period", *STATUSES, "open", "overdue"])


def render(ctx, country_path: str, query_key: str) -> None:
    st.subheader(_("Prevention measures by status and country"))
    found = frame(ctx, dt.date.today())
    if found.empty or not found[STATUSES].to_numpy().any():
        st.info(_("No recommended measure is recorded yet. Adopt a suggestion on the Assess page or on a country "
                  "dashboard."))
        return
    st.caption(_("The measures of each country's latest assessment (any status), counted by status; overdue: open "
                 "measures whose due quarter has ended."))
    totals = found[[*STATUSES, "overdue"]].sum()
    for col, s in zip(st.columns(len(STATUSES) + 1), [*STATUSES, "overdue"]):
        col.metric(_("Overdue") if s == "overdue" else labels.code(labels.MEASURE_STATUS, s), int(totals[s]))
    shown = found.assign(dashboard=f"{country_path}?{query_key}=" + found["country"])
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        "country": _("Code"), "name": _("Country"), "period": _("Latest period"),
        **{s: st.column_config.NumberColumn(labels.code(labels.MEASURE_STATUS, s)) for s in STATUSES},
        "open": st.column_config.NumberColumn(_("Open")),
        "overdue": st.column_config.NumberColumn(_("Overdue")),
        "dashboard": st.column_config.LinkColumn(_("Dashboard"), display_text=_("Open"))})
    dc.download(found, "measures-by-country", key="alerts_measures_csv")
