"""Reading many assessments at their head in one read transaction (the exports' bulk read).

Why: an export of a 193-country portfolio read each assessment through Store.get_assessment, one
session each. Here every id is first loaded and access-checked exactly as get_assessment does (the
first id that does not exist or that the actor may not read is refused with the same error, before
anything is returned), then each view is built in the same session by views.view, so the views are
the ones get_assessment returns (tests/store/test_bulk_views.py)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from riskframe.store import access, views
from riskframe.store.actor import Actor
from riskframe.store.schemas import AssessmentView


def assessment_views(session: Session, actor: Actor, assessment_ids: Iterable[int]) -> list[AssessmentView]:
    """The head view of each id, in the order given."""
    ids = []
    for assessment_id in assessment_ids:
        header = views.load_assessment(session, assessment_id)
        access.check(actor, access.READ, header.country_code, f"assessment {header.id}")
        ids.append(header.id)
    return [views.view(session, a) for a in ids]
