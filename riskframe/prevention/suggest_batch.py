"""Suggestions for many assessments at once: the rules of prevention.suggest, read from plain arrays.

Why: the portfolio export asks for 193 × 8 reports; calling `suggest` per assessment recomputed the
contributions each time and read every value through pandas (~224,000 lookups, ~40% of the export).
Here the contributions are computed once, each option's links are worked out once per framework
(cached weakly on the framework object, as scoring.plan does), and values are read from dicts. The
result is identical to `suggest` for every assessment (tests/prevention/test_suggest_batch.py).
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from typing import Any

from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language, use_language
from riskframe.prevention.suggest import (LinkedIndicator, Suggestion, SuggestionReport, Trigger, _direct_indicators,
                                          _fmt, _linked_factors, _reason, _theme_indicators)
from riskframe.scoring.engine import Scores
from riskframe.scoring.explain import contributions


@dataclass
class _Links:
    """Per framework: each option's direct indicators and linked factors, indicator order, theme sets."""

    options: list[tuple[int, Any, set[str], set[str]]]   # (catalogue position, option, direct, factors)
    order: dict[str, int]
    themes: dict[frozenset[str], set[str]]


_LINKS: dict[int, tuple[weakref.ref, _Links]] = {}


def _links_of(fw: Framework) -> _Links:
    found = _LINKS.get(id(fw))
    if found is not None and found[0]() is fw:
        return found[1]
    links = _Links(options=[(n, o, _direct_indicators(fw, o), _linked_factors(fw, o)) for n, o in enumerate(fw.options)],
                   order={i: n for n, i in enumerate(fw.indicators)}, themes={})
    key = id(fw)
    _LINKS[key] = (weakref.ref(fw, lambda _ref: _LINKS.pop(key, None)), links)
    return links


def _theme_set(fw: Framework, links: _Links, themes: set[str]) -> set[str]:
    key = frozenset(themes)
    if key not in links.themes:
        links.themes[key] = _theme_indicators(fw, themes)
    return links.themes[key]


def suggest_many(scores: Scores, fw: Framework, assessment_ids: list | None = None,
                 lang: str | None = None) -> dict[Any, SuggestionReport]:
    """`suggest` for each of `assessment_ids` (default: every assessment scored), in one pass."""
    with use_language(lang):
        lang = current_language()
        ids = list(scores.assessments.index) if assessment_ids is None else list(assessment_ids)
        section = fw.manifest.prevention
        if section is None or not fw.options:
            return {a: SuggestionReport(assessment=a, thresholds={}, triggers=[], suggestions=[], n_linked=0,
                                        unanswered=[]) for a in ids}
        return _many(scores, fw, ids, lang)


def _many(scores: Scores, fw: Framework, ids: list, lang: str) -> dict[Any, SuggestionReport]:
    t = fw.manifest.prevention.thresholds  # type: ignore[union-attr]
    links = _links_of(fw)
    a = scores.assessments
    flags_col = "raised_red_flags" if "raised_red_flags" in a.columns else "red_flags"
    flags_of = dict(zip(a.index, a[flags_col].tolist(), strict=True))
    ind = scores.indicator_scores
    ind_cols = list(ind.columns)
    ind_pos = {aid: n for n, aid in enumerate(ind.index)}
    ind_rows = ind.to_numpy(dtype=float)
    contrib = contributions(scores, fw)
    c_cols = list(contrib.columns)
    c_pos = {aid: n for n, aid in enumerate(contrib.index)}
    c_rows = contrib.to_numpy(dtype=float)
    fac = scores.factors[scores.factors["kind"] == "risk"]
    fac_ids, fac_scores = fac["factor_id"].tolist(), fac["score"].tolist()
    fac_of = fac.groupby("assessment_id", sort=False).indices
    drv = scores.drivers
    drv_cols = [str(c) for c in drv.columns]
    drv_pos = {aid: n for n, aid in enumerate(drv.index)}
    drv_rows = drv.to_numpy(dtype=float)
    formatted: dict[tuple[type, str], str] = {}

    def fmt(x: float) -> str:
        """suggest._fmt, each distinct value formatted once (Babel's formatting was ~30% of the batch)."""
        key = (type(x), repr(x))
        if key not in formatted:
            formatted[key] = _fmt(x)
        return formatted[key]

    out: dict[Any, SuggestionReport] = {}
    for aid in ids:
        values = dict(zip(ind_cols, ind_rows[ind_pos[aid]].tolist(), strict=True))
        points = dict(zip(c_cols, c_rows[c_pos[aid]].tolist(), strict=True))
        triggers = []
        for ind_id in flags_of[aid]:
            v = values[ind_id]
            label = _("red flag {indicator} raised").format(indicator=ind_id) if math.isnan(v) else \
                _("red flag {indicator} raised (scored {score})").format(indicator=ind_id, score=fmt(v))
            triggers.append(Trigger(kind="red_flag", id=ind_id, value=None if math.isnan(v) else v, label=label))
        for p in fac_of.get(aid, ()):
            score, fid = fac_scores[p], fac_ids[p]
            if not math.isnan(score) and score >= t.factor_at:
                title = tr(fw.factor_by_id[fid].title, lang)
                triggers.append(Trigger(kind="factor", id=fid, value=float(score),
                                        label=_("factor {factor} ({title}) at {score}").format(
                                            factor=fid, title=title, score=fmt(score))))
        if aid in drv_pos:
            for theme, v in zip(drv_cols, drv_rows[drv_pos[aid]].tolist(), strict=True):
                if not math.isnan(v) and v >= t.theme_at:
                    label = tr(fw.manifest.tags[theme], lang)
                    triggers.append(Trigger(kind="theme", id=theme, value=float(v),
                                            label=_("theme {theme} at {score}").format(theme=label, score=fmt(v))))
        out[aid] = _report(fw, links, aid, triggers, values, points, lang)
    return out


def _report(fw: Framework, links: _Links, aid: Any, triggers: list[Trigger], values: dict[str, float],
            points: dict[str, float], lang: str) -> SuggestionReport:
    t = fw.manifest.prevention.thresholds  # type: ignore[union-attr]
    ranked = []
    for n, option, direct, factors in links.options:
        answered = [tr_ for tr_ in triggers if
                    (tr_.kind == "red_flag" and tr_.id in direct)
                    or (tr_.kind == "factor" and tr_.id in factors)
                    or (tr_.kind == "theme" and tr_.id in option.addresses.themes)]
        if not answered:
            continue
        themes = {x.id for x in answered if x.kind == "theme"}
        linked = direct | _theme_set(fw, links, themes) if themes else direct
        high = [LinkedIndicator(id=i, score=int(values[i]), points=round(points[i], 4))
                for i in linked if i in points and not math.isnan(values[i]) and values[i] >= t.indicator_at]
        high.sort(key=lambda li: (-li.score, links.order[li.id]))
        total = sum(li.points for li in high)
        n_flags = sum(1 for x in answered if x.kind == "red_flag")
        suggestion = Suggestion(
            option_id=option.id, title=tr(option.title, lang), horizon=option.horizon, actors=list(option.actors),
            points=round(total, 2), indicators=high, triggers=[x.key for x in answered],
            strengthens=list(option.strengthens), sources=[f"{s.document}, {s.ref}" for s in option.sources],
            reason=_reason(high, answered, t.indicator_at))
        ranked.append(((-total, -n_flags, n), suggestion))
    ranked.sort(key=lambda r: r[0])
    answered_keys = {k for _r, sug in ranked for k in sug.triggers}
    return SuggestionReport(
        assessment=aid,
        thresholds={"indicator_at": t.indicator_at, "factor_at": t.factor_at, "theme_at": t.theme_at},
        triggers=triggers, suggestions=[s for _k, s in ranked[: t.max_suggestions]], n_linked=len(ranked),
        unanswered=[tr_.key for tr_ in triggers if tr_.key not in answered_keys])
