"""What changed: against the country's previous period, and since the assessment was last returned."""

from __future__ import annotations

from riskframe.assessments.base import ServiceBase
from riskframe.store import AssessmentOut, AssessmentView, AuditOut, Change, RevisionOut
from riskframe.store.actor import Actor


class History(ServiceBase):
    def previous_period(self, actor: Actor, view: AssessmentView) -> tuple[AssessmentOut | None, list[Change]]:
        """The country's latest earlier assessment (any status) and the entries that differ from it."""
        earlier = [x for x in self.list_assessments(actor, country=view.country) if x.period_start < view.period_start]
        if not earlier:
            return None, []
        prev = max(earlier, key=lambda x: x.period_start)
        changes = self.store.diff_assessments(actor, prev.id, view.id)
        return prev, [c for c in changes if c.field.startswith("entries.")]

    def last_return(self, actor: Actor, assessment_id: int) -> RevisionOut | None:
        """The latest status change to returned (its note holds the reviewer's reason and comments)."""
        returned = [r for r in self.revisions(actor, assessment_id) if r.kind == "status" and r.status == "returned"]
        return returned[-1] if returned else None

    def changes_since_return(self, actor: Actor, view: AssessmentView) -> list[Change] | None:
        """What changed since it was last returned; None when it never was."""
        last = self.last_return(actor, view.id)
        if last is None:
            return None
        return self.store.diff_revisions(actor, view.id, last.number, view.revision)

    def item_history(self, actor: Actor, assessment_id: int, collection: str, key: str) -> list[AuditOut]:
        """Who changed which field of one list item (vulnerable group, consultation, measure), and
        when, oldest first: the audit rows of `<collection>.<key>.<field>`."""
        prefix = f"{collection}.{key}."
        rows = self.store.audit_log(actor, assessment_id=assessment_id, limit=100_000)
        return [r for r in reversed(rows) if r.field and r.field.startswith(prefix)]
