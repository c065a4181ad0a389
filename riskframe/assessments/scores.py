"""The scoring of one assessment for the Assess page, the Review page and the CLI (riskframe.scoring)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from riskframe.domain import EntryIn
from riskframe.framework.models import Framework
from riskframe.scoring import Scores, score_entries
from riskframe.scoring.report import assessment_report


def score_one(fw: Framework, assessment_id: int, entries: Mapping[str, EntryIn]) -> Scores:
    """Score one assessment's entries; values kept under ids the framework no longer has are left out."""
    rows = [(assessment_id, i, e.score, e.missing.value if e.missing else None) for i, e in entries.items()
            if i in fw.indicators]
    frame = pd.DataFrame(rows, columns=["assessment_id", "indicator_id", "score", "missing"])
    return score_entries(frame, fw, [assessment_id])


def report_one(fw: Framework, assessment_id: int, entries: Mapping[str, EntryIn], lang: str = "en") -> dict[str, Any]:
    """The scored assessment as a JSON-ready dict (composite, band, tier, factors, red flags, why)."""
    return assessment_report(score_one(fw, assessment_id, entries), fw, assessment_id, lang)
