"""Suggested prevention options of one assessment (Assess and the country dashboard), each adoptable as a
recommended measure in one click; an adopted one says so instead of being offered again."""

from __future__ import annotations

import streamlit as st

from riskframe.analytics.suggested import SuggestedRow, suggested
from riskframe.app.components import plain
from riskframe.app.pages.assess_common import refusal, service
from riskframe.domain.status import EDITABLE
from riskframe.i18n import _, ngettext
from riskframe.store import StoreError, access

FLASH = "flash_suggestions"


def may_adopt(ctx, view) -> bool:
    """Those who may write the assessment: WRITE in its country, while it is editable (the store checks again)."""
    return (view.status in EDITABLE and access.allows(ctx.actor, access.WRITE)
            and access.in_scope(ctx.actor, view.country))


def rows(ctx, view) -> list[SuggestedRow]:
    return suggested(service(ctx).scores(view), ctx.framework, view.id, view.measures, ctx.lang)


def render(ctx, view, seen: int, *, where: str, expanded: bool = False) -> None:
    """The suggestions in an expander; `where` keeps widget keys apart when two pages show them."""
    found = rows(ctx, view)
    if msg := st.session_state.pop(FLASH, None):
        st.success(msg)
    open_ = [r for r in found if not r.adopted]
    title = (_("Suggested prevention measures: none") if not found else
             ngettext("Suggested prevention measures: {n} option ({open} not adopted yet)",
                      "Suggested prevention measures: {n} options ({open} not adopted yet)", len(found)).format(
                 n=len(found), open=len(open_)))
    # Lazy (issue 18): the options are drawn when the expander is open, not sent closed with every
    # rerun of Assess (a save, a score click) for the browser to build and hide.
    with st.expander(title, expanded=expanded, icon=":material/lightbulb:", on_change="rerun",
                     key=f"suggestions:{where}:{view.id}:{int(expanded)}") as box:
        if not box.open:
            return
        if not found:
            st.caption(_("No red flag is raised and no factor or theme is above the manifest's threshold, so no "
                         "option of the prevention catalogue is suggested."))
            return
        st.caption(_("Options of the prevention catalogue linked to what is high in this assessment, ranked by how "
                     "much of its current risk they address."))
        writer = may_adopt(ctx, view)
        for r in found:
            _one(ctx, view, seen, r, writer, where)
        if not writer and open_:
            st.caption(_("Only a focal point of {country} can adopt a suggestion, while the assessment is a draft or "
                         "returned.").format(country=view.country))


def _one(ctx, view, seen: int, r: SuggestedRow, writer: bool, where: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{r.rank}. {plain(r.title)}**  \n{plain(r.reason)}")
        st.caption(_("Catalogue option {option} · {horizon}").format(option=plain(r.option_id),
                                                                    horizon=plain(r.horizon_label)))
        if r.adopted:
            st.markdown(":green[:material/check_circle:] " + _("Adopted as a recommended measure"))
        elif writer and st.button(_("Adopt as a recommended measure"), key=f"adopt:{where}:{view.id}:{r.option_id}",
                                  type="secondary", icon=":material/add_task:"):
            _adopt(ctx, view, seen, r)


def _adopt(ctx, view, seen: int, r: SuggestedRow) -> None:
    try:
        service(ctx).adopt_option(ctx.actor, view.id, seen, r.option_id, r.linked_ids, lang=ctx.lang)
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state[FLASH] = _("Adopted “{title}” as a proposed measure, linked to {ids}.").format(
        title=r.title, ids=", ".join(r.linked_ids) or "—")
    st.rerun()
