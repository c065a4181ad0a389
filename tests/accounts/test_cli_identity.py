"""The command line acts with identity: the system actor only while no account exists, then the
account named by --as / RISKFRAME_USER, signed in with RISKFRAME_PASSWORD, and scoped like
everyone else. In-process with click's runner on both engines; one real subprocess (the last
test) checks that the same holds for `python -m riskframe.cli` as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from riskframe.settings import REPO_ROOT
from tests.accounts.conftest import ADMIN, FOCAL_XA, PASSWORD, SECRET, run_cli


def riskframe(url, tmp_path, *args, user=None, password=PASSWORD, stdin=None):
    return run_cli(url, *args, user=user, password=password, stdin=stdin, data_dir=tmp_path)


def test_bootstrap_then_every_command_needs_an_account(database_url, store, tmp_path):
    run = lambda *a, **k: riskframe(database_url, tmp_path, *a, **k)
    assert run("assessments", "list").returncode == 0  # no account: the system actor
    no_option = run("user", "add", "--username", "x.admin", "--role", "admin", "--password", PASSWORD)
    assert no_option.returncode == 2 and "No such option" in no_option.stderr
    not_admin = run("user", "add", "--username", "focal.one", "--role", "focal_point", "--country", "XA",
                    "--password-stdin", stdin=PASSWORD + "\n")
    assert not_admin.returncode == 2 and "first account must be an admin" in not_admin.stderr
    first = run("user", "add", "--username", "Root.Admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert first.returncode == 0 and "root.admin (admin" in first.stdout, first.stderr
    anonymous = run("assessments", "list")
    assert anonymous.returncode == 2 and "--as USER" in anonymous.stderr and anonymous.stdout == ""
    added = run("user", "add", "--username", "focal.xa", "--role", "focal_point", "--country", "xa", "--country", "XB",
                "--password-stdin", user="root.admin", stdin=PASSWORD + "\n")
    assert added.returncode == 0 and "focal.xa (focal_point; XA, XB)" in added.stdout, added.stderr
    wrong = run("assessments", "list", user="root.admin", password="not the password")
    assert wrong.returncode == 2 and "Sign-in failed" in wrong.stderr
    no_password = run("--as", "root.admin", "user", "list")
    assert no_password.returncode == 2 and "RISKFRAME_PASSWORD" in no_password.stderr  # no terminal to prompt in
    log = [(r.actor, r.action, (r.detail or {}).get("channel")) for r in store.audit_log(ADMIN, action="auth.")]
    assert log[0] == ("root.admin", "auth.sign_in_failed", "cli") and ("root.admin", "auth.sign_in", "cli") in log


def test_a_focal_point_on_the_cli_sees_and_changes_only_their_country(database_url, store, people, two_countries,
                                                                        tmp_path):
    xa, xb = two_countries["XA"], two_countries["XB"]

    def run(*args, user=FOCAL_XA.username, **kw):
        return riskframe(database_url, tmp_path, *args, user=user, **kw)

    listed = run("assessments", "list", "--format", "json")
    assert listed.returncode == 0 and [a["country"] for a in json.loads(listed.stdout)] == ["XA"]
    for args in (("assessments", "show", xb), ("assessments", "diff", xa, xb),
                 ("export", "--assessment", xb, "--out", tmp_path / "xb.xlsx"),
                 ("template", "--country", "XB", "--period", "2026-Q1", "--prefill", "--out", tmp_path / "t.xlsx"),
                 ("backup", tmp_path / "all.json")):
        done = run(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "may not" in done.stderr and done.stdout == "" and SECRET not in done.stderr
    assert not list(tmp_path.glob("*.xlsx")) and not (tmp_path / "all.json").exists()
    shown = run("--as", "analyst.xa", "assessments", "show", xa, "--format", "json")  # --as wins over the env
    assert shown.returncode == 0 and json.loads(shown.stdout)["country"] == "XA"
    exported = run("export", "--country", "XA", "--out", tmp_path / "xa.xlsx")
    assert exported.returncode == 0 and (tmp_path / "xa.xlsx").exists()
    trail = store.audit_log(ADMIN, action="excel.export")
    assert [(r.actor, r.detail["country"], r.detail["channel"]) for r in trail] == [(FOCAL_XA.username, "XA", "cli")]
    assert {r.actor for r in store.audit_log(ADMIN, action="access.denied")} == {FOCAL_XA.username}


def test_cli_imports_are_scoped_and_audited(database_url, store, people, two_countries, fw, tmp_path):
    from riskframe.excel.template import template_bytes
    from tests.excel.helpers import fill

    values = {"1.1": {"score": 3, "missing": None, "evidence": "typed offline"}}
    (tmp_path / "xb.xlsx").write_bytes(fill(template_bytes(fw, "XB", "2026-Q2"), values))
    (tmp_path / "xa.xlsx").write_bytes(fill(template_bytes(fw, "XA", "2026-Q2"), values))
    refused = riskframe(database_url, tmp_path, "import", tmp_path / "xb.xlsx", "--yes", user=FOCAL_XA.username)
    assert refused.returncode == 2 and "may not" in refused.stderr and "nothing was written" in refused.stderr
    viewer = riskframe(database_url, tmp_path, "import", tmp_path / "xa.xlsx", "--yes", user="viewer.xa")
    assert viewer.returncode == 2 and "viewer" in viewer.stderr
    assert store.find_assessment(ADMIN, "XB", "2026-Q2") is None
    assert store.find_assessment(ADMIN, "XA", "2026-Q2") is None
    done = riskframe(database_url, tmp_path, "import", tmp_path / "xa.xlsx", "--yes", user=FOCAL_XA.username)
    assert done.returncode == 0, done.stderr
    found = store.find_assessment(ADMIN, "XA", "2026-Q2")
    (row,) = store.audit_log(ADMIN, action="excel.import")
    assert (row.actor, row.assessment_id, row.detail["indicators"], row.detail["file"]) == (
        FOCAL_XA.username, found.id, 1, "xa.xlsx")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_subprocess_smoke_the_installed_command_signs_in_like_the_runner(database_url, store, tmp_path):
    def run(*args, user=None, stdin=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("RISKFRAME_")}
        env.update(RISKFRAME_DATABASE_URL=database_url, RISKFRAME_DATA_DIR=str(tmp_path))
        if user:
            env.update(RISKFRAME_USER=user, RISKFRAME_PASSWORD=PASSWORD)
        done = subprocess.run([sys.executable, "-m", "riskframe.cli", *map(str, args)], env=env, cwd=REPO_ROOT,
                              input=stdin, capture_output=True, text=True, timeout=180)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    first = run("user", "add", "--username", "root.admin", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert first.returncode == 0 and "root.admin (admin" in first.stdout, first.stderr
    anonymous = run("assessments", "list")
    assert anonymous.returncode == 2 and "--as USER" in anonymous.stderr and anonymous.stdout == ""
    signed_in = run("assessments", "list", "--format", "json", user="root.admin")
    assert signed_in.returncode == 0 and json.loads(signed_in.stdout) == [], signed_in.stderr
    log = [(r.actor, r.action, (r.detail or {}).get("channel")) for r in store.audit_log(ADMIN, action="auth.")]
    assert log == [("root.admin", "auth.sign_in", "cli")]
