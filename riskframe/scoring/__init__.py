"""The rules engine: pure, vectorised scoring of risk and resilience (pandas in, pandas out).

No I/O and no Streamlit: the store, the app, Excel and the CLI all call these functions, so one
number means the same thing everywhere. Parameters come from the framework manifest.
"""

from riskframe.scoring.engine import ENTRY_COLUMNS, Scores, score_entries
from riskframe.scoring.explain import explain, top_contributors
from riskframe.scoring.inputs import AssessmentInput, ScoringInputError, entries_frame_from_inputs, parse_inputs
from riskframe.scoring.tiers import tier_for

__all__ = [
    "ENTRY_COLUMNS",
    "AssessmentInput",
    "Scores",
    "ScoringInputError",
    "entries_frame_from_inputs",
    "explain",
    "parse_inputs",
    "score_entries",
    "tier_for",
    "top_contributors",
]
