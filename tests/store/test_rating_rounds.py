"""Rating rounds (riskframe.store.rounds): blind scoresheets, the consensus revision, the audit trail."""

from __future__ import annotations

import math

import pytest
from store_helpers import FRAMEWORK, IDS, VERSION

from riskframe.accounts import Accounts
from riskframe.domain import EntryIn
from riskframe.scoring.agreement import alpha
from riskframe.store import Actor, ConflictError, InvalidInput, PermissionDenied, Store, WorkflowError
from riskframe.store.rounds import Rounds

ADMIN = Actor(username="root", role="admin")
LEAD = Actor(username="li", role="analyst", countries={"KE"})
AMINA = Actor(username="amina", role="focal_point", countries={"KE"})
JONAS = Actor(username="jonas", role="focal_point", countries={"KE"})
KOFI = Actor(username="kofi", role="analyst", countries={"KE"})
VERA = Actor(username="vera", role="viewer", countries={"KE"})  # reads Kenya, rates nothing
ZED = Actor(username="zed", role="focal_point", countries={"UG"})
ROUND_IDS = ["1.1", "1.2", "2.1"]


@pytest.fixture
def rounds(store: Store) -> Rounds:
    accounts = Accounts(store)
    accounts.add(ADMIN, "root", None, "admin")
    for actor in (LEAD, AMINA, JONAS, KOFI, VERA, ZED):
        accounts.add(ADMIN, actor.username, None, actor.role, sorted(actor.countries))
    return Rounds(store)


@pytest.fixture
def assessment(store: Store, rounds: Rounds):
    a = store.create_assessment(AMINA, "KE", "2026-Q1", FRAMEWORK, VERSION)
    store.save_entries(AMINA, a.id, a.revision, {"1.1": EntryIn(score=1, evidence="Clashes in the north.",
                                                                  sources=[{"title": "OCHA update"}])}, IDS)
    return store.find_assessment(ADMIN, "KE", "2026-Q1")


@pytest.fixture
def opened(rounds: Rounds, assessment):
    r = rounds.open(LEAD, assessment.id, ROUND_IDS, IDS, note="first round")
    return rounds.invite(LEAD, r.id, ["amina", "jonas", "kofi"])


SHEETS = {
    "amina": {"1.1": {"score": 2, "rationale": "Two incidents."}, "1.2": {"score": 0}, "2.1": {"missing": "unknown"}},
    "jonas": {"1.1": {"score": 2, "confidence": "high"}, "1.2": {"score": 2}, "2.1": {"missing": "unknown"}},
    "kofi": {"1.1": {"score": 2}, "1.2": {"score": 1}, "2.1": {"missing": "unknown"}},
}
ACTORS = {"amina": AMINA, "jonas": JONAS, "kofi": KOFI}


def submit_all(rounds: Rounds, round_id: int, names=("amina", "jonas", "kofi")) -> None:
    for name in names:
        rounds.submit_sheet(ACTORS[name], round_id, SHEETS[name])


def denials(store: Store, username: str) -> list[dict]:
    return [row.detail for row in store.audit_log(ADMIN, username=username, action="access.denied")]


def test_open_and_invite(opened, assessment):
    assert (opened.number, opened.status, opened.level, opened.opened_by) == (1, "open", "ordinal", "li")
    assert opened.indicator_ids == ROUND_IDS and opened.base_revision == assessment.revision
    assert [(r.username, r.submitted) for r in opened.raters] == [("amina", False), ("jonas", False), ("kofi", False)]


def test_three_raters_close_into_one_consensus_revision(store, rounds, opened, assessment):
    submit_all(rounds, opened.id)
    before = store.list_revisions(ADMIN, assessment.id)
    closed = rounds.close(LEAD, opened.id, assessment.revision,
                          {"1.2": {"score": 1, "rationale": "Reports conflict; the UN figure is the firmest."}})
    after = store.list_revisions(ADMIN, assessment.id)
    assert len(after) == len(before) + 1
    consensus = after[-1]
    assert closed.status == "closed" and closed.consensus_revision == consensus.number
    assert consensus.author == "li" and f"rating round 1 (round id {opened.id})" in (consensus.note or "")
    entries = store.get_assessment(ADMIN, assessment.id).entries
    assert (entries["1.1"].score, entries["1.2"].score, entries["2.1"].missing) == (2, 1, "unknown")
    assert entries["1.1"].evidence == "Clashes in the north." and entries["1.1"].sources[0].title == "OCHA update"
    assert entries["1.2"].comment.startswith("Reports conflict")
    audit = store.audit_log(ADMIN, assessment_id=assessment.id, action="round.close")
    assert audit[0].detail["round"] == opened.id and audit[0].detail["revision"] == consensus.number
    assert audit[0].detail["raters"] == ["amina", "jonas", "kofi"]
    # the sheets stay stored, and after the close anyone who may read Kenya may read them
    assert rounds.sheets(VERA, opened.id)["amina"]["1.1"].rationale == "Two incidents."


def test_close_refuses_undecided_disagreement_and_writes_nothing(store, rounds, opened, assessment):
    submit_all(rounds, opened.id)
    with pytest.raises(WorkflowError, match=r"disagree on 1 indicator\(s\) \(1.2\)"):
        rounds.close(LEAD, opened.id, assessment.revision)
    assert rounds.status(LEAD, opened.id).status == "open"
    assert store.get_assessment(ADMIN, assessment.id).revision == assessment.revision
    with pytest.raises(InvalidInput, match="rationale"):
        rounds.close(LEAD, opened.id, assessment.revision, {"1.2": {"score": 1}})


def test_close_conflicts_with_a_later_save_of_the_same_indicator(store, rounds, opened, assessment):
    submit_all(rounds, opened.id)
    store.save_entries(AMINA, assessment.id, assessment.revision, {"1.1": EntryIn(score=3)}, IDS)
    with pytest.raises(ConflictError):
        rounds.close(LEAD, opened.id, assessment.revision, {"1.2": {"score": 1, "rationale": "r"}})
    assert rounds.status(LEAD, opened.id).status == "open"


@pytest.mark.parametrize("read", ["sheets", "sheet", "reliability"])
def test_a_rater_who_has_not_submitted_is_refused_every_read_path_and_it_is_audited(store, rounds, opened, read):
    rounds.submit_sheet(JONAS, opened.id, SHEETS["jonas"])
    calls = {"sheets": lambda who: rounds.sheets(who, opened.id),
             "sheet": lambda who: rounds.sheet(who, opened.id, "jonas"),
             "reliability": lambda who: rounds.reliability(who, opened.id)}
    with pytest.raises(PermissionDenied, match="submit your own scoresheet first"):
        calls[read](AMINA)
    assert any(d.get("what") == f"round {opened.id}" for d in denials(store, "amina"))
    rounds.submit_sheet(AMINA, opened.id, SHEETS["amina"])
    assert calls[read](AMINA) is not None  # after submitting, the others' scores are visible


def test_who_else_sees_scores_while_open(store, rounds, opened):
    rounds.submit_sheet(JONAS, opened.id, SHEETS["jonas"])
    assert rounds.sheets(LEAD, opened.id)["jonas"]["1.2"].score == 2  # the lead
    assert "jonas" in rounds.sheets(ADMIN, opened.id)  # an admin who is not a rater
    assert rounds.sheet(JONAS, opened.id, "jonas")["1.1"].confidence == "high"  # one's own sheet
    with pytest.raises(PermissionDenied, match="only its raters"):
        rounds.sheets(VERA, opened.id)  # reads Kenya but is neither rater, lead nor reviewer
    with pytest.raises(PermissionDenied, match="outside your countries"):
        rounds.sheets(ZED, opened.id)
    assert denials(store, "vera") and denials(store, "zed")
    status = rounds.status(VERA, opened.id)  # who has submitted, never what
    assert [(r.username, r.submitted) for r in status.raters] == [("amina", False), ("jonas", True), ("kofi", False)]


def test_an_admin_who_rates_is_blind_too(rounds, assessment):
    r = rounds.open(LEAD, assessment.id, ROUND_IDS, IDS)
    rounds.invite(LEAD, r.id, ["root", "jonas"])
    rounds.submit_sheet(JONAS, r.id, SHEETS["jonas"])
    with pytest.raises(PermissionDenied):
        rounds.sheets(ADMIN, r.id)


def test_submission_is_checked(rounds, opened):
    with pytest.raises(InvalidInput, match="sheet.2.1"):
        rounds.submit_sheet(AMINA, opened.id, {"1.1": {"score": 1}, "1.2": {"score": 1}})
    with pytest.raises(InvalidInput, match="sheet.3.1"):
        rounds.submit_sheet(AMINA, opened.id, {**SHEETS["amina"], "3.1": {"score": 1}})
    with pytest.raises(InvalidInput, match=r"sheet.1.1.score"):
        rounds.submit_sheet(AMINA, opened.id, {**SHEETS["amina"], "1.1": {"score": 4}})
    with pytest.raises(PermissionDenied, match="not a rater"):
        rounds.submit_sheet(LEAD, opened.id, SHEETS["amina"])
    rounds.submit_sheet(AMINA, opened.id, SHEETS["amina"])
    with pytest.raises(WorkflowError, match="submitted already"):
        rounds.submit_sheet(AMINA, opened.id, SHEETS["amina"])


def test_invitations_and_leading_are_checked(rounds, opened, assessment):
    with pytest.raises(InvalidInput, match="no active account"):
        rounds.invite(LEAD, opened.id, ["nobody"])
    with pytest.raises(InvalidInput, match="may not rate in country KE"):
        rounds.invite(LEAD, opened.id, ["zed"])
    with pytest.raises(InvalidInput, match="not viewers"):
        rounds.invite(LEAD, opened.id, ["vera"])
    with pytest.raises(InvalidInput, match="already invited"):
        rounds.invite(LEAD, opened.id, ["amina"])
    with pytest.raises(PermissionDenied, match="li leads it"):
        rounds.invite(AMINA, opened.id, ["vera"])
    with pytest.raises(WorkflowError, match="already open"):
        rounds.open(AMINA, assessment.id, ROUND_IDS, IDS)
    with pytest.raises(PermissionDenied):
        rounds.open(VERA, assessment.id, ROUND_IDS, IDS)
    with pytest.raises(InvalidInput, match="unknown indicator"):
        rounds.open(LEAD, assessment.id, ["99.9"], IDS)


def test_second_round_after_close_and_alpha_from_the_reliability_table(rounds, opened, assessment, store):
    submit_all(rounds, opened.id)
    table, units, raters = rounds.reliability(LEAD, opened.id)
    assert units == ROUND_IDS and raters == ["amina", "jonas", "kofi"]
    assert table[0].tolist() == [2, 2, 2] and all(math.isnan(v) for v in table[2])  # missing codes are NaN
    assert round(alpha(table, "ordinal"), 6) == round(alpha([[2, 2, 2], [0, 2, 1]], "ordinal"), 6)
    closed = rounds.close(LEAD, opened.id, assessment.revision, {"1.2": {"score": 1, "rationale": "r"}})
    second = rounds.open(LEAD, assessment.id, ["1.2"], IDS)
    assert second.number == 2 and second.base_revision == closed.consensus_revision
    assert [r.number for r in rounds.list_rounds(VERA, assessment.id)] == [1, 2]


# -- Delphi second round and dissent (riskframe/store/round_delphi.py) -----------------------------
def test_second_round_re_rates_only_the_disputed_and_closes_into_one_consensus(store, rounds, opened, assessment):
    submit_all(rounds, opened.id)
    second = rounds.second_round(LEAD, opened.id)
    assert (second.number, second.parent_round_id, second.indicator_ids) == (2, opened.id, ["1.2"])
    assert [r.username for r in second.raters] == ["amina", "jonas", "kofi"]
    assert rounds.status(ADMIN, opened.id).status == "closed" and rounds.status(ADMIN, opened.id).consensus_revision is None
    # the raters see round 1's distribution, never who gave what: the named sheets stay blind
    assert rounds.distribution(AMINA, second.id) == {"1.2": {"0": 1, "1": 1, "2": 1}}
    with pytest.raises(PermissionDenied):
        rounds.sheets(AMINA, opened.id)
    for name, score in (("amina", 1), ("jonas", 1), ("kofi", 1)):
        rounds.submit_sheet(ACTORS[name], second.id, {"1.2": {"score": score}})
    before = len(store.list_revisions(ADMIN, assessment.id))
    closed = rounds.close(LEAD, second.id, assessment.revision)  # unanimous now: no decision needed
    revisions = store.list_revisions(ADMIN, assessment.id)
    assert len(revisions) == before + 1 and revisions[-1].kind == "consensus"
    assert closed.consensus_revision == revisions[-1].number
    entries = store.get_assessment(ADMIN, assessment.id).entries
    assert (entries["1.1"].score, entries["1.2"].score) == (2, 1)  # 1.1 from round 1, 1.2 from round 2


def test_second_round_needs_a_disagreement_and_the_lead(rounds, opened):
    with pytest.raises(WorkflowError, match="at least two"):
        rounds.second_round(LEAD, opened.id)
    same = {"1.1": {"score": 1}, "1.2": {"score": 1}, "2.1": {"score": 1}}
    rounds.submit_sheet(AMINA, opened.id, same)
    rounds.submit_sheet(JONAS, opened.id, same)
    with pytest.raises(PermissionDenied):
        rounds.second_round(KOFI, opened.id)
    with pytest.raises(WorkflowError, match="agree on every indicator"):
        rounds.second_round(LEAD, opened.id)


def test_a_rater_dissents_from_the_consensus_on_the_record(store, rounds, opened, assessment):
    submit_all(rounds, opened.id)
    with pytest.raises(WorkflowError, match="no consensus"):
        rounds.dissent(AMINA, opened.id, "1.2", "Too low.")
    rounds.close(LEAD, opened.id, assessment.revision, {"1.2": {"score": 1, "rationale": "UN figure."}})
    made = rounds.dissent(AMINA, opened.id, "1.2", "The local monitors' count is twice the UN figure.")
    assert (made.rater, made.indicator_id) == ("amina", "1.2")
    with pytest.raises(WorkflowError, match="already"):
        rounds.dissent(AMINA, opened.id, "1.2", "Again.")
    with pytest.raises(PermissionDenied):
        rounds.dissent(VERA, opened.id, "1.2", "Not a rater.")
    with pytest.raises(InvalidInput):
        rounds.dissent(JONAS, opened.id, "1.2", "")
    assert [(d.rater, d.text[:9]) for d in rounds.dissents(VERA, opened.id)] == [("amina", "The local")]
    assert any(r.action == "round.dissent" for r in store.audit_log(ADMIN, assessment_id=assessment.id))
