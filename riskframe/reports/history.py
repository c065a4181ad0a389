"""A country's assessments over time, scored together: the trend of a report and the rows of a country brief.

Reads through the assessments service (scoped to the actor) and scores with riskframe.scoring, so
a number here is the number of every dashboard. Missing quarters between the first and the last
assessment are kept as empty periods, so a chart shows a gap instead of joining across it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from riskframe.assessments import Assessments
from riskframe.domain import Period, Status
from riskframe.framework.models import Framework
from riskframe.reports.model import TrendPoint
from riskframe.scoring import Scores, score_entries
from riskframe.store import AssessmentView
from riskframe.store.actor import Actor

FRAME_COLUMNS = ["assessment_id", "indicator_id", "score", "missing", "confidence", "evidence", "comment"]


def entries_frame(views: list[AssessmentView], fw: Framework) -> pd.DataFrame:
    """Entries of the views as the long frame scoring takes (ids the framework no longer has left out)."""
    rows = [(v.id, i, e.score, e.missing.value if e.missing else None,
             e.confidence.value if e.confidence else None, e.evidence, e.comment)
            for v in views for i, e in v.entries.items() if i in fw.indicators]
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


@dataclass(frozen=True)
class CountryHistory:
    """One country's assessments (oldest first) that the actor may read, and their scores."""

    views: list[AssessmentView]
    scores: Scores
    frame: pd.DataFrame

    def row(self, assessment_id: int) -> pd.Series:
        return self.scores.assessments.loc[assessment_id]


def country_history(service: Assessments, actor: Actor, country: str, until: AssessmentView | None = None
                    ) -> CountryHistory:
    """Every assessment of `country` up to `until`'s period (all of them when None), scored."""
    outs = service.list_assessments(actor, country=country)
    if until is not None:
        outs = [a for a in outs if a.period_start <= until.period_start]
    views = [until if until is not None and a.id == until.id else service.get(actor, a.id) for a in outs]
    views.sort(key=lambda v: (v.period_start, v.period_end, v.id))
    frame = entries_frame(views, service.framework)
    scores = score_entries(frame, service.framework, [v.id for v in views])
    return CountryHistory(views=views, scores=scores, frame=frame)


def _periods(labels: list[str]) -> list[str]:
    """The labels in order, with the quarters missing between two quarters filled in (gaps)."""
    parsed = sorted({Period.parse(x) for x in labels})
    if not parsed or any(p.kind != "quarter" for p in parsed):
        return [p.label for p in parsed]
    out, p = [], parsed[0]
    while p <= parsed[-1]:
        out.append(p.label)
        p = p.next_quarter()
    return out


def trend(history: CountryHistory) -> list[TrendPoint]:
    """One point per period from the first to the last assessment; None where none was made."""
    by_period = {v.period: v for v in history.views}
    points = []
    for label in _periods(list(by_period)):
        v = by_period.get(label)
        if v is None:
            points.append(TrendPoint(period=label, composite=None))
            continue
        a = history.row(v.id)
        c = a["composite"]
        points.append(TrendPoint(period=label, composite=None if pd.isna(c) else round(float(c), 1),
                                 tier=a["tier"] if isinstance(a["tier"], str) else None,
                                 validated=v.status == Status.VALIDATED))
    return points
