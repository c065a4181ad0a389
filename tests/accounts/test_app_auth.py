"""Signing in to the app (AppTest, auth on): first run, the sign-in gate, lockout, expiry,
sign-out, pages by role, and a page run by itself stops unless someone is signed in."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from riskframe.app import auth
from riskframe.settings import REPO_ROOT
from tests.accounts.conftest import ADMIN, ANALYST_XA, FOCAL_XA, PASSWORD, VIEWER_XA

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def app_env(database_url, monkeypatch):
    for name in ("RISKFRAME_AUTH", "RISKFRAME_ACTOR", "RISKFRAME_USER", "RISKFRAME_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", database_url)
    return database_url


def no_exception(at):
    assert not at.exception, [e.value for e in at.exception]


def open_app(user: str | None = None, page: str | None = None, idle_seconds: float = 0, **query) -> AppTest:
    """app.py, or one page's `page()` on its own; `user` is signed in `idle_seconds` ago."""
    if page is None:
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=90)
    else:
        module, _, function = page.partition(".")
        at = AppTest.from_string(f"from riskframe.app.pages import {module}\n{module}.{function or 'page'}()\n",
                                 default_timeout=90)
    if user:
        at.session_state[auth.USER_KEY] = user
        at.session_state[auth.ACTIVITY_KEY] = time.time() - idle_seconds
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_username").input(name)
    at.text_input(key="sign_in_password").input(password)
    return at.button[-1].click().run()


@SQLITE
def test_first_run_creates_the_admin_before_anything_else(app_env, store):
    at = open_app()
    no_exception(at)
    assert [t.value for t in at.title] == ["Welcome to riskframe"]
    assert [b.label for b in at.button] == ["Create the admin account"]
    alone = open_app(page="assess", country="XA")
    assert [w.value for w in alone.warning] == ["Sign in first."] and not alone.selectbox
    at.text_input(key="first_run_username").input("Amina.Admin")
    at.text_input(key="first_run_password").input(PASSWORD)
    at.text_input(key="first_run_repeat").input(PASSWORD + "x")
    at.button[0].click().run()
    assert "differ" in at.error[0].value and at.title[0].value == "Welcome to riskframe"
    at.text_input(key="first_run_username").input("Amina.Admin")
    at.text_input(key="first_run_password").input(PASSWORD)
    at.text_input(key="first_run_repeat").input(PASSWORD)
    at.button[0].click().run()
    no_exception(at)
    assert at.session_state[auth.USER_KEY] == "amina.admin"
    assert "Load the fictional demo data" in [b.label for b in at.button]  # the demo is one click away
    assert any("Signed in as **amina\\.admin**" in c.value for c in at.sidebar.caption)
    log = [(r.actor, r.action) for r in store.audit_log(ADMIN)]
    assert ("amina.admin", "account.create") in log and ("amina.admin", "auth.sign_in") in log


@SQLITE
def test_nothing_but_the_sign_in_form_until_signed_in(app_env, store, people):
    at = open_app()
    assert [t.value for t in at.title] == ["Sign in to riskframe"] and not at.dataframe
    at = sign_in(at, FOCAL_XA.username, "not my password")
    assert "Sign-in failed" in at.error[0].value and auth.USER_KEY not in at.session_state
    at = sign_in(at, FOCAL_XA.username.upper(), PASSWORD)
    no_exception(at)
    assert at.session_state[auth.USER_KEY] == FOCAL_XA.username and at.title[0].value == "riskframe"
    rows = store.audit_log(ADMIN, username=FOCAL_XA.username, action="auth.")
    assert [(r.action, r.detail["channel"]) for r in rows] == [("auth.sign_in", "app"), ("auth.sign_in_failed", "app")]


@SQLITE
def test_five_failures_lock_the_account_in_the_app(app_env, store, people):
    at = open_app()
    for _ in range(5):
        at = sign_in(at, VIEWER_XA.username, "guessing again")
    at = sign_in(at, VIEWER_XA.username, PASSWORD)
    assert "Sign-in failed" in at.error[0].value and "locked for 15 minutes" in at.error[0].value
    assert auth.USER_KEY not in at.session_state
    assert store.audit_log(ADMIN, action="auth.locked")[0].actor == VIEWER_XA.username


@SQLITE
def test_session_expires_after_inactivity(app_env, store, people, monkeypatch):
    at = open_app(ADMIN.username, idle_seconds=61 * 60)
    assert at.title[0].value == "Sign in to riskframe" and "60 minutes without activity" in at.info[0].value
    assert auth.USER_KEY not in at.session_state
    assert store.audit_log(ADMIN, action="auth.session_expired")[0].actor == ADMIN.username
    monkeypatch.setenv("RISKFRAME_SESSION_TIMEOUT_MINUTES", "5")
    assert open_app(ADMIN.username, idle_seconds=4 * 60).title[0].value == "riskframe"
    assert open_app(ADMIN.username, idle_seconds=6 * 60).title[0].value == "Sign in to riskframe"


@SQLITE
def test_disabling_an_account_ends_its_session_and_sign_out_works(app_env, store, people):
    at = open_app(FOCAL_XA.username)
    assert at.title[0].value == "riskframe"
    people.set_active(ADMIN, FOCAL_XA.username, False)
    at.run()
    assert at.title[0].value == "Sign in to riskframe" and "disabled" in at.info[0].value
    at = open_app(ADMIN.username)
    at.sidebar.button(key="sign_out").click().run()
    assert at.title[0].value == "Sign in to riskframe" and auth.USER_KEY not in at.session_state
    assert store.audit_log(ADMIN, action="auth.sign_out")[0].actor == ADMIN.username


@SQLITE
def test_pages_follow_the_role(app_env, people):
    script = ("import streamlit as st\nfrom riskframe.app import main\n"
              "for role in ('admin', 'analyst', 'focal_point', 'viewer'):\n"
              "    st.text(role + ':' + ','.join(p.title for p in main.pages(role)))\n")
    at = AppTest.from_string(script, default_timeout=60).run()
    shown = dict(t.value.split(":", 1) for t in at.text)
    assert shown["admin"].split(",") == ["Home", "Assess", "Review", "Rating rounds", "Country dashboard",
                                         "Compare countries", "Alerts", "Import / Export", "Reports", "Framework",
                                         "My account", "Admin"]
    assert "Admin" not in shown["analyst"] and "Assess" not in shown["analyst"] and "Review" in shown["analyst"]
    assert "Assess" in shown["focal_point"] and "Review" not in shown["focal_point"]
    assert not {"Assess", "Review", "Admin"} & set(shown["viewer"].split(","))
    for who in (ANALYST_XA, FOCAL_XA, VIEWER_XA):  # the Admin page itself refuses too
        at = open_app(who.username, page="admin")
        no_exception(at)
        assert "Only administrators" in at.error[0].value and not at.dataframe
    viewer_home = open_app(VIEWER_XA.username)
    assert "Load the fictional demo data" not in [b.label for b in viewer_home.button]
