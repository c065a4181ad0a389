"""One section of indicators: the widgets, the save, and the conflict panel when someone else saved."""

from __future__ import annotations

import functools

import streamlit as st

from riskframe.app import entry_widgets
from riskframe.app.components import plain
from riskframe.app.pages.assess_common import refusal, service, show_comment
from riskframe.domain.labels import trend_label
from riskframe.framework.models import tr
from riskframe.i18n import N_, _, format_datetime, ngettext
from riskframe.store import ConflictError, StoreError

FIELDS = ("score", "confidence", "trend", "evidence", "sources")
KEEP = {"mine": N_("mine"), "theirs": N_("theirs")}


def _nonce(aid: int, section: str) -> int:
    return st.session_state.setdefault(f"nonce:{aid}:{section}", 0)


def _bump(aid: int, section: str) -> None:
    st.session_state[f"nonce:{aid}:{section}"] = _nonce(aid, section) + 1
    st.session_state.pop(f"base:{aid}:{section}", None)


def widget_key(aid: int, section: str, ind: str, field: str) -> str:
    return f"w:{aid}:{section}:{_nonce(aid, section)}:{ind}:{field}"


def current_values(view, section: str, ind: str) -> dict | None:
    """The widget values of one indicator in this session, or None when its widgets are not live."""
    keys = {f: widget_key(view.id, section, ind, f) for f in FIELDS}
    if not all(k in st.session_state for k in keys.values()):
        return None
    return {f: st.session_state[k] for f, k in keys.items()}


def unsaved(ctx, view, section: str) -> list[str]:
    """Indicators of `section` whose widgets differ from what is stored."""
    factor = ctx.framework.factor_by_id.get(section)
    if factor is None:
        return []
    out = []
    for ind in factor.indicators:
        values = current_values(view, section, ind.id)
        if values is not None and entry_widgets.is_dirty(values, view.entries.get(ind.id)):
            out.append(ind.id)
    return out


def render(ctx, view, section: str, editable: bool, comments: dict | None = None) -> None:
    """The indicators of one factor; `comments` (indicator id -> stored review comments) are shown
    next to their indicator while open."""
    comments = comments or {}
    fw = ctx.framework
    factor = fw.factor_by_id[section]
    aid = view.id
    st.session_state.setdefault(f"base:{aid}:{section}", view.revision)
    st.subheader(f"{factor.id} · {tr(factor.title, ctx.lang)}")
    st.caption(tr(factor.description, ctx.lang))

    conflict = st.session_state.get(f"conflict:{aid}:{section}")
    if conflict:
        _conflict_panel(ctx, view, section, conflict)
        return

    levels = fw.manifest.scale.levels[factor.kind]
    for ind in factor.indicators:
        stored = view.entries.get(ind.id)
        defaults = entry_widgets.widget_values(stored)
        for f in FIELDS:
            st.session_state.setdefault(widget_key(aid, section, ind.id, f), defaults[f])
        with st.container(border=True):
            flag = " :red[:material/flag:]" if ind.red_flag else ""
            st.markdown(f"**{ind.id}**{flag} {tr(ind.text, ctx.lang)}")
            for c in comments.get(ind.id, []):
                if not c.resolved_at:
                    show_comment(ctx, c, resolvable=True, flash="flash_comments")
            if stored is not None and stored.carried_over:
                st.caption(":material/redo: " + _("carried over from the last validated assessment: confirm or "
                                                   "change it"))
            with st.expander(_("Guidance and sources")):
                guidance = ind.guidance.get(ctx.lang) or ind.guidance["en"]
                for lvl, text in guidance.items():
                    st.markdown(f"- **{lvl} {tr(levels[lvl], ctx.lang)}**: {text}")
                st.markdown(_("Where to look: {sources}").format(sources="; ".join(ind.evidence(ctx.lang))))
                if ind.red_flag:
                    st.markdown(_("Red flag: {reason}").format(reason=ind.red_flag.reason_in(ctx.lang)))
                st.caption(_("Source: {document}, {ref}").format(document=ind.source.document, ref=ind.source.ref))
            options: list[str] = entry_widgets.score_options(fw)
            st.radio(_("Score"), options, horizontal=True, disabled=not editable,
                     key=widget_key(aid, section, ind.id, "score"),
                     format_func=functools.partial(entry_widgets.score_label, fw, factor.kind, lang=ctx.lang),
                     help=_("{low}–{high}, or say why there is no score: unknown widens the uncertainty band; not "
                            "applicable leaves the indicator out.").format(low=fw.scale.min, high=fw.scale.max))
            c1, c2 = st.columns([1, 3])
            c1.selectbox(_("Confidence"), entry_widgets.confidence_options(fw), disabled=not editable,
                         key=widget_key(aid, section, ind.id, "confidence"),
                         format_func=lambda o: entry_widgets.confidence_label(fw, o, ctx.lang),
                         help=_("How sure you are of this score."))
            c1.selectbox(_("Direction"), entry_widgets.trend_options(), disabled=not editable,
                         key=widget_key(aid, section, ind.id, "trend"),
                         format_func=lambda o: trend_label(o) if o else "—",
                         help=_("Rising, stable or falling since the previous assessment — recorded apart from the "
                                "level (a high but falling level is still high)."))
            c2.text_area(_("Evidence"), disabled=not editable, height=68,
                         key=widget_key(aid, section, ind.id, "evidence"),
                         help=_("What you observed, in your own words. Shown as plain text."))
            st.text_area(_("Sources (one per line: title | URL | date)"), disabled=not editable, height=68,
                         key=widget_key(aid, section, ind.id, "sources"))
            if stored is not None and stored.revision:
                st.caption(_("Last changed by {user} at {when} (revision {revision})").format(
                    user=plain(stored.changed_by), when=format_datetime(stored.changed_at, "short"),
                    revision=stored.revision))
    if not editable:
        return
    dirty = unsaved(ctx, view, section)
    c1, c2, c3 = st.columns([1, 1, 3], vertical_alignment="center")
    if c1.button(_("Save section"), type="primary", key=f"save:{aid}:{section}", disabled=not dirty):
        _save(ctx, view, section, dirty)
    if c2.button(_("Discard changes"), key=f"discard:{aid}:{section}", disabled=not dirty):
        _bump(aid, section)
        st.rerun()
    c3.caption(ngettext("{n} unsaved change in this section", "{n} unsaved changes in this section",
                        len(dirty)).format(n=len(dirty)) if dirty else _("All changes saved."))


def _entries_from_widgets(view, section: str, ids: list[str]) -> dict:
    return {i: entry_widgets.entry_from_widgets(current_values(view, section, i) or {}, view.entries.get(i)) for i in ids}


def _save(ctx, view, section: str, dirty: list[str]) -> None:
    aid = view.id
    entries = _entries_from_widgets(view, section, dirty)
    base = st.session_state[f"base:{aid}:{section}"]
    try:
        result = service(ctx).save_entries(ctx.actor, aid, base, entries)
    except ConflictError as exc:
        st.session_state[f"conflict:{aid}:{section}"] = {
            "head": exc.head_revision,  # the revision whose values the conflict panel shows as theirs
            "yours": {k: v.model_dump(mode="json") for k, v in entries.items()},
            "conflicts": [c.model_dump(mode="json") for c in exc.conflicts],
        }
        st.rerun()
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state["flash_assess"] = ngettext("Saved {n} indicator (revision {revision}).",
                                                "Saved {n} indicators (revision {revision}).", len(dirty)).format(
        n=len(dirty), revision=result.revision)
    _bump(aid, section)
    st.rerun()


def _conflict_panel(ctx, view, section: str, conflict: dict) -> None:
    """Someone else saved these fields meanwhile: show both, let the user choose field by field."""
    from riskframe.domain import EntryIn
    from riskframe.store import FieldConflict

    conflicts = [FieldConflict.model_validate(c) for c in conflict["conflicts"]]
    yours = {k: EntryIn.model_validate(v) for k, v in conflict["yours"].items()}
    st.error(_("Someone else saved {n} of the fields you changed since you opened this section. Nothing was lost: "
               "choose, field by field, which value to keep.").format(n=len(conflicts)))
    choices = {}
    for c in conflicts:
        with st.container(border=True):
            who = plain(c.theirs_by) if c.theirs_by else _("someone")
            st.markdown(f"**{plain(c.field)}** — " + (
                _("changed by {user} at {when}").format(user=who, when=format_datetime(c.theirs_at, "short"))
                if c.theirs_at else _("changed by {user}").format(user=who)))
            a, b = st.columns(2)
            a.markdown(_("Yours"))
            a.code(str(c.yours), language=None)
            b.markdown(_("Theirs"))
            b.code(str(c.theirs), language=None)
            choices[c.field] = st.radio(_("Keep"), ["mine", "theirs"], horizontal=True, key=f"choice:{view.id}:{c.field}",
                                        format_func=lambda o: _(KEEP[o]))
    c1, c2 = st.columns(2)
    if c1.button(_("Save with these choices"), type="primary", key=f"resolve:{view.id}:{section}"):
        merged = entry_widgets.merge_choices(yours, conflicts, choices, view.entries)
        try:
            service(ctx).save_entries(ctx.actor, view.id, conflict.get("head", view.revision), merged)
        except ConflictError as exc:
            conflict["conflicts"] = [x.model_dump(mode="json") for x in exc.conflicts]
            conflict["head"] = exc.head_revision
            st.rerun()
        except StoreError as exc:
            st.error(refusal(exc))
            return
        st.session_state.pop(f"conflict:{view.id}:{section}")
        st.session_state["flash_assess"] = _("Saved after resolving the conflict.")
        _bump(view.id, section)
        st.rerun()
    if c2.button(_("Take all of theirs"), key=f"theirs:{view.id}:{section}"):
        st.session_state.pop(f"conflict:{view.id}:{section}")
        _bump(view.id, section)
        st.rerun()
