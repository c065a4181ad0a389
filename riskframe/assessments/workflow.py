"""Submit, validate, return and reopen: the workflow rules in one place, for the app and the CLI.

Every move names the revision the person saw (`seen_revision`). When the assessment moved since,
the move is refused with StaleRevision naming both revisions, so nobody validates, returns or
submits content they have not seen. Submit also runs the submission checklist and refuses with
ChecklistFailed listing every unmet item. A refusal writes nothing (not even an audit row, except
the store's audit of a permission refusal).
"""

from __future__ import annotations

from riskframe.domain.labels import revision_kind_label
from riskframe.domain.status import status_label
from riskframe.i18n import _
from riskframe.assessments.checks import checklist, unmet
from riskframe.assessments.comments import Comments, comment_line
from riskframe.assessments.errors import ChecklistFailed, StaleRevision
from riskframe.domain import Status, StatusError, check_transition
from riskframe.scoring.checklist import ChecklistItem
from riskframe.store import AssessmentOut, AssessmentView, ConflictError, InvalidInput, WorkflowError, access
from riskframe.store.actor import Actor


def _seen(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput("seen_revision", value, _("must be the revision number you looked at (1 or more)"))
    return value


class Workflow(Comments):
    def checklist(self, view: AssessmentView) -> list[ChecklistItem]:
        """The submission checklist of this view, met and unmet items alike (for display)."""
        return checklist(self.framework, view)

    def submit(self, actor: Actor, assessment_id: int, seen_revision: int) -> AssessmentOut:
        """draft or returned → submitted, only when the checklist is met at the revision seen."""
        view = self._prepare(actor, assessment_id, seen_revision, Status.SUBMITTED, None)
        missing = unmet(checklist(self.framework, view))
        if missing:
            raise ChecklistFailed(view.id, missing)
        return self._move(actor, view, seen_revision, Status.SUBMITTED, None)

    def validate(self, actor: Actor, assessment_id: int, seen_revision: int) -> AssessmentOut:
        """submitted → validated (locked)."""
        view = self._prepare(actor, assessment_id, seen_revision, Status.VALIDATED, None)
        return self._move(actor, view, seen_revision, Status.VALIDATED, None)

    def return_(self, actor: Actor, assessment_id: int, seen_revision: int, reason: str | None = None) -> AssessmentOut:
        """submitted → returned, with a reason and/or the stored unresolved comments (one is required).

        The note of the status change holds the reason followed by every unresolved comment, so the
        revision history says why it was returned even after comments are resolved.
        """
        lines = [reason.strip()] if reason and reason.strip() else []
        lines += [comment_line(c) for c in self.comments(actor, assessment_id, unresolved_only=True)]
        note = "\n".join(lines)
        view = self._prepare(actor, assessment_id, seen_revision, Status.RETURNED, note)
        return self._move(actor, view, seen_revision, Status.RETURNED, note)

    def reopen(self, actor: Actor, assessment_id: int, seen_revision: int, reason: str) -> AssessmentOut:
        """validated → draft, with a reason (recorded in the history)."""
        view = self._prepare(actor, assessment_id, seen_revision, Status.DRAFT, reason)
        return self._move(actor, view, seen_revision, Status.DRAFT, reason)

    def back_to_draft(self, actor: Actor, assessment_id: int, seen_revision: int) -> AssessmentOut:
        """returned → draft, for the focal point who wants to rework before resubmitting."""
        view = self._prepare(actor, assessment_id, seen_revision, Status.DRAFT, None)
        return self._move(actor, view, seen_revision, Status.DRAFT, None)

    # -- the shared steps ------------------------------------------------------------------
    def _prepare(self, actor: Actor, assessment_id: int, seen_revision: int, target: Status,
                 reason: str | None) -> AssessmentView:
        """Read the head, check the right, the move and the revision seen: the refusals that come first."""
        seen = _seen(seen_revision)
        view = self.get(actor, assessment_id)
        what = f"assessment {view.id}"
        self.store.authorize(actor, access.transition_action(view.status.value, target.value), view.country, what)
        try:
            check_transition(view.status, target, reason)
        except StatusError as exc:
            raise WorkflowError("status", target.value, str(exc)) from None
        if seen != view.revision:
            raise self._stale(actor, view.id, seen, view.revision)
        return view

    def _move(self, actor: Actor, view: AssessmentView, seen: int, target: Status, reason: str | None) -> AssessmentOut:
        try:  # the store compares `seen` with the head again, inside the transaction
            return self.store.transition(actor, view.id, target.value, seen, reason=reason)
        except StaleRevision:
            raise
        except ConflictError as exc:
            raise self._stale(actor, view.id, seen, exc.head_revision) from None

    def _stale(self, actor: Actor, assessment_id: int, seen: int, head: int) -> StaleRevision | InvalidInput:
        if seen > head:
            return InvalidInput("seen_revision", seen, _("assessment {id} has revisions 1 to {head} only").format(
                id=assessment_id, head=head))
        later = [r for r in self.revisions(actor, assessment_id) if seen < r.number <= head]
        changes = [_("revision {number} by {author}: {what}").format(
            number=r.number, author=r.author,
            what=status_label(r.status) if r.kind == "status" else revision_kind_label(r.kind)) for r in later[-5:]]
        return StaleRevision(assessment_id, seen, head, changes)
