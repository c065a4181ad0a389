"""Sensitivity and robustness: Monte Carlo draws over the method's choices, the unknowns and the raters.

Each draw varies, within the manifest's `sensitivity` ranges: the factor-intensity max/mean mix,
one shift of the breadth bounds, the old composite's resilience dampening, factor weights around
equal (Dirichlet), arithmetic vs geometric aggregation across factors, every unknown or not-assessed
risk indicator (a level from `method.band`), every scored level within its confidence widening, and
(given rater sheets) which rater's sheet is read. The per-crime rule is applied to all draws of all
assessments at once (rows = draw × assessment) with the same building blocks as crimes.py; the plain
result is one draw with every range at zero width. Headline quantities: the breadth of common risk
(the number the method's level is read from) with the headline level, and the old composite with
its tier; per period, the rank by headline level then breadth. Pure: no I/O; seeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from riskframe.i18n import _
from riskframe.scoring.sensitivity_stats import first_order, probabilities, ranks_within, run_sums
from riskframe.framework.models import Framework
from riskframe.framework.sensitivity_models import Sensitivity
from riskframe.scoring.aggregation import SCALE_MAX, breadth, count_at_least, factor_columns, factor_intensity, method_of
from riskframe.scoring.coverage import justified_not_applicable
from riskframe.scoring.crimes import _entry_grid, _notes
from riskframe.scoring.engine import ENTRY_COLUMNS, _grid, score_entries
from riskframe.scoring.mirrors import derive_mirrored
from riskframe.scoring.red_flags import flag_specs
from riskframe.scoring.sensitivity_kernel import FlagFloors, MinTiers
from riskframe.scoring.tiers import tier_codes

CHUNK_ROWS = 4_000   # draw × assessment rows per block (bounded memory; results do not depend on it)


def settings_of(fw: Framework, **overrides: Any) -> Sensitivity:
    """The manifest's `sensitivity` section (with overrides, e.g. draws or seed), checked against the method.

    A range that does not contain the method's own value could never reproduce the plain result:
    refused with a sentence naming the field.
    """
    s = fw.manifest.sensitivity
    if s is None:
        raise ValueError(_("indicators/manifest.yaml has no `sensitivity` section: add one (see docs/methodology.md)"))
    s = Sensitivity.model_validate(s.model_dump() | {k: v for k, v in overrides.items() if v is not None})
    m = method_of(fw)
    for name, rng, value in (("max_weight", s.max_weight, m.aggregation.max_weight),
                             ("breadth_shift", s.breadth_shift, 0.0),
                             ("resilience_dampening", s.resilience_dampening, fw.manifest.scoring.resilience_dampening)):
        if not rng.low <= value <= rng.high:
            raise ValueError(_("indicators/manifest.yaml, sensitivity.{name}: the range [{low}, {high}] must "
                                "contain the method's value {value}; widen it or change the method").format(name=name,
                                 low=rng.low, high=rng.high, value=value))
    return s


@dataclass(frozen=True)
class Draws:
    """The varied parameters of every draw (drawn up front, so chunking never changes them)."""

    max_weight: np.ndarray      # (D,)
    shift: np.ndarray           # (D,)
    damp: np.ndarray            # (D,)
    geometric: np.ndarray       # (D,) bool
    w_common: np.ndarray | None  # (D, n common factors), mean 1; None: equal weights
    w_risk: np.ndarray | None    # (D, n risk factors)
    rater: np.ndarray | None     # (D, N) index of the rater sheet read


@dataclass(frozen=True)
class SensitivityResult:
    """Per assessment: intervals, level/tier probabilities, robustness, rank band; and the settings used."""

    assessments: pd.DataFrame           # plain, median, low, high of breadth and composite; modal levels; ranks
    level_probabilities: pd.DataFrame   # assessment × level id: share of draws with that headline level
    tier_probabilities: pd.DataFrame    # assessment × tier id: share of draws with that composite tier
    indices: pd.DataFrame               # long: assessment_id, output, parameter, first-order index
    settings: dict[str, Any] = field(default_factory=dict)  # seed, draws and every parameter of the run


def _draw_parameters(s: Sensitivity, rng: np.random.Generator, n_draws: int, n_common: int, n_risk: int,
                     n_assess: int, n_raters: int) -> Draws:
    def uniform(r) -> np.ndarray:
        return np.full(n_draws, r.low) if r.width == 0 else rng.uniform(r.low, r.high, n_draws)

    mw, shift, damp = uniform(s.max_weight), uniform(s.breadth_shift), uniform(s.resilience_dampening)
    geometric = rng.random(n_draws) < s.geometric_share if s.geometric_share > 0 else np.zeros(n_draws, dtype=bool)
    w_common = w_risk = None
    if s.weights_concentration is not None:
        a = s.weights_concentration
        w_common = rng.dirichlet(np.full(n_common, a), n_draws) * n_common
        w_risk = rng.dirichlet(np.full(n_risk, a), n_draws) * n_risk
    rater = rng.integers(0, n_raters, (n_draws, n_assess)) if n_raters else None
    return Draws(mw, shift, damp, geometric, w_common, w_risk, rater)


def _aggregate(x: np.ndarray, w: np.ndarray | None, geometric: np.ndarray, offset: float) -> np.ndarray:
    """Weighted mean over the columns of x (NaN left out), arithmetic or (rows in `geometric`) geometric.

    With equal weights and no geometric row this is exactly the plain unweighted mean.
    """
    ok = ~np.isnan(x)
    if w is None and not geometric.any():  # the plain rule, written as engine.py writes it (same float sums)
        count = ok.sum(axis=1).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, np.nansum(x, axis=1) / np.where(count > 0, count, 1), np.nan)
    weights = ok.astype(float) if w is None else np.where(ok, w, 0.0)
    total = weights.sum(axis=1)
    x0 = np.where(ok, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        arith = (x0 if w is None else x0 * weights).sum(axis=1) / total
        out = np.where(total > 0, arith, np.nan)
        if geometric.any():
            g = np.exp((np.log(x0 + offset) * weights).sum(axis=1) / total) - offset
            out = np.where(geometric & (total > 0), g, out)
    return out


class _Grids:
    """The assessment × indicator inputs the draws start from (built once from the entries)."""

    def __init__(self, entries: pd.DataFrame, fw: Framework, ids: Any):
        entries = entries[entries["indicator_id"].notna()]
        self.ids, self.score, code, names = _grid(entries[ENTRY_COLUMNS], fw, ids)
        m = method_of(fw)
        scored = ~np.isnan(self.score)
        justified = justified_not_applicable(code, names, _notes(entries, self.ids, fw), fw)
        self.risk = np.array([ind.kind == "risk" for ind in fw.indicators.values()])
        self.missing = ~scored & ~justified & self.risk[None, :]
        widen = np.zeros(self.score.shape)
        conf = _entry_grid(entries, "confidence", self.ids, fw)
        if conf is not None:
            for c, w in m.band.confidence_widen.items():
                widen = np.where(conf == c, w, widen)
        self.widen = np.where(scored & self.risk[None, :], widen, 0.0)


def _levels(values: np.ndarray, fw: Framework, rank: dict[str, int], floors: FlagFloors, mw: np.ndarray,
            shift: np.ndarray, w: np.ndarray | None, geometric: np.ndarray, offset: float) -> tuple[np.ndarray, np.ndarray]:
    """Breadth and headline level (rank) per row, by the per-crime rule with this row's parameters."""
    m = method_of(fw)
    agg = m.aggregation
    ids = list(dict.fromkeys(m.common + [f for c in m.crimes for f in c.specific]))
    inten = factor_intensity(values, factor_columns(fw, ids), mw)
    col = {f: j for j, f in enumerate(ids)}
    common = np.ascontiguousarray(inten[:, [col[f] for f in m.common]])  # the layout crimes.py sums in
    if w is None and not geometric.any():
        b = breadth(common)
    else:
        filled = np.nan_to_num(common, nan=0.0)  # an unscored factor adds nothing, as in the plain breadth
        b = _aggregate(filled, w, geometric, offset) / SCALE_MAX * 100.0
    base = np.zeros(len(values), dtype=int)
    for r, lo in sorted((rank[t], lo) for t, lo in m.breadth_levels.items()):
        base = np.where(b >= lo + shift, r, base)
    severe = np.nan_to_num(common, nan=0.0).max(axis=1, initial=0.0) >= m.severe_factor_floor.at
    base = np.where(severe, np.maximum(base, rank[m.severe_factor_floor.level]), base)
    n_present = count_at_least(common, agg.present_at)
    present_ok = {k: count_at_least(inten[:, [col[f] for f in (kind.present_among or m.common)]], agg.present_at)
                  >= kind.needs_present for k, kind in m.red_flags.items() if kind.needs_present}
    floor = floors(values, present_ok)
    top, esc = max(rank.values()), m.escalators
    level = np.zeros(len(values), dtype=int)
    for c, crime in enumerate(m.crimes):
        e = np.nan_to_num(inten[:, [col[f] for f in crime.specific]], nan=0.0).max(axis=1, initial=0.0)
        steps = sum((e >= t).astype(int) for t in esc.steps_at)
        steps = np.where(n_present >= esc.needs_common_present, steps, np.minimum(steps, esc.max_steps_without_common))
        level = np.maximum(level, np.maximum(np.minimum(base + steps, top), floor[:, c]))
    return b, level


def _composite(values: np.ndarray, fw: Framework, segments: tuple[np.ndarray, np.ndarray], risk_f: np.ndarray,
               res_index: np.ndarray, damp: np.ndarray, w: np.ndarray | None, geometric: np.ndarray, offset: float,
               min_tiers: MinTiers) -> tuple[np.ndarray, np.ndarray]:
    """The old composite and its tier (with red-flag minimum tiers) per row, as engine.py computes them.

    `segments`: the risk factors' indicator columns one factor after the other, and where each starts.
    """
    order, starts = segments
    contiguous = order.size and np.array_equal(order, np.arange(order[0], order[0] + order.size))
    sub = values[:, order[0]:order[0] + order.size] if contiguous else values[:, order]  # a view when it can
    scored = ~np.isnan(sub)
    to100 = 100.0 / SCALE_MAX
    n = np.add.reduceat(scored.view(np.int8), starts, axis=1, dtype=np.int64)  # counts (a bool reduceat is slow)
    total = np.add.reduceat(np.where(scored, sub, 0.0), starts, axis=1)
    full = np.full((len(values), len(risk_f)), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        full[:, risk_f] = np.where(n > 0, total / np.where(n > 0, n, 1), np.nan) * to100
    f = full[:, risk_f]  # indexed as engine.py indexes it: the sums below run in the same order
    risk = _aggregate(f, w, geometric, offset * to100)
    composite = risk * (1.0 - damp * np.nan_to_num(res_index, nan=0.0) / 100.0)
    codes = tier_codes(composite, fw.manifest.scoring)
    return composite, np.maximum(codes, min_tiers(values))


def sensitivity(entries: pd.DataFrame, fw: Framework, settings: Sensitivity | None = None, assessment_ids: Any = None,
                groups: Any = None, raters: np.ndarray | None = None) -> SensitivityResult:
    """Monte Carlo sensitivity of every assessment in `entries` (columns as score_entries takes them).

    `groups` (one label per assessment, e.g. the period) says among which assessments ranks are
    taken (default: all together). `raters` (optional, raters × assessments × indicators, NaN where a
    rater gave nothing) are rater sheets: each draw reads one rater's sheet per assessment, the
    entries filling what the rater left out. Same settings and seed, same result.
    """
    s = settings or settings_of(fw)
    m = method_of(fw)
    g = _Grids(entries, fw, assessment_ids)
    n_a, n_i, d = len(g.ids), g.score.shape[1], s.draws
    tiers = [t.id for t in fw.manifest.scoring.tiers]
    rank = {t: i for i, t in enumerate(tiers)}
    floors = FlagFloors(flag_specs(fw, rank), len(m.crimes))
    factor_ids = list(fw.factor_by_id)
    risk_f = np.array([fw.factor_by_id[f].kind == "risk" for f in factor_ids])
    risk_cols = factor_columns(fw, [f for f in factor_ids if fw.factor_by_id[f].kind == "risk"])
    if any(c.size == 0 for c in risk_cols):
        raise ValueError(_("a risk factor has no indicator: the framework check should have refused it"))
    segments = (np.concatenate(risk_cols), np.cumsum([0] + [c.size for c in risk_cols[:-1]]))
    if raters is not None and raters.shape[1:] != g.score.shape:
        raise ValueError(_("rater sheets have shape {value}, the assessments {shape}").format(value=raters.shape[1:],
                             shape=g.score.shape))
    rng = np.random.default_rng(s.seed)
    p = _draw_parameters(s, rng, d, len(m.common), int(risk_f.sum()), n_a, 0 if raters is None else len(raters))
    plain = score_entries(entries, fw, g.ids)
    res_index = plain.assessments["resilience_index"].to_numpy(dtype=float)
    table = fw.indicator_table
    flag_at = np.array([(i.red_flag.raised_at if i.red_flag else None) or fw.manifest.scoring.red_flag.raised_at
                        for i in fw.indicators.values()], dtype=float)
    flag_rank = np.array([rank[t] if isinstance(t, str) and table["red_flag"].iloc[k] else -1
                          for k, t in enumerate(table["red_flag_min_tier"])])
    min_tiers = MinTiers(flag_at, flag_rank)
    lo_u, hi_u = m.band.unknown_low, m.band.unknown_high

    b_all = np.empty((d, n_a))
    level = np.empty((d, n_a), dtype=int)
    composite = np.empty((d, n_a))
    tier = np.empty((d, n_a), dtype=int)
    unknown_mean = np.full((d, n_a), np.nan)
    # Only the cells a draw can change get random numbers: unknowns and confidence-widened levels.
    cells = np.zeros(g.score.size, dtype=bool)
    if s.unknowns:
        cells |= g.missing.ravel()
    if s.confidence:
        cells |= g.widen.ravel() > 0
    act = np.flatnonzero(cells)
    widen_act = g.widen.ravel()[act]
    conf_at = widen_act > 0 if s.confidence else np.zeros(len(act), dtype=bool)
    miss_at = g.missing.ravel()[act] if s.unknowns else np.zeros(len(act), dtype=bool)
    conf_cols, miss_cols = act[conf_at], act[miss_at]
    conf_idx, conf_all = np.flatnonzero(conf_at), bool(conf_at.all())
    widen_conf, base_conf = widen_act[conf_at], g.score.ravel()[conf_cols]
    # miss_cols is sorted, so each assessment's missing cells are one run: [first[a], first[a + 1]).
    first = np.searchsorted(miss_cols, np.arange(n_a + 1) * n_i)
    # One stream per kind of number, each read in draw order: the result does not depend on CHUNK_ROWS.
    rng_cell, rng_common, rng_pick = rng.spawn(3)
    per_chunk = max(1, CHUNK_ROWS // max(n_a, 1))
    for start in range(0, d, per_chunk):
        sl = slice(start, min(d, start + per_chunk))
        k = sl.stop - sl.start
        raw = np.broadcast_to(g.score, (k, n_a, n_i)).copy()
        if raters is not None and p.rater is not None:
            sheet = raters[p.rater[sl], np.arange(n_a)[None, :]]  # k × n_a × n_i
            raw = np.where(np.isnan(sheet), raw, sheet)
        flat = raw.reshape(k, n_a * n_i)
        u = rng_cell.random((k, len(act)))
        if conf_cols.size:  # base + (2u - 1) × widen, clipped: in place on the gathered cells only
            v = u if conf_all else np.take(u, conf_idx, axis=1)
            v = v * 2
            v -= 1
            v *= widen_conf
            v += base_conf if raters is None else flat[:, conf_cols]
            flat[:, conf_cols] = np.clip(v, 0, SCALE_MAX, out=v)
        rows = flat.reshape(k * n_a, n_i)
        derived, dmask = derive_mirrored(rows, fw)  # derived from a mirror: information, not a draw
        if miss_cols.size:
            um = u[:, miss_at]
            if s.unknowns_shared > 0:  # the assessment's common draw, for a share of its unknowns (or all)
                common = rng_common.random((k, n_a))[:, miss_cols // max(n_i, 1)]
                um = common if s.unknowns_shared >= 1 else np.where(rng_pick.random(um.shape) < s.unknowns_shared,
                                                                    common, um)
            drawn = np.minimum(lo_u + np.floor(um * (hi_u - lo_u + 1)), hi_u)
            still = np.isnan(flat[:, miss_cols])          # a rater's sheet may have filled it
            with np.errstate(invalid="ignore", divide="ignore"):
                unknown_mean[sl] = run_sums(np.where(still, drawn, 0.0), first) / run_sums(still, first)
            flat[:, miss_cols] = np.where(still, drawn, flat[:, miss_cols])
            dflat = derived.reshape(k, n_a * n_i)
            keep = dmask.reshape(k, n_a * n_i)[:, miss_cols]
            dflat[:, miss_cols] = np.where(keep, dflat[:, miss_cols], flat[:, miss_cols])
        b, lv = _levels(derived, fw, rank, floors, _per_row(p.max_weight, sl, n_a), _per_row(p.shift, sl, n_a),
                        _per_row(p.w_common, sl, n_a), _per_row(p.geometric, sl, n_a), s.geometric_offset)
        c, t = _composite(rows, fw, segments, risk_f, np.tile(res_index, k), _per_row(p.damp, sl, n_a),
                          _per_row(p.w_risk, sl, n_a), _per_row(p.geometric, sl, n_a), s.geometric_offset,
                          min_tiers)
        b_all[sl], level[sl] = b.reshape(k, n_a), lv.reshape(k, n_a)
        composite[sl], tier[sl] = c.reshape(k, n_a), t.reshape(k, n_a)

    return _summarise(s, fw, g.ids, plain, tiers, p, b_all, level, composite, tier, unknown_mean, groups,
                      0 if raters is None else len(raters))


def _per_row(a, sl: slice, n_a: int):
    """A per-draw parameter for the draws of `sl`, repeated for each assessment (rows = draw × assessment)."""
    return None if a is None else np.repeat(a[sl], n_a, axis=0)


def _summarise(s: Sensitivity, fw: Framework, ids: pd.Index, plain, tiers: list[str], p: Draws, b_all: np.ndarray,
               level: np.ndarray, composite: np.ndarray, tier: np.ndarray, unknown_mean: np.ndarray, groups: Any,
               n_raters: int) -> SensitivityResult:
    lo_q, hi_q = s.interval
    tier_arr = np.array(tiers + [None], dtype=object)
    lp = probabilities(level, len(tiers))
    tp = probabilities(tier, len(tiers))
    group_arr = np.zeros(len(ids)) if groups is None else np.asarray(groups, dtype=object)
    ranks = ranks_within(level * 1000.0 + b_all, group_arr)
    with np.errstate(invalid="ignore"):
        qc = np.nanquantile(composite, [0.5, lo_q, hi_q], axis=0) if np.isfinite(composite).any() else \
            np.full((3, len(ids)), np.nan)
    qb = np.quantile(b_all, [0.5, lo_q, hi_q], axis=0)
    qr = np.quantile(ranks, [0.5, lo_q, hi_q], axis=0, method="inverted_cdf")
    modal, t_modal = lp.argmax(axis=1), tp.argmax(axis=1)
    p_modal, p_t = lp.max(axis=1), tp.max(axis=1)
    sizes = pd.Series(group_arr).map(pd.Series(group_arr).value_counts()).to_numpy()
    frame = pd.DataFrame({
        "breadth_plain": plain.assessments["common_breadth"].to_numpy(),
        "breadth_median": qb[0], "breadth_low": qb[1], "breadth_high": qb[2],
        "level_plain": plain.assessments["headline_level"].to_numpy(),
        "level_modal": tier_arr[modal], "level_modal_share": p_modal, "level_robust": p_modal >= s.robust_at,
        "composite_plain": plain.assessments["composite"].to_numpy(),
        "composite_median": qc[0], "composite_low": qc[1], "composite_high": qc[2],
        "tier_plain": plain.assessments["tier"].to_numpy(),
        "tier_modal": np.where(tp.sum(axis=1) > 0, tier_arr[t_modal], None), "tier_modal_share": p_t,
        "tier_robust": p_t >= s.robust_at,
        "rank_median": qr[0].astype(int), "rank_low": qr[1].astype(int), "rank_high": qr[2].astype(int),
        "rank_of": sizes,
    }, index=ids)
    inputs: list[tuple[str, np.ndarray, bool]] = [
        ("max_weight", p.max_weight, False), ("breadth_shift", p.shift, False),
        ("resilience_dampening", p.damp, False), ("geometric", p.geometric, True),
        ("unknowns", np.nan_to_num(unknown_mean, nan=0.0), False)]
    outputs = {"breadth": b_all, "level": level.astype(float), "composite": np.nan_to_num(composite, nan=0.0)}
    rows = []
    for out_name, y in outputs.items():
        for in_name, x, discrete in inputs:
            si = first_order(y, x, discrete)
            rows.append(pd.DataFrame({"assessment_id": ids, "output": out_name, "parameter": in_name, "index": si}))
    indices = pd.concat(rows, ignore_index=True)
    settings = s.model_dump(mode="json") | {"method_version": method_of(fw).version, "raters": n_raters,
                                            "framework_version": fw.version}
    return SensitivityResult(
        assessments=frame,
        level_probabilities=pd.DataFrame(lp, index=ids, columns=tiers),
        tier_probabilities=pd.DataFrame(tp, index=ids, columns=tiers),
        indices=indices,
        settings=settings,
    )
