"""Import / Export: download workbooks and templates; upload a filled template, see the changes, apply.

The page only renders what riskframe.excel.service returns (the pipeline the CLI uses too):
authorization, checks, the three-way merge, the all-or-nothing save and the audit live there.
Workbooks are built when the download is clicked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from riskframe.app.components import fictional_banner, plain, status_label
from riskframe.app.context import get_context
from riskframe.domain import Period
from riskframe.excel.export_data import Selection
from riskframe.excel.service import ImportOutcome, export_file, import_file, template_file, template_target
from riskframe.i18n import N_, _
from riskframe.store import access

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MODES = {"assessment": N_("One assessment"), "country": N_("One country over time"),
         "comparison": N_("Countries in one period")}
CHANGE_COLUMNS = {"indicator": N_("indicator"), "field": N_("field"), "database": N_("database"), "file": N_("file"),
                  "value kept": N_("value kept"), "changed by": N_("changed by"),
                  "in the template's base": N_("in the template's base"), "yours (file)": N_("yours (file)"),
                  "theirs (now)": N_("theirs (now)")}


def _headers(frame: pd.DataFrame) -> dict:
    """Column headers in the run's language; the frame keeps its English keys."""
    return {c: _(CHANGE_COLUMNS[c]) for c in frame.columns if c in CHANGE_COLUMNS}


def page() -> None:
    ctx = get_context()
    st.title(_("Import / Export"))
    st.caption(_("Excel workbooks for reports, and templates to fill offline and bring back."))
    export_tab, template_tab, import_tab = st.tabs([_("Export"), _("Template"), _("Import")])
    with export_tab:
        _export(ctx)
    with template_tab:
        _template(ctx)
    with import_tab:
        _import(ctx)


def _export(ctx) -> None:
    assessments = ctx.store.list_assessments(ctx.actor)
    if not assessments:
        st.info(_("There is no assessment to export yet."))
        return
    mode = st.radio(_("Export"), list(MODES), format_func=lambda m: _(MODES[m]), horizontal=True,
                    key="excel_export_mode")
    if mode == "assessment":
        by_id = {a.id: a for a in assessments}
        chosen = st.selectbox(_("Assessment"), list(by_id), key="excel_export_assessment",
                              format_func=lambda i: f"{by_id[i].country} · {by_id[i].period} · "
                                                    f"{status_label(by_id[i].status)}")
        sel, codes, name = Selection(assessment_id=chosen), [by_id[chosen].country], \
            f"{by_id[chosen].country}-{by_id[chosen].period}"
    elif mode == "country":
        countries = sorted({a.country for a in assessments})
        code = st.selectbox(_("Country"), countries, key="excel_export_country")
        periods = [a.period for a in assessments if a.country == code]
        c1, c2 = st.columns(2)
        first = c1.selectbox(_("From"), periods, index=0, key=f"excel_export_from:{code}")
        last = c2.selectbox(_("To"), periods, index=len(periods) - 1, key=f"excel_export_to:{code}")
        sel, codes, name = Selection(country=code, period_from=first, period_to=last), [code], f"{code}-{first}-{last}"
    else:
        periods = sorted({(a.period_start, a.period) for a in assessments})
        period = st.selectbox(_("Period"), [p for _start, p in periods], index=len(periods) - 1, key="excel_export_period")
        present = sorted({a.country for a in assessments if a.period == period})
        codes = st.multiselect(_("Countries"), present, default=present, key=f"excel_export_countries:{period}")
        sel, name = Selection(period=period, countries=tuple(codes)), f"{len(codes)}-countries-{period}"
    fictional_banner(codes)
    if not codes:
        st.info(_("Choose at least one country."))
        return
    def build() -> bytes:
        return export_file(ctx.store, ctx.actor, ctx.framework, sel, lang=ctx.lang,
                           file_name=f"riskframe-{name}.xlsx", channel="app").data

    st.download_button(_("Download workbook"), data=build,
                       file_name=f"riskframe-{name}.xlsx", mime=XLSX, key="excel_export_download",
                       on_click="ignore", type="primary")


def _template(ctx) -> None:
    known = {c.code: c.name for c in ctx.store.list_countries(ctx.actor)}
    c1, c2 = st.columns(2)
    country = c1.text_input(_("Country code"), value=next(iter(sorted(known)), ""), max_chars=2,
                            key="excel_template_country", help=_("ISO 3166-1 alpha-2; XA–XZ are fictional"))
    period = c2.text_input(_("Period"), value=Period.quarter_of(dt.date.today()).label, key="excel_template_period")
    prefill = st.checkbox(_("Fill in the current values"), value=True, key="excel_template_prefill")
    target = template_target(ctx.store, ctx.actor, country, period)
    if not target.ok:
        st.error(plain(target.message))
        return
    code, label = target.country, target.period
    fictional_banner([code])
    if target.assessment_id is None:
        st.caption(_("No assessment for {country} {period} yet: the import will create it.").format(
            country=code, period=label))
    else:
        status = status_label(target.status or "")
        st.caption(_("Assessment {id}, {status}, revision {revision}.").format(
            id=target.assessment_id, status=status, revision=target.revision))

    def build() -> bytes:
        return template_file(ctx.store, ctx.actor, ctx.framework, code, label, prefill=prefill, lang=ctx.lang,
                             file_name=f"riskframe-template-{code}-{label}.xlsx", channel="app").data

    st.download_button(_("Download template"), data=build, file_name=f"riskframe-template-{code}-{label}.xlsx",
                       mime=XLSX, key="excel_template_download", on_click="ignore")


def _import(ctx) -> None:
    if not access.allows(ctx.actor, access.WRITE):
        st.info(_("Your role can read and export assessments but not import them."))
        return
    upload = st.file_uploader(_("Filled template (.xlsx)"), type=["xlsx"], key="excel_upload",
                              help=_("At most {mb} MB; macro-enabled or password-protected files are "
                                     "refused.").format(mb=ctx.settings.upload_max_mb))
    if upload is None:
        return
    prefix = f"excel_choice:{getattr(upload, 'file_id', upload.name)}:"  # choices belong to this upload
    choices = {k.removeprefix(prefix): v for k, v in st.session_state.items()
               if isinstance(k, str) and k.startswith(prefix) and v in ("mine", "theirs")}
    kwargs = dict(channel="app", max_mb=ctx.settings.upload_max_mb, choices=choices)
    outcome = import_file(ctx.store, ctx.actor, ctx.framework, upload.getvalue(), upload.name, **kwargs)
    if outcome.status == "preview" and st.button(_("Apply {n} change(s)").format(n=outcome.indicators + outcome.items),
                                                 type="primary", key="excel_import_apply"):
        outcome = import_file(ctx.store, ctx.actor, ctx.framework, upload.getvalue(), upload.name, apply=True,
                              **kwargs)
    _render(outcome, prefix)


def _render(outcome: ImportOutcome, prefix: str) -> None:
    if outcome.country:
        fictional_banner([outcome.country])
    for warning in outcome.warnings:
        st.warning(plain(warning))
    if outcome.status == "invalid":
        st.error(f"{plain(_sentence(outcome.message))}\n\n" + "\n".join(f"- {plain(str(p))}" for p in outcome.problems))
        return
    if outcome.status in ("unsafe", "denied", "refused", "error"):
        st.error(plain(_sentence(outcome.message)))
        return
    if outcome.conflicts:
        _conflicts(outcome, prefix)
    if outcome.status == "conflicts":
        return
    if outcome.status == "nothing":
        st.success(_("Nothing to change: the database already holds these values for {country} {period}.").format(
            country=outcome.country, period=outcome.period))
    elif outcome.status == "applied":
        st.success(_("Imported {n} indicator(s) and {items} list item(s) into {country} {period}: revision "
                     "{revision}.").format(n=outcome.indicators, items=outcome.items, country=outcome.country,
                                           period=outcome.period, revision=outcome.revision))
    else:
        st.subheader(_("{n} indicator(s) and {items} list item(s) would change in {country} {period}").format(
            n=outcome.indicators, items=outcome.items, country=outcome.country, period=outcome.period))
        if outcome.changes:
            changes = pd.DataFrame([{"indicator": c.indicator_id, "field": c.field, "database": _text(c.database),
                                     "file": _text(c.file)} for c in outcome.changes])
            st.dataframe(changes, hide_index=True, column_config=_headers(changes))
    if outcome.item_changes and outcome.status != "nothing":
        st.markdown(_("**Vulnerable groups, consultations and measures**"))
        for change in outcome.item_changes:
            st.text(change.text)
    if outcome.item_kept:
        st.caption(_("Merged from colleagues: {n} list item(s) changed in the app since the template was made stay "
                     "as they are.").format(n=len(outcome.item_kept)))
        for kept_item in outcome.item_kept:
            st.text(kept_item.text)
    if outcome.kept:
        st.caption(_("Merged from colleagues: {n} value(s) changed in the app since the template was made stay as "
                     "they are (your file did not change them).").format(n=len(outcome.kept)))
        kept = pd.DataFrame([{"indicator": k.indicator_id, "field": k.field, "value kept": _text(k.value),
                              "changed by": k.changed_by or ""} for k in outcome.kept])
        st.dataframe(kept, hide_index=True, column_config=_headers(kept))


def _conflicts(outcome: ImportOutcome, prefix: str) -> None:
    """Each field both sides changed, with a mine / theirs choice (score and missing reason go together)."""
    open_ = outcome.open_conflicts
    if open_:
        st.error(_("{n} field(s) were changed both in your file and by someone else since this template was made; "
                   "nothing was written. Choose which value stays for each.").format(n=len(open_)))
    else:
        st.info(_("Both your file and a colleague changed the fields below; your choices are applied."))
    both = pd.DataFrame([{"field": c.label or f"{c.indicator_id} {c.field}", "in the template's base": _text(c.base),
                          "yours (file)": _text(c.file), "theirs (now)": _text(c.database),
                          "changed by": c.changed_by or ""} for c in outcome.conflicts])
    st.dataframe(both, hide_index=True, column_config=_headers(both))
    labels = {"mine": _("keep mine (the file)"), "theirs": _("keep theirs (the database)")}
    named: dict[str, str] = {}
    for c in outcome.conflicts:  # one choice per key; its label says the field in words, never an item id
        named.setdefault(c.choice_key, c.label or _("Indicator {id}, {fields}").format(id=c.indicator_id, fields=c.field))
    for key, label in named.items():
        st.radio(label, list(labels), format_func=labels.get, index=None, horizontal=True, key=f"{prefix}{key}")


def _sentence(message: str) -> str:
    text = message.replace("; nothing was written", ". Nothing was written")
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(" | ".join(str(v) for v in s.values() if v) for s in value)
    return str(value)
