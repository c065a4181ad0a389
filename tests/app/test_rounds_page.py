"""The Rating rounds page: open, three blind scoresheets, a Delphi second round, the consensus (issue 21)."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.accounts import Accounts
from riskframe.app import auth
from riskframe.store import Actor

ADMIN = Actor(username="root.admin", role="admin")
PASSWORD = "correct horse battery staple"
PEOPLE = {"lead.xa": "analyst", "ana.xa": "focal_point", "ben.xa": "focal_point", "cy.xa": "analyst"}


@pytest.fixture
def people(store):
    accounts = Accounts(store)
    accounts.add(ADMIN, "root.admin", PASSWORD, "admin")
    for name, role in PEOPLE.items():
        accounts.add(ADMIN, name, PASSWORD, role, ["XA"])


def as_(user: str) -> AppTest:
    at = AppTest.from_string("from riskframe.app.pages import rounds\nrounds.page()\n", default_timeout=60)
    at.session_state[auth.USER_KEY] = user
    at.session_state[auth.ACTIVITY_KEY] = time.time()
    return at.run()


def texts(at: AppTest) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption", "success", "info", "error", "warning", "subheader")
                     for e in getattr(at, kind) if isinstance(getattr(e, "value", None), str))


def fill(at: AppTest, round_id: int, ids: list[str], scores: dict[str, str]) -> AppTest:
    for iid in ids:
        at.selectbox(key=f"sheet_{round_id}_{iid}").set_value(scores.get(iid, "1"))
    next(b for b in at.button if b.label == "Submit my scoresheet").click()
    return at.run()


def test_two_round_flow_in_the_app(store, fw, people):
    from riskframe.store.rounds import Rounds

    a = store.create_assessment(ADMIN, "XA", "2026-Q3", fw.id, fw.version)
    factor = min(fw.factor_by_id.values(), key=lambda f: len(f.indicators))
    ids = [ind.id for ind in factor.indicators]
    lead = as_("lead.xa")
    assert not lead.exception
    lead.multiselect[0].set_value([factor.id])
    lead.text_input[0].set_value("ana.xa, ben.xa, cy.xa")
    next(b for b in lead.button if b.label == "Open the round").click()
    lead.run()
    assert "The round is open" in texts(lead), texts(lead)
    [r] = Rounds(store).list_rounds(ADMIN, a.id)
    disputed = ids[0]
    # ana fills hers; ben, who has not submitted, sees his own sheet only, never ana's scores
    fill(as_("ana.xa"), r.id, ids, {disputed: "0"})
    ben = as_("ben.xa")
    assert "Your scoresheet" in texts(ben) and "Krippendorff" not in str(ben.metric)
    fill(ben, r.id, ids, {disputed: "3"})
    fill(as_("cy.xa"), r.id, ids, {disputed: "2"})
    lead = as_("lead.xa")
    assert any(m.label == "Krippendorff's alpha" for m in lead.metric)
    assert any(m.label == "Rater range of the composite" for m in lead.metric)
    next(b for b in lead.button if b.label.startswith("Re-rate the disputed")).click()
    lead.run()
    assert "A second round is open" in texts(lead), texts(lead)
    r2 = Rounds(store).list_rounds(ADMIN, a.id)[-1]
    assert (r2.number, r2.indicator_ids) == (2, [disputed])
    ana = as_("ana.xa")
    assert "Round before" in texts(ana)  # the anonymised distribution, counts only
    for name in ("ana.xa", "ben.xa", "cy.xa"):
        fill(as_(name), r2.id, [disputed], {disputed: "2"})
    lead = as_("lead.xa")
    next(b for b in lead.button if b.label == "Close and write the consensus").click()
    lead.run()
    assert "The consensus was written" in texts(lead), texts(lead)
    revisions = store.list_revisions(ADMIN, a.id)
    assert revisions[-1].kind == "consensus"
    entries = store.get_assessment(ADMIN, a.id).entries
    assert entries[disputed].score == 2 and all(entries[i].score == 1 for i in ids[1:])


def test_the_country_dashboard_shows_the_rater_range_beside_the_band(store, fw, people):
    from riskframe.app.pages.dash_common import DRAFTS_KEY
    from riskframe.store.rounds import Rounds

    a = store.create_assessment(ADMIN, "XA", "2026-Q3", fw.id, fw.version)
    rounds = Rounds(store)
    lead = Actor(username="lead.xa", role="analyst", countries=frozenset({"XA"}))
    r = rounds.open(lead, a.id, ["1.1", "1.2"], list(fw.indicators))
    rounds.invite(lead, r.id, ["ana.xa", "ben.xa"])
    for name, score in (("ana.xa", 0), ("ben.xa", 3)):
        rater = Actor(username=name, role="focal_point", countries=frozenset({"XA"}))
        rounds.submit_sheet(rater, r.id, {"1.1": {"score": 2}, "1.2": {"score": score}})
    head = store.get_assessment(ADMIN, a.id).revision
    rounds.close(lead, r.id, head, {"1.2": {"score": 2, "rationale": "Monitors' count."}})
    at = AppTest.from_string("from riskframe.app.pages import dash_country\ndash_country.page()\n", default_timeout=60)
    at.session_state[auth.USER_KEY] = "lead.xa"
    at.session_state[auth.ACTIVITY_KEY] = time.time()
    at.session_state[DRAFTS_KEY] = True
    at.query_params["country"] = "XA"
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption if "Rater range" in c.value]
    assert len(captions) == 1 and "2 raters" in captions[0] and "rating round 1" in captions[0], captions
