"""The assessments service enforces the workflow: checklist on submit, the revision seen, comments stored."""

from __future__ import annotations

import pytest

from riskframe.assessments import Assessments, ChecklistFailed, StaleRevision
from riskframe.domain import EntryIn
from riskframe.store import InvalidInput, PermissionDenied, WorkflowError, open_store
from tests.assessments.conftest import ADMIN, ANALYST, FOCAL, VIEWER, counts, fill


def test_submit_at_40_percent_coverage_is_refused_naming_every_item_and_writes_nothing(service, store):
    aid, head = fill(service, 0.4, consult=False)
    before = counts(store, aid)
    with pytest.raises(ChecklistFailed) as caught:
        service.submit(FOCAL, aid, head)
    labels = [u.label for u in caught.value.unmet]
    assert labels == ["Coverage at least 80%", "At least one consultation recorded"]
    assert "coverage is 40%" in str(caught.value) and "no consultation recorded" in str(caught.value)
    assert counts(store, aid) == before  # no revision, no audit row, still a draft


def test_red_flag_without_evidence_is_an_unmet_item(service, store, fw):
    aid, head = fill(service, 1.0)
    flag = next(i.id for f in fw.factors for i in f.indicators if i.red_flag)
    level = fw.manifest.scoring.red_flag.raised_at
    head = service.save_entries(FOCAL, aid, head, {flag: EntryIn(score=level, evidence="")}).revision
    with pytest.raises(ChecklistFailed) as caught:
        service.submit(FOCAL, aid, head)
    assert [u.label for u in caught.value.unmet] == ["Evidence on every raised red flag"]
    assert flag in caught.value.unmet[0].detail


def test_complete_assessment_submits_and_validates(service):
    aid, head = fill(service, 1.0)
    submitted = service.submit(FOCAL, aid, head)
    assert submitted.status == "submitted"
    assert service.validate(ANALYST, aid, submitted.revision).status == "validated"


def test_validate_with_a_stale_seen_revision_is_refused_naming_both(service, store):
    aid, head = fill(service, 1.0)
    submitted = service.submit(FOCAL, aid, head)
    seen = submitted.revision
    service.return_(ANALYST, aid, seen, reason="check 1.1")
    again = service.submit(FOCAL, aid, seen + 1)  # resubmitted meanwhile
    before = counts(store, aid)
    with pytest.raises(StaleRevision) as caught:
        service.validate(ANALYST, aid, seen)
    message = str(caught.value)
    assert f"you saw revision {seen}" in message and f"now at revision {again.revision}" in message
    assert "nothing was written" in message
    assert counts(store, aid) == before


def test_the_store_compare_and_set_is_what_refuses_a_race(service, store):
    """A colleague saves between the service's checklist read and its transition: still refused."""
    aid, head = fill(service, 1.0)
    original = service.get
    raced = []

    def racing_get(actor, assessment_id, as_of_revision=None):
        view = original(actor, assessment_id, as_of_revision)
        if not raced:
            raced.append(store.save_entries(ADMIN, aid, head, {"1.1": EntryIn(score=0, evidence="Calm.")},
                                            {"1.1"}).revision)
        return view

    service.get = racing_get  # type: ignore[method-assign]
    with pytest.raises(StaleRevision) as caught:
        service.submit(FOCAL, aid, head)
    assert f"you saw revision {head}, it is now at revision {raced[0]}" in str(caught.value)
    assert store.get_assessment(ADMIN, aid).status == "draft"


def test_return_needs_a_reason_or_a_comment_and_uses_the_unresolved_comments(service, store):
    aid, head = fill(service, 1.0)
    seen = service.submit(FOCAL, aid, head).revision
    with pytest.raises(WorkflowError, match="needs the reviewer's comments"):
        service.return_(ANALYST, aid, seen)
    first = service.add_comment(ANALYST, aid, "Which report says so?", indicator_id="1.1", seen_revision=seen)
    service.add_comment(ANALYST, aid, "Please add a consultation with women's groups.")
    service.resolve_comment(ANALYST, aid, first.id)
    returned = service.return_(ANALYST, aid, seen)
    assert returned.status == "returned"
    note = store.list_revisions(ADMIN, aid)[-1].note
    assert note == "general: Please add a consultation with women's groups."


def test_comments_are_stored_audited_and_visible_to_a_new_store(service, store, fw, database_url):
    aid, head = fill(service, 1.0)
    seen = service.submit(FOCAL, aid, head).revision
    service.add_comment(ANALYST, aid, "Source for the militia reports?", indicator_id="7.5", seen_revision=seen)
    service.add_comment(ANALYST, aid, "Overall well argued.")
    assert store.get_assessment(ADMIN, aid).revision == seen  # a comment is not a revision
    with open_store(database_url) as fresh:
        grouped = Assessments(fresh, fw).comments_by_indicator(FOCAL, aid)
        assert [c.text for c in grouped["7.5"]] == ["Source for the militia reports?"]
        assert [(c.text, c.author) for c in grouped[None]] == [("Overall well argued.", ANALYST.username)]
        done = Assessments(fresh, fw).resolve_comment(FOCAL, aid, grouped["7.5"][0].id)
        assert done.resolved_by == FOCAL.username and done.resolved
    assert [c.text for c in service.comments(FOCAL, aid, unresolved_only=True)] == ["Overall well argued."]
    actions = [r.action for r in store.audit_log(ADMIN, assessment_id=aid, action="comment.")]
    assert actions == ["comment.resolve", "comment.add", "comment.add"]


def test_a_viewer_may_read_comments_but_not_add_or_resolve_them(service, store):
    aid, _ = fill(service, 0.2)
    c = service.add_comment(FOCAL, aid, "Note to self: check 1.2")
    with pytest.raises(PermissionDenied):
        service.add_comment(VIEWER, aid, "I have a view")
    with pytest.raises(PermissionDenied):
        service.resolve_comment(VIEWER, aid, c.id)
    assert [x.text for x in service.comments(VIEWER, aid)] == ["Note to self: check 1.2"]
    assert store.audit_log(ADMIN, action="access.denied")[0].actor == VIEWER.username
    outsider = FOCAL.model_copy(update={"username": "focal.xb", "countries": frozenset({"XB"})})
    with pytest.raises(PermissionDenied):
        service.comments(outsider, aid)


def test_comment_input_is_checked(service):
    aid, _ = fill(service, 0.2)
    with pytest.raises(InvalidInput, match="not an indicator"):
        service.add_comment(FOCAL, aid, "?", indicator_id="99.9")
    with pytest.raises(InvalidInput, match="needs some text"):
        service.add_comment(FOCAL, aid, "   ")


def test_roles_and_moves_are_checked_before_the_checklist(service):
    aid, head = fill(service, 0.4, consult=False)
    with pytest.raises(PermissionDenied):
        service.submit(ANALYST, aid, head)  # submitting is the focal point's
    with pytest.raises(WorkflowError, match="cannot go from draft to validated"):
        service.validate(ANALYST, aid, head)
    with pytest.raises(InvalidInput):
        service.submit(FOCAL, aid, 0)


def test_reopen_needs_a_reason_and_the_revision_seen(service):
    aid, head = fill(service, 1.0)
    seen = service.validate(ANALYST, aid, service.submit(FOCAL, aid, head).revision).revision
    with pytest.raises(WorkflowError, match="needs a reason"):
        service.reopen(ANALYST, aid, seen, "")
    with pytest.raises(StaleRevision):
        service.reopen(ANALYST, aid, seen - 1, "new facts")
    assert service.reopen(ANALYST, aid, seen, "new facts").status == "draft"


def test_score_report_of_the_head(service):
    aid, _ = fill(service, 1.0)
    report = service.score_report(FOCAL, aid)
    assert report["coverage"] == 1.0 and report["tier"]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_comments_are_in_backups_and_come_back_on_restore(service, store, tmp_path):
    aid, _ = fill(service, 0.2)
    kept = service.add_comment(FOCAL, aid, "Kept in backups", indicator_id="1.1")
    service.resolve_comment(FOCAL, aid, kept.id)
    counts = store.backup(ADMIN, tmp_path / "backup.json.gz")
    assert counts["review_comments"] == 1
    with open_store(f"sqlite:///{tmp_path / 'restored.db'}") as target:
        target.upgrade()
        target.restore(ADMIN, tmp_path / "backup.json.gz")
        back = target.list_comments(ADMIN, aid)
    assert [(c.text, c.indicator_id, c.resolved_by) for c in back] == [("Kept in backups", "1.1", FOCAL.username)]


def test_the_checklist_warns_when_women_or_youth_were_not_heard_but_submitting_stays_allowed(service, store):
    from riskframe.store import ConsultationIn
    from tests.assessments.conftest import FOCAL, fill

    aid, head = fill(service, 1.0)  # one consultation, with a youth council
    items = service.checklist(service.get(FOCAL, aid))
    heard = next(i for i in items if i.label == "Women and young people consulted")
    assert not heard.ok and not heard.blocking and "Women's organisations" in heard.detail
    assert "Youth" not in heard.detail
    head = service.save_list(FOCAL, aid, head, "consultations", [
        *[ConsultationIn(category=c.category, name=c.name, date=c.date, key=c.key)
          for c in service.get(FOCAL, aid).consultations],
        ConsultationIn(category="womens_organisations", name="Women's network")]).revision
    heard = next(i for i in service.checklist(service.get(FOCAL, aid)) if i.label == "Women and young people consulted")
    assert heard.ok
    assert service.submit(FOCAL, aid, head).status.value == "submitted"


def test_a_missing_women_or_youth_consultation_does_not_block_submission(service):
    from tests.assessments.conftest import FOCAL, fill

    aid, head = fill(service, 1.0)
    assert service.submit(FOCAL, aid, head).status.value == "submitted"
