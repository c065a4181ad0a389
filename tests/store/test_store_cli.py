"""The store's CLI commands, on a click group built here (the lead wires them into `riskframe`)."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner
from store_helpers import IDS

from riskframe.cli.store_cmds import register
from riskframe.domain import EntryIn
from riskframe.store import Actor


@pytest.fixture
def cli() -> click.Group:
    group = click.Group("riskframe")
    register(group)
    return group


@pytest.fixture
def run(cli, database_url, monkeypatch):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", database_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "ops")

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_list_show_diff(run, store, alice):
    assert run("db", "upgrade").exit_code == 0
    a = store.create_assessment(alice, "KE", "2026-Q1", "un-foa-2014", "1.0.0")
    rev = store.save_entries(alice, a.id, 1, {"1.1": EntryIn(score=2, evidence="radio")}, IDS).revision
    b = store.create_assessment(alice, "UG", "2026-Q1", "un-foa-2014", "1.0.0")
    listed = run("assessments", "list", "--format", "json", "--country", "KE")
    assert listed.exit_code == 0 and [x["id"] for x in json.loads(listed.stdout)] == [a.id]
    table = run("assessments", "list")
    assert "KE" in table.stdout and "UG" in table.stdout and "2026-Q1" in table.stdout
    shown = json.loads(run("assessments", "show", str(a.id), "--format", "json").stdout)
    assert shown["entries"]["1.1"]["score"] == 2 and shown["revision"] == rev
    old = json.loads(run("assessments", "show", str(a.id), "--as-of", "1", "--format", "json").stdout)
    assert old["entries"] == {} and old["head_revision"] == rev
    revisions = store.list_revisions(alice, a.id)
    at_1 = json.loads(run("assessments", "show", str(a.id), "--as-of", revisions[0].at.isoformat(),
                          "--format", "json").stdout)
    assert at_1["revision"] == 1
    text = run("assessments", "show", str(a.id)).stdout
    assert "radio" in text and "revision 2 of 2" in text
    diff = json.loads(run("assessments", "diff", str(a.id), str(b.id), "--format", "json").stdout)
    assert {"field": "entries.1.1.score", "old": 2, "new": None} .items() <= diff[0].items()


@pytest.mark.parametrize("args", [
    ("assessments", "list", "--country", "ZZZ"),
    ("assessments", "list", "--period", "2026-Q9"),
    ("assessments", "list", "--status", "approved"),
    ("assessments", "show", "999"),
    ("assessments", "show", "1", "--as-of", "yesterday"),
    ("restore", "/nonexistent/backup.json"),
])
def test_bad_input_exits_2_with_stderr_only(run, args):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert any(word in result.stderr for word in ("country", "period", "status", "999", "--as-of", "path"))


def test_backup_and_restore(run, store, empty_url, alice, tmp_path, monkeypatch):
    store.create_assessment(alice, "KE", "2026-Q1", "un-foa-2014", "1.0.0")
    path = tmp_path / "snapshot.json"
    result = run("backup", str(path))
    assert result.exit_code == 0 and path.exists() and "rows" in result.stdout
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", empty_url)
    assert run("restore", str(path)).exit_code == 0
    listed = json.loads(run("assessments", "list", "--format", "json").stdout)
    assert [x["country"] for x in listed] == ["KE"]
    again = run("restore", str(path))
    assert again.exit_code == 2 and "not empty" in again.stderr and again.stdout == ""
    assert store.audit_log(Actor.system(), action="backup")[0].actor == "ops"


@pytest.mark.parametrize("argv", [["db", "upgrade"], ["user", "list"], ["demo"]])
def test_postgresql_url_without_psycopg_is_one_sentence(argv, monkeypatch, capsys):
    """psycopg is the `postgres` extra: without it a postgresql URL names the extra, not a traceback."""
    import importlib.util
    import sys

    from riskframe import cli as cli_package

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *rest: None if name == "psycopg" else real(name, *rest))
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", "postgresql://someone@127.0.0.1:1/riskframe")
    monkeypatch.setattr(sys, "argv", ["riskframe", *argv])
    with pytest.raises(SystemExit) as exited:
        cli_package.main()
    assert exited.value.code in (1, 2)
    err = capsys.readouterr().err
    assert "psycopg" in err and "riskframe[postgres]" in err and "Traceback" not in err
