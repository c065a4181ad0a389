"""Honest coverage: required per factor group, "not applicable" only where allowed and justified.

Coverage of a factor = scored indicators / indicators not justifiably "not applicable". A "not
applicable" outside `method.coverage.not_applicable_factors`, or without a note when one is required,
counts as unknown. Below `common_min` in any common factor, below `specific_min` in any crime's
specific factors, or with a red-flag indicator left unresolved, the level is provisional.
"""

from __future__ import annotations

import numpy as np

from riskframe.framework.models import Framework, tr
from riskframe.i18n import _, current_language, ngettext
from riskframe.scoring.aggregation import method_of
from riskframe.scoring.plan import row_tuples


def justified_not_applicable(code: np.ndarray, names: list[str], notes: np.ndarray | None,
                             fw: Framework) -> np.ndarray:
    """Assessment × indicator: "not applicable" that the rules accept."""
    rule = method_of(fw).coverage
    na = code == names.index("not_applicable")
    allowed = np.array([ind.factor_id in rule.not_applicable_factors for ind in fw.indicators.values()])
    ok = na & allowed[None, :]
    if rule.not_applicable_needs_note and notes is not None:
        ok &= notes
    return ok


def _share(scored: np.ndarray, counted: np.ndarray, cols: np.ndarray) -> np.ndarray:
    n = counted[:, cols].sum(axis=1)
    return np.where(n > 0, scored[:, cols].sum(axis=1) / np.where(n > 0, n, 1), np.nan)


def coverage_by_group(scored: np.ndarray, justified: np.ndarray, fw: Framework, flag_columns: list[int],
                      indicator_ids: np.ndarray):
    """Per-factor and per-crime coverage, the provisional mark with its reasons, unresolved red flags."""
    method = method_of(fw)
    rule = method.coverage
    counted = ~justified
    position = {i: n for n, i in enumerate(fw.indicators)}
    cols_of = {f: np.array([position[i.id] for i in fw.factor_by_id[f].indicators]) for f in fw.factor_by_id}
    n_a = scored.shape[0]
    reasons: dict[int, list[str]] = {}  # only the rows that have one (a list per row costs more than the rule)
    common_cov = {}
    for f in method.common:
        cov = _share(scored, counted, cols_of[f])
        common_cov[f] = cov
        for r in np.flatnonzero(np.nan_to_num(cov, nan=1.0) < rule.common_min).tolist():
            reasons.setdefault(r, []).append(_("factor {factor} coverage {coverage} < {minimum}").format(
                factor=f, coverage=f"{cov[r]:.0%}", minimum=f"{rule.common_min:.0%}"))
    crime_cov = {}
    for c in method.crimes:
        cov = _share(scored, counted, np.concatenate([cols_of[f] for f in c.specific]))
        crime_cov[c.id] = cov
        for r in np.flatnonzero(np.nan_to_num(cov, nan=1.0) < rule.specific_min).tolist():
            reasons.setdefault(r, []).append(_("{crime} factors {factors} coverage {coverage} < {minimum}").format(
                crime=tr(c.label, current_language()), factors="-".join(c.specific), coverage=f"{cov[r]:.0%}",
                minimum=f"{rule.specific_min:.0%}"))
    unresolved_mask: np.ndarray = (~scored[:, flag_columns] & counted[:, flag_columns] if flag_columns
                                   else np.zeros((n_a, 0), dtype=bool))
    flag_ids = indicator_ids[flag_columns] if flag_columns else np.array([], dtype=object)
    unresolved = row_tuples(unresolved_mask, flag_ids)
    # Rows whose only reason is the unresolved flags (most of a portfolio) share one tuple per count.
    tail = np.empty(len(flag_ids) + 1, dtype=object)
    tail[0] = ()
    n_unresolved = unresolved_mask.sum(axis=1)
    for n in range(1, len(flag_ids) + 1):
        tail[n] = (ngettext("{n} red-flag indicator not scored", "{n} red-flag indicators not scored",
                            n).format(n=n),) if rule.red_flags_resolved and (n_unresolved == n).any() else ()
    out: list[tuple] = tail[n_unresolved].tolist()
    for i, x in reasons.items():
        out[i] = (*x, *out[i])
    return common_cov, crime_cov, out, unresolved
