"""Rating rounds: raters score blind, the lead reads the agreement and writes the consensus (issue 21).

The page renders and calls: the workflow and its blindness are riskframe.store.rounds (a rater who
has not submitted is refused the others' scores by the store, whatever this page asks), the lead's
reading is riskframe.assessments.round_review.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from riskframe.app.components import fictional_banner, fmt, plain
from riskframe.app.context import get_context
from riskframe.app.pages.assess_common import refusal, service
from riskframe.assessments.round_review import review_round
from riskframe.domain.status import status_label
from riskframe.framework.models import tr
from riskframe.i18n import _
from riskframe.store import StoreError, access
from riskframe.store.round_schemas import RoundOut
from riskframe.store.rounds import LEVELS, Rounds

FLASH = "flash_rounds"
EDITABLE = ("draft", "returned")


def page() -> None:
    ctx = get_context()
    st.title(_("Rating rounds"))
    st.caption(_("Several raters score the same indicators without seeing each other's scores; their agreement "
                 "is measured, and the lead writes the consensus into the assessment as one revision."))
    if msg := st.session_state.pop(FLASH, None):
        st.success(msg)
    assessments = service(ctx).list_assessments(ctx.actor)
    if not assessments:
        st.info(_("No assessment you may read yet."))
        return
    fictional_banner([a.country for a in assessments])
    # the assessments a round can be opened on (draft, returned) first, newest first
    assessments = sorted(assessments, key=lambda a: (a.status.value not in EDITABLE, -a.period_start.toordinal(),
                                                     a.country))
    chosen = st.selectbox(_("Assessment"), assessments, key="rounds_assessment",
                          format_func=lambda a: f"{a.country} · {a.country_name} — {a.period} ({status_label(a.status)})")
    rounds = Rounds(ctx.store)
    found = rounds.list_rounds(ctx.actor, chosen.id)
    open_round = next((r for r in found if r.status == "open"), None)
    editable = chosen.status.value in EDITABLE
    if open_round is None and _may_lead(ctx, chosen.country) and editable:
        _open_form(ctx, rounds, chosen)
    if not found:
        st.info(_("No rating round on this assessment yet.") + (" " if editable else " " + _(
            "Rounds are opened on a draft or returned assessment; this one is {status}.").format(
            status=status_label(chosen.status))))
    for r in reversed(found):
        with st.container(border=True):
            _round(ctx, rounds, r)


def _may_lead(ctx, country: str) -> bool:
    return access.allows(ctx.actor, access.LEAD_ROUND) and access.in_scope(ctx.actor, country)


def _act(work, done: str) -> None:
    """Run one store call; a refusal is a sentence on the page, success a message after the rerun."""
    try:
        work()
    except StoreError as exc:
        st.error(refusal(exc))
        return
    st.session_state[FLASH] = done
    st.rerun()


def _open_form(ctx, rounds: Rounds, chosen) -> None:
    fw = ctx.framework
    with st.expander(_("Open a rating round"), expanded=False), st.form("round_open"):
        factors = st.multiselect(_("Factors to rate"), list(fw.factor_by_id),
                                 format_func=lambda f: f"{f} · {tr(fw.factor_by_id[f].title, ctx.lang)}")
        raters = st.text_input(_("Raters (usernames, separated by commas)"), max_chars=2000)
        level = st.selectbox(_("Level of measurement for agreement"), LEVELS, index=LEVELS.index("ordinal"))
        if st.form_submit_button(_("Open the round"), type="primary"):
            ids = [ind.id for f in factors for ind in fw.factor_by_id[f].indicators]
            names = [n.strip() for n in raters.split(",") if n.strip()]
            if not ids or not names:
                st.error(_("Choose at least one factor and name at least one rater."))
                return

            def work() -> None:
                opened = rounds.open(ctx.actor, chosen.id, ids, list(fw.indicators), level=level)
                rounds.invite(ctx.actor, opened.id, names)
            _act(work, _("The round is open; the raters can fill their scoresheets."))


def _round(ctx, rounds: Rounds, r: RoundOut) -> None:
    kind = _("second round (Delphi)") if r.parent_round_id else _("round")
    state = _("open") if r.status == "open" else (_("closed, consensus in revision {n}").format(n=r.consensus_revision)
                                                  if r.consensus_revision else _("closed, re-rated in the next round"))
    st.subheader(_("Round {number}").format(number=r.number) + f" · {kind} · {state}")
    submitted = [x.username for x in r.raters if x.submitted]
    waiting = [x.username for x in r.raters if not x.submitted]
    st.caption(_("Led by {lead}. Submitted: {done}. Waiting for: {waiting}.").format(
        lead=plain(r.opened_by), done=plain(", ".join(submitted) or "—"), waiting=plain(", ".join(waiting) or "—")))
    me = ctx.actor.username.lower()
    mine = next((x for x in r.raters if x.username == me), None)
    if r.status == "open" and mine is not None and not mine.submitted:
        _scoresheet(ctx, rounds, r)
        return
    if r.status == "open" and not submitted:
        return
    try:
        review = review_round(ctx.store, ctx.framework, ctx.actor, r.id, n_boot=500)
    except StoreError as exc:
        st.info(refusal(exc))
        return
    _review(review)
    if r.status == "open" and (me == r.opened_by or access.allows(ctx.actor, access.ADMIN)):
        _lead_actions(ctx, rounds, r, review)
    if r.status == "closed" and r.consensus_revision and mine is not None and mine.submitted:
        _dissent_form(ctx, rounds, r)
    if r.consensus_revision:
        for d in rounds.dissents(ctx.actor, r.id):
            st.warning(_("Dissent by {rater} on {indicator}: {text}").format(
                rater=plain(d.rater), indicator=d.indicator_id, text=plain(d.text)))


def _scoresheet(ctx, rounds: Rounds, r: RoundOut) -> None:
    fw = ctx.framework
    earlier = rounds.distribution(ctx.actor, r.id) if r.parent_round_id else {}
    st.markdown(_("**Your scoresheet.** The others' scores stay hidden until you submit."))
    missing = {c: fw.manifest.scale.missing_label(c, ctx.lang) for c in fw.manifest.scale.missing}
    with st.form(f"sheet_{r.id}"):
        for iid in r.indicator_ids:
            ind = fw.indicators[iid]
            st.markdown(f"**{iid}** {plain(tr(ind.text, ctx.lang))}")
            if iid in earlier:
                st.caption(_("Round before (how many raters gave each value): {counts}").format(
                    counts=", ".join(f"{missing.get(v, v)}: {n}" for v, n in earlier[iid].items())))
            options = ["0", "1", "2", "3", *missing]

            def label(option: str, kind: str = ind.kind) -> str:
                if option.isdigit():
                    return f"{option} · {fw.manifest.scale.level_label(kind, int(option), ctx.lang)}"
                return missing[option]
            st.selectbox(_("Score"), options, key=f"sheet_{r.id}_{iid}", index=None, format_func=label)
            st.text_input(_("Rationale"), key=f"why_{r.id}_{iid}", max_chars=2000)
        if st.form_submit_button(_("Submit my scoresheet"), type="primary"):
            sheet = {}
            for iid in r.indicator_ids:
                value = st.session_state.get(f"sheet_{r.id}_{iid}")
                if value is None:
                    st.error(_("Give a score or a missing reason for indicator {indicator}.").format(indicator=iid))
                    return
                line = {"score": int(value)} if value.isdigit() else {"missing": value}
                sheet[iid] = {**line, "rationale": st.session_state.get(f"why_{r.id}_{iid}") or ""}
            _act(lambda: rounds.submit_sheet(ctx.actor, r.id, sheet), _("Your scoresheet was submitted."))


def _review(review) -> None:
    a = review.overall
    c1, c2, c3 = st.columns(3)
    c1.metric(_("Krippendorff's alpha"), "—" if a is None or a.value is None else f"{a.value:.3f}",
              help=_("1 is perfect agreement, 0 is what chance would give. Level: {level}.").format(level=review.level))
    if a is not None and a.low is not None and a.high is not None:
        c2.metric(_("95% interval"), f"{a.low:.2f} – {a.high:.2f}")
    span = review.rater_range
    if span is not None:
        c3.metric(_("Rater range of the composite"), f"{fmt(span[0])} – {fmt(span[1])}")
    if review.disagreements:
        st.markdown(_("**Disagreements**, the largest swing in the composite first"))
        st.dataframe(pd.DataFrame([{
            _("Indicator"): d.indicator_id, _("Scores given"): ", ".join(f"{v}×{n}" for v, n in d.distribution.items()),
            _("Range"): d.range, _("Swing"): round(d.swing, 1), _("Two levels apart"): _("yes") if d.flagged else "",
            _("Text"): d.text} for d in review.disagreements]), hide_index=True, width="stretch")
    elif review.raters:
        st.caption(_("The raters agree on every indicator."))


def _lead_actions(ctx, rounds: Rounds, r: RoundOut, review) -> None:
    disputed = list(review.disagreements)
    with st.form(f"close_{r.id}"):
        st.markdown(_("**Close the round.** Give the consensus, with a rationale, where the raters disagree."))
        for d in disputed:
            st.selectbox(_("Consensus for {indicator}").format(indicator=d.indicator_id), ["0", "1", "2", "3"],
                         index=None, key=f"decide_{r.id}_{d.indicator_id}")
            st.text_input(_("Rationale for {indicator}").format(indicator=d.indicator_id), max_chars=5000,
                          key=f"decide_why_{r.id}_{d.indicator_id}")
        close = st.form_submit_button(_("Close and write the consensus"), type="primary")
        second = st.form_submit_button(_("Re-rate the disputed indicators in a second round"),
                                       disabled=not disputed)
    if close:
        decisions = {}
        for d in disputed:
            value = st.session_state.get(f"decide_{r.id}_{d.indicator_id}")
            why = (st.session_state.get(f"decide_why_{r.id}_{d.indicator_id}") or "").strip()
            if value is not None:
                decisions[d.indicator_id] = {"score": int(value), "rationale": why}
        head = service(ctx).get(ctx.actor, r.assessment_id).revision
        _act(lambda: rounds.close(ctx.actor, r.id, head, decisions), _("The consensus was written."))
    if second:
        _act(lambda: rounds.second_round(ctx.actor, r.id), _("A second round is open on the disputed indicators."))


def _dissent_form(ctx, rounds: Rounds, r: RoundOut) -> None:
    with st.expander(_("Record a dissent from the consensus")), st.form(f"dissent_{r.id}"):
        indicator = st.selectbox(_("Indicator"), r.indicator_ids, key=f"dissent_ind_{r.id}")
        text = st.text_area(_("Why you disagree"), max_chars=5000, key=f"dissent_text_{r.id}")
        if st.form_submit_button(_("Record the dissent")):
            _act(lambda: rounds.dissent(ctx.actor, r.id, indicator, text), _("Your dissent was recorded."))
