"""Fixtures for measure follow-up: the real framework (with its prevention catalogue), a store per engine,
and a validated first-quarter assessment of a fictional country with measures."""

from __future__ import annotations

import pytest

from riskframe.assessments import Assessments
from riskframe.domain import EntryIn
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, ConsultationIn, Store

FOCAL = Actor(username="focal.xa", role="focal_point", countries=frozenset({"XA"}))
REVIEWER = Actor(username="root.admin", role="admin")


@pytest.fixture(scope="session")
def fw():
    return load_framework(REPO_ROOT / "indicators")


@pytest.fixture
def service(store: Store, fw) -> Assessments:
    return Assessments(store, fw)


def validated(service: Assessments, period: str, measures: list[dict], country: str = "XA") -> int:
    """A validated assessment of `period` holding `measures` (every indicator scored, consultations held)."""
    a = service.create(FOCAL, country, period)
    entries = {i: EntryIn(score=1, evidence="Seen in monitoring reports.") for i in service.framework.indicators}
    head = service.save_entries(FOCAL, a.id, a.revision, entries).revision
    head = service.save_list(FOCAL, a.id, head, "consultations", [
        ConsultationIn(category="youth", name="Youth council"),
        ConsultationIn(category="womens_organisations", name="Women's network")]).revision
    if measures:
        head = service.save_list(FOCAL, a.id, head, "measures", measures).revision
    service.submit(FOCAL, a.id, head)
    service.validate(REVIEWER, a.id, head + 1)
    return a.id
