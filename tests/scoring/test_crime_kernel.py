"""The per-crime kernel (crime_plan.py, on the transposed grid) equals the plain per-factor functions
(aggregation.factor_intensity, mirrors.derive_mirrored, red_flags.flag_floors) bit for bit, on random
grids with arbitrary float scores (sums of thirds round differently in another order)."""

import numpy as np
import pandas as pd
import pytest

from riskframe.scoring.aggregation import breadth, count_at_least, factor_columns, factor_intensity, method_of
from riskframe.scoring.coverage import justified_not_applicable
from riskframe.scoring.crime_plan import crime_plan
from riskframe.scoring.crimes import crime_arrays
from riskframe.scoring.grid import Grid, confidence_names
from riskframe.scoring.mirrors import derive_mirrored
from riskframe.scoring.plan import plan_of
from riskframe.scoring.red_flags import flag_floors


def random_grid(fw, rng, n_a: int, floats: bool, confidence: bool) -> Grid:
    names = list(plan_of(fw).names)
    n_i = len(fw.indicators)
    score = rng.uniform(0, 3, (n_a, n_i)) if floats else rng.integers(0, 4, (n_a, n_i)).astype(float)
    code = np.where(rng.random((n_a, n_i)) < 0.3, rng.integers(1, len(names), (n_a, n_i)), 0).astype(np.int8)
    score[code > 0] = np.nan
    conf_names = confidence_names(fw)
    conf = rng.integers(-1, len(conf_names), (n_a, n_i)).astype(np.int8) if confidence else None
    notes = rng.random((n_a, n_i)) < 0.5
    return Grid(pd.Index(range(n_a), name="assessment_id"), score, code, names, conf, conf_names, notes)


def reference(grid: Grid, fw):
    """The rule written with the plain functions, row-major, as sensitivity.py still runs it."""
    m, cp = method_of(fw), crime_plan(fw)
    score = grid.score
    scored = ~np.isnan(score)
    missing = ~scored & ~justified_not_applicable(grid.code, grid.names, grid.notes, fw)
    widen = np.zeros(score.shape)
    if grid.conf_code is not None:
        widen = np.array([m.band.confidence_widen.get(c, 0.0) for c in grid.conf_names] + [0.0])[grid.conf_code]
    low = np.where(scored, np.clip(score - widen, 0, 3), np.where(missing, m.band.unknown_low, np.nan))
    high = np.where(scored, np.clip(score + widen, 0, 3), np.where(missing, m.band.unknown_high, np.nan))
    values = np.concatenate([score, np.where(cp.risk_cols, low, score), np.where(cp.risk_cols, high, score)])
    values, _derived = derive_mirrored(values, fw)
    inten = factor_intensity(values, factor_columns(fw, cp.used), m.aggregation.max_weight)
    at = {f: j for j, f in enumerate(cp.used)}
    present = {k: count_at_least(np.ascontiguousarray(inten[:, [at[f] for f in (kind.present_among or m.common)]]),
                                 m.aggregation.present_at) for k, kind in m.red_flags.items()}
    floor, under_way, raised = flag_floors(values, cp.specs, fw, present)
    return inten, at, floor, under_way, raised


@pytest.mark.parametrize("floats,confidence", [(False, False), (False, True), (True, False), (True, True)])
def test_kernel_equals_the_plain_functions_bit_for_bit(fw, floats, confidence):
    m = method_of(fw)
    rng = np.random.default_rng(18 + 2 * floats + confidence)
    grid = random_grid(fw, rng, 257, floats, confidence)
    inten, at, floor, under_way, raised = reference(grid, fw)
    r = crime_arrays(grid, fw)
    parts = [r["point"], r["lo"], r["hi"]]
    stack = lambda get: np.concatenate([get(p) for p in parts])
    common = stack(lambda p: p.common_intensity)
    assert np.array_equal(common, inten[:, [at[f] for f in m.common]], equal_nan=True)
    for k, crime in enumerate(m.crimes):
        spec = stack(lambda p, k=k: p.specific_intensity[k])
        assert np.array_equal(spec, inten[:, [at[f] for f in crime.specific]], equal_nan=True)
    assert np.array_equal(stack(lambda p: p.floor), floor)
    assert np.array_equal(stack(lambda p: p.under_way), under_way)
    assert np.array_equal(stack(lambda p: p.raised), raised)
    assert np.array_equal(stack(lambda p: p.breadth), breadth(np.ascontiguousarray(inten[:, [at[f] for f in m.common]])))
