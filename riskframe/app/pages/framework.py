"""Framework: browse and search factors and indicators, with guidance, sources and translations."""

from __future__ import annotations

import streamlit as st

from riskframe.app.components import local
from riskframe.app.context import get_context
from riskframe.i18n import _, ngettext
from riskframe.framework.catalogue import indicator_detail


def page() -> None:
    ctx = get_context()
    fw = ctx.framework
    lang = ctx.lang
    st.title(_("Framework"))
    st.caption(_("{title} — id {id}, version {version}. Indicator texts are paraphrases citing the document and "
                 "number.").format(title=local(fw.manifest.framework.title, lang), id=fw.id, version=fw.version))
    cov = fw.manifest.document_coverage
    n_risk = sum(1 for i in fw.indicators.values() if i.kind == "risk")
    if cov and n_risk < cov.document_risk_indicators:
        st.warning(_("{n} of the document's {total} risk indicators.").format(
            n=n_risk, total=cov.document_risk_indicators) + " " + local(cov.note, lang))
    indicators_tab, options_tab = st.tabs([_("Factors and indicators"), _("Prevention options")])
    with options_tab:
        from riskframe.app.pages import framework_prevention

        framework_prevention.render(ctx)
    with indicators_tab:
        _indicators(fw, lang)


def _indicators(fw, lang: str) -> None:
    c1, c2, c3 = st.columns([2, 1, 1])
    query = c1.text_input(_("Search text"), key="fw_query", placeholder=_("e.g. hate speech, militia, elections"))
    tags = c2.multiselect(_("Tags"), list(fw.manifest.tags), key="fw_tags",
                          format_func=lambda t: local(fw.manifest.tags[t], lang))
    only_flags = c3.toggle(_("Red flags only"), key="fw_flags")
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
        title = local(factor.title, lang)
        count = ngettext("{n} indicator", "{n} indicators", len(records)).format(n=len(records))
        # Lazy: a closed factor sends only its title; its indicators are drawn when it is opened (one
        # rerun). Drawing every text of the framework in closed expanders made the page ~40,000 DOM
        # nodes and seconds of browser work on each open (issue 18). A search opens the matches.
        with st.expander(f"{factor.id} · {title} — {count}", expanded=bool(query or tags), on_change="rerun",
                         key=f"fw_open:{factor.id}:{int(bool(query or tags))}") as box:
            if not box.open:
                continue
            st.caption(local(factor.description, lang))
            for r in records:
                flag = " :red[:material/flag:]" if r["red_flag"] else ""
                st.markdown(f"**{r['id']}**{flag} {r['text']}")
                tag_names = ", ".join(local(fw.manifest.tags[t], lang) if t in fw.manifest.tags else t
                                      for t in r["tags"]) or "—"
                st.caption(_("Tags: {tags} · Source: {source} · checked against: {checked}").format(
                    tags=tag_names, source=r["source"], checked=r["checked_against"] or _("n/a")))
                for lvl, g in r["guidance"].items():
                    st.markdown(f"&nbsp;&nbsp;{lvl} *{g['label']}*: {g['meaning']}")
                st.markdown(_("Evidence: {sources}").format(sources="; ".join(r["evidence_sources"])))
    if not shown:
        st.info(_("No indicator matches. Clear the search or the tag filter."))
