"""Errors the store raises; callers (app, CLI) map them to messages, never to tracebacks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from riskframe.domain.sentences import short
from riskframe.i18n import _, ngettext


class StoreError(Exception):
    """Base class for every error the store raises on purpose."""


class NotFound(StoreError):
    """The assessment, revision or country asked for does not exist (or did not at that time)."""


class PermissionDenied(StoreError):
    """The actor's role or countries do not allow this; nothing was read or written.

    The message names the actor, the action and what the caller asked for, never data of a
    country outside the actor's scope; the store writes every refusal to the audit log.
    """

    def __init__(self, message: str, *, actor: str, role: str, action: str, country: str | None = None,
                 what: str | None = None) -> None:
        self.actor, self.role, self.action, self.country, self.what = actor, role, action, country, what
        super().__init__(message)


class InvalidInput(StoreError):
    """Input refused before anything was written; names the field and the value at fault."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        self.field = field
        self.value = value
        self.sentence = message
        super().__init__(f"{field}={short(value, 120)}: {message}")


class WorkflowError(InvalidInput):
    """A status change or an edit the workflow does not allow (e.g. saving a validated assessment)."""


class FieldConflict(BaseModel):
    """One field both you and someone else changed since your base revision."""

    field: str
    base: Any = None
    theirs: Any = None
    theirs_by: str | None = None
    theirs_at: datetime | None = None
    yours: Any = None


class ConflictError(StoreError):
    """Someone else saved the same fields since your base revision; nothing was written."""

    def __init__(self, assessment_id: int, base_revision: int, head_revision: int,
                 conflicts: list[FieldConflict]) -> None:
        self.assessment_id = assessment_id
        self.base_revision = base_revision
        self.head_revision = head_revision
        self.conflicts = conflicts
        names = ", ".join(c.field for c in conflicts[:10])
        if len(conflicts) > 10:
            names = _("{fields} and {count} more").format(fields=names, count=len(conflicts) - 10)
        super().__init__(ngettext(
            "assessment {id}: {count} field changed by someone else since revision {base} (now {head}): {fields}; "
            "nothing was saved",
            "assessment {id}: {count} fields changed by someone else since revision {base} (now {head}): {fields}; "
            "nothing was saved", len(conflicts)).format(id=assessment_id, count=len(conflicts), base=base_revision,
                                                        head=head_revision, fields=names))
