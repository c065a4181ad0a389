"""Hover explanations: the indicators that add most to each assessment's risk index.

Computed for every assessment at once (numpy, no per-row pandas), so each point on a chart can
say where its number comes from without slowing the panel down.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskframe.framework.models import Framework
from riskframe.i18n import _
from riskframe.scoring import Scores
from riskframe.scoring.explain import contributions


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def top_contributor_ids(scores: Scores, fw: Framework, n: int = 3) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """(assessment ids, ids of the top `n` indicators per row, their points); None/NaN past the scored ones.

    Same order as `explain.top_contributors`: highest first, ties in document order.
    """
    share = contributions(scores, fw)
    values = share.to_numpy(dtype=float, na_value=np.nan)
    n = min(n, values.shape[1])
    values = np.where(np.isnan(values) | (values <= 0), -np.inf, values)
    # negate, and add a tiny rank penalty so ties keep document order (points differ by far more)
    key = -values + np.arange(values.shape[1]) * 1e-9
    part = np.argpartition(key, n - 1, axis=1)[:, :n] if n else np.empty((len(values), 0), dtype=int)
    order = np.take_along_axis(part, np.argsort(np.take_along_axis(key, part, axis=1), axis=1), axis=1)
    points = np.take_along_axis(values, order, axis=1)
    ids = np.where(np.isfinite(points), np.asarray(share.columns, dtype=object)[order], None)
    return share.index, np.asarray(ids), np.where(np.isfinite(points), points, np.nan)


def contributor_text(scores: Scores, fw: Framework, n: int = 3) -> pd.Series:
    """Per assessment, an HTML snippet for plotly hover text: 'Top contributors: 7.14 … (+6.3)'."""
    index, ids, points = top_contributor_ids(scores, fw, n)
    texts = {i: _short(t) for i, t in fw.indicator_table["text"].items()}
    rows = []
    for row_ids, row_points in zip(ids.tolist(), points.tolist()):
        parts = [f"{i} {texts.get(i, '')} (+{p:.1f})" for i, p in zip(row_ids, row_points) if i is not None]
        rows.append(_("Top contributors:") + "<br>" + "<br>".join(parts) if parts else _("No risk indicator scored"))
    return pd.Series(rows, index=index, dtype=object)
