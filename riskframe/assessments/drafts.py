"""Drafts: what a person typed and has not saved, kept per indicator so a reload or the next
sign-in brings it back. The app's widgets call `keep_draft` on every change (nothing else)."""

from __future__ import annotations

from typing import Any

from riskframe.assessments.base import ServiceBase
from riskframe.store.actor import Actor
from riskframe.store.drafts import DraftOut


class Drafts(ServiceBase):
    def keep_draft(self, actor: Actor, assessment_id: int, indicator_id: str, values: dict[str, Any]) -> DraftOut:
        """Store (replace) the actor's draft of one indicator."""
        return self.store.save_draft(actor, assessment_id, indicator_id, values)

    def drafts(self, actor: Actor, assessment_id: int) -> dict[str, DraftOut]:
        """The actor's own unsaved drafts of this assessment, by indicator."""
        return self.store.list_drafts(actor, assessment_id)

    def discard_drafts(self, actor: Actor, assessment_id: int, indicator_ids: Any = None) -> int:
        """Forget drafts (of these indicators, or all of the assessment): after a save or a discard."""
        return self.store.discard_drafts(actor, assessment_id, indicator_ids)
