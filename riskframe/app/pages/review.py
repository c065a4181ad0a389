"""Review: analysts question, validate or return submitted assessments, and reopen validated ones."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.app.components import fictional_banner, fmt, pct, plain, status_label
from riskframe.app.context import get_context
from riskframe.app.pages.assess_preview import score_view
from riskframe.scoring.explain import explain
from riskframe.store import StoreError


def page() -> None:
    ctx = get_context()
    st.title("Review")
    queue = ctx.store.list_assessments(ctx.actor, status="submitted")
    validated = ctx.store.list_assessments(ctx.actor, status="validated")
    fictional_banner([a.country for a in queue + validated])
    if msg := st.session_state.pop("flash_review", None):
        st.success(msg)
    tab_queue, tab_validated = st.tabs([f"Submitted ({len(queue)})", f"Validated ({len(validated)})"])
    with tab_queue:
        if not queue:
            st.info("Nothing waits for review. Submitted assessments appear here.")
        else:
            _review(ctx, queue)
    with tab_validated:
        _reopen(ctx, validated)


def _label(a) -> str:
    return f"{a.country} · {a.country_name} — {a.period} (submitted by {a.submitted_by or a.updated_by})"


def _changes_table(changes) -> pd.DataFrame:
    return pd.DataFrame([{"field": c.field, "old": str(c.old), "new": str(c.new), "by": c.changed_by,
                          "evidence": c.evidence or ""} for c in changes])


def _review(ctx, queue) -> None:
    chosen = st.selectbox("Assessment", queue, format_func=_label, key="review_pick")
    view = ctx.store.get_assessment(ctx.actor, chosen.id)
    scores = score_view(ctx.framework, view.id, view.entries)
    a = scores.assessments.loc[view.id]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Composite", fmt(a["composite"]))
    c2.metric("Tier", a["tier"] or "—")
    c3.metric("Band", f"{fmt(a['band_low'])}–{fmt(a['band_high'])}")
    c4.metric("Coverage", pct(a["coverage"]))
    with st.expander("Why this score", expanded=True):
        for line in explain(scores, ctx.framework, view.id, ctx.lang):
            st.write(line)

    earlier = [x for x in ctx.store.list_assessments(ctx.actor, country=view.country)
               if x.period_start < view.period_start]
    st.markdown("**Changes since last period**")
    if earlier:
        prev = max(earlier, key=lambda x: x.period_start)
        changes = [c for c in ctx.store.diff_assessments(ctx.actor, prev.id, view.id) if c.field.startswith("entries.")]
        st.caption(f"Compared with {prev.period} ({prev.status}).")
        st.dataframe(_changes_table(changes), hide_index=True, width="stretch") if changes else st.write("No change.")
    else:
        st.write("No earlier assessment for this country.")

    revisions = ctx.store.list_revisions(ctx.actor, view.id)
    returned = [r for r in revisions if r.kind == "status" and r.status == "returned"]
    st.markdown("**Changes since it was last returned**")
    if returned:
        since = ctx.store.diff_revisions(ctx.actor, view.id, returned[-1].number, view.revision)
        st.dataframe(_changes_table(since), hide_index=True, width="stretch") if since else st.write("No change.")
    else:
        st.write("First submission.")

    comments = st.session_state.setdefault(f"review_comments:{view.id}", [])
    with st.form(f"comment:{view.id}", clear_on_submit=True):
        ind = st.selectbox("Indicator", ["(general)"] + list(ctx.framework.indicators))
        text = st.text_area("Comment or question")
        if st.form_submit_button("Add comment") and text.strip():
            comments.append(f"{ind}: {text.strip()}")
            st.rerun()
    for c in comments:
        st.markdown(f"- {plain(c)}")
    c1, c2 = st.columns(2)
    if c1.button("Validate", type="primary", key=f"validate:{view.id}"):
        _transition(ctx, view, "validated", None, "Validated.")
    if c2.button("Return with comments", key=f"return:{view.id}", disabled=not comments):
        _transition(ctx, view, "returned", "\n".join(comments), "Returned to the focal point with comments.")


def _transition(ctx, view, status: str, reason: str | None, done: str) -> None:
    try:
        ctx.store.transition(ctx.actor, view.id, status, view.revision, reason=reason)
    except StoreError as exc:
        st.error(str(exc))
        return
    st.session_state.pop(f"review_comments:{view.id}", None)
    st.session_state["flash_review"] = done
    st.rerun()


def _reopen(ctx, validated) -> None:
    if not validated:
        st.info("No validated assessment yet.")
        return
    chosen = st.selectbox("Validated assessment", validated, key="reopen_pick",
                          format_func=lambda a: f"{a.country} · {a.period} (validated by {a.validated_by})")
    st.caption(f"{status_label(chosen.status)} — read-only. Reopening returns it to draft and is recorded with "
               "your reason.")
    reason = st.text_input("Reason for reopening", key=f"reopen_reason:{chosen.id}")
    if st.button("Reopen with reason", key=f"reopen:{chosen.id}", disabled=not reason.strip()):
        _transition(ctx, chosen, "draft", reason, f"Reopened {chosen.country} {chosen.period}.")
