"""Suggested prevention options of one assessment, each saying whether it is already adopted as a measure.

One rule for the app (Assess, country dashboard) and the export sheet: an option counts as adopted
when a measure of the assessment keeps its id (option_id), whatever that measure's status, so a
suggestion is never offered twice. The indicators a new measure keeps are the suggestion's high
linked indicators, or, when none is scored high, the factors and indicators that asked for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from riskframe.framework.models import Framework, tr
from riskframe.i18n import current_language, use_language
from riskframe.prevention import Suggestion, SuggestionReport, suggest
from riskframe.scoring import Scores


class SuggestedRow(BaseModel):
    rank: int
    option_id: str
    title: str
    reason: str
    horizon: str
    horizon_label: str           # in the language asked for (the manifest's prevention.horizons)
    linked_ids: list[str]        # what a measure adopted from it keeps
    adopted: bool
    measure_key: str | None = None  # the measure that adopted it


def linked_ids(s: Suggestion) -> list[str]:
    if s.indicators:
        return [i.id for i in s.indicators]
    return list(dict.fromkeys(key.split(":", 1)[1] for key in s.triggers if not key.startswith("theme:")))


def adopted_options(measures: Iterable[Any]) -> dict[str, str]:
    """option id -> key of the measure keeping it (the first one)."""
    out: dict[str, str] = {}
    for m in measures:
        option = getattr(m, "option_id", None)
        if option and option not in out and not getattr(m, "deleted", False):
            out[option] = m.key
    return out


def suggested(scores: Scores, fw: Framework, assessment_id: int, measures: Iterable[Any],
              lang: str | None = None, report: SuggestionReport | None = None) -> list[SuggestedRow]:
    """The ranked suggestions of `assessment_id` (prevention.suggest, or `report` when already computed,
    e.g. by prevention.suggest_many), marked adopted or not."""
    if fw.manifest.prevention is None or not fw.options:
        return []
    taken = adopted_options(measures)
    report = report if report is not None else suggest(scores, fw, assessment_id, lang)
    with use_language(lang):
        lang = current_language()
    horizons = fw.manifest.prevention.horizons
    return [SuggestedRow(rank=n, option_id=s.option_id, title=s.title, reason=s.reason[:1].upper() + s.reason[1:],
                         horizon=s.horizon,
                         horizon_label=tr(horizons[s.horizon], lang) if s.horizon in horizons else s.horizon,
                         linked_ids=linked_ids(s), adopted=s.option_id in taken, measure_key=taken.get(s.option_id))
            for n, s in enumerate(report.suggestions, start=1)]
