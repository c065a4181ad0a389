"""The How sure sheet's robustness, read per period and cached per data version (issue 18 item 5),
equals the Monte Carlo run on the panel of every entry, and follows a save."""

from __future__ import annotations

import pandas as pd

from riskframe.analytics import build_panel, select_statuses
from riskframe.analytics.robustness import panel_robustness
from riskframe.excel import export_robustness
from riskframe.store import Actor
from tests.excel.helpers import ACTOR, create, sample_entries

TWO = Actor(username="lead.xab", role="analyst", countries=frozenset({"XA", "XB"}))


def reference(store, fw, actor, period):
    statuses = select_statuses(True)
    entries = store.entries_frame(actor, statuses=statuses)
    return panel_robustness(entries, fw, build_panel(entries, fw, statuses), period)


def portfolio(store, fw):
    views = {}
    for k, code in enumerate(("XC", "XA", "XD", "XB")):  # created out of order: the panel sorts by country
        views[code] = create(store, fw, country=code, entries=sample_entries(fw, salt=code, every=1 + k % 3))
        create(store, fw, country=code, period="2026-Q2", entries=sample_entries(fw, salt=f"{code}2", every=2))
    create(store, fw, country="XE")  # no entries: not in the panel, not ranked
    return views


def test_period_robustness_equals_the_panel_of_every_entry(fw, store):
    portfolio(store, fw)
    export_robustness.CACHE.clear()
    statuses = select_statuses(True)
    for actor in (ACTOR, TWO):
        for period in ("2026-Q3", "2026-Q2"):
            found = export_robustness.period_robustness(store, actor, fw, period, statuses)
            expected = reference(store, fw, actor, period)
            assert len(found) == (4 if actor is ACTOR else 2)
            pd.testing.assert_frame_equal(found, expected)


def test_the_cache_is_reused_until_something_is_saved(fw, store):
    views = portfolio(store, fw)
    export_robustness.CACHE.clear()
    statuses = select_statuses(True)
    first = export_robustness.period_robustness(store, ACTOR, fw, "2026-Q3", statuses)
    assert export_robustness.period_robustness(store, ACTOR, fw, "2026-Q3", statuses) is first
    xa = views["XA"]
    changed = {iid: {"score": 3, "confidence": "high"} for iid in list(fw.indicators)[:40]}
    store.save_entries(ACTOR, xa.id, store.get_assessment(ACTOR, xa.id).revision, changed, fw)
    after = export_robustness.period_robustness(store, ACTOR, fw, "2026-Q3", statuses)
    pd.testing.assert_frame_equal(after, reference(store, fw, ACTOR, "2026-Q3"))
    assert not after.loc[xa.id].equals(first.loc[xa.id])
