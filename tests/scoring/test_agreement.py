"""Krippendorff's alpha (riskframe.scoring.agreement) against published examples and a brute-force restatement."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskframe.scoring.agreement import (
    LEVELS,
    AgreementError,
    agreement,
    alpha,
    alpha_by_group,
    bootstrap_alphas,
    coincidence_matrix,
    table_from_long,
    unit_spread,
)

N = math.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: four observers
# (A-D) × twelve units, values 1-5, with missing values. Rows here are units, columns observers.
KRIPPENDORFF_2011 = np.array([
    [1, 1, N, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [N, 5, 5, 5], [N, N, 1, 1], [N, 3, N, N],
], dtype=float)
PUBLISHED_2011 = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

# The computational example of the Wikipedia article "Krippendorff's alpha" (three coders, fifteen
# units, many missing values); its published nominal alpha is 0.691.
WIKIPEDIA = np.array([
    [N, 1, N], [N, N, N], [N, 2, 2], [N, 1, 1], [N, 3, 3], [3, 3, 4], [4, 4, 4], [1, 3, N],
    [2, N, 2], [1, N, 1], [1, N, 1], [3, N, 3], [3, N, 3], [N, N, N], [3, N, 4],
], dtype=float)


def brute_alpha(table, level: str) -> float:
    """Alpha restated from the definition with plain loops over pairs of values, no coincidence matrix:
    D_o averages δ² over ordered pairs of values within each unit (weight 1/(m_u - 1)); D_e averages δ²
    over all ordered pairs of distinct pairable values, whichever unit they come from."""
    units = [[float(v) for v in row if v == v] for row in table]
    units = [u for u in units if len(u) >= 2]
    pool = [v for u in units for v in u]
    n = len(pool)
    freq: dict[float, int] = {}
    for v in pool:
        freq[v] = freq.get(v, 0) + 1

    def delta(c: float, k: float) -> float:
        if level == "nominal":
            return 0.0 if c == k else 1.0
        if level == "interval":
            return (c - k) ** 2
        if level == "ratio":
            return 0.0 if c + k == 0 else ((c - k) / (c + k)) ** 2
        low, high = min(c, k), max(c, k)
        between = sum(count for value, count in freq.items() if low <= value <= high)
        return (between - (freq[c] + freq[k]) / 2) ** 2

    observed = 0.0
    for u in units:
        total = 0.0
        for i in range(len(u)):
            for j in range(len(u)):
                if i != j:
                    total += delta(u[i], u[j])
        observed += total / (len(u) - 1)
    observed /= n
    expected = 0.0
    for i in range(n):
        for j in range(n):
            if i != j:
                expected += delta(pool[i], pool[j])
    expected /= n * (n - 1)
    return math.nan if expected == 0 else 1.0 - observed / expected


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) < 1e-9


@pytest.mark.parametrize("level", LEVELS)
def test_published_example_with_missing_values_to_three_decimals(level):
    assert round(alpha(KRIPPENDORFF_2011, level), 3) == PUBLISHED_2011[level]


def test_brute_force_also_gives_the_published_figures():
    for level, published in PUBLISHED_2011.items():
        assert round(brute_alpha(KRIPPENDORFF_2011, level), 3) == published


def test_published_coincidence_matrix():
    co = coincidence_matrix(KRIPPENDORFF_2011)
    third, four_thirds = 1 / 3, 4 / 3
    expected = np.array([
        [7, four_thirds, third, third, 0],
        [four_thirds, 10, four_thirds, third, 0],
        [third, four_thirds, 8, third, 0],
        [third, third, third, 4, 0],
        [0, 0, 0, 0, 3],
    ])
    assert co.values.tolist() == [1, 2, 3, 4, 5]
    np.testing.assert_allclose(co.matrix, expected)
    np.testing.assert_allclose(co.marginals, [9, 13, 10, 5, 3])
    assert co.pairable == 40 and co.units == 11


def test_counts_in_the_result():
    res = agreement(KRIPPENDORFF_2011, "nominal", n_boot=0)
    assert (res.units, res.units_total, res.pairable, res.raters) == (11, 12, 40, 4)
    assert res.interval is None


def test_wikipedia_example_nominal():
    assert round(alpha(WIKIPEDIA, "nominal"), 3) == 0.691


@pytest.mark.parametrize("level", LEVELS)
def test_matches_brute_force_on_seeded_random_tables(level):
    rng = np.random.default_rng(20261203)
    for _ in range(60):
        units, raters = rng.integers(2, 12), rng.integers(2, 6)
        table = rng.integers(0, 4, size=(units, raters)).astype(float)
        table[rng.random((units, raters)) < 0.3] = np.nan
        if (~np.isnan(table)).sum(axis=1).max() < 2:
            continue
        assert same(alpha(table, level), brute_alpha(table, level)), table


@st.composite
def reliability_tables(draw, values=st.sampled_from([0.0, 1.0, 2.0, 3.0])):
    raters = draw(st.integers(2, 5))
    rows = draw(st.lists(st.lists(st.one_of(st.none(), values), min_size=raters, max_size=raters), min_size=1,
                         max_size=9))
    table = np.array([[N if v is None else v for v in row] for row in rows], dtype=float)
    rows_ok = (~np.isnan(table)).sum(axis=1) >= 2
    if not rows_ok.any():
        table[0, :2] = draw(values), draw(values)
    return table


@settings(max_examples=150, deadline=None)
@given(reliability_tables(), st.sampled_from(LEVELS))
def test_matches_brute_force_on_generated_tables(table, level):
    assert same(alpha(table, level), brute_alpha(table, level))


@settings(max_examples=60, deadline=None)
@given(reliability_tables(values=st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))), st.sampled_from(LEVELS))
def test_matches_brute_force_on_continuous_values(table, level):
    assert same(alpha(table, level), brute_alpha(table, level))


def test_order_of_units_and_raters_does_not_matter():
    rng = np.random.default_rng(1)
    shuffled = KRIPPENDORFF_2011[rng.permutation(12)][:, rng.permutation(4)]
    for level in LEVELS:
        assert same(alpha(shuffled, level), alpha(KRIPPENDORFF_2011, level))


def test_ordinal_depends_on_order_only_and_interval_is_affine_invariant():
    squashed = np.where(np.isnan(KRIPPENDORFF_2011), N, KRIPPENDORFF_2011 ** 3)
    assert same(alpha(squashed, "ordinal"), alpha(KRIPPENDORFF_2011, "ordinal"))
    assert not same(alpha(squashed, "interval"), alpha(KRIPPENDORFF_2011, "interval"))
    assert same(alpha(KRIPPENDORFF_2011 * 2.5 - 7, "interval"), alpha(KRIPPENDORFF_2011, "interval"))


def test_perfect_agreement_is_one_and_no_variation_is_undefined():
    perfect = np.array([[0, 0, N], [1, 1, 1], [3, N, 3]], dtype=float)
    for level in LEVELS:
        assert alpha(perfect, level) == 1.0
    assert math.isnan(alpha(np.array([[2, 2], [2, 2]], dtype=float), "ordinal"))


def test_nothing_pairable_and_bad_input_are_refused():
    with pytest.raises(AgreementError, match="nothing is pairable"):
        alpha(np.array([[1, N], [N, 2]]), "nominal")
    with pytest.raises(AgreementError, match="negative"):
        alpha(np.array([[-1, 1], [2, 2]]), "ratio")
    with pytest.raises(AgreementError, match="level"):
        alpha(KRIPPENDORFF_2011, "circular")
    with pytest.raises(AgreementError, match="table"):
        alpha([1, 2, 3], "nominal")
    with pytest.raises(AgreementError, match="infinite"):
        alpha([[1, math.inf], [1, 2]], "interval")


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    a = agreement(KRIPPENDORFF_2011, "ordinal", n_boot=500, seed=7)
    b = agreement(KRIPPENDORFF_2011, "ordinal", n_boot=500, seed=7)
    c = agreement(KRIPPENDORFF_2011, "ordinal", n_boot=500, seed=8)
    assert a.interval == b.interval and a.interval != c.interval
    assert a.interval is not None
    low, high = a.interval
    assert -1 < low < a.alpha < high <= 1
    assert a.undefined_draws == 0


@pytest.mark.parametrize("level", LEVELS)
def test_bootstrap_resamples_units_as_documented(level):
    """Each draw equals alpha of the table built from the drawn units (brute force), the units drawn
    by the documented scheme: a multinomial count of each pairable unit."""
    pairable = KRIPPENDORFF_2011[(~np.isnan(KRIPPENDORFF_2011)).sum(axis=1) >= 2]
    draws = bootstrap_alphas(KRIPPENDORFF_2011, level, n_boot=25, seed=3)
    weights = np.random.default_rng(3).multinomial(len(pairable), np.full(len(pairable), 1 / len(pairable)), size=25)
    for draw, w in zip(draws, weights):
        assert abs(draw - brute_alpha(np.repeat(pairable, w, axis=0), level)) < 1e-9


def test_bootstrap_on_continuous_values_with_many_distinct_values():
    rng = np.random.default_rng(11)
    truth = rng.normal(50, 10, size=(400, 1))
    table = truth + rng.normal(0, 3, size=(400, 4))
    table[rng.random(table.shape) < 0.2] = np.nan
    res = agreement(table, "interval", n_boot=300, seed=1)
    assert res.interval is not None and res.interval[0] < res.alpha < res.interval[1]
    assert 0.85 < res.alpha < 0.95  # var(truth) / (var(truth) + var(noise)) = 100 / 109


def test_bootstrap_chunks_give_the_same_draws(monkeypatch):
    from riskframe.scoring import agreement as module

    whole = bootstrap_alphas(KRIPPENDORFF_2011, "interval", n_boot=40, seed=5)
    monkeypatch.setattr(module, "_CHUNK_CELLS", 1)
    np.testing.assert_allclose(bootstrap_alphas(KRIPPENDORFF_2011, "interval", n_boot=40, seed=5), whole, rtol=1e-12)


def test_bootstrap_leaves_out_undefined_draws():
    # Two units in full agreement on different values: a resample taking one unit twice has no variation.
    table = np.array([[0, 0], [3, 3]], dtype=float)
    res = agreement(table, "nominal", n_boot=200, seed=0)
    assert res.alpha == 1.0 and res.interval == (1.0, 1.0)
    assert 0 < res.undefined_draws < 200


def test_unit_spread_flags_two_levels_apart():
    table = np.array([[0, 2, 1], [1, 1, N], [N, N, N], [3, N, 2]], dtype=float)
    spread = unit_spread(table, ["1.1", "1.2", "1.3", "1.4"])
    first, second, empty, last = spread
    assert (first.low, first.high, first.range, first.flagged) == (0, 2, 2, True)
    assert first.sd == pytest.approx(1.0)
    assert first.distribution == {0.0: 1, 1.0: 1, 2.0: 1}
    assert (second.range, second.sd, second.flagged, second.distribution) == (0, 0, False, {1.0: 2})
    assert (empty.ratings, empty.range, empty.flagged) == (0, None, False)
    assert (last.range, last.flagged) == (1, False)
    assert [s.unit for s in spread] == ["1.1", "1.2", "1.3", "1.4"]


def test_table_from_long():
    table, units, raters = table_from_long(["a", "a", "b"], ["r1", "r2", "r1"], [1.0, None, 2.0])
    assert units == ["a", "b"] and raters == ["r1", "r2"]
    np.testing.assert_array_equal(table, np.array([[1, N], [2, N]]))
    with pytest.raises(AgreementError, match="more than one value"):
        table_from_long(["a", "a"], ["r1", "r1"], [1.0, 2.0])


def test_alpha_per_group_is_alpha_of_the_group_alone():
    groups = ["1", "1", "1", "1", "2", "2", "2", "2", "3", "3", "3", "3"]
    by_group = alpha_by_group(KRIPPENDORFF_2011, groups, "interval")
    assert list(by_group) == ["1", "2", "3"]
    for index, group in enumerate(["1", "2", "3"]):
        part = KRIPPENDORFF_2011[index * 4:(index + 1) * 4]
        result = by_group[group]
        assert result is not None and same(result.alpha, brute_alpha(part, "interval"))
    lonely = alpha_by_group(np.array([[1, 2], [1, N]], dtype=float), ["a", "b"], "nominal")
    assert lonely["b"] is None and lonely["a"] is not None
