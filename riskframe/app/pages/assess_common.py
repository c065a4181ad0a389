"""What the Assess and Review pages share: the assessments service, the revision the person saw,
refusals as sentences, and stored review comments drawn with a button to resolve them."""

from __future__ import annotations

import streamlit as st

from riskframe.app.components import plain
from riskframe.i18n import N_, _, format_date, format_datetime
from riskframe.assessments import Assessments, ChecklistFailed, CommentOut, StaleRevision
from riskframe.store import ConflictError, StoreError, access


def service(ctx) -> Assessments:
    """The one API the pages call for assessment work (cheap: it only holds the store and framework)."""
    return Assessments(ctx.store, ctx.framework)


def seen_revision(page: str, view) -> int:
    """The revision this session drew the last time it showed `view` on `page`, and remember the current one.

    A click reruns the page, which reads the head again; the action must carry the revision the
    person saw before clicking, so a change by someone else in between is refused, not overwritten.
    Call once per run, before any button that acts.
    """
    key = f"seen_rev:{page}:{view.id}"
    seen = st.session_state.get(key, view.revision)
    st.session_state[key] = view.revision
    return int(seen)


def refusal(exc: StoreError) -> str:
    """A refusal of the service or the store as a plain sentence (never a traceback)."""
    if isinstance(exc, ChecklistFailed):
        return _("Not submitted: {reasons}.").format(reasons="; ".join(item.sentence for item in exc.unmet))
    if isinstance(exc, StaleRevision):
        what = "; ".join(exc.changes)
        return _("Nothing was done: this assessment changed since you saw it (you saw revision {seen}, it is now "
                 "at revision {head}{changes}). Look at it again and retry.").format(
                     seen=exc.seen_revision, head=exc.head_revision, changes=f": {what}" if what else "")
    if isinstance(exc, ConflictError):
        return _("Nothing was done: this assessment changed since you saw it (you saw revision {seen}, it is now "
                 "at revision {head}). Look at it again and retry.").format(seen=exc.base_revision,
                                                                           head=exc.head_revision)
    return _("Nothing was done: {reason}").format(reason=exc)


def may_resolve(ctx) -> bool:
    """Focal points (WRITE) and reviewers (REVIEW) resolve comments; the store checks the country."""
    return access.allows(ctx.actor, access.WRITE) or access.allows(ctx.actor, access.REVIEW)


def comment_line(c: CommentOut) -> str:
    """Who, when, on what, then the text, as escaped Markdown."""
    where = (_("on indicator {id} (revision {revision})").format(id=c.indicator_id, revision=c.revision)
             if c.indicator_id else _("on the whole assessment (revision {revision})").format(revision=c.revision))
    done = (" · " + _("resolved by {user} on {date}").format(user=plain(c.resolved_by), date=format_date(c.resolved_at))
            if c.resolved_at else "")
    return f"**{plain(c.author)}** · {format_datetime(c.at, 'short')} · {where}{done}  \n{plain(c.text)}"


def show_comment(ctx, c: CommentOut, *, resolvable: bool, flash: str) -> None:
    """One comment, with "Mark resolved" for those who may; the result flashes on the next run."""
    with st.container(border=True):
        icon = ":material/check_circle:" if c.resolved_at else ":material/comment:"
        st.markdown(f"{icon} {comment_line(c)}")
        if resolvable and not c.resolved_at and may_resolve(ctx):
            if st.button(_("Mark resolved"), key=f"resolve_comment:{c.id}"):
                try:
                    service(ctx).resolve_comment(ctx.actor, c.assessment_id, c.id)
                except StoreError as exc:
                    st.error(refusal(exc))
                    return
                st.session_state[flash] = N_("Comment marked resolved.")  # translated where it is shown
                st.rerun()
