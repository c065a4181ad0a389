"""The grouped red-flag rules of riskframe.scoring.sensitivity_kernel give the integers of the plain ones."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from riskframe.scoring.aggregation import method_of
from riskframe.scoring.red_flags import flag_floors, flag_specs
from riskframe.scoring.sensitivity_kernel import FlagFloors, MinTiers


def _values(fw, seed: int, rows: int, p_nan: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = np.round(rng.random((rows, len(fw.indicators))) * 3.4, int(rng.integers(0, 3)))  # levels and draws
    v[rng.random(v.shape) < p_nan] = np.nan
    return v


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), p_nan=st.sampled_from([0.0, 0.3, 0.9, 1.0]))
def test_flag_floors_equal_the_plain_rule(fw, seed, p_nan):
    m = method_of(fw)
    rank = {t.id: i for i, t in enumerate(fw.manifest.scoring.tiers)}
    specs = flag_specs(fw, rank)
    values = _values(fw, seed, 300, p_nan)
    present = {k: np.random.default_rng(seed).integers(0, 9, len(values)) for k in m.red_flags}
    ok = {k: present[k] >= kind.needs_present for k, kind in m.red_flags.items() if kind.needs_present}
    expected, _under_way, _raised = flag_floors(values, specs, fw, present)
    np.testing.assert_array_equal(FlagFloors(specs, len(m.crimes))(values, ok), expected)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), p_nan=st.sampled_from([0.0, 0.3, 0.9, 1.0]))
def test_minimum_tiers_equal_the_plain_rule(seed, p_nan):
    rng = np.random.default_rng(seed)
    n_i = 30
    flag_at = rng.integers(1, 4, n_i).astype(float)
    flag_rank = np.where(rng.random(n_i) < 0.5, rng.integers(0, 4, n_i), -1)
    values = np.round(rng.random((200, n_i)) * 3.4, 1)
    values[rng.random(values.shape) < p_nan] = np.nan
    flags = np.flatnonzero(flag_rank >= 0)
    fv = values[:, flags]
    raised = ~np.isnan(fv) & (np.nan_to_num(fv, nan=-1.0) >= flag_at[flags])
    expected = np.where(raised, flag_rank[flags], -1).max(axis=1, initial=-1)
    np.testing.assert_array_equal(MinTiers(flag_at, flag_rank)(values), expected)
