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
    types, statuses = [t.value for t in MeasureType], [s.value for s in MeasureStatus]
    out = {
        "title": st.text_input(_("Measure"), value=now("title"), max_chars=limit("measure", "title"), key=key("title")),
        "description": st.text_area(_("Description"), value=now("description"), key=key("description"),
                                    max_chars=limit("measure", "description")),
    }
    c1, c2, c3 = st.columns(3)
    out["type"] = c1.selectbox(_("Type"), types, index=types.index(getattr(now("type", "operational"), "value",
                                                                        "operational")),
                               format_func=lambda t: labels.code(labels.MEASURE_TYPE, t), key=key("type"))
    out["status"] = c2.selectbox(_("Status"), statuses, index=statuses.index(getattr(now("status", "proposed"), "value",
                                                                                  "proposed")),
                                 format_func=lambda s: labels.code(labels.MEASURE_STATUS, s), key=key("status"))
    out["owner"] = c3.text_input(_("Owner"), value=now("owner"), max_chars=limit("measure", "owner"), key=key("owner"))
    known = list(ctx.framework.factor_by_id) + list(ctx.framework.indicators)
    linked = [x for x in now("linked_ids", []) if x in known]
    out["linked_ids"] = st.multiselect(_("Linked factors or indicators"), known, default=linked, key=key("linked"))
    out["due_date"] = st.date_input(_("Due date"), value=now("due_date", None), key=key("due"))
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
    """The measure's status this period, changed in one step (the rest of the measure is kept)."""
    statuses = [s.value for s in MeasureStatus]
    key = f"status:{item.key}:{item.revision}"
    st.selectbox(_("Status this period"), statuses, index=statuses.index(item.status.value), key=key,
                 format_func=lambda s: labels.code(labels.MEASURE_STATUS, s),
                 on_change=_set_status, args=(ctx, view, seen, item, key))


def _set_status(ctx, view, seen: int, item, key: str) -> None:
    data = item.model_dump(include=set(MeasureIn.model_fields))
    data["status"] = st.session_state[key]
    try:
        # the dict, not a model: the store validates it and refuses (e.g. dropped without a reason) with a sentence
        result = service(ctx).save_list(ctx.actor, view.id, view.revision, "measures", [data])
    except StoreError as exc:
        st.session_state["flash_assess_error"] = refusal(exc)
        return
    st.session_state["flash_assess"] = _("Status of “{title}” is now {status} (revision {revision}).").format(
        title=item.title, status=labels.code(labels.MEASURE_STATUS, data["status"]), revision=result.revision)


def _history(ctx, view, kind: str, item) -> None:
    """Who changed what, when: each field change of this item, oldest first."""
    rows = service(ctx).item_history(ctx.actor, view.id, COLLECTIONS[kind], item.key)
    if item.previous_measure_id if kind == "measures" else False:
        st.caption(_("Carried forward from the last period's measure; its history is in that assessment."))
    if not rows:
        st.caption(_("No change recorded yet."))
    for r in rows:
        name = (r.field or "").rsplit(".", 1)[-1]
        if name == "deleted" or (r.old_value in (None, "", []) and r.action.endswith("copy_forward")):
            continue
        st.markdown(_("{at} · **{who}** · {field}: {old} → {new}").format(
            at=format_datetime(r.at, "short"), who=plain(r.actor), field=labels.field(name),
            old=plain(labels.value(name, r.old_value)), new=plain(labels.value(name, r.new_value))))
