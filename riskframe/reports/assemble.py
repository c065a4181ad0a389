"""Building the data of one assessment report from the store, through the services (no rendering here).

Reads are scoped to the actor (the store refuses what the role or country scope does not allow).
Numbers come from riskframe.scoring (engine, per-crime method, sensitivity, agreement) and the
analytics of what changed; sections the assessment has nothing for come back empty.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from riskframe.analytics import indicator_moves
from riskframe.assessments import Assessments
from riskframe.assessments.checks import HEARD, not_heard
from riskframe.domain.labels import consultation_category_label
from riskframe.domain import Status
from riskframe.domain.countries import is_user_assigned
from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language, format_date
from riskframe.palette import tier_colours
from riskframe.prevention import suggest
from riskframe.reports import labels
from riskframe.reports.annex import annex
from riskframe.reports.history import CountryHistory, country_history, trend
from riskframe.reports.model import (
    ConsultationRow,
    Cover,
    CrimeRow,
    FactorRow,
    Flag,
    GroupRow,
    MeasureRow,
    Move,
    ReportData,
    SuggestedOption,
    Summary,
    ThemeRow,
)
from riskframe.reports.raters import agreement_rows
from riskframe.reports.robustness import robustness_sentence
from riskframe.scoring.explain import top_contributors
from riskframe.scoring.method_summary import method_rows
from riskframe.store import AssessmentView, MeasureOut, Store
from riskframe.store.actor import Actor

MOVES_SHOWN = 5       # indicators listed under "what changed" (the biggest moves first)
SUGGESTIONS_SHOWN = 5


def num(x: Any, digits: int = 1) -> float | None:
    """A finite number rounded for print, None for NaN or None."""
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return None
    return round(float(x), digits)


def tier_label(fw: Framework, tier: Any) -> str | None:
    return fw.tier(tier).label(current_language()) if isinstance(tier, str) else None


def headline(fw: Framework, a: pd.Series) -> tuple[str | None, str | None]:
    """The per-crime method's headline ("Genocide: high") and status, in the current language."""
    method = fw.manifest.method
    if method is None or "headline_crime" not in a.index:
        return None, None
    lang = current_language()
    crime = next((c for c in method.crimes if c.id == a["headline_crime"]), None)
    level = tier_label(fw, a["headline_level"]) or ""
    text = f"{tr(crime.label, lang)}: {level.lower()}" if crime else None
    return text, tr(method.status[a["status"]], lang)


def cover(fw: Framework, view: AssessmentView, now: dt.datetime) -> Cover:
    method = fw.manifest.method
    return Cover(
        country=view.country, country_name=view.country_name, period=view.period,
        status=labels.status_label(view.status), validated=view.status == Status.VALIDATED,
        validated_by=view.validated_by if view.status == Status.VALIDATED else None,
        validated_at=format_date(view.validated_at) if view.validated_at and view.status == Status.VALIDATED else None,
        framework=f"{tr(fw.manifest.framework.title, current_language())} {fw.version}",
        method_version=method.version if method else None,
        fictional=is_user_assigned(view.country), generated_at=format_date(now))


def _flags(fw: Framework, view: AssessmentView, a: pd.Series) -> list[Flag]:
    lang = current_language()
    ids = list(a["raised_red_flags"]) if "raised_red_flags" in a.index else []
    ids += [i for i in a["red_flags"] if i not in ids]
    out = []
    for iid in ids:
        entry = view.entries.get(iid)
        out.append(Flag(indicator_id=iid, text=tr(fw.indicators[iid].text, lang),
                        score=entry.score if entry else None, evidence=entry.evidence if entry else ""))
    return out


def _drivers(fw: Framework, history: CountryHistory, aid: int) -> list[str]:
    """Sentences naming the highest risk factors and the indicators that add most to the risk index."""
    lang = current_language()
    fac = history.scores.factors
    fac = fac[(fac["assessment_id"] == aid) & (fac["kind"] == "risk")].dropna(subset=["score"])
    fac = fac.sort_values(["score", "factor_id"], ascending=[False, True]).head(3)
    out = []
    if len(fac):
        parts = [_("{id} {title} ({score} of 100)").format(id=r.factor_id, title=tr(fw.factor_by_id[r.factor_id].title,
                                                                                         lang), score=f"{r.score:.0f}")
                 for r in fac.itertuples()]
        out.append(_("The highest risk factors are {factors}.").format(factors="; ".join(parts)))
    top = top_contributors(history.scores, fw, aid, 3)
    if top:
        parts = [_("{id} ({text}, scored {score})").format(id=t["indicator_id"], text=tr(fw.indicators[
            t["indicator_id"]].text, lang), score=t["score"]) for t in top]
        out.append(_("The indicators that add most to the risk index are {indicators}.").format(
            indicators="; ".join(parts)))
    return out


def summary(service: Assessments, actor: Actor, view: AssessmentView, history: CountryHistory,
            with_robustness: bool = True) -> Summary:
    fw = service.framework
    lang = current_language()
    a = history.row(view.id)
    prev, changes = service.previous_period(actor, view)
    moves = indicator_moves(changes, fw).head(MOVES_SHOWN)
    prev_row = history.row(prev.id) if prev is not None and prev.id in history.scores.assessments.index else None
    head, crime_status = headline(fw, a)
    return Summary(
        composite=num(a["composite"]), tier=a["tier"] if isinstance(a["tier"], str) else None,
        tier_label=tier_label(fw, a["tier"]), tier_before_flags_label=tier_label(fw, a["tier_before_flags"]),
        band_low=num(a["band_low"]), band_high=num(a["band_high"]),
        coverage=num(a["coverage"], 3),
        headline=head, crime_status=crime_status,
        provisional=bool(a.get("provisional", False)),
        robustness=robustness_sentence(fw, history, view.id) if with_robustness else None,
        previous_period=prev.period if prev else None,
        previous_composite=num(prev_row["composite"]) if prev_row is not None else None,
        previous_tier_label=tier_label(fw, prev_row["tier"]) if prev_row is not None else None,
        moves=[Move(indicator_id=r.indicator_id, text=tr(fw.indicators[r.indicator_id].text, lang)
                    if r.indicator_id in fw.indicators else str(r.indicator), before=r.before, after=r.after,
                    evidence=r.evidence) for r in moves.itertuples()],
        drivers=_drivers(fw, history, view.id), red_flags=_flags(fw, view, a), heard=heard_sentence(view))


def heard_sentence(view: AssessmentView) -> str:
    """Whether women and young people were consulted, by the checklist's rule (assessments.checks)."""
    absent = not_heard(view)
    if not absent:
        return _("Women's organisations and youth were consulted for this assessment, as the HRC panel report "
                 "asks (para. 42: national assessments should prioritise the voices of women and young people).")
    heard = [_lower(consultation_category_label(c)) for c in HEARD if c not in absent]
    names = [_lower(consultation_category_label(c)) for c in absent]
    text = (_("No consultation with {absent} is recorded for this assessment (consulted: {heard}); the HRC panel "
              "report asks that national assessments prioritise the voices of women and young people (para. 42).")
            if heard else
            _("No consultation with {absent} is recorded for this assessment; the HRC panel report asks that "
              "national assessments prioritise the voices of women and young people (para. 42)."))
    either = _("{first} or {last}").format(first=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 else names[0]
    return text.format(absent=either, heard=", ".join(heard))


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


def _factors(fw: Framework, history: CountryHistory, aid: int) -> list[FactorRow]:
    lang = current_language()
    fac = history.scores.factors[history.scores.factors["assessment_id"] == aid]
    return [FactorRow(factor_id=r.factor_id, title=tr(fw.factor_by_id[r.factor_id].title, lang),
                      kind=labels.kind_label(r.kind), score=num(r.score, 0), coverage=num(r.coverage, 2),
                      low=num(r.low, 0), high=num(r.high, 0)) for r in fac.itertuples()]


def _themes(fw: Framework, history: CountryHistory, aid: int) -> list[ThemeRow]:
    lang = current_language()
    row = history.scores.drivers.loc[aid]
    return [ThemeRow(theme=tr(fw.manifest.tags[str(t)], lang) if str(t) in fw.manifest.tags else str(t),
                     score=num(v, 0)) for t, v in row.items() if not pd.isna(v)]


def _crimes(fw: Framework, history: CountryHistory, aid: int) -> list[CrimeRow]:
    method, crimes = fw.manifest.method, history.scores.crimes
    if method is None or crimes is None:
        return []
    lang = current_language()
    rows = crimes[crimes["assessment_id"] == aid].set_index("crime")
    out = []
    for c in method.crimes:
        r = rows.loc[c.id]
        low, high = tier_label(fw, r["level_low"]), tier_label(fw, r["level_high"])
        out.append(CrimeRow(crime=tr(c.label, lang), level=tier_label(fw, r["level"]) or "",
                            band=str(low) if low == high else f"{low} – {high}",
                            escalators=", ".join(r["escalators"]) or "—", under_way=bool(r["under_way"])))
    return out


def _due(m: MeasureOut) -> str:
    """The quarter a measure is due by, and its due date when one is set: "2027-Q2 (31 May 2027)"."""
    day = format_date(m.due_date) if m.due_date else ""
    if m.due_period and day:
        return f"{m.due_period} ({day})"
    return m.due_period or day


def _lists(view: AssessmentView) -> tuple[list[GroupRow], list[ConsultationRow], list[MeasureRow]]:
    groups = [GroupRow(name=g.name, basis=g.basis, description=g.description) for g in view.vulnerable_groups]
    consultations = [ConsultationRow(category=labels.category_label(c.category), name=c.name,
                                     date=format_date(c.date) if c.date else "", summary=c.summary)
                     for c in sorted(view.consultations, key=lambda c: (c.date or dt.date.min, c.key))]
    measures = [MeasureRow(title=m.title, description=m.description, type=labels.measure_type_label(m.type),
                           status=labels.measure_status_label(m.status), owner=m.owner, due=_due(m),
                           linked=", ".join(m.linked_ids), follow_up=m.follow_up, upr=m.upr_recommendation_id,
                           reason=m.status_reason) for m in view.measures]
    return groups, consultations, measures


def _suggestions(fw: Framework, history: CountryHistory, aid: int) -> list[SuggestedOption]:
    if fw.manifest.prevention is None or not fw.options:
        return []
    found = suggest(history.scores, fw, aid, current_language())
    return [SuggestedOption(title=s.title, reason=_("Addresses {indicators}.").format(
        indicators=", ".join(i.id for i in s.indicators)) if s.indicators else "")
        for s in found.suggestions[:SUGGESTIONS_SHOWN]]


def assemble(store: Store, actor: Actor, fw: Framework, assessment_id: int, *, now: dt.datetime | None = None,
             with_robustness: bool = True) -> ReportData:
    """Everything the report of `assessment_id` shows, read as `actor`, in the current language."""
    service = Assessments(store, fw)
    view = service.get(actor, assessment_id)
    history = country_history(service, actor, view.country, until=view)
    now = now or store.now()
    groups, consultations, measures = _lists(view)
    items, sources = annex(fw, view)
    tiers = fw.manifest.scoring.tiers
    return ReportData(
        assessment_id=view.id, language=current_language(), cover=cover(fw, view, now),
        summary=summary(service, actor, view, history, with_robustness), trend=trend(history),
        factors=_factors(fw, history, view.id), themes=_themes(fw, history, view.id),
        crimes=_crimes(fw, history, view.id), groups=groups, consultations=consultations, measures=measures,
        suggestions=_suggestions(fw, history, view.id), agreement=agreement_rows(store, actor, view.id),
        annex=items, sources=sources, method=method_rows(fw, current_language()),
        tier_colours=tier_colours(fw),
        tier_bounds=[(t.id, float(t.min), t.label(current_language())) for t in tiers], made_at=now)
