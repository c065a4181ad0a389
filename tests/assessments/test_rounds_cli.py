"""`riskframe rounds open|invite|status|submit|review|close` end to end on the command line (issue 21)."""

from __future__ import annotations

import json

import pytest

from riskframe.accounts import Accounts
from tests.assessments.conftest import ADMIN, fill
from tests.cli_support import cli_invoker

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
PASSWORD = "correct horse battery staple"
PEOPLE = {"lead.xa": "analyst", "ana.xa": "focal_point", "ben.xa": "focal_point", "cy.xa": "analyst"}
SHEETS = {  # 1.2 is two levels apart between ana and ben
    "ana.xa": "indicator,score,missing,confidence,rationale\n1.1,2,,high,Clashes in two regions\n1.2,0,,,\n1.3,,unknown,,\n",
    "ben.xa": "indicator,score,missing,confidence,rationale\n1.1,2,,,\n1.2,2,,medium,\"Peace deal, collapsing\"\n"
              "1.3,,unknown,,\n",
    "cy.xa": "indicator,score,missing,confidence,rationale\n1.1,2,,,\n1.2,1,,,\n1.3,,unknown,,\n",
}


@pytest.fixture
def people(store):
    accounts = Accounts(store)
    accounts.add(ADMIN, "root.admin", PASSWORD, "admin")
    for name, role in PEOPLE.items():
        accounts.add(ADMIN, name, PASSWORD, role, ["XA"])


@pytest.fixture
def run(database_url, monkeypatch, tmp_path, people):
    invoke = cli_invoker(monkeypatch, database_url, tmp_path)

    def as_(user: str, *args: object):
        monkeypatch.setenv("RISKFRAME_USER", user)
        monkeypatch.setenv("RISKFRAME_PASSWORD", PASSWORD)
        return invoke(*args)

    return as_


@SQLITE
def test_three_raters_blind_then_review_then_one_consensus_revision(run, service, store, tmp_path):
    aid, head = fill(service, 0.1)
    opened = run("lead.xa", "rounds", "open", "--assessment", aid, "--indicators", "1.1,1.2,1.3", "--format", "json")
    assert opened.exit_code == 0, opened.stderr
    rid = json.loads(opened.stdout)["id"]
    invited = run("lead.xa", "rounds", "invite", "--round", rid, "ana.xa", "ben.xa", "cy.xa")
    assert invited.exit_code == 0 and "ana.xa" in invited.stdout, invited.stderr
    for name, text in SHEETS.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    done = run("ben.xa", "rounds", "submit", "--round", rid, "--input", tmp_path / "ben.xa.csv")
    assert done.exit_code == 0, done.stderr
    # ana has not submitted: she may not read ben's scores through the review, and the refusal is audited
    blind = run("ana.xa", "rounds", "review", "--round", rid)
    assert blind.exit_code == 2 and blind.stdout == "" and "round" in blind.stderr
    leak = tmp_path / "leak.csv"
    refused = run("ana.xa", "rounds", "export", "--round", rid, "--out", leak)
    assert refused.exit_code == 2 and not leak.exists()
    assert any(r.actor == "ana.xa" for r in store.audit_log(ADMIN, action="access.denied"))
    for name in ("ana.xa", "cy.xa"):
        assert run(name, "rounds", "submit", "--round", rid, "--input", tmp_path / f"{name}.csv").exit_code == 0
    status = run("ana.xa", "rounds", "status", "--round", rid)
    assert status.exit_code == 0 and "yes" in status.stdout and "2," not in status.stdout
    review = run("lead.xa", "rounds", "review", "--round", rid, "--bootstrap", 200, "--format", "json")
    assert review.exit_code == 0, review.stderr
    found = json.loads(review.stdout)
    assert [d["indicator_id"] for d in found["disagreements"]] == ["1.2"]
    low, high = found["rater_range"]
    assert low < high
    exported = run("lead.xa", "rounds", "export", "--round", rid, "--out", tmp_path / "sheets.csv")
    assert exported.exit_code == 0, exported.stderr
    alpha_of = run("lead.xa", "agreement", "--input", tmp_path / "sheets.csv", "--level", "ordinal", "--format", "json")
    assert alpha_of.exit_code == 0, alpha_of.stderr
    assert json.loads(alpha_of.stdout)["alpha"] == pytest.approx(found["overall"]["value"], abs=1e-3)
    table = run("lead.xa", "rounds", "review", "--round", rid, "--bootstrap", 0)
    assert "Krippendorff's alpha" in table.stdout and "Rater range of the composite" in table.stdout
    # closing without deciding 1.2 is refused, naming it; with a decision, one consensus revision
    head = store.get_assessment(ADMIN, aid).revision
    refused = run("lead.xa", "rounds", "close", "--round", rid, "--seen-revision", head)
    assert refused.exit_code == 2 and "1.2" in refused.stderr
    (tmp_path / "decide.csv").write_text("indicator,score,rationale\n1.2,1,The UN figure is the firmest\n",
                                         encoding="utf-8")
    revisions = len(store.list_revisions(ADMIN, aid))
    closed = run("lead.xa", "rounds", "close", "--round", rid, "--seen-revision", head, "--decisions",
                 tmp_path / "decide.csv", "--format", "json")
    assert closed.exit_code == 0, closed.stderr
    assert len(store.list_revisions(ADMIN, aid)) == revisions + 1
    entries = store.get_assessment(ADMIN, aid).entries
    assert (entries["1.1"].score, entries["1.2"].score) == (2, 1)


@SQLITE
def test_a_bad_scoresheet_names_every_row_and_column_and_writes_nothing(run, service, store, tmp_path):
    aid, _head = fill(service, 0.1)
    rid = json.loads(run("lead.xa", "rounds", "open", "--assessment", aid, "--factor", "1", "--format",
                         "json").stdout)["id"]
    run("lead.xa", "rounds", "invite", "--round", rid, "ana.xa")
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,score\n1.1,high\n,2\n1.1,1\n", encoding="utf-8")
    out = run("ana.xa", "rounds", "submit", "--round", rid, "--input", bad)
    assert out.exit_code == 2
    for where in ("row 2, column score", "row 3, column indicator", "row 4, column indicator"):
        assert where in out.stderr
    status = json.loads(run("ana.xa", "rounds", "status", "--round", rid, "--format", "json").stdout)
    assert status[0]["raters"] == [{"username": "ana.xa", "submitted": False}]


@SQLITE
def test_delphi_second_round_and_a_dissent_on_the_command_line(run, service, store, tmp_path):
    aid, _head = fill(service, 0.1)
    rid = json.loads(run("lead.xa", "rounds", "open", "--assessment", aid, "--indicators", "1.1,1.2,1.3",
                         "--format", "json").stdout)["id"]
    run("lead.xa", "rounds", "invite", "--round", rid, "ana.xa", "ben.xa", "cy.xa")
    for name, text in SHEETS.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
        assert run(name, "rounds", "submit", "--round", rid, "--input", tmp_path / f"{name}.csv").exit_code == 0
    second = run("lead.xa", "rounds", "second", "--round", rid, "--format", "json")
    assert second.exit_code == 0, second.stderr
    r2 = json.loads(second.stdout)
    assert (r2["number"], r2["indicator_ids"], r2["parent_round_id"]) == (2, ["1.2"], rid)
    shown = run("ana.xa", "rounds", "distribution", "--round", r2["id"])
    assert shown.exit_code == 0 and "0: 1  1: 1  2: 1" in shown.stdout and "ben" not in shown.stdout
    for name in SHEETS:
        (tmp_path / "again.csv").write_text("indicator,score\n1.2,1\n", encoding="utf-8")
        assert run(name, "rounds", "submit", "--round", r2["id"], "--input", tmp_path / "again.csv").exit_code == 0
    head = store.get_assessment(ADMIN, aid).revision
    assert run("lead.xa", "rounds", "close", "--round", r2["id"], "--seen-revision", head).exit_code == 0
    assert store.list_revisions(ADMIN, aid)[-1].kind == "consensus"
    said = run("ana.xa", "rounds", "dissent", "--round", r2["id"], "--indicator", "1.2", "--text", "Local count is higher")
    assert said.exit_code == 0, said.stderr
    listed = run("cy.xa", "rounds", "dissents", "--round", r2["id"])
    assert "Local count is higher" in listed.stdout and "ana.xa" in listed.stdout


@SQLITE
def test_round_commands_speak_the_chosen_language(run, service, tmp_path):
    """What `rounds` prints (tables, problems in a sheet) follows --lang, like every other command (issue 19)."""
    aid, _head = fill(service, 0.1)
    rid = json.loads(run("lead.xa", "rounds", "open", "--assessment", aid, "--factor", "1", "--format",
                         "json").stdout)["id"]
    run("lead.xa", "rounds", "invite", "--round", rid, "ana.xa")
    status = run("lead.xa", "--lang", "fr", "rounds", "status", "--round", rid)
    assert status.exit_code == 0 and "évaluateur" in status.stdout and "rater" not in status.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,score\n1.1,high\n", encoding="utf-8")
    out = run("ana.xa", "--lang", "es", "rounds", "submit", "--round", rid, "--input", bad)
    assert out.exit_code == 2 and "fila 2, columna score" in out.stderr and "no se escribió nada" in out.stderr
    neither = run("lead.xa", "--lang", "fr", "rounds", "status")
    assert neither.exit_code == 2 and "indiquez soit" in neither.stderr
