"""Fixtures for the assessments service: the real framework, a store per engine, people with roles."""

from __future__ import annotations

import datetime as dt

import pytest

from riskframe.assessments import Assessments
from riskframe.domain import EntryIn
from riskframe.framework import load_framework
from riskframe.settings import REPO_ROOT
from riskframe.store import Actor, ConsultationIn, Store

FOCAL = Actor(username="focal.xa", role="focal_point", countries=frozenset({"XA"}))
ANALYST = Actor(username="analyst.xa", role="analyst", countries=frozenset({"XA"}))
VIEWER = Actor(username="viewer.xa", role="viewer", countries=frozenset({"XA"}))
ADMIN = Actor(username="root.admin", role="admin")


@pytest.fixture(scope="session")
def fw():
    return load_framework(REPO_ROOT / "indicators")


@pytest.fixture
def service(store: Store, fw) -> Assessments:
    return Assessments(store, fw)


def fill(service: Assessments, share: float, *, consult: bool = True, country: str = "XA",
         period: str = "2026-Q3") -> tuple[int, int]:
    """A draft with the first `share` of the indicators scored 1 with evidence; returns (id, head)."""
    a = service.create(FOCAL, country, period)
    ids = list(service.framework.indicators)
    chosen = ids[: round(len(ids) * share)]
    head = service.save_entries(FOCAL, a.id, a.revision,
                                {i: EntryIn(score=1, evidence="Seen in monitoring reports.") for i in chosen}).revision
    if consult:
        head = service.save_list(FOCAL, a.id, head, "consultations", [ConsultationIn(
            category="youth", name="Youth council", date=dt.date(2026, 8, 1))]).revision
    return a.id, head


def counts(store: Store, assessment_id: int) -> tuple[int, int, str]:
    """How many revisions and audit rows the assessment has, and its status: unchanged means nothing written."""
    view = store.get_assessment(ADMIN, assessment_id)
    return (len(store.list_revisions(ADMIN, assessment_id)), len(store.audit_log(ADMIN, assessment_id=assessment_id)),
            view.status.value)
