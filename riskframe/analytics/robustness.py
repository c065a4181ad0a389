"""How sure each number on the dashboards is: the sensitivity analysis run over a whole panel.

riskframe.scoring.sensitivity does the Monte Carlo (method choices, weights, unknowns; the manifest's
`sensitivity` section); this module runs it once for every assessment of a panel, ranks within each
period, and returns one row per assessment for the country and comparison pages and the exports.
"""

from __future__ import annotations

import pandas as pd

from riskframe.analytics.panel import Panel
from riskframe.framework.models import Framework
from riskframe.i18n import N_
from riskframe.scoring.sensitivity import sensitivity, settings_of

RANKED_BY = N_("headline level, then breadth of common risk")


def panel_robustness(entries: pd.DataFrame, fw: Framework, panel: Panel, period: str | None = None,
                     draws: int | None = None, seed: int | None = None) -> pd.DataFrame:
    """Per assessment of `panel` (of one `period` only, if given): the median composite and its interval,
    the modal tier with its share and whether it is robust, one `p_<tier>` column per tier (they sum
    to 1), and the rank band within its period. Empty when there is nothing to analyse; deterministic
    for a seed (default: the manifest's)."""
    rows = panel.assessments
    if period is not None:
        rows = rows[rows["period"].astype(str) == str(period)]
    if rows.empty:
        return pd.DataFrame()
    ids = list(rows.index)
    settings = settings_of(fw, draws=draws, seed=seed)
    # values kept under ids the framework no longer has (an older version's) are left out, as in scoring
    mine = entries[entries["assessment_id"].isin(ids) & entries["indicator_id"].isin(list(fw.indicators))]
    result = sensitivity(mine, fw, settings, ids, groups=rows["period"].astype(str).tolist())
    out = result.assessments.copy()
    probabilities = result.tier_probabilities.add_prefix("p_")
    out = out.join(probabilities)
    out.attrs["settings"] = result.settings
    return out
