"""What the assessments service refuses with: typed errors that carry every reason as a sentence.

Both subclass the store's errors, so a caller that already shows StoreError (the app) or maps
ConflictError to exit 2 (the CLI) handles them without knowing the service.
"""

from __future__ import annotations

from pydantic import BaseModel

from riskframe.store import ConflictError, FieldConflict, StoreError


class UnmetItem(BaseModel):
    """One checklist item an assessment does not meet yet, as a sentence a person can act on."""

    label: str
    detail: str

    @property
    def sentence(self) -> str:
        return f"{self.label}: {self.detail}"


class ChecklistFailed(StoreError):
    """Submit refused: the assessment misses items of the submission checklist; nothing was written."""

    def __init__(self, assessment_id: int, unmet: list[UnmetItem]) -> None:
        self.assessment_id = assessment_id
        self.unmet = unmet
        lines = "; ".join(item.sentence for item in unmet)
        super().__init__(f"assessment {assessment_id} cannot be submitted yet, nothing was written: {lines}")


class StaleRevision(ConflictError):
    """The assessment moved since the person saw it: validate/return/reopen/submit refused, nothing written."""

    def __init__(self, assessment_id: int, seen_revision: int, head_revision: int, changes: list[str],
                 conflicts: list[FieldConflict] | None = None) -> None:
        super().__init__(assessment_id, seen_revision, head_revision, conflicts or [])
        self.seen_revision = seen_revision
        self.changes = changes
        what = f" ({'; '.join(changes)})" if changes else ""
        self.args = (f"assessment {assessment_id} changed since you saw it: you saw revision {seen_revision}, "
                     f"it is now at revision {head_revision}{what}; nothing was written. Look at it again "
                     "and retry.",)

    def __str__(self) -> str:
        return str(self.args[0])
