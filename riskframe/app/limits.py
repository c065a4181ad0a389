"""Length limits of what people type, read from the pydantic models that enforce them (one place).

The store and the Excel import validate with the same models (riskframe.domain.EntryIn, the list
items of riskframe.store.schemas), so the counter a widget shows (`max_chars`) and the limit a save
refuses can never differ: widgets ask here instead of repeating a number.
"""

from __future__ import annotations

from functools import cache

from annotated_types import MaxLen
from pydantic import BaseModel

from riskframe.domain import EntryIn, SourceRef
from riskframe.store import ConsultationIn, MeasureIn, VulnerableGroupIn

MODELS: dict[str, type[BaseModel]] = {
    "entry": EntryIn, "source": SourceRef, "group": VulnerableGroupIn, "consultation": ConsultationIn,
    "measure": MeasureIn,
}


@cache
def max_length(model: type[BaseModel], field: str) -> int | None:
    """The `max_length` of `model.field` (None when the model sets none)."""
    for meta in model.model_fields[field].metadata:
        if isinstance(meta, MaxLen):
            return int(meta.max_length)
    return None


def limit(kind: str, field: str) -> int | None:
    """`limit("entry", "evidence")` → 20000: the max_chars of the widget that edits that field."""
    return max_length(MODELS[kind], field)


def at_limit(value: object, kind: str, field: str) -> bool:
    """True when a widget's text fills its limit: a paste longer than the limit was cut by the browser."""
    most = limit(kind, field)
    return most is not None and isinstance(value, str) and len(value) >= most
