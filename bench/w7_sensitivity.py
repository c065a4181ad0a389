"""W7: sensitivity analysis — 193 countries × 1,000 draws, vectorised blocks vs a per-draw Python loop.

The baseline is the same module run one draw at a time (CHUNK_ROWS = the number of countries):
the same numbers (checked here), only the loop over draws is in Python.
"""

from __future__ import annotations

import time

import pandas as pd

from bench.synth import generate
from bench.timing import best_of, peak_rss_mb
from riskframe.scoring import sensitivity as module
from riskframe.scoring.sensitivity import sensitivity, settings_of

DRAWS = 1000


def run(fw, quick: bool) -> list[dict]:
    data = generate(fw, "M")
    first = data.assessments[data.assessments["period"] == data.assessments["period"].iloc[0]]
    ids = first["assessment_id"].tolist()
    entries = data.entries[data.entries["assessment_id"].isin(ids)]
    groups = first["period"].tolist()
    settings = settings_of(fw, draws=DRAWS, seed=1)
    result = {}

    def vectorised() -> None:
        result["v"] = sensitivity(entries, fw, settings, ids, groups=groups)

    cpu = time.process_time()
    seconds = best_of(vectorised, repeat=1 if quick else 3)
    cpu = (time.process_time() - cpu) / (1 if quick else 3)  # mean CPU time: the machine is shared
    loop_draws = 100 if quick else DRAWS  # quick mode times the loop on 100 draws and scales up
    saved = module.CHUNK_ROWS
    module.CHUNK_ROWS = len(ids)          # one draw per block: a Python loop over draws
    try:
        t = time.perf_counter()
        loop = sensitivity(entries, fw, settings.model_copy(update={"draws": loop_draws}), ids, groups=groups)
        baseline = (time.perf_counter() - t) * DRAWS / loop_draws
    finally:
        module.CHUNK_ROWS = saved
    if loop_draws == DRAWS:
        pd.testing.assert_frame_equal(loop.assessments, result["v"].assessments)
    return [{
        "workload": f"W7 sensitivity ({len(ids)} countries × {DRAWS} draws; CPU {cpu:.2f} s)", "seconds": seconds,
        "cpu_seconds": cpu,
        "baseline": "per-draw Python loop" + ("" if loop_draws == DRAWS else f" (timed on {loop_draws}, scaled)"),
        "baseline_seconds": baseline, "ratio": baseline / seconds, "target": "< 2 s", "met": seconds < 2.0,
        "peak_rss_mb": peak_rss_mb(),
    }]
