"""Reports: download an assessment report, a UPR section, a country brief or the portfolio brief.

The page only renders choices and what riskframe.reports returns (the service the CLI calls too):
reads scoped to the signed-in account, the document built when asked for (a refusal shown as its
sentence), the export written to the audit log.
"""

from __future__ import annotations

import streamlit as st

from riskframe.app.components import fictional_banner, status_label
from riskframe.app.context import get_context
from riskframe.i18n import N_, _
from riskframe.reports import (
    FORMATS,
    MIME,
    ReportOutcome,
    assessment_report,
    country_brief,
    portfolio_brief,
    upr_section,
)

KINDS = {"assessment": N_("Assessment report"), "upr": N_("UPR section (Word)"), "country": N_("Country brief"),
         "portfolio": N_("Portfolio brief")}
FORMAT_LABELS = {"pdf": N_("PDF (A4)"), "docx": N_("Word (DOCX)")}


def page() -> None:
    ctx = get_context()
    st.title(_("Reports"))
    st.caption(_("Documents to put in a national or UPR report: A4 PDF or Word, with charts, tables, the evidence "
                 "and the method."))
    assessments = ctx.store.list_assessments(ctx.actor)
    if not assessments:
        st.info(_("There is no assessment to report on yet."))
        return
    languages = ctx.framework.languages
    c1, c2, c3 = st.columns(3)
    kind = c1.radio(_("Document"), list(KINDS), format_func=lambda k: _(KINDS[k]), key="report_kind")
    formats = ["docx"] if kind == "upr" else list(FORMATS)
    fmt = c2.radio(_("Format"), formats, format_func=lambda f: _(FORMAT_LABELS[f]), key=f"report_format:{kind}")
    lang = c3.selectbox(_("Language of the document"), list(languages), format_func=lambda c: languages.get(c, c),
                        key="report_lang",
                        index=list(languages).index(ctx.lang) if ctx.lang in languages else 0)
    if kind in ("assessment", "upr"):
        by_id = {a.id: a for a in assessments}
        chosen = st.selectbox(_("Assessment"), list(by_id), index=len(by_id) - 1, key="report_assessment",
                              format_func=lambda i: f"{by_id[i].country} · {by_id[i].period} · "
                                                    f"{status_label(by_id[i].status)}")
        codes, name, drafts = [by_id[chosen].country], f"{kind}-{chosen}", False

        def build() -> ReportOutcome:
            if kind == "upr":
                return upr_section(ctx.store, ctx.actor, ctx.framework, chosen, lang=lang, channel="app")
            return assessment_report(ctx.store, ctx.actor, ctx.framework, chosen, fmt, lang=lang, channel="app")
    elif kind == "country":
        countries = sorted({a.country for a in assessments})
        code = st.selectbox(_("Country"), countries, key="report_country")
        drafts = st.toggle(_("Include drafts (drawn hollow)"), key="report_country_drafts")
        codes, name = [code], f"brief-{code}"

        def build() -> ReportOutcome:
            return country_brief(ctx.store, ctx.actor, ctx.framework, code, fmt, lang=lang, channel="app",
                                 validated_only=not drafts)
    else:
        drafts = st.toggle(_("Include drafts"), key="report_portfolio_drafts")
        codes, name = sorted({a.country for a in assessments}), "portfolio"

        def build() -> ReportOutcome:
            return portfolio_brief(ctx.store, ctx.actor, ctx.framework, fmt, lang=lang, channel="app",
                                   validated_only=not drafts)
    fictional_banner(codes)
    wanted = (kind, fmt, lang, name, drafts if kind in ("country", "portfolio") else None)
    if st.button(_("Prepare the document"), key="report_prepare", icon=":material/description:"):
        with st.spinner(_("Building the document…")):
            outcome = build()
        if outcome.ok:
            st.session_state["report_ready"] = (wanted, outcome.file_name, outcome.data)
        else:
            st.session_state.pop("report_ready", None)
            st.error(outcome.message)
    ready = st.session_state.get("report_ready")
    if ready and ready[0] == wanted:
        _wanted, file_name, data = ready
        st.download_button(_("Download {file}").format(file=file_name), data=data, file_name=file_name, mime=MIME[fmt],
                           key="report_download", on_click="ignore", type="primary", icon=":material/download:")
