"""Creating, copying forward and saving assessments: thin over the Store, with the framework filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from riskframe.assessments.base import ServiceBase
from riskframe.domain import EntryIn
from riskframe.store import AssessmentOut, InvalidInput, SaveResult
from riskframe.store.actor import Actor

ListKind = Literal["groups", "consultations", "measures"]


class Editing(ServiceBase):
    def create(self, actor: Actor, country: str, period: str) -> AssessmentOut:
        """An empty draft under the loaded framework (the country is created on first use)."""
        fw = self.framework
        return self.store.create_assessment(actor, country, period, fw.id, fw.version)

    def copy_forward(self, actor: Actor, country: str, period: str) -> AssessmentOut:
        """A draft started from the latest validated earlier assessment (ids mapped to this framework)."""
        fw = self.framework
        return self.store.copy_forward(actor, country, period, fw.id, fw.version, indicator_ids=fw)

    def save_entries(self, actor: Actor, assessment_id: int, seen_revision: int,
                     entries: Mapping[str, EntryIn | dict[str, Any]], note: str | None = None,
                     *, kind: Literal["save", "import"] = "save") -> SaveResult:
        """Save indicators from the revision the person started from; conflicts raise ConflictError.

        The saver's drafts of those indicators are then forgotten (what they typed is now stored)."""
        result = self.store.save_entries(actor, assessment_id, seen_revision, entries, self.framework.indicator_ids(),
                                         note, kind=kind)
        if kind == "save" and entries:
            self.store.discard_drafts(actor, assessment_id, list(entries))
        return result

    def save_list(self, actor: Actor, assessment_id: int, seen_revision: int, kind: ListKind | str, items: Any,
                  note: str | None = None, *, replace: bool = False) -> SaveResult:
        """Save vulnerable groups, consultations or measures (see Store.save_vulnerable_groups)."""
        save = {"groups": self.store.save_vulnerable_groups, "consultations": self.store.save_consultations,
                "measures": self.store.save_measures}.get(kind)
        if save is None:
            raise InvalidInput("kind", kind, "lists are groups, consultations and measures")
        return save(actor, assessment_id, seen_revision, items, note, replace=replace)
