"""Measures beside risk: when each measure was agreed and implemented (from its status history), and
which indicators each addresses with their latest score (pure: histories and scores in, frames out).

A measure counts as agreed from the first period its status is agreed or in progress (in progress
implies it was agreed), and as implemented from the first period it is implemented (the old code
"done" reads as implemented). A measure implemented without an agreed period shows one mark only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

AGREED = ("agreed", "in_progress")
IMPLEMENTED = ("implemented", "done")
MARK_COLUMNS = ["period", "kind", "title", "key"]


def _code(status: Any) -> str:
    return str(getattr(status, "value", status))


def measure_marks(histories: Iterable[tuple[str, str, Sequence[Any]]]) -> pd.DataFrame:
    """One row per (measure, kind) for `histories` of (item key, title, steps oldest first); a step has
    `.period` and `.status`. Kinds: "agreed", "implemented"."""
    rows = []
    for key, title, steps in histories:
        for kind, codes in (("agreed", AGREED), ("implemented", IMPLEMENTED)):
            first = next((s.period for s in steps if _code(s.status) in codes), None)
            if first is not None:
                rows.append({"period": str(first), "kind": kind, "title": title, "key": key})
    return pd.DataFrame(rows, columns=MARK_COLUMNS)


def chain_ends(views: Sequence[Any]) -> list[tuple[Any, Any]]:
    """(view, measure) for the last version of every measure in `views` (oldest first): measures not
    carried into a later view of the list. A measure closed in one period (implemented, dropped) and
    not carried forward ends there; an open one ends in the latest view. Its history (the service's
    measure_history) follows it back through copy forward."""
    carried = {m.previous_measure_id for v in views for m in v.measures if m.previous_measure_id}
    return [(v, m) for v in views for m in v.measures if m.key not in carried]


def addressed(linked_ids: Sequence[str], scores: Mapping[str, float], factor_indicators: Mapping[str, Sequence[str]],
              max_shown: int = 8) -> str:
    """The indicators a measure addresses with their latest score, '7.14 (3), 8.7 (2)'; a linked factor
    stands for its indicators; unscored indicators show '—'."""
    ids: list[str] = []
    for x in linked_ids:
        for i in factor_indicators.get(x, [x]):
            if i not in ids:
                ids.append(i)
    parts = []
    for i in ids[:max_shown]:
        v = scores.get(i)
        parts.append(f"{i} ({'—' if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)})")
    more = len(ids) - max_shown
    return ", ".join(parts) + (f", +{more}" if more > 0 else "")
