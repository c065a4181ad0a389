"""The submission checklist of one assessment, as the service applies it (riskframe.scoring.checklist)."""

from __future__ import annotations

from riskframe.assessments.errors import UnmetItem
from riskframe.assessments.scores import score_one
from riskframe.framework.models import Framework
from riskframe.i18n import _
from riskframe.scoring.checklist import ChecklistItem, submission_checklist
from riskframe.store import AssessmentView
from riskframe.store.views import natural_key


def checklist(fw: Framework, view: AssessmentView) -> list[ChecklistItem]:
    """Every item the checklist names, met or not, for this view of the assessment."""
    scores = score_one(fw, view.id, view.entries)
    evidence = {i: e.evidence for i, e in view.entries.items()}
    return [*submission_checklist(scores, view.id, fw, evidence, len(view.consultations)), carried_over_item(view)]


def carried_over_item(view: AssessmentView) -> ChecklistItem:
    """Values copied forward from the last period count only once someone confirmed or changed them."""
    waiting = sorted((i for i, e in view.entries.items() if e.carried_over), key=natural_key)
    if not waiting:
        return ChecklistItem(ok=True, label=_("Carried-over values confirmed"),
                             detail=_("no value waits to be confirmed"))
    shown = ", ".join(waiting[:12]) + (" …" if len(waiting) > 12 else "")
    return ChecklistItem(ok=False, label=_("Carried-over values confirmed"),
                         detail=_("{n} value(s) carried over from the last period not yet confirmed or changed: "
                                  "{ids}").format(n=len(waiting), ids=shown))


def unmet(items: list[ChecklistItem]) -> list[UnmetItem]:
    return [UnmetItem(label=i.label, detail=i.detail) for i in items if not i.ok]
