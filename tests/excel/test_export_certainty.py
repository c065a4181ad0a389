"""The export's "How sure" sheet: the tier's robustness, the rank band and the rater range (issues 21, 22)."""

from __future__ import annotations

import io

import openpyxl

from riskframe.accounts import Accounts
from riskframe.analytics import build_panel, select_statuses
from riskframe.analytics.robustness import panel_robustness
from riskframe.excel.export import export_workbook
from riskframe.excel.export_data import Selection
from riskframe.store import Actor
from riskframe.store.rounds import Rounds
from tests.excel.helpers import ACTOR, EXPORT_TIME, create, sample_entries

LEAD = Actor(username="lead.xa", role="analyst", countries=frozenset({"XA"}))
RATERS = [Actor(username=n, role="focal_point", countries=frozenset({"XA"})) for n in ("ana.xa", "ben.xa")]


def rows_of(data: bytes) -> dict[str, dict]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["How sure"]
    header = [c.value for c in ws[3]]
    return {row[0]: dict(zip(header, row)) for row in ws.iter_rows(min_row=4, values_only=True) if row[0]}


def test_the_export_carries_robustness_rank_band_and_rater_range(fw, store):
    view = create(store, fw, entries=sample_entries(fw, every=3))
    create(store, fw, country="XB", entries=sample_entries(fw, salt="b", every=2))
    accounts = Accounts(store)
    accounts.add(ACTOR, "root.admin", None, "admin")
    for actor in (LEAD, *RATERS):
        accounts.add(ACTOR, actor.username, None, actor.role, ["XA"])
    rounds = Rounds(store)
    r = rounds.open(LEAD, view.id, ["1.1", "1.2"], list(fw.indicators))
    rounds.invite(LEAD, r.id, [a.username for a in RATERS])
    for rater, score in zip(RATERS, (0, 3)):
        rounds.submit_sheet(rater, r.id, {"1.1": {"score": 1}, "1.2": {"score": score}})
    head = store.get_assessment(ACTOR, view.id).revision
    rounds.close(LEAD, r.id, head, {"1.2": {"score": 2, "rationale": "Monitors' count."}})
    data = export_workbook(store, ACTOR, fw, Selection(period="2026-Q3"), now=EXPORT_TIME)
    found = rows_of(data)
    assert set(found) == {"XA", "XB"}
    xa = found["XA"]
    statuses = select_statuses(True)
    entries = store.entries_frame(ACTOR, statuses=statuses)
    expected = panel_robustness(entries, fw, build_panel(entries, fw, statuses), "2026-Q3").loc[view.id]
    assert xa["Share of draws"] == f"{expected['tier_modal_share']:.0%}"
    assert xa["Rank band"] == f"{int(expected['rank_low'])}–{int(expected['rank_high'])} of 2"
    assert xa["Rating round"] == "round 1, 2 raters"
    low, high = (float(x) for x in xa["Rater range"].split("–"))
    assert low < high
    assert found["XB"]["Rater range"] is None  # no rating round there
