"""The sensitivity kernel gives, bit for bit, the numbers it gave before it was made faster (issue 18).

Digests of every output frame for a few fixed inputs (unknowns drawn alone or shared, every
confidence, rater sheets, several periods) were taken with the kernel of commit eafe94e; a faster
kernel must reproduce them exactly (same seed, same numbers: the exports' golden files rely on it).
Regenerate only for a deliberate change of the method: `python -m tests.scoring.test_sensitivity_frozen`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from riskframe.framework import load_framework
from riskframe.scoring.sensitivity import SensitivityResult, sensitivity, settings_of
from riskframe.settings import REPO_ROOT

DIGESTS = Path(__file__).parent / "data" / "sensitivity_digests.json"


def _entries(fw, rng: np.random.Generator, n: int, p_unknown: float) -> tuple[pd.DataFrame, list[str]]:
    rows = []
    for a in range(n):
        for i in fw.indicators:
            if rng.random() < p_unknown:
                rows.append((f"X{a}", i, None, str(rng.choice(["unknown", "not_assessed"])), None))
            else:
                rows.append((f"X{a}", i, float(rng.integers(0, 4)), None, str(rng.choice(["low", "medium", "high"]))))
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence"])
    return frame, [f"X{a}" for a in range(n)]


def _digest(r: SensitivityResult) -> dict[str, str]:
    out = {}
    for name in ("assessments", "level_probabilities", "tier_probabilities", "indices"):
        frame: pd.DataFrame = getattr(r, name)
        h = hashlib.sha256(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
        h.update(repr(list(frame.columns)).encode())
        out[name] = h.hexdigest()
    return out


def cases() -> dict[str, dict[str, str]]:
    fw = load_framework(REPO_ROOT / "indicators")
    out = {}
    frame, ids = _entries(fw, np.random.default_rng(11), 14, 0.15)
    groups = ["2024-Q1" if k % 3 else "2024-Q2" for k in range(len(ids))]
    out["unknowns shared, two periods"] = _digest(sensitivity(frame, fw, settings_of(fw, draws=300, seed=7), ids,
                                                              groups=groups))
    s = settings_of(fw, draws=250, seed=2).model_copy(update={"unknowns_shared": 0.5})
    out["unknowns half shared"] = _digest(sensitivity(frame, fw, s, ids))
    s = settings_of(fw, draws=200, seed=5).model_copy(update={"unknowns_shared": 0.0})
    out["unknowns alone"] = _digest(sensitivity(frame, fw, s, ids, groups=groups))
    scored, sids = _entries(fw, np.random.default_rng(4), 9, 0.0)
    out["everything scored"] = _digest(sensitivity(scored, fw, settings_of(fw, draws=150, seed=1), sids))
    rng = np.random.default_rng(9)
    few, fids = _entries(fw, rng, 4, 0.2)
    sheets = np.where(rng.random((3, 4, len(fw.indicators))) < 0.3, rng.integers(0, 4, (3, 4, len(fw.indicators))),
                      np.nan)
    out["rater sheets"] = _digest(sensitivity(few, fw, settings_of(fw, draws=120, seed=3), fids, raters=sheets))
    return out


@pytest.fixture(scope="module")
def computed() -> dict[str, dict[str, str]]:
    return cases()


@pytest.mark.parametrize("case", ["unknowns shared, two periods", "unknowns half shared", "unknowns alone",
                                  "everything scored", "rater sheets"])
def test_the_kernel_reproduces_the_frozen_numbers(computed, case):
    assert computed[case] == json.loads(DIGESTS.read_text(encoding="utf-8"))[case]


if __name__ == "__main__":
    DIGESTS.write_text(json.dumps(cases(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
