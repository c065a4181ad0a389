"""Country dashboard: measures beside risk — when each was agreed and implemented (marks on the composite
trend), the indicators each addresses with their latest score, and the suggested options to adopt."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.analytics.measure_marks import MARK_COLUMNS, addressed, chain_ends, measure_marks
from riskframe.app import labels
from riskframe.app.pages import assess_suggestions
from riskframe.app.pages import dash_common as dc
from riskframe.app.pages.assess_common import seen_revision, service
from riskframe.i18n import _
from riskframe.store import StoreError


def latest_view(ctx, rows: pd.DataFrame):
    """The assessment of the last period shown (None when it cannot be read)."""
    try:
        return service(ctx).get(ctx.actor, int(rows.iloc[-1]["assessment_id"]))
    except StoreError:
        return None


def marks(ctx, rows: pd.DataFrame) -> pd.DataFrame:
    """When each measure of the assessments shown was agreed and implemented, from its status history
    across periods (Assessments.measure_history), closed ones included."""
    svc = service(ctx)
    try:
        views = [svc.get(ctx.actor, int(a)) for a in rows["assessment_id"]]
        return measure_marks((m.key, m.title, svc.measure_history(ctx.actor, v.id, m.key))
                             for v, m in chain_ends(views))
    except StoreError:
        return pd.DataFrame(columns=MARK_COLUMNS)


def table(ctx, view) -> pd.DataFrame:
    """The measures of `view` with their status, option, due period and the indicators each addresses."""
    fw = ctx.framework
    scores = service(ctx).scores(view).indicator_scores.loc[view.id].to_dict()
    factors = {f.id: [i.id for i in f.indicators] for f in fw.factors}
    return pd.DataFrame([{
        "title": m.title, "status": labels.code(labels.MEASURE_STATUS, getattr(m.status, "value", m.status)),
        "option": getattr(m, "option_id", None) or "", "due": getattr(m, "due_period", None) or "",
        "addresses": addressed(m.linked_ids, scores, factors), "owner": m.owner,
    } for m in view.measures], columns=["title", "status", "option", "due", "addresses", "owner"])


def render(ctx, view, code: str) -> None:
    """The measures table and the suggestions of the latest assessment shown."""
    st.subheader(_("Prevention measures and what they address"))
    if view is None:
        return
    st.caption(_("Recommended measures of {period} ({n}); the trend above marks when each was agreed and when "
                 "implemented. Each measure's indicators are shown with their score in {period}.").format(
        period=view.period, n=len(view.measures)))
    found = table(ctx, view)
    if found.empty:
        st.info(_("No prevention measure is recorded for {code} in {period}. Adopt a suggestion below, or add "
                  "one on the Assess page.").format(code=code, period=view.period))
    else:
        st.dataframe(found, hide_index=True, width="stretch", column_config={
            "title": st.column_config.TextColumn(_("Measure"), width="large"), "status": _("Status"),
            "option": _("Catalogue option"), "due": _("Due period"),
            "addresses": st.column_config.TextColumn(_("Indicators addressed (score)"), width="medium"),
            "owner": _("Owner")})
        dc.download(found, f"measures-{code}-{view.period}", key="country_dash_measures_csv")
    assess_suggestions.render(ctx, view, seen_revision("country", view), where="country")
