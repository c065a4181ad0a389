"""All current entries as one long pandas DataFrame, in one query, for scoring and dashboards.

193 countries × 20 periods × 160 indicators is ~600k rows, so: entry_heads says which version is
current (no GROUP BY over the history), the query runs on the raw DBAPI cursor (no per-row
SQLAlchemy type processing), and columns are converted vectorised by pandas.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, literal_column, select
from sqlalchemy.orm import Session

from riskframe.store import models as m

try:
    import pyarrow as pa
except ImportError:  # pragma: no cover - pandas works without it, only slower here
    pa = None

COLUMNS = ["assessment_id", "country", "period", "period_start", "status", "revision", "indicator_id",
           "score", "missing", "confidence", "evidence", "changed_by", "changed_at"]
_STRINGS = ("country", "period", "status", "indicator_id", "missing", "confidence", "evidence", "changed_by")


def raw_column(column: Any) -> Any:
    """The column without its SQLAlchemy type, so the driver's value comes through untouched."""
    return literal_column(f"{column.table.name}.{column.name}")


_raw = raw_column


def entries_query(statuses: list[str] | None, countries: Iterable[str] | None,
                  assessment_ids: Iterable[int] | None = None) -> Any:
    t_h, t_e = m.EntryHead.__table__, m.EntryVersion.__table__
    t_a, t_p = m.Assessment.__table__, m.Period.__table__
    query = (
        select(*(_raw(c) for c in (t_e.c.assessment_id, t_a.c.country_code, t_p.c.label, t_p.c.start_date,
                                   t_a.c.status, t_a.c.revision, t_e.c.indicator_id, t_e.c.score, t_e.c.missing,
                                   t_e.c.confidence, t_e.c.evidence, t_e.c.author, t_e.c.at)))
        .select_from(t_h)
        .join(t_e, and_(t_e.c.assessment_id == t_h.c.assessment_id, t_e.c.indicator_id == t_h.c.indicator_id,
                        t_e.c.revision == t_h.c.revision))
        .join(t_a, t_a.c.id == t_h.c.assessment_id)
        .join(t_p, t_p.c.id == t_a.c.period_id)
        .order_by(t_h.c.assessment_id, t_h.c.indicator_id)
    )
    if statuses is not None:
        query = query.where(t_a.c.status.in_(statuses))
    if countries is not None:
        query = query.where(t_a.c.country_code.in_(sorted(countries)))
    if assessment_ids is not None:
        query = query.where(t_h.c.assessment_id.in_(sorted(assessment_ids)))
    return query


def entries_frame(session: Session, statuses: list[str] | None = None,
                  countries: Iterable[str] | None = None, assessment_ids: Iterable[int] | None = None) -> pd.DataFrame:
    """One row per (assessment, indicator) at the assessment's head revision.

    dtypes: ids/revision int64, score Int64 (nullable: a missing code is never 0), text columns
    string, period_start datetime64[ns], changed_at datetime64[ns, UTC].
    """
    connection = session.connection()
    compiled = entries_query(statuses, countries, assessment_ids).compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params: Any = compiled.construct_params()
    if compiled.positiontup is not None:  # qmark paramstyle (SQLite)
        params = tuple(params[name] for name in compiled.positiontup)
    collecting = gc.isenabled()
    gc.disable()  # ~1M short-lived tuples: the cyclic GC would rescan them over and over
    try:
        rows = connection.exec_driver_sql(str(compiled), params).fetchall()
        raw = dict(zip(COLUMNS, zip(*rows))) if rows else dict.fromkeys(COLUMNS, ())
        del rows
        data: dict[str, Any] = {
            "assessment_id": np.fromiter(raw["assessment_id"], dtype=np.int64, count=len(raw["assessment_id"])),
            "revision": np.fromiter(raw["revision"], dtype=np.int64, count=len(raw["revision"])),
            "score": _nullable_int(raw["score"]),
            "period_start": pd.to_datetime(pd.Series(raw["period_start"], dtype=object)).astype("datetime64[ns]"),
            "changed_at": pd.to_datetime(pd.Series(raw["changed_at"], dtype=object), utc=True, format="ISO8601")
            .astype("datetime64[ns, UTC]"),
        }
        for name in _STRINGS:
            data[name] = _strings(raw[name])
        return pd.DataFrame({name: data[name] for name in COLUMNS})
    finally:
        if collecting:
            gc.enable()


def _nullable_int(values: tuple[Any, ...]) -> pd.api.extensions.ExtensionArray:
    count = len(values)
    mask = np.fromiter((v is None for v in values), dtype=bool, count=count)
    data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=count)
    return pd.arrays.IntegerArray(data, mask)


def _strings(values: tuple[Any, ...]) -> pd.api.extensions.ExtensionArray:
    """A pandas "string" array; through pyarrow when it is there (several times faster)."""
    if pa is not None:
        return pd.array(pa.array(values, type=pa.large_string()), dtype="string")
    return pd.array(values, dtype="string")
