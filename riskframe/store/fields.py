"""The four versioned collections of an assessment, and their rows as flat JSON-safe dicts.

Every comparison (conflicts, audit, diffs) works on these flat dicts, so a field is named the same
everywhere: `<collection>.<key>.<field>`, e.g. `entries.1.1.score` or `measures.ab12.status`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from riskframe.domain import EntryIn
from riskframe.store import models as m
from riskframe.store import schemas as s

Flat = dict[str, Any]


@dataclass(frozen=True)
class Collection:
    name: str
    model: type[Any]
    key_attr: str  # ORM attribute holding the row key
    fields: tuple[str, ...]  # user-editable fields, compared for conflicts
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    is_item: bool  # items have a `deleted` flag; entries have `carried_over`
    date_fields: frozenset[str] = frozenset()
    coupled: tuple[frozenset[str], ...] = ()
    empty: Flat = field(default_factory=dict)
    head_model: type[Any] | None = None  # derived "current revision" index, kept on every write

    @property
    def merge_fields(self) -> tuple[str, ...]:
        """Fields a save may change (and so may conflict on)."""
        return (*self.fields, "deleted") if self.is_item else self.fields

    @property
    def all_fields(self) -> tuple[str, ...]:
        """Every stored field, including the carried_over / deleted flags."""
        return (*self.fields, "deleted" if self.is_item else "carried_over")

    @property
    def key_column(self) -> Any:
        return getattr(self.model, self.key_attr)

    def path(self, key: str, name: str) -> str:
        return f"{self.name}.{key}.{name}"

    def from_row(self, row: Any) -> Flat:
        """A stored version row as a flat dict."""
        return {name: _jsonable(getattr(row, name)) for name in self.all_fields}

    def from_input(self, value: BaseModel) -> Flat:
        dumped = value.model_dump(mode="json")
        flat = {name: dumped.get(name) for name in self.fields}
        flat["deleted" if self.is_item else "carried_over"] = bool(dumped.get("deleted", False))
        return flat

    def column_values(self, flat: Flat) -> dict[str, Any]:
        """A flat dict as ORM attribute values (dates parsed back)."""
        values = {name: flat[name] for name in self.all_fields}
        for name in self.date_fields:
            if values[name] is not None:
                values[name] = dt.date.fromisoformat(values[name])
        return values

    def output(self, key: str, flat: Flat, revision: int, author: str, at: dt.datetime) -> BaseModel:
        data = {name: flat[name] for name in self.fields}
        if self.is_item:
            data["key"] = key
        else:
            data["carried_over"] = flat["carried_over"]
        return self.output_model.model_validate(
            {**data, "revision": revision, "changed_by": author, "changed_at": at}
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _empty_item(fields: tuple[str, ...]) -> Flat:
    return {**dict.fromkeys(fields), "deleted": True}


_ENTRY_FIELDS = ("score", "missing", "confidence", "evidence", "sources", "comment", "trend")
_EMPTY_ENTRY = {**EntryIn().model_dump(mode="json"), "carried_over": False}

ENTRIES = Collection(
    "entries", m.EntryVersion, "indicator_id", _ENTRY_FIELDS, EntryIn, s.EntryOut, False,
    coupled=(frozenset({"score", "missing"}),), empty=_EMPTY_ENTRY, head_model=m.EntryHead,
)
_VG_FIELDS = ("name", "basis", "description")
VULNERABLE_GROUPS = Collection(
    "vulnerable_groups", m.VulnerableGroupVersion, "item_key", _VG_FIELDS,
    s.VulnerableGroupIn, s.VulnerableGroupOut, True, empty=_empty_item(_VG_FIELDS),
)
_CONSULTATION_FIELDS = ("category", "name", "date", "summary")
CONSULTATIONS = Collection(
    "consultations", m.ConsultationVersion, "item_key", _CONSULTATION_FIELDS,
    s.ConsultationIn, s.ConsultationOut, True, date_fields=frozenset({"date"}),
    empty=_empty_item(_CONSULTATION_FIELDS),
)
_MEASURE_FIELDS = ("title", "description", "linked_ids", "type", "owner", "due_date", "status",
                   "follow_up", "previous_measure_id", "option_id", "due_period", "status_reason",
                   "upr_recommendation_id", "upr_recommendation_text")
MEASURES = Collection(
    "measures", m.MeasureVersion, "item_key", _MEASURE_FIELDS, s.MeasureIn, s.MeasureOut, True,
    date_fields=frozenset({"due_date"}), empty=_empty_item(_MEASURE_FIELDS),
)
COLLECTIONS = (ENTRIES, VULNERABLE_GROUPS, CONSULTATIONS, MEASURES)
BY_NAME = {c.name: c for c in COLLECTIONS}
