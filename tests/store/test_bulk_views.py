"""Store.get_assessments (the exports' bulk read) returns what get_assessment returns for each id, in
the order asked, and refuses an id the actor may not read (or that does not exist) the same way."""

from __future__ import annotations

import pytest
from store_helpers import FRAMEWORK, IDS, VERSION, validated

from riskframe.domain import EntryIn
from riskframe.store import Actor, NotFound, PermissionDenied, Store


def _portfolio(store: Store, alice: Actor) -> list[int]:
    out = []
    for n, country in enumerate(["XA", "XB", "KE", "XC"]):
        a = validated(store, alice, country, "2026-Q1", {"1.1": EntryIn(score=n % 4), "2.3": EntryIn(score=2)})
        out.append(a.id)
    draft = store.create_assessment(alice, "XA", "2026-Q2", FRAMEWORK, VERSION)
    rev = store.save_entries(alice, draft.id, draft.revision, {"3.1": EntryIn(score=3)}, IDS).revision
    store.save_entries(alice, draft.id, rev, {"3.1": EntryIn(score=1, comment="changed")}, IDS)  # two versions
    out.append(draft.id)
    return out


def test_equal_to_get_assessment_for_each_id_in_the_order_asked(store: Store, alice: Actor):
    ids = _portfolio(store, alice)
    order = [ids[3], ids[0], ids[4], ids[2], ids[1]]
    bulk = store.get_assessments(alice, order)
    assert [v.id for v in bulk] == order
    for view in bulk:
        one = store.get_assessment(alice, view.id)
        assert view.model_dump() == one.model_dump()
    assert bulk[2].entries["3.1"].comment == "changed"
    assert store.get_assessments(alice, []) == []


def test_refused_the_same_way_as_get_assessment(store: Store, alice: Actor):
    ids = _portfolio(store, alice)
    focal = Actor(username="focal.xa", role="focal_point", countries=frozenset({"XA"}))
    assert [v.id for v in store.get_assessments(focal, [ids[0], ids[4]])] == [ids[0], ids[4]]
    with pytest.raises(PermissionDenied) as one:
        store.get_assessment(focal, ids[1])
    with pytest.raises(PermissionDenied) as bulk:
        store.get_assessments(focal, [ids[0], ids[1]])
    assert str(bulk.value) == str(one.value)
    missing = max(ids) + 100
    with pytest.raises(NotFound) as one_nf:
        store.get_assessment(alice, missing)
    with pytest.raises(NotFound) as bulk_nf:
        store.get_assessments(alice, [ids[0], missing])
    assert str(bulk_nf.value) == str(one_nf.value)
