"""Vulnerable groups, consultations, prevention measures, and the submission checklist."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from riskframe.app.components import plain
from riskframe.app.pages.assess_common import refusal, service
from riskframe.domain.status import status_label
from riskframe.domain.labels import consultation_category_label, measure_status_label, measure_type_label
from riskframe.i18n import _, format_date
from riskframe.store import (
    ConflictError,
    ConsultationCategory,
    ConsultationIn,
    MeasureIn,
    MeasureStatus,
    MeasureType,
    StoreError,
    VulnerableGroupIn,
)


def render(ctx, view, section: str, editable: bool, seen: int | None = None) -> None:
    """One list section; `seen` is the revision the page showed before this run (see assess_common)."""
    seen = view.revision if seen is None else seen
    {"groups": _groups, "consultations": _consultations, "measures": _measures, "submit": _submit}[section](
        ctx, view, editable, seen)


def _save(ctx, view, seen: int, kind: str, items: list) -> None:
    try:
        result = service(ctx).save_list(ctx.actor, view.id, seen, kind, items)
    except ConflictError as exc:
        st.error(_("Not saved: {reason}. Reload the page to see their changes, then try again.").format(reason=exc))
        return
    except (StoreError, ValueError) as exc:
        st.error(_("Not saved: {reason}").format(reason=exc))
        return
    st.session_state["flash_assess"] = _("Saved (revision {revision}).").format(revision=result.revision)
    st.rerun()


def _add(ctx, view, seen: int, kind: str, model, **fields) -> None:
    """Validate a new item from a form, saying what is wrong instead of failing; then save it."""
    try:
        item = model(**fields)
    except ValueError as exc:
        st.error(_("Not saved: {reason}").format(reason=str(exc).splitlines()[-1]))
        return
    _save(ctx, view, seen, kind, [item])


def _delete_buttons(ctx, view, seen: int, kind: str, items, editable: bool, describe) -> None:
    if not items:
        st.caption(_("None recorded yet."))
    for item in items:
        c1, c2 = st.columns([6, 1], vertical_alignment="center")
        c1.markdown(describe(item))
        if editable and c2.button(_("Remove"), key=f"del:{kind}:{item.key}"):
            model = {"groups": VulnerableGroupIn, "consultations": ConsultationIn, "measures": MeasureIn}[kind]
            _save(ctx, view, seen, kind, [model(key=item.key, deleted=True)])


def _groups(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Vulnerable groups identified"))
    _delete_buttons(ctx, view, seen, "groups", view.vulnerable_groups, editable,
                    lambda g: f"**{plain(g.name)}** ({plain(g.basis) or _('basis not given')}) — {plain(g.description)}")
    if editable:
        with st.form("add_group", clear_on_submit=True):
            name = st.text_input(_("Group"))
            basis = st.text_input(_("Basis"), help=_("e.g. ethnic, religious, national, political, gender, age"))
            description = st.text_area(_("Why this group is at risk"))
            if st.form_submit_button(_("Add group")):
                _add(ctx, view, seen, "groups", VulnerableGroupIn, name=name, basis=basis, description=description)


def _consultations(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Consultations held"))
    st.caption(_("Who was consulted for this assessment: civil society, women's organisations, youth, religious "
                 "leaders, the national human-rights institution …"))
    _delete_buttons(ctx, view, seen, "consultations", view.consultations, editable,
                    lambda c: f"**{plain(c.name)}** · {consultation_category_label(c.category)} · "
                              f"{format_date(c.date) if c.date else _('no date')} — {plain(c.summary)}")
    if editable:
        with st.form("add_consultation", clear_on_submit=True):
            category = st.selectbox(_("With whom"), [c.value for c in ConsultationCategory],
                                    format_func=consultation_category_label)
            name = st.text_input(_("Organisation or person"))
            date = st.date_input(_("Date"), value=dt.date.today())
            summary = st.text_area(_("Summary"))
            if st.form_submit_button(_("Add consultation")):
                _add(ctx, view, seen, "consultations", ConsultationIn, category=category, name=name, date=date,
                     summary=summary)


def _measures(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Recommended prevention measures"))
    _delete_buttons(ctx, view, seen, "measures", view.measures, editable,
                    lambda m: f"**{plain(m.title)}** · {measure_type_label(m.type)} · {measure_status_label(m.status)} · "
                              + _("owner {owner} · due {due} · linked {linked}").format(
                                  owner=plain(m.owner) or "—", due=format_date(m.due_date) if m.due_date else "—",
                                  linked=plain(", ".join(m.linked_ids)) or "—"))
    if editable:
        with st.form("add_measure", clear_on_submit=True):
            title = st.text_input(_("Measure"))
            description = st.text_area(_("Description"))
            c1, c2, c3 = st.columns(3)
            mtype = c1.selectbox(_("Type"), [t.value for t in MeasureType], format_func=measure_type_label)
            status = c2.selectbox(_("Status"), [s.value for s in MeasureStatus], format_func=measure_status_label)
            owner = c3.text_input(_("Owner"))
            linked = st.multiselect(_("Linked factors or indicators"), list(ctx.framework.factor_by_id)
                                    + list(ctx.framework.indicators))
            due = st.date_input(_("Due date"), value=None)
            if st.form_submit_button(_("Add measure")):
                _add(ctx, view, seen, "measures", MeasureIn, title=title, description=description, type=mtype,
                     status=status, owner=owner, linked_ids=linked, due_date=due)


def _submit(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Submit for validation"))
    items = service(ctx).checklist(view)
    for item in items:
        mark = ":green[:material/check_circle:]" if item.ok else ":red[:material/cancel:]"
        st.markdown(f"{mark} **{item.label}** — {item.detail}")
    if not editable:
        st.info(_("The assessment is {status}; nothing to submit.").format(status=status_label(view.status)))
        return
    ready = all(i.ok for i in items)
    if not ready:
        st.warning(_("Complete what is marked :red[:material/cancel:] before submitting."))
    if st.button(_("Submit for validation"), type="primary", disabled=not ready, key=f"submit:{view.id}"):
        try:
            service(ctx).submit(ctx.actor, view.id, seen)
        except StoreError as exc:
            st.error(refusal(exc))
            return
        st.session_state["flash_assess"] = _("Submitted for validation.")
        st.rerun()
