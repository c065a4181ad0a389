"""Deterministic synthetic assessments at scales S, M, L (seeded; fictional labels only).

Country labels are synthetic ("S001" …) for pure scoring and dashboard workloads; workloads that go
through the store use ISO user-assigned codes (XA–XZ, QM–QZ), never real countries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from riskframe.framework import Framework

SCALES = {"S": (10, 4, 1), "M": (193, 20, 1), "L": (193, 40, 3)}  # countries, periods, revisions
FICTIONAL_CODES = [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"]


@dataclass(frozen=True)
class Synthetic:
    entries: pd.DataFrame      # assessment_id, indicator_id, score, missing (+ country, period, status …)
    assessments: pd.DataFrame  # one row per assessment: id, country, period, period_start, revision


def periods(n: int, first_year: int = 2020) -> list[tuple[str, pd.Timestamp]]:
    return [(f"{first_year + q // 4}-Q{q % 4 + 1}", pd.Timestamp(first_year + q // 4, 3 * (q % 4) + 1, 1))
            for q in range(n)]


def generate(fw: Framework, scale: str, seed: int = 20261125) -> Synthetic:
    """Entries for every assessment of a scale: mostly scored, some unknown / not applicable."""
    n_countries, n_periods, n_revisions = SCALES[scale]
    rng = np.random.default_rng(seed)
    ids = list(fw.indicators)
    per = periods(n_periods)
    rows = n_countries * n_periods * n_revisions
    a = pd.DataFrame({
        "assessment_id": np.arange(rows),
        "country": np.repeat([f"S{c:03d}" for c in range(n_countries)], n_periods * n_revisions),
        "period": np.tile(np.repeat([p for p, _ in per], n_revisions), n_countries),
        "period_start": np.tile(np.repeat([d for _, d in per], n_revisions), n_countries),
        "revision": np.tile(np.arange(1, n_revisions + 1), n_countries * n_periods),
        "status": "validated",
    })
    n = rows * len(ids)
    draw = rng.random(n)
    score = rng.integers(0, 4, n).astype(float)
    missing_code = np.where(draw < 0.05, 0, np.where(draw < 0.08, 1, -1))  # unknown, not_applicable, none
    score[missing_code >= 0] = np.nan
    entries = pd.DataFrame({
        "assessment_id": np.repeat(a["assessment_id"].to_numpy(), len(ids)),
        "indicator_id": _strings(np.tile(np.arange(len(ids)), rows), ids),
        "score": score,
        "missing": _strings(missing_code, ["unknown", "not_applicable"]),
    })
    return Synthetic(entries=entries, assessments=a)


def _strings(codes: np.ndarray, labels: list[str]) -> pd.Series:
    """labels[code] (code -1: missing) as pandas' string column: the same values and dtype as building it
    from Python strings, ~10× faster at scale L (set-up time of the quick bench; tests/bench checks)."""
    import pyarrow as pa

    text = pd.Series(np.array(labels, dtype=object)).dtype  # the default string dtype of this pandas
    values = pa.array(labels, type=pa.string()).take(pa.array(codes, mask=codes < 0))
    if isinstance(text, pd.StringDtype) and text.storage == "pyarrow":
        return pd.Series(text.__from_arrow__(values))
    return pd.Series(values.to_pylist(), dtype=text)
