"""The submission checklist of one assessment, as the service applies it (riskframe.scoring.checklist)."""

from __future__ import annotations

from riskframe.assessments.errors import UnmetItem
from riskframe.assessments.scores import score_one
from riskframe.framework.models import Framework
from riskframe.scoring.checklist import ChecklistItem, submission_checklist
from riskframe.store import AssessmentView


def checklist(fw: Framework, view: AssessmentView) -> list[ChecklistItem]:
    """Every item the checklist names, met or not, for this view of the assessment."""
    scores = score_one(fw, view.id, view.entries)
    evidence = {i: e.evidence for i, e in view.entries.items()}
    return submission_checklist(scores, view.id, fw, evidence, len(view.consultations))


def unmet(items: list[ChecklistItem]) -> list[UnmetItem]:
    return [UnmetItem(label=i.label, detail=i.detail) for i in items if not i.ok]
