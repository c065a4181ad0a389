"""The Excel importer's entry point refuses a country outside the account's scope, and roles that
may not write, before it reads anything of that country (both engines)."""

from __future__ import annotations

import pytest

from riskframe.excel.importer import apply_import, plan_import
from riskframe.excel.reader import read_template
from riskframe.excel.template import template_bytes
from riskframe.store.errors import PermissionDenied
from tests.accounts.conftest import ADMIN, ANALYST_XA, FOCAL_XA, SECRET, VIEWER_XA
from tests.excel.helpers import fill


def parsed(fw, country: str, period: str = "2026-Q1", values=None):
    data = fill(template_bytes(fw, country, period), values or {"1.1": {"score": 3, "missing": None,
                                                                        "evidence": "from the file"}})
    return read_template(data, fw, max_mb=10)


def test_a_focal_point_cannot_import_into_another_country(store, fw, two_countries):
    before = store.get_assessment(ADMIN, two_countries["XB"])
    with pytest.raises(PermissionDenied) as caught:
        plan_import(store, FOCAL_XA, fw, parsed(fw, "XB"))
    assert "XB" in str(caught.value) and SECRET not in str(caught.value)
    with pytest.raises(PermissionDenied):
        plan_import(store, FOCAL_XA, fw, parsed(fw, "XC", "2026-Q2"))  # nor create one there
    assert store.get_assessment(ADMIN, two_countries["XB"]) == before
    assert [c.code for c in store.list_countries(ADMIN)] == ["XA", "XB"]
    refusals = store.audit_log(ADMIN, action="access.denied")
    assert [(r.actor, r.detail["country"]) for r in refusals] == [(FOCAL_XA.username, "XC"),
                                                                  (FOCAL_XA.username, "XB")]


@pytest.mark.parametrize("who", [VIEWER_XA, ANALYST_XA], ids=["viewer", "analyst"])
def test_roles_that_do_not_edit_cannot_import(store, fw, two_countries, who):
    with pytest.raises(PermissionDenied):
        plan_import(store, who, fw, parsed(fw, "XA", "2026-Q2"))
    assert store.find_assessment(ADMIN, "XA", "2026-Q2") is None


def test_a_focal_point_imports_into_their_country(store, fw, two_countries):
    plan = plan_import(store, FOCAL_XA, fw, parsed(fw, "XA", "2026-Q2"))
    result = apply_import(store, FOCAL_XA, fw, plan)
    created = store.find_assessment(FOCAL_XA, "XA", "2026-Q2")
    view = store.get_assessment(FOCAL_XA, created.id)
    assert view.entries["1.1"].evidence == "from the file" and view.entries["1.1"].changed_by == FOCAL_XA.username
    assert result.revision == view.revision
