"""The derived scores of one saved assessment (summary.encode_one: plain arrays, no frame) equal the
batch summary (summarise + encode, as a rebuild or a read computes them), field by field."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskframe.framework import load_framework
from riskframe.scoring.summary import _width, encode, encode_one, summarise
from riskframe.settings import REPO_ROOT

FW = load_framework(REPO_ROOT / "indicators")
IDS = list(FW.indicators)
DRIVERS = list(FW.manifest.scoring.drivers)
VALUE = st.sampled_from([0, 1, 2, 3, 3, "unknown", "not_assessed", "not_applicable", "not_applicable", None])
CONF = st.sampled_from(["low", "medium", "high", None])
NOTE = st.sampled_from(["", "  ", "Synthetic.", None])
ENTRY = st.tuples(VALUE, CONF, NOTE, st.integers(0, 10**6))
ASSESSMENT = st.lists(ENTRY, min_size=len(IDS), max_size=len(IDS))
BASE_NS = 1_767_225_600_000_000_000  # 2026-01-01 UTC


def _tuples(values) -> list[tuple]:
    out = []
    for iid, (v, conf, note, seconds) in zip(IDS, values):
        if v is None:
            continue
        score, missing = (v, None) if isinstance(v, int) else (None, v)
        out.append((iid, score, missing, conf, note, BASE_NS + seconds * 10**9))
    return out


def _frame(batch: list[list[tuple]]) -> pd.DataFrame:
    """The entries as Store.entries_frame gives them (its dtypes), plus an indicator of an older version."""
    rows = [(aid, *t) for aid, tuples in enumerate(batch) for t in tuples]
    rows += [(aid, "99.retired", 3, None, "high", "old", BASE_NS) for aid in range(len(batch))]
    f = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing", "confidence", "evidence",
                                    "changed_at"])
    return f.assign(assessment_id=f["assessment_id"].astype("int64"), score=f["score"].astype("Int64"),
                    **{c: f[c].astype("string") for c in ("indicator_id", "missing", "confidence", "evidence")},
                    changed_at=pd.to_datetime(f["changed_at"].astype("int64"), utc=True))


def _same(one: tuple[str, bytes], batch: tuple[str, bytes]) -> None:
    assert json.loads(one[0]) == json.loads(batch[0])
    assert one[0] == batch[0]
    a, b = np.frombuffer(one[1], dtype="<f8"), np.frombuffer(batch[1], dtype="<f8")
    assert a.shape == b.shape == (_width(DRIVERS, len(FW.factor_by_id)),)
    # every number, bit for bit (NaN where both are NaN)
    assert [x if x == x else "nan" for x in a.tolist()] == [x if x == x else "nan" for x in b.tolist()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ASSESSMENT, min_size=1, max_size=4))
def test_one_assessment_encodes_as_the_batch_does(batch):
    tuples = [_tuples(values) for values in batch]
    encoded = encode(summarise(_frame(tuples), FW), DRIVERS)
    for aid, t in enumerate(tuples):
        one = encode_one(aid, t + [("99.retired", 3, None, "high", "old", BASE_NS)], FW)
        if not t:
            assert one is None and aid not in encoded
            continue
        assert one is not None
        _same(one, encoded[aid])


def test_random_portfolio_field_by_field():
    rng = np.random.default_rng(18)
    choices = [0, 1, 2, 3, "unknown", "not_assessed", "not_applicable", None]
    batch = []
    for _ in range(60):
        values = []
        for _i in IDS:
            v = choices[rng.integers(0, len(choices))]
            values.append((v, ["low", "medium", "high", None][rng.integers(0, 4)],
                           ["", "note", None][rng.integers(0, 3)], int(rng.integers(0, 10**6))))
        batch.append(_tuples(values))
    encoded = encode(summarise(_frame(batch), FW), DRIVERS)
    for aid, t in enumerate(batch):
        _same(encode_one(aid, t, FW), encoded[aid])
