"""Creating, copying forward and saving assessments: thin over the Store, with the framework filled in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from riskframe.i18n import _
from riskframe.assessments.base import ServiceBase
from riskframe.assessments.measure_rules import check_options
from riskframe.domain import EntryIn
from riskframe.store import AssessmentOut, AssessmentView, InvalidInput, SaveResult, StoreError
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

    def carried_from(self, actor: Actor, view: AssessmentView) -> str | None:
        """The period the carried-over values of `view` come from (None when it was not copied forward)."""
        if view.copied_from is None:
            return None
        try:
            return self.get(actor, view.copied_from).period
        except StoreError:  # the source is out of this person's reach: say no more than that
            return None

    def confirm_carried_over(self, actor: Actor, assessment_id: int, seen_revision: int,
                             indicator_ids: Any = None) -> SaveResult:
        """Confirm carried-over values as they are (one indicator, a section, or all when None).

        One revision whose note names what was confirmed; each entry's carried_over flag is cleared
        in the revision history and the audit log, like any save."""
        view = self.get(actor, assessment_id)
        wanted = list(view.entries) if indicator_ids is None else [str(i) for i in indicator_ids]
        ids = [i for i in wanted if i in view.entries and view.entries[i].carried_over]
        if not ids:
            raise InvalidInput("indicator_ids", ", ".join(wanted)[:200],
                               _("none of these values is waiting to be confirmed"))
        entries = {i: EntryIn.model_validate(view.entries[i].model_dump(include=set(EntryIn.model_fields)))
                   for i in ids}
        source = self.carried_from(actor, view)
        note = _("confirmed as carried over from {period}: {ids}").format(
            period=source or _("the previous period"), ids=", ".join(ids))
        return self.store.save_entries(actor, assessment_id, seen_revision, entries, self.framework, note,
                                       kind="save")

    def save_list(self, actor: Actor, assessment_id: int, seen_revision: int, kind: ListKind | str, items: Any,
                  note: str | None = None, *, replace: bool = False) -> SaveResult:
        """Save vulnerable groups, consultations or measures (see Store.save_vulnerable_groups)."""
        save = {"groups": self.store.save_vulnerable_groups, "consultations": self.store.save_consultations,
                "measures": self.store.save_measures}.get(kind)
        if save is None:
            raise InvalidInput("kind", kind, _("lists are groups, consultations and measures"))
        if kind == "measures":
            check_options(self.framework, items)  # option ids are the catalogue's, known here
        return save(actor, assessment_id, seen_revision, items, note, replace=replace)
