"""Suggested prevention options for one scored assessment, ranked by how much of its risk they address.

Pure: scores in, suggestions out (no I/O). What asks for options (manifest `prevention.thresholds`):
every raised red flag, every risk factor scored at or above `factor_at` and every driver theme at or
above `theme_at`. An option answers a request when it is linked to it: the red-flag indicator is one it
names or lies in a factor it names; the factor is one it names or holds an indicator it names; the theme
is one it names. Its linked indicators are those it names, those of the factors it names, and, for each
theme it answers, the risk indicators tagged with that theme.

Ranking: the summed contribution to the risk index (riskframe.scoring.explain.contributions) of its
linked indicators scored at or above `indicator_at`, highest first; ties by the number of raised red
flags it addresses, then catalogue order. Each suggestion carries a sentence saying why.
"""

from __future__ import annotations

import math

from pydantic import BaseModel

from riskframe.framework.models import Framework, tr
from riskframe.framework.prevention_models import PreventionOption
from riskframe.i18n import _, current_language, format_decimal, ngettext, use_language
from riskframe.scoring.engine import Scores
from riskframe.scoring.explain import contributions

MAX_NAMED = 6
"""At most this many indicators are named in a reason; the rest are counted."""


class Trigger(BaseModel):
    """Something in the assessment that asks for prevention options."""

    kind: str          # red_flag | factor | theme
    id: str
    value: float | None  # the indicator's level (None when derived from a mirror), or the factor's / theme's score
    label: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


class LinkedIndicator(BaseModel):
    id: str
    score: int
    points: float      # contribution to the risk index


class Suggestion(BaseModel):
    option_id: str
    title: str
    horizon: str
    actors: list[str]
    points: float                      # summed contribution of its high linked indicators
    indicators: list[LinkedIndicator]  # its high linked indicators, highest score first, then document order
    triggers: list[str]                # keys of the triggers it answers (kind:id)
    strengthens: list[str]
    sources: list[str]
    reason: str


class SuggestionReport(BaseModel):
    assessment: int | str
    thresholds: dict[str, float]
    triggers: list[Trigger]
    suggestions: list[Suggestion]
    n_linked: int                      # options linked to a trigger, before the cut at max_suggestions
    unanswered: list[str]              # keys of triggers no option in the catalogue is linked to


def _direct_indicators(fw: Framework, option: PreventionOption) -> set[str]:
    """The indicators an option names, and those of the factors it names."""
    linked = set(option.addresses.indicators)
    for f in option.addresses.factors:
        linked |= {i.id for i in fw.factor_by_id[f].indicators}
    return linked


def _theme_indicators(fw: Framework, themes: set[str]) -> set[str]:
    return {i.id for i in fw.indicators.values() if i.kind == "risk" and themes & set(i.tags)}


def _linked_factors(fw: Framework, option: PreventionOption) -> set[str]:
    return set(option.addresses.factors) | {fw.indicators[i].factor_id for i in option.addresses.indicators}


def _fmt(x: float) -> str:
    return format_decimal(x, 0)


def _triggers(scores: Scores, fw: Framework, assessment_id, lang: str) -> list[Trigger]:
    t = fw.manifest.prevention.thresholds  # type: ignore[union-attr]
    a = scores.assessments.loc[assessment_id]
    flags = a["raised_red_flags"] if "raised_red_flags" in scores.assessments.columns else a["red_flags"]
    out = []
    for ind_id in flags:
        v = float(scores.indicator_scores.loc[assessment_id, ind_id])
        # a flag derived from a mirror has no own score
        label = _("red flag {indicator} raised").format(indicator=ind_id) if math.isnan(v) else \
            _("red flag {indicator} raised (scored {score})").format(indicator=ind_id, score=_fmt(v))
        out.append(Trigger(kind="red_flag", id=ind_id, value=None if math.isnan(v) else v, label=label))
    fac = scores.factors[(scores.factors["assessment_id"] == assessment_id) & (scores.factors["kind"] == "risk")]
    for r in fac.itertuples():
        if not math.isnan(r.score) and r.score >= t.factor_at:
            title = tr(fw.factor_by_id[r.factor_id].title, lang)
            out.append(Trigger(kind="factor", id=r.factor_id, value=float(r.score),
                               label=_("factor {factor} ({title}) at {score}").format(
                                   factor=r.factor_id, title=title, score=_fmt(r.score))))
    if assessment_id in scores.drivers.index:
        for theme, v in scores.drivers.loc[assessment_id].items():
            if not math.isnan(v) and v >= t.theme_at:
                label = tr(fw.manifest.tags[str(theme)], lang)
                out.append(Trigger(kind="theme", id=str(theme), value=float(v),
                                   label=_("theme {theme} at {score}").format(theme=label, score=_fmt(v))))
    return out


def _join(items: list[str]) -> str:
    """'a, b and c' in the current language."""
    if len(items) == 1:
        return items[0]
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def _named(inds: list[LinkedIndicator]) -> str:
    """'7.14 and 8.7, both scored 3' or '7.14 (scored 3), 4.8 (scored 2) and 2 more'."""
    shown, rest = inds[:MAX_NAMED], len(inds) - MAX_NAMED
    ids = [i.id for i in shown]
    if len({i.score for i in inds}) == 1:
        score = inds[0].score
        if len(inds) == 1:
            return _("{indicator}, scored {score}").format(indicator=ids[0], score=score)
        if rest > 0:
            return _("{indicators} and {more} more, all scored {score}").format(
                indicators=", ".join(ids), more=rest, score=score)
        if len(inds) == 2:
            return _("{indicators}, both scored {score}").format(indicators=_join(ids), score=score)
        return _("{indicators}, all scored {score}").format(indicators=_join(ids), score=score)
    parts = [_("{indicator} (scored {score})").format(indicator=i.id, score=i.score) for i in shown]
    if rest > 0:
        return _("{indicators} and {more} more").format(indicators=", ".join(parts), more=rest)
    return _join(parts)


def _reason(inds: list[LinkedIndicator], answered: list[Trigger], indicator_at: int) -> str:
    flags = [t.id for t in answered if t.kind == "red_flag"]
    others = [t.label for t in answered if t.kind != "red_flag"]
    head = (_("addresses {indicators}").format(indicators=_named(inds)) if inds
            else _("none of its linked indicators is scored {level} or more").format(level=indicator_at))
    why = []
    if flags:
        why.append(ngettext("raised red flag {flags}", "raised red flags {flags}", len(flags)).format(
            flags=", ".join(flags)))
    why += others
    if why:
        return _("{reason}; linked to {triggers}.").format(reason=head, triggers="; ".join(why))
    return _("{reason}.").format(reason=head)


def suggest(scores: Scores, fw: Framework, assessment_id, lang: str | None = None) -> SuggestionReport:
    """The options linked to what is high in the assessment, ranked, with a reason each (titles, labels
    and reasons in ``lang``, else the current language)."""
    with use_language(lang):
        return _suggest(scores, fw, assessment_id, current_language())


def _suggest(scores: Scores, fw: Framework, assessment_id, lang: str) -> SuggestionReport:
    section = fw.manifest.prevention
    if section is None or not fw.options:
        return SuggestionReport(assessment=assessment_id, thresholds={}, triggers=[], suggestions=[], n_linked=0,
                                unanswered=[])
    t = section.thresholds
    triggers = _triggers(scores, fw, assessment_id, lang)
    values = scores.indicator_scores.loc[assessment_id]
    points = contributions(scores, fw).loc[assessment_id]
    order = list(fw.indicators)
    ranked = []
    for n, option in enumerate(fw.options):
        direct = _direct_indicators(fw, option)
        factors = _linked_factors(fw, option)
        answered = [tr_ for tr_ in triggers if
                    (tr_.kind == "red_flag" and tr_.id in direct)
                    or (tr_.kind == "factor" and tr_.id in factors)
                    or (tr_.kind == "theme" and tr_.id in option.addresses.themes)]
        if not answered:
            continue
        linked = direct | _theme_indicators(fw, {a.id for a in answered if a.kind == "theme"})
        high = [LinkedIndicator(id=i, score=int(values[i]), points=round(float(points[i]), 4))
                for i in linked if i in points.index and not math.isnan(values[i]) and values[i] >= t.indicator_at]
        high.sort(key=lambda li: (-li.score, order.index(li.id)))
        total = sum(li.points for li in high)
        n_flags = sum(1 for a in answered if a.kind == "red_flag")
        suggestion = Suggestion(
            option_id=option.id, title=tr(option.title, lang), horizon=option.horizon, actors=list(option.actors),
            points=round(total, 2), indicators=high, triggers=[a.key for a in answered],
            strengthens=list(option.strengthens), sources=[f"{s.document}, {s.ref}" for s in option.sources],
            reason=_reason(high, answered, t.indicator_at))
        ranked.append(((-total, -n_flags, n), suggestion))
    ranked.sort(key=lambda r: r[0])
    answered_keys = {k for _r, sug in ranked for k in sug.triggers}
    return SuggestionReport(
        assessment=assessment_id,
        thresholds={"indicator_at": t.indicator_at, "factor_at": t.factor_at, "theme_at": t.theme_at},
        triggers=triggers, suggestions=[s for _k, s in ranked[: t.max_suggestions]], n_linked=len(ranked),
        unanswered=[tr_.key for tr_ in triggers if tr_.key not in answered_keys])
