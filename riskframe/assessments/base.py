"""What every part of the assessments service shares: the store, the framework, and reading a view."""

from __future__ import annotations

from riskframe.framework.models import Framework
from riskframe.store import AssessmentOut, AssessmentView, RevisionOut, Store
from riskframe.store.actor import Actor


class ServiceBase:
    """Holds the Store and the Framework the service works with (given, never global)."""

    def __init__(self, store: Store, framework: Framework) -> None:
        self.store = store
        self.framework = framework
        store.use_framework(framework)  # every write through the service keeps derived scores current

    def get(self, actor: Actor, assessment_id: int, as_of_revision: int | None = None) -> AssessmentView:
        return self.store.get_assessment(actor, assessment_id, as_of_revision=as_of_revision)

    def find(self, actor: Actor, country: str, period: str) -> AssessmentOut | None:
        return self.store.find_assessment(actor, country, period)

    def list_assessments(self, actor: Actor, country: str | None = None, period: str | None = None,
             status: str | None = None) -> list[AssessmentOut]:
        return self.store.list_assessments(actor, country=country, period=period, status=status)

    def revisions(self, actor: Actor, assessment_id: int) -> list[RevisionOut]:
        return self.store.list_revisions(actor, assessment_id)
