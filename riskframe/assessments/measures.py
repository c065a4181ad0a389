"""Measures followed up every period: status changes, adopting a catalogue option, the status history
across copy forward, overdue measures and the portfolio's counts.

A measure moves proposed → agreed → in_progress → implemented, or is dropped with a reason
(riskframe.store.schemas.MeasureStatus). Copy forward carries open measures with their status into the
next period (previous_measure_id keeps the old key), so a measure's history is read back through
those links (Store.measure_trail). Every change is one save of one item: one revision, one action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from riskframe.assessments.base import ServiceBase
from riskframe.assessments.measure_rules import find_option
from riskframe.domain import Period, PeriodError
from riskframe.domain.labels import measure_status_label
from riskframe.framework.models import tr
from riskframe.i18n import _, current_language, use_language
from riskframe.store import (
    OPEN_MEASURE_STATUSES,
    AssessmentOut,
    AssessmentView,
    InvalidInput,
    MeasureOut,
    MeasureStatus,
    NotFound,
    SaveResult,
)
from riskframe.store.actor import Actor
from riskframe.store.saving import new_item_key
from riskframe.store.schemas import MEASURE_STATUS_SYNONYMS


class MeasureStep(BaseModel):
    """A measure's status in one period (the first step of a period is the status it arrived with)."""

    period: str
    assessment_id: int
    status: str                 # a MeasureStatus code
    reason: str | None = None
    changed_by: str
    changed_at: dt.datetime
    revision: int               # the assessment's revision that wrote this status
    carried: bool = False       # arrived by copy forward with the status it had in the previous period


class OverdueMeasure(BaseModel):
    """An open measure due in a quarter that has ended."""

    country: str
    country_name: str
    assessment_id: int
    period: str
    key: str
    title: str
    status: str
    due_period: str
    owner: str = ""


class MeasureCounts(BaseModel):
    """How many measures of a country's latest assessment stand at each status."""

    country: str
    country_name: str
    assessment_id: int
    period: str
    counts: dict[str, int]      # every MeasureStatus code, 0 when none
    open: int
    overdue: int


def parse_measure_status(value: Any) -> MeasureStatus:
    """A status code (or an old synonym such as "done"), else InvalidInput naming the statuses."""
    text = str(getattr(value, "value", value)).strip()
    try:
        return MeasureStatus(MEASURE_STATUS_SYNONYMS.get(text, text))
    except ValueError:
        raise InvalidInput("status", value, _("a measure's status is one of {items}").format(
            items=", ".join(s.value for s in MeasureStatus))) from None


def due_end(due_period: str | None) -> dt.date | None:
    """The last day of the quarter a measure is due by (None when it has no due period)."""
    if not due_period:
        return None
    try:
        return Period.parse(due_period).end
    except PeriodError:
        return None


def is_overdue(measure: MeasureOut, reference: dt.date) -> bool:
    """Open, and due in a quarter that ended before `reference` (the start of the period looked at)."""
    end = due_end(measure.due_period)
    return measure.status.value in OPEN_MEASURE_STATUSES and end is not None and end < reference


def reference_day(assessment: AssessmentOut, today: dt.date | None, latest: bool) -> dt.date:
    """Overdue is judged against the assessment's period; for a country's latest assessment, against the
    current quarter when that is later (a measure can fall due after the last assessment)."""
    start = assessment.period_start
    if latest:
        start = max(start, Period.quarter_of(today or dt.date.today()).start)
    return start


def history_steps(trail: Iterable[Any]) -> list[MeasureStep]:
    """Steps from stored versions (oldest first): each period's first version, then every change of
    status or reason within it; removed versions are left out."""
    steps: list[MeasureStep] = []
    last_period: int | None = None
    for v in trail:
        if v.deleted or not v.status:
            continue
        status = MEASURE_STATUS_SYNONYMS.get(v.status, v.status)
        reason = v.status_reason or None
        new_period = v.assessment_id != last_period
        if not new_period and steps and (steps[-1].status, steps[-1].reason) == (status, reason):
            continue
        carried = bool(new_period and steps and steps[-1].status == status and v.previous_measure_id)
        steps.append(MeasureStep(period=v.period, assessment_id=v.assessment_id, status=status, reason=reason,
                                 changed_by=v.changed_by, changed_at=v.changed_at, revision=v.revision,
                                 carried=carried))
        last_period = v.assessment_id
    return steps


class Measures(ServiceBase):
    """Follow-up of recommended measures (the store does access, revisions and audit)."""

    def _measure(self, actor: Actor, assessment_id: int, item_key: str) -> MeasureOut:
        view = self.get(actor, assessment_id)
        found = next((m for m in view.measures if m.key == item_key), None)
        if found is None:
            raise NotFound(_("assessment {id} has no measure {key}; `riskframe measures list --assessment {id}` "
                             "lists them").format(id=view.id, key=item_key))
        return found

    def set_measure_status(self, actor: Actor, assessment_id: int, seen_revision: int, item_key: str,
                           status: Any, reason: str | None = None) -> SaveResult:
        """Move one measure to `status` (dropped needs `reason`), from the revision the person saw.

        One save of that item: one revision, one audit trail, a ConflictError if a colleague changed
        its status since. A reason not given is kept when the status stays, and cleared when it moves."""
        target = parse_measure_status(status)
        measure = self._measure(actor, assessment_id, item_key)
        keep = reason is None and measure.status is target
        data = measure.model_dump(mode="json", include=set(MeasureOut.model_fields) - {"revision", "changed_by",
                                                                                       "changed_at"})
        data.update(status=target.value, status_reason=measure.status_reason if keep else (reason or "").strip())
        note = _("status of “{title}”: {status}").format(title=measure.title, status=measure_status_label(target))
        return self.store.save_measures(actor, assessment_id, seen_revision, [data], note)

    def adopt_option(self, actor: Actor, assessment_id: int, seen_revision: int, option_id: str,
                     linked_ids: list[str], lang: str | None = None) -> str:
        """Record a catalogue option as a proposed measure (title and description in `lang`, else the
        current language), keeping the option and the indicators it was suggested for; returns its key."""
        option = find_option(self.framework, option_id)
        known = set(self.framework.factor_by_id) | set(self.framework.indicators)
        ids = list(dict.fromkeys(str(i).strip() for i in linked_ids or [] if str(i).strip()))
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise InvalidInput("linked_ids", ", ".join(unknown), _("not a factor or indicator id of the framework"))
        with use_language(lang):
            lang = current_language()
            note = _("adopted from the prevention catalogue: {option}").format(option=option.id)
        key = new_item_key()
        item = {"key": key, "title": tr(option.title, lang)[:500], "description": tr(option.description, lang),
                "linked_ids": ids, "type": "structural" if option.horizon == "structural" else "operational",
                "status": MeasureStatus.PROPOSED.value, "option_id": option.id}
        self.store.save_measures(actor, assessment_id, seen_revision, [item], note)
        return key

    def measure_history(self, actor: Actor, assessment_id: int, item_key: str) -> list[MeasureStep]:
        """The measure's status period by period, back through copy forward, with changes within a period."""
        return history_steps(self.store.measure_trail(actor, assessment_id, item_key))

    def _latest(self, actor: Actor, country: str | None = None) -> list[AssessmentOut]:
        latest: dict[str, AssessmentOut] = {}
        for a in self.list_assessments(actor, country=country):
            if a.country not in latest or a.period_start >= latest[a.country].period_start:
                latest[a.country] = a
        return [latest[c] for c in sorted(latest)]

    def overdue_keys(self, actor: Actor, view: AssessmentView, today: dt.date | None = None) -> set[str]:
        """Keys of the view's overdue measures (against the current quarter too when it is the country's
        latest assessment)."""
        latest = self._latest(actor, view.country)
        day = reference_day(view, today, latest=bool(latest) and latest[0].id == view.id)
        return {m.key for m in view.measures if is_overdue(m, day)}

    def overdue_measures(self, actor: Actor, today: dt.date | None = None,
                         country: str | None = None) -> list[OverdueMeasure]:
        """Open measures of each country's latest assessment (any status) whose due quarter ended before
        that assessment's period, or before the current quarter when that is later."""
        out: list[OverdueMeasure] = []
        for a in self._latest(actor, country):
            view = self.get(actor, a.id)
            day = reference_day(a, today, latest=True)
            out += [OverdueMeasure(country=a.country, country_name=a.country_name, assessment_id=a.id,
                                   period=a.period, key=m.key, title=m.title, status=m.status.value,
                                   due_period=m.due_period or "", owner=m.owner)
                    for m in view.measures if is_overdue(m, day)]
        return out

    def measure_counts(self, actor: Actor, today: dt.date | None = None) -> list[MeasureCounts]:
        """For the portfolio: each country's latest assessment, its measures counted by status."""
        out = []
        for a in self._latest(actor):
            view = self.get(actor, a.id)
            counts = {s.value: 0 for s in MeasureStatus}
            for m in view.measures:
                counts[m.status.value] += 1
            day = reference_day(a, today, latest=True)
            out.append(MeasureCounts(country=a.country, country_name=a.country_name, assessment_id=a.id,
                                     period=a.period, counts=counts,
                                     open=sum(counts[s] for s in OPEN_MEASURE_STATUSES),
                                     overdue=sum(1 for m in view.measures if is_overdue(m, day))))
        return out
