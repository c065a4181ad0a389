"""The demo data loaded for a benchmark's set-up, its derived scores computed once at the end.

`riskframe.demo.load_demo` walks every assessment through the workflow as people would: ~7 saves
each, and each save re-scores the assessment for its derived row (`Store.use_framework`), although
only the last one survives. That is ~75% of the demo's load time (W9's set-up, W8's data). For a
benchmark's set-up, `load_demo_fast` runs the same loader with the per-save derivation off and then
computes every derived row once (`Store.rebuild_scores`): the same assessments, entries and derived
rows (tests/bench checks them against a plain load_demo).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class _DeriveLater:
    """The store as load_demo sees it: every call goes to the store, except that the loader's
    request to derive scores on each save is ignored (they are rebuilt once afterwards)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def use_framework(self, fw: Any) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def load_demo_fast(store: Any, fw: Any, seeds: str | Path, actor: Any) -> Any:
    """load_demo(store, fw, seeds, actor), then every derived row computed once; the loader's report.
    The store keeps deriving on later saves (use_framework(fw)), as after load_demo."""
    from riskframe.demo import load_demo

    store.use_framework(None)
    report = load_demo(_DeriveLater(store), fw, seeds, actor)
    store.rebuild_scores(actor, fw)
    store.use_framework(fw)
    return report
