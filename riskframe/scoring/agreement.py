"""Agreement between raters: Krippendorff's alpha, its bootstrap interval, and the spread per unit.

Pure numpy, no I/O. Written from Krippendorff's definitions ("Computing Krippendorff's
Alpha-Reliability", 2011; "Content Analysis", ch. 12) for riskframe; no third-party implementation
is copied. Reliability data are a units × raters table of numbers with NaN for a missing value
(in riskframe a unit is usually an indicator and a rater an analyst).

alpha = 1 - D_o / D_e, from the coincidence matrix o of pairable values (values in units that
at least two raters rated): D_o = Σ o_ck δ²_ck / n and D_e = Σ n_c n_k δ²_ck / (n (n - 1)).
Alpha is NaN when undefined (no variation at all among the pairable values: D_e = 0).

Bootstrap (see docs/agreement.md): the pairable units are resampled with replacement, B times,
and alpha is recomputed on each resample, coincidences and expected disagreement included; the
interval is the 2.5th and 97.5th percentiles of those alphas (percentile interval). Resamples in
which alpha is undefined are left out and counted. This is a cluster (unit) bootstrap, not the
Hayes & Krippendorff (2007) resampling of pairable values: the unit is what was sampled, and the
values within a unit are not independent of each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args
from riskframe.i18n import _

import numpy as np

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = get_args(Level)
DEFAULT_BOOTSTRAP = 1000
DEFAULT_CONFIDENCE = 0.95
_CHUNK_CELLS = 4_000_000  # floats per bootstrap chunk (bounds memory, keeps the work vectorised)


class AgreementError(ValueError):
    """Reliability data that alpha cannot be computed from, with the reason in plain words."""


@dataclass(frozen=True)
class Coincidences:
    """The coincidence matrix of pairable values: o[c, k] counts pairs (c, k) within units,
    each unit weighted 1 / (m_u - 1) so that every pairable value counts once in total."""

    values: np.ndarray  # the distinct pairable values, ascending (V)
    matrix: np.ndarray  # V × V, symmetric
    units: int  # units with at least two values (pairable units)

    @property
    def marginals(self) -> np.ndarray:
        return self.matrix.sum(axis=1)

    @property
    def pairable(self) -> int:
        """n: the number of pairable values."""
        return int(round(float(self.matrix.sum())))


@dataclass(frozen=True)
class AlphaResult:
    level: Level
    alpha: float  # NaN when undefined
    units: int  # units with at least two values
    units_total: int  # units with at least one value
    pairable: int  # values in pairable units
    raters: int  # raters with at least one value
    interval: tuple[float, float] | None  # bootstrap percentile interval, None when not computed
    confidence: float
    n_boot: int
    seed: int | None
    undefined_draws: int  # resamples left out because alpha was undefined in them


@dataclass(frozen=True)
class UnitSpread:
    """How far apart the raters are on one unit (indicator)."""

    unit: str
    ratings: int
    low: float | None
    high: float | None
    range: float | None
    sd: float | None  # sample standard deviation (n - 1), None under two ratings
    distribution: dict[float, int]  # value -> how many raters gave it
    flagged: bool  # raters differ by at least `flag_at` (two levels on the 0-3 scale)


def as_table(data) -> np.ndarray:
    """A float units × raters array; NaN (or None) is missing. Refuses infinities and other shapes."""
    try:
        table = np.array(data, dtype=float)
    except (TypeError, ValueError) as exc:
        raise AgreementError(_("reliability data must be numbers or missing: {exc}").format(exc=exc)) from None
    if table.ndim != 2:
        raise AgreementError(_("reliability data must be a units × raters table; got {ndim} dimension(s)").format(
            ndim=table.ndim))
    if np.isinf(table).any():
        raise AgreementError(_("reliability data contain an infinite value"))
    return table


def _unit_counts(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values, counts): the distinct pairable values, and counts[u, v] = raters giving values[v] in
    pairable unit u."""
    pairable = table[(~np.isnan(table)).sum(axis=1) >= 2]
    present = ~np.isnan(pairable)
    values = np.unique(pairable[present])
    rows = np.nonzero(present)[0]
    cols = np.searchsorted(values, pairable[present])
    counts = np.zeros((pairable.shape[0], values.size))
    np.add.at(counts, (rows, cols), 1.0)
    return values, counts


def _coincidence_from_counts(counts: np.ndarray) -> np.ndarray:
    """Σ_u (c_u c_uᵀ - diag c_u) / (m_u - 1), c_u being unit u's count of each value and m_u its total."""
    scaled = counts * (1.0 / (counts.sum(axis=1) - 1.0))[:, None]
    return scaled.T @ counts - np.diag(scaled.sum(axis=0))


def coincidence_matrix(data) -> Coincidences:
    """The coincidence matrix of the reliability data (units × raters, NaN missing)."""
    table = as_table(data)
    values, counts = _unit_counts(table)
    return Coincidences(values=values, matrix=_coincidence_from_counts(counts), units=counts.shape[0])


def difference_matrix(values: np.ndarray, marginals: np.ndarray, level: Level) -> np.ndarray:
    """δ²_ck for every pair of values (V × V). The ordinal level also needs the marginals n_c: its
    differences depend on how often the values between c and k were used, not on the values."""
    values = np.asarray(values, dtype=float)
    if level == "nominal":
        return 1.0 - np.eye(values.size)
    if level == "ordinal":
        n = np.asarray(marginals, dtype=float)
        # Σ_{g=c..k} n_g - (n_c + n_k)/2 equals mid_k - mid_c, with mid_g = (n_1 + … + n_g) - n_g / 2.
        mid = np.cumsum(n, axis=-1) - n / 2.0
        return (mid[..., None, :] - mid[..., :, None]) ** 2
    if level == "interval":
        return (values[None, :] - values[:, None]) ** 2
    if level == "ratio":
        if (values < 0).any():
            raise AgreementError(_("the ratio level needs values of zero or more; a negative value was given"))
        total = values[None, :] + values[:, None]
        diff = values[None, :] - values[:, None]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total == 0, 0.0, (diff / np.where(total == 0, 1.0, total)) ** 2)
    raise AgreementError(_("unknown level of measurement {level!r}; use one of {items}").format(level=level,
                             items=', '.join(LEVELS)))


def _alpha_from(matrix: np.ndarray, delta: np.ndarray) -> np.ndarray:
    """alpha = 1 - (n - 1) Σ o δ / Σ n_c n_k δ from a coincidence matrix; NaN when D_e = 0."""
    marg = matrix.sum(axis=-1)
    n = marg.sum(axis=-1)
    observed = (matrix * delta).sum(axis=(-2, -1))
    expected = np.einsum("...c,...ck,...k->...", marg, delta, marg)
    with np.errstate(invalid="ignore", divide="ignore"):
        result = 1.0 - (n - 1.0) * observed / expected
    return np.where(expected > 0, result, np.nan)


def check_level(level: str) -> Level:
    if level not in LEVELS:
        raise AgreementError(_("unknown level of measurement {level!r}; use one of {items}").format(level=level,
                                 items=', '.join(LEVELS)))
    return level


def alpha(data, level: str = "ordinal") -> float:
    """Krippendorff's alpha of reliability data (units × raters, NaN missing); NaN when undefined.

    Raises AgreementError when no unit has two values (nothing is pairable)."""
    lvl = check_level(level)
    co = coincidence_matrix(data)
    if co.units == 0:
        raise AgreementError(_("no unit has values from two raters: nothing is pairable"))
    return float(_alpha_from(co.matrix, difference_matrix(co.values, co.marginals, lvl)))


def bootstrap_alphas(data, level: str = "ordinal", n_boot: int = DEFAULT_BOOTSTRAP, seed: int | None = 0) -> np.ndarray:
    """Alpha on `n_boot` resamples of the pairable units (with replacement); NaN where undefined.

    A resample is a count f_u of each unit (multinomial). Sums over pairs are rewritten so that no
    V × V matrix per unit or per resample is built: the work grows with B·U·V and B·V², which keeps
    tables with many distinct values (interval data) tractable."""
    lvl = check_level(level)
    if n_boot < 1:
        raise AgreementError(_("the number of bootstrap resamples must be at least 1"))
    values, counts = _unit_counts(as_table(data))
    units = counts.shape[0]
    if units == 0:
        raise AgreementError(_("no unit has values from two raters: nothing is pairable"))
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(units, np.full(units, 1.0 / units), size=n_boot).astype(float)
    m = counts.sum(axis=1)
    w = 1.0 / (m - 1.0)
    fixed = None if lvl == "ordinal" else difference_matrix(values, counts.sum(axis=0), lvl)
    per_unit = None if fixed is None else w * np.einsum("uc,ck,uk->u", counts, fixed, counts)
    chunk = max(1, _CHUNK_CELLS // max(1, units + values.size))
    out = np.empty(n_boot)
    for start in range(0, n_boot, chunk):
        f = weights[start:start + chunk]
        marg = f @ counts  # n_c of each resample (B × V)
        n = marg.sum(axis=1)
        if fixed is not None and per_unit is not None:
            observed = f @ per_unit
            expected = np.einsum("bc,bc->b", marg @ fixed, marg)
            scale = expected
        else:
            # ordinal: δ_ck = (mid_k - mid_c)², so Σ_ck a_c a_k δ_ck = 2 (Σ a) (Σ a mid²) - 2 (Σ a mid)².
            mid = np.cumsum(marg, axis=1) - marg / 2.0
            lin, sq = counts @ mid.T, counts @ (mid ** 2).T  # U × B
            observed = ((f * w).T * (2.0 * m[:, None] * sq - 2.0 * lin ** 2)).sum(axis=0)
            scale = 2.0 * n * (marg * mid ** 2).sum(axis=1)
            expected = scale - 2.0 * (marg * mid).sum(axis=1) ** 2
        with np.errstate(invalid="ignore", divide="ignore"):
            result = 1.0 - (n - 1.0) * observed / expected
        out[start:start + chunk] = np.where(expected > 1e-12 * np.maximum(scale, 1.0), result, np.nan)
    return out


def agreement(data, level: str = "ordinal", n_boot: int = DEFAULT_BOOTSTRAP, seed: int | None = 0,
              confidence: float = DEFAULT_CONFIDENCE) -> AlphaResult:
    """Alpha with its counts and, when n_boot > 0, a bootstrap percentile interval."""
    lvl = check_level(level)
    table = as_table(data)
    if not 0 < confidence < 1:
        raise AgreementError(_("the confidence level must lie between 0 and 1"))
    co = coincidence_matrix(table)
    if co.units == 0:
        raise AgreementError(_("no unit has values from two raters: nothing is pairable"))
    point = float(_alpha_from(co.matrix, difference_matrix(co.values, co.marginals, lvl)))
    interval, undefined = None, 0
    if n_boot > 0:
        draws = bootstrap_alphas(table, lvl, n_boot, seed)
        defined = draws[~np.isnan(draws)]
        undefined = int(draws.size - defined.size)
        if defined.size:
            tail = (1.0 - confidence) / 2.0
            low, high = np.quantile(defined, [tail, 1.0 - tail])
            interval = (float(low), float(high))
    present = ~np.isnan(table)
    return AlphaResult(level=lvl, alpha=point, units=co.units, units_total=int(present.any(axis=1).sum()),
                       pairable=co.pairable, raters=int(present.any(axis=0).sum()), interval=interval,
                       confidence=confidence, n_boot=n_boot, seed=seed, undefined_draws=undefined)


def alpha_by_group(data, groups: Sequence[str], level: str = "ordinal", n_boot: int = 0,
                   seed: int | None = 0) -> dict[str, AlphaResult | None]:
    """Alpha per group of units (e.g. per risk factor or theme), each computed on that group's units
    alone, groups in order of first appearance; None for a group with nothing pairable."""
    table = as_table(data)
    if len(groups) != table.shape[0]:
        raise AgreementError(_("{count} group labels for {value} units").format(count=len(groups), value=table.shape[0]))
    labels = np.array([str(g) for g in groups], dtype=object)
    out: dict[str, AlphaResult | None] = {}
    for group in dict.fromkeys(labels.tolist()):
        part = table[labels == group]
        pairable = ((~np.isnan(part)).sum(axis=1) >= 2).any()
        out[group] = agreement(part, level, n_boot=n_boot, seed=seed) if pairable else None
    return out


def unit_spread(data, units: Sequence[str] | None = None, flag_at: float = 2.0) -> list[UnitSpread]:
    """Per unit: range, standard deviation, distribution of values, and a flag where raters differ
    by `flag_at` or more (two levels: a 0 beside a 2 is evidence to look at, not noise to average)."""
    table = as_table(data)
    names = [str(i + 1) for i in range(table.shape[0])] if units is None else [str(u) for u in units]
    if len(names) != table.shape[0]:
        raise AgreementError(_("{count} unit names for {value} units").format(count=len(names), value=table.shape[0]))
    spreads = []
    for name, row in zip(names, table):
        given = row[~np.isnan(row)]
        if given.size == 0:
            spreads.append(UnitSpread(name, 0, None, None, None, None, {}, False))
            continue
        vals, freq = np.unique(given, return_counts=True)
        low, high = float(given.min()), float(given.max())
        sd = float(given.std(ddof=1)) if given.size >= 2 else None
        spreads.append(UnitSpread(unit=name, ratings=int(given.size), low=low, high=high, range=high - low, sd=sd,
                                  distribution={float(v): int(f) for v, f in zip(vals, freq)},
                                  flagged=bool(high - low >= flag_at)))
    return spreads


def table_from_long(units: Sequence[str], raters: Sequence[str], values: Sequence[float | None]
                    ) -> tuple[np.ndarray, list[str], list[str]]:
    """(table, unit names, rater names) from long records (unit, rater, value; None is missing),
    units and raters in order of first appearance. Raises AgreementError on a repeated pair."""
    if not len(units) == len(raters) == len(values):
        raise AgreementError(_("units, raters and values must have the same length"))
    unit_index: dict[str, int] = {}
    rater_index: dict[str, int] = {}
    for u in units:
        unit_index.setdefault(u, len(unit_index))
    for r in raters:
        rater_index.setdefault(r, len(rater_index))
    table = np.full((len(unit_index), len(rater_index)), np.nan)
    seen: set[tuple[int, int]] = set()
    for u, r, v in zip(units, raters, values):
        key = (unit_index[u], rater_index[r])
        if key in seen:
            raise AgreementError(_("rater {r!r} has more than one value for unit {u!r}").format(r=r, u=u))
        seen.add(key)
        table[key] = np.nan if v is None else float(v)
    return table, list(unit_index), list(rater_index)
