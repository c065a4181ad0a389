"""`riskframe export | template | import`: exit codes, stdout/stderr, and nothing written unless --yes.

One run goes through a real subprocess (as a user would run it: a smoke test of the entry point and
of exit codes on a real interpreter); the rest use click's CliRunner in-process, which is the same
code without the interpreter start-up.
"""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from riskframe.cli import excel_cmds
from riskframe.settings import REPO_ROOT
from tests.excel.helpers import ACTOR, OTHER, create, file_hash, fill, sample_entries

RUN = ("from riskframe.cli import cli; from riskframe.cli import excel_cmds; "
       "excel_cmds.register(cli); cli(prog_name='riskframe')")


@pytest.fixture
def env(db_url, monkeypatch):
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", db_url)
    monkeypatch.setenv("RISKFRAME_ACTOR", "focal.cli")
    return {**os.environ, "RISKFRAME_DATABASE_URL": db_url, "RISKFRAME_ACTOR": "focal.cli"}


def run(env, *args):
    return subprocess.run([sys.executable, "-c", RUN, *map(str, args)], env=env, cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=180)


def invoke(*args):
    group = click.Group("riskframe")
    excel_cmds.register(group)
    return CliRunner().invoke(group, [str(a) for a in args])


def test_template_then_import_needs_yes_and_is_idempotent(fw, store, env, db_path, tmp_path):
    view = create(store, fw, entries=sample_entries(fw, every=3))
    out = tmp_path / "t.xlsx"
    made = invoke("template", "--country", "xa", "--period", "2026-Q3", "--prefill", "--out", out)
    assert made.exit_code == 0 and f"base revision {view.revision}, prefilled" in made.stdout
    out.write_bytes(fill(out.read_bytes(), {"1.1": {"score": 3, "missing": None, "evidence": "=cmd|' /C calc'!A0"}}))
    before = file_hash(db_path, store)
    shown = invoke("import", out)
    assert shown.exit_code == 0, shown.stderr
    assert "1.1" in shown.stdout and "re-run with --yes" in shown.stdout
    assert file_hash(db_path, store) == before
    dry = invoke("import", out, "--dry-run", "--yes")
    assert dry.exit_code == 0 and "dry run" in dry.stdout and file_hash(db_path, store) == before
    done = invoke("import", out, "--yes")
    assert done.exit_code == 0, done.stderr
    assert f"revision {view.revision + 1}" in done.stdout
    entry = store.get_assessment(ACTOR, view.id).entries["1.1"]
    assert (entry.score, entry.evidence, entry.changed_by) == (3, "=cmd|' /C calc'!A0", "focal.cli")
    again = invoke("import", out, "--yes")
    assert again.exit_code == 0 and "nothing to change" in again.stdout
    assert store.get_assessment(ACTOR, view.id).revision == view.revision + 1


def test_hostile_file_exits_2_on_stderr_and_writes_nothing(fw, store, env, db_path, tmp_path):
    create(store, fw)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"))
    before = file_hash(db_path, store)
    result = run(env, "import", bad, "--yes")
    assert result.returncode == 2 and result.stdout == ""
    assert "password-protected" in result.stderr and "nothing was written" in result.stderr
    assert file_hash(db_path, store) == before


def test_invalid_template_lists_every_problem(fw, store, env, tmp_path):
    out = tmp_path / "t.xlsx"
    invoke("template", "--country", "XA", "--period", "2026-Q3", "--out", out)
    out.write_bytes(fill(out.read_bytes(), {"1.1": {"score": 7}, "1.2": {"confidence": "sure"}}))
    result = invoke("import", out, "--yes")
    assert result.exit_code == 2 and result.stdout == ""
    assert "[sheet “Indicators”, row 5, column E] the score must be" in result.stderr
    assert "[sheet “Indicators”, row 6, column G] Confidence must be" in result.stderr
    assert store.list_assessments(ACTOR) == []


def test_stale_template_conflict_exits_2_unless_prefer(fw, store, env, tmp_path):
    view = create(store, fw, entries=sample_entries(fw, every=2))
    out = tmp_path / "t.xlsx"
    invoke("template", "--country", "XA", "--period", "2026-Q3", "--prefill", "--out", out)
    their_score = next(x for x in (0, 1, 2) if x != view.entries["1.1"].score)
    store.save_entries(OTHER, view.id, view.revision, {"1.1": {"score": their_score}}, fw)
    out.write_bytes(fill(out.read_bytes(), {"1.1": {"score": 3, "missing": None}}))
    result = invoke("import", out, "--yes")
    assert result.exit_code == 2
    assert "conflict" in result.stderr and "indicator 1.1 score" in result.stderr and "analyst.b" in result.stderr
    assert store.get_assessment(ACTOR, view.id).entries["1.1"].score == their_score
    mine = invoke("import", out, "--yes", "--prefer", "mine")
    assert mine.exit_code == 0, mine.stderr
    assert store.get_assessment(ACTOR, view.id).entries["1.1"].score == 3


def test_export_modes_and_bad_options(fw, store, env, tmp_path):
    view = create(store, fw, entries=sample_entries(fw))
    out = tmp_path / "e.xlsx"
    done = invoke("export", "--assessment", view.id, "--out", out)
    assert done.exit_code == 0 and out.stat().st_size > 10_000, done.stderr
    assert done.stdout.startswith(f"wrote {out}")
    for args, message in [(("--country", "XA", "--period", "2026-Q3"), "exactly one"),
                          (("--period", "2026-Q3", "--countries", "XA,XQ"), "no assessment in 2026-Q3 for: XQ"),
                          (("--assessment", 42), "no assessment 42"), (("--country", "XA", "--from", "2027"), None)]:
        result = invoke("export", *args, "--out", tmp_path / "x.xlsx")
        if message is None:
            assert result.exit_code == 2 and "no assessment of XA" in result.stderr
        else:
            assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert invoke("export", "--country", "XA", "--out", tmp_path / "x.csv").exit_code == 2
    assert invoke("export", "--country", "XA", "--from", "2026-Q1", "--out", out).exit_code == 0
