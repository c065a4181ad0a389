"""grid_of places entries the same whatever their order and column types: the in-order fast path
(no scatter, missing codes read only where no score is given) equals the general one and a plain loop."""

import numpy as np
import pandas as pd

from bench.synth import generate
from riskframe.scoring.grid import grid_of
from riskframe.scoring.plan import plan_of
from riskframe.scoring.positions import in_grid_order


def test_in_order_entries_equal_shuffled_ones_object_columns_and_a_plain_loop(fw):
    entries = generate(fw, "S").entries
    ids = list(dict.fromkeys(entries["assessment_id"]))
    fast = grid_of(entries, fw, ids)
    shuffled = grid_of(entries.sample(frac=1.0, random_state=18), fw, ids)
    plain = entries.astype({"indicator_id": object, "missing": object})
    general = grid_of(plain.iloc[::-1], fw, ids)
    order = np.arange(len(entries))
    order[[3, 4]] = order[[4, 3]]  # two entries of one assessment swapped: the same cells, out of order
    swapped = grid_of(entries.iloc[order].reset_index(drop=True), fw, ids)
    assert in_grid_order(entries["assessment_id"], entries["indicator_id"], pd.Index(ids), plan_of(fw).ind_index)
    assert not in_grid_order(entries["assessment_id"], entries.iloc[order]["indicator_id"].reset_index(drop=True),
                             pd.Index(ids), plan_of(fw).ind_index)
    for g in (shuffled, general, swapped):
        assert np.array_equal(fast.score, g.score, equal_nan=True)
        assert np.array_equal(fast.code, g.code)
    names, cols = fast.names, {i: n for n, i in enumerate(fw.indicators)}
    for a, ind, score, missing in plain[["assessment_id", "indicator_id", "score", "missing"]].itertuples(index=False):
        r, c = ids.index(a), cols[ind]
        if score == score:
            assert fast.score[r, c] == score and fast.code[r, c] == 0
        else:
            assert np.isnan(fast.score[r, c])
            assert fast.code[r, c] == (names.index(missing) if isinstance(missing, str) else 1)
    assert (fast.code != 0).any() and (fast.code == names.index("unknown")).any()
