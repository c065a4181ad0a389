"""What an assessment still needs before it can be submitted for validation.

Pure: takes the scored assessment and what the store holds, returns the problems as sentences that
say exactly what is missing, so the app can list them and refuse to submit.
"""

from __future__ import annotations

import math

from pydantic import BaseModel

from riskframe.framework.models import Framework
from riskframe.scoring.engine import Scores


class ChecklistItem(BaseModel):
    ok: bool
    label: str
    detail: str = ""


def submission_checklist(scores: Scores, assessment_id, fw: Framework, evidence: dict[str, str],
                         n_consultations: int) -> list[ChecklistItem]:
    """Coverage above the manifest threshold, evidence on every raised red flag, a consultation held."""
    a = scores.assessments.loc[assessment_id]
    need = fw.manifest.scoring.submit_min_coverage
    cov = 0.0 if math.isnan(a["coverage"]) else float(a["coverage"])
    missing_cov = ChecklistItem(
        ok=cov >= need,
        label=f"Coverage at least {need:.0%}",
        detail=f"coverage is {cov:.0%}: {a['n_not_assessed']} indicators not assessed, {a['n_unknown']} unknown"
        if cov < need else f"coverage is {cov:.0%}",
    )
    flags_without = [i for i in a["red_flags"] if not (evidence.get(i) or "").strip()]
    flags = ChecklistItem(
        ok=not flags_without,
        label="Evidence on every raised red flag",
        detail=("red flags without evidence: " + ", ".join(flags_without)) if flags_without
        else f"{len(a['red_flags'])} red flag(s) raised, all with evidence",
    )
    consult = ChecklistItem(
        ok=n_consultations > 0,
        label="At least one consultation recorded",
        detail="no consultation recorded (civil society, women's organisations, youth, the NHRI …)"
        if n_consultations == 0 else f"{n_consultations} consultation(s) recorded",
    )
    return [missing_cov, flags, consult]
