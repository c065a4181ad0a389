"""Reference series in the store: public statistical forecasts kept beside the analysts' judgement.

    refs = References(store)
    out = refs.import_series(actor, ReferenceSeriesIn(name=..., kind="ewp", source=..., licence=...), rows)
    refs.list_series(actor)               # every series, newest first
    refs.values(actor, series_id=None)    # a frame: series_id, country, year, covers_from, covers_to, value, rank

Importing needs the right to review or to administer (access.IMPORT_REFERENCE); it is one transaction
(the series and all its values, or nothing) and is audited. Reading needs READ only and returns the
values of every country: a reference series is public data, not an assessment, so no country scope
applies — but the check is kept, so a caller without any right is refused and the refusal audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from riskframe.store import access
from riskframe.store import models as m
from riskframe.store.actor import Actor
from riskframe.store.api import Store
from riskframe.store.errors import InvalidInput
from riskframe.store.revisions import Ctx, add_audit
from riskframe.store.saving import validation_error

M = TypeVar("M", bound=BaseModel)
VALUE_COLUMNS = ["series_id", "country", "year", "covers_from", "covers_to", "value", "rank", "label"]


class ReferenceSeriesIn(BaseModel):
    """What a series says about itself; `source` and `licence` are shown wherever its values are."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=200)
    kind: str = Field(pattern=r"^(ewp|csv)$")
    source: str = Field(min_length=1, max_length=2000)
    licence: str = Field(min_length=1, max_length=2000)
    measure: str = Field(default="", max_length=2000)
    retrieved: dt.date | None = None
    base_year: int | None = Field(default=None, ge=1900, le=2200)
    file_name: str = Field(default="", max_length=300)


class ReferenceValueIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    country: str = Field(pattern=r"^[A-Z]{2}$")
    year: int = Field(ge=1900, le=2200)
    covers_from: int = Field(ge=1900, le=2200)
    covers_to: int = Field(ge=1900, le=2200)
    value: float = Field(allow_inf_nan=False)
    rank: int | None = Field(default=None, ge=1)
    label: str = Field(default="", max_length=200)


class ReferenceSeriesOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: str
    measure: str
    source: str
    licence: str
    retrieved: dt.date | None
    base_year: int | None
    file_name: str
    imported_by: str
    imported_at: dt.datetime
    n_values: int = 0
    years: tuple[int, int] | None = None  # first and last year the values speak about


def _validated(model: type[M], where: str, value: object) -> M:
    try:
        return value if isinstance(value, model) else model.model_validate(value)
    except ValidationError as exc:
        raise validation_error(where, exc) from None


def _out(session: Session, row: m.ReferenceSeries) -> ReferenceSeriesOut:
    spans = session.execute(select(m.ReferenceValue.covers_from, m.ReferenceValue.covers_to)
                            .where(m.ReferenceValue.series_id == row.id)).all()
    out = ReferenceSeriesOut.model_validate(row)
    years = (min(a for a, _b in spans), max(b for _a, b in spans)) if spans else None
    return out.model_copy(update={"n_values": len(spans), "years": years})


class References:
    """Reference series on a Store; every method takes the acting user first, like the Store's own."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def import_series(self, actor: Actor, series: ReferenceSeriesIn | dict, values: Sequence[object]) -> ReferenceSeriesOut:
        """Store a series and all its values in one transaction (a duplicate country-year refuses all)."""
        meta = _validated(ReferenceSeriesIn, "series", series)
        rows = [_validated(ReferenceValueIn, f"values[{i}]", v) for i, v in enumerate(values)]
        if not rows:
            raise InvalidInput("values", [], "the series has no value to store")
        seen: set[tuple[str, int]] = set()
        for i, r in enumerate(rows):
            if (r.country, r.year) in seen:
                raise InvalidInput(f"values[{i}]", r.country, f"{r.country} {r.year} is given twice")
            seen.add((r.country, r.year))

        def work(session: Session, ctx: Ctx) -> ReferenceSeriesOut:
            access.check(ctx.actor, access.IMPORT_REFERENCE, what="riskframe")
            row = m.ReferenceSeries(**meta.model_dump(), imported_by=ctx.actor.username, imported_at=ctx.now)
            session.add(row)
            session.flush()
            session.execute(insert(m.ReferenceValue), [{"series_id": row.id, "country_code": r.country,
                                                        **r.model_dump(exclude={"country"})} for r in rows])
            add_audit(session, ctx, "reference.import", detail={"series": row.id, "name": meta.name,
                                                                "kind": meta.kind, "values": len(rows),
                                                                "file": meta.file_name})
            return _out(session, row)
        return self.store._write(actor, work)

    def list_series(self, actor: Actor) -> list[ReferenceSeriesOut]:
        """Every series, newest import first."""
        with self.store._read(actor) as session:
            rows = session.scalars(select(m.ReferenceSeries).order_by(m.ReferenceSeries.imported_at.desc(),
                                                                      m.ReferenceSeries.id.desc()))
            return [_out(session, r) for r in rows]

    def values(self, actor: Actor, series_id: int | None = None) -> pd.DataFrame:
        """Values of one series (or of all), columns VALUE_COLUMNS; every country (public data)."""
        with self.store._read(actor) as session:
            v = m.ReferenceValue
            query = select(v.series_id, v.country_code, v.year, v.covers_from, v.covers_to, v.value, v.rank, v.label)
            if series_id is not None:
                query = query.where(v.series_id == int(series_id))
            found = session.execute(query.order_by(v.series_id, v.country_code, v.year)).all()
        frame = pd.DataFrame([tuple(r) for r in found], columns=VALUE_COLUMNS)
        return frame.astype({"series_id": "int64", "year": "int64", "covers_from": "int64", "covers_to": "int64",
                             "value": "float64"}) if not frame.empty else frame
