"""W2: dashboard data for M (193 countries × 20 periods) and a cached re-render.

Baseline in the same run: scoring the same entries alone (the panel adds periods, deltas, alerts).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from bench.synth import generate
from bench.timing import best_of
from riskframe.analytics.panel import build_panel
from riskframe.scoring import score_entries


def store_shaped(fw, scale: str) -> pd.DataFrame:
    """The synthetic entries in the shape `store.entries_frame` returns."""
    data = generate(fw, scale)
    e = data.entries.merge(data.assessments, on="assessment_id")
    rng = np.random.default_rng(1)
    return e.assign(score=pd.array(e["score"], dtype="Int64"), confidence=rng.choice(["low", "medium", "high"], len(e)),
                    evidence="", changed_by="bench", changed_at=pd.Timestamp("2026-01-01", tz="UTC"))


def run(fw, quick: bool) -> list[dict]:
    import streamlit as st

    entries = store_shaped(fw, "M")
    n = entries["assessment_id"].nunique()
    ids = entries["assessment_id"].unique()
    scoring = best_of(lambda: score_entries(entries, fw, ids), repeat=3)
    panel = best_of(lambda: build_panel(entries, fw, ("validated",)), repeat=3)

    @st.cache_data(show_spinner=False)
    def cached(version: str) -> object:
        return build_panel(entries, fw, ("validated",))

    cached("v1")
    t = time.perf_counter()
    cached("v1")
    hit = time.perf_counter() - t
    return [
        {"workload": f"W2 dashboard panel M ({n} assessments)", "seconds": panel, "baseline": "scoring alone",
         "baseline_seconds": scoring, "ratio": panel / scoring, "target": "< 0.5 s", "met": panel < 0.5},
        {"workload": "W2 cached re-render (st.cache_data hit, same data_version)", "seconds": hit,
         "baseline": "building the panel", "baseline_seconds": panel, "ratio": hit / panel, "target": "", "met": None},
    ]
