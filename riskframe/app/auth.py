"""Signing in to the app: the first-run admin, the sign-in form, single sign-on, sign-out, expiry.

The session keeps only the username and the time of the last activity. A reload keeps the person
signed in: signing in opens an app session whose signed token the server puts in an HttpOnly,
SameSite=Strict cookie (riskframe.accounts.sessions, riskframe.app.session_routes); a new browser
session with a cookie still honoured resumes it. Sign-out, the inactivity timeout and a disabled
account end it in the database. The role and countries
are read from the accounts table on every run, so disabling an account or changing its scope
applies at the person's next click. After `session_timeout_minutes` without activity the
session is signed out. With an `[auth]` section in .streamlit/secrets.toml, `st.login` (OpenID
Connect) proves who someone is; riskframe's accounts table still decides whether they may come in
and as what (matched on e-mail or username).
"""

from __future__ import annotations

import importlib.util
import json
import time

import streamlit as st

from riskframe.accounts import Accounts, SignInFailed
from riskframe.i18n import _
from riskframe.accounts.sessions import COOKIE, CookieSessions
from riskframe.settings import Settings
from riskframe.store import Actor, InvalidInput, Store
from riskframe.store.errors import PermissionDenied

USER_KEY = "auth_user"
ACTIVITY_KEY = "auth_last_activity"
NOTICE_KEY = "auth_notice"
SESSION_KEY = "auth_session_id"
TICKET_KEY = "auth_cookie_ticket"
CLEAR_KEY = "auth_clear_cookie"
TOUCH_SECONDS = 60  # how often an active session's last activity is written to the database


def local_actor(settings: Settings) -> Actor:
    """RISKFRAME_AUTH=off while no account exists (tests, a one-person trial): one local admin."""
    return Actor(username=settings.actor or "local", role="admin")


def sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def _sso_user_email() -> str | None:
    if not sso_configured():
        return None
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or "") or None
    except Exception:
        return None
    return None


def start_session(username: str, store: Store | None = None, settings: Settings | None = None) -> None:
    """Signed in: with the store, also an app session whose cookie the page asks the server for."""
    st.session_state[USER_KEY] = username
    st.session_state[ACTIVITY_KEY] = time.time()
    if store is not None and settings is not None:
        session_id, ticket = CookieSessions(store, settings).open(username)
        st.session_state[SESSION_KEY] = session_id
        st.session_state[TICKET_KEY] = ticket


def _cookie() -> str | None:
    """The session cookie the browser sent with this session's connection (st.context.cookies)."""
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # no browser connection (a bare script run)
        return None


def _fetch(path: str, body: dict | None = None) -> None:
    """A same-origin POST from the page (the cookie routes); a failure changes nothing."""
    payload = json.dumps(json.dumps(body or {}))
    st.html(f"<script>fetch({json.dumps(path)}, {{method: 'POST', credentials: 'same-origin', "
            f"headers: {{'Content-Type': 'application/json'}}, body: {payload}}}).catch(() => null);</script>",
            unsafe_allow_javascript=True)


def _hand_over_cookie() -> None:
    """Once after signing in: the page exchanges its one-time ticket for the HttpOnly cookie."""
    from riskframe.app.session_routes import SESSION_PATH

    ticket = st.session_state.pop(TICKET_KEY, None)
    if ticket:
        _fetch(SESSION_PATH, {"ticket": ticket})


def _resume(store: Store, settings: Settings, accounts: Accounts) -> Actor | None:
    """A new browser session (a reload) with a session cookie still honoured: signed in again."""
    found = CookieSessions(store, settings).resume(_cookie())
    if found is None:
        return None
    session_id, username = found
    actor = accounts.actor_of(username)
    if actor is None:
        CookieSessions(store, settings).end(session_id, "disabled")
        return None
    st.session_state[USER_KEY] = username
    st.session_state[ACTIVITY_KEY] = time.time()
    st.session_state[SESSION_KEY] = session_id
    st.session_state["auth_touched"] = time.time()
    return actor


def _touch(store: Store, settings: Settings) -> None:
    """Move the app session's last activity (at most once a minute)."""
    session_id = st.session_state.get(SESSION_KEY)
    if session_id and time.time() - float(st.session_state.get("auth_touched") or 0) > TOUCH_SECONDS:
        CookieSessions(store, settings).touch(session_id)
        st.session_state["auth_touched"] = time.time()


def _end_session(accounts: Accounts, username: str, action: str, notice: str | None, **detail: object) -> None:
    session_id = st.session_state.pop(SESSION_KEY, None)
    if session_id:
        CookieSessions(accounts.store, accounts.settings).end(session_id, action.removeprefix("auth."))
        st.session_state[CLEAR_KEY] = True
    for key in (USER_KEY, ACTIVITY_KEY, TICKET_KEY):
        st.session_state.pop(key, None)
    accounts.record(username, action, {"channel": "app", **detail})
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if _sso_user_email():
        st.logout()  # otherwise the identity cookie would sign them straight back in


def current_actor(store: Store, settings: Settings) -> Actor | None:
    """The signed-in person's Actor, or None (nobody, expired, disabled, or first run)."""
    accounts = Accounts(store, settings)
    if not accounts.exist():
        return local_actor(settings) if settings.auth == "off" else None
    username = st.session_state.get(USER_KEY)
    if username:
        idle = time.time() - float(st.session_state.get(ACTIVITY_KEY) or 0)
        if idle > settings.session_timeout_minutes * 60:
            _end_session(accounts, username, "auth.session_expired",
                         _("You were signed out after {minutes} minutes without activity.").format(
                             minutes=settings.session_timeout_minutes),
                         idle_minutes=round(idle / 60))
            return None
        actor = accounts.actor_of(username)
        if actor is None:
            _end_session(accounts, username, "auth.sign_out", _("Your account was disabled."), reason="disabled")
            return None
        st.session_state[ACTIVITY_KEY] = time.time()
        _touch(store, settings)
        _hand_over_cookie()
        return actor
    resumed = _resume(store, settings, accounts)
    if resumed is not None:
        return resumed
    email = _sso_user_email()
    if email:
        try:
            actor = accounts.sign_in_sso(email)
        except SignInFailed:
            st.session_state[NOTICE_KEY] = _("{email} has no active riskframe account. Ask an administrator to add "
                                             "one with this e-mail address.").format(email=email)
            return None
        start_session(actor.username, store, settings)
        _hand_over_cookie()
        return actor
    return None


def require_actor(store: Store, settings: Settings) -> Actor:
    """For pages: the signed-in Actor, or the page stops here (nothing of it is shown)."""
    actor = current_actor(store, settings)
    if actor is None:
        st.warning(_("Sign in first."))
        st.stop()
    return actor


def sign_out(store: Store, settings: Settings) -> None:
    username = st.session_state.get(USER_KEY)
    if username:
        _end_session(Accounts(store, settings), username, "auth.sign_out", _("You are signed out."))
    st.rerun()


def first_run_page(store: Store, settings: Settings) -> None:
    """No account yet: create the admin before anything else."""
    st.title(_("Welcome to riskframe"))
    st.write(_("There is no account yet. Create the administrator's account first: it adds the other accounts "
               "(focal points, analysts, viewers) and decides which countries each may see."))
    with st.form("first_run"):  # a refusal keeps what was typed
        username = st.text_input(_("Username"), key="first_run_username", help=_("Letters, digits, . _ @ + -"))
        email = st.text_input(_("E-mail (optional, for single sign-on)"), key="first_run_email")
        password = st.text_input(_("Password"), type="password", key="first_run_password",
                                 help=_("At least {n} characters.").format(n=settings.password_min_length))
        repeat = st.text_input(_("Repeat the password"), type="password", key="first_run_repeat")
        submitted = st.form_submit_button(_("Create the admin account"), type="primary")
    if not submitted:
        return
    if password != repeat:
        st.error(_("The two passwords differ. Nothing was created."))
        return
    accounts = Accounts(store, settings)
    try:
        made = accounts.add(Actor.system("first-run"), username, password, "admin", email=email or None,
                            first_run=True)
    except (InvalidInput, PermissionDenied) as exc:
        st.error(_("Not created: {reason}").format(reason=exc))
        return
    accounts.record(made.username, "auth.sign_in", {"channel": "first-run"})
    start_session(made.username, store, settings)
    st.rerun()


def sign_in_page(store: Store, settings: Settings) -> None:
    st.title(_("Sign in to riskframe"))
    if st.session_state.pop(CLEAR_KEY, None):  # after sign-out or expiry: the browser forgets the cookie
        from riskframe.app.session_routes import SIGN_OUT_PATH

        _fetch(SIGN_OUT_PATH)
    if notice := st.session_state.pop(NOTICE_KEY, None):
        st.info(notice)
    if sso_configured():
        if importlib.util.find_spec("authlib") is None:
            st.error(_("Single sign-on is configured in .streamlit/secrets.toml but Authlib is not installed "
                       "(`pip install Authlib`)."))
        elif st.button(_("Sign in with single sign-on"), type="primary", key="sso_sign_in"):
            st.login()
        st.caption(_("Or with a riskframe password:"))
    with st.form("sign_in", clear_on_submit=True):
        name = st.text_input(_("Username or e-mail"), key="sign_in_username")
        password = st.text_input(_("Password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(_("Sign in"), type="primary")
    if not submitted:
        return
    try:
        actor = Accounts(store, settings).sign_in(name, password, channel="app")
    except SignInFailed as exc:
        st.error(_("{reason} After {n} failed attempts in a row an account is locked for {minutes} minutes.").format(
            reason=exc, n=settings.max_failed_sign_ins, minutes=settings.lockout_minutes))
        return
    start_session(actor.username, store, settings)
    st.rerun()
