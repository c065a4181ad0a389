"""Hover explanations: the indicators that add most to each assessment's risk index.

Computed for every assessment at once (numpy, no per-row pandas), so each point on a chart can
say where its number comes from without slowing the panel down. The ids and points come from the
summary (riskframe/scoring/summary.py); the sentence is written here, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from riskframe.framework.models import Framework
from riskframe.i18n import _
from riskframe.scoring import Scores
from riskframe.scoring.summary import top_contributor_ids

__all__ = ["contributor_text", "contributor_texts", "top_contributor_ids"]


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def contributor_texts(top_ids: Iterable[tuple], top_points: Iterable[tuple], index: pd.Index,
                      fw: Framework) -> pd.Series:
    """Per assessment, an HTML snippet for plotly hover text: 'Top contributors: 7.14 … (+6.3)'."""
    texts = {i: _short(t) for i, t in fw.indicator_table["text"].items()}
    rows = []
    for row_ids, row_points in zip(top_ids, top_points):
        parts = [f"{i} {texts.get(i, '')} (+{p:.1f})" for i, p in zip(row_ids, row_points) if i is not None]
        rows.append(_("Top contributors:") + "<br>" + "<br>".join(parts) if parts else _("No risk indicator scored"))
    return pd.Series(rows, index=index, dtype=object)


def contributor_text(scores: Scores, fw: Framework, n: int = 3) -> pd.Series:
    """`contributor_texts` of the top `n` contributors of every assessment in `scores`."""
    index, ids, points = top_contributor_ids(scores, fw, n)
    return contributor_texts(ids.tolist(), points.tolist(), index, fw)
