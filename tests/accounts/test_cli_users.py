"""`riskframe user add|list|disable|enable|passwd` and `demo` with accounts, in-process with click's
runner (the subprocess path is in test_cli_identity.py), on both engines."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from riskframe.cli import cli
from tests.accounts.conftest import ADMIN, FOCAL_XA, PASSWORD


def invoke(url, *args, user=ADMIN.username, password=PASSWORD, stdin=None):
    env = {k: None for k in os.environ if k.startswith("RISKFRAME_")}
    env.update(RISKFRAME_DATABASE_URL=url, RISKFRAME_USER=user, RISKFRAME_PASSWORD=password)
    result = CliRunner().invoke(cli, [str(a) for a in args], input=stdin, env=env, catch_exceptions=False)
    result.returncode = result.exit_code
    return result


def test_user_commands(database_url, store, people):
    def run(*args, user=ADMIN.username, password=PASSWORD, stdin=None):
        return invoke(database_url, *args, user=user, password=password, stdin=stdin)

    listed = run("user", "list", "--format", "json")
    assert listed.returncode == 0 and "$argon2" not in listed.stdout
    assert {a["username"]: a["role"] for a in json.loads(listed.stdout)}[FOCAL_XA.username] == "focal_point"
    assert run("user", "list", user=FOCAL_XA.username).returncode == 2
    assert run("user", "disable", FOCAL_XA.username).returncode == 0
    assert run("assessments", "list", user=FOCAL_XA.username).returncode == 2  # disabled: cannot sign in
    assert run("user", "enable", FOCAL_XA.username).returncode == 0
    reset = run("user", "passwd", FOCAL_XA.username, "--password-stdin", stdin="reset by the admin 1\n")
    assert reset.returncode == 0, reset.stderr
    own = run("user", "passwd", FOCAL_XA.username, "--password-stdin", user=FOCAL_XA.username,
              password="reset by the admin 1", stdin="chosen by myself 22\n")
    assert own.returncode == 0, own.stderr
    other = run("user", "passwd", "viewer.xa", "--password-stdin", user=FOCAL_XA.username,
                password="chosen by myself 22", stdin="not mine to change\n")
    assert other.returncode == 2 and "may not administer" in other.stderr
    short = run("user", "passwd", FOCAL_XA.username, "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "at least 12" in short.stderr and "short\n" not in short.stderr
    assert people.sign_in(FOCAL_XA.username, "chosen by myself 22").username == FOCAL_XA.username
    actions = [r.action for r in store.audit_log(ADMIN, action="account.")][::-1]
    assert actions[-4:] == ["account.disable", "account.enable", "account.password", "account.password"]
    demo = run("demo", user=FOCAL_XA.username, password="chosen by myself 22")
    assert demo.returncode == 2 and "may not administer the demo data" in demo.stderr
