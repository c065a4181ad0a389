"""A sign-in that survives a reload (issue 16): signed token in an HttpOnly cookie, ended by
sign-out, the inactivity timeout and a disabled account; the token never passes through the page."""

import datetime as dt
import os
import stat

import pytest
import asyncio
import json

from starlette.requests import Request

from riskframe.accounts import Accounts
from riskframe.accounts.sessions import COOKIE, CookieSessions, secret_of
from riskframe.settings import Settings
from riskframe.store import Actor, open_store


@pytest.fixture
def setup(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'rf.db'}"
    monkeypatch.setenv("RISKFRAME_DATABASE_URL", url)
    monkeypatch.setenv("RISKFRAME_DATA_DIR", str(tmp_path))
    store = open_store(url)
    store.upgrade()
    settings = Settings(database_url=url, data_dir=tmp_path, session_timeout_minutes=30)
    Accounts(store, settings).add(Actor.system("test"), "amina", "a long enough passphrase", "admin", first_run=True)
    yield store, settings, tmp_path
    store.close()


def test_the_secret_is_made_once_and_private(tmp_path):
    first = secret_of(tmp_path)
    assert first == secret_of(tmp_path) and len(first) > 40
    assert stat.S_IMODE(os.stat(tmp_path / "session_secret").st_mode) == 0o600


def test_a_ticket_gives_one_cookie_which_resumes_the_session(setup):
    store, settings, _ = setup
    sessions = CookieSessions(store, settings)
    session_id, ticket = sessions.open("amina")
    cookie = sessions.cookie_for(ticket)
    assert cookie and ticket not in cookie
    assert sessions.cookie_for(ticket) is None  # once only
    assert sessions.resume(cookie) == (session_id, "amina")
    assert sessions.resume(cookie[:-2] + "xx") is None  # a forged signature
    assert sessions.resume(None) is None


def test_sign_out_and_idleness_end_the_session(setup):
    store, settings, _ = setup
    sessions = CookieSessions(store, settings)
    session_id, ticket = sessions.open("amina")
    cookie = sessions.cookie_for(ticket)
    sessions.end(session_id, "sign_out")
    assert sessions.resume(cookie) is None
    session_id, ticket = sessions.open("amina")
    cookie = sessions.cookie_for(ticket)
    later = store.now() + dt.timedelta(minutes=31)
    store._clock = lambda: later
    assert sessions.resume(cookie) is None  # idle longer than the timeout


def _post(handler, body=None):
    """Call a route handler with a POST whose JSON body is `body` (no HTTP client needed)."""
    data = json.dumps(body or {}).encode()

    async def receive():
        return {"type": "http.request", "body": data, "more_body": False}

    scope = {"type": "http", "method": "POST", "path": "/", "headers": [(b"content-type", b"application/json")],
             "query_string": b"", "scheme": "http", "server": ("127.0.0.1", 80)}
    return asyncio.run(handler(Request(scope, receive)))


def test_the_route_sets_an_httponly_strict_cookie_for_a_valid_ticket_only(setup):
    from riskframe.app.session_routes import ROUTES, clear_cookie, set_cookie

    assert {r.path for r in ROUTES} == {"/_riskframe/session", "/_riskframe/sign-out"}
    store, settings, _ = setup
    _, ticket = CookieSessions(store, settings).open("amina")
    assert _post(set_cookie, {"ticket": "forged"}).status_code == 403
    response = _post(set_cookie, {"ticket": ticket})
    assert response.status_code == 200
    header = response.headers["set-cookie"]
    assert header.startswith(f"{COOKIE}=") and "HttpOnly" in header and "SameSite=strict" in header
    assert _post(set_cookie, {"ticket": ticket}).status_code == 403
    cleared = _post(clear_cookie).headers["set-cookie"]
    assert cleared.startswith(f'{COOKIE}=""') and "Max-Age=0" in cleared


def test_a_reload_with_the_cookie_is_signed_in_and_sign_out_ends_it(setup, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from riskframe.app import auth
    from riskframe.settings import REPO_ROOT

    store, settings, _ = setup
    sessions = CookieSessions(store, settings)
    session_id, ticket = sessions.open("amina")
    cookie = sessions.cookie_for(ticket)
    monkeypatch.setattr(auth, "_cookie", lambda: cookie)  # what st.context.cookies gives a reloaded page
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(b.label == "Sign out" for b in at.button)
    at.button(key="sign_out").click().run()
    assert sessions.resume(cookie) is None
    again = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run()
    assert any(b.label == "Sign in" for b in again.button)


def test_a_disabled_account_is_not_resumed_and_its_session_ends(setup, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from riskframe.app import auth
    from riskframe.settings import REPO_ROOT

    store, settings, _ = setup
    sessions = CookieSessions(store, settings)
    _, ticket = sessions.open("amina")
    cookie = sessions.cookie_for(ticket)
    accounts = Accounts(store, settings)
    accounts.add(Actor.system("test"), "second", "a long enough passphrase", "admin")
    accounts.set_active(Actor(username="second", role="admin"), "amina", False)
    monkeypatch.setattr(auth, "_cookie", lambda: cookie)
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60).run()
    assert any(b.label == "Sign in" for b in at.button)
    assert sessions.resume(cookie) is None
