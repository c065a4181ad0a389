"""`riskframe assessments create|checklist|submit|validate|return|reopen|comment`, in-process (CliRunner)."""

from __future__ import annotations

import json

import pytest

from riskframe.assessments import Assessments
from tests.cli_support import cli_invoker
from tests.assessments.conftest import ADMIN, ANALYST, counts, fill

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def run(database_url, monkeypatch, tmp_path):
    return cli_invoker(monkeypatch, database_url, tmp_path, actor="ops")


@SQLITE
def test_submit_at_40_percent_exits_2_naming_every_item_and_writes_nothing(run, service, store):
    aid, head = fill(service, 0.4, consult=False)
    before = counts(store, aid)
    done = run("assessments", "submit", aid, "--seen-revision", head)
    assert done.exit_code == 2 and done.stdout == ""
    assert "Coverage at least 80%: coverage is 40%" in done.stderr
    assert "At least one consultation recorded: no consultation recorded" in done.stderr
    assert counts(store, aid) == before
    listed = run("assessments", "checklist", aid, "--format", "json")
    assert [i["ok"] for i in json.loads(listed.stdout)][:4] == [False, True, False, True]  # nothing carried over


@SQLITE
def test_validate_with_a_stale_seen_revision_exits_2_naming_both_and_writes_nothing(run, service, store):
    aid, head = fill(service, 1.0)
    submitted = run("assessments", "submit", aid, "--seen-revision", head, "--format", "json")
    assert submitted.exit_code == 0, submitted.stderr
    seen = json.loads(submitted.stdout)["revision"]
    service.return_(ANALYST, aid, seen, reason="check 1.1")
    now = service.submit(ADMIN, aid, seen + 1).revision
    before = counts(store, aid)
    stale = run("assessments", "validate", aid, "--seen-revision", seen)
    assert stale.exit_code == 2 and stale.stdout == ""
    assert f"you saw revision {seen}, it is now at revision {now}" in stale.stderr
    assert counts(store, aid) == before
    ok = run("assessments", "validate", aid, "--seen-revision", now)
    assert ok.exit_code == 0 and "validated" in ok.stdout
    reopened = run("assessments", "reopen", aid, "--seen-revision", now + 1, "--reason", "new facts")
    assert reopened.exit_code == 0 and "status draft" in reopened.stdout, reopened.stderr


@SQLITE
def test_create_comment_return_and_resolve(run, store, fw):
    created = run("assessments", "create", "XA", "2026-Q3", "--format", "json")
    assert created.exit_code == 0, created.stderr
    a = json.loads(created.stdout)
    assert (a["country"], a["status"], a["framework_version"]) == ("XA", "draft", fw.version)
    again = run("assessments", "create", "XA", "2026-Q3")
    assert again.exit_code == 2 and "already has an assessment" in again.stderr
    service = Assessments(store, fw)
    aid, head = a["id"], service.save_entries(ADMIN, a["id"], 1, {i: {"score": 1, "evidence": "seen"}
                                                                   for i in fw.indicators}).revision
    service.save_list(ADMIN, aid, head, "consultations", [{"category": "nhri", "name": "NHRI"}])
    seen = run("assessments", "submit", aid, "--seen-revision", head + 1)
    assert seen.exit_code == 0, seen.stderr
    seen_rev = head + 2
    nothing = run("assessments", "return", aid, "--seen-revision", seen_rev)
    assert nothing.exit_code == 2 and "needs the reviewer's comments" in nothing.stderr
    bad = run("assessments", "comment", "add", aid, "Why?", "--indicator", "99.9")
    assert bad.exit_code == 2 and "not an indicator" in bad.stderr
    added = run("assessments", "comment", "add", aid, "Which source says so?", "--indicator", "1.1")
    assert added.exit_code == 0 and "on indicator 1.1" in added.stdout
    returned = run("assessments", "return", aid, "--seen-revision", seen_rev)
    assert returned.exit_code == 0 and "status returned" in returned.stdout
    assert store.list_revisions(ADMIN, aid)[-1].note == "1.1: Which source says so?"
    listed = json.loads(run("assessments", "comment", "list", aid, "--format", "json").stdout)
    assert [(c["indicator_id"], c["author"], c["resolved_by"]) for c in listed] == [("1.1", "ops", None)]
    resolved = run("assessments", "comment", "resolve", aid, listed[0]["id"])
    assert resolved.exit_code == 0 and "resolved by ops" in resolved.stdout
    assert run("assessments", "comment", "list", aid, "--unresolved").stdout.count("Which source") == 0
    missing = run("assessments", "comment", "resolve", aid, 999)
    assert missing.exit_code == 2 and "has no comment 999" in missing.stderr


@SQLITE
def test_score_shows_the_scoring_of_the_stored_assessment(run, service):
    aid, _ = fill(service, 1.0)
    shown = run("assessments", "score", aid, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    report = json.loads(shown.stdout)
    assert report["coverage"] == 1.0 and report["composite"] is not None and report["factors"]
    table = run("assessments", "score", aid)
    assert f"assessment {aid}: composite {report['composite']}" in table.stdout
    missing = run("assessments", "score", 999)
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
