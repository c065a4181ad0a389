"""Import / Export: download workbooks and templates; upload a filled template, see the changes, apply.

The page only lays out riskframe.excel: checks, diff and the single all-or-nothing save live there,
so the CLI and the page behave the same. Workbooks are built when the download is clicked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from riskframe.accounts import trail
from riskframe.app.components import fictional_banner, plain, status_label
from riskframe.app.context import get_context
from riskframe.domain import Period, PeriodError, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.excel.export import export_workbook
from riskframe.excel.export_data import Selection
from riskframe.excel.hostile import UnsafeFile
from riskframe.excel.importer import ImportRefused, apply_import, plan_import
from riskframe.excel.problems import TemplateInvalid
from riskframe.excel.reader import read_template
from riskframe.excel.template import template_bytes
from riskframe.store import StoreError, access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MODES = {"assessment": "One assessment", "country": "One country over time", "comparison": "Countries in one period"}


def page() -> None:
    ctx = get_context()
    st.title("Import / Export")
    st.caption("Excel workbooks for reports, and templates to fill offline and bring back.")
    export_tab, template_tab, import_tab = st.tabs(["Export", "Template", "Import"])
    with export_tab:
        _export(ctx)
    with template_tab:
        _template(ctx)
    with import_tab:
        _import(ctx)


def _export(ctx) -> None:
    assessments = ctx.store.list_assessments(ctx.actor)
    if not assessments:
        st.info("There is no assessment to export yet.")
        return
    mode = st.radio("Export", list(MODES), format_func=MODES.get, horizontal=True, key="excel_export_mode")
    if mode == "assessment":
        by_id = {a.id: a for a in assessments}
        chosen = st.selectbox("Assessment", list(by_id), key="excel_export_assessment",
                              format_func=lambda i: f"{by_id[i].country} · {by_id[i].period} · "
                                                    f"{status_label(by_id[i].status)}")
        sel, codes, name = Selection(assessment_id=chosen), [by_id[chosen].country], \
            f"{by_id[chosen].country}-{by_id[chosen].period}"
    elif mode == "country":
        countries = sorted({a.country for a in assessments})
        code = st.selectbox("Country", countries, key="excel_export_country")
        periods = [a.period for a in assessments if a.country == code]
        c1, c2 = st.columns(2)
        first = c1.selectbox("From", periods, index=0, key=f"excel_export_from:{code}")
        last = c2.selectbox("To", periods, index=len(periods) - 1, key=f"excel_export_to:{code}")
        sel, codes, name = Selection(country=code, period_from=first, period_to=last), [code], f"{code}-{first}-{last}"
    else:
        periods = sorted({(a.period_start, a.period) for a in assessments})
        period = st.selectbox("Period", [p for _, p in periods], index=len(periods) - 1, key="excel_export_period")
        present = sorted({a.country for a in assessments if a.period == period})
        codes = st.multiselect("Countries", present, default=present, key=f"excel_export_countries:{period}")
        sel, name = Selection(period=period, countries=tuple(codes)), f"{len(codes)}-countries-{period}"
    fictional_banner(codes)
    if not codes:
        st.info("Choose at least one country.")
        return
    def build() -> bytes:
        data = export_workbook(ctx.store, ctx.actor, ctx.framework, sel, lang=ctx.lang)
        trail.exported(ctx.store, ctx.actor, sel, f"riskframe-{name}.xlsx", "app")
        return data

    st.download_button("Download workbook", data=build,
                       file_name=f"riskframe-{name}.xlsx", mime=XLSX, key="excel_export_download",
                       on_click="ignore", type="primary")


def _template(ctx) -> None:
    known = {c.code: c.name for c in ctx.store.list_countries(ctx.actor)}
    c1, c2 = st.columns(2)
    country = c1.text_input("Country code", value=next(iter(sorted(known)), ""), max_chars=2,
                            key="excel_template_country", help="ISO 3166-1 alpha-2; XA–XZ are fictional")
    period = c2.text_input("Period", value=Period.quarter_of(dt.date.today()).label, key="excel_template_period")
    prefill = st.checkbox("Fill in the current values", value=True, key="excel_template_prefill")
    try:
        code, label = resolve_country(country).code, Period.parse(period).label
    except (CountryError, PeriodError) as exc:
        st.error(str(exc))
        return
    fictional_banner([code])
    found = ctx.store.find_assessment(ctx.actor, code, label)
    if found is None:
        st.caption(f"No assessment for {code} {label} yet: the import will create it.")
    else:
        st.caption(f"Assessment {found.id}, {status_label(found.status)}, revision {found.revision}.")

    def build() -> bytes:
        view = ctx.store.get_assessment(ctx.actor, found.id) if found else None
        data = template_bytes(ctx.framework, code, label, view, prefill=prefill, lang=ctx.lang)
        trail.template_made(ctx.store, ctx.actor, code, label, found.id if found else None, prefill,
                            f"riskframe-template-{code}-{label}.xlsx", "app")
        return data

    st.download_button("Download template", data=build, file_name=f"riskframe-template-{code}-{label}.xlsx",
                       mime=XLSX, key="excel_template_download", on_click="ignore")


def _import(ctx) -> None:
    if not access.allows(ctx.actor, access.WRITE):
        st.info("Your role can read and export assessments but not import them.")
        return
    upload = st.file_uploader("Filled template (.xlsx)", type=["xlsx"], key="excel_upload",
                              help=f"At most {ctx.settings.upload_max_mb} MB; macro-enabled or "
                                   "password-protected files are refused.")
    if upload is None:
        return
    try:
        parsed = read_template(upload.getvalue(), ctx.framework, max_mb=ctx.settings.upload_max_mb)
    except UnsafeFile as exc:
        st.error(f"{plain(upload.name)} was refused: {exc}. Nothing was written.")
        return
    except TemplateInvalid as exc:
        st.error(f"{plain(upload.name)} cannot be imported ({len(exc.problems)} problem(s)); nothing was written:\n\n"
                 + "\n".join(f"- {p}" for p in exc.problems))
        return
    fictional_banner([parsed.country])
    for warning in parsed.warnings:
        st.warning(warning)
    try:
        plan = plan_import(ctx.store, ctx.actor, ctx.framework, parsed)
    except StoreError as exc:  # e.g. a country outside the account's scope
        st.error(f"{exc}. Nothing was written.")
        return
    if plan.refusal:
        st.error(plan.refusal + ". Nothing was written.")
        return
    if plan.conflicts:
        _conflicts(plan.conflicts)
        return
    if not plan.entries:
        st.success(f"Nothing to change: the database already holds these values for {parsed.country} {parsed.period}.")
        return
    st.subheader(f"{len(plan.entries)} indicator(s) would change in {parsed.country} {parsed.period}")
    st.dataframe(pd.DataFrame([{"indicator": c.indicator_id, "field": c.field, "database": _text(c.database),
                                "file": _text(c.file)} for c in plan.changes]), hide_index=True)
    if st.button(f"Apply {len(plan.entries)} change(s)", type="primary", key="excel_import_apply"):
        try:
            result = apply_import(ctx.store, ctx.actor, ctx.framework, plan, note=f"Excel import of {upload.name}")
        except ImportRefused as exc:
            if plan.conflicts:
                _conflicts(plan.conflicts)
            else:
                st.error(str(exc))
            return
        except StoreError as exc:
            st.error(str(exc))
            return
        trail.imported(ctx.store, ctx.actor, plan, result.revision, upload.name, "app")
        st.success(f"Imported {len(plan.entries)} indicator(s) into {parsed.country} {parsed.period}: "
                   f"revision {result.revision}.")


def _conflicts(conflicts) -> None:
    st.error(f"Someone changed {len(conflicts)} field(s) since this template was made; nothing was written. "
             "Download a new template with the current values and copy your changes into it.")
    st.dataframe(pd.DataFrame([{"field": c.field, "in the template's base": _text(c.base), "now": _text(c.theirs),
                                "changed by": c.theirs_by, "yours": _text(c.yours)} for c in conflicts]),
                 hide_index=True)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(" | ".join(str(v) for v in s.values() if v) for s in value)
    return str(value)
