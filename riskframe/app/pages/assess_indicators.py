"""One section of indicators: the widgets, the save, and the conflict panel when someone else saved."""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from riskframe.app import entry_widgets, leave_guard
from riskframe.app.components import plain
from riskframe.app.limits import at_limit, limit
from riskframe.app.pages.assess_common import refusal, service, show_comment
from riskframe.framework.models import tr
from riskframe.i18n import _, format_datetime, ngettext, use_language
from riskframe.domain.labels import trend_label
from riskframe.store import ConflictError, StoreError

FIELDS = ("score", "confidence", "trend", "evidence", "sources")


def _nonce(aid: int, section: str) -> int:
    return st.session_state.setdefault(f"nonce:{aid}:{section}", 0)


def _bump(aid: int, section: str) -> None:
    st.session_state[f"nonce:{aid}:{section}"] = _nonce(aid, section) + 1
    st.session_state.pop(f"base:{aid}:{section}", None)


def widget_key(aid: int, section: str, ind: str, field: str) -> str:
    return f"w:{aid}:{section}:{_nonce(aid, section)}:{ind}:{field}"


def _in_fragment_run() -> bool:
    """True while only the section's fragment is rerunning (a widget of the section changed)."""
    run = get_script_run_ctx()
    return bool(run and run.fragment_ids_this_run)


def _rerun_section() -> None:
    """Redraw the section only when it runs alone; from a full run (AppTest, first draw) the page."""
    st.rerun(scope="fragment" if _in_fragment_run() else "app")


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
    drafts = _drafts_notice(ctx, view, section) if editable else {}
    source = _carried_header(ctx, view, section, editable)
    _legend(fw)
    for ind in factor.indicators:
        stored = view.entries.get(ind.id)
        defaults = entry_widgets.widget_values(stored)
        if ind.id in drafts:  # what this person typed and did not save comes back into the boxes
            defaults.update({f: v for f, v in drafts[ind.id].values.items() if f in FIELDS})
        for f in FIELDS:
            st.session_state.setdefault(widget_key(aid, section, ind.id, f), defaults[f])
        keep: dict[str, Any] = {"on_change": _keep_draft, "args": (ctx, view, section, ind.id)} if editable else {}
        with st.container(border=True):
            flag = " :red[:material/flag:]" if ind.red_flag else ""
            last = ""  # who changed it last, in the card's heading (one element less per card)
            if stored is not None and stored.revision:
                last = "  \n:small[:gray[" + _("Last changed by {user} at {when} (revision {revision})").format(
                    user=plain(stored.changed_by), when=format_datetime(stored.changed_at, "short"),
                    revision=stored.revision) + "]]"
            st.markdown(f"**{ind.id}**{flag} {tr(ind.text, ctx.lang)}{last}")
            for c in comments.get(ind.id, []):
                if not c.resolved_at:
                    show_comment(ctx, c, resolvable=True, flash="flash_comments")
            if stored is not None and stored.carried_over:
                _carried_line(ctx, view, section, ind.id, source, editable)
            # Lazy: the guidance is drawn when opened (one rerun), not sent closed with every card on
            # every rerun (issue 18: the browser's work grows with what is sent).
            with st.expander(_("Guidance and sources"), on_change="rerun", key=f"guide:{aid}:{ind.id}") as guide:
                if guide.open:
                    guidance = ind.guidance.get(ctx.lang) or ind.guidance["en"]
                    for lvl, text in guidance.items():
                        st.markdown(f"- **{lvl} {tr(levels[lvl], ctx.lang)}**: {text}")
                    st.markdown(_("Where to look: {sources}").format(sources="; ".join(ind.evidence(ctx.lang))))
                    if ind.red_flag:
                        st.markdown(_("Red flag: {reason}").format(reason=ind.red_flag.reason_in(ctx.lang)))
                    st.caption(_("Source: {document}, {ref}").format(document=ind.source.document,
                                                                      ref=ind.source.ref))
            options: list[str] = entry_widgets.score_options(fw)
            st.radio(_("Score"), options, horizontal=True, disabled=not editable, **keep,
                     key=widget_key(aid, section, ind.id, "score"),
                     format_func=functools.partial(entry_widgets.score_label, fw, factor.kind, lang=ctx.lang))
            c1, c2 = st.columns([1, 3])
            c1.selectbox(_("Confidence"), entry_widgets.confidence_options(fw), disabled=not editable, **keep,
                         key=widget_key(aid, section, ind.id, "confidence"),
                         format_func=lambda o: entry_widgets.confidence_label(fw, o, ctx.lang))
            c1.selectbox(_("Direction"), entry_widgets.trend_options(), disabled=not editable, **keep,
                         key=widget_key(aid, section, ind.id, "trend"),
                         format_func=lambda o: trend_label(o) if o else "—")
            c2.text_area(_("Evidence"), **keep, disabled=not editable, height=68,
                         key=widget_key(aid, section, ind.id, "evidence"), max_chars=limit("entry", "evidence"))
            _sources_box(widget_key(aid, section, ind.id, "sources"), editable, keep)
            _problems(view, section, ind.id)
    if not editable:
        return
    dirty = unsaved(ctx, view, section)
    run = st.session_state["leave_guard_run"] = st.session_state.get("leave_guard_run", 0) + 1
    leave_guard.guard(bool(dirty), run, {_("Evidence"): limit("entry", "evidence") or 0})
    c1, c2, c3 = st.columns([1, 1, 3], vertical_alignment="center")
    # Never disabled: a text area sends its value when it loses focus, which the click on Save
    # causes; a button disabled until then would need a second click.
    # The save runs in the button's callback, before the script: one run per save, not a run that
    # saves and then a second one (st.rerun) that draws the result.
    c1.button(_("Save section"), type="primary", key=f"save:{aid}:{section}", on_click=_on_save,
              args=(ctx, view, section))
    if c2.button(_("Discard changes"), key=f"discard:{aid}:{section}", disabled=not dirty):
        ids = [i.id for i in factor.indicators]
        try:
            service(ctx).discard_drafts(ctx.actor, aid, ids)
        except StoreError as exc:
            st.error(refusal(exc))
            return
        _bump(aid, section)
        _rerun_section()
    c3.caption(_("{n} unsaved change(s) in this section").format(n=len(dirty)) if dirty
               else _("No unsaved change (text you are typing counts once you leave the box or click Save)."))
    if said := st.session_state.pop(f"save_said:{aid}:{section}", None):
        kind, text = said
        (st.info if kind == "info" else st.error)(text)


def _sources_box(key: str, editable: bool, keep: dict) -> None:
    """The Sources box in the card when it holds text; an empty one waits in a popover, which the
    browser builds only when opened (issue 18), while the server keeps its value like any box."""
    box = st.container() if st.session_state.get(key) else st.popover(_("Add sources"), icon=":material/add_link:",
                                                                       disabled=not editable)
    box.text_area(_("Sources (one per line: title | URL | date)"), **keep, disabled=not editable, height=68, key=key)


def _legend(fw) -> None:
    """What each field of a card means, said once for the section instead of a tooltip on every
    widget of every card (issue 18: ~44 fewer tooltips for the browser to build per section)."""
    st.caption("  \n".join(f"**{name}**: {text}" for name, text in (
        (_("Score"), _("{low}–{high}, or say why there is no score: unknown widens the uncertainty band; not "
                       "applicable leaves the indicator out.").format(low=fw.scale.min, high=fw.scale.max)),
        (_("Confidence"), _("How sure you are of this score.")),
        (_("Direction"), _("Rising, stable or falling since the previous assessment — recorded apart "
                           "from the level (a high but falling level is still high).")),
        (_("Evidence"), _("What you observed, in your own words. Shown as plain text.")))))


def _carried_header(ctx, view, section: str, editable: bool) -> str:
    """How many values of the section wait to be confirmed, with one click to confirm them all;
    returns the period they were carried over from."""
    factor = ctx.framework.factor_by_id[section]
    waiting = [i.id for i in factor.indicators if i.id in view.entries and view.entries[i.id].carried_over]
    if not waiting:
        return ""
    source = service(ctx).carried_from(ctx.actor, view) or _("the previous period")
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    c1.info(_("{n} value(s) in this section are carried over from {period}: confirm each, or change it and "
              "save.").format(n=len(waiting), period=source), icon=":material/redo:")
    if editable and c2.button(_("Confirm all {n} carried-over values").format(n=len(waiting)),
                              key=f"confirm_all:{view.id}:{section}"):
        _confirm(ctx, view, section, waiting)
    return source


def _carried_line(ctx, view, section: str, ind: str, source: str, editable: bool) -> None:
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    # `source` is a period label (no markup in it)
    c1.caption(_(":material/redo: Carried over from {period} — confirm or change").format(period=source))
    if editable and c2.button(_("Confirm"), key=f"confirm:{view.id}:{ind}", help=_("Keep this value for this period.")):
        _confirm(ctx, view, section, [ind])


def _confirm(ctx, view, section: str, ids: list[str]) -> None:
    """Confirm carried-over values as they are: one revision, recorded; the section's inputs start afresh."""
    base = st.session_state.get(f"base:{view.id}:{section}", view.revision)
    try:
        result = service(ctx).confirm_carried_over(ctx.actor, view.id, base, ids)
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state["flash_assess"] = _("Confirmed {n} carried-over value(s) (revision {revision}).").format(
        n=len(ids), revision=result.revision)
    _bump(view.id, section)
    st.rerun()


def _drafts_notice(ctx, view, section: str) -> dict:
    """This person's stored drafts of the section (by indicator). Those brought back into the boxes
    by this session (after a reload or a new sign-in) are announced with their date."""
    factor = ctx.framework.factor_by_id[section]
    try:
        mine = service(ctx).drafts(ctx.actor, view.id)
    except StoreError:
        return {}
    here = {i.id: mine[i.id] for i in factor.indicators if i.id in mine}
    if msg := st.session_state.pop(f"draft_error:{view.id}", None):
        st.error(msg)
    key = f"drafts_restored:{view.id}:{section}:{_nonce(view.id, section)}"
    if key not in st.session_state:  # the first run of these widgets: drafts now go into them
        fresh = [i for i in here if widget_key(view.id, section, i, "score") not in st.session_state]
        st.session_state[key] = (fresh, max((here[i].saved_at for i in fresh), default=None))
    restored, latest = st.session_state[key]
    restored = [i for i in restored if i in here]
    if restored and latest is not None:
        st.info(_("You have unsaved drafts from {date} for indicator(s) {ids}: they are in the boxes below. "
                  "Save the section to keep them, or discard the changes.").format(
                      date=format_datetime(latest), ids=", ".join(restored)), icon=":material/draft:")
    return here


def _keep_draft(ctx, view, section: str, ind: str) -> None:
    """on_change of every widget: the indicator's values become (or stop being) a stored draft."""
    values = current_values(view, section, ind)
    if values is None:
        return
    svc = service(ctx)
    try:
        if entry_widgets.is_dirty(values, view.entries.get(ind)):
            svc.keep_draft(ctx.actor, view.id, ind, values)
        else:
            svc.discard_drafts(ctx.actor, view.id, [ind])
    except StoreError as exc:
        st.session_state[f"draft_error:{view.id}"] = _("The draft of {ind} was not kept: {reason}").format(
            ind=ind, reason=refusal(exc))


def _problems(view, section: str, ind: str) -> None:
    """Sentences for what this indicator's widgets hold that cannot be saved (nothing is cut or lost)."""
    values = current_values(view, section, ind)
    if values is None:
        return
    for sentence in entry_widgets.widget_problems(values):
        st.error(sentence, icon=":material/error:")
    if at_limit(values.get("evidence"), "entry", "evidence"):
        st.warning(_("Evidence has reached its limit of {limit} characters: text pasted beyond it was not "
                     "taken. Shorten it, or move details into the sources.").format(
                         limit=f"{limit('entry', 'evidence'):,}"), icon=":material/warning:")


def _entries_from_widgets(view, section: str, ids: list[str]) -> dict:
    return {i: entry_widgets.entry_from_widgets(current_values(view, section, i) or {}, view.entries.get(i)) for i in ids}


def _on_save(ctx, view, section: str) -> None:
    """The Save button's callback (the run that follows draws the result): what the boxes hold now,
    against what this session was shown."""
    with use_language(ctx.lang):
        dirty = unsaved(ctx, view, section)
        if dirty and _save(ctx, view, section, dirty):
            # Saved: the interaction reruns the whole page (its header, section picker and comments
            # show the new revision), in one run: the button is in the section's fragment.
            st.rerun()
        elif not dirty:
            _say(view.id, section, "info", _("Nothing to save: this section shows what is stored."))


def _say(aid: int, section: str, kind: str, text: str) -> None:
    st.session_state[f"save_said:{aid}:{section}"] = (kind, text)


def _save(ctx, view, section: str, dirty: list[str]) -> bool:
    """True when the entries were stored (a refusal is said in the section, which reruns alone)."""
    aid = view.id
    wrong = [i for i in dirty if entry_widgets.widget_problems(current_values(view, section, i) or {})]
    if wrong:
        _say(aid, section, "error", _("Not saved: indicator(s) {ids} hold text that cannot be saved as it is; the "
                                      "sentence under each says what to change. Nothing was lost.").format(
            ids=", ".join(wrong)))
        return False
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
        return False
    except StoreError as exc:
        _say(aid, section, "error", refusal(exc))
        return False
    st.session_state["flash_assess"] = ngettext("Saved {n} indicator (revision {revision}).",
                                                "Saved {n} indicators (revision {revision}).", len(dirty)).format(
        n=len(dirty), revision=result.revision)
    # The boxes start afresh from what is stored only when they do not show it already (a value
    # the store normalised): keeping them keeps the browser from rebuilding every widget.
    shown_as_stored = all(entry_widgets.widget_values(entries[i]) == current_values(view, section, i) for i in dirty)
    if shown_as_stored:
        st.session_state.pop(f"base:{aid}:{section}", None)
    else:
        _bump(aid, section)
    return True


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
                                        format_func=lambda o: _("mine") if o == "mine" else _("theirs"))
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
        st.session_state["flash_assess"] = "Saved after resolving the conflict."
        _bump(view.id, section)
        st.rerun()
    if c2.button(_("Take all of theirs"), key=f"theirs:{view.id}:{section}"):
        st.session_state.pop(f"conflict:{view.id}:{section}")
        _bump(view.id, section)
        st.rerun()
