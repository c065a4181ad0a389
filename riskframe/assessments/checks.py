"""The submission checklist of one assessment, as the service applies it (riskframe.scoring.checklist)."""

from __future__ import annotations

from riskframe.assessments.errors import UnmetItem
from riskframe.assessments.scores import score_one
from riskframe.domain.labels import consultation_category_label
from riskframe.framework.models import Framework
from riskframe.i18n import _, ngettext
from riskframe.scoring.checklist import ChecklistItem, submission_checklist
from riskframe.store import OPEN_MEASURE_STATUSES, AssessmentView
from riskframe.store.views import natural_key


def checklist(fw: Framework, view: AssessmentView) -> list[ChecklistItem]:
    """Every item the checklist names, met or not, for this view of the assessment."""
    scores = score_one(fw, view.id, view.entries)
    evidence = {i: e.evidence for i, e in view.entries.items()}
    return [*submission_checklist(scores, view.id, fw, evidence, len(view.consultations)), carried_over_item(view),
            heard_item(view), open_measures_item(view)]


# Who must be heard (HRC panel report, seed 003 ¶42: women and young people in national assessments).
HEARD = ("womens_organisations", "youth")


def not_heard(view: AssessmentView) -> list[str]:
    """The codes of HEARD with no consultation recorded (empty: women and young people were heard)."""
    held = {getattr(c.category, "value", c.category) for c in view.consultations}
    return [code for code in HEARD if code not in held]


def heard_item(view: AssessmentView) -> ChecklistItem:
    """A warning, not a refusal, when no consultation with women's organisations or with youth is recorded."""
    absent = [consultation_category_label(code) for code in not_heard(view)]
    if not absent:
        return ChecklistItem(ok=True, blocking=False, label=_("Women and young people consulted"),
                             detail=_("consultations with women's organisations and with youth are recorded"))
    return ChecklistItem(ok=False, blocking=False, label=_("Women and young people consulted"),
                         detail=_("no consultation recorded with: {groups}; the assessment should say whether they "
                                  "were heard (HRC panel report, para. 42)").format(groups=", ".join(absent)))


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


def open_measures_item(view: AssessmentView) -> ChecklistItem:
    """Every open measure carried over from the last period should have its status looked at again.

    A carried measure counts as looked at once its row was saved in this assessment after copy forward
    (a new status, a reason, or this period's follow-up note, which copy forward leaves empty). A
    warning, not a refusal: a measure may rightly stand where it stood, and the assessment of risk should
    not wait on follow-up bookkeeping; the reviewer sees which ones were not looked at."""
    label = _("Status of every open measure updated")
    waiting = [m for m in view.measures if view.copied_from is not None and m.previous_measure_id
               and m.revision == 1 and m.status.value in OPEN_MEASURE_STATUSES]
    if not waiting:
        return ChecklistItem(ok=True, blocking=False, label=label,
                             detail=_("no open measure carried over from the last period waits for its status"))
    titles = [f"“{m.title}”" for m in waiting[:8]] + (["…"] if len(waiting) > 8 else [])
    return ChecklistItem(ok=False, blocking=False, label=label, detail=ngettext(
        "{n} open measure carried over from the last period has neither a new status nor a follow-up for this "
        "period: {titles}", "{n} open measures carried over from the last period have neither a new status nor a "
        "follow-up for this period: {titles}", len(waiting)).format(n=len(waiting), titles=", ".join(titles)))


def unmet(items: list[ChecklistItem]) -> list[UnmetItem]:
    return [UnmetItem(label=i.label, detail=i.detail) for i in items if not i.ok and i.blocking]
