"""Assess: pick country and period, then fill one section at a time; each section saves on its own."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from riskframe.app.components import fictional_banner, plain, status_label
from riskframe.app.context import get_context
from riskframe.app.pages import assess_indicators, assess_lists, assess_preview
from riskframe.app.pages.assess_common import refusal, seen_revision, service, show_comment
from riskframe.domain import Period, PeriodError, resolve_country
from riskframe.domain.countries import CountryError
from riskframe.domain.periods import PERIOD_FORMS
from riskframe.domain.status import EDITABLE
from riskframe.store import StoreError

LIST_SECTIONS = {"groups": "Vulnerable groups", "consultations": "Consultations", "measures": "Prevention measures",
                 "submit": "Submit for validation"}
OTHER = "➕ another country…"


def page() -> None:
    ctx = get_context()
    st.title("Assess")
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
                f"revision {view.revision} · framework {view.framework_id} {view.framework_version}")
    if not editable:
        st.info(f"This assessment is {view.status} and read-only. "
                + ("An analyst can reopen it with a reason on the Review page." if view.status == "validated"
                   else "It is waiting for review."))

    comments = svc.comments_by_indicator(ctx.actor, view.id)
    _reviewer_comments(ctx, view, comments)
    unmapped = sorted(set(view.entries) - set(ctx.framework.indicators))
    if unmapped:
        st.info(f"Kept from an older framework version, not scored under {ctx.framework.version}: "
                f"{', '.join(unmapped)}. Nothing was dropped; see the framework guide on mappings.")
    section = _choose_section(ctx, view)
    main, side = st.columns([3, 1], gap="large")
    with main:
        if section in LIST_SECTIONS:
            assess_lists.render(ctx, view, section, editable, seen)
        else:
            assess_indicators.render(ctx, view, section, editable, comments)
    with side:
        assess_preview.render(ctx, view, section)


def _reviewer_comments(ctx, view, comments) -> None:
    """The reviewer's return note and the stored comments, where the focal point works, after any reload:
    general ones here, per-indicator ones next to their indicator (and listed here to find them)."""
    if msg := st.session_state.pop("flash_comments", None):
        st.success(msg)
    last = service(ctx).last_return(ctx.actor, view.id) if view.status == "returned" else None
    if last is not None:
        st.warning(f"Returned by {last.author} on {last.at:%Y-%m-%d} with comments:", icon=":material/undo:")
        st.text(last.note or "(no comment)")
    general = comments.get(None, [])
    open_general = [c for c in general if not c.resolved_at]
    if open_general:
        st.markdown(f"**Review comments on the whole assessment ({len(open_general)} open)**")
        for c in open_general:
            show_comment(ctx, c, resolvable=True, flash="flash_comments")
    order = {i: n for n, i in enumerate(ctx.framework.indicators)}
    on_indicators = sorted((i for i, cs in comments.items() if i and any(not c.resolved_at for c in cs)),
                           key=lambda i: (order.get(i, len(order)), i))
    if on_indicators:
        st.info("Open review comments on indicator(s) " + ", ".join(on_indicators)
                + ": they are shown next to each indicator in its section.", icon=":material/comment:")
    resolved = [c for cs in comments.values() for c in cs if c.resolved_at]
    if resolved:
        with st.expander(f"Resolved review comments ({len(resolved)})"):
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
    country = c1.selectbox("Country", options, index=options.index(wanted) if wanted in options else 0,
                           format_func=lambda c: f"{c} · {known[c]}" if c in known else c, key="assess_country",
                           help="ISO 3166-1 alpha-2 code; XA–XZ are fictional countries.")
    if country == OTHER:
        country = st.text_input("Country code", max_chars=2, key="assess_new_country",
                                placeholder="e.g. KE, or XA for a fictional country").strip().upper()
    default_period = qp.get("period") or Period.quarter_of(dt.date.today()).label
    period = c2.text_input("Period", value=default_period, key=f"assess_period:{default_period}",
                           help=f"Accepted forms: {PERIOD_FORMS}").strip()
    if not country:
        st.info("Choose a country to assess.")
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
    st.write(f"There is no assessment for **{country}**, **{period}** yet.")
    c1, c2 = st.columns(2)
    try:
        if earlier:
            last = max(earlier, key=lambda a: a.period_start)
            if c1.button(f"Copy forward from {last.period} (validated)", type="primary", key="assess_copy",
                         help="Starts from the last validated assessment; carried-over entries are marked "
                              "until someone confirms or changes them."):
                service(ctx).copy_forward(ctx.actor, country, period)
                st.rerun()
        if c2.button("Start an empty assessment", type="secondary" if earlier else "primary", key="assess_create"):
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
            return LIST_SECTIONS[sid]
        f = fw.factor_by_id[sid]
        kind = "Risk factor" if f.kind == "risk" else "Resilience"
        title = f.title.get(ctx.lang) or f.title["en"]
        return f"{kind} {sid} · {title} ({done[sid]}/{len(f.indicators)})"

    key = f"assess_section:{view.id}"
    requested = st.query_params.get("section")
    if key not in st.session_state:
        st.session_state[key] = requested if requested in options else options[0]
    previous = st.session_state.get(f"{key}:prev")
    if previous and st.session_state[key] != previous and assess_indicators.unsaved(ctx, view, previous):
        st.session_state[key] = previous
        st.warning(f"Section {previous} has unsaved changes. Save them, or discard them, before moving on.")
    section = st.selectbox("Section", options, format_func=label, key=key)
    st.session_state[f"{key}:prev"] = section
    if st.query_params.get("section") != section:
        st.query_params["section"] = section
    return section
