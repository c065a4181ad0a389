"""W1: batch scoring — the vectorised engine vs a per-assessment loop over the same rules."""

from __future__ import annotations

import time

from bench.synth import generate
from bench.timing import best_of, peak_rss_mb
from riskframe.scoring import score_entries
from riskframe.scoring.oracle import score_one


def _loop(entries, ids, fw) -> None:
    grouped = {a: dict(zip(g["indicator_id"], zip(g["score"], g["missing"]))) for a, g in entries.groupby("assessment_id")}
    for a in ids:
        score_one({k: (None if v[0] != v[0] else int(v[0]), v[1]) for k, v in grouped.get(a, {}).items()}, fw)


def run(fw, quick: bool) -> list[dict]:
    out = []
    for scale in ("M",) if quick else ("M", "L"):  # quick: M only, its loop timed on a sample
        data = generate(fw, scale)
        ids = data.assessments["assessment_id"].tolist()
        engine = best_of(lambda data=data, ids=ids: score_entries(data.entries, fw, ids),
                         repeat=1 if scale == "L" else 5)
        # The loop is slow: time it on a sample and scale up (stated in the result).
        sample = ids[: 100 if quick else (len(ids) if scale == "M" else 1000)]
        sub = data.entries[data.entries["assessment_id"].isin(sample)]
        t = time.perf_counter()
        _loop(sub, sample, fw)
        loop = (time.perf_counter() - t) * len(ids) / len(sample)
        out.append({
            "workload": f"W1 score {scale} ({len(ids)} assessments)", "seconds": engine,
            "baseline": "per-assessment Python loop" + ("" if len(sample) == len(ids) else f" (timed on {len(sample)}, scaled)"),
            "baseline_seconds": loop, "ratio": loop / engine, "target": "≤ 50 ms" if scale == "M" else "",
            "met": engine <= 0.05 if scale == "M" else None, "peak_rss_mb": peak_rss_mb(),
        })
    return out
