"""Assess: pick country and period, then fill one section at a time; each section saves on its own."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from riskframe.app.components import fictional_banner, plain, status_label
from riskframe.domain.status import status_label as status_name
from riskframe.app.context import get_context
from riskframe.app.pages import assess_indicators, assess_lists, assess_preview, assess_suggestions
from riskframe.app.pages.assess_common import refusal, seen_revision, service, show_comment
from riskframe.domain import Period, PeriodError, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.domain.periods import PERIOD_FORMS
from riskframe.domain.status import EDITABLE
from riskframe.i18n import N_, _, format_date
from riskframe.store import StoreError

LIST_SECTIONS = {"groups": N_("Vulnerable groups"), "consultations": N_("Consultations"),
                 "measures": N_("Prevention measures"), "submit": N_("Submit for validation")}
OTHER = "➕"  # the country selector's code for "another country…" (its label is translated)


def page() -> None:
    ctx = get_context()
    st.title(_("Assess"))
    target = _choose_target(ctx)
    if target is None:
        return
    country, period = target
    fictional_banner([country])
    svc = service(ctx)
    assessment = svc.find(ctx.actor, country, period)
    if assessment is None:
        _offer_create(ctx, country, period)
        return
    view = svc.get(ctx.actor, assessment.id)
    seen = seen_revision("assess", view)
    editable = view.status in EDITABLE
    st.markdown(f"**{view.country} · {plain(view.country_name)} — {view.period}** · {status_label(view.status)} · "
                + _("revision {revision} · framework {framework} {version}").format(
                    revision=view.revision, framework=view.framework_id, version=view.framework_version))
    if not editable:
        st.info(_("This assessment is validated and read-only. An analyst can reopen it with a reason on the Review "
                  "page.") if view.status == "validated" else
                _("This assessment is {status} and read-only. It is waiting for review.").format(
                    status=status_name(view.status)))

    comments = svc.comments_by_indicator(ctx.actor, view.id)
    _reviewer_comments(ctx, view, comments)
    unmapped = sorted(set(view.entries) - set(ctx.framework.indicators))
    if unmapped:
        st.info(_("Kept from an older framework version, not scored under {version}: {ids}. Nothing was dropped; "
                  "see the framework guide on mappings.").format(version=ctx.framework.version, ids=", ".join(unmapped)))
    section = _choose_section(ctx, view)
    if section in LIST_SECTIONS:
        _body(ctx, view, section, editable, comments, seen)
    else:  # a score, a box or Discard reruns the section and its preview alone, not the whole page
        _section_fragment(ctx, view, section, editable, comments, seen)


def _body(ctx, view, section: str, editable: bool, comments: dict, seen: int) -> None:
    """The section's form beside its live preview. For indicator sections it runs as a fragment
    (issue 18: the browser's work per click grows with what is redrawn); a save reruns the whole
    page (assess_indicators._on_save), whose header, section picker and comments show the new revision."""
    main, side = st.columns([3, 1], gap="large")
    with main:
        if view.entries and section == "measures":  # suggestions follow from the scores saved so far
            assess_suggestions.render(ctx, view, seen, where="assess", expanded=True)
        if section in LIST_SECTIONS:
            assess_lists.render(ctx, view, section, editable, seen)
        else:
            assess_indicators.render(ctx, view, section, editable, comments)
        if view.entries and section != "measures":
            assess_suggestions.render(ctx, view, seen, where="assess")
    with side:
        assess_preview.render(ctx, view, section)


_section_fragment = st.fragment(_body)


def _reviewer_comments(ctx, view, comments) -> None:
    """The reviewer's return note and the stored comments, where the focal point works, after any reload:
    general ones here, per-indicator ones next to their indicator (and listed here to find them)."""
    if msg := st.session_state.pop("flash_comments", None):
        st.success(_(msg))
    last = service(ctx).last_return(ctx.actor, view.id) if view.status == "returned" else None
    if last is not None:
        st.warning(_("Returned by {user} on {date} with comments:").format(user=last.author, date=format_date(last.at)),
                   icon=":material/undo:")
        st.text(last.note or _("(no comment)"))
    general = comments.get(None, [])
    open_general = [c for c in general if not c.resolved_at]
    if open_general:
        st.markdown("**" + _("Review comments on the whole assessment ({n} open)").format(n=len(open_general)) + "**")
        for c in open_general:
            show_comment(ctx, c, resolvable=True, flash="flash_comments")
    order = {i: n for n, i in enumerate(ctx.framework.indicators)}
    on_indicators = sorted((i for i, cs in comments.items() if i and any(not c.resolved_at for c in cs)),
                           key=lambda i: (order.get(i, len(order)), i))
    if on_indicators:
        st.info(_("Open review comments on indicator(s) {ids}: they are shown next to each indicator in its "
                  "section.").format(ids=", ".join(on_indicators)), icon=":material/comment:")
    resolved = [c for cs in comments.values() for c in cs if c.resolved_at]
    if resolved:
        with st.expander(_("Resolved review comments ({n})").format(n=len(resolved))):
            for c in resolved:
                show_comment(ctx, c, resolvable=False, flash="flash_comments")


def _choose_target(ctx) -> tuple[str, str] | None:
    """Country and period from the URL (so a refresh keeps them) or from the pickers."""
    qp = st.query_params
    known = {c.code: c.name for c in ctx.store.list_countries(ctx.actor)}
    options = sorted(known) + [OTHER]
    wanted = qp.get("country")
    if wanted and wanted not in known:
        options.insert(0, wanted)
    c1, c2 = st.columns(2)
    country = c1.selectbox(_("Country"), options, index=options.index(wanted) if wanted in options else 0,
                           format_func=lambda c: f"{c} · {known[c]}" if c in known else
                           (_("➕ another country…") if c == OTHER else c), key="assess_country",
                           help=_("ISO 3166-1 alpha-2 code; XA–XZ are fictional countries."))
    if country == OTHER:
        country = st.text_input(_("Country code"), max_chars=2, key="assess_new_country",
                                placeholder=_("e.g. KE, or XA for a fictional country")).strip().upper()
    default_period = qp.get("period") or Period.quarter_of(dt.date.today()).label
    period = c2.text_input(_("Period"), value=default_period, key=f"assess_period:{default_period}",
                           help=_("Accepted forms: {forms}").format(forms=PERIOD_FORMS)).strip()
    if not country:
        st.info(_("Choose a country to assess."))
        return None
    try:
        code = resolve_country(country).code
        label = Period.parse(period).label
    except (CountryError, PeriodError) as exc:
        st.error(str(exc))
        return None
    if qp.get("country") != code or qp.get("period") != label:
        qp.update(country=code, period=label)
    return code, label


def _offer_create(ctx, country: str, period: str) -> None:
    new = Period.parse(period)
    earlier = [a for a in service(ctx).list_assessments(ctx.actor, country=country, status="validated")
               if a.period_end < new.start]
    st.write(_("There is no assessment for **{country}**, **{period}** yet.").format(country=country, period=period))
    c1, c2 = st.columns(2)
    try:
        if earlier:
            last = max(earlier, key=lambda a: a.period_start)
            if c1.button(_("Copy forward from {period} (validated)").format(period=last.period), type="primary",
                         key="assess_copy", help=_("Starts from the last validated assessment; carried-over entries "
                                                   "are marked until someone confirms or changes them.")):
                service(ctx).copy_forward(ctx.actor, country, period)
                st.rerun()
        if c2.button(_("Start an empty assessment"), type="secondary" if earlier else "primary", key="assess_create"):
            service(ctx).create(ctx.actor, country, period)
            st.rerun()
    except StoreError as exc:
        st.error(refusal(exc))


def _choose_section(ctx, view) -> str:
    """The section selector, which refuses to leave a section with unsaved input."""
    fw = ctx.framework
    options = [f.id for f in fw.factors] + list(LIST_SECTIONS)
    done = {f.id: sum(1 for i in f.indicators
                      if i.id in view.entries and view.entries[i.id].missing != "not_assessed")
            for f in fw.factors}

    def label(sid: str) -> str:
        if sid in LIST_SECTIONS:
            return _(LIST_SECTIONS[sid])
        f = fw.factor_by_id[sid]
        title = f.title.get(ctx.lang) or f.title["en"]
        text = (_("Risk factor {id} · {title} ({done}/{total})") if f.kind == "risk" else
                _("Resilience {id} · {title} ({done}/{total})"))
        return text.format(id=sid, title=title, done=done[sid], total=len(f.indicators))

    key = f"assess_section:{view.id}"
    requested = st.query_params.get("section")
    if key not in st.session_state:
        st.session_state[key] = requested if requested in options else options[0]
    previous = st.session_state.get(f"{key}:prev")
    if previous and st.session_state[key] != previous and assess_indicators.unsaved(ctx, view, previous):
        st.session_state[key] = previous
        st.warning(_("Section {section} has unsaved changes. Save them, or discard them, before moving on.").format(
            section=previous))
    section = st.selectbox(_("Section"), options, format_func=label, key=key)
    st.session_state[f"{key}:prev"] = section
    if st.query_params.get("section") != section:
        st.query_params["section"] = section
    return section
