"""Framework: browse and search factors and indicators, with guidance, sources and translations."""

from __future__ import annotations

import streamlit as st

from riskframe.app.context import get_context
from riskframe.framework.catalogue import indicator_detail


def page() -> None:
    ctx = get_context()
    fw = ctx.framework
    lang = ctx.lang
    st.title("Framework")
    st.caption(f"{fw.manifest.framework.title.get(lang) or fw.manifest.framework.title['en']} — "
               f"id {fw.id}, version {fw.version}. Indicator texts are paraphrases citing the document and number.")
    cov = fw.manifest.document_coverage
    n_risk = sum(1 for i in fw.indicators.values() if i.kind == "risk")
    if cov and n_risk < cov.document_risk_indicators:
        st.warning(f"{n_risk} of the document's {cov.document_risk_indicators} risk indicators. {cov.note}")
    c1, c2, c3 = st.columns([2, 1, 1])
    query = c1.text_input("Search text", key="fw_query", placeholder="e.g. hate speech, militia, elections")
    tags = c2.multiselect("Tags", list(fw.manifest.tags), key="fw_tags",
                          format_func=lambda t: fw.manifest.tags[t].get(lang) or fw.manifest.tags[t]["en"])
    only_flags = c3.toggle("Red flags only", key="fw_flags")
    shown = 0
    for factor in fw.factors:
        records = [indicator_detail(fw, ind, lang) for ind in factor.indicators]
        records = [r for r in records
                   if (not query or query.lower() in (r["text"] + " " + r["id"]).lower())
                   and (not tags or set(tags) & set(r["tags"]))
                   and (not only_flags or r["red_flag"])]
        if not records:
            continue
        shown += len(records)
        title = factor.title.get(lang) or factor.title["en"]
        with st.expander(f"{factor.id} · {title} — {len(records)} indicator(s)", expanded=bool(query or tags)):
            st.caption(factor.description.get(lang) or factor.description["en"])
            for r in records:
                flag = " :red[:material/flag:]" if r["red_flag"] else ""
                st.markdown(f"**{r['id']}**{flag} {r['text']}")
                st.caption("Tags: " + (", ".join(r["tags"]) or "—") + f" · Source: {r['source']} · "
                           f"checked against: {r['checked_against'] or 'n/a'}")
                for lvl, g in r["guidance"].items():
                    st.markdown(f"&nbsp;&nbsp;{lvl} *{g['label']}*: {g['meaning']}")
                st.markdown("Evidence: " + "; ".join(r["evidence_sources"]))
    if not shown:
        st.info("No indicator matches. Clear the search or the tag filter.")
