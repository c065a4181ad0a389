"""Home: my assessments, what is due this period, what changed recently; first-run choices."""

from __future__ import annotations

import datetime as dt
import io
import json

import pyarrow as pa
import streamlit as st

from riskframe.app.components import fictional_banner, status_label
from riskframe.app.context import get_context
from riskframe.app.nav import goto
from riskframe.app.page_access import can_see
from riskframe.domain import Period
from riskframe.i18n import _, format_datetime, ngettext
from riskframe.store import access


def _load_demo(ctx) -> None:
    from riskframe.demo import load_demo

    with st.spinner(_("Loading the fictional demo data…")):
        report = load_demo(ctx.store, ctx.framework, ctx.settings.seeds_dir / "demo", ctx.actor)
    st.session_state["flash"] = ngettext("Demo data loaded: {n} assessment added.",
                                         "Demo data loaded: {n} assessments added.", report.added).format(n=report.added)


def page() -> None:
    ctx = get_context()
    st.title("riskframe")
    st.caption(_("Periodic national assessments of atrocity risk and resilience — UN Framework of Analysis "
                 "for Atrocity Crimes (2014) with resilience indicators."))
    if msg := st.session_state.pop("flash", None):
        st.success(msg)
    assessments = ctx.store.list_assessments(ctx.actor)
    current = Period.quarter_of(dt.date.today())

    can_assess = can_see(ctx.actor.role, "assess")
    if not assessments:
        st.subheader(_("Welcome"))
        if not access.allows(ctx.actor, access.ADMIN):
            st.write(_("There is no assessment in your countries yet. Start one on the Assess page.") if can_assess
                     else _("There is no assessment in your countries yet."))
            if can_assess and st.button(_("Start my first assessment"), icon=":material/edit_note:"):
                goto("assess", period=current.label)
            return
        st.write(_("The database is empty. Explore with invented countries first, or start your own assessment."))
        left, right = st.columns(2)
        if left.button(_("Load the fictional demo data"), type="primary", icon=":material/science:",
                       help=_("Six invented countries (codes XA–XF) with two years of quarterly assessments.")):
            _load_demo(ctx)
            st.rerun()
        if right.button(_("Start my first assessment"), icon=":material/edit_note:"):
            goto("assess", period=current.label)
        return

    fictional_banner(a.country for a in assessments)
    if can_assess:
        _open_assessment(ctx, assessments, current)

    mine = [a for a in assessments if ctx.actor.username in (a.created_by, a.updated_by)] or assessments
    st.subheader(_("My assessments"))
    # lazy=False: Streamlit's lazy delivery (only above 150,000 rows) imports pandas to decide (issue 18)
    st.dataframe(_table(mine), hide_index=True, width="stretch", lazy=False)

    countries = sorted({a.country for a in assessments})
    done = {a.country for a in assessments if a.period == current.label}
    due = [c for c in countries if c not in done]
    st.subheader(_("Due this period ({period})").format(period=current.label))
    if due:
        st.write(_("No assessment yet for {countries}.").format(countries=", ".join(due)))
    else:
        st.write(_("Every country has an assessment for this period."))

    st.subheader(_("Recently changed"))
    recent = sorted(assessments, key=lambda a: a.updated_at, reverse=True)[:10]
    st.dataframe(_table(recent), hide_index=True, width="stretch", lazy=False)


def _table(rows) -> pa.Table:
    """An Arrow table, which Streamlit draws as is, read by Arrow's JSON reader: pandas (which
    pa.array imports) stays out of the first page after a restart (issue 18). The same cells as the
    pandas DataFrame Home drew before (tests/app/test_first_home_run.py)."""
    from pyarrow import json as pa_json

    names = [_("country"), _("period"), _("status"), _("revision"), _("updated"), _("by")]
    schema = pa.schema(zip(names, [pa.string()] * 3 + [pa.int64()] + [pa.string()] * 2))
    lines = [json.dumps(dict(zip(names, (f"{a.country} · {a.country_name}", a.period, status_label(a.status),
                                         a.revision, format_datetime(a.updated_at, "short"), a.updated_by))))
             for a in rows]
    if not lines:
        return schema.empty_table()
    return pa_json.read_json(io.BytesIO("\n".join(lines).encode()),
                             parse_options=pa_json.ParseOptions(explicit_schema=schema))


def _open_assessment(ctx, assessments, current: Period) -> None:
    """Country and period, then one click to the Assess page."""
    countries = {a.country: a.country_name for a in assessments}
    with st.container(border=True):
        st.markdown("**" + _("Open an assessment") + "**")
        c1, c2, c3 = st.columns([2, 2, 1], vertical_alignment="bottom")
        country = c1.selectbox(_("Country"), sorted(countries), format_func=lambda c: f"{c} · {countries[c]}",
                               key="home_country")
        periods = sorted({a.period for a in assessments if a.country == country} | {current.label},
                         key=lambda p: Period.parse(p).start, reverse=True)
        period = c2.selectbox(_("Period"), periods, key="home_period",
                              help=_("A new period offers to copy forward the last validated assessment."))
        if c3.button(_("Open"), type="primary", key="home_open"):
            goto("assess", country=country, period=period)
