"""The live preview beside the form: scores of what is stored plus what is typed but not saved."""

from __future__ import annotations

import streamlit as st

from riskframe.app import entry_widgets, honest
from riskframe.app.components import fmt, pct, plain
from riskframe.app.pages import assess_indicators
from riskframe.app.pages.assess_common import service
from riskframe.framework.models import tr
from riskframe.i18n import _


def live_entries(ctx, view, section: str) -> dict:
    """Stored entries, overlaid with the unsaved widget values of the visible section."""
    entries = dict(view.entries)
    factor = ctx.framework.factor_by_id.get(section)
    if factor is not None:
        for ind in factor.indicators:
            values = assess_indicators.current_values(view, section, ind.id)
            if values is not None and not entry_widgets.widget_problems(values):
                entries[ind.id] = entry_widgets.entry_from_widgets(values, view.entries.get(ind.id))
    return entries


def render(ctx, view, section: str) -> None:
    if msg := st.session_state.pop("flash_assess", None):
        st.success(_(msg))
    fw = ctx.framework
    scores = service(ctx).scores(view, live_entries(ctx, view, section))
    a = scores.assessments.loc[view.id]
    st.markdown(_("**Live preview**"))
    if "headline" in a.index:  # the per-crime method (docs/methodology.md): the level that decides
        _headline(fw, a, ctx.lang)
    thin = honest.provisional(fw, a["coverage"])
    st.metric(_("Composite index (0–100)"), fmt(a["composite"]) + (" *" if thin else ""),
              help=_("The earlier composite, kept for comparison with past rounds; the level above decides.")
                   + (" " + _("* provisional: too little is assessed yet.") if thin else ""))
    st.caption(honest.tier_line(fw, a["tier"], a.get("tier_before_flags"), a["coverage"], ctx.lang)
               + " · " + _("band {low}–{high}").format(low=fmt(a["band_low"]), high=fmt(a["band_high"])))
    c1, c2 = st.columns(2)
    c1.metric(_("Risk"), fmt(a["risk_index"]))
    c2.metric(_("Resilience"), fmt(a["resilience_index"]))
    st.progress(min(1.0, float(a["coverage"] or 0)), text=_("Coverage {share}").format(share=pct(a["coverage"])))
    if a["red_flags"]:
        st.markdown(_("**Red flags raised**"))
        for i in a["red_flags"]:
            st.markdown(f"- :red[:material/flag:] {i}: {tr(fw.indicators[i].text, ctx.lang)[:90]}")
    fac = scores.factors[scores.factors["score"].notna()][["factor_id", "score", "coverage"]]
    if len(fac):
        st.dataframe(fac.rename(columns={"factor_id": _("Factor"), "score": _("Score"), "coverage": _("Coverage")})
                     .round(1), hide_index=True, height=220)


def _headline(fw, a, lang: str) -> None:
    """Headline crime and level, the status, and — below the coverage the method requires — a
    provisional mark with its reasons, so a thin assessment never reads as a firm conclusion."""
    low, high = a["headline_level_low"], a["headline_level_high"]
    band = "" if low == high else " · " + _("could be {low} to {high}").format(
        low=fw.tier(low).label(lang).lower(), high=fw.tier(high).label(lang).lower())
    st.caption(_("Highest risk"), help=_("Risk per crime: docs/methodology.md, sections 3–6."))
    headline = str(a["headline"])
    st.markdown(f"#### {plain(headline[:1].upper() + headline[1:])}")  # wraps in the narrow column
    if a["status"] == "under_way":
        st.error(f"{a['status_text'].capitalize()}{band}", icon=":material/warning:")
    else:
        st.caption(f"{a['status_text'].capitalize()}{band}")
    if a["provisional"]:
        reasons = "; ".join(str(r) for r in a["provisional_reasons"][:3])
        st.warning(_("Provisional: {reasons}").format(reasons=plain(reasons)), icon=":material/hourglass_empty:")
    if a["unresolved_red_flags"]:
        st.caption(_("Red-flag indicators not yet scored: {ids}").format(
            ids=", ".join(a["unresolved_red_flags"][:12]) + (" …" if len(a["unresolved_red_flags"]) > 12 else "")))
