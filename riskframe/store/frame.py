"""All current entries as one long pandas DataFrame, in one query, for scoring and dashboards."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from riskframe.store import models as m

COLUMNS = ["assessment_id", "country", "period", "period_start", "status", "revision", "indicator_id",
           "score", "missing", "confidence", "evidence", "changed_by", "changed_at"]
STRING_COLUMNS = ["country", "period", "status", "indicator_id", "missing", "confidence", "evidence", "changed_by"]


def entries_frame(session: Session, statuses: Iterable[str] | None = None,
                  countries: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (assessment, indicator) at the assessment's head revision.

    dtypes: ids/revision int64, score Int64 (nullable: missing is never 0), text columns string,
    period_start datetime64[ns], changed_at datetime64[ns, UTC].
    """
    e = m.EntryVersion
    latest = select(e.assessment_id.label("aid"), e.indicator_id.label("iid"),
                    func.max(e.revision).label("rev")).group_by(e.assessment_id, e.indicator_id).subquery()
    query = (
        select(e.assessment_id, m.Assessment.country_code, m.Period.label, m.Period.start, m.Assessment.status,
               m.Assessment.revision, e.indicator_id, e.score, e.missing, e.confidence, e.evidence,
               e.author, e.at)
        .join(latest, and_(e.assessment_id == latest.c.aid, e.indicator_id == latest.c.iid,
                           e.revision == latest.c.rev))
        .join(m.Assessment, m.Assessment.id == e.assessment_id)
        .join(m.Period, m.Period.id == m.Assessment.period_id)
        .order_by(m.Assessment.country_code, m.Period.start, e.assessment_id, e.indicator_id)
    )
    if statuses is not None:
        query = query.where(m.Assessment.status.in_([str(s) for s in statuses]))
    if countries is not None:
        query = query.where(m.Assessment.country_code.in_(list(countries)))
    rows = session.execute(query).all()
    frame = pd.DataFrame.from_records(rows, columns=COLUMNS) if rows else pd.DataFrame(
        {c: [] for c in COLUMNS})
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "assessment_id": frame["assessment_id"].astype("int64"),
        "country": frame["country"].astype("string"),
        "period": frame["period"].astype("string"),
        "period_start": pd.to_datetime(frame["period_start"]).astype("datetime64[ns]"),
        "status": frame["status"].astype("string"),
        "revision": frame["revision"].astype("int64"),
        "indicator_id": frame["indicator_id"].astype("string"),
        "score": frame["score"].astype("Int64"),
        "missing": frame["missing"].astype("string"),
        "confidence": frame["confidence"].astype("string"),
        "evidence": frame["evidence"].astype("string"),
        "changed_by": frame["changed_by"].astype("string"),
        "changed_at": pd.to_datetime(frame["changed_at"], utc=True).astype("datetime64[ns, UTC]"),
    })
    return out
