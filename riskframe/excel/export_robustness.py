"""The robustness of one period's assessments for the export's "How sure" sheet, computed once per data version.

The Monte Carlo (riskframe.analytics.robustness) ranks each assessment within its period, so every
export of that period needs the whole period analysed: 193 assessments × 1,000 draws take seconds.
Its result only changes when the store's data change, so it is kept in a small in-process cache keyed
on the store, its `data_version` (any save, status change or audit entry moves it), the framework and
its method fingerprint, the sensitivity settings, what the exporting person may see, the statuses and
the period. Only the period's entries are read (one query), not the store's.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

import pandas as pd

from riskframe.analytics.panel import Panel
from riskframe.analytics.robustness import panel_robustness
from riskframe.framework.models import Framework
from riskframe.scoring.sensitivity import settings_of
from riskframe.scoring.summary import known_entries
from riskframe.store import Actor, Store
from riskframe.store.derived import method_of

_MAX = 16  # periods × people × versions kept; each is one small frame (a row per assessment)
_ORDER = ["country", "period_start", "period", "assessment_id"]  # the panel's order (build_panel)


class _Cache:
    """A bounded, thread-safe LRU of computed frames (the app serves several sessions from threads)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[Hashable, pd.DataFrame] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> pd.DataFrame | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: pd.DataFrame) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


CACHE = _Cache(_MAX)


def cache_key(store: Store, actor: Actor, fw: Framework, period: str, statuses: tuple[str, ...]) -> Hashable:
    return (store.url, store.data_version(), fw.id, fw.version, str(fw.root), method_of(fw), repr(settings_of(fw)),
            actor.username, actor.role, tuple(sorted(actor.countries)), tuple(statuses), str(period))


def period_robustness(store: Store, actor: Actor, fw: Framework, period: str,
                      statuses: tuple[str, ...]) -> pd.DataFrame:
    """`panel_robustness` of `period` among the assessments in `statuses` that `actor` may see: the same
    frame as running it on `build_panel` of every entry, from the cache when the data are unchanged.
    The caller must not modify the frame returned."""
    if _in_memory(store.url):  # two in-memory databases may share a URL and a data version
        return compute(store, actor, fw, period, statuses)
    key = cache_key(store, actor, fw, period, statuses)
    found = CACHE.get(key)
    if found is None:
        found = compute(store, actor, fw, period, statuses)
        CACHE.put(key, found)
    return found


def _in_memory(url: str) -> bool:
    return url.startswith("sqlite") and (":memory:" in url or url.rstrip("/") in ("sqlite:", "sqlite+pysqlite:"))


def compute(store: Store, actor: Actor, fw: Framework, period: str, statuses: tuple[str, ...]) -> pd.DataFrame:
    """The uncached computation: the period's entries in one read, its assessments in the panel's order."""
    ids = [a.id for a in store.list_assessments(actor, period=period) if a.status.value in statuses]
    if not ids:
        return pd.DataFrame()
    entries = known_entries(store.entries_frame(actor, statuses=list(statuses), assessment_ids=ids), fw)
    if entries.empty:
        return pd.DataFrame()
    rows = (entries.drop_duplicates("assessment_id")[_ORDER].sort_values(_ORDER)
            .set_index("assessment_id", drop=False))
    rows.index.name = None
    panel = Panel(rows, pd.DataFrame(), (), tuple(statuses))
    return panel_robustness(entries, fw, panel, period)
