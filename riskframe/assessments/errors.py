"""What the assessments service refuses with: typed errors that carry every reason as a sentence.

Both subclass the store's errors, so a caller that already shows StoreError (the app) or maps
ConflictError to exit 2 (the CLI) handles them without knowing the service.
"""

from __future__ import annotations

from pydantic import BaseModel

from riskframe.i18n import _
from riskframe.store import ConflictError, FieldConflict, StoreError


class UnmetItem(BaseModel):
    """One checklist item an assessment does not meet yet, as a sentence a person can act on."""

    label: str
    detail: str

    @property
    def sentence(self) -> str:
        return _("{item}: {detail}").format(item=self.label, detail=self.detail)


class ChecklistFailed(StoreError):
    """Submit refused: the assessment misses items of the submission checklist; nothing was written."""

    def __init__(self, assessment_id: int, unmet: list[UnmetItem]) -> None:
        self.assessment_id = assessment_id
        self.unmet = unmet
        lines = "; ".join(item.sentence for item in unmet)
        super().__init__(_("assessment {id} cannot be submitted yet, nothing was written: {items}").format(
            id=assessment_id, items=lines))


class StaleRevision(ConflictError):
    """The assessment moved since the person saw it: validate/return/reopen/submit refused, nothing written."""

    def __init__(self, assessment_id: int, seen_revision: int, head_revision: int, changes: list[str],
                 conflicts: list[FieldConflict] | None = None) -> None:
        super().__init__(assessment_id, seen_revision, head_revision, conflicts or [])
        self.seen_revision = seen_revision
        self.changes = changes
        if changes:
            sentence = _("assessment {id} changed since you saw it: you saw revision {seen}, it is now at revision "
                         "{head} ({changes}); nothing was written. Look at it again and retry.").format(
                id=assessment_id, seen=seen_revision, head=head_revision, changes="; ".join(changes))
        else:
            sentence = _("assessment {id} changed since you saw it: you saw revision {seen}, it is now at revision "
                         "{head}; nothing was written. Look at it again and retry.").format(
                id=assessment_id, seen=seen_revision, head=head_revision)
        self.args = (sentence,)

    def __str__(self) -> str:
        return str(self.args[0])
