"""A reference series beside the analysts' judgement: percentiles among the same countries, and divergence.

For each period, the series used is the newest import whose values speak about the period's year
(an EWP value from base year B covers B+1 and B+2; a generic CSV value covers its own year); within
it, each country's value with the latest data year. Among the countries of the period that have
both a composite and a reference value, each gets the percentile of its reference value and the
percentile of its composite (0 = lowest, 100 = highest; ties share the mean rank; one country alone
is at 50). The two diverge when they differ by more than the manifest's
`reference.divergence_percentile_points`, and only when at least `reference.min_countries`
countries are compared. Higher values are read as higher risk on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework
from riskframe.framework.reference_models import Reference

COLUMNS = ["country", "period", "series_id", "series", "ref_year", "ref_value", "ref_rank", "ref_pct",
           "judgement_pct", "gap", "n_compared", "diverges"]


def settings_of(fw: Framework) -> Reference:
    return fw.manifest.reference or Reference()


def percentiles(values: pd.Series) -> pd.Series:
    """0–100 by mean rank among the values given (NaN stays NaN and is not counted)."""
    ok = values.dropna()
    n = len(ok)
    if n == 0:
        return pd.Series(np.nan, index=values.index)
    if n == 1:
        return pd.Series(50.0, index=ok.index).reindex(values.index)
    return ((ok.rank(method="average") - 1) / (n - 1) * 100).reindex(values.index)


def _period_year(assessments: pd.DataFrame) -> pd.Series:
    if "period_end" in assessments:
        return pd.to_datetime(assessments["period_end"]).dt.year
    return assessments["period"].astype(str).str.slice(0, 4).astype(int)


def _pick(values: pd.DataFrame, year: int, series: Mapping[int, str]) -> tuple[int | None, pd.DataFrame]:
    """The newest series (first in `series`) with a value covering `year`, and its latest value per country."""
    covering = values[(values["covers_from"] <= year) & (values["covers_to"] >= year)]
    for sid in series:
        mine = covering[covering["series_id"] == sid]
        if not mine.empty:
            latest = mine.sort_values("year").groupby("country", sort=False).tail(1)
            return sid, latest.set_index("country")
    return None, pd.DataFrame()


def compare(assessments: pd.DataFrame, values: pd.DataFrame, series: Mapping[int, str],
            settings: Reference) -> pd.DataFrame:
    """One row per assessment that has a reference value (index: the assessments' index), columns COLUMNS.

    `assessments`: country, period, composite (and period_end), as Panel.assessments; `values`: the
    store's reference values (References.values); `series`: series id -> name, newest first."""
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})
    if assessments.empty or values.empty or not series:
        return empty
    years = _period_year(assessments)
    parts = []
    for period, rows in assessments.groupby(assessments["period"].astype(str), sort=False):
        sid, chosen = _pick(values, int(years.loc[rows.index[0]]), series)
        if sid is None:
            continue
        rows = rows[rows["country"].isin(chosen.index)]
        if rows.empty:
            continue
        ref = rows["country"].map(chosen["value"]).astype(float)
        composite = rows["composite"].astype(float)
        both = ref.notna() & composite.notna()
        ref_pct = percentiles(ref.where(both))
        judge_pct = percentiles(composite.where(both))
        n = int(both.sum())
        gap = ref_pct - judge_pct
        part = pd.DataFrame({
            "country": rows["country"], "period": period, "series_id": sid, "series": series[sid],
            "ref_year": rows["country"].map(chosen["year"]).astype(int), "ref_value": ref,
            "ref_rank": rows["country"].map(chosen["rank"]), "ref_pct": ref_pct, "judgement_pct": judge_pct,
            "gap": gap, "n_compared": n,
            "diverges": (gap.abs() > settings.divergence_percentile_points) & (n >= settings.min_countries)})
        parts.append(part)
    if not parts:
        return empty
    return pd.concat(parts)[COLUMNS]
