"""Vulnerable groups, consultations, prevention measures, and the submission checklist."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from pydantic import ValidationError

from riskframe.app import leave_guard
from riskframe.app.components import plain
from riskframe.app.limits import limit
from riskframe.app.pages.assess_common import refusal, service
from riskframe.domain.sentences import problems
from riskframe.i18n import N_, _
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
    if editable and section in FORM_LIMITS:  # a warning before leaving a half-filled form
        run = st.session_state["leave_guard_run"] = st.session_state.get("leave_guard_run", 0) + 1
        leave_guard.guard(False, run, {_(label): limit(kind, field) or 0 for label, kind, field in FORM_LIMITS[section]})
    {"groups": _groups, "consultations": _consultations, "measures": _measures, "submit": _submit}[section](
        ctx, view, editable, seen)


# The boxes of each add form: their label and the schema field whose limit they show.
FORM_LIMITS = {
    "groups": [("Group", "group", "name"), ("Basis", "group", "basis"),
               ("Why this group is at risk", "group", "description")],
    "consultations": [("Organisation or person", "consultation", "name"), ("Summary", "consultation", "summary")],
    "measures": [("Measure", "measure", "title"), ("Description", "measure", "description"),
                 ("Owner", "measure", "owner")],
}
FIELD_LABELS = {"name": N_("Name"), "basis": N_("Basis"), "description": N_("Description"), "summary": N_("Summary"),
                "title": N_("Measure"), "owner": N_("Owner"), "follow_up": N_("Follow-up"), "date": N_("Date"),
                "due_date": N_("Due date")}


def _form_key(kind: str) -> str:
    """The add form's key; it changes after a successful save, which empties the form. After a
    refusal it stays, so the form keeps everything that was typed."""
    return f"add_{kind}:{st.session_state.get(f'form_nonce:{kind}', 0)}"


def _emptied(kind: str) -> None:
    st.session_state[f"form_nonce:{kind}"] = st.session_state.get(f"form_nonce:{kind}", 0) + 1


def _save(ctx, view, seen: int, kind: str, items: list) -> None:
    try:
        result = service(ctx).save_list(ctx.actor, view.id, seen, kind, items)
    except ConflictError as exc:
        st.error(f"Not saved: {exc}. Reload the page to see their changes, then try again.")
        return
    except (StoreError, ValueError) as exc:
        st.error(f"Not saved: {exc}")
        return
    st.session_state["flash_assess"] = f"Saved (revision {result.revision})."
    _emptied(kind)
    st.rerun()


def _add(ctx, view, seen: int, kind: str, model, **fields) -> None:
    """Validate a new item from a form, saying in sentences what is wrong (the form keeps its content)."""
    try:
        item = model(**fields)
    except ValidationError as exc:
        for p in problems(exc):
            label = FIELD_LABELS.get(p.field)
            sentence = f"{_(label)} {p.sentence}" if label else p.sentence[:1].upper() + p.sentence[1:]
            st.error(_("Not saved: {sentence}. What you typed is still in the form.").format(sentence=sentence))
        return
    _save(ctx, view, seen, kind, [item])


def _delete_buttons(ctx, view, seen: int, kind: str, items, editable: bool, describe) -> None:
    if not items:
        st.caption("None recorded yet.")
    for item in items:
        c1, c2 = st.columns([6, 1], vertical_alignment="center")
        c1.markdown(describe(item))
        if editable and c2.button("Remove", key=f"del:{kind}:{item.key}"):
            model = {"groups": VulnerableGroupIn, "consultations": ConsultationIn, "measures": MeasureIn}[kind]
            _save(ctx, view, seen, kind, [model(key=item.key, deleted=True)])


def _groups(ctx, view, editable: bool, seen: int) -> None:
    st.subheader("Vulnerable groups identified")
    _delete_buttons(ctx, view, seen, "groups", view.vulnerable_groups, editable,
                    lambda g: f"**{plain(g.name)}** ({plain(g.basis) or 'basis not given'}) — {plain(g.description)}")
    if editable:
        with st.form(_form_key("groups")):
            name = st.text_input("Group", max_chars=limit("group", "name"))
            basis = st.text_input("Basis", help="e.g. ethnic, religious, national, political, gender, age",
                                  max_chars=limit("group", "basis"))
            description = st.text_area("Why this group is at risk", max_chars=limit("group", "description"))
            if st.form_submit_button("Add group"):
                _add(ctx, view, seen, "groups", VulnerableGroupIn, name=name, basis=basis, description=description)


def _consultations(ctx, view, editable: bool, seen: int) -> None:
    st.subheader("Consultations held")
    st.caption("Who was consulted for this assessment: civil society, women's organisations, youth, "
               "religious leaders, the national human-rights institution …")
    _delete_buttons(ctx, view, seen, "consultations", view.consultations, editable,
                    lambda c: f"**{plain(c.name)}** · {c.category.value.replace('_', ' ')} · {c.date or 'no date'} — "
                              f"{plain(c.summary)}")
    if editable:
        with st.form(_form_key("consultations")):
            category = st.selectbox("With whom", [c.value for c in ConsultationCategory],
                                    format_func=lambda c: c.replace("_", " "))
            name = st.text_input("Organisation or person", max_chars=limit("consultation", "name"))
            date = st.date_input("Date", value=dt.date.today())
            summary = st.text_area("Summary", max_chars=limit("consultation", "summary"))
            if st.form_submit_button("Add consultation"):
                _add(ctx, view, seen, "consultations", ConsultationIn, category=category, name=name, date=date,
                     summary=summary)


def _measures(ctx, view, editable: bool, seen: int) -> None:
    st.subheader("Recommended prevention measures")
    _delete_buttons(ctx, view, seen, "measures", view.measures, editable,
                    lambda m: f"**{plain(m.title)}** · {m.type.value} · {m.status.value.replace('_', ' ')} · owner "
                              f"{plain(m.owner) or '—'} · due {m.due_date or '—'} · linked "
                              f"{plain(', '.join(m.linked_ids)) or '—'}")
    if editable:
        with st.form(_form_key("measures")):
            title = st.text_input("Measure", max_chars=limit("measure", "title"))
            description = st.text_area("Description", max_chars=limit("measure", "description"))
            c1, c2, c3 = st.columns(3)
            mtype = c1.selectbox("Type", [t.value for t in MeasureType])
            status = c2.selectbox("Status", [s.value for s in MeasureStatus])
            owner = c3.text_input("Owner", max_chars=limit("measure", "owner"))
            linked = st.multiselect("Linked factors or indicators", list(ctx.framework.factor_by_id)
                                    + list(ctx.framework.indicators))
            due = st.date_input("Due date", value=None)
            if st.form_submit_button("Add measure"):
                _add(ctx, view, seen, "measures", MeasureIn, title=title, description=description, type=mtype,
                     status=status, owner=owner, linked_ids=linked, due_date=due)


def _submit(ctx, view, editable: bool, seen: int) -> None:
    st.subheader("Submit for validation")
    items = service(ctx).checklist(view)
    for item in items:
        mark = ":green[:material/check_circle:]" if item.ok else ":red[:material/cancel:]"
        st.markdown(f"{mark} **{item.label}** — {item.detail}")
    if not editable:
        st.info(f"The assessment is {view.status}; nothing to submit.")
        return
    ready = all(i.ok for i in items)
    if not ready:
        st.warning("Complete what is marked :red[:material/cancel:] before submitting.")
    if st.button("Submit for validation", type="primary", disabled=not ready, key=f"submit:{view.id}"):
        try:
            service(ctx).submit(ctx.actor, view.id, seen)
        except StoreError as exc:
            st.error(refusal(exc))
            return
        st.session_state["flash_assess"] = "Submitted for validation."
        st.rerun()
