"""Direction of change (rising / stable / falling): stored with the score, kept apart from it, diffed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from riskframe.domain import EntryIn, Trend


def test_trend_is_optional_and_checked():
    assert EntryIn(score=2).trend is None
    assert EntryIn(score=2, trend="rising").trend is Trend.RISING
    with pytest.raises(ValidationError):
        EntryIn(score=2, trend="up")


def test_trend_round_trips_and_shows_as_a_change(store, alice, draft, ids):
    r = store.save_entries(alice, draft.id, 1, {"1.1": EntryIn(score=2, trend="rising")}, ids)
    assert store.get_assessment(alice, draft.id).entries["1.1"].trend is Trend.RISING
    r2 = store.save_entries(alice, draft.id, r.revision, {"1.1": EntryIn(score=2, trend="falling")}, ids)
    assert r2.changed_fields == ["entries.1.1.trend"]  # same level, direction changed: recorded on its own
    assert store.get_assessment(alice, draft.id).entries["1.1"].trend is Trend.FALLING
