"""Review: analysts question, validate or return submitted assessments, and reopen validated ones."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.app import diff_view
from riskframe.app.components import fictional_banner, fmt, pct, status_label
from riskframe.app.context import get_context
from riskframe.app.pages.assess_common import refusal, seen_revision, service, show_comment
from riskframe.domain.status import status_label as status_name
from riskframe.i18n import N_, _
from riskframe.scoring.explain import explain
from riskframe.store import StoreError


def page() -> None:
    ctx = get_context()
    st.title(_("Review"))
    queue = service(ctx).list_assessments(ctx.actor, status="submitted")
    validated = service(ctx).list_assessments(ctx.actor, status="validated")
    fictional_banner([a.country for a in queue + validated])
    if msg := st.session_state.pop("flash_review", None):
        st.success(_(msg))
    tab_queue, tab_validated = st.tabs([_("Submitted ({n})").format(n=len(queue)),
                                        _("Validated ({n})").format(n=len(validated))])
    with tab_queue:
        if not queue:
            st.info(_("Nothing waits for review. Submitted assessments appear here."))
        else:
            _review(ctx, queue)
    with tab_validated:
        _reopen(ctx, validated)


GENERAL = "(general)"  # the comment selector's code for "the whole assessment"


def _label(a) -> str:
    return _("{country} · {name} — {period} (submitted by {user})").format(
        country=a.country, name=a.country_name, period=a.period, user=a.submitted_by or a.updated_by)


def _changes_table(ctx, changes, *views) -> pd.DataFrame:
    """Indicator id and text, labels for codes, score changes first, sources as lines (app/diff_view.py)."""
    return diff_view.readable(changes, ctx.framework, diff_view.item_names(*views))


def _review(ctx, queue) -> None:
    chosen = st.selectbox(_("Assessment"), queue, format_func=_label, key="review_pick")
    svc = service(ctx)
    view = svc.get(ctx.actor, chosen.id)
    seen = seen_revision("review", view)
    scores = svc.scores(view)
    a = scores.assessments.loc[view.id]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("Composite"), fmt(a["composite"]))
    c2.metric(_("Tier"), ctx.framework.tier(a["tier"]).label(ctx.lang) if a["tier"] else "—")
    c3.metric(_("Band"), f"{fmt(a['band_low'])}–{fmt(a['band_high'])}")
    c4.metric(_("Coverage"), pct(a["coverage"]))
    with st.expander(_("Why this score"), expanded=True):
        for line in explain(scores, ctx.framework, view.id, ctx.lang):
            st.write(line)

    prev, changes = svc.previous_period(ctx.actor, view)
    st.markdown("**" + _("Changes since last period") + "**")
    if prev is not None:
        st.caption(_("Compared with {period} ({status}).").format(period=prev.period, status=status_name(prev.status)))
        before = svc.get(ctx.actor, prev.id)
        st.dataframe(_changes_table(ctx, changes, before, view), hide_index=True, width="stretch") if changes \
            else st.write(_("No change."))
    else:
        st.write(_("No earlier assessment for this country."))

    since = svc.changes_since_return(ctx.actor, view)
    st.markdown("**" + _("Changes since it was last returned") + "**")
    if since is None:
        st.write(_("First submission."))
    else:
        st.dataframe(_changes_table(ctx, since, view), hide_index=True, width="stretch") if since \
            else st.write(_("No change."))

    _comments(ctx, view, seen)


def _comments(ctx, view, seen: int) -> None:
    """Stored comments (general or per indicator), then validate, or return with the unresolved ones."""
    svc = service(ctx)
    st.markdown("**" + _("Review comments") + "**")
    comments = svc.comments(ctx.actor, view.id)
    open_ones = [c for c in comments if not c.resolved_at]
    for c in comments:
        show_comment(ctx, c, resolvable=True, flash="flash_review")
    if not comments:
        st.caption(_("No comment yet. Comments are stored: the focal point sees them on Assess."))
    with st.form(f"comment:{view.id}", clear_on_submit=True):
        ind = st.selectbox(_("Indicator"), [GENERAL] + list(ctx.framework.indicators), key=f"comment_ind:{view.id}",
                           format_func=lambda i: _("(general)") if i == GENERAL else i)
        text = st.text_area(_("Comment or question"), key=f"comment_text:{view.id}")
        if st.form_submit_button(_("Add comment"), key=f"comment_add:{view.id}"):
            _add_comment(ctx, view, seen, None if ind == GENERAL else ind, text)
    reason = st.text_input(_("Reason for returning (optional; the unresolved comments are sent with it)"),
                           key=f"return_reason:{view.id}")
    c1, c2 = st.columns(2)
    if c1.button(_("Validate"), type="primary", key=f"validate:{view.id}"):
        _act(lambda: svc.validate(ctx.actor, view.id, seen), N_("Validated."))
    if c2.button(_("Return with comments ({n})").format(n=len(open_ones)), key=f"return:{view.id}",
                 disabled=not (open_ones or reason.strip())):
        _act(lambda: svc.return_(ctx.actor, view.id, seen, reason), N_("Returned to the focal point with comments."))


def _add_comment(ctx, view, seen: int, indicator: str | None, text: str) -> None:
    if not text.strip():
        st.error(_("Write the comment first."))
        return
    try:
        service(ctx).add_comment(ctx.actor, view.id, text, indicator_id=indicator, seen_revision=seen)
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state["flash_review"] = N_("Comment added.")
    st.rerun()


def _act(move, done: str) -> None:
    try:
        move()
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state["flash_review"] = done
    st.rerun()


def _reopen(ctx, validated) -> None:
    if not validated:
        st.info(_("No validated assessment yet."))
        return
    chosen = st.selectbox(_("Validated assessment"), validated, key="reopen_pick",
                          format_func=lambda a: _("{country} · {period} (validated by {user})").format(
                              country=a.country, period=a.period, user=a.validated_by))
    st.caption(_("{status} — read-only. Reopening returns it to draft and is recorded with your reason.").format(
        status=status_label(chosen.status)))
    seen = seen_revision("reopen", chosen)
    reason = st.text_input(_("Reason for reopening"), key=f"reopen_reason:{chosen.id}")
    if st.button(_("Reopen with reason"), key=f"reopen:{chosen.id}", disabled=not reason.strip()):
        _act(lambda: service(ctx).reopen(ctx.actor, chosen.id, seen, reason),
             _("Reopened {country} {period}.").format(country=chosen.country, period=chosen.period))
