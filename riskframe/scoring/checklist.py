"""What an assessment still needs before it can be submitted for validation.

Pure: takes the scored assessment and what the store holds, returns the problems as sentences that
say exactly what is missing, so the app can list them and refuse to submit.
"""

from __future__ import annotations

import math

from pydantic import BaseModel

from riskframe.framework.models import Framework
from riskframe.i18n import _, format_percent, ngettext
from riskframe.scoring.engine import Scores


class ChecklistItem(BaseModel):
    ok: bool
    label: str
    detail: str = ""
    blocking: bool = True  # False: a warning shown with the checklist; submitting is still allowed


def submission_checklist(scores: Scores, assessment_id, fw: Framework, evidence: dict[str, str],
                         n_consultations: int) -> list[ChecklistItem]:
    """Coverage above the manifest threshold, evidence on every raised red flag, a consultation held."""
    a = scores.assessments.loc[assessment_id]
    need = fw.manifest.scoring.submit_min_coverage
    cov = 0.0 if math.isnan(a["coverage"]) else float(a["coverage"])
    missing_cov = ChecklistItem(
        ok=cov >= need,
        label=_("Coverage at least {need}").format(need=format_percent(need)),
        detail=_("coverage is {coverage}: {not_assessed} indicators not assessed, {unknown} unknown").format(
            coverage=format_percent(cov), not_assessed=a["n_not_assessed"], unknown=a["n_unknown"])
        if cov < need else _("coverage is {coverage}").format(coverage=format_percent(cov)),
    )
    flags_without = [i for i in a["red_flags"] if not (evidence.get(i) or "").strip()]
    n_flags = len(a["red_flags"])
    flags = ChecklistItem(
        ok=not flags_without,
        label=_("Evidence on every raised red flag"),
        detail=_("red flags without evidence: {flags}").format(flags=", ".join(flags_without)) if flags_without
        else ngettext("{count} red flag raised, with evidence", "{count} red flags raised, all with evidence",
                      n_flags).format(count=n_flags),
    )
    consult = ChecklistItem(
        ok=n_consultations > 0,
        label=_("At least one consultation recorded"),
        detail=_("no consultation recorded (civil society, women's organisations, youth, the NHRI …)")
        if n_consultations == 0 else ngettext("{count} consultation recorded", "{count} consultations recorded",
                                              n_consultations).format(count=n_consultations),
    )
    return [missing_cov, flags, consult]
