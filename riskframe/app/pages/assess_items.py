"""The items of a list section (vulnerable groups, consultations, measures): shown, edited in place
(same stable key, a new version), removed, with their history; a measure's status in one step.

The add form and the edit form draw the same fields (`fields`), with the limits of the schemas."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import BaseModel, ValidationError

from riskframe.app import labels
from riskframe.app.components import plain
from riskframe.app.limits import limit
from riskframe.app.pages.assess_common import refusal, service
from riskframe.domain.sentences import problems
from riskframe.i18n import _, format_datetime
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

MODELS: dict[str, type[BaseModel]] = {"groups": VulnerableGroupIn, "consultations": ConsultationIn,
                                      "measures": MeasureIn}
COLLECTIONS = {"groups": "vulnerable_groups", "consultations": "consultations", "measures": "measures"}


def fields(ctx, kind: str, item: Any = None, prefix: str = "add") -> dict[str, Any]:
    """The input widgets of one item (empty, or showing `item`), returning their values."""
    def key(name: str) -> str:
        return f"{prefix}:{kind}:{name}"

    def now(name: str, default: Any = "") -> Any:
        return getattr(item, name, default) if item is not None else default

    if kind == "groups":
        return {
            "name": st.text_input(_("Group"), value=now("name"), max_chars=limit("group", "name"), key=key("name")),
            "basis": st.text_input(_("Basis"), value=now("basis"), max_chars=limit("group", "basis"), key=key("basis"),
                                   help=_("e.g. ethnic, religious, national, political, gender, age")),
            "description": st.text_area(_("Why this group is at risk"), value=now("description"),
                                        max_chars=limit("group", "description"), key=key("description")),
        }
    if kind == "consultations":
        options = [c.value for c in ConsultationCategory]
        chosen = getattr(now("category", "civil_society"), "value", "civil_society")
        return {
            "category": st.selectbox(_("With whom"), options, index=options.index(chosen), key=key("category"),
                                     format_func=lambda c: labels.code(labels.CATEGORY, c)),
            "name": st.text_input(_("Organisation or person"), value=now("name"), key=key("name"),
                                  max_chars=limit("consultation", "name")),
            "date": st.date_input(_("Date"), value=now("date", dt.date.today()) if item is not None else dt.date.today(),
                                  key=key("date")),
            "summary": st.text_area(_("Summary"), value=now("summary"), max_chars=limit("consultation", "summary"),
                                    key=key("summary")),
        }
    return _measure_fields(ctx, item, key, now)


NO_OPTION = ""


def _measure_fields(ctx, item: Any, key: Callable[[str], str], now: Callable[..., Any]) -> dict[str, Any]:
    """A measure's widgets. Its status is changed with the status control (one action, a reason when
    dropped); a new measure starts at any status but dropped."""
    types = [t.value for t in MeasureType]
    statuses = [s.value for s in MeasureStatus if item is not None or s.value != "dropped"]
    out = {
        "title": st.text_input(_("Measure"), value=now("title"), max_chars=limit("measure", "title"), key=key("title")),
        "description": st.text_area(_("Description"), value=now("description"), key=key("description"),
                                    max_chars=limit("measure", "description")),
    }
    c1, c2, c3 = st.columns(3)
    out["type"] = c1.selectbox(_("Type"), types, index=types.index(getattr(now("type", "operational"), "value",
                                                                        "operational")),
                               format_func=lambda t: labels.code(labels.MEASURE_TYPE, t), key=key("type"))
    if item is None:
        out["status"] = c2.selectbox(_("Status"), statuses, index=0, key=key("status"),
                                     format_func=lambda s: labels.code(labels.MEASURE_STATUS, s))
    else:  # kept as it is; see _status
        out["status"] = getattr(item.status, "value", item.status)
        out["status_reason"] = now("status_reason", "") or ""
        c2.markdown(f"{_('Status')}  \n**{labels.code(labels.MEASURE_STATUS, out['status'])}**",
                    help=_("Change the status with “Change status” above."))
    out["owner"] = c3.text_input(_("Owner"), value=now("owner"), max_chars=limit("measure", "owner"), key=key("owner"))
    fw = ctx.framework
    options = [NO_OPTION, *[o.id for o in fw.options]]
    titles = {o.id: o.title.get(ctx.lang) or o.title["en"] for o in fw.options}
    chosen = now("option_id", None) or NO_OPTION
    if chosen not in options:
        options.append(chosen)
    c4, c5 = st.columns([3, 1])
    option = c4.selectbox(_("Catalogue option"), options, index=options.index(chosen), key=key("option"),
                          format_func=lambda o: _("none") if o == NO_OPTION else f"{o} · {titles.get(o, o)}",
                          help=_("The prevention option of the catalogue this measure comes from, if any."))
    out["option_id"] = option or None
    out["due_period"] = c5.text_input(_("Due period"), value=now("due_period", None) or "", key=key("due_period"),
                                      max_chars=limit("measure", "due_period"),
                                      placeholder=_("e.g. 2027-Q2")).strip() or None
    known = list(fw.factor_by_id) + list(fw.indicators)
    linked = [x for x in now("linked_ids", []) if x in known]
    out["linked_ids"] = st.multiselect(_("Linked factors or indicators"), known, default=linked, key=key("linked"))
    out["due_date"] = st.date_input(_("Due date"), value=now("due_date", None), key=key("due"))
    c6, c7 = st.columns([1, 3])
    out["upr_recommendation_id"] = c6.text_input(
        _("UPR recommendation no."), value=now("upr_recommendation_id", "") or "", key=key("upr_id"),
        max_chars=limit("measure", "upr_recommendation_id"),
        placeholder=_("e.g. 150.12"), help=_("The Universal Periodic Review recommendation this measure implements."))
    out["upr_recommendation_text"] = c7.text_area(
        _("UPR recommendation text"), value=now("upr_recommendation_text", "") or "", key=key("upr_text"), height=68,
        max_chars=limit("measure", "upr_recommendation_text"))
    if item is not None:
        out["follow_up"] = st.text_area(_("Follow-up this period"), value=now("follow_up"), key=key("follow_up"),
                                        max_chars=limit("measure", "follow_up"))
        out["previous_measure_id"] = now("previous_measure_id", None)
    return out


def build(kind: str, values: dict[str, Any], key: str | None = None) -> BaseModel | None:
    """The item the form means, or None after saying in sentences what is wrong (the form keeps its content)."""
    try:
        return MODELS[kind](key=key, **values)
    except ValidationError as exc:
        for p in problems(exc):
            name = p.field.split(".")[0]
            sentence = f"{labels.field(name)} {p.sentence}" if name in labels.FIELD else \
                p.sentence[:1].upper() + p.sentence[1:]
            st.error(_("Not saved: {sentence}. What you typed is still in the form.").format(sentence=sentence))
        return None


def save(ctx, view, seen: int, kind: str, items: list, done: Callable[[], None] | None = None) -> bool:
    """Save list items through the service; a refusal is a sentence. True when saved (then rerun)."""
    try:
        result = service(ctx).save_list(ctx.actor, view.id, seen, kind, items)
    except ConflictError as exc:
        st.error(_("Not saved: {reason} Reload the page to see their changes, then try again.").format(
            reason=refusal(exc)))
        return False
    except StoreError as exc:
        st.error(refusal(exc))
        return False
    st.session_state["flash_assess"] = _("Saved (revision {revision}).").format(revision=result.revision)
    if done is not None:
        done()
    st.rerun()
    return True


def show(ctx, view, seen: int, kind: str, items: list, editable: bool, describe: Callable[[Any], str]) -> None:
    """Every item: its description, then Edit (in place), History and Remove."""
    if not items:
        st.caption(_("None recorded yet."))
    for item in items:
        with st.container(border=True):
            c1, c2 = st.columns([6, 1], vertical_alignment="center")
            c1.markdown(describe(item))
            if editable and c2.button(_("Remove"), key=f"del:{kind}:{item.key}"):
                save(ctx, view, seen, kind, [MODELS[kind](key=item.key, deleted=True)])
            if kind == "measures" and editable:
                _status(ctx, view, seen, item)
            if editable:
                with st.expander(_("Edit")):
                    with st.form(f"edit:{kind}:{item.key}:{item.revision}"):
                        values = fields(ctx, kind, item, prefix=f"edit:{item.key}:{item.revision}")
                        if st.form_submit_button(_("Save changes")):
                            changed = build(kind, values, key=item.key)
                            if changed is not None:
                                save(ctx, view, seen, kind, [changed])
            with st.expander(_("History")):
                _history(ctx, view, kind, item)


def _status(ctx, view, seen: int, item) -> None:
    """The measure's status this period, changed in one action (the rest of the measure is kept);
    dropping needs a reason."""
    statuses = [s.value for s in MeasureStatus]
    current = getattr(item.status, "value", item.status)
    with st.form(f"status:{item.key}:{item.revision}", border=False):
        c1, c2, c3 = st.columns([2, 3, 1], vertical_alignment="bottom")
        status = c1.selectbox(_("Status this period"), statuses,
                              index=statuses.index(current) if current in statuses else 0,
                              format_func=lambda s: labels.code(labels.MEASURE_STATUS, s), key=f"st:{item.key}")
        reason = c2.text_input(_("Reason (required when dropping)"), key=f"st_reason:{item.key}",
                               max_chars=limit("measure", "status_reason"))
        if c3.form_submit_button(_("Change status")):
            _set_status(ctx, view, seen, item, status, reason.strip())


def _set_status(ctx, view, seen: int, item, status: str, reason: str) -> None:
    if status == "dropped" and not reason:
        st.error(_("Not changed: say why the measure is dropped (the reason is kept in its history)."))
        return
    try:
        result = service(ctx).set_measure_status(ctx.actor, view.id, seen, item.key, status, reason=reason or None)
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state["flash_assess"] = _("Status of “{title}” is now {status} (revision {revision}).").format(
        title=item.title, status=labels.code(labels.MEASURE_STATUS, status), revision=result.revision)
    st.rerun()


def _measure_steps(ctx, view, item) -> None:
    """The measure's status in every period, following it back through copy forward."""
    steps = service(ctx).measure_history(ctx.actor, view.id, item.key)
    if not steps:
        return
    st.markdown("**" + _("Status across periods") + "**")
    for s in steps:
        reason = f" — {plain(s.reason)}" if getattr(s, "reason", None) else ""
        st.markdown(_("{period} · **{status}** · {who}, {at}").format(
            period=s.period, status=labels.code(labels.MEASURE_STATUS, s.status), who=plain(s.changed_by),
            at=format_datetime(s.changed_at, "short")) + reason)


def _history(ctx, view, kind: str, item) -> None:
    """Who changed what, when: each field change of this item, oldest first (a measure: first its
    status in every period)."""
    if kind == "measures":
        _measure_steps(ctx, view, item)
    rows = service(ctx).item_history(ctx.actor, view.id, COLLECTIONS[kind], item.key)
    if item.previous_measure_id if kind == "measures" else False:
        st.caption(_("Carried forward from the last period's measure; its field changes before are in that "
                     "assessment."))
    if not rows:
        st.caption(_("No change recorded yet."))
    for r in rows:
        name = (r.field or "").rsplit(".", 1)[-1]
        if name == "deleted" or (r.old_value in (None, "", []) and r.action.endswith("copy_forward")):
            continue
        st.markdown(_("{at} · **{who}** · {field}: {old} → {new}").format(
            at=format_datetime(r.at, "short"), who=plain(r.actor), field=labels.field(name),
            old=plain(labels.value(name, r.old_value)), new=plain(labels.value(name, r.new_value))))
