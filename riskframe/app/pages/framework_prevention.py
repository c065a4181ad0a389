"""Framework page, "Prevention options" tab: the catalogue of prevention options (issue 20, item 1).

Same records as `riskframe measures catalogue` (riskframe.prevention.option_records), shown as a table
of plain text with a search and filters; the page only renders.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.i18n import _, ngettext
from riskframe.prevention import option_records


def _addresses(r: dict) -> str:
    parts = [_("factor {id}").format(id=f) for f in r["factors"]] + list(r["indicators"]) + list(r["themes"])
    return ", ".join(parts)


def render(ctx) -> None:
    """Every option with who acts, its horizon, what it addresses and strengthens, and its seed passage."""
    records = option_records(ctx.framework, ctx.lang)
    st.caption(_("Things a State and its partners can do once risk is known, paraphrased from the seed texts and "
                 "cited by paragraph; linked to the factors, indicators and themes they address. Adopt one as a "
                 "recommended measure from an assessment's suggestions (Assess, Country dashboard)."))
    c1, c2, c3 = st.columns([2, 1, 1])
    query = c1.text_input(_("Search the options"), key="fw_options_query", placeholder=_("e.g. hate speech, NHRI"))
    horizons = sorted({(r["horizon"], r["horizon_label"]) for r in records})
    horizon = c2.selectbox(_("Horizon"), [None, *[h for h, _label in horizons]], key="fw_options_horizon",
                           format_func=lambda h: _("All") if h is None else dict(horizons)[h])
    actors = sorted({(a, label) for r in records for a, label in zip(r["actors"], r["actor_labels"], strict=True)})
    actor = c3.selectbox(_("Who acts"), [None, *[a for a, _label in actors]], key="fw_options_actor",
                         format_func=lambda a: _("All") if a is None else dict(actors)[a])
    needle = query.strip().lower()
    shown = [r for r in records
             if (not needle or needle in " ".join([r["id"], r["title"], r["description"], _addresses(r)]).lower())
             and (horizon is None or r["horizon"] == horizon) and (actor is None or actor in r["actors"])]
    st.caption(ngettext("{n} of {total} option", "{n} of {total} options", len(records)).format(
        n=len(shown), total=len(records)))
    if not shown:
        st.info(_("No option matches. Clear the search or the filters."))
        return
    table = pd.DataFrame([{
        _("Option"): r["title"], _("Horizon"): r["horizon_label"], _("Who acts"): ", ".join(r["actor_labels"]),
        _("Addresses"): _addresses(r), _("Strengthens"): ", ".join(r["strengthens"]),
        _("Source"): "; ".join(r["sources"]), _("Description"): r["description"], _("Id"): r["id"],
    } for r in shown])
    st.dataframe(table, hide_index=True, width="stretch")
