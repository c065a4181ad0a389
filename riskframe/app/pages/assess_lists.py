"""Vulnerable groups, consultations, prevention measures, and the submission checklist."""

from __future__ import annotations

import streamlit as st

from riskframe.app import labels, leave_guard
from riskframe.app.components import plain
from riskframe.app.limits import limit
from riskframe.app.pages import assess_items
from riskframe.app.pages.assess_common import refusal, service
from riskframe.domain.status import status_label
from riskframe.i18n import _, format_date
from riskframe.store import StoreError


def render(ctx, view, section: str, editable: bool, seen: int | None = None) -> None:
    """One list section; `seen` is the revision the page showed before this run (see assess_common)."""
    seen = view.revision if seen is None else seen
    if msg := st.session_state.pop("flash_assess_error", None):
        st.error(msg)
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
                 ("Owner", "measure", "owner"), ("UPR recommendation text", "measure", "upr_recommendation_text")],
}
def _form_key(kind: str) -> str:
    """The add form's key; it changes after a successful save, which empties the form. After a
    refusal it stays, so the form keeps everything that was typed."""
    return f"add_{kind}:{st.session_state.get(f'form_nonce:{kind}', 0)}"


def _emptied(kind: str) -> None:
    st.session_state[f"form_nonce:{kind}"] = st.session_state.get(f"form_nonce:{kind}", 0) + 1


def _add_form(ctx, view, seen: int, kind: str, button: str) -> None:
    with st.form(_form_key(kind)):
        values = assess_items.fields(ctx, kind, prefix=_form_key(kind))
        if st.form_submit_button(button):
            item = assess_items.build(kind, values)
            if item is not None:
                assess_items.save(ctx, view, seen, kind, [item], done=lambda: _emptied(kind))


def _groups(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Vulnerable groups identified"))
    assess_items.show(ctx, view, seen, "groups", view.vulnerable_groups, editable,
                      lambda g: f"**{plain(g.name)}** ({plain(g.basis) or _('basis not given')}) — {plain(g.description)}")
    if editable:
        st.markdown(_("**Add a group**"))
        _add_form(ctx, view, seen, "groups", _("Add group"))


def _consultations(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Consultations held"))
    st.caption(_("Who was consulted for this assessment: civil society, women's organisations, youth, "
               "religious leaders, the national human-rights institution …"))
    assess_items.show(ctx, view, seen, "consultations", view.consultations, editable,
                      lambda c: f"**{plain(c.name)}** · {labels.code(labels.CATEGORY, c.category)} · "
                                f"{c.date or _('no date')} — {plain(c.summary)}")
    if editable:
        st.markdown(_("**Add a consultation**"))
        _add_form(ctx, view, seen, "consultations", _("Add consultation"))


def _measures(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Recommended prevention measures"))
    assess_items.show(ctx, view, seen, "measures", view.measures, editable, _measure_line)
    if editable:
        st.markdown(_("**Add a measure**"))
        _add_form(ctx, view, seen, "measures", _("Add measure"))


def _measure_line(m) -> str:
    """A measure in one line: title, type, status (with the reason when dropped), owner, due, links,
    and where it comes from (catalogue option, UPR recommendation)."""
    status = labels.code(labels.MEASURE_STATUS, m.status)
    if getattr(m, "status_reason", None):
        status = _("{status} ({reason})").format(status=status, reason=plain(m.status_reason))
    due = getattr(m, "due_period", None) or (format_date(m.due_date) if m.due_date else "—")
    line = (f"**{plain(m.title)}** · {labels.code(labels.MEASURE_TYPE, m.type)} · {status} · "
            + _("owner {owner} · due {due} · linked {linked}").format(
                owner=plain(m.owner) or "—", due=plain(due), linked=plain(", ".join(m.linked_ids)) or "—"))
    origin = []
    if getattr(m, "option_id", None):
        origin.append(_("Catalogue option {option}").format(option=plain(m.option_id)))
    if getattr(m, "upr_recommendation_id", None):
        origin.append(_("UPR recommendation {id}").format(id=plain(m.upr_recommendation_id)))
    return line + ("  \n" + " · ".join(origin) if origin else "")


def _submit(ctx, view, editable: bool, seen: int) -> None:
    st.subheader(_("Submit for validation"))
    items = service(ctx).checklist(view)
    for item in items:
        mark = (":green[:material/check_circle:]" if item.ok else ":orange[:material/warning:]" if not item.blocking
                else ":red[:material/cancel:]")
        st.markdown(f"{mark} **{item.label}** — {item.detail}")
    if not editable:
        st.info(_("The assessment is {status}; nothing to submit.").format(status=status_label(view.status)))
        return
    ready = all(i.ok or not i.blocking for i in items)
    if not ready:
        st.warning(_("Complete what is marked :red[:material/cancel:] before submitting."))
    if st.button(_("Submit for validation"), type="primary", disabled=not ready, key=f"submit:{view.id}"):
        try:
            service(ctx).submit(ctx.actor, view.id, seen)
        except StoreError as exc:
            st.error(refusal(exc))
            return
        st.session_state["flash_assess"] = "Submitted for validation."
        st.rerun()
