"""The Audit log tab of the Admin page: who did what, when, filtered by user, action, assessment
and date. Values are shown in a table (as text), never rendered."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from riskframe.i18n import N_, _, format_datetime, ngettext
from riskframe.store import InvalidInput

ACTION_HINT = N_("Exact, or a prefix ending in '.': auth. (sign-ins), account., access.denied, excel., status., "
                 "entries.")
COLUMNS = {"at": N_("at"), "user": N_("user"), "action": N_("action"), "assessment": N_("assessment"),
           "revision": N_("revision"), "field": N_("field"), "old": N_("old"), "new": N_("new"), "detail": N_("detail")}


def _text(value) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def render(ctx) -> None:
    c1, c2, c3, c4 = st.columns(4)
    user = c1.text_input(_("User"), key="audit_user").strip() or None
    action = c2.text_input(_("Action"), key="audit_action", help=_(ACTION_HINT)).strip() or None
    assessment = c3.number_input(_("Assessment id"), min_value=0, step=1, value=0, key="audit_assessment",
                                 help=_("0: every assessment"))
    since = c4.date_input(_("Since"), value=None, key="audit_since")
    limit = st.select_slider(_("Rows"), [100, 500, 2000, 10000], value=500, key="audit_limit")
    start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC) if since else None
    try:
        rows = ctx.store.audit_log(ctx.actor, assessment_id=int(assessment) or None, username=user, action=action,
                                   since=start, limit=limit)
    except InvalidInput as exc:
        st.error(str(exc))
        return
    shown = ngettext("{n} row, newest first", "{n} rows, newest first", len(rows)).format(n=len(rows))
    st.caption(_("{rows} (limit reached)").format(rows=shown) if len(rows) == limit else shown)
    frame = pd.DataFrame([{
        "at": format_datetime(r.at, "medium"), "user": r.actor, "action": r.action,
        "assessment": r.assessment_id, "revision": r.revision, "field": r.field or "",
        "old": _text(r.old_value), "new": _text(r.new_value), "detail": _text(r.detail),
    } for r in rows], columns=list(COLUMNS))
    st.dataframe(frame.rename(columns={k: _(v) for k, v in COLUMNS.items()}), hide_index=True, width="stretch")
